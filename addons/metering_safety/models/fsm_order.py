# Copyright 2026 Metering Compliance Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class FsmOrder(models.Model):
    _inherit = "fsm.order"

    emergency_id = fields.Many2one(
        "metering.emergency",
        index="btree_not_null",
        tracking=True,
        help="The company-level emergency this repair order belongs to.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        """While a system outage is open, work is recorded by hand: orders
        entered then are backfilled records a team leader reviews."""
        Incident = self.env["metering.incident"].sudo()
        outages = {}
        for vals in vals_list:
            if "is_backfilled" in vals:
                continue
            company = self.env["res.company"].browse(
                vals.get("company_id") or self.env.company.id
            )
            if company not in outages:
                outages[company] = Incident._backfill_incident(company)
            if outages[company]:
                vals["is_backfilled"] = True
        orders = super().create(vals_list)
        orders._check_worker_qualifications()
        return orders

    def write(self, vals):
        res = super().write(vals)
        if {"person_id", "person_ids", "type"} & set(vals):
            self._check_worker_qualifications()
        return res

    def _check_worker_qualifications(self):
        """Nobody works an order without the valid qualifications its type
        requires (UI, RPC and imports alike)."""
        orders = self.filtered(lambda o: o.type.required_qualification_type_ids)
        if not orders:
            return
        today = fields.Date.context_today(self)
        people = orders.person_id | orders.person_ids
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search(
                [
                    "|",
                    ("work_contact_id", "in", people.partner_id.ids),
                    ("user_id.partner_id", "in", people.partner_id.ids),
                ]
            )
        )
        valid = {
            (qualification.employee_id.id, qualification.type_id.id)
            for qualification in self.env["metering.qualification"]
            .sudo()
            .search(
                [
                    ("employee_id", "in", employees.ids),
                    ("date_from", "<=", today),
                    ("date_to", ">=", today),
                ]
            )
        }
        problems = []
        for order in orders:
            for person in order.person_id | order.person_ids:
                employee = employees.filtered(
                    lambda e, p=person: (
                        p.partner_id in (e.work_contact_id | e.user_id.partner_id)
                    )
                )[:1]
                missing = order.type.required_qualification_type_ids.filtered(
                    lambda t, e=employee: (e.id, t.id) not in valid
                )
                if missing:
                    problems.append(
                        self.env._(
                            "%(worker)s on %(order)s: %(missing)s",
                            worker=person.name,
                            order=order.name,
                            missing=", ".join(missing.mapped("name")),
                        )
                    )
        if problems:
            raise ValidationError(
                self.env._(
                    "These workers lack a valid qualification (missing or expired) "
                    "that the order type requires:\n%(problems)s",
                    problems="\n".join(problems),
                )
            )
