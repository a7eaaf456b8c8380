# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

from .fsm_equipment import METER_KINDS, TRANSFORMER_KINDS


class MeteringRotation(models.AbstractModel):
    """Rotation planning (manual 5.5): meters whose rotation falls due within
    a horizon are replaced by orders grouped by area (the top location of the
    metering point's hierarchy), a bounded number of meters per order.

    Works on whole recordsets with a fixed number of queries per batch of
    orders: meant for tens of thousands of meters at once.
    """

    _name = "metering.rotation"
    _description = "Metering Rotation Planning"

    ORDER_BATCH = 1000

    @api.model
    def _due_domain(self, company, horizon_date):
        """Installed meters due for rotation by horizon_date and not already in
        an open rotation order: planning twice plans nothing twice."""
        planned = self.env["fsm.order"]._search(
            [
                ("company_id", "=", company.id),
                ("metering_process", "=", "rotation"),
                ("stage_id.is_closed", "=", False),
            ]
        )
        return Domain(
            [
                ("company_id", "=", company.id),
                ("device_kind", "in", METER_KINDS),
                ("device_state", "=", "installed"),
                ("next_rotation_date", "<=", horizon_date),
                ("location_id", "!=", False),
            ]
        ) & ~Domain("order_ids", "any", planned)

    @api.model
    def _groups(self, company, horizon_date, max_devices):
        """[(area location id, [device ids])] chunks, one per order to create."""
        rows = self.env["fsm.equipment"]._read_group(
            self._due_domain(company, horizon_date),
            groupby=["location_id", "batch"],
            aggregates=["id:array_agg"],
        )
        location_ids = list({location.id for location, _batch, _ids in rows})
        areas = {}
        self.env.cr.execute(
            "SELECT id, parent_path FROM fsm_location WHERE id = ANY(%s)",
            [location_ids],
        )
        for location_id, parent_path in self.env.cr.fetchall():
            areas[location_id] = int((parent_path or str(location_id)).split("/")[0])
        # single-phase meters go by batch: one batch's meters share orders
        by_area = defaultdict(list)
        for location, batch, device_ids in rows:
            by_area[(areas[location.id], batch or "")].extend(sorted(device_ids))
        chunks = []
        for area_id, batch in sorted(by_area):
            device_ids = by_area[(area_id, batch)]
            for start in range(0, len(device_ids), max_devices):
                chunks.append((area_id, device_ids[start : start + max_devices]))
        return chunks

    @api.model
    def preview(self, company, horizon_date, max_devices):
        """Dry run: per area, how many meters and orders the planning makes."""
        summary = defaultdict(lambda: [0, 0])
        for area_id, device_ids in self._groups(company, horizon_date, max_devices):
            summary[area_id][0] += len(device_ids)
            summary[area_id][1] += 1
        return [
            {"area_id": area_id, "device_count": devices, "order_count": orders}
            for area_id, (devices, orders) in summary.items()
        ]

    @api.model
    def plan(self, company, horizon_date, max_devices, commit=False):
        """Create the rotation orders; returns them.

        With `commit` (the monthly cron, or a city's million meters), each
        batch of orders is committed with its lines as soon as it is created
        (`ir.cron._commit_progress`: the cron's progress counts the meters
        planned and left) and the cache is emptied, so that the memory stays
        that of one batch whatever the count. The planning stops when the
        cron's time is up; the next run, or a run after a crash, goes on with
        the meters left: a committed meter is in an open rotation order, and
        `_due_domain` never plans it twice."""
        chunks = self._groups(company, horizon_date, max_devices)
        Cron = self.env["ir.cron"]
        if commit:
            Cron._commit_progress(remaining=sum(len(ids) for __, ids in chunks))
        order_ids = []
        for batch in self._batches(chunks):
            order_ids += self._plan_batch(company, batch).ids
            if commit:
                self.env.flush_all()
                time_left = Cron._commit_progress(sum(len(ids) for __, ids in batch))
                self.env.invalidate_all()
                if not time_left:
                    break
        return self.env["fsm.order"].browse(order_ids)

    @api.model
    def _batches(self, chunks, size=None):
        """The chunks of `_groups`, `size` (ORDER_BATCH) orders at a time: the
        unit of work that is created (and, in a cron, committed) at once; that
        of a job in metering_rotation_queue."""
        size = size or self.ORDER_BATCH
        for start in range(0, len(chunks), size):
            yield chunks[start : start + size]

    @api.model
    def _plan_batch(self, company, chunks):
        """Create one rotation order per chunk (area id, device ids), with its
        lines; returns the orders."""
        order_type = self.env.ref("metering_service.fsm_order_type_rotation")
        Order = self.env["fsm.order"].with_context(tracking_disable=True)
        orders = Order.create(
            [
                {
                    "type": order_type.id,
                    "location_id": area_id,
                    "company_id": company.id,
                    "equipment_ids": [fields.Command.set(device_ids)],
                }
                for area_id, device_ids in chunks
            ]
        )
        self._insert_lines(orders)
        return orders

    @api.model
    def _insert_lines(self, orders):
        """One line per meter of the new rotation orders, to swap on site.

        A line starts as a plain row (nothing computed, tracked or
        translated), so one INSERT ... SELECT writes them all, as for the
        answers of new checklists: planning a million meters must not pay
        the ORM's create per line."""
        Line = self.env["metering.rotation.line"]
        orders.flush_recordset()
        Line.flush_model()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO metering_rotation_line
                    (order_id, old_equipment_id, company_id, sequence, state,
                     create_uid, write_uid, create_date, write_date)
                SELECT rel.fsm_order_id, rel.fsm_equipment_id, o.company_id, 10,
                       'planned', %(uid)s, %(uid)s, %(now)s, %(now)s
                  FROM fsm_equipment_fsm_order_rel rel
                  JOIN fsm_order o ON o.id = rel.fsm_order_id
                 WHERE rel.fsm_order_id = ANY(%(ids)s)
                """,
                uid=self.env.uid,
                now=self.env.cr.now(),
                ids=orders.ids,
            )
        )
        Line.invalidate_model()
        orders.invalidate_recordset(["rotation_line_ids"])

    # Periodic inspections and instrument transformer tests ----------------

    # process: (due date field of the device, device kinds)
    INSPECTIONS = {
        "periodic_inspection": ("next_inspection_date", METER_KINDS),
        "transformer_test": ("next_transformer_test_date", TRANSFORMER_KINDS),
    }

    @api.model
    def _inspection_due_domain(self, company, horizon_date, process):
        """Installed devices due for the inspection by horizon_date and not
        already under an open order of it: planning twice plans nothing twice."""
        due_field, kinds = self.INSPECTIONS[process]
        planned = [
            device.id
            for (device,) in self.env["fsm.order"]._read_group(
                [
                    ("company_id", "=", company.id),
                    ("metering_process", "=", process),
                    ("stage_id.is_closed", "=", False),
                    ("tested_equipment_id", "!=", False),
                ],
                groupby=["tested_equipment_id"],
            )
        ]
        return Domain(
            [
                ("company_id", "=", company.id),
                ("device_kind", "in", kinds),
                ("device_state", "=", "installed"),
                (due_field, "<=", horizon_date),
                ("location_id", "!=", False),
            ]
        ) & Domain("id", "not in", planned)

    @api.model
    def preview_inspections(self, company, horizon_date, process):
        """Dry run: per area, how many devices (and orders) are due."""
        rows = self.env["fsm.equipment"]._read_group(
            self._inspection_due_domain(company, horizon_date, process),
            groupby=["location_id"],
            aggregates=["__count"],
        )
        summary = defaultdict(int)
        for location, count in rows:
            summary[int(location.parent_path.split("/")[0])] += count
        return [
            {"area_id": area_id, "device_count": count, "order_count": count}
            for area_id, count in summary.items()
        ]

    @api.model
    def plan_inspections(self, company, horizon_date, process):
        """One order per due device, the device under test on it, due by its
        due date: completing it resets the device's last test, and an
        out-of-tolerance verdict starts the replacement as a dispute does."""
        order_type = self.env["fsm.order.type"].search(
            [("metering_process", "=", process)], limit=1
        )
        if not order_type:
            return self.env["fsm.order"]
        due_field = self.INSPECTIONS[process][0]
        devices = self.env["fsm.equipment"].search_fetch(
            self._inspection_due_domain(company, horizon_date, process),
            ["location_id", due_field],
        )
        Order = self.env["fsm.order"].with_context(tracking_disable=True)
        orders = self.env["fsm.order"]
        for start in range(0, len(devices), self.ORDER_BATCH):
            batch = devices[start : start + self.ORDER_BATCH]
            orders |= Order.create(
                [
                    {
                        "type": order_type.id,
                        "location_id": device.location_id.id,
                        "company_id": company.id,
                        "tested_equipment_id": device.id,
                        "equipment_ids": [fields.Command.set(device.ids)],
                        "deadline": fields.Datetime.to_datetime(device[due_field]),
                    }
                    for device in batch
                ]
            )
        return orders

    @api.model
    def _cron_plan_inspections(self):
        """Monthly: the inspections and CT/PT tests due by the end of next
        month."""
        today = fields.Date.context_today(self)
        horizon = today + relativedelta(months=2, day=1, days=-1)
        for company in self.env["res.company"].search([]):
            for process in self.INSPECTIONS:
                self.with_company(company).plan_inspections(company, horizon, process)

    @api.model
    def _cron_plan_rotation(self):
        """Monthly: the meters due within the policy's horizon, in batches
        committed as they go; a run stopped by its time limit (or a crash)
        is taken up by the next with the meters left."""
        today = fields.Date.context_today(self)
        for company in self.env["res.company"].search([]):
            policy = self.env["metering.policy"]._for_company(company)
            self.with_company(company).plan(
                company,
                today + relativedelta(days=policy.rotation_horizon_days),
                policy.rotation_max_devices or 50,
                # committed batches in a cron's own transaction only
                commit=bool(self.env.context.get("cron_id")),
            )
            if (
                self.env.context.get("cron_id")
                and not self.env["ir.cron"]._commit_progress()
            ):
                return  # time is up: the next run goes on
