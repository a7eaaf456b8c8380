# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

# What may still change on a published or archived template.
FROZEN_EXCEPTIONS = {"state", "active", "assignment_ids", "message_main_attachment_id"}


class MeteringChecklistTemplate(models.Model):
    """A compliance checklist as a center manager designs it: sections and
    items, published once and then frozen. Changing a published template
    makes a new version; the checklists already started keep theirs."""

    _name = "metering.checklist.template"
    _description = "Checklist Template"
    _inherit = ["mail.thread", "metering.earned.mixin"]
    _order = "name, version desc, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    description = fields.Html(translate=True)
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
        "metering.checklist.template", readonly=True, copy=False, index="btree_not_null"
    )
    item_ids = fields.One2many(
        "metering.checklist.item", "template_id", "Items", copy=True
    )
    assignment_ids = fields.One2many(
        "metering.checklist.assignment", "template_id", "Assignments"
    )
    item_count = fields.Integer(compute="_compute_item_count")
    # Which version new orders get, and where: a draft version shows the
    # requirements it takes over on publication, an archived one its successor.
    live_version_id = fields.Many2one(
        "metering.checklist.template",
        "Version in Use",
        compute="_compute_live_version",
        help="The published version of this template: the one new orders get.",
    )
    carried_assignment_ids = fields.Many2many(
        "metering.checklist.assignment",
        compute="_compute_live_version",
        string="Required On (Version in Use)",
        help="Where the version in use is required: publishing this version "
        "moves these requirements to it.",
    )

    @api.depends("item_ids.display_type")
    def _compute_item_count(self):
        for template in self:
            template.item_count = len(
                template.item_ids.filtered(lambda item: not item.display_type)
            )

    @api.depends("state", "previous_version_id.state")
    def _compute_live_version(self):
        successors = self.search([("previous_version_id", "in", self.ids)])
        next_of = {t.previous_version_id: t for t in successors}
        for template in self:
            live = template
            # back to the published predecessor of a draft, on to the
            # published successor of an archived version
            while live and live.state == "draft":
                live = live.previous_version_id
            seen = set()
            while live and live.state == "archived" and live.id not in seen:
                seen.add(live.id)
                live = next_of.get(live) or live.search(
                    [("previous_version_id", "=", live.id)], limit=1
                )
            live = live if live.state == "published" else self.browse()
            template.live_version_id = live
            template.carried_assignment_ids = (
                live.assignment_ids
                if live != template
                else self.env["metering.checklist.assignment"]
            )

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
            # after the field access check of write(); the transaction
            # rolls back what was written
            frozen._check_editable()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        if self.env["metering.checklist"].search_count(
            [("template_id", "in", self.ids)], limit=1
        ):
            raise UserError(
                self.env._(
                    "Checklists were filled with this template: archive it instead."
                )
            )

    def _check_editable(self):
        if self.env.context.get(MODULE_UNINSTALL_FLAG):
            return
        frozen = self.filtered(lambda t: t.state != "draft")
        if frozen:
            raise UserError(
                self.env._(
                    "Template %(template)s is %(state)s and cannot be edited in place: "
                    "create a new version.",
                    template=frozen[0].display_name,
                    state=dict(self._fields["state"]._description_selection(self.env))[
                        frozen[0].state
                    ],
                )
            )

    def _initial_checklist_values(self):
        """Score and result of a new checklist of this template, every answer
        still unanswered (conditional items hidden)."""
        self.ensure_one()
        shown = self.item_ids.filtered(
            lambda i: not i.display_type and not i.condition_item_id
        )
        # nothing answered yet: no score, and pending while anything is due
        return {
            "score": 0.0,
            "result": "pending" if shown else "passed",
            "answered_weight": 0.0,
            "passed_weight": 0.0,
            "answered_count": 0,
            "due_count": len(shown.filtered("mandatory")),
            "critical_failure_count": 0,
        }

    def action_publish(self):
        for template in self:
            if template.state != "draft":
                continue
            if not template.item_count:
                raise UserError(
                    self.env._(
                        "Template %(template)s has no item to check.",
                        template=template.display_name,
                    )
                )
            previous = template.previous_version_id
            template._metering_earn({"state": "published"})
            if previous.state == "published":
                # The new version takes over where the old one was required.
                previous.assignment_ids.template_id = template
                previous._metering_earn({"state": "archived"})
        return True

    def action_archive_template(self):
        """Archived for good: a published or archived template never returns
        to draft; a new version is the way to change it."""
        self._metering_earn({"state": "archived"})
        return True

    def action_new_version(self):
        """A draft copy with the next version number; conditions point to the
        copied items."""
        self.ensure_one()
        draft = self.search(
            [("previous_version_id", "=", self.id), ("state", "=", "draft")], limit=1
        )
        if not draft:
            # the version number and its predecessor are earned by the copy
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
            new_by_old = dict(zip(self.item_ids, draft.item_ids, strict=True))
            for old, new in new_by_old.items():
                if old.condition_item_id:
                    condition = new_by_old[old.condition_item_id]
                    new.write(
                        {
                            "condition_item_id": condition.id,
                            "condition_value": old.condition_value,
                            # the same choice, among the copied item's choices
                            "condition_choice_id": condition.choice_ids.filtered(
                                lambda c, old=old: (
                                    c.name == old.condition_choice_id.name
                                )
                            )[:1].id,
                        }
                    )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": draft.id,
            "view_mode": "form",
        }
