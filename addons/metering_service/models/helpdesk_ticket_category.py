# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskTicketCategory(models.Model):
    """A request category says which work order the service clerk's intake
    creates: application, fault report, meter dispute..."""

    _name = "helpdesk.ticket.category"
    _inherit = ["helpdesk.ticket.category", "metering.earned.mixin"]

    fsm_order_type_id = fields.Many2one(
        "fsm.order.type",
        "Work Order Type",
        help="Type of the work order created from requests of this category.",
    )
    auto_create_order = fields.Boolean(
        "Create the Work Order Automatically",
        help="Create the work order as soon as a request of this category is "
        "logged with its metering point.",
    )
