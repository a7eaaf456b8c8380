# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain


class HelpdeskTicket(models.Model):
    """A customer request taken by the service clerk: the work order it
    calls for is created from it without retyping the customer's data."""

    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "metering.earned.mixin"]

    location_id = fields.Many2one(
        "fsm.location", "Metering Point", index="btree_not_null", tracking=True
    )
    equipment_id = fields.Many2one(
        "fsm.equipment",
        "Metering Device",
        domain="[('location_id', '=', location_id)]",
        tracking=True,
    )
    fsm_order_type_id = fields.Many2one(related="category_id.fsm_order_type_id")
    is_dispute = fields.Boolean(compute="_compute_is_dispute", store=True)
    fsm_order_ids = fields.One2many("fsm.order", "ticket_id", "Work Orders")
    fsm_order_count = fields.Integer(compute="_compute_fsm_order_count")
    energy_adjustment_count = fields.Integer(
        compute="_compute_energy_adjustment_count",
        help="Refund / make-up calculations of the request's work orders.",
    )
    dispute_deadline = fields.Datetime(
        compute="_compute_dispute_deadline",
        store=True,
        index="btree_not_null",
        help="Date by which the customer gets the test result of a disputed "
        "meter, in working days of the metering policy.",
    )
    dispute_overdue = fields.Boolean(
        compute="_compute_dispute_overdue",
        search="_search_dispute_overdue",
    )
    dispute_order_id = fields.Many2one(
        "fsm.order",
        compute="_compute_dispute_order_id",
        help="The latest verification of the disputed meter that has a result.",
    )
    test_fee_refundable = fields.Boolean(
        compute="_compute_test_fee_refundable",
        store=True,
        help="The disputed meter was found out of tolerance: the customer's test "
        "fee is refunded. It follows from the verification's verdict.",
        tracking=True,
    )

    @api.depends("category_id.fsm_order_type_id.metering_process")
    def _compute_is_dispute(self):
        for ticket in self:
            ticket.is_dispute = (
                ticket.category_id.fsm_order_type_id.metering_process == "dispute"
            )

    @api.depends("fsm_order_ids.test_verdict")
    def _compute_dispute_order_id(self):
        for ticket in self:
            verified = ticket.fsm_order_ids.filtered("test_verdict").sorted("id")
            ticket.dispute_order_id = verified[-1:]

    @api.depends("fsm_order_ids.test_verdict")
    def _compute_test_fee_refundable(self):
        for ticket in self:
            ticket.test_fee_refundable = (
                ticket.dispute_order_id.test_verdict == "failed"
            )

    @api.depends("fsm_order_ids")
    def _compute_fsm_order_count(self):
        for ticket in self:
            ticket.fsm_order_count = len(ticket.fsm_order_ids)

    def _compute_energy_adjustment_count(self):
        Adjustment = self.env["metering.energy.adjustment"].sudo()
        counts = dict(
            Adjustment._read_group(
                [("order_id.ticket_id", "in", self.ids)],
                ["order_id"],
                ["__count"],
            )
        )
        for ticket in self:
            ticket.energy_adjustment_count = sum(
                counts.get(order, 0) for order in ticket.sudo().fsm_order_ids
            )

    @api.depends("is_dispute", "create_date", "company_id")
    def _compute_dispute_deadline(self):
        for ticket in self:
            if not ticket.is_dispute:
                ticket.dispute_deadline = False
                continue
            company = ticket.company_id or self.env.company
            Policy = self.env["metering.policy"]
            ticket.dispute_deadline = Policy._working_day_deadline(
                company,
                Policy._for_company(company).dispute_days,
                ticket.create_date or fields.Datetime.now(),
            )

    @api.depends("dispute_deadline", "closed")
    def _compute_dispute_overdue(self):
        now = fields.Datetime.now()
        for ticket in self:
            ticket.dispute_overdue = bool(
                ticket.dispute_deadline
                and ticket.dispute_deadline < now
                and not ticket.closed
            )

    def _search_dispute_overdue(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        overdue = Domain("dispute_deadline", "<", fields.Datetime.now()) & Domain(
            "stage_id.closed", "=", False
        )
        return overdue if (operator == "in") == (True in value) else ~overdue

    @api.depends("number", "name")
    def _compute_display_name(self):
        """A request not saved yet has no number: its title alone, instead of
        helpdesk_mgmt's "False - title" in the breadcrumbs."""
        res = super()._compute_display_name()
        for ticket in self:
            if not ticket.number or ticket.number == "/":
                ticket.display_name = ticket.name or ""
        return res

    @api.model_create_multi
    def create(self, vals_list):
        tickets = super().create(vals_list)
        tickets.filtered(
            lambda t: t.category_id.auto_create_order and t.location_id
        )._create_fsm_orders()
        return tickets

    def action_create_fsm_order(self):
        """Create the work order the request calls for (one click)."""
        orders = self._create_fsm_orders()
        if len(orders) == 1:
            return orders._get_records_action(name=self.env._("Work Order"))
        return True

    def action_view_fsm_orders(self):
        self.ensure_one()
        return self.fsm_order_ids._get_records_action(name=self.env._("Work Orders"))

    def action_view_energy_adjustments(self):
        self.ensure_one()
        return self.fsm_order_ids.energy_adjustment_ids._get_records_action(
            name=self.env._("Refund / Make-up Calculations")
        )

    def _create_fsm_orders(self):
        vals_list = []
        for ticket in self:
            if not ticket.fsm_order_type_id:
                raise UserError(
                    self.env._(
                        "Request %(ticket)s: its category %(category)s does not say "
                        "which work order to create.",
                        ticket=ticket.display_name,
                        category=ticket.category_id.display_name or "-",
                    )
                )
            if not ticket.location_id:
                raise UserError(
                    self.env._(
                        "Request %(ticket)s: choose the customer's metering point "
                        "first.",
                        ticket=ticket.display_name,
                    )
                )
            vals_list.append(ticket._fsm_order_vals())
        orders = self.env["fsm.order"].create(vals_list)
        for ticket, order in zip(self, orders, strict=True):
            ticket.message_post(
                body=self.env._("Work order %(order)s created.", order=order.name)
            )
        return orders

    def _fsm_order_vals(self):
        self.ensure_one()
        vals = {
            "type": self.fsm_order_type_id.id,
            "location_id": self.location_id.id,
            "company_id": (self.company_id or self.env.company).id,
            "ticket_id": self.id,
            "description": self.description,
            "request_early": self.create_date or fields.Datetime.now(),
        }
        if self.equipment_id:
            vals["equipment_ids"] = [fields.Command.link(self.equipment_id.id)]
            vals["tested_equipment_id"] = self.equipment_id.id
        if self.is_dispute and self.dispute_deadline:
            vals["deadline"] = self.dispute_deadline
        return vals
