# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The delivered work-order checklists now guard the completion stage.

Their assignments are noupdate data: an existing database keeps what the
center manager chose, so only the assignments still guarding nothing get
the completion stage. Orders already under way keep their checklists as
they are; the gate applies when they are next moved to Completed."""

from openupgradelib import openupgrade

DELIVERED = [
    "checklist_template_install_assignment",
    "checklist_template_rotation_assignment",
    "checklist_template_fault_assignment",
    "checklist_template_first_inspection_assignment",
    "checklist_template_dispute_assignment",
    "checklist_template_error_assignment",
    "checklist_template_retrofit_assignment",
    "checklist_template_terminal_assignment",
    "checklist_template_periodic_inspection_assignment",
    "checklist_template_transformer_test_assignment",
]


@openupgrade.migrate()
def migrate(env, version):
    delivered = [
        env.ref(f"metering_service.{xmlid}", raise_if_not_found=False)
        for xmlid in DELIVERED
    ]
    assignments = env["metering.checklist.assignment"].browse(
        [assignment.id for assignment in delivered if assignment]
    )
    assignments.filtered(lambda a: not a.stage_id).write(
        {"stage_id": env.ref("fieldservice.fsm_stage_completed").id}
    )
