# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


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
    template_version = fields.Integer(related="template_id.version", string="Version")
    template_state = fields.Selection(
        related="template_id.state", string="Template Status"
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
        domain=lambda self: self._guard_stage_domain(),
        help="The order cannot reach this stage, or a later one, while a mandatory "
        "item of the checklist is unanswered or a critical item failed.",
    )
    is_mandatory = fields.Boolean(
        "Mandatory",
        compute="_compute_is_mandatory",
        help="The checklist guards a stage: the order does not pass it until "
        "the checklist is complete.",
    )

    @api.constrains("stage_id")
    def _check_stage_id(self):
        guardable = self.env["fsm.stage"].sudo().search(self._guard_stage_domain())
        for assignment in self.filtered("stage_id"):
            if assignment.stage_id not in guardable:
                raise ValidationError(
                    self.env._(
                        "Checklist %(template)s cannot guard %(stage)s: a checklist "
                        "guards a stage of the work of an order, one of %(stages)s.",
                        template=assignment.template_id.display_name,
                        stage=assignment.stage_id.display_name,
                        stages=", ".join(guardable.mapped("display_name")),
                    )
                )

    @api.depends("stage_id")
    def _compute_is_mandatory(self):
        for assignment in self:
            assignment.is_mandatory = bool(assignment.stage_id)

    @api.model
    def _guard_stage_domain(self):
        """The stages a checklist may guard: the stages of work orders (not of
        teams, locations or equipment) that an order reaches by its work, so
        neither the stage new orders start in nor Cancelled, which nothing
        guards."""
        # read by whoever loads the form (fields_get), stages or not
        excluded = self.env["fsm.order"].sudo()._default_stage_id() | (
            self.env.ref("fieldservice.fsm_stage_cancelled", raise_if_not_found=False)
            or self.env["fsm.stage"]
        )
        return [("stage_type", "=", "order"), ("id", "not in", excluded.ids)]
