# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.fields import Command

from .test_safety_briefing import BriefingCommon

# The queries of moving 10 or 100 gated orders to the work-start stage:
# the gate's one query (test_start_reads_each_thing_once says what it reads),
# Field Service's check that the completed stage exists, and one UPDATE (of
# up to 100 orders, their stage and when their start was cleared).
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
        # the users, as a request has them read already (whether a write
        # reads them again here depends on what ran before)
        for user in self.env.user | self.leader:
            user.fetch()
            user.partner_id.fetch()
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
        """Starting gated orders costs exactly what starting as many orders
        of a type without any gate costs, 10 as 100 (Field Service's own
        tracking included)."""
        plain_type = self.env["fsm.order.type"].create(
            {"name": "Office work", "internal_type": "fsm"}
        )
        self._start(self._briefed(self._orders(1)))  # warm the caches
        self._start(self._orders(1, plain_type))
        for count in (10, 100):
            gated = self._briefed(self._orders(count))
            plain = self._orders(count, plain_type)
            gated_queries = self._queries(lambda __, o=gated: self._start(o), count)
            plain_queries = self._queries(lambda __, o=plain: self._start(o), count)
            self.assertTrue(all(gated.mapped("safety_cleared_on")))
            self.assertEqual(gated_queries, plain_queries, f"{count} orders")

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
        """Starting 10 or 100 gated orders, with 1 briefing or 10, crews of 2
        or 4, costs the team leader (whose record rules are checked) exactly
        what starting as many orders of a type without any gate costs.
        Field Service's tracking messages, not the gate's, are left out."""
        plain_type = self.env["fsm.order.type"].create(
            {"name": "Office work", "internal_type": "fsm"}
        )
        self._start(self._covered(self._crew_orders(1, 2), 1))  # warm the caches
        self._start(self._orders(1, plain_type))

        def start(orders):
            untracked = orders.with_context(tracking_disable=True)
            return self._queries(lambda __: self._start(untracked), len(orders))

        cases = {
            "10 orders, 1 briefing": self._covered(self._crew_orders(10, 2), 1),
            "100 orders, 1 briefing": self._covered(self._crew_orders(100, 2), 1),
            "100 orders, 10 briefings": self._covered(self._crew_orders(100, 2), 10),
            "100 orders, crews of 4": self._covered(self._crew_orders(100, 4), 10),
            "100 orders, crews of 4 from 4": self._covered(
                self._crew_orders(100, 4, workers=4), 10
            ),
        }
        for label, orders in cases.items():
            plain = start(self._orders(len(orders), plain_type))
            count = start(orders)
            self.assertTrue(all(orders.mapped("safety_cleared_on")), label)
            self.assertEqual(count, plain, f"{label}: {count}, without gate: {plain}")

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
        """Moving 10 or 100 gated orders to the work-start stage reads what
        the gate needs in one query for all: the orders' stages, their
        checklists, the crews' workers and employees, the types, the valid
        and required qualifications, the briefings and who acknowledged them
        (`_metering_stage_facts`); then one UPDATE writes the stage and the
        clearance, with nothing read again. (Before, each was read by the ORM
        on its own: 17 queries.) As the server's scheduled actions and the
        benchmark move them: no record rule to evaluate, no tracking message
        (Field Service's, not the gate's)."""
        warm_up = self._covered(self._crew_orders(1, 2), 1)
        in_progress = {"stage_id": self.in_progress.id}
        warm_up.with_context(tracking_disable=True).write(in_progress)
        for count, crew_size, briefings in ((10, 2, 1), (100, 2, 10), (100, 4, 100)):
            orders = self._covered(self._crew_orders(count, crew_size), briefings)
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


class TestGateFastPath(BriefingCommon):
    """The gate's SQL (`_metering_stage_facts`) and its ORM
    (`_metering_stage_problems`) agree, condition by condition: each
    condition failing alone, and all of them passing. The SQL is what spares
    the ORM the orders that pass; an order it let through that the ORM
    refuses would start unsafely, so a change to one without the other fails
    here."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        QualificationType = cls.env["metering.qualification.type"]
        cls.live_line = QualificationType.create({"name": "Live-line work"})
        cls.retired = QualificationType.create(
            {"name": "Retired certificate", "active": False}
        )
        OrderType = cls.env["fsm.order.type"]
        cls.gated = OrderType.create(
            {
                "name": "Briefed and qualified exchange",
                "internal_type": "fsm",
                "requires_safety_briefing": True,
                "required_qualification_type_ids": [Command.link(cls.live_line.id)],
            }
        )
        cls.qualified_only = OrderType.create(
            {
                "name": "Qualified meter reading",
                "internal_type": "fsm",
                "required_qualification_type_ids": [
                    Command.link(cls.live_line.id),
                    Command.link(cls.retired.id),  # archived: not required
                ],
            }
        )
        cls.plain = OrderType.create({"name": "Office work", "internal_type": "fsm"})
        cls.today = fields.Date.today()
        # qualified workers, each with his employee; a test breaks one after
        # assigning him, as time or an HR clerk would
        cls.ok1, cls.ok2, cls.w1, cls.w2, cls.w3 = (
            cls._worker(name)
            for name in ("Wang Fang", "Liu Yang", "Chen Jie", "Yang Min", "Zhou Tao")
        )
        cls._qualify(cls.ok1 | cls.ok2 | cls.w1 | cls.w2 | cls.w3)

    def _break(self, worker, how):
        employee = self._employee(worker)
        qualification = self.env["metering.qualification"].search(
            [("employee_id", "=", employee.id)]
        )
        if how == "expired":
            qualification.write(
                {
                    "date_from": self.today - timedelta(days=400),
                    "date_to": self.today - timedelta(days=1),
                }
            )
        elif how == "not valid yet":
            qualification.date_from = self.today + timedelta(days=1)
        elif how == "unqualified":
            qualification.unlink()
        elif how == "no employee":
            employee.work_contact_id = self.env["res.partner"].create(
                {"name": "Someone else"}
            )
        elif how == "employee archived":
            employee.active = False
        self.env.invalidate_all()

    @classmethod
    def _worker(cls, name):
        partner = cls.env["res.partner"].create({"name": name})
        cls.env["hr.employee"].create({"name": name, "work_contact_id": partner.id})
        return cls.env["fsm.person"].create({"partner_id": partner.id})

    @classmethod
    def _employee(cls, workers):
        return (
            cls.env["hr.employee"]
            .with_context(active_test=False)
            .search([("work_contact_id", "in", workers.partner_id.ids)])
        )

    @classmethod
    def _qualify(cls, workers, date_from=None, date_to=None):
        cls.env["metering.qualification"].create(
            [
                {
                    "employee_id": employee.id,
                    "type_id": cls.live_line.id,
                    "date_from": date_from or cls.today - timedelta(days=30),
                    "date_to": date_to or cls.today + timedelta(days=365),
                }
                for employee in cls._employee(workers)
            ]
        )

    def _order_of(self, workers, order_type=None):
        return self.env["fsm.order"].create(
            {
                "type": (order_type or self.gated).id,
                "location_id": self.order.location_id.id,
                "person_id": workers[:1].id,
                "person_ids": [Command.set(workers[1:].ids)],
            }
        )

    def _brief(self, orders, acknowledged=None, **vals):
        """A completed briefing of the orders, acknowledged by the employees
        of `acknowledged` (default: their whole crew)."""
        now = fields.Datetime.now()
        workers = (
            acknowledged
            if acknowledged is not None
            else orders.person_id | orders.person_ids
        )
        briefing = (
            self.env["metering.safety.briefing"]
            .sudo()
            .create(
                {
                    "order_ids": [Command.set(orders.ids)],
                    "place": "Substation yard",
                    "task": "Exchange the meters",
                    "method": "One by one",
                    "requirements": "Two people, insulated tools",
                    "ticket_kind": "second",
                    "ticket_number": "II-2026-300",
                    "ticket_valid_from": now - timedelta(hours=1),
                    "ticket_valid_to": now + timedelta(hours=8),
                    "start": now - timedelta(minutes=30),
                    "state": "done",
                    "attendee_ids": [
                        Command.create(
                            {"employee_id": employee.id, "acknowledged_on": now}
                        )
                        for employee in (
                            workers._metering_employees().values() if workers else []
                        )
                        if employee
                    ],
                    **vals,
                }
            )
        )
        return briefing

    def _agree(self, cases, stage=None, env=None):
        """Each case (label: (order, refused)) as the ORM and the SQL see it
        for a start by the team leader."""
        stage = stage or self.in_progress
        vals = {"stage_id": stage.id}
        orders = self.env["fsm.order"].union(*(order for order, __ in cases.values()))
        orders = orders.with_env(env or orders.with_user(self.leader).env)
        facts = orders._metering_stage_facts(stage, vals)
        self.assertIsNotNone(facts)
        for label, (order, refused) in cases.items():
            problems = order.with_env(orders.env)._metering_stage_problems(stage, vals)
            self.assertEqual(bool(problems), refused, f"{label}: ORM says {problems}")
            self.assertEqual(facts[order.id]["fail"], refused, f"{label}: SQL")
        return facts

    def test_crew_conditions(self):
        crew = self.ok1 | self.ok2
        cases = {
            "all pass": (self._order_of(crew), False),
            "worker without employee": (self._order_of(self.ok1 | self.w1), True),
            "employee archived": (self._order_of(self.ok1 | self.w2), True),
            "qualification expired": (self._order_of(self.w3 | self.ok2), True),
            "qualification only, held": (
                self._order_of(crew, self.qualified_only),
                False,
            ),
            "qualification only, missing": (
                self._order_of(self.ok1 | self.w3, self.qualified_only),
                True,
            ),
            "nothing required": (
                self._order_of(self.w1 | self.w3, self.plain),
                False,
            ),
        }
        for order, __ in cases.values():
            self._brief(order)
        self._break(self.w1, "no employee")
        self._break(self.w2, "employee archived")
        self._break(self.w3, "expired")
        facts = self._agree(cases)
        failing = {
            label
            for label, (order, __) in cases.items()
            if facts[order.id]["fail_qualification"]
        }
        self.assertEqual(failing, {label for label, (__, r) in cases.items() if r})

    def test_qualification_missing_or_not_valid_yet(self):
        cases = {
            "not valid yet": (self._order_of(self.w1 | self.ok2), True),
            "unqualified": (self._order_of(self.w2), True),
        }
        for order, __ in cases.values():
            self._brief(order)
        self._break(self.w1, "not valid yet")
        self._break(self.w2, "unqualified")
        self._agree(cases)

    def test_briefing_conditions(self):
        crew = self.ok1 | self.ok2
        now = fields.Datetime.now()
        orders = {
            label: self._order_of(crew)
            for label in (
                "briefed",
                "no briefing",
                "cancelled",
                "not acknowledged by all",
                "a crew member not on the roster",
                "briefing expired",
                "ticket expired",
                "one bad briefing, one good",
                "overridden",
                "already cleared",
            )
        }
        self._brief(orders["briefed"])
        self._brief(orders["cancelled"], state="cancel")
        self._brief(orders["not acknowledged by all"]).attendee_ids[:1].sudo().write(
            {"acknowledged_on": False}
        )
        self._brief(orders["a crew member not on the roster"], acknowledged=self.ok1)
        self._brief(orders["briefing expired"], start=now - timedelta(days=2))
        self._brief(
            orders["ticket expired"],
            ticket_valid_from=now - timedelta(hours=3),
            ticket_valid_to=now - timedelta(hours=1),
        )
        self._brief(orders["one bad briefing, one good"], acknowledged=self.ok2)
        self._brief(orders["one bad briefing, one good"])
        orders["overridden"].sudo().safety_override_by_id = self.leader
        orders["already cleared"].sudo().safety_cleared_on = now
        refused = {
            "no briefing",
            "cancelled",
            "not acknowledged by all",
            "a crew member not on the roster",
            "briefing expired",
            "ticket expired",
        }
        cases = {label: (order, label in refused) for label, order in orders.items()}
        facts = self._agree(cases)
        for label, (order, is_refused) in cases.items():
            self.assertEqual(facts[order.id]["fail_briefing"], is_refused, label)
            self.assertEqual(
                facts[order.id]["safety_starting"],
                label not in ("overridden", "already cleared"),
                label,
            )

    def test_qualification_valid_on_the_users_day(self):
        """Validity dates are read on the user's day, as the ORM reads them:
        a certificate valid until today west of the date line is expired
        already on the other side of it."""
        west = fields.Date.context_today(
            self.env["fsm.order"].with_context(tz="Etc/GMT+12")
        )
        order = self._order_of(self.ok1 | self.w1)
        self._brief(order)
        self.env["metering.qualification"].search(
            [("employee_id", "=", self._employee(self.w1).id)]
        ).write({"date_to": west})
        for tz, refused in (("Etc/GMT+12", False), ("Pacific/Kiritimati", True)):
            env = order.with_user(self.leader).with_context(tz=tz).env
            self._agree({tz: (order, refused)}, env=env)

    def test_checklists_and_backfill(self):
        """metering_service's part: a checklist guarding the start with a
        blocking answer, and a backfilled record not reviewed before it
        closes."""
        Item = self.env["metering.checklist.item"]
        template = self.env["metering.checklist.template"].create(
            {"name": "Before work"}
        )
        Item.create(
            [
                {"template_id": template.id, "name": "Earth applied"},
                {"template_id": template.id, "name": "Area fenced", "critical": True},
            ]
        )
        template.action_publish()
        self.env["metering.checklist.assignment"].create(
            {
                "template_id": template.id,
                "order_type_id": self.plain.id,
                "stage_id": self.in_progress.id,
            }
        )
        unanswered, failed, answered = (
            self._order_of(self.ok1, self.plain) for __ in range(3)
        )
        for order, values in ((failed, ("pass", "fail")), (answered, ("pass", "pass"))):
            for answer, value in zip(
                order.checklist_ids.answer_ids.sorted("sequence"), values, strict=True
            ):
                answer.value_pass_fail = value
        facts = self._agree(
            {
                "mandatory item unanswered": (unanswered, True),
                "critical item failed": (failed, True),
                "checklist complete": (answered, False),
            }
        )
        self.assertTrue(facts[answered.id]["checklists_to_complete"])
        answered.with_user(self.leader).write({"stage_id": self.in_progress.id})
        self.assertEqual(answered.checklist_ids.state, "done")
        # backfilled orders close once reviewed
        cancelled = self.env.ref("fieldservice.fsm_stage_cancelled")
        backfilled, reviewed = (self._order_of(self.ok1, self.plain) for __ in range(2))
        (backfilled | reviewed).sudo().is_backfilled = True
        reviewed.sudo().backfill_reviewed_by_id = self.leader
        facts = self._agree(
            {"not reviewed": (backfilled, True), "reviewed": (reviewed, False)},
            stage=cancelled,
        )
        self.assertTrue(facts[backfilled.id]["fail_backfill"])

    def test_sql_checks_more_workers_never_fewer(self):
        """An archived worker is no more on the order's crew for the ORM; the
        SQL still checks him (never fewer than the ORM): it sends the order
        to the ORM, which lets it start."""
        order = self._order_of(self.ok1 | self.ok2 | self.w1)
        self._brief(order, acknowledged=self.ok1 | self.ok2)
        self._break(self.w1, "unqualified")
        self.w1.active = False
        order.invalidate_recordset()
        leader_order = order.with_user(self.leader)
        vals = {"stage_id": self.in_progress.id}
        facts = leader_order._metering_stage_facts(self.in_progress, vals)
        self.assertTrue(facts[order.id]["fail"])
        self.assertFalse(leader_order._metering_stage_problems(self.in_progress, vals))
        leader_order.write(vals)
        self.assertTrue(order.safety_cleared_on)

    def test_same_refusal_as_the_orm(self):
        """A batch with orders failing each their own way is refused with the
        very message the ORM alone gives."""
        orders = (
            self._order_of(self.ok1 | self.ok2)
            | self._order_of(self.ok1 | self.w1)
            | self._order_of(self.ok1 | self.w2)
            | self._order_of(self.ok1 | self.ok2)
        )
        self._brief(orders[:3])
        self._break(self.w1, "expired")
        self._break(self.w2, "no employee")
        messages = []
        for fast in (True, False):
            patched = patch.object(
                type(self.env["fsm.order"]),
                "_metering_stage_facts",
                return_value=None,
            )
            with self.assertRaises(ValidationError) as refused:
                if fast:
                    self._start(orders)
                else:
                    with patched:
                        self._start(orders)
            messages.append(str(refused.exception))
        self.assertEqual(messages[0], messages[1])
        for order, refused in zip(orders, (False, True, True, True), strict=True):
            self.assertEqual(order.name in messages[0], refused, order.name)
        self.assertFalse(any(orders.mapped("safety_cleared_on")))

    def _start(self, orders):
        orders.with_user(self.leader).write({"stage_id": self.in_progress.id})
