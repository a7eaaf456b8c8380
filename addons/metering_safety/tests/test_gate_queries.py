# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.fields import Command

from .test_safety_briefing import BriefingCommon

# The queries of moving 100 gated orders to the work-start stage, all read
# once for the batch (test_start_reads_each_thing_once says which).
START_QUERIES = 3


class TestGateQueries(BriefingCommon):
    """The stage gate works in batches: assigning, creating and starting 100
    gated orders costs no more queries than 10, whatever the crew's size,
    the number of workers and of briefings (a query per order, per worker or
    per briefing added later fails here)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.qualification_type = cls.env["metering.qualification.type"].create(
            {"name": "Live-line work"}
        )
        cls.qualified_type = cls.env["fsm.order.type"].create(
            {
                "name": "Qualified live-line exchange",
                "internal_type": "fsm",
                "requires_safety_briefing": True,
                "required_qualification_type_ids": [
                    Command.link(cls.qualification_type.id)
                ],
            }
        )
        # twenty qualified workers, each with his employee and no user
        partners = cls.env["res.partner"].create(
            [{"name": f"Crew member {i}"} for i in range(20)]
        )
        cls.workers = cls.env["fsm.person"].create(
            [{"partner_id": partner.id} for partner in partners]
        )
        employees = cls.env["hr.employee"].create(
            [
                {"name": partner.name, "work_contact_id": partner.id}
                for partner in partners
            ]
        ) | (cls.employee1 | cls.employee2)
        today = fields.Date.today()
        cls.env["metering.qualification"].create(
            [
                {
                    "employee_id": employee.id,
                    "type_id": cls.qualification_type.id,
                    "date_from": today - timedelta(days=1),
                    "date_to": today + timedelta(days=365),
                }
                for employee in employees
            ]
        )

    def _crew_orders(self, count, crew_size, workers=20):
        """Orders of the qualified type, each worked by crew_size workers
        drawn in turn from the first `workers`."""
        pool = self.workers[:workers]
        return self.env["fsm.order"].create(
            [
                {
                    "type": self.qualified_type.id,
                    "location_id": self.order.location_id.id,
                    "person_id": pool[(i * crew_size) % len(pool)].id,
                    "person_ids": [
                        Command.set(
                            [
                                pool[(i * crew_size + k) % len(pool)].id
                                for k in range(1, crew_size)
                            ]
                        )
                    ],
                }
                for i in range(count)
            ]
        )

    def _covered(self, orders, briefings):
        """Orders covered by `briefings` completed briefings, each of its
        share of the orders and acknowledged by their whole crew."""
        now = fields.Datetime.now()
        per = -(-len(orders) // briefings)
        Briefing = self.env["metering.safety.briefing"].sudo()
        for start in range(0, len(orders), per):
            chunk = orders[start : start + per]
            briefing = Briefing.create(
                {
                    "order_ids": [Command.set(chunk.ids)],
                    "place": "Substation yard",
                    "task": "Exchange the meters",
                    "method": "One by one, supply kept",
                    "requirements": "Two people, insulated tools",
                    "ticket_kind": "second",
                    "ticket_number": f"II-2026-{start}",
                    "ticket_valid_from": now - timedelta(hours=1),
                    "ticket_valid_to": now + timedelta(hours=8),
                }
            )
            briefing.action_open()
            briefing.attendee_ids.write({"acknowledged_on": now})
            briefing._update_completion()
            self.assertEqual(briefing.state, "done")
        return orders

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

    def test_create_cost_independent_of_crews_and_workers(self):
        """Creating qualified orders checks every worker's employee and
        qualifications in a fixed number of queries: 10 or 100 orders, crews
        of 2 or 4, drawn from 4 or 20 workers."""
        self._crew_orders(1, 2)  # warm the caches of the first call

        def per_order(count, crew_size, workers):
            total = self._queries(
                lambda n: self._crew_orders(n, crew_size, workers), count
            )
            return total / count

        small = self._queries(lambda n: self._crew_orders(n, 2), 10)
        large = self._queries(lambda n: self._crew_orders(n, 2), 100)
        # Field Service's own create numbers each order: the gate adds a
        # fixed cost, spread over the orders
        self.assertLessEqual(large / 100, small / 10)
        base = per_order(100, 2, 20)
        for crew_size, workers in ((4, 20), (2, 4), (4, 4)):
            self.assertLessEqual(
                per_order(100, crew_size, workers),
                base + 0.05,
                f"crew of {crew_size} from {workers} workers",
            )

    def test_start_cost_independent_of_crews_and_briefings(self):
        """Starting 100 orders costs the same queries with 1 briefing or 10,
        crews of 2 or 4, as starting 10."""
        self._start(self._covered(self._crew_orders(1, 2), 1))  # warm the caches

        def start(orders):
            return self._queries(lambda __: self._start(orders), len(orders))

        ten = start(self._covered(self._crew_orders(10, 2), 1))
        cases = {
            "100 orders, 1 briefing": self._covered(self._crew_orders(100, 2), 1),
            "100 orders, 10 briefings": self._covered(self._crew_orders(100, 2), 10),
            "100 orders, crews of 4": self._covered(self._crew_orders(100, 4), 10),
        }
        for label, orders in cases.items():
            count = start(orders)
            self.assertTrue(all(orders.mapped("safety_cleared_on")), label)
            self.assertLessEqual(count, ten + 3, f"{label}: {count}, 10 orders: {ten}")

    def test_safety_blocked_reads_no_query_of_its_own(self):
        """Whether an order is blocked is computed from what its form shows
        anyway (its type, stage, briefings): once they are read, the flag
        costs no query, for 1 order as for 60."""
        covered = self._covered(self._crew_orders(50, 2), 5)
        blocked = self._crew_orders(10, 2)
        spec = {
            "type": {"fields": {"display_name": {}}},
            "stage_id": {"fields": {"display_name": {}}},
            "is_closed": {},
            "safety_cleared_on": {},
            "safety_override_by_id": {"fields": {"display_name": {}}},
            "safety_briefing_ids": {
                "fields": {"state": {}, "valid_until": {}, "ticket_valid_to": {}}
            },
        }
        for orders in (covered[:1], covered | blocked):
            self.env.invalidate_all()
            orders.web_read(spec)
            orders.type.mapped("requires_safety_briefing")
            with self.assertQueryCount(0):
                orders.mapped("safety_blocked")
        self.assertFalse(any(covered.mapped("safety_blocked")))
        self.assertTrue(all(blocked.mapped("safety_blocked")))

    def test_start_reads_each_thing_once(self):
        """Moving 100 gated orders to the work-start stage reads what the gate
        needs once for all: the orders and the stage, their checklists, the
        crews' workers and employees, the types, qualifications and required
        ones, the briefings with their orders and attendees; then one UPDATE.
        (A stage looked up by `env.ref` or searched at each check, as before,
        added a dozen.) As the server's scheduled actions and the benchmark
        move them: no record rule to evaluate, no tracking message (Field
        Service's, not the gate's)."""
        warm_up = self._covered(self._crew_orders(1, 2), 1)
        orders = self._covered(self._crew_orders(100, 2), 10)
        in_progress = {"stage_id": self.in_progress.id}
        warm_up.with_context(tracking_disable=True).write(in_progress)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(START_QUERIES):
            orders.with_context(tracking_disable=True).write(in_progress)
        self.assertTrue(all(orders.mapped("safety_cleared_on")))

    def test_work_start_follows_the_stages(self):
        """Where work starts is kept in the registry's cache: marking a stage,
        unmarking it or moving it changes the gate at once."""
        Order = self.env["fsm.order"]
        early = self.env["fsm.stage"].create(
            {"name": "Travelling to site", "sequence": 1, "stage_type": "order"}
        )
        self.assertGreater(self.in_progress.sequence, early.sequence)
        self.assertFalse(Order._work_starts_at(early))
        early.is_work_start = True
        self.assertTrue(Order._work_starts_at(early))
        early.is_work_start = False
        self.assertFalse(Order._work_starts_at(early))
        self.in_progress.sequence = 0
        self.assertTrue(Order._work_starts_at(early))
