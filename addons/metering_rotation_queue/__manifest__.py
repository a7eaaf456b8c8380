# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Metering Rotation Queue",
    "summary": "Plan the rotation of a city's meters as queue jobs, one per batch "
    "of orders, across the job runner's workers",
    "version": "19.0.1.0.0",
    "category": "Services/Field Service",
    "website": "https://github.com/metering-compliance/metering-compliance-suite",
    "author": "Metering Compliance Suite Authors",
    "maintainers": ["metering-compliance"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "auto_install": True,
    "depends": ["metering_service", "queue_job"],
    "external_dependencies": {"python": []},
    "data": [
        "security/ir.model.access.csv",
        "security/metering_rotation_queue_security.xml",
        "data/queue_job_channel_data.xml",
        "data/queue_job_function_data.xml",
        "views/queue_job_views.xml",
        "wizards/metering_rotation_wizard_views.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "metering_rotation_queue/static/tests/tours/*.js",
        ],
    },
}
