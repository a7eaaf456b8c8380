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
    "depends": ["metering_service", "metering_safety", "calendar", "report_xlsx"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/metering_showcase_security.xml",
        "security/ir.model.access.csv",
        "security/metering_scorecard_rules.xml",
        "data/calendar_event_type_data.xml",
        "views/calendar_event_views.xml",
        "wizards/metering_evaluation_generate_wizard_views.xml",
        "wizards/metering_evaluation_return_wizard_views.xml",
        "views/metering_scorecard_template_views.xml",
        "views/metering_evaluation_views.xml",
        "report/metering_evaluation_reports.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/calendar_event_demo.xml",
        "demo/metering_evaluation_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "metering_showcase/static/tests/tours/*.js",
        ],
    },
}
