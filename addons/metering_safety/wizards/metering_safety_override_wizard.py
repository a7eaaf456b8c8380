# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MeteringSafetyOverrideWizard(models.TransientModel):
    _name = "metering.safety.override.wizard"
    _description = "Safety Briefing Override"

    order_ids = fields.Many2many("fsm.order", string="Work Orders", required=True)
    reason = fields.Text(required=True)

    def action_override(self):
        self.ensure_one()
        return self.order_ids.action_safety_override(self.reason)


class MeteringSafetyWaiverWizard(models.TransientModel):
    _name = "metering.safety.waiver.wizard"
    _description = "Safety Briefing Waiver"

    type_ids = fields.Many2many("fsm.order.type", string="Order Types", required=True)
    reason = fields.Text(required=True)

    def action_waive(self):
        self.ensure_one()
        return self.type_ids.action_waive_safety_briefing(self.reason)
