# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo.fields import Command
from odoo.tools.safe_eval import safe_eval

from .scorecard_common import ScorecardCommon


class TestScorecardKpi(ScorecardCommon):
    """Each delivered KPI on hand-made records with a known answer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        codes = [
            code for code, _l, _k in cls.env["metering.evaluation"]._kpi_registry()
        ]
        criteria = [
            {"name": code, "source": "automatic", "kpi_code": code} for code in codes
        ]
        cls.team_template = cls._template(criteria)
        cls.employee_template = cls._template(criteria, subject="employee")
        cls.types = {
            process: cls.env["fsm.order.type"].create(
                {
                    "name": f"T {process}",
                    "internal_type": "fsm",
                    "metering_process": process,
                }
            )
            for process in ("dispute", "fault", "install")
        }

    def _order(self, **vals):
        vals.setdefault("location_id", self.location.id)
        vals.setdefault("team_id", self.team.id)
        vals.setdefault("person_id", self.technician_person.id)
        return self.Order.create(vals)

    def _evaluations(self):
        Evaluation = self.env["metering.evaluation"].with_user(self.leader)
        team = Evaluation._generate(self.team_template, "month", self.month_start)
        employee = Evaluation._generate(
            self.employee_template, "month", self.month_start
        )
        return (
            team.filtered(lambda e: e.team_id == self.team),
            team.filtered(lambda e: e.team_id == self.other_team),
            employee.filtered(lambda e: e.employee_id == self.tech_employee),
        )

    def _kpi(self, evaluation, code):
        return evaluation.line_ids.filtered(lambda line: line.kpi_code == code)

    def test_orders_disputes_replacements_on_time(self):
        dispute = self.types["dispute"]
        # 3 orders due this month: 2 completed in time (one a dispute), 1 late
        self._order(
            type=dispute.id,
            stage_id=self.completed.id,
            deadline=self._at(5),
            date_end=self._at(4),
        )
        self._order(
            stage_id=self.completed.id, deadline=self._at(5), date_end=self._at(5)
        )
        self._order(
            type=dispute.id,
            stage_id=self.completed.id,
            deadline=self._at(3),
            date_end=self._at(6),
        )
        # an overdue open order, another team's, and one due next month
        self._order(deadline=self._at(2))
        self._order(team_id=self.other_team.id, person_id=False, deadline=self._at(2))
        self._order(deadline=self._at(40))
        # a replacement of a meter out of tolerance, done late
        failed = self._order(type=dispute.id, deadline=self._at(40))
        failed.sudo().write({"test_verdict": "failed"})
        meter = self.env["fsm.equipment"].create(
            {"name": "Meter 1", "location_id": self.location.id}
        )
        self._order(
            type=self.types["install"].id,
            origin_order_id=failed.id,
            removed_equipment_id=meter.id,
            deadline=self._at(3),
        )
        team, other, employee = self._evaluations()
        orders = self._kpi(team, "orders_on_time")
        # 2 in time of the 5 due (3 completed, 1 open, the replacement open)
        self.assertEqual(orders.kpi_count, 5)
        self.assertAlmostEqual(orders.kpi_value, 40.0)
        self.assertEqual(
            self.Order.search_count(safe_eval(orders.kpi_domain)), orders.kpi_count
        )
        disputes = self._kpi(team, "disputes_on_time")
        self.assertEqual(disputes.kpi_count, 2)
        self.assertAlmostEqual(disputes.kpi_value, 50.0)
        replacements = self._kpi(team, "replacements_on_time")
        self.assertEqual(replacements.kpi_count, 1)
        self.assertAlmostEqual(replacements.kpi_value, 0.0)
        self.assertFalse(replacements.not_applicable)
        self.assertAlmostEqual(self._kpi(other, "orders_on_time").kpi_value, 0.0)
        # the employee did the same work as his team, except the other team's
        self.assertAlmostEqual(self._kpi(employee, "orders_on_time").kpi_value, 40.0)
        action = orders.action_open_records()
        self.assertEqual(action["res_model"], "fsm.order")

    def test_arrivals_on_time(self):
        fault = self.types["fault"]
        policy = self.env["metering.policy"]._for_company(self.company)
        minutes = policy.repair_minutes_urban
        start = self._at(3, 8)
        self._order(type=fault.id, request_early=start, arrived_on=start)
        self._order(
            type=fault.id,
            request_early=start,
            arrived_on=start + timedelta(minutes=minutes + 1),
        )
        self._order(type=fault.id, request_early=start)  # nobody came yet
        self._order(type=fault.id, request_early=start, arrived_on=start)
        team, _other, _employee = self._evaluations()
        arrivals = self._kpi(team, "arrivals_on_time")
        self.assertEqual(arrivals.kpi_count, 4)
        self.assertAlmostEqual(arrivals.kpi_value, 50.0)

    def test_checklist_score_and_critical_failures(self):
        template = self.env["metering.checklist.template"].create(
            {
                "name": "Install check",
                "item_ids": [
                    Command.create({"name": "Seal", "critical": True}),
                    Command.create({"name": "Clean"}),
                ],
            }
        )
        critical, plain = template.item_ids
        Checklist = self.env["metering.checklist"]
        for score, failures in ((80.0, [critical, plain]), (60.0, [plain])):
            order = self._order()
            checklist = Checklist.create(
                {
                    "template_id": template.id,
                    "res_model": "fsm.order",
                    "res_id": order.id,
                    "order_id": order.id,
                    "team_id": self.team.id,
                }
            )
            self.env["metering.checklist.answer"].create(
                [
                    {"checklist_id": checklist.id, "item_id": item.id, "result": "fail"}
                    for item in failures
                ]
            )
            checklist.write(
                {"state": "done", "completed_on": self._at(2), "score": score}
            )
        team, other, employee = self._evaluations()
        self.assertAlmostEqual(self._kpi(team, "checklist_score").kpi_value, 70.0)
        self.assertAlmostEqual(self._kpi(employee, "checklist_score").kpi_value, 70.0)
        failures = self._kpi(team, "critical_failures")
        self.assertEqual(failures.kpi_value, 1.0)
        # 10 points off per failure by default
        self.assertAlmostEqual(failures.score, 90.0)
        self.assertTrue(self._kpi(other, "checklist_score").not_applicable)
        # a count is never "not applicable": none is the best score
        self.assertAlmostEqual(self._kpi(other, "critical_failures").score, 100.0)

    def test_briefings_and_overrides(self):
        briefed = self.env["fsm.order.type"].create(
            {"name": "Live work", "internal_type": "fsm"}
        )
        briefed.sudo().write({"requires_safety_briefing": True})
        for overridden in (False, False, False, True):
            order = self._order(type=briefed.id)
            vals = {"safety_cleared_on": self._at(2)}
            if overridden:
                vals.update(
                    safety_override_by_id=self.manager.id,
                    safety_override_on=self._at(2),
                    safety_override_reason="Storm",
                )
            order.sudo().write(vals)
        team, _other, _employee = self._evaluations()
        self.assertAlmostEqual(self._kpi(team, "briefed_before_work").kpi_value, 75.0)
        self.assertEqual(self._kpi(team, "safety_overrides").kpi_value, 1.0)

    def test_qualifications_valid(self):
        Type = self.env["metering.qualification.type"]
        hv, lv = Type.create(
            [{"name": "HV", "code": "HV"}, {"name": "LV", "code": "LV"}]
        )
        month_end = self.month_start + timedelta(days=40)
        month_end = month_end.replace(day=1) - timedelta(days=1)
        Qualification = self.env["metering.qualification"]
        Qualification.create(
            [
                # HV expired, then renewed: valid
                {
                    "employee_id": self.tech_employee.id,
                    "type_id": hv.id,
                    "date_from": self.month_start - timedelta(days=400),
                    "date_to": self.month_start - timedelta(days=30),
                },
                {
                    "employee_id": self.tech_employee.id,
                    "type_id": hv.id,
                    "date_from": self.month_start - timedelta(days=30),
                    "date_to": month_end + timedelta(days=300),
                },
                # LV expires during the month: not valid at its end
                {
                    "employee_id": self.tech_employee.id,
                    "type_id": lv.id,
                    "date_from": self.month_start - timedelta(days=300),
                    "date_to": month_end - timedelta(days=1),
                },
            ]
        )
        team, _other, employee = self._evaluations()
        valid = self._kpi(employee, "qualifications_valid")
        self.assertAlmostEqual(valid.kpi_value, 50.0)
        self.assertEqual(valid.kpi_count, 2)
        # a team holds no certificate
        self.assertTrue(self._kpi(team, "qualifications_valid").not_applicable)

    def test_backfills_reviewed(self):
        orders = self._order() | self._order() | self._order()
        orders.sudo().write({"is_backfilled": True})
        # entered last month
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE fsm_order SET create_date = %s WHERE id IN %s",
            (self._at(10), tuple(orders.ids)),
        )
        orders.invalidate_recordset(["create_date"])
        orders[0].sudo().write({"backfill_reviewed_by_id": self.leader.id})
        team, _other, _employee = self._evaluations()
        reviewed = self._kpi(team, "backfills_reviewed")
        self.assertEqual(reviewed.kpi_count, 3)
        self.assertAlmostEqual(reviewed.kpi_value, 100.0 / 3, places=2)

    def test_repeat_faults(self):
        fault = self.types["fault"]
        other_point = self._create_location("Other point")
        # a fault 80 days before the period, repeated on day 5, then on day 10
        self._order(
            type=fault.id, request_early=self._at(-80), team_id=self.other_team.id
        )
        self._order(type=fault.id, request_early=self._at(5))
        self._order(type=fault.id, request_early=self._at(10))
        # a first fault elsewhere, and one 100 days after an earlier one
        self._order(
            type=fault.id, request_early=self._at(3), location_id=other_point.id
        )
        self._order(
            type=fault.id,
            request_early=self._at(-120),
            location_id=self._create_location("Third point").id,
        )
        team, other, _employee = self._evaluations()
        repeats = self._kpi(team, "repeat_faults")
        self.assertEqual(repeats.kpi_value, 2.0)
        self.assertEqual(self.Order.search_count(safe_eval(repeats.kpi_domain)), 2)
        self.assertAlmostEqual(repeats.score, 80.0)
        self.assertEqual(self._kpi(other, "repeat_faults").kpi_value, 0.0)

    def _approved_calculation(self, order, returns=0, day=10, user=None):
        """A refund calculation of `order` written by `user` (the
        technician), returned `returns` times, approved on `day`."""
        adjustment = (
            self.env["metering.energy.adjustment"]
            .with_user(user or self.technician)
            .create(
                {
                    "location_id": self.location.id,
                    "order_id": order.id,
                    "period_start": "2026-01-01",
                    "period_end": "2026-07-01",
                    "recorded_energy": 12000,
                    "error_percent": 2.5,
                }
            )
        )
        for _return in range(returns):
            adjustment.action_submit()
            adjustment.with_user(self.leader).action_reset_to_draft()
        adjustment.action_submit()
        adjustment.with_user(self.leader).action_approve_leader()
        adjustment.with_user(self.manager).action_approve_manager()
        adjustment.sudo().write({"manager_approved_on": self._at(day)})
        return adjustment

    def test_refunds_without_return(self):
        order = self._order()
        # last month: 3 approved, one of them returned twice before
        self._approved_calculation(order)
        self._approved_calculation(order, returns=2)
        self._approved_calculation(order, day=20)
        # not counted: approved this month, only submitted, another team's
        self._approved_calculation(order, day=40)
        pending = self.env["metering.energy.adjustment"].create(
            {
                "location_id": self.location.id,
                "order_id": order.id,
                "period_start": "2026-01-01",
                "period_end": "2026-07-01",
                "recorded_energy": 100,
                "error_percent": 2.5,
            }
        )
        pending.action_submit()
        other_order = self._order(team_id=self.other_team.id, person_id=False)
        self._approved_calculation(other_order, returns=1, user=self.leader)
        team, other, employee = self._evaluations()
        for evaluation in (team, employee):
            kpi = self._kpi(evaluation, "refunds_without_return")
            self.assertEqual(kpi.kpi_count, 3)
            self.assertAlmostEqual(kpi.kpi_value, 200.0 / 3, places=2)
            self.assertEqual(kpi.kpi_model, "metering.energy.adjustment")
            linked = self.env[kpi.kpi_model].search(safe_eval(kpi.kpi_domain))
            self.assertEqual(len(linked), 3)
            self.assertEqual(sum(linked.mapped("return_count")), 2)
        other_kpi = self._kpi(other, "refunds_without_return")
        self.assertEqual(other_kpi.kpi_count, 1)
        self.assertEqual(other_kpi.kpi_value, 0.0)

    def test_refunds_without_return_not_applicable(self):
        """No calculation approved in the period: the criterion drops out."""
        self._approved_calculation(self._order(), day=40)
        team, _other, employee = self._evaluations()
        for evaluation in (team, employee):
            kpi = self._kpi(evaluation, "refunds_without_return")
            self.assertTrue(kpi.not_applicable)
            self.assertEqual(kpi.kpi_count, 0)

    def test_team_smart_button(self):
        team, _other, _employee = self._evaluations()
        fsm_team = self.team.with_user(self.leader)
        self.assertEqual(fsm_team.metering_evaluation_count, 1)
        action = fsm_team.action_open_metering_evaluations()
        self.assertEqual(team.search(action["domain"]), team)
        self.assertEqual(fsm_team.metering_evaluation_ids, team)
        arch = fsm_team.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="metering_evaluation_ids"', arch)

    def test_kpis_are_batched(self):
        """The queries of a computation do not grow with the evaluations."""
        more = self.env["fsm.team"].create([{"name": f"Team {i}"} for i in range(10)])
        team, other, _employee = self._evaluations()
        many = team.search([("team_id", "in", more.ids)])
        counts = []
        # the first computation warms the caches
        for evaluations in (team | other, team | other, team | other | many):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            evaluations.with_user(self.leader).action_compute()
            self.env.flush_all()
            counts.append(self.env.cr.sql_log_count - before)
        # ten evaluations more cost no query per evaluation
        self.assertLess(counts[2] - counts[1], 5)
