# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Metering Safety",
    "summary": "Pre-job safety briefings, qualifications, emergency management "
    "and document confidentiality for the metering center",
    "version": "19.0.1.0.0",
    "category": "Services/Field Service",
    "website": "https://github.com/metering-compliance/metering-compliance-suite",
    "author": "Metering Compliance Suite Authors",
    "maintainers": ["metering-compliance"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "depends": ["metering_service"],
    "external_dependencies": {"python": []},
    "data": [
        "security/metering_safety_security.xml",
        "security/ir.model.access.csv",
        "security/metering_qualification_rules.xml",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "data/fsm_stage_data.xml",
        "data/metering_incident_type_data.xml",
        "data/metering_hazard_data.xml",
        "data/metering_qualification_type_data.xml",
        "data/fsm_order_type_data.xml",
        "data/metering_checklist_template_data.xml",
        "wizards/metering_emergency_fault_wizard_views.xml",
        "wizards/metering_safety_override_wizard_views.xml",
        "report/metering_safety_briefing_report.xml",
        "views/metering_safety_briefing_views.xml",
        "views/metering_emergency_views.xml",
        "views/metering_incident_views.xml",
        "views/fsm_order_views.xml",
        "views/metering_qualification_views.xml",
        "views/metering_hazard_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/metering_incident_demo.xml",
        "demo/metering_safety_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "metering_safety/static/src/**/*",
        ],
        "web.assets_tests": [
            "metering_safety/static/tests/tours/*.js",
        ],
    },
}
