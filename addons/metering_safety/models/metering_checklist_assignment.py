# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MeteringChecklistAssignment(models.Model):
    """Checklists for emergencies (tools and spare parts) and for
    department-level incidents (the steps of each type)."""

    _inherit = "metering.checklist.assignment"

    target_model = fields.Selection(
        selection_add=[
            ("metering.emergency", "Company-Level Emergency"),
            ("metering.incident", "Department-Level Incident"),
        ],
        ondelete={"metering.emergency": "cascade", "metering.incident": "cascade"},
    )
    incident_type_id = fields.Many2one(
        "metering.incident.type", index="btree_not_null", ondelete="cascade"
    )
