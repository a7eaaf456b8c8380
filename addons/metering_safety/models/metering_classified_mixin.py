# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MeteringClassifiedMixin(models.AbstractModel):
    """What documents and directories share on the zero-leak path: whether
    the acting user meets the need to know (the model says which records in
    ``_metering_readable_domain``), the narrowing of what dms lets other
    models reach through ``_filtered_access``, and the suite's field check
    before dms creates as superuser.

    Inherited *before* the dms model (``_inherit = [this mixin, "dms.file"]``)
    so that its ``_filtered_access`` narrows what dms's widened."""

    _name = "metering.classified.mixin"
    _description = "Classified Document Mixin"

    metering_readable = fields.Boolean(
        string="Need to Know Met",
        compute="_compute_metering_readable",
        search="_search_metering_readable",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    def _compute_metering_readable(self):
        readable = self._metering_readable_among(self.ids)
        for record in self:
            record.metering_readable = record.id in readable

    def _search_metering_readable(self, operator, value):
        domain = self._metering_readable_domain()
        return domain if operator == "in" else ~domain

    def _filtered_access(self, operation):
        # dms widens the records allowed by the rules (its own fallback on
        # SQL, which skips the rule domains when run as superuser): what
        # other models check through this (the attachments of a document's
        # chatter, by search or read) is narrowed to the need to know again.
        result = super()._filtered_access(operation)
        if not result or self.env.su:
            return result
        if self.env["metering.classification.level"]._metering_is_records_officer():
            return result
        readable = self._metering_readable_among(result.ids)
        return result.filtered(lambda r: r.id in readable)

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _metering_readable_domain(self):
        """The records the acting user may see (a domain of constant size,
        whatever the number of grants)."""
        raise NotImplementedError

    def _metering_readable_among(self, ids):
        """The ids among ``ids`` the acting user may see: one query."""
        return set(
            self.sudo()
            .with_context(active_test=False)
            .search([("id", "in", ids), ("metering_readable", "=", True)])
            .ids
        )

    def _metering_check_create_fields(self, vals_list):
        """dms creates as superuser: the suite's field check (the earned
        fields) runs first, as the acting user's."""
        if self.env.su:
            return
        for vals in vals_list:
            for name in vals:
                if name in self._fields:
                    self._check_field_access(self._fields[name], "write")
