# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError

from odoo.addons.metering_service.tests.common import MeteringCommon


class QualificationCommon(MeteringCommon):
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


class TestQualification(QualificationCommon):
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


class TestRequiredQualifications(QualificationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order_type = cls.env["fsm.order.type"].create(
            {
                "name": "HV metering work",
                "internal_type": "fsm",
                "required_qualification_type_ids": [fields.Command.link(cls.qtype.id)],
            }
        )
        cls.location = cls._create_location("HV customer point")
        cls.other_person = cls.env["fsm.person"].create(
            {"partner_id": cls.other_employee.work_contact_id.id}
        )

    def test_assigning_a_qualified_worker(self):
        order = (
            self.env["fsm.order"]
            .with_user(self.leader)
            .create(
                {
                    "type": self.order_type.id,
                    "location_id": self.location.id,
                    "person_id": self.technician_person.id,
                }
            )
        )
        self.assertEqual(order.person_id, self.technician_person)

    def test_expired_or_missing_qualification_refused(self):
        with self.assertRaisesRegex(ValidationError, "Someone Else"):
            self.env["fsm.order"].with_user(self.leader).create(
                {
                    "type": self.order_type.id,
                    "location_id": self.location.id,
                    "person_id": self.other_person.id,
                }
            )
        order = (
            self.env["fsm.order"]
            .with_user(self.leader)
            .create({"type": self.order_type.id, "location_id": self.location.id})
        )
        with self.assertRaisesRegex(ValidationError, "HV electrician"):
            order.with_user(self.leader).write(
                {"person_ids": [fields.Command.link(self.other_person.id)]}
            )
        self.own.date_to = self.today - timedelta(days=1)
        with self.assertRaisesRegex(ValidationError, "HV electrician"):
            order.with_user(self.leader).write({"person_id": self.technician_person.id})

    def test_changing_the_type_checks_the_crew(self):
        order = self.env["fsm.order"].create(
            {"location_id": self.location.id, "person_id": self.other_person.id}
        )
        with self.assertRaisesRegex(ValidationError, "Someone Else"):
            order.with_user(self.leader).write({"type": self.order_type.id})

    def test_expiry_reminder_once(self):
        leader_employee = self.env["hr.employee"].create(
            {"name": "Leader", "user_id": self.leader.id}
        )
        self.tech_employee.parent_id = leader_employee
        Qualification = self.env["metering.qualification"]
        reminded = Qualification._cron_remind_expiry()
        self.assertIn(self.own, reminded)
        self.assertNotIn(self.others, reminded)  # already expired
        self.assertEqual(self.own.activity_ids.user_id, self.technician | self.leader)
        self.assertFalse(Qualification._cron_remind_expiry())
        # renewed, then close to expiry again: reminded again
        self.own.date_to = self.today + timedelta(days=20)
        self.assertIn(self.own, Qualification._cron_remind_expiry())
