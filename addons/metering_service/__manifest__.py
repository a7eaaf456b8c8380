# Copyright 2026 Metering Compliance Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Metering Field Service",
    "summary": "Metering work orders, meter registry and compliance checklists "
    "for the energy-metering center of a power utility",
    "version": "19.0.1.0.0",
    "category": "Services/Field Service",
    "website": "https://github.com/metering-compliance/metering-compliance-suite",
    "author": "Metering Compliance Suite Authors",
    "maintainers": ["metering-compliance"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "application": True,
    "installable": True,
    "depends": ["fieldservice", "helpdesk_mgmt", "hr", "mail"],
    "external_dependencies": {"python": ["openupgradelib"]},
    "data": [
        "security/metering_service_security.xml",
        "security/ir.model.access.csv",
        "data/fsm_order_type_data.xml",
        "data/helpdesk_ticket_category_data.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "data/ir_sequence_data.xml",
        "views/metering_policy_views.xml",
        "views/fsm_location_views.xml",
        "views/fsm_equipment_views.xml",
        "views/fsm_order_views.xml",
        "views/helpdesk_ticket_views.xml",
        "wizards/metering_rotation_wizard_views.xml",
        "views/metering_energy_adjustment_views.xml",
        "report/metering_energy_adjustment_report.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/res_company_demo.xml",
        "demo/res_users_demo.xml",
        "demo/hr_employee_demo.xml",
        "demo/fsm_location_demo.xml",
        "demo/fsm_equipment_demo.xml",
        "demo/metering_energy_adjustment_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "metering_service/static/tests/tours/*.js",
        ],
    },
}
