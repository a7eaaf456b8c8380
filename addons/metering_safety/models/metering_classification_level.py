# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL


class MeteringClassificationLevel(models.Model):
    """A classification level (密级) of the center's documents (manual
    6.3.3). The order of the levels is their sequence: a higher sequence is a
    more restricted level. What a level restricts is said by its flags, so that
    the center renames or adds levels without touching the code."""

    _name = "metering.classification.level"
    _inherit = ["metering.earned.mixin"]
    _description = "Classification Level"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(
        default=10,
        index=True,
        help="Order of the levels: a higher sequence is a more restricted level.",
    )
    active = fields.Boolean(default=True)
    color = fields.Integer()
    description = fields.Text(translate=True)
    requires_grant = fields.Boolean(
        string="Need to Know",
        help="Users read the documents of this level only with a grant approved "
        "by the records officer (their owner and the records officer excepted).",
    )
    no_export = fields.Boolean(
        string="No Export, Sending or Copying",
        help="Documents of this level are never exported, attached to a mail or "
        "copied to another directory or record, except by the records officer.",
    )
    watermark = fields.Boolean(
        help="Every download and preview of a document of this level is stamped "
        "with the reader's name, login, the date and time and the level.",
    )
    retention_years = fields.Integer(
        string="Retention (years)",
        help="Years a document of this level is kept after its creation before "
        "it is proposed for destruction; 0 keeps it for good.",
    )

    destruction_needs_manager = fields.Boolean(
        string="Destruction Approved by the Center Manager",
        help="Destroying a document of this level also needs the center "
        "manager's approval, after the records officer's.",
    )

    _sequence_unique = models.Constraint(
        "UNIQUE(sequence)",
        "Two classification levels cannot have the same order.",
    )

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    @api.model
    def _metering_default_level(self):
        """The level of a new document when nobody chose one: internal."""
        level = self.env.ref(
            "metering_safety.classification_level_internal", raise_if_not_found=False
        )
        return level or self.sudo().search([], limit=1)

    @api.model
    def _metering_is_records_officer(self):
        """Whether the acting user is the records officer (or the superuser)."""
        return self.env.uid == 1 or self.env.user.has_group(
            "metering_safety.group_records_officer"
        )

    @api.model
    def _metering_check_records_officer(self):
        if not self._metering_is_records_officer():
            raise AccessError(self.env._("Only the records officer may do this."))

    @api.model
    def _metering_restricted_ids_sql(self):
        """SQL selecting the ids of the levels that require a grant."""
        return SQL(
            "(SELECT id FROM metering_classification_level WHERE requires_grant)",
            to_flush=self._fields["requires_grant"],
        )

    @api.model
    def _metering_check_lowering(self, records, level_id):
        """Lowering the classification of documents or directories is the
        records officer's decision; raising it is anyone's who may write."""
        if self._metering_is_records_officer():
            return
        level = self.sudo().browse(level_id)
        lowered = records.sudo().filtered(
            lambda r: (
                r.classification_level_id
                and r.classification_level_id.sequence > (level.sequence or 0)
            )
        )
        if lowered:
            raise UserError(
                self.env._(
                    "Only the records officer lowers the classification of "
                    "%(name)s from %(old)s to %(new)s.",
                    name=lowered[0].display_name,
                    old=lowered[0].classification_level_id.name,
                    new=level.name or self.env._("none"),
                )
            )
