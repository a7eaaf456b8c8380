# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..tools.xlsx import XlsxTable


class ReportMeteringRotationPlanXlsx(models.AbstractModel):
    """The rotation plan of the selected rotation orders: one row per meter
    to swap, by area, order and metering point, with the meter's rotation due
    date and what happened on site (the line's outcome)."""

    _name = "report.metering_service.rotation_plan_xlsx"
    _description = "Rotation Plan (xlsx)"
    _inherit = "report.report_xlsx.abstract"

    def generate_xlsx_report(self, workbook, data, objs):
        self = self.with_context(lang=self.env.user.lang)
        objs = objs.with_context(lang=self.env.user.lang)
        _ = self.env._
        Line = self.env["metering.rotation.line"]
        outcomes = dict(Line._fields["state"]._description_selection(self.env))
        stages = {order: order.stage_id.name for order in objs}
        sheet = workbook.add_worksheet(_("Rotation Plan"))
        table = XlsxTable(
            workbook,
            sheet,
            [
                (_("Area"), 20, "text"),
                (_("Work Order"), 16, "text"),
                (_("Order Stage"), 12, "text"),
                (_("Order Deadline"), 17, "datetime"),
                (_("Metering Point"), 28, "text"),
                (_("Old Meter"), 20, "text"),
                (_("Serial Number"), 18, "text"),
                (_("Rotation Due"), 12, "date"),
                (_("Outcome"), 14, "text"),
                (_("New Meter"), 20, "text"),
                (_("Final Reading"), 12, "number"),
                (_("Initial Reading"), 12, "number"),
                (_("Reason"), 30, "text"),
            ],
        )
        table.header()
        lines = objs.rotation_line_ids.sorted(
            lambda line: (
                line.order_id.location_id.display_name or "",
                line.order_id.name,
                line.location_id.display_name or "",
                line.old_equipment_id.name,
            )
        )
        for line in lines:
            order, swapped = line.order_id, line.state == "swapped"
            table.row(
                [
                    order.location_id.display_name,
                    order.name,
                    stages.get(order),
                    order.deadline
                    and fields.Datetime.context_timestamp(self, order.deadline).replace(
                        tzinfo=None
                    ),
                    line.location_id.display_name or None,
                    line.old_equipment_id.name,
                    line.old_equipment_id.serial_number or None,
                    line.old_equipment_id.next_rotation_date or None,
                    outcomes.get(line.state),
                    line.new_equipment_id.name or None,
                    line.final_reading if swapped else None,
                    line.initial_reading if swapped else None,
                    line.reason or None,
                ]
            )
        table.finish()
