# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import namedtuple

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

ITEM_KINDS = [
    ("pass_fail", "Pass / Fail"),
    ("yes_no_na", "Yes / No / Not Applicable"),
    ("number", "Number"),
    ("choice", "Choice"),
    ("text", "Text"),
    ("photo", "Photo"),
    ("signature", "Signature"),
]
CONDITION_ANSWERS = [
    ("pass", "Pass"),
    ("fail", "Fail"),
    ("yes", "Yes"),
    ("no", "No"),
    ("na", "Not Applicable"),
    ("choice", "Choice"),
]
# The answers a condition may wait for, by the kind of the item it is about:
# a number passes within its range, a text, photo or signature once given.
CONDITIONS_BY_KIND = {
    "pass_fail": ("pass", "fail"),
    "yes_no_na": ("yes", "no", "na"),
    "number": ("pass", "fail"),
    "choice": ("choice",),
    "text": ("pass",),
    "photo": ("pass",),
    "signature": ("pass",),
}
# What answering needs to know of an item: fixed once its template is
# published (a published template is frozen), so kept in the registry's cache
# (see MeteringChecklistItem._template_facts) rather than read with every
# answer.
ItemFacts = namedtuple(
    "ItemFacts",
    [
        "kind",
        "has_min",
        "min_value",
        "has_max",
        "max_value",
        "mandatory",
        "critical",
        "weight",
        "fail_requires_note",
        "fail_requires_photo",
        "condition_item_id",
        "condition_value",
        "condition_choice_id",
        # the items shown on a condition about this one
        "dependent_ids",
        # the choices that fail the item
        "failure_choice_ids",
    ],
)


def number_passes(facts, value):
    """Whether a number is within the range of an item (its facts)."""
    return not (
        (facts.has_min and value < facts.min_value)
        or (facts.has_max and value > facts.max_value)
    )


class MeteringChecklistItem(models.Model):
    """One thing to check, or a section heading (display_type) that groups
    the items after it, as in a quotation's lines."""

    _name = "metering.checklist.item"
    _description = "Checklist Item"
    _inherit = ["metering.earned.mixin"]
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "metering.checklist.template", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    display_type = fields.Selection([("line_section", "Section")])
    name = fields.Char("Question", required=True, translate=True)
    kind = fields.Selection(ITEM_KINDS, default="pass_fail")
    unit = fields.Char(help="Unit of a number, e.g. V, A, %, MΩ.")
    min_value = fields.Float("Minimum", help="A smaller number fails.")
    max_value = fields.Float("Maximum", help="A larger number fails.")
    has_min = fields.Boolean("Has Minimum")
    has_max = fields.Boolean("Has Maximum")
    choice_ids = fields.One2many(
        "metering.checklist.choice", "item_id", "Choices", copy=True
    )
    mandatory = fields.Boolean(default=True)
    critical = fields.Boolean(help="A failure of this item fails the checklist.")
    weight = fields.Float(default=1.0, help="Weight of the item in the score.")
    help_text = fields.Text("Help", translate=True)
    clause = fields.Char(
        "Procedure Clause", help="The clause of the procedure the item comes from."
    )
    fail_requires_note = fields.Boolean("Failure Requires a Note")
    fail_requires_photo = fields.Boolean("Failure Requires a Photo")
    condition_item_id = fields.Many2one(
        "metering.checklist.item",
        "Shown When",
        copy=False,
        domain="[('template_id', '=', template_id), ('display_type', '=', False), "
        "('sequence', '<=', sequence), ('id', '!=', id)]",
        help="Show this item only when an earlier item has the given answer.",
    )
    condition_value = fields.Selection(CONDITION_ANSWERS, "Has the Answer")
    # What the condition widget offers: the answers of the kind of the item.
    condition_kind = fields.Selection(
        related="condition_item_id.kind", string="Kind of the Condition"
    )
    condition_choice_id = fields.Many2one(
        "metering.checklist.choice",
        "Has the Choice",
        copy=False,
        domain="[('item_id', '=', condition_item_id)]",
    )
    dependent_item_ids = fields.One2many(
        "metering.checklist.item", "condition_item_id", "Items Shown on Its Answer"
    )
    # Read with the item: an answer to an item that shows no other item looks
    # for no dependent answer (see metering.checklist.answer._refresh_results).
    has_dependents = fields.Boolean(compute="_compute_has_dependents", store=True)
    section_name = fields.Char(compute="_compute_section_name")

    _weight_positive = models.Constraint(
        "CHECK(weight >= 0)", "The weight of an item cannot be negative."
    )

    @api.constrains("condition_item_id", "sequence")
    def _check_condition(self):
        for item in self.filtered("condition_item_id"):
            condition = item.condition_item_id
            if condition.template_id != item.template_id or (
                (condition.sequence, condition.id) >= (item.sequence, item.id)
            ):
                raise ValidationError(
                    self.env._(
                        "Item %(item)s can only depend on an earlier item of the "
                        "same template.",
                        item=item.name,
                    )
                )

    @api.constrains(
        "condition_item_id", "condition_value", "condition_choice_id", "kind"
    )
    def _check_condition_value(self):
        """The answer a condition waits for is one the item it is about can
        have: 合格/不合格 of a pass/fail, 是/否/不适用, one of its choices, in or
        out of the range of a number. A change of kind re-checks the items
        that depend on it."""
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        values = dict(self._fields["condition_value"]._description_selection(self.env))
        for item in (self | self.dependent_item_ids).filtered("condition_item_id"):
            condition = item.condition_item_id
            allowed = CONDITIONS_BY_KIND.get(condition.kind, ())
            if item.condition_value not in allowed:
                raise ValidationError(
                    self.env._(
                        "Item %(item)s is shown on an answer of %(condition)s, a "
                        "%(kind)s item: its answer can only be %(allowed)s.",
                        item=item.name,
                        condition=condition.name,
                        kind=kinds.get(condition.kind, condition.kind),
                        allowed=", ".join(values[value] for value in allowed),
                    )
                )
            if item.condition_value == "choice" and (
                item.condition_choice_id.item_id != condition
            ):
                raise ValidationError(
                    self.env._(
                        "Item %(item)s is shown on a choice of %(condition)s: pick "
                        "one of the choices of %(condition)s.",
                        item=item.name,
                        condition=condition.name,
                    )
                )

    @api.onchange("condition_item_id")
    def _onchange_condition_item_id(self):
        # A choice item is answered by one of its choices; another kind's
        # answer is picked among its own.
        allowed = CONDITIONS_BY_KIND.get(self.condition_item_id.kind, ())
        if self.condition_value not in allowed:
            self.condition_value = allowed[0] if len(allowed) == 1 else False
        if self.condition_choice_id.item_id != self.condition_item_id:
            self.condition_choice_id = False

    @api.constrains("has_min", "has_max", "min_value", "max_value")
    def _check_tolerance(self):
        for item in self:
            if item.has_min and item.has_max and item.min_value > item.max_value:
                raise ValidationError(
                    self.env._(
                        "Item %(item)s: the minimum is larger than the maximum.",
                        item=item.name,
                    )
                )

    @api.depends("dependent_item_ids")
    def _compute_has_dependents(self):
        for item in self:
            item.has_dependents = bool(item.dependent_item_ids)

    def _compute_section_name(self):
        # Assign only the items being computed: assigning another item of a
        # published template would write it, which its template refuses.
        self.section_name = False
        for template in self.template_id:
            section = False
            for item in template.item_ids.sorted(lambda i: (i.sequence, i.id)):
                if item.display_type:
                    section = item.name
                if item in self:
                    item.section_name = section

    @api.model_create_multi
    def create(self, vals_list):
        self.env["metering.checklist.template"].browse(
            [vals["template_id"] for vals in vals_list if vals.get("template_id")]
        )._check_editable()
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        # An earned field (has_dependents) is refused as such, before the
        # template's state is looked at.
        for name in vals:
            if name in self._fields:
                self._check_field_access(self._fields[name], "write")
        self.template_id._check_editable()
        self.env.registry.clear_cache()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_frozen(self):
        self.template_id._check_editable()
        self.env.registry.clear_cache()

    def action_open_item(self):
        """The item's details (range, choices, help, evidence of a failure)
        in a dialog, from its line in the template."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.name,
        }

    def _number_passes(self, value):
        self.ensure_one()
        return number_passes(self, value)

    @api.model
    def _facts(self, template_id, item_id):
        """The facts (ItemFacts) of an item of a template, from the cache."""
        facts = self._template_facts(template_id).get(item_id)
        if facts is None:
            # an answer made by hand for an item of another template
            item = self.browse(item_id).sudo()
            facts = self._template_facts(item.template_id.id)[item_id]
        return facts

    @api.model
    @tools.ormcache("template_id")
    def _template_facts(self, template_id):
        """{item id: ItemFacts} of the items of a template, read once for all
        its answers: on a running server, answering reads no item.

        The cache is cleared by any change of an item or of a choice (only a
        draft template changes; its checklists start once it is published)."""
        items = (
            self.sudo()
            .with_context(active_test=False)
            .search_fetch(
                [("template_id", "=", template_id), ("display_type", "=", False)],
                [name for name in ItemFacts._fields if name in self._fields],
            )
        )
        failures = (
            self.env["metering.checklist.choice"]
            .sudo()
            .search_fetch(
                [("item_id", "in", items.ids), ("is_failure", "=", True)], ["item_id"]
            )
        )
        failures_of = {}
        for choice in failures:
            failures_of.setdefault(choice.item_id.id, set()).add(choice.id)
        dependents_of = {}
        for item in items:
            if item.condition_item_id:
                dependents_of.setdefault(item.condition_item_id.id, []).append(item.id)
        return {
            item.id: ItemFacts(
                kind=item.kind,
                has_min=item.has_min,
                min_value=item.min_value,
                has_max=item.has_max,
                max_value=item.max_value,
                mandatory=item.mandatory,
                critical=item.critical,
                weight=item.weight,
                fail_requires_note=item.fail_requires_note,
                fail_requires_photo=item.fail_requires_photo,
                condition_item_id=item.condition_item_id.id,
                condition_value=item.condition_value,
                condition_choice_id=item.condition_choice_id.id,
                dependent_ids=tuple(dependents_of.get(item.id, ())),
                failure_choice_ids=frozenset(failures_of.get(item.id, ())),
            )
            for item in items
        }


class MeteringChecklistChoice(models.Model):
    _name = "metering.checklist.choice"
    _description = "Checklist Item Choice"
    _inherit = ["metering.earned.mixin"]
    _order = "sequence, id"

    item_id = fields.Many2one(
        "metering.checklist.item", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    is_failure = fields.Boolean("Fails the Item")

    @api.model_create_multi
    def create(self, vals_list):
        self.env["metering.checklist.item"].browse(
            [vals["item_id"] for vals in vals_list if vals.get("item_id")]
        ).template_id._check_editable()
        # the facts of the items (their failing choices) are cached
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.item_id.template_id._check_editable()
        self.env.registry.clear_cache()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_frozen(self):
        self.item_id.template_id._check_editable()
        self.env.registry.clear_cache()
