# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class IrActionsReport(models.Model):
    """Every report of the suite says the classification (密级) of its data
    when it has one: the xlsx reports in the header row of each sheet (see
    ``tools/xlsx.py``), the QWeb reports at the top of each document (see
    ``report/report_templates.xml``). Which level a report carries is decided
    by ``_metering_classification_label``: none here; the addon that
    classifies documents (metering_safety) says it."""

    _inherit = "ir.actions.report"

    def _metering_classification_label(self, records):
        """The mark ("Classification: Internal") this report prints on the
        data of ``records``, in the user's language; empty when it has none."""
        self.ensure_one()
        return ""

    @api.model
    def _get_rendering_context(self, report, docids, data):
        data = super()._get_rendering_context(report, docids, data)
        data["metering_classification_label"] = ""
        if report.model in self.env:
            records = self.env[report.model].browse(docids or [])
            data["metering_classification_label"] = (
                report.sudo()._metering_classification_label(records)
            )
        return data
