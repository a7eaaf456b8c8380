# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..tools.xlsx import XlsxTable

# The inputs of each calculation method, in the order of its formula.
METHOD_INPUTS = {
    "out_of_tolerance": ("recorded_energy", "error_percent"),
    "wrong_wiring": ("recorded_energy", "power_correct", "power_wrong"),
    "wrong_ct_ratio": ("recorded_energy", "actual_ratio", "billed_ratio"),
    "stopped": ("recorded_energy", "normal_daily_energy"),
}


class ReportMeteringEnergyAdjustmentXlsx(models.AbstractModel):
    """The refund / make-up statement (退补电量) of each calculation on its
    own sheet: what was measured, the formula, the result and who approved
    it, as headquarters files it."""

    _name = "report.metering_service.energy_adjustment_xlsx"
    _description = "Refund / Make-up Statement (xlsx)"
    _inherit = "report.report_xlsx.abstract"

    def generate_xlsx_report(self, workbook, data, objs):
        self = self.with_context(lang=self.env.user.lang)
        objs = objs.with_context(lang=self.env.user.lang)
        _ = self.env._
        for index, adjustment in enumerate(objs, start=1):
            name = f"{index}. {adjustment.name}".replace("/", "-")[:31]
            sheet = workbook.add_worksheet(name)
            table = XlsxTable(
                workbook,
                sheet,
                [
                    (_("Part"), 14, "text"),
                    (_("Item"), 30, "text"),
                    (_("Value"), 40, "number"),
                ],
            )
            table.header()
            for part, label, value in self._statement_rows(adjustment):
                table.row([part, label, value])
            table.finish()

    def _statement_rows(self, adjustment):
        """(part, label, value) of the statement of a calculation."""
        self = adjustment
        _ = self.env._

        def label(name):
            return self._fields[name]._description_string(self.env)

        def selection(name):
            return dict(self._fields[name]._description_selection(self.env)).get(
                self[name]
            )

        def when(value):
            return value and fields.Datetime.context_timestamp(self, value).replace(
                tzinfo=None
            )

        part_case, part_input, part_result, part_approval = (
            _("Case"),
            _("Inputs"),
            _("Result"),
            _("Approvals"),
        )
        rows = [
            (part_case, _("Statement"), self.name),
            (part_case, label("partner_id"), self.partner_id.display_name or None),
            (part_case, label("location_id"), self.location_id.display_name),
            (part_case, label("equipment_id"), self.equipment_id.display_name or None),
            (part_case, label("order_id"), self.order_id.name or None),
            (part_case, label("method"), selection("method")),
            (part_input, label("period_start"), self.period_start),
            (part_input, label("period_end"), self.period_end),
            (part_input, _("Days"), self.period_days),
        ]
        rows += [
            (part_input, label(name), self[name])
            for name in METHOD_INPUTS.get(self.method, ())
        ]
        rows += [
            (part_input, label("tariff"), self.tariff),
            (part_result, label("formula"), self.formula or None),
            (part_result, label("energy"), self.energy),
            (part_result, label("direction"), selection("direction")),
            (part_result, label("amount"), self.amount),
            (part_result, label("currency_id"), self.currency_id.name),
            (part_approval, label("state"), selection("state")),
            (
                part_approval,
                label("leader_approver_id"),
                self.leader_approver_id.name or None,
            ),
            (part_approval, label("leader_approved_on"), when(self.leader_approved_on)),
            (
                part_approval,
                label("manager_approver_id"),
                self.manager_approver_id.name or None,
            ),
            (
                part_approval,
                label("manager_approved_on"),
                when(self.manager_approved_on),
            ),
            (part_approval, label("return_count"), self.return_count),
        ]
        if self.return_count:
            rows += [
                (
                    part_approval,
                    label("last_returned_by_id"),
                    self.last_returned_by_id.name or None,
                ),
                (part_approval, label("last_returned_on"), when(self.last_returned_on)),
                (part_approval, label("return_reason"), self.return_reason or None),
            ]
        return rows
