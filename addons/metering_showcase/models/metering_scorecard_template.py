# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

# What may still change on a published or archived template.
FROZEN_EXCEPTIONS = {"state", "active", "message_main_attachment_id"}


class MeteringScorecardTemplate(models.Model):
    """A scorecard (评价表, manual 6.7) as a center manager designs it:
    criteria in sections, each weighted, scored from the suite's data or by
    the evaluator. Published once and then frozen, like a checklist
    template: changing it makes a new version, and the evaluations already
    made keep theirs."""

    _name = "metering.scorecard.template"
    _description = "Scorecard Template"
    _inherit = ["mail.thread", "metering.earned.mixin"]
    _order = "name, version desc, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    description = fields.Html(translate=True)
    subject = fields.Selection(
        [("team", "Field Team"), ("employee", "Employee")],
        "Evaluates",
        default="team",
        required=True,
        tracking=True,
    )
    version = fields.Integer(default=1, readonly=True, copy=False)
    state = fields.Selection(
        [("draft", "Draft"), ("published", "Published"), ("archived", "Archived")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", help="Empty: every company.")
    previous_version_id = fields.Many2one(
        "metering.scorecard.template",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    criterion_ids = fields.One2many(
        "metering.scorecard.criterion", "template_id", "Criteria", copy=True
    )
    criterion_count = fields.Integer(compute="_compute_criterion_count")
    total_weight = fields.Float(compute="_compute_criterion_count")

    @api.depends("criterion_ids.display_type", "criterion_ids.weight")
    def _compute_criterion_count(self):
        for template in self:
            criteria = template.criterion_ids.filtered(lambda c: not c.display_type)
            template.criterion_count = len(criteria)
            template.total_weight = sum(criteria.mapped("weight"))

    @api.depends("name", "version")
    def _compute_display_name(self):
        for template in self:
            template.display_name = self.env._(
                "%(name)s (v%(version)s)", name=template.name, version=template.version
            )

    def write(self, vals):
        frozen = self.filtered(lambda t: t.state != "draft")
        res = super().write(vals)
        if set(vals) - FROZEN_EXCEPTIONS:
            # after the field access check; the transaction rolls back
            frozen._check_editable()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        if (
            self.env["metering.evaluation"]
            .sudo()
            .search_count([("template_id", "in", self.ids)], limit=1)
        ):
            raise UserError(
                self.env._(
                    "Evaluations were made with this scorecard: archive it instead."
                )
            )

    def _check_editable(self):
        if self.env.context.get(MODULE_UNINSTALL_FLAG):
            return
        frozen = self.filtered(lambda t: t.state != "draft")
        if frozen:
            raise UserError(
                self.env._(
                    "Scorecard %(template)s is %(state)s and cannot be edited in "
                    "place: create a new version.",
                    template=frozen[0].display_name,
                    state=dict(self._fields["state"]._description_selection(self.env))[
                        frozen[0].state
                    ],
                )
            )

    # Actions ----------------------------------------------------------------

    def action_publish(self):
        self._metering_check_role("center_manager")
        for template in self.filtered(lambda t: t.state == "draft"):
            if not template.total_weight:
                raise UserError(
                    self.env._(
                        "Scorecard %(template)s has no weighted criterion.",
                        template=template.display_name,
                    )
                )
            template.criterion_ids._check_complete()
            previous = template.previous_version_id
            template._metering_earn({"state": "published"})
            if previous.state == "published":
                previous._metering_earn({"state": "archived"})
        return True

    def action_archive_template(self):
        """Archived for good: a new version is the way to change it."""
        self._metering_check_role("center_manager")
        self._metering_earn({"state": "archived"})
        return True

    def action_new_version(self):
        """A draft copy with the next version number."""
        self.ensure_one()
        self._metering_check_role("center_manager")
        draft = self.search(
            [("previous_version_id", "=", self.id), ("state", "=", "draft")], limit=1
        )
        if not draft:
            self.check_access("create")
            draft = (
                self.sudo()
                .copy(
                    {
                        "version": self.version + 1,
                        "previous_version_id": self.id,
                        "name": self.name,
                    }
                )
                .sudo(False)
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": draft.id,
            "view_mode": "form",
        }
