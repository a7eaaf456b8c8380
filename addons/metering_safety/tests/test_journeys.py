# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One journey tour per role (issue 10): each role logs in, lands where its
day starts, and walks its day's work through the real UI, in Chinese, with
no error dialog and no untranslated label on its path."""

import base64
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.metering_service.tests.common import PIXEL, pass_checklists


class JourneyCommon(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._activate_chinese()
        cls.clerk = cls._user(
            "journey-clerk",
            "王芳",
            "metering_service.group_service_clerk",
            "metering_service.metering_self_check_action",
        )
        cls.technician = cls._user(
            "journey-technician",
            "李强",
            "metering_service.group_field_technician",
            "metering_service.fsm_order_action",
        )
        cls.leader = cls._user(
            "journey-leader",
            "陈建国",
            "metering_service.group_team_leader",
            "metering_service.fsm_order_action_overdue",
        )
        cls.manager = cls._user(
            "journey-manager",
            "刘敏",
            "metering_service.group_center_manager",
            "metering_service.fsm_order_action",
        )
        Employee = cls.env["hr.employee"]
        cls.clerk_employee = Employee.create({"name": "王芳", "user_id": cls.clerk.id})
        cls.technician_employee = Employee.create(
            {"name": "李强", "user_id": cls.technician.id}
        )
        cls.technician_person = cls.env["fsm.person"].create(
            {"partner_id": cls.technician.partner_id.id}
        )
        cls.in_progress = cls.env.ref("metering_safety.fsm_stage_in_progress")
        cls.completed = cls.env.ref("fieldservice.fsm_stage_completed")

    @classmethod
    def _activate_chinese(cls):
        """The suite's users work in Chinese: the language is active in the
        test database, with the translations of every installed module."""
        Lang = cls.env["res.lang"].with_context(active_test=False)
        if not Lang.search([("code", "=", "zh_CN"), ("active", "=", True)]):
            Lang._activate_lang("zh_CN")
            modules = cls.env["ir.module.module"].search([("state", "=", "installed")])
            modules._load_module_terms(modules.mapped("name"), ["zh_CN"])

    @classmethod
    def _user(cls, login, name, group, action):
        return new_test_user(
            cls.env,
            login=login,
            name=name,
            password=login,
            groups=group,
            lang="zh_CN",
            tz="Asia/Shanghai",
            action_id=cls.env.ref(action).id,
        )

    @classmethod
    def _location(cls, name, owner):
        return cls.env["fsm.location"].create(
            {
                "name": name,
                "owner_id": cls.env["res.partner"].create({"name": owner}).id,
                "supply_voltage": "220v",
            }
        )

    @classmethod
    def _guarded_order(cls):
        """A live-line order of the technician: its type requires a safety
        briefing, and a sectioned checklist guards its completion."""
        hazard = cls.env["metering.hazard"].create(
            {"name": "触电", "control_measures": "戴绝缘手套，验电后作业"}
        )
        order_type = cls.env["fsm.order.type"].create(
            {
                "name": "带电换表",
                "internal_type": "fsm",
                "requires_safety_briefing": True,
                "hazard_ids": [Command.link(hazard.id)],
            }
        )
        template = cls.env["metering.checklist.template"].create(
            {
                "name": "表箱作业检查",
                "item_ids": [
                    Command.create(
                        {
                            "sequence": 1,
                            "name": "表箱外观",
                            "display_type": "line_section",
                        }
                    ),
                    Command.create({"sequence": 2, "name": "封印完好"}),
                    Command.create(
                        {"sequence": 3, "name": "接线正确", "kind": "yes_no_na"}
                    ),
                    Command.create(
                        {"sequence": 4, "name": "测量", "display_type": "line_section"}
                    ),
                    Command.create(
                        {
                            "sequence": 5,
                            "name": "相电压",
                            "kind": "number",
                            "unit": "V",
                            "has_min": True,
                            "min_value": 198,
                            "has_max": True,
                            "max_value": 242,
                        }
                    ),
                ],
            }
        )
        template.action_publish()
        cls.env["metering.checklist.assignment"].create(
            {
                "template_id": template.id,
                "order_type_id": order_type.id,
                "stage_id": cls.completed.id,
            }
        )
        return cls.env["fsm.order"].create(
            {
                "type": order_type.id,
                "location_id": cls._location("江北花园3栋表箱", "张伟").id,
                "person_id": cls.technician_person.id,
            }
        )

    @classmethod
    def _briefing(cls, order, user):
        now = fields.Datetime.now()
        briefing = (
            cls.env["metering.safety.briefing"]
            .with_user(user)
            .create(
                {
                    "order_ids": [Command.link(order.id)],
                    "place": "江北花园3栋",
                    "task": "更换三相电能表",
                    "method": "短接电流互感器二次侧后换表",
                    "requirements": "两人作业，绝缘工具，记录封印",
                    "ticket_kind": "second",
                    "ticket_number": "II-2026-118",
                    "ticket_valid_from": now - timedelta(hours=1),
                    "ticket_valid_to": now + timedelta(hours=8),
                }
            )
        )
        briefing.action_open()
        return briefing

    def _meter(self, point, name):
        return self.env["fsm.equipment"].create(
            {
                "name": name,
                "device_kind": "single_phase_meter",
                "accuracy_class": "2",
                "location_id": point.id,
                "device_state": "installed",
                "installed_date": "2021-03-01",
            }
        )

    def _adjustment(self, state="submitted"):
        point = self._location("滨江路12号", "赵敏")
        adjustment = self.env["metering.energy.adjustment"].create(
            {
                "location_id": point.id,
                "equipment_id": self._meter(point, "表计 2021-0312").id,
                "period_start": "2026-01-01",
                "period_end": "2026-07-01",
                "recorded_energy": 1800,
                "error_percent": 2.6,
                "tariff": 0.56,
            }
        )
        adjustment.action_submit()
        if state == "leader_approved":
            adjustment.with_user(self.leader).action_approve_leader()
        return adjustment

    def _run_technician(self, order, tour):
        # the refusal is a business error, logged as such
        with self.assertLogs("odoo.http", "WARNING") as refused:
            self.start_tour("/odoo", f"{tour}_blocked", login=self.technician.login)
        self.assertIn(order.name, refused.output[0])
        self.assertEqual(order.stage_id, self.env.ref("fieldservice.fsm_stage_new"))
        briefing = self._briefing(order, self.leader)
        self.start_tour("/odoo", tour, login=self.technician.login)
        attendee = briefing.attendee_ids
        self.assertEqual(attendee.employee_id, self.technician_employee)
        self.assertTrue(attendee.signature)
        self.assertEqual(attendee.confirmed_by_id, self.technician)
        self.assertEqual(briefing.state, "done")
        self.assertEqual(order.stage_id, self.in_progress)
        self.assertTrue(order.safety_cleared_on)
        answers = {a.name: a for a in order.checklist_ids.answer_ids}
        self.assertEqual(answers["封印完好"].value_pass_fail, "pass")
        self.assertEqual(answers["接线正确"].value_yes_no, "yes")
        self.assertEqual(answers["相电压"].value_number, 231)
        self.assertEqual(order.checklist_ids.result, "passed")
        order.with_user(self.leader).action_complete()
        self.assertTrue(order.is_closed)


@tagged("post_install", "-at_install")
class TestJourneys(JourneyCommon):
    def test_clerk(self):
        """The clerk answers today's sectioned pre-shift self-check on its
        cards, then logs a meter dispute and creates its verification order
        in one click."""
        self.env["metering.self.check"]._cron_create_daily()
        preshift = self.env.ref("metering_service.checklist_template_clerk_preshift")
        check = self.env["metering.self.check"].search(
            [
                ("employee_id", "=", self.clerk_employee.id),
                ("template_id", "=", preshift.id),
            ]
        )
        self.assertTrue(check.checklist_ids.answer_ids.filtered("section_name"))
        category = self.env["helpdesk.ticket.category"].create(
            {
                "name": "电表争议",
                "fsm_order_type_id": self.env.ref(
                    "metering_service.fsm_order_type_dispute"
                ).id,
            }
        )
        point = self._location("幸福里5号", "孙丽")
        meter = self._meter(point, "表计 2021-0088")

        self.start_tour("/odoo", "metering_journey_clerk", login=self.clerk.login)

        checklist = check.checklist_ids
        self.assertEqual(checklist.state, "done")
        self.assertEqual(checklist.result, "passed")
        self.assertEqual(checklist.completed_by_id, self.clerk)
        ticket = self.env["helpdesk.ticket"].search([("location_id", "=", point.id)])
        self.assertEqual(ticket.category_id, category)
        self.assertEqual(ticket.fsm_order_ids.tested_equipment_id, meter)

    def test_technician(self):
        """The technician is stopped by the safety gate and sees why,
        acknowledges the briefing that lists him, starts work, fills the
        order's checklist on its cards; the leader completes the order."""
        order = self._guarded_order()
        self._run_technician(order, "metering_journey_technician")

    def test_leader(self):
        """The leader holds a briefing for an order, the crew acknowledges;
        he reviews a backfilled record and approves a refund calculation."""
        order = self._guarded_order()
        backfilled = self.env["fsm.order"].create(
            {
                "location_id": self._location("东湖路8号", "周杰").id,
                "is_backfilled": True,
                "paper_record": PIXEL,
                "paper_record_filename": "纸质记录.png",
            }
        )
        adjustment = self._adjustment()

        self.start_tour("/odoo", "metering_journey_leader", login=self.leader.login)

        briefing = order.safety_briefing_ids
        self.assertEqual(briefing.state, "open")
        self.assertEqual(briefing.leader_id, self.leader)
        self.assertEqual(briefing.attendee_ids.employee_id, self.technician_employee)
        briefing.attendee_ids.with_user(self.technician).action_acknowledge()
        self.assertEqual(briefing.state, "done")
        self.assertEqual(backfilled.backfill_reviewed_by_id, self.leader)
        self.assertEqual(adjustment.state, "leader_approved")
        self.assertEqual(adjustment.leader_approver_id, self.leader)

    def test_manager(self):
        """The manager declares an emergency and closes it with its review,
        gives the final approval of a refund calculation and opens the
        checklist analysis."""
        adjustment = self._adjustment("leader_approved")
        # the analysis has answers to show: today's self-checks, answered
        self.env["metering.self.check"]._cron_create_daily()
        pass_checklists(self.env["metering.self.check"].search([]))

        self.start_tour("/odoo", "metering_journey_manager", login=self.manager.login)

        emergency = self.env["metering.emergency"].search([("title", "=", "台风过境")])
        self.assertEqual(emergency.declared_by_id, self.manager)
        self.assertEqual(emergency.state, "closed")
        self.assertEqual(emergency.closed_by_id, self.manager)
        self.assertIn("线路倒杆", emergency.what_happened)
        self.assertEqual(adjustment.state, "approved")
        self.assertEqual(adjustment.manager_approver_id, self.manager)


@tagged("post_install", "-at_install")
class TestJourneysPhone(JourneyCommon):
    """The technician's day on a phone."""

    browser_size = "390x844"
    touch_enabled = True

    def test_technician_on_the_phone(self):
        order = self._guarded_order()
        self._run_technician(order, "metering_journey_technician_phone")


@tagged("post_install", "-at_install")
class TestJourneysOffice(JourneyCommon):
    """The roles outside the field work: the reception team and the records
    officer. Both log in without a home action of their own: the web client
    opens Metering, which opens on their work."""

    @classmethod
    def _office_user(cls, login, name, group):
        return new_test_user(
            cls.env,
            login=login,
            name=name,
            password=login,
            groups=group,
            lang="zh_CN",
            tz="Asia/Shanghai",
        )

    def _next_weekday(self, hour):
        """A weekday after today at `hour` (Beijing time), as naive UTC."""
        day = fields.Date.today() + timedelta(days=1)
        while day.weekday() >= 5:
            day += timedelta(days=1)
        return fields.Datetime.to_datetime(day) + timedelta(hours=hour - 8)

    def _calendar(self, name, hour_from, hour_to):
        return self.env["resource.calendar"].create(
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

    def test_reception(self):
        """The reception lead lands on the tour calendar, finds the visit
        among the visits, accepts it, has the staff proposed and checks the
        hall on its readiness checklist."""
        if "metering.showcase.visit" not in self.env:
            self.skipTest("the reception team belongs to metering_showcase")
        reception = self._office_user(
            "journey-reception", "赵静", "metering_showcase.group_reception_team"
        )
        hall = self.env["metering.showcase.hall"].create(
            {
                "name": "计量展厅",
                "resource_calendar_id": self._calendar("展厅开放时间", 9, 17).id,
            }
        )
        staff_hours = self._calendar("接待人员工作时间", 8, 18)
        Employee = self.env["hr.employee"]
        narrator = Employee.create(
            {"name": "讲解员王丽", "resource_calendar_id": staff_hours.id}
        )
        photographer = Employee.create(
            {"name": "摄影师李明", "resource_calendar_id": staff_hours.id}
        )
        narrating = self.env.ref("metering_showcase.role_narrating")
        photographing = self.env.ref("metering_showcase.role_photographing")
        Role = self.env["metering.showcase.role"]
        (Role.search([]) - narrating - photographing).action_archive()
        narrating.employee_ids = narrator
        photographing.employee_ids = photographer
        visit = self.env["metering.showcase.visit"].create(
            {
                "organisation_id": self.env["res.partner"]
                .create({"name": "江北实验中学"})
                .id,
                "hall_id": hall.id,
                "start": self._next_weekday(10),
                "lead_id": reception.id,
            }
        )

        self.start_tour("/odoo", "metering_journey_reception", login=reception.login)

        self.assertEqual(visit.state, "confirmed")
        self.assertEqual(visit.assignment_ids.employee_id, narrator | photographer)
        # answered in full and passed; it completes when the visit starts
        self.assertEqual(visit.checklist_ids.result, "passed")

    def test_records_officer(self):
        """The records officer lands on the grants to review and approves
        one, classifies a document, reads the access log by pivot, opens a
        destruction request, the backup and media registers and a security
        study."""
        officer = self._office_user(
            "journey-records", "孙敏", "metering_safety.group_records_officer"
        )
        self.env.ref("dms.group_dms_user").user_ids = [Command.link(self.technician.id)]
        storage = self.env["dms.storage"].create(
            {"name": "计量中心文档库", "save_type": "database"}
        )
        everyone = self.env["dms.access.group"].create(
            {
                "name": "计量中心",
                "perm_create": True,
                "perm_write": True,
                "perm_unlink": True,
                "explicit_user_ids": [Command.set((officer | self.technician).ids)],
            }
        )
        public = self.env.ref("metering_safety.classification_level_public")
        internal = self.env.ref("metering_safety.classification_level_internal")
        secret = self.env.ref("metering_safety.classification_level_secret")
        root = self.env["dms.directory"].create(
            {
                "name": "计量中心",
                "is_root_directory": True,
                "storage_id": storage.id,
                "group_ids": [Command.link(everyone.id)],
                "classification_level_id": public.id,
            }
        )
        plans = self.env["dms.directory"].create(
            {
                "name": "班组资料",
                "parent_id": root.id,
                "classification_level_id": internal.id,
            }
        )
        content = base64.b64encode(b"%PDF-1.4 statistics")
        File = self.env["dms.file"]
        statistics = File.create(
            {"name": "2026年计量统计", "directory_id": plans.id, "content": content}
        )
        old_plan = File.create(
            {"name": "2019年班组计划", "directory_id": plans.id, "content": content}
        )
        grant = self.env["metering.document.grant"].create(
            {
                "file_id": statistics.id,
                "user_id": self.technician.id,
                "access": "read",
                "reason": "核对轮换批次",
                "date_expiry": fields.Date.today() + timedelta(days=5),
            }
        )
        destruction = self.env["metering.document.destruction"].create(
            {
                "file_ids": [Command.set(old_plan.ids)],
                "reason": "超过保管期限",
                "witness_id": self.manager.id,
            }
        )
        medium = self.env["metering.removable.medium"].create(
            {
                "name": "U盘-01",
                "serial": "SN-2026-01",
                "holder_id": self.technician.id,
                "level_id": internal.id,
            }
        )
        self.env["metering.backup.record"].create(
            {
                "name": "文档库全量备份",
                "location": "档案室保险柜",
                "performed_by_id": officer.id,
                "medium_id": medium.id,
                "level_id": internal.id,
            }
        )
        study = self.env["metering.security.study"].create(
            {
                "name": "信息安全保密规定学习",
                "organizer_id": officer.id,
                "attendee_ids": [Command.create({"user_id": self.technician.id})],
            }
        )

        self.start_tour("/odoo", "metering_journey_records", login=officer.login)

        self.assertEqual(grant.state, "approved")
        self.assertEqual(statistics.classification_level_id, secret)
        self.assertEqual(destruction.state, "requested")
        self.assertEqual(destruction.requested_by_id, officer)
        # his reading of the document is in the log he pivoted
        self.assertIn(
            officer,
            self.env["metering.document.access.log"]
            .search([("file_id", "=", statistics.id)])
            .user_id,
        )
        self.assertTrue(study.exists())
