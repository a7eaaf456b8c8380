# Copyright 2026 Metering Compliance Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


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
        return super().create(vals_list)
