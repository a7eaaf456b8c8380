# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.fields import Command

from .test_safety_briefing import BriefingCommon


class TestGateQueries(BriefingCommon):
    """The stage gate works in batches: assigning, creating and starting 100
    gated orders costs no more queries than 10 (a query per order added
    later fails here)."""

    def _orders(self, count, order_type=None):
        return self.env["fsm.order"].create(
            [
                {
                    "type": (order_type or self.order_type).id,
                    "location_id": self.order.location_id.id,
                    "person_id": self.technician_person.id,
                    "person_ids": [Command.link(self.person2.id)],
                }
                for __ in range(count)
            ]
        )

    def _briefed(self, orders):
        now = fields.Datetime.now()
        briefing = (
            self.env["metering.safety.briefing"]
            .with_user(self.leader)
            .create(
                {
                    "order_ids": [Command.set(orders.ids)],
                    "place": "Substation yard",
                    "task": "Exchange the meters",
                    "method": "One by one, supply kept",
                    "requirements": "Two people, insulated tools",
                    "ticket_kind": "second",
                    "ticket_number": "II-2026-200",
                    "ticket_valid_from": now - timedelta(hours=1),
                    "ticket_valid_to": now + timedelta(hours=8),
                }
            )
        )
        briefing.action_open()
        for attendee in briefing.attendee_ids:
            attendee.with_user(attendee.user_id).action_acknowledge()
        return orders

    def _queries(self, action, count):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        action(count)
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def _start(self, orders):
        orders.with_user(self.leader).write({"stage_id": self.in_progress.id})

    def test_create_cost_does_not_grow_with_the_orders(self):
        """What the gate adds to Field Service's own create (which numbers
        each order) is the same for 10 orders as for 100."""
        plain_type = self.env["fsm.order.type"].create(
            {"name": "Office work", "internal_type": "fsm"}
        )
        self._orders(1)  # warm the caches of the first call
        self._orders(1, plain_type)

        def overhead(count):
            gated = self._queries(self._orders, count)
            plain = self._queries(lambda n: self._orders(n, plain_type), count)
            return gated - plain

        small, large = overhead(10), overhead(100)
        self.assertLessEqual(large, small + 5, f"10 orders: {small}, 100: {large}")

    def test_start_cost_does_not_grow_with_the_orders(self):
        few, many = self._briefed(self._orders(10)), self._briefed(self._orders(100))
        self._start(self._briefed(self._orders(1)))  # warm the caches
        small = self._queries(lambda __: self._start(few), 10)
        large = self._queries(lambda __: self._start(many), 100)
        self.assertTrue(all(many.mapped("safety_cleared_on")))
        self.assertLessEqual(large, small + 5, f"10 orders: {small}, 100: {large}")
