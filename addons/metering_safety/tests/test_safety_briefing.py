# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import timedelta

from lxml import etree

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import Form
from odoo.tools.safe_eval import safe_eval

from odoo.addons.metering_service.tests.common import MeteringCommon


class BriefingCommon(MeteringCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.technician2 = cls._create_user(
            "technician2", "metering_service.group_field_technician"
        )
        Employee = cls.env["hr.employee"]
        cls.employee1 = Employee.create(
            {"name": "Li Qiang", "user_id": cls.technician.id}
        )
        cls.employee2 = Employee.create(
            {"name": "Zhao Lei", "user_id": cls.technician2.id}
        )
        cls.person2 = cls.env["fsm.person"].create(
            {"partner_id": cls.technician2.partner_id.id}
        )
        cls.hazard = cls.env["metering.hazard"].create(
            {
                "name": "Electric shock",
                "control_measures": "insulated gloves, test before touch",
            }
        )
        cls.order_type = cls.env["fsm.order.type"].create(
            {
                "name": "Live-line meter exchange",
                "internal_type": "fsm",
                "requires_safety_briefing": True,
                "hazard_ids": [Command.link(cls.hazard.id)],
            }
        )
        cls.in_progress = cls.env.ref("metering_safety.fsm_stage_in_progress")
        cls.order = cls.env["fsm.order"].create(
            {
                "type": cls.order_type.id,
                "location_id": cls._create_location("Live-line point").id,
                "person_id": cls.technician_person.id,
                "person_ids": [Command.link(cls.person2.id)],
            }
        )

    @classmethod
    def _briefing(cls, **vals):
        now = fields.Datetime.now()
        return (
            cls.env["metering.safety.briefing"]
            .with_user(cls.leader)
            .create(
                {
                    "order_ids": [Command.link(cls.order.id)],
                    "place": "Meter room, building 3",
                    "task": "Exchange the three-phase meter",
                    "method": "Short the CT secondaries, then exchange",
                    "requirements": "Two people, insulated tools, seals recorded",
                    "ticket_kind": "second",
                    "ticket_number": "II-2026-118",
                    "ticket_valid_from": now - timedelta(hours=1),
                    "ticket_valid_to": now + timedelta(hours=8),
                    **vals,
                }
            )
        )

    def _start(self, user=None):
        self.order.with_user(user or self.leader).write(
            {"stage_id": self.in_progress.id}
        )


SIGNATURE = base64.b64encode(b"\x89PNG\r\n\x1a\n signature").decode()


class TestSafetyBriefing(BriefingCommon):
    def test_no_start_without_briefing(self):
        with self.assertRaisesRegex(ValidationError, "no safety briefing"):
            self._start()
        self.assertTrue(self.order.safety_blocked)
        self.assertIn(
            self.order, self.env["fsm.order"].search([("safety_blocked", "=", True)])
        )

    def test_roster_and_personal_acknowledgement(self):
        briefing = self._briefing()
        briefing.action_open()
        self.assertEqual(
            briefing.attendee_ids.employee_id, self.employee1 | self.employee2
        )
        mine = briefing.attendee_ids.filtered(lambda a: a.employee_id == self.employee1)
        other = briefing.attendee_ids - mine
        # each crew member is asked to acknowledge, on his own activity list
        self.assertEqual(
            briefing.activity_ids.user_id, self.technician | self.technician2
        )
        with self.assertRaisesRegex(UserError, "Zhao Lei"):
            other.with_user(self.technician).action_acknowledge()
        with self.assertRaises(AccessError):
            other.with_user(self.technician).write(
                {"acknowledged_on": fields.Datetime.now()}
            )
        mine.with_user(self.technician).action_acknowledge()
        self.assertEqual(briefing.state, "open")
        self.assertEqual(briefing.activity_ids.user_id, self.technician2)
        with self.assertRaisesRegex(ValidationError, "Zhao Lei"):
            self._start()
        other.with_user(self.technician2).action_acknowledge()
        self.assertEqual(briefing.state, "done")
        self._start(self.technician)
        self.assertEqual(self.order.stage_id, self.in_progress)
        self.assertTrue(self.order.safety_cleared_on)
        self.assertFalse(self.order.safety_blocked)

    def test_member_added_later_must_acknowledge(self):
        briefing = self._briefing()
        briefing.action_open()
        for attendee in briefing.attendee_ids:
            attendee.with_user(attendee.user_id).action_acknowledge()
        self.assertEqual(briefing.state, "done")
        newcomer = self.env["hr.employee"].create({"name": "Newcomer"})
        briefing.with_user(self.leader).write(
            {"attendee_ids": [Command.create({"employee_id": newcomer.id})]}
        )
        self.assertEqual(briefing.state, "open")
        with self.assertRaisesRegex(ValidationError, "acknowledged"):
            self._start()

    def test_worker_without_employee_cannot_be_assigned(self):
        """A contractor without an employee record would be invisible to the
        briefing: his assignment is refused, naming him and what to set up."""
        contractor = self.env["fsm.person"].create({"name": "Contractor Sun"})
        with self.assertRaisesRegex(ValidationError, "Contractor Sun.*employee"):
            self.order.with_user(self.leader).write(
                {"person_ids": [Command.link(contractor.id)]}
            )
        with self.assertRaisesRegex(ValidationError, "Contractor Sun"):
            self.env["fsm.order"].create(
                {
                    "type": self.order_type.id,
                    "location_id": self.order.location_id.id,
                    "person_id": contractor.id,
                }
            )

    def test_crew_member_signs_only_his_own_line(self):
        """On his phone a crew member signs his line of the roster through
        the briefing's form; the rest of the briefing is the leader's."""
        briefing = self._briefing()
        briefing.action_open()
        mine = briefing.attendee_ids.filtered(lambda a: a.user_id == self.technician)
        other = briefing.attendee_ids - mine
        as_technician = briefing.with_user(self.technician)
        as_technician.write(
            {"attendee_ids": [Command.update(mine.id, {"signature": SIGNATURE})]}
        )
        self.assertTrue(mine.signature)
        with self.assertRaisesRegex(UserError, "Zhao Lei"):
            as_technician.write(
                {"attendee_ids": [Command.update(other.id, {"signature": SIGNATURE})]}
            )
        for vals in (
            {"place": "Elsewhere"},
            {"attendee_ids": [Command.create({"employee_id": self.employee2.id})]},
            {"attendee_ids": [Command.delete(other.id)]},
        ):
            with self.assertRaisesRegex(UserError, briefing.name):
                as_technician.write(vals)
        self.assertEqual(briefing.place, "Meter room, building 3")
        self.assertEqual(len(briefing.attendee_ids), 2)
        # the leader still changes his briefing
        briefing.with_user(self.leader).write({"ppe_confirmed": True})

    def test_leader_confirms_for_a_worker_without_user(self):
        """A crew member without a user signs on the work leader's device;
        the briefing records who confirmed for whom."""
        contractor = self.env["fsm.person"].create({"name": "Contractor Sun"})
        employee = self.env["hr.employee"].create(
            {"name": "Contractor Sun", "work_contact_id": contractor.partner_id.id}
        )
        self.order.with_user(self.leader).write(
            {"person_ids": [Command.link(contractor.id)]}
        )
        briefing = self._briefing()
        briefing.action_open()
        sun = briefing.attendee_ids.filtered(lambda a: a.employee_id == employee)
        self.assertTrue(sun)
        with self.assertRaisesRegex(UserError, "Contractor Sun"):
            sun.with_user(self.technician).action_acknowledge()
        with self.assertRaisesRegex(UserError, "signs on your device"):
            sun.with_user(self.leader).action_acknowledge()
        with self.assertRaisesRegex(UserError, "sign for themselves"):
            sun.with_user(self.technician).write({"signature": SIGNATURE})
        sun.with_user(self.leader).write({"signature": SIGNATURE})
        sun.with_user(self.leader).action_acknowledge()
        self.assertTrue(sun.acknowledged_on)
        self.assertEqual(sun.confirmed_by_id, self.leader)
        for attendee in briefing.attendee_ids - sun:
            attendee.with_user(attendee.user_id).action_acknowledge()
            self.assertEqual(attendee.confirmed_by_id, attendee.user_id)
        self.assertEqual(briefing.state, "done")
        self._start()
        self.assertEqual(self.order.stage_id, self.in_progress)

    def test_expired_ticket_refused(self):
        now = fields.Datetime.now()
        briefing = self._briefing(
            ticket_valid_from=now - timedelta(hours=10),
            ticket_valid_to=now - timedelta(hours=1),
        )
        briefing.action_open()
        for attendee in briefing.attendee_ids:
            attendee.with_user(attendee.user_id).action_acknowledge()
        with self.assertRaisesRegex(ValidationError, "II-2026-118"):
            self._start()

    def test_old_briefing_refused(self):
        briefing = self._briefing(start=fields.Datetime.now() - timedelta(days=1))
        briefing.action_open()
        for attendee in briefing.attendee_ids:
            attendee.with_user(attendee.user_id).action_acknowledge()
        with self.assertRaisesRegex(ValidationError, "not valid at this time"):
            self._start()

    def test_override_by_a_team_leader_is_logged(self):
        with self.assertRaises(AccessError):
            self.order.with_user(self.technician).action_safety_override("Storm")
        with self.assertRaises(UserError):
            self.order.with_user(self.leader).action_safety_override(" ")
        self.order.with_user(self.leader).action_safety_override(
            "Live fault endangering the public"
        )
        self.assertEqual(self.order.safety_override_by_id, self.leader)
        self.assertTrue(self.order.safety_override_on)
        self.assertIn("Live fault", self.order.message_ids[0].body)
        self._start()
        self.assertEqual(self.order.stage_id, self.in_progress)
        # the overrides are reported to the team leaders
        report = self.env.ref("metering_safety.fsm_order_action_safety_overrides")
        self.assertIn(
            self.order,
            self.env["fsm.order"]
            .with_user(self.leader)
            .search(safe_eval(report.domain)),
        )

    def test_delivered_types_are_safe_by_default(self):
        installer = self.env.ref(
            "metering_safety.qualification_type_metering_installer"
        )
        for process in (
            "install",
            "rotation",
            "fault",
            "first_inspection",
            "error",
            "retrofit",
            "terminal",
            "periodic_inspection",
            "transformer_test",
        ):
            order_type = self.env.ref(f"metering_service.fsm_order_type_{process}")
            self.assertTrue(order_type.requires_safety_briefing, process)
            self.assertIn(installer, order_type.required_qualification_type_ids)
        fault = self.env.ref("metering_service.fsm_order_type_fault")
        with self.assertRaisesRegex(AccessError, "recorded by its own action"):
            fault.with_user(self.manager).write({"requires_safety_briefing": False})
        with self.assertRaises(AccessError):
            fault.with_user(self.leader).action_waive_safety_briefing("Office work")
        with self.assertRaisesRegex(UserError, "reason"):
            fault.with_user(self.manager).action_waive_safety_briefing("  ")
        self.assertTrue(fault.requires_safety_briefing)
        fault.with_user(self.manager).action_waive_safety_briefing("Office work")
        self.assertFalse(fault.requires_safety_briefing)
        self.assertEqual(fault.safety_waived_by_id, self.manager)
        report = self.env.ref("metering_safety.fsm_order_type_action_safety_waived")
        self.assertIn(
            fault, self.env["fsm.order.type"].search(safe_eval(report.domain))
        )
        fault.with_user(self.manager).action_require_safety_briefing()
        self.assertTrue(fault.requires_safety_briefing)
        self.assertFalse(fault.safety_waiver_reason)

    def test_types_without_briefing_start_freely(self):
        self.order_type.requires_safety_briefing = False
        self._start()
        self.assertEqual(self.order.stage_id, self.in_progress)

    def test_access(self):
        with self.assertRaises(AccessError):
            self.env["metering.safety.briefing"].with_user(self.technician).create(
                {"place": "Nowhere"}
            )
        briefing = self._briefing()
        Briefing = self.env["metering.safety.briefing"]
        self.assertFalse(
            Briefing.with_user(self.technician).search([("id", "=", briefing.id)])
        )
        briefing.action_open()
        self.assertEqual(
            Briefing.with_user(self.technician).search([("id", "=", briefing.id)]),
            briefing,
        )
        foreign = self._create_user(
            "leader", "metering_service.group_team_leader", self.other_company
        )
        with self.assertRaises(AccessError):
            briefing.with_user(foreign).read(["name"])

    def test_state_and_validity_are_not_written(self):
        """Completing a briefing without the crew, or stretching its validity,
        is refused: only the acknowledgements and the policy decide."""
        briefing = self._briefing()
        leader_briefing = briefing.with_user(self.leader)
        for vals in ({"state": "done"}, {"valid_until": fields.Datetime.now()}):
            with self.assertRaisesRegex(AccessError, "recorded by its own action"):
                leader_briefing.write(vals)
        with self.assertRaisesRegex(AccessError, "recorded by its own action"):
            self._briefing(state="done")
        self.assertEqual(briefing.state, "draft")
        leader_briefing.action_open()
        self.assertEqual(briefing.state, "open")
        leader_briefing.action_cancel()
        self.assertEqual(briefing.state, "cancel")
        with self.assertRaises(AccessError):
            self._briefing().with_user(self.technician).action_cancel()

    def test_hazards_proposed_from_the_library(self):
        briefing = self._briefing()
        self.assertEqual(
            briefing.hazards, "Electric shock: insulated gloves, test before touch"
        )
        # what the leader wrote for the site is kept
        site = self._briefing(hazards="Wet floor in the meter room: rubber mats")
        self.assertEqual(site.hazards, "Wet floor in the meter room: rubber mats")

    def test_hazard_library_is_the_managers(self):
        Hazard = self.env["metering.hazard"]
        self.assertEqual(
            Hazard.with_user(self.technician).search([]), Hazard.search([])
        )
        for user in (self.technician, self.leader):
            with self.assertRaises(AccessError):
                Hazard.with_user(user).create(
                    {"name": "Dog bite", "control_measures": "call the owner"}
                )
            with self.assertRaises(AccessError):
                self.hazard.with_user(user).write({"control_measures": "none"})
        Hazard.with_user(self.manager).create(
            {"name": "Dog bite", "control_measures": "call the owner"}
        )


class TestOrderButtons(BriefingCommon):
    """Start, checklists and briefing are buttons at the top of the order."""

    def test_start_work_goes_through_the_gate(self):
        with self.assertRaisesRegex(ValidationError, "no safety briefing"):
            self.order.with_user(self.technician).action_start_work()
        self.assertNotEqual(self.order.stage_id, self.in_progress)
        action = self.order.with_user(self.technician).action_open_safety_briefing()
        self.assertEqual(action["res_model"], "metering.safety.briefing")
        self.assertEqual(
            action["context"]["default_order_ids"], [Command.set(self.order.ids)]
        )
        briefing = self._briefing()
        action = self.order.with_user(self.technician).action_open_safety_briefing()
        self.assertEqual(action["res_id"], briefing.id)
        briefing.action_open()
        for attendee in briefing.attendee_ids:
            attendee.with_user(attendee.user_id).action_acknowledge()
        self.order.with_user(self.technician).action_start_work()
        self.assertEqual(self.order.stage_id, self.in_progress)


class TestBriefingFromOrder(BriefingCommon):
    """The leader picks open orders, the place follows them, and a blocked
    order says why and starts its briefing in one click (issue 10)."""

    def _picker_domain(self):
        form = self.env["metering.safety.briefing"].get_views([(False, "form")])
        arch = etree.fromstring(form["views"]["form"]["arch"])
        (field,) = arch.xpath("//field[@name='order_ids']")
        return safe_eval(field.get("domain")), safe_eval(field.get("context"))

    def test_picker_offers_open_orders_with_location_and_type(self):
        completed = self.env["fsm.order"].create(
            {"location_id": self.order.location_id.id}
        )
        completed.action_complete()
        cancelled = self.env["fsm.order"].create(
            {"location_id": self.order.location_id.id}
        )
        cancelled.stage_id = self.env.ref("fieldservice.fsm_stage_cancelled")
        domain, context = self._picker_domain()
        offered = self.env["fsm.order"].with_user(self.leader).search(domain)
        self.assertIn(self.order, offered)
        self.assertNotIn(completed, offered)
        self.assertNotIn(cancelled, offered)
        # the picker's list shows where each order is and what work it is
        picker = (
            self.env["fsm.order"]
            .with_context(**context)
            .get_views([(False, "list")])["views"]["list"]["arch"]
        )
        columns = etree.fromstring(picker).xpath("//field/@name")
        self.assertIn("location_id", columns)
        self.assertIn("type", columns)

    def test_place_comes_from_the_orders(self):
        Briefing = self.env["metering.safety.briefing"].with_user(self.leader)
        briefing = Form(Briefing)
        briefing.order_ids.add(self.order)
        self.assertEqual(briefing.place, self.order.location_id.display_name)
        # and the crew of the orders on the roster
        self.assertEqual(len(briefing.attendee_ids), 2)
        # still the leader's to correct for the site
        briefing.place = "Meter room, building 3"
        self.assertEqual(briefing.place, "Meter room, building 3")
        # created with orders and no place, the briefing is where they are
        now = fields.Datetime.now()
        created = Briefing.create(
            {
                "order_ids": [Command.link(self.order.id)],
                "task": "Exchange the three-phase meter",
                "method": "Short the CT secondaries, then exchange",
                "requirements": "Two people, insulated tools, seals recorded",
                "ticket_kind": "second",
                "ticket_number": "II-2026-120",
                "ticket_valid_from": now - timedelta(hours=1),
                "ticket_valid_to": now + timedelta(hours=8),
            }
        )
        self.assertEqual(created.place, self.order.location_id.display_name)
        kept = self._briefing()
        self.assertEqual(kept.place, "Meter room, building 3")
        # once held, the place stays what it was
        kept.action_open()
        other = self.env["fsm.order"].create(
            {"location_id": self._create_location("Elsewhere").id}
        )
        kept.sudo().order_ids = [Command.link(other.id)]
        self.assertEqual(kept.place, "Meter room, building 3")

    def test_blocked_order_says_why(self):
        self.assertIn("no safety briefing", self.order.safety_blocked_reason)
        # a technician reads why, though not the briefings behind it
        self.assertIn(
            "no safety briefing",
            self.order.with_user(self.technician).safety_blocked_reason,
        )
        self._briefing().action_open()
        self.order.invalidate_recordset(["safety_blocked_reason"])
        self.assertIn(
            "not every crew member has acknowledged", self.order.safety_blocked_reason
        )
        free = self.env["fsm.order"].create({"location_id": self.order.location_id.id})
        self.assertFalse(free.safety_blocked_reason)

    def test_blocked_order_starts_its_briefing_in_one_click(self):
        action = self.order.with_user(self.leader).action_new_safety_briefing()
        self.assertEqual(action["res_model"], "metering.safety.briefing")
        context = action["context"]
        self.assertEqual(context["default_order_ids"], [Command.set(self.order.ids)])
        self.assertEqual(context["default_place"], self.order.location_id.display_name)
        Briefing = self.env["metering.safety.briefing"].with_user(self.leader)
        form = Form(Briefing.with_context(**context))
        self.assertEqual(form.place, self.order.location_id.display_name)
        # its crew is proposed on the roster
        self.assertEqual(len(form.attendee_ids), 2)
        # saved as the web client does, with the action's defaults
        now = fields.Datetime.now()
        briefing = Briefing.with_context(**context).create(
            {
                "method": "Short the CT secondaries, then exchange",
                "requirements": "Two people, insulated tools, seals recorded",
                "ticket_kind": "second",
                "ticket_number": "II-2026-119",
                "ticket_valid_from": now - timedelta(hours=1),
                "ticket_valid_to": now + timedelta(hours=8),
            }
        )
        self.assertEqual(briefing.place, self.order.location_id.display_name)
        self.assertEqual(briefing.order_ids, self.order)
        self.assertEqual(briefing.leader_id, self.leader)
        briefing.action_open()
        self.assertEqual(
            briefing.attendee_ids.employee_id, self.employee1 | self.employee2
        )

    def test_only_a_leader_starts_a_briefing_from_the_order(self):
        for user in (self.technician, self.clerk):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.order.with_user(user).action_new_safety_briefing()
        self.assertTrue(self.order.with_user(self.manager).action_new_safety_briefing())
