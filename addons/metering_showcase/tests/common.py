# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager
from datetime import datetime, timedelta

from odoo import Command

from odoo.addons.metering_service.tests.common import MeteringCommon

# Wednesday 3 March 2027; the center works in Asia/Shanghai (UTC+8).
WEDNESDAY = datetime(2027, 3, 3)
TZ_OFFSET = timedelta(hours=8)


def local(day, hour, minute=0):
    """Naive UTC datetime of a local (UTC+8) time `day` days after the
    reference Wednesday (negative: before)."""
    return WEDNESDAY + timedelta(days=day, hours=hour, minutes=minute) - TZ_OFFSET


def weekday_calendar(env, name, hour_from, hour_to):
    """A working calendar of the center (Asia/Shanghai), Monday to Friday
    from `hour_from` to `hour_to`."""
    return env["resource.calendar"].create(
        {
            "name": name,
            "tz": "Asia/Shanghai",
            "attendance_ids": [
                Command.create(
                    {
                        "name": f"{name} {day}",
                        "dayofweek": str(day),
                        "hour_from": hour_from,
                        "hour_to": hour_to,
                        "day_period": "morning",
                    }
                )
                for day in range(5)
            ],
        }
    )


class ShowcaseCommon(MeteringCommon):
    """Two halls open 9:00-17:00 on weekdays, three employees working
    8:00-18:00, the delivered roles with their qualified staff."""

    @classmethod
    def _calendar(cls, name, hour_from, hour_to):
        return weekday_calendar(cls.env, name, hour_from, hour_to)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reception = cls._create_user(
            "reception", "metering_showcase.group_reception_team"
        )
        cls.staff_user = cls._create_user("staff", "base.group_user")
        cls.hall_hours = cls._calendar("Hall hours", 9, 17)
        cls.staff_hours = cls._calendar("Staff hours", 8, 18)
        Hall = cls.env["metering.showcase.hall"]
        cls.hall = Hall.create(
            {
                "name": "Main Hall",
                "capacity": 30,
                "buffer_minutes": 30,
                "resource_calendar_id": cls.hall_hours.id,
            }
        )
        cls.hall2 = Hall.create(
            {
                "name": "Small Hall",
                "capacity": 10,
                "buffer_minutes": 0,
                "resource_calendar_id": cls.hall_hours.id,
            }
        )
        Employee = cls.env["hr.employee"]
        cls.narrator = Employee.create(
            {
                "name": "Narrator Wang",
                "user_id": cls.staff_user.id,
                "resource_calendar_id": cls.staff_hours.id,
            }
        )
        cls.narrator2 = Employee.create(
            {"name": "Narrator Li", "resource_calendar_id": cls.staff_hours.id}
        )
        cls.writer = Employee.create(
            {"name": "Writer Zhao", "resource_calendar_id": cls.staff_hours.id}
        )
        cls.role_narrating = cls.env.ref("metering_showcase.role_narrating")
        cls.role_script = cls.env.ref("metering_showcase.role_script_revision")
        cls.role_narrating.employee_ids = cls.narrator | cls.narrator2
        cls.role_script.employee_ids = cls.writer | cls.narrator
        (
            cls.env["metering.showcase.role"].search([])
            - cls.role_narrating
            - cls.role_script
        ).action_archive()
        cls.organisation = cls.env["res.partner"].create(
            {"name": "Jiangcheng No. 1 Middle School", "is_company": True}
        )
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "Teacher Zhou",
                "email": "zhou@example.com",
                "parent_id": cls.organisation.id,
            }
        )

    @classmethod
    def _visit(cls, start, duration=1.5, user=None, **vals):
        Visit = cls.env["metering.showcase.visit"]
        if user:
            Visit = Visit.with_user(user)
        return Visit.create(
            {
                "organisation_id": cls.organisation.id,
                "contact_id": cls.contact.id,
                "visitor_count": 20,
                "hall_id": cls.hall.id,
                "start": start,
                "duration": duration,
                "lead_id": cls.reception.id,
                **vals,
            }
        )

    @classmethod
    def _confirmed(cls, start, **vals):
        visit = cls._visit(start, **vals)
        visit.with_user(cls.reception).action_accept()
        return visit

    @contextmanager
    def _refused(self, exception, text):
        """The block raises `exception` saying `text`; nothing it wrote is
        kept (unlike assertRaisesRegex, assertRaises rolls back)."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertIn(text, str(caught.exception))

    def _assign(self, visit, role, employee, user=None):
        return (
            self.env["metering.showcase.assignment"]
            .with_user(user or self.reception)
            .create(
                {"visit_id": visit.id, "role_id": role.id, "employee_id": employee.id}
            )
        )

    def _pass_checklists(self, visit, user=None):
        for answer in visit.sudo().checklist_ids.answer_ids:
            answer.with_user(user or self.reception).value_pass_fail = "pass"
