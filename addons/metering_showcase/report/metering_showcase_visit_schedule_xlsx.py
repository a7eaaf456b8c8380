# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from odoo.addons.metering_service.tools.xlsx import XlsxTable

from ..models.metering_showcase_visit import _local


class ReportMeteringShowcaseVisitScheduleXlsx(models.AbstractModel):
    """The schedule of the selected visits (a week's, filtered in the list):
    one row per visit in the order they happen, in the hall's local time,
    with one column of staff per role and the readiness of the visit."""

    _name = "report.metering_showcase.visit_schedule_xlsx"
    _description = "Visit Schedule (xlsx)"
    _inherit = "report.report_xlsx.abstract"

    def generate_xlsx_report(self, workbook, data, objs):
        self = self.with_context(lang=self.env.user.lang)
        objs = objs.with_context(lang=self.env.user.lang)
        _ = self.env._
        fields_ = objs._fields
        levels = dict(fields_["level"]._description_selection(self.env))
        states = dict(fields_["state"]._description_selection(self.env))
        readiness = dict(fields_["checklist_result"]._description_selection(self.env))
        roles = (
            self.env["metering.showcase.role"].search([]) | objs.assignment_ids.role_id
        ).sorted(lambda r: (r.sequence, r.id))
        sheet = workbook.add_worksheet(_("Visit Schedule"))
        table = XlsxTable(
            workbook,
            sheet,
            [
                (_("Date"), 12, "date"),
                (_("Time"), 13, "text"),
                (_("Exhibition Hall"), 16, "text"),
                (_("Reference"), 14, "text"),
                (_("Visiting Organisation"), 28, "text"),
                (_("Visitors"), 9, "integer"),
                (_("Visitor Level"), 14, "text"),
                (_("Reception Lead"), 14, "text"),
                *((role.name, 18, "text") for role in roles),
                (_("Readiness"), 12, "text"),
                (_("Status"), 12, "text"),
            ],
        )
        table.header()
        for visit in objs.sorted(lambda v: (v.start, v.id)):
            start, stop = (
                _local(visit.start, visit.hall_id),
                _local(visit.stop, visit.hall_id),
            )
            staff = visit.assignment_ids.grouped("role_id")
            table.row(
                [
                    start.date(),
                    f"{start:%H:%M}-{stop:%H:%M}",
                    visit.hall_id.name,
                    visit.name,
                    visit.organisation_id.name,
                    visit.visitor_count,
                    levels.get(visit.level),
                    visit.lead_id.name or None,
                    *(
                        ", ".join(staff[role].employee_id.mapped("name"))
                        if role in staff
                        else None
                        for role in roles
                    ),
                    readiness.get(visit.checklist_result)
                    if visit.checklist_result
                    else _("No checklist"),
                    states.get(visit.state),
                ]
            )
        table.finish()
