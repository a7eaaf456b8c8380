# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class FsmPerson(models.Model):
    _inherit = "fsm.person"

    def _metering_employees(self):
        """{worker: employee} of these Field Service workers, matched through
        the worker's contact (the employee's work contact or his user's
        partner); an empty employee for a worker who has none. One search,
        whatever the number of workers: the one mapping of the suite."""
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search_fetch(
                [
                    "|",
                    ("work_contact_id", "in", self.partner_id.ids),
                    ("user_id.partner_id", "in", self.partner_id.ids),
                ],
                ["work_contact_id", "user_id"],
            )
        )
        by_partner = {}
        for employee in employees:
            for partner in employee.work_contact_id | employee.user_id.partner_id:
                by_partner.setdefault(partner, employee)
        return {
            person: by_partner.get(person.partner_id, employees.browse())
            for person in self
        }
