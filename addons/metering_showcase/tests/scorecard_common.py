# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from odoo import fields
from odoo.fields import Command

from odoo.addons.metering_service.tests.common import MeteringCommon


class ScorecardCommon(MeteringCommon):
    """A team led by the team leader, the technician as its employee and
    Field Service worker, and last month as the period."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # last month: every deadline of the period has passed
        today = fields.Date.today()
        cls.month_start = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
        cls.team = cls.env["fsm.team"].create(
            {"name": "Team North", "leader_user_id": cls.leader.id}
        )
        cls.other_team = cls.env["fsm.team"].create({"name": "Team South"})
        cls.leader_employee = cls.env["hr.employee"].create(
            {"name": "Leader Employee", "user_id": cls.leader.id}
        )
        cls.tech_employee = cls.env["hr.employee"].create(
            {
                "name": "Tech Employee",
                "user_id": cls.technician.id,
                "parent_id": cls.leader_employee.id,
            }
        )
        cls.location = cls._create_location("Scorecard point")
        cls.Order = cls.env["fsm.order"]
        cls.completed = cls.env.ref("fieldservice.fsm_stage_completed")
        (cls.leader | cls.manager | cls.technician).lang = "en_US"

    @classmethod
    def _at(cls, day, hour=12):
        """A datetime of this month: day 1 is the first."""
        return datetime.combine(cls.month_start + timedelta(days=day - 1), time(hour))

    @classmethod
    def _template(cls, criteria, subject="team", publish=True):
        template = cls.env["metering.scorecard.template"].create(
            {
                "name": "Monthly scorecard",
                "subject": subject,
                "criterion_ids": [Command.create(vals) for vals in criteria],
            }
        )
        if publish:
            template.with_user(cls.manager).action_publish()
        return template
