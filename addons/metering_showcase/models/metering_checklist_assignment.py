# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MeteringChecklistAssignment(models.Model):
    """Readiness checklists for exhibition-hall visits: every checklist of a
    visit guards its start."""

    _inherit = "metering.checklist.assignment"

    target_model = fields.Selection(
        selection_add=[("metering.showcase.visit", "Exhibition Hall Visit")],
        ondelete={"metering.showcase.visit": "cascade"},
    )
