# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from dateutil.relativedelta import relativedelta
from psycopg2.errors import UniqueViolation

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import mute_logger

from .common import MeteringCommon


class TestRegistry(MeteringCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.policy = cls.env["metering.policy"]._for_company(cls.company)
        cls.point = cls._create_location("Textile mill")

    def _device(self, **vals):
        self.device_count = getattr(self, "device_count", 0) + 1
        vals = {
            "name": f"Meter {self.device_count}",
            "device_kind": "three_phase_meter",
            "location_id": self.point.id,
            **vals,
        }
        return self.env["fsm.equipment"].create(vals)

    # Classification -----------------------------------------------------

    def test_class_from_thresholds(self):
        cases = [
            ({"supply_voltage": "220v", "monthly_consumption": 300}, "5"),
            ({"supply_voltage": "10kv", "monthly_consumption": 5_000_000}, "1"),
            ({"supply_voltage": "35kv", "transformer_capacity": 10_000}, "1"),
            ({"supply_voltage": "10kv", "monthly_consumption": 1_000_000}, "2"),
            ({"supply_voltage": "10kv", "transformer_capacity": 2_000}, "2"),
            ({"supply_voltage": "10kv", "monthly_consumption": 100_000}, "3"),
            ({"supply_voltage": "380v", "transformer_capacity": 315}, "3"),
            ({"supply_voltage": "380v", "transformer_capacity": 314}, "4"),
            ({"supply_voltage": "380v", "monthly_consumption": 99_999}, "4"),
        ]
        for vals, expected in cases:
            with self.subTest(vals=vals):
                self.point.write(
                    {"monthly_consumption": 0, "transformer_capacity": 0, **vals}
                )
                self.assertEqual(self.point.metering_class, expected)

    def test_policy_thresholds_reclassify(self):
        self.point.write({"supply_voltage": "10kv", "transformer_capacity": 400})
        self.assertEqual(self.point.metering_class, "3")
        self.policy.with_user(self.manager).write({"class_3_capacity_kva": 500})
        self.assertEqual(self.point.metering_class, "4")

    def test_negative_consumption_refused(self):
        with self.assertRaisesRegex(ValidationError, "Textile mill"):
            self.point.write({"monthly_consumption": -1})

    def test_class_override_by_manager_only(self):
        self.point.write({"supply_voltage": "10kv", "transformer_capacity": 400})
        with self.assertRaises(AccessError):
            self.point.with_user(self.leader).write(
                {"metering_class_override": "1", "metering_class_override_reason": "x"}
            )
        with self.assertRaisesRegex(ValidationError, "reason"):
            self.point.with_user(self.manager).write({"metering_class_override": "1"})
        self.point.with_user(self.manager).write(
            {
                "metering_class_override": "1",
                "metering_class_override_reason": "Tie point with the provincial grid",
            }
        )
        self.assertEqual(self.point.metering_class, "1")
        self.assertEqual(self.point.computed_metering_class, "3")
        # the rest of the metering point stays editable by the team leader
        self.point.with_user(self.leader).write({"customer_account": "0101"})
        self.assertEqual(self.point.customer_account, "0101")

    # Devices ------------------------------------------------------------

    def test_asset_number_unique_per_company(self):
        self._device(asset_number="3310001")
        self.env["fsm.equipment"].create(
            {
                "name": "Same number elsewhere",
                "device_kind": "single_phase_meter",
                "asset_number": "3310001",
                "company_id": self.other_company.id,
            }
        )
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(UniqueViolation),
            self.env.cr.savepoint(),
        ):
            self._device(asset_number="3310001")
            self.env.flush_all()

    def test_due_dates(self):
        self.point.write({"supply_voltage": "10kv", "monthly_consumption": 1_500_000})
        installed, tested = date(2024, 3, 1), date(2025, 4, 10)
        meter = self._device(
            device_state="installed", installed_date=installed, last_test_date=tested
        )
        self.assertEqual(meter.next_inspection_date, tested + relativedelta(months=6))
        self.assertEqual(meter.next_rotation_date, installed + relativedelta(years=4))
        self.assertFalse(meter.next_transformer_test_date)
        self.assertEqual(meter.next_due_date, meter.next_inspection_date)

        ct = self._device(
            device_kind="current_transformer",
            device_state="installed",
            installed_date=installed,
        )
        self.assertEqual(
            ct.next_transformer_test_date, installed + relativedelta(years=10)
        )
        self.assertFalse(ct.next_inspection_date or ct.next_rotation_date)

        spare = self._device(device_state="in_stock", location_id=False)
        self.assertFalse(spare.next_due_date)

        # the manager shortens the inspection period: due dates follow
        self.policy.with_user(self.manager).write({"inspection_months_class_2": 3})
        self.assertEqual(meter.next_inspection_date, tested + relativedelta(months=3))

    def test_overdue_and_due_soon_filters(self):
        today = fields.Date.context_today(self.env.user)
        self.point.write({"supply_voltage": "10kv", "monthly_consumption": 1_500_000})
        overdue = self._device(
            device_state="installed",
            installed_date=today - relativedelta(years=1),
            last_test_date=today - relativedelta(months=7),
        )
        due_soon = self._device(
            device_state="installed",
            installed_date=today - relativedelta(years=1),
            last_test_date=today - relativedelta(months=6) + relativedelta(days=10),
        )
        later = self._device(
            device_state="installed", installed_date=today, last_test_date=today
        )
        devices = overdue | due_soon | later
        Device = self.env["fsm.equipment"].with_user(self.technician)
        self.assertEqual(
            Device.search([("id", "in", devices.ids), ("next_due_date", "<", today)]),
            overdue,
        )
        self.assertEqual(
            Device.search(
                [
                    ("id", "in", devices.ids),
                    ("next_due_date", ">=", today),
                    ("next_due_date", "<=", today + relativedelta(days=30)),
                ]
            ),
            due_soon,
        )

    # Policy -------------------------------------------------------------

    def test_policy_access(self):
        self.assertEqual(self.policy.with_user(self.technician).dispute_days, 5)
        with self.assertRaises(AccessError):
            self.policy.with_user(self.leader).write({"dispute_days": 7})
        self.policy.with_user(self.manager).write({"dispute_days": 7})
        self.assertEqual(self.policy.dispute_days, 7)
        action = (
            self.env["metering.policy"]
            .with_user(self.manager)
            .action_open_company_policy()
        )
        self.assertEqual(action["res_id"], self.policy.id)
        foreign = self.env["metering.policy"]._for_company(self.other_company)
        with self.assertRaises(AccessError):
            foreign.sudo(False).with_user(self.manager).read(["dispute_days"])

    def test_policy_values_cannot_be_negative(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.policy.with_user(self.manager).write({"replacement_days": -1})

    def test_history_is_not_written_by_technicians(self):
        device = self._device(device_state="installed")
        with self.assertRaises(AccessError):
            self.env["metering.device.history"].with_user(self.technician).create(
                {
                    "equipment_id": device.id,
                    "event": "installed",
                    "location_id": self.point.id,
                }
            )

    def test_device_found_by_its_scanned_serial_number(self):
        meter = self.env["fsm.equipment"].create(
            {
                "name": "Nameplate meter",
                "device_kind": "single_phase_meter",
                "serial_number": "3300012345678",
                "asset_number": "JB-ASSET-77",
            }
        )
        Device = self.env["fsm.equipment"].with_user(self.technician)
        for scanned in ("3300012345678", "JB-ASSET-77"):
            self.assertIn(meter.id, [i for i, __ in Device.name_search(scanned)])
