# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# The fields through which a report's records say their own level.
LEVEL_FIELDS = ("classification_level_id", "level_id")


class IrActionsReport(models.Model):
    """A report carries the classification (密级) of its data: the level
    the records officer gives the report, raised to the highest level of the
    records it prints when they have one (documents, access log lines)."""

    _inherit = "ir.actions.report"

    metering_classification_level_id = fields.Many2one(
        "metering.classification.level",
        string="Classification",
        ondelete="restrict",
        help="Printed on every sheet or page of this report: the level of "
        "the data it exports. Set by the records officer.",
    )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    def write(self, vals):
        # Classifying a report is the records officer's decision; he has no
        # right on the report actions otherwise (the administrator's).
        Level = self.env["metering.classification.level"]
        if "metering_classification_level_id" in vals and not self.env.su:
            Level._metering_check_records_officer()
            if set(vals) == {"metering_classification_level_id"}:
                return super(IrActionsReport, self.sudo()).write(vals)
        return super().write(vals)

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _metering_classification_label(self, records):
        self.ensure_one()
        level = self._metering_classification_level(records)
        if not level:
            return super()._metering_classification_label(records)
        level = level.with_context(lang=self.env.user.lang)
        return level.env._("Classification: %(level)s", level=level.name)

    def _metering_classification_level(self, records):
        """The highest of the report's level and its records' levels."""
        levels = self.sudo().metering_classification_level_id
        for name in LEVEL_FIELDS:
            field = records._fields.get(name)
            if field and field.comodel_name == "metering.classification.level":
                levels |= records.sudo()[name]
                break
        return levels.sorted("sequence")[-1:] if levels else levels
