# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The KPI providers of the evaluations: each KPI code of `_kpi_registry`
has its method `_kpi_<code>(evaluations)` on `metering.evaluation`, which
answers, for all the evaluations at once, {evaluation: {"value", "count",
"model", "domain"}}: the value (None when no record applies), how many
records it came from, and their model and domain (the link opens them).
Another addon adds a KPI by extending `_kpi_registry` and the model."""

from collections import defaultdict
from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

# How the delivered KPIs score: a rate or average (0-100, higher is better)
# or a count of occurrences (lower is better).
KPI_KINDS = {
    "orders_on_time": "percent",
    "disputes_on_time": "percent",
    "replacements_on_time": "percent",
    "arrivals_on_time": "percent",
    "checklist_score": "percent",
    "critical_failures": "count",
    "briefed_before_work": "percent",
    "safety_overrides": "count",
    "qualifications_valid": "percent",
    "backfills_reviewed": "percent",
    "refunds_without_return": "percent",
    "repeat_faults": "count",
    "visit_feedback": "percent",
}
# A fault at a metering point that had one this many days before repeats it.
REPEAT_FAULT_DAYS = 90


def _columns_compare(left, operator, right):
    """A domain comparing two columns of the same record (left <= right…)."""
    return Domain.custom(
        to_sql=lambda model, alias, query: SQL(
            "(%(left)s IS NOT NULL AND %(right)s IS NOT NULL AND %(left)s "
            + operator
            + " %(right)s)",
            left=SQL.identifier(alias, left),
            right=SQL.identifier(alias, right),
        ),
    )


def _repeat_faults(faults, earlier):
    """The fault orders among `faults` that another order of `earlier` at the
    same metering point preceded by at most REPEAT_FAULT_DAYS."""
    window = relativedelta(days=REPEAT_FAULT_DAYS)
    by_location = earlier.grouped("location_id")
    return faults.filtered(
        lambda order: any(
            other != order
            and other.request_early
            <= order.request_early
            <= other.request_early + window
            for other in by_location.get(order.location_id, ())
        )
    )


class MeteringEvaluation(models.Model):
    _inherit = "metering.evaluation"

    @api.model
    def _kpi_registry(self):
        """(code, label, kind): kind "percent" is a 0-100 score (higher is
        better), "count" counts occurrences (lower is better)."""
        _ = self.env._
        # one statement per label: the translation extractor misreads
        # labels inside a literal list of tuples
        labels = {}
        labels["orders_on_time"] = _("Rate of work orders completed by their deadline")
        labels["disputes_on_time"] = _("Rate of dispute results within the commitment")
        labels["replacements_on_time"] = _(
            "Rate of out-of-tolerance replacements in time"
        )
        labels["arrivals_on_time"] = _(
            "Rate of field repair arrivals within the commitment"
        )
        labels["checklist_score"] = _("Average checklist score")
        labels["critical_failures"] = _("Critical checklist failures")
        labels["briefed_before_work"] = _(
            "Rate of work started after a safety briefing"
        )
        labels["safety_overrides"] = _("Safety overrides")
        labels["qualifications_valid"] = _("Rate of qualifications valid")
        labels["backfills_reviewed"] = _("Rate of backfilled records reviewed")
        labels["refunds_without_return"] = _(
            "Rate of refund calculations approved without return"
        )
        labels["repeat_faults"] = _("Repeat faults at a metering point within 90 days")
        labels["visit_feedback"] = _(
            "Average feedback rating of the visits staffed (5 stars = 100)"
        )
        return [(code, label, KPI_KINDS[code]) for code, label in labels.items()]

    # The providers ----------------------------------------------------------

    def _kpi_orders_on_time(self, evaluations):
        """Orders due in the period, completed or overdue: the share completed
        by their deadline."""
        return evaluations._kpi_ratio(
            "fsm.order",
            "deadline",
            self._kpi_order_paths(),
            base=[
                ("stage_id", "!=", self._kpi_cancelled_stage()),
                *self._kpi_due("deadline"),
            ],
            good=self._kpi_completed_by("deadline"),
        )

    def _kpi_disputes_on_time(self, evaluations):
        """Verifications of disputed meters due in the period: the share whose
        result was given (the order completed) by the commitment."""
        return evaluations._kpi_ratio(
            "fsm.order",
            "deadline",
            self._kpi_order_paths(),
            base=[
                ("metering_process", "=", "dispute"),
                ("stage_id", "!=", self._kpi_cancelled_stage()),
                *self._kpi_due("deadline"),
            ],
            good=self._kpi_completed_by("deadline"),
        )

    def _kpi_replacements_on_time(self, evaluations):
        """Replacements of meters found out of tolerance, due in the period:
        the share done within the policy's working days."""
        return evaluations._kpi_ratio(
            "fsm.order",
            "deadline",
            self._kpi_order_paths(),
            base=[
                ("origin_order_id.test_verdict", "=", "failed"),
                ("removed_equipment_id", "!=", False),
                ("stage_id", "!=", self._kpi_cancelled_stage()),
                *self._kpi_due("deadline"),
            ],
            good=self._kpi_completed_by("deadline"),
        )

    def _kpi_arrivals_on_time(self, evaluations):
        """Fault repairs requested in the period: the share reached on site
        within the commitment of the area (a crew still on its way within it
        counts neither way)."""
        return evaluations._kpi_ratio(
            "fsm.order",
            "request_early",
            self._kpi_order_paths(),
            base=[
                ("metering_process", "=", "fault"),
                ("arrival_deadline", "!=", False),
                # not yet on site but still within the commitment: not counted
                "|",
                ("arrived_on", "!=", False),
                (
                    "arrival_deadline",
                    "<",
                    fields.Datetime.to_string(fields.Datetime.now()),
                ),
            ],
            good=_columns_compare("arrived_on", "<=", "arrival_deadline"),
        )

    def _kpi_checklist_score(self, evaluations):
        """Average score of the work orders' checklists completed in the
        period."""
        return evaluations._kpi_ratio(
            "metering.checklist",
            "completed_on",
            {"team": ("team_id", "team"), "employee": ("order_id.person_id", "person")},
            base=[("state", "=", "done"), ("res_model", "=", "fsm.order")],
            average="score",
        )

    def _kpi_critical_failures(self, evaluations):
        """Critical checklist items failed in the period."""
        return evaluations._kpi_ratio(
            "metering.checklist.answer",
            "checklist_id.completed_on",
            {
                "team": ("checklist_id.team_id", "team"),
                "employee": ("checklist_id.order_id.person_id", "person"),
            },
            base=[("result", "=", "fail"), ("item_id.critical", "=", True)],
            count=True,
        )

    def _kpi_briefed_before_work(self, evaluations):
        """Orders whose type requires a safety briefing, started in the
        period: the share started through the gate, not by an override."""
        return evaluations._kpi_ratio(
            "fsm.order",
            "safety_cleared_on",
            self._kpi_order_paths(),
            base=[("type.requires_safety_briefing", "=", True)],
            good=Domain("safety_override_by_id", "=", False),
        )

    def _kpi_safety_overrides(self, evaluations):
        """Work started in the period although safety blocked it."""
        return evaluations._kpi_ratio(
            "fsm.order",
            "safety_override_on",
            self._kpi_order_paths(),
            base=[],
            count=True,
        )

    def _kpi_qualifications_valid(self, evaluations):
        """Certificates held by the employee at the end of the period: the
        share still valid on its last day (a renewed certificate replaces the
        expired one of its type)."""
        results = {}
        employees = evaluations.filtered(lambda e: e.subject == "employee")
        for (_date_from, date_to), group in employees.grouped(
            lambda e: (e.date_from, e.date_to)
        ).items():
            domain = [
                ("employee_id", "in", group.employee_id.ids),
                ("date_from", "<=", fields.Date.to_string(date_to)),
            ]
            latest = (
                self.env["metering.qualification"]
                .sudo()
                ._read_group(domain, ["employee_id", "type_id"], ["date_to:max"])
            )
            held, valid = {}, {}
            for employee, _type, end in latest:
                held[employee] = held.get(employee, 0) + 1
                valid[employee] = valid.get(employee, 0) + (end >= date_to)
            for evaluation in group:
                employee = evaluation.employee_id
                total = held.get(employee, 0)
                results[evaluation] = {
                    "value": 100.0 * valid[employee] / total if total else None,
                    "count": total,
                    "model": "metering.qualification",
                    "domain": [
                        ("employee_id", "=", employee.id),
                        ("date_from", "<=", fields.Date.to_string(date_to)),
                    ],
                }
        return results

    def _kpi_backfills_reviewed(self, evaluations):
        """Orders backfilled from paper records, entered in the period: the
        share a team leader has reviewed."""
        return evaluations._kpi_ratio(
            "fsm.order",
            "create_date",
            self._kpi_order_paths(),
            base=[("is_backfilled", "=", True)],
            good=Domain("backfill_reviewed_by_id", "!=", False),
        )

    def _kpi_refunds_without_return(self, evaluations):
        """Refund / make-up energy calculations given their final approval in
        the period: the share approved without ever being returned for
        correction. A calculation is the team's of its work order, and the
        employee's who wrote it (its author, as a checklist is the worker's
        who filled it)."""
        return evaluations._kpi_ratio(
            "metering.energy.adjustment",
            "manager_approved_on",
            {"team": ("order_id.team_id", "team"), "employee": ("create_uid", "user")},
            base=[("state", "=", "approved")],
            good=Domain("return_count", "=", 0),
        )

    def _kpi_repeat_faults(self, evaluations):
        """Fault repairs requested in the period at a metering point that had
        another fault repair in the 90 days before: the first repair did not
        last. Two searches per period and subject kind."""
        results = {}
        Order = self.env["fsm.order"].sudo()
        paths = self._kpi_order_paths()
        for (subject, date_from, date_to), group in evaluations.grouped(
            lambda e: (e.subject, e.date_from, e.date_to)
        ).items():
            path, kind = paths[subject]
            keys = group._kpi_subject_keys(kind)
            start = datetime.combine(date_from, time.min)
            end = datetime.combine(date_to + relativedelta(days=1), time.min)
            ids = list({key.id for records in keys.values() for key in records})
            faults = Order.search_fetch(
                [
                    ("metering_process", "=", "fault"),
                    ("request_early", ">=", start),
                    ("request_early", "<", end),
                    (path, "in", ids),
                ],
                ["location_id", "request_early", path],
            )
            earlier = Order.search_fetch(
                [
                    ("metering_process", "=", "fault"),
                    ("location_id", "in", faults.location_id.ids),
                    (
                        "request_early",
                        ">=",
                        start - relativedelta(days=REPEAT_FAULT_DAYS),
                    ),
                    ("request_early", "<", end),
                ],
                ["location_id", "request_early"],
            )
            by_key = _repeat_faults(faults, earlier).grouped(path)
            for evaluation in group:
                mine = Order.browse().union(
                    *(by_key.get(key, Order.browse()) for key in keys[evaluation])
                )
                results[evaluation] = {
                    "value": float(len(mine)),
                    "count": len(mine),
                    "model": "fsm.order",
                    "domain": [("id", "in", mine.ids)],
                }
        return results

    def _kpi_visit_feedback(self, evaluations):
        """Exhibition hall visits held in the period that the employee (or a
        member of the team) was assigned to, done and rated by the visitors:
        their average rating, 5 stars being 100. A visit counts once however
        many of the team served it. One grouped query per period."""
        results = {}
        employees_of = evaluations._kpi_employees()
        Assignment = self.env["metering.showcase.assignment"].sudo()
        Visit = self.env["metering.showcase.visit"].sudo()
        for (date_from, date_to), group in evaluations.grouped(
            lambda e: (e.date_from, e.date_to)
        ).items():
            start = fields.Datetime.to_string(datetime.combine(date_from, time.min))
            end = fields.Datetime.to_string(
                datetime.combine(date_to + relativedelta(days=1), time.min)
            )
            visits = [
                ("state", "=", "done"),
                ("feedback_on", "!=", False),
                ("start", ">=", start),
                ("start", "<", end),
            ]
            staff = self.env["hr.employee"].union(
                *(employees_of[evaluation] for evaluation in group)
            )
            rows = Assignment._read_group(
                Domain("employee_id", "in", staff.ids)
                & Domain("visit_id", "any", visits),
                ["employee_id", "visit_id"],
            )
            served = defaultdict(lambda: Visit)
            for employee, visit in rows:
                served[employee] |= visit
            Visit.union(*served.values()).fetch(["rating_average"])
            for evaluation in group:
                employees = employees_of[evaluation]
                mine = Visit.union(*(served[employee] for employee in employees))
                ratings = mine.mapped("rating_average")
                results[evaluation] = {
                    "value": 20.0 * sum(ratings) / len(ratings) if ratings else None,
                    "count": len(mine),
                    "model": "metering.showcase.visit",
                    "domain": [
                        *visits,
                        ("assignment_ids.employee_id", "in", employees.ids),
                    ],
                }
        return results

    # Helpers ----------------------------------------------------------------

    def _kpi_employees(self):
        """{evaluation: its employee, or the employees of its team (those
        whose Field Service worker is in the team)} in two searches at most."""
        teams = self.filtered(lambda e: e.subject == "team").team_id
        members = {}
        if teams:
            persons = (
                self.env["fsm.person"]
                .sudo()
                .search_fetch([("team_id", "in", teams.ids)], ["team_id", "partner_id"])
            )
            staff = (
                self.env["hr.employee"]
                .sudo()
                .search_fetch(
                    [
                        "|",
                        ("work_contact_id", "in", persons.partner_id.ids),
                        ("user_id.partner_id", "in", persons.partner_id.ids),
                    ],
                    ["work_contact_id", "user_id"],
                )
            )
            for person in persons:
                members.setdefault(person.team_id, staff.browse())
                members[person.team_id] |= staff.filtered(
                    lambda e, p=person.partner_id: (
                        p in (e.work_contact_id | e.user_id.partner_id)
                    )
                )
        empty = self.env["hr.employee"]
        return {
            e: (members.get(e.team_id, empty) if e.subject == "team" else e.employee_id)
            for e in self
        }

    @api.model
    def _kpi_order_paths(self):
        return {"team": ("team_id", "team"), "employee": ("person_id", "person")}

    @api.model
    def _kpi_cancelled_stage(self):
        return self.env.ref("fieldservice.fsm_stage_cancelled").id

    @api.model
    def _kpi_due(self, deadline_field):
        """Orders completed, or whose deadline has passed: an open order
        still within its time counts neither way yet."""
        return [
            "|",
            ("stage_id", "=", self.env.ref("fieldservice.fsm_stage_completed").id),
            (deadline_field, "<", fields.Datetime.to_string(fields.Datetime.now())),
        ]

    @api.model
    def _kpi_completed_by(self, deadline_field):
        """Completed orders whose actual end is not after the deadline."""
        return Domain(
            "stage_id", "=", self.env.ref("fieldservice.fsm_stage_completed").id
        ) & _columns_compare("date_end", "<=", deadline_field)

    def _kpi_subject_keys(self, kind):
        """{evaluation: records matching it on a path of kind "team",
        "employee", "user" or "person"} in one search at most."""
        if kind == "team":
            return {e: e.team_id for e in self}
        if kind == "employee":
            return {e: e.employee_id for e in self}
        if kind == "user":
            return {e: e.employee_id.user_id for e in self}
        employees = self.employee_id
        partners = employees.work_contact_id | employees.user_id.partner_id
        persons = (
            self.env["fsm.person"].sudo().search([("partner_id", "in", partners.ids)])
        )
        by_partner = persons.grouped("partner_id")
        empty = self.env["fsm.person"]
        return {
            e: by_partner.get(e.employee_id.work_contact_id, empty)
            | by_partner.get(e.employee_id.user_id.partner_id, empty)
            for e in self
        }

    def _kpi_ratio(
        self, model, date_field, paths, base, good=None, average=None, count=False
    ):
        """The KPI of these evaluations over `model`'s records whose
        `date_field` falls in their period and whose path (per subject) leads
        to their team or employee: the share (%) of them matching `good`, the
        average of the field `average`, or (`count`) how many there are.
        Two grouped queries per period and subject kind."""
        Model = self.env[model].sudo()
        results = {}
        for (subject, date_from, date_to), group in self.grouped(
            lambda e: (e.subject, e.date_from, e.date_to)
        ).items():
            if subject not in paths:
                continue
            path, kind = paths[subject]
            keys = group._kpi_subject_keys(kind)
            start = fields.Datetime.to_string(datetime.combine(date_from, time.min))
            end = fields.Datetime.to_string(
                datetime.combine(date_to + relativedelta(days=1), time.min)
            )
            period = [(date_field, ">=", start), (date_field, "<", end)]
            ids = list({key.id for records in keys.values() for key in records})
            domain = Domain.AND([base, period, [(path, "in", ids)]])
            aggregates = ["__count"] + ([f"{average}:sum"] if average else [])
            totals = {
                key: values
                for key, *values in Model._read_group(domain, [path], aggregates)
            }
            goods = (
                dict(Model._read_group(domain & good, [path], ["__count"]))
                if good is not None
                else {}
            )
            for evaluation in group:
                records = keys[evaluation]
                total = sum(totals.get(key, [0])[0] for key in records)
                if count:
                    value = float(total)
                elif not total:
                    value = None
                elif average:
                    value = (
                        sum(totals[key][1] for key in records if key in totals) / total
                    )
                else:
                    value = 100.0 * sum(goods.get(key, 0) for key in records) / total
                results[evaluation] = {
                    "value": value,
                    "count": total,
                    "model": model,
                    "domain": list(
                        Domain.AND([base, period, [(path, "in", records.ids)]])
                    ),
                }
        return results
