# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command

from odoo.addons.metering_service.tests.common import MeteringCommon


class TestEmergency(MeteringCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = cls.env["hr.employee"].create(
            {"name": "On-call technician", "user_id": cls.technician.id}
        )
        cls.points = cls._create_location("Flooded point A") | cls._create_location(
            "Flooded point B"
        )

    def _declare(self, user=None, **vals):
        return (
            self.env["metering.emergency"]
            .with_user(user or self.manager)
            .create({"title": "Typhoon", "kind": "severe_weather", **vals})
        )

    def test_manager_declares_everyone_sees_it(self):
        emergency = self._declare()
        tools = emergency.checklist_ids
        self.assertEqual(
            tools.template_id,
            self.env.ref("metering_safety.checklist_template_emergency_tools"),
        )
        tools.answer_ids[0].with_user(self.leader).value_yes_no = "yes"
        with self.assertRaises(AccessError):
            tools.answer_ids[1].with_user(self.technician).value_yes_no = "yes"
        self.assertTrue(emergency.name.startswith("YJ/"))
        self.assertIn(self.technician.partner_id, emergency.message_partner_ids)
        self.assertIn(self.clerk.partner_id, emergency.message_partner_ids)
        banner = (
            self.env["metering.emergency"]
            .with_user(self.technician)
            .get_active_emergencies()
        )
        self.assertEqual([e["id"] for e in banner], emergency.ids)
        foreign = self._create_user(
            "technician", "metering_service.group_field_technician", self.other_company
        )
        self.assertFalse(
            self.env["metering.emergency"].with_user(foreign).get_active_emergencies()
        )
        with self.assertRaises(AccessError):
            emergency.with_user(foreign).read(["title"])

    def test_open_web_clients_follow_the_emergency_mode(self):
        def notified():
            self.env.cr.precommit.run()
            return (
                self.env["bus.bus"]
                .sudo()
                .search_count(
                    [("message", "like", "metering_safety/emergency_changed")]
                )
            )

        before = notified()
        emergency = self._declare()
        self.assertEqual(notified(), before + 1)
        emergency.with_user(self.manager).write(
            {"what_happened": "<p>Flood</p>", "lessons_learned": "<p>Pumps</p>"}
        )
        emergency.with_user(self.manager).action_close()
        self.assertEqual(notified(), before + 2)

    def test_only_the_manager_declares(self):
        with self.assertRaises(AccessError):
            self._declare(user=self.leader)

    def test_one_active_emergency_per_company(self):
        self._declare()
        with self.assertRaisesRegex(UserError, "already in emergency state"):
            self._declare(title="Second")
        other_manager = self._create_user(
            "manager", "metering_service.group_center_manager", self.other_company
        )
        self.assertTrue(
            self._declare(user=other_manager, company_id=self.other_company.id)
        )

    def test_roster_must_be_reachable(self):
        emergency = self._declare()
        with self.assertRaisesRegex(ValidationError, "On-call technician"):
            emergency.write(
                {
                    "roster_ids": [
                        Command.create(
                            {"employee_id": self.employee.id, "duty": "on_call"}
                        )
                    ]
                }
            )
        standby = self.env["hr.employee"].create({"name": "Standby technician"})
        emergency.write(
            {
                "roster_ids": [
                    Command.create(
                        {
                            "employee_id": standby.id,
                            "duty": "on_call",
                            "phone": "13800000000",
                        }
                    )
                ]
            }
        )
        self.assertIn(standby, emergency.roster_ids.employee_id)

    def test_closing_requires_a_review(self):
        emergency = self._declare()
        with self.assertRaisesRegex(UserError, "lessons learned"):
            emergency.with_user(self.manager).write({"what_happened": "<p>Storm</p>"})
            emergency.with_user(self.manager).action_close()
        emergency.with_user(self.manager).write(
            {"lessons_learned": "<p>Stock more meters</p>"}
        )
        with self.assertRaises(AccessError):
            emergency.with_user(self.leader).action_close()
        emergency.with_user(self.manager).action_close()
        self.assertEqual(emergency.state, "closed")
        self.assertEqual(emergency.closed_by_id, self.manager)
        with self.assertRaisesRegex(UserError, "closed emergency"):
            emergency.with_user(self.manager).write({"title": "Rewritten"})
        # the company may declare the next one
        self.assertTrue(self._declare(title="Earthquake"))

    def test_fault_orders_in_bulk_once(self):
        emergency = self._declare()
        Wizard = self.env["metering.emergency.fault.wizard"].with_user(self.leader)
        wizard = Wizard.create(
            {
                "emergency_id": emergency.id,
                "location_ids": [Command.set(self.points.ids)],
            }
        )
        wizard.action_create_orders()
        orders = emergency.order_ids
        self.assertEqual(orders.location_id, self.points)
        self.assertEqual(
            orders.type, self.env.ref("metering_service.fsm_order_type_fault")
        )
        self.assertEqual(emergency.order_count, 2)
        again = Wizard.create(
            {
                "emergency_id": emergency.id,
                "location_ids": [Command.set(self.points.ids)],
            }
        )
        self.assertEqual(again.existing_count, 2)
        again.action_create_orders()
        self.assertEqual(emergency.order_count, 2)
        with self.assertRaises(AccessError):
            self.env["metering.emergency.fault.wizard"].with_user(
                self.technician
            ).create({"emergency_id": emergency.id})

    def test_no_orders_for_a_closed_emergency(self):
        emergency = self._declare(
            what_happened="<p>Storm</p>", lessons_learned="<p>Stock</p>"
        )
        emergency.action_close()
        wizard = self.env["metering.emergency.fault.wizard"].create(
            {
                "emergency_id": emergency.id,
                "location_ids": [Command.set(self.points.ids)],
            }
        )
        with self.assertRaisesRegex(UserError, "is closed"):
            wizard.action_create_orders()


class TestIncident(MeteringCommon):
    def _do_steps(self, incident, user):
        for answer in incident.checklist_ids.answer_ids:
            answer.with_user(user).value_yes_no = "yes"

    def _report(self, xmlid, user=None, **vals):
        return (
            self.env["metering.incident"]
            .with_user(user or self.technician)
            .create({"type_id": self.env.ref(xmlid).id, **vals})
        )

    def test_anyone_reports_the_concerned_are_notified(self):
        incident = self._report("metering_safety.incident_type_fire")
        self.assertTrue(incident.name.startswith("SJ/"))
        self.assertIn(self.manager.partner_id, incident.message_partner_ids)
        self.assertIn(self.manager, incident.activity_ids.user_id)
        self.assertNotIn(self.leader, incident.activity_ids.user_id)
        self.assertIn("119", incident.instructions)

    def test_only_a_team_leader_closes_after_recording_actions(self):
        incident = self._report("metering_safety.incident_type_equipment_failure")
        with self.assertRaises(UserError):
            incident.with_user(self.technician).action_close()
        with self.assertRaisesRegex(UserError, "Equipment taken out of use"):
            incident.with_user(self.leader).action_close()
        self._do_steps(incident, self.technician)
        with self.assertRaisesRegex(UserError, "actions taken"):
            incident.with_user(self.leader).action_close()
        incident.with_user(self.technician).write(
            {"actions_taken": "<p>Power cut, meter bench tagged out.</p>"}
        )
        incident.with_user(self.leader).action_close()
        self.assertEqual(incident.state, "closed")
        self.assertTrue(incident.ended_on)

    def test_system_outage_switches_to_backfilled_records(self):
        location = self._create_location("Outage point")
        Order = self.env["fsm.order"].with_user(self.leader)
        self.assertFalse(Order.create({"location_id": location.id}).is_backfilled)
        outage = self._report("metering_safety.incident_type_system_outage")
        during = Order.create({"location_id": location.id})
        self.assertTrue(during.is_backfilled)
        # the other company keeps working in the system
        other_location = self._create_location("Other point", self.other_company)
        other = self.env["fsm.order"].create(
            {
                "location_id": other_location.id,
                "company_id": self.other_company.id,
                "team_id": self.env["fsm.team"]
                .create({"name": "Other team", "company_id": self.other_company.id})
                .id,
            }
        )
        self.assertFalse(other.is_backfilled)
        outage.with_user(self.leader).write({"actions_taken": "<p>Restored</p>"})
        self._do_steps(outage, self.leader)
        outage.with_user(self.leader).action_close()
        self.assertFalse(Order.create({"location_id": location.id}).is_backfilled)

    def test_incident_types_are_the_managers(self):
        with self.assertRaises(AccessError):
            self.env["metering.incident.type"].with_user(self.leader).create(
                {"name": "Flood"}
            )
        self.env["metering.incident.type"].with_user(self.manager).create(
            {"name": "Flood"}
        )

    def test_other_companies_incidents_stay_hidden(self):
        incident = self._report("metering_safety.incident_type_complaint")
        foreign = self._create_user(
            "leader", "metering_service.group_team_leader", self.other_company
        )
        with self.assertRaises(AccessError):
            incident.with_user(foreign).read(["name"])


class TestComplaintIncident(MeteringCommon):
    """A complaint protects the complainant's information (manual 6.4.2 f):
    read only by the people handling it, team leaders and the manager."""

    def test_complaint_read_by_its_handlers_only(self):
        technician2 = self._create_user(
            "technician2", "metering_service.group_field_technician"
        )
        complaint = (
            self.env["metering.incident"]
            .with_user(self.clerk)
            .create(
                {
                    "type_id": self.env.ref(
                        "metering_safety.incident_type_complaint"
                    ).id,
                    "description": "<p>Complainant: Wang, 139 0000 0000</p>",
                    "handler_ids": [Command.link(self.technician.id)],
                }
            )
        )
        Incident = self.env["metering.incident"]
        for user in (self.clerk, self.technician, self.leader, self.manager):
            self.assertEqual(
                Incident.with_user(user).search([("id", "=", complaint.id)]),
                complaint,
                user.login,
            )
        self.assertFalse(
            Incident.with_user(technician2).search([("id", "=", complaint.id)])
        )
        with self.assertRaises(AccessError):
            complaint.with_user(technician2).read(["description"])
        fire = Incident.with_user(self.clerk).create(
            {"type_id": self.env.ref("metering_safety.incident_type_fire").id}
        )
        self.assertTrue(fire.with_user(technician2).read(["name"]))
