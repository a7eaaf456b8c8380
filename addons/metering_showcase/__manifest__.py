# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Metering Showcase",
    "summary": "Visitor tours of the metering center's exhibition hall: "
    "scheduling and evaluation scorecards",
    "version": "19.0.1.0.0",
    "category": "Services/Field Service",
    "website": "https://github.com/metering-compliance/metering-compliance-suite",
    "author": "Metering Compliance Suite Authors",
    "maintainers": ["metering-compliance"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "depends": ["metering_service", "calendar", "hr_holidays", "portal"],
    "external_dependencies": {"python": []},
    "data": [
        "security/metering_showcase_security.xml",
        "security/ir.model.access.csv",
        "data/calendar_event_type_data.xml",
        "data/ir_sequence_data.xml",
        "data/metering_showcase_role_data.xml",
        "data/metering_checklist_template_data.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "views/calendar_event_views.xml",
        "views/metering_showcase_hall_views.xml",
        "views/metering_showcase_role_views.xml",
        "views/metering_showcase_visit_views.xml",
        "views/metering_showcase_assignment_views.xml",
        "views/metering_showcase_templates.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/calendar_event_demo.xml",
        "demo/metering_showcase_visit_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "metering_showcase/static/tests/tours/*.js",
        ],
    },
}
