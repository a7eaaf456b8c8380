# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MeteringChecklistAssignment(models.Model):
    """Where a template is required: a kind of target (a work-order type
    today; other addons add theirs) and the stage the checklist guards."""

    _name = "metering.checklist.assignment"
    _description = "Checklist Assignment"
    _inherit = ["metering.earned.mixin"]
    _order = "template_id, id"

    template_id = fields.Many2one(
        "metering.checklist.template",
        required=True,
        ondelete="cascade",
        index=True,
        domain="[('state', '!=', 'archived')]",
    )
    target_model = fields.Selection(
        [("fsm.order", "Work Order"), ("metering.self.check", "Daily Self-Check")],
        required=True,
        default="fsm.order",
    )
    order_type_id = fields.Many2one(
        "fsm.order.type", index="btree_not_null", ondelete="cascade"
    )
    group_id = fields.Many2one(
        "res.groups",
        "Done Daily by",
        help="Every employee whose user has this role gets the self-check each day.",
    )
    stage_id = fields.Many2one(
        "fsm.stage",
        "Complete Before",
        domain="[('stage_type', '=', 'order')]",
        help="The order cannot reach this stage, or a later one, while a mandatory "
        "item of the checklist is unanswered or a critical item failed.",
    )
