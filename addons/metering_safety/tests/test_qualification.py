# Copyright 2026 Metering Compliance Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError

from odoo.addons.metering_service.tests.common import MeteringCommon


class TestQualification(MeteringCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.today()
        cls.today = today
        cls.qtype = cls.env["metering.qualification.type"].create(
            {"name": "HV electrician", "code": "HV"}
        )
        cls.tech_employee = cls.env["hr.employee"].create(
            {"name": "Tech Employee", "user_id": cls.technician.id}
        )
        cls.other_employee = cls.env["hr.employee"].create({"name": "Someone Else"})
        cls.own = cls.env["metering.qualification"].create(
            {
                "employee_id": cls.tech_employee.id,
                "type_id": cls.qtype.id,
                "date_from": today - timedelta(days=300),
                "date_to": today + timedelta(days=10),
            }
        )
        cls.others = cls.env["metering.qualification"].create(
            {
                "employee_id": cls.other_employee.id,
                "type_id": cls.qtype.id,
                "date_from": today - timedelta(days=300),
                "date_to": today - timedelta(days=1),
            }
        )

    def test_state_follows_expiry(self):
        self.assertEqual(self.own.state, "expiring")
        self.assertEqual(self.others.state, "expired")
        self.own.date_to = self.today + timedelta(days=200)
        self.assertEqual(self.own.state, "valid")

    def test_dates_must_be_ordered(self):
        with self.assertRaises(ValidationError):
            self.own.date_to = self.own.date_from - timedelta(days=1)

    def test_technician_reads_only_own_and_cannot_write(self):
        quals = self.env["metering.qualification"].with_user(self.technician)
        self.assertEqual(quals.search([]), self.own)
        with self.assertRaises(AccessError):
            self.own.with_user(self.technician).write({"date_to": self.today})
        with self.assertRaises(AccessError):
            quals.create(
                {
                    "employee_id": self.tech_employee.id,
                    "type_id": self.qtype.id,
                    "date_from": self.today,
                    "date_to": self.today,
                }
            )

    def test_leader_reads_all_manager_maintains(self):
        quals = self.env["metering.qualification"]
        self.assertEqual(
            quals.with_user(self.leader).search(
                [("id", "in", (self.own | self.others).ids)]
            ),
            self.own | self.others,
        )
        with self.assertRaises(AccessError):
            self.qtype.with_user(self.leader).write({"name": "x"})
        self.own.with_user(self.manager).write({"number": "A-1"})
        self.assertEqual(self.own.number, "A-1")

    def test_other_company_invisible(self):
        employee = self.env["hr.employee"].create(
            {"name": "Other Company Worker", "company_id": self.other_company.id}
        )
        shared_type = self.env["metering.qualification.type"].create(
            {"name": "LV electrician", "company_id": False}
        )
        other = self.env["metering.qualification"].create(
            {
                "employee_id": employee.id,
                "type_id": shared_type.id,
                "date_from": self.today,
                "date_to": self.today,
                "company_id": self.other_company.id,
            }
        )
        self.assertFalse(
            self.env["metering.qualification"]
            .with_user(self.manager)
            .search([("id", "=", other.id)])
        )
