# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MeteringRetrofitApprovalWizard(models.TransientModel):
    _name = "metering.retrofit.approval.wizard"
    _description = "Retrofit Scheme Approval"

    order_ids = fields.Many2many("fsm.order", string="Work Orders", required=True)
    reference = fields.Char(
        "Approval Reference", required=True, help="The approved retrofit scheme."
    )

    def action_record(self):
        self.ensure_one()
        return self.order_ids.action_record_retrofit_approval(self.reference)


class MeteringNoAdjustmentWizard(models.TransientModel):
    _name = "metering.no.adjustment.wizard"
    _description = "No Refund or Make-up Needed"

    order_ids = fields.Many2many("fsm.order", string="Work Orders", required=True)
    reason = fields.Text(required=True)

    def action_record(self):
        self.ensure_one()
        return self.order_ids.action_no_adjustment_needed(self.reason)
