# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.fields import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.metering_service.tests.common import RpcMixin

from .test_safety_briefing import BriefingCommon


@tagged("post_install", "-at_install")
class TestSafetyGateOverRpc(RpcMixin, HttpCase, BriefingCommon):
    """The gates hold for a client that skips the web client's buttons and
    calls the server directly, the way an integration or a script would."""

    def test_start_without_briefing_refused(self):
        error = self._rpc_error(
            self.leader.login,
            "fsm.order",
            "write",
            self.order.ids,
            {"stage_id": self.in_progress.id},
        )
        self.assertEqual(error["name"], "odoo.exceptions.ValidationError")
        self.assertIn("no safety briefing", error["message"])
        self.env.invalidate_all()
        self.assertNotEqual(self.order.stage_id, self.in_progress)

    def test_start_with_an_unacknowledged_member_refused(self):
        briefing = self._briefing()
        briefing.action_open()
        briefing.attendee_ids.filtered(
            lambda a: a.user_id == self.technician
        ).with_user(self.technician).action_acknowledge()
        error = self._rpc_error(
            self.leader.login,
            "fsm.order",
            "write",
            self.order.ids,
            {"stage_id": self.in_progress.id},
        )
        self.assertIn("Zhao Lei", error["message"])
        self.env.invalidate_all()
        self.assertNotEqual(self.order.stage_id, self.in_progress)

    def test_acknowledging_for_someone_else_refused(self):
        briefing = self._briefing()
        briefing.action_open()
        other = briefing.attendee_ids.filtered(lambda a: a.user_id == self.technician2)
        error = self._rpc_error(
            self.technician.login,
            "metering.safety.briefing.attendee",
            "action_acknowledge",
            other.ids,
        )
        self.assertEqual(error["name"], "odoo.exceptions.UserError")
        self.env.invalidate_all()
        self.assertFalse(other.acknowledged_on)

    def test_assigning_an_unqualified_worker_refused(self):
        certificate = self.env["metering.qualification.type"].create(
            {"name": "Live-line work permit", "code": "LLW"}
        )
        self.order_type.required_qualification_type_ids = [Command.link(certificate.id)]
        order = self.env["fsm.order"].create(
            {
                "type": self.env["fsm.order.type"]
                .create({"name": "Unchecked", "internal_type": "fsm"})
                .id,
                "location_id": self.order.location_id.id,
            }
        )
        error = self._rpc_error(
            self.leader.login,
            "fsm.order",
            "write",
            order.ids,
            {"type": self.order_type.id, "person_id": self.technician_person.id},
        )
        self.assertIn("Live-line work permit", error["message"])
        self.env.invalidate_all()
        self.assertNotEqual(order.type, self.order_type)


@tagged("post_install", "-at_install")
class TestSafetyProofsOverRpc(RpcMixin, HttpCase, BriefingCommon):
    """A technician cannot clear his own order for work, record an override,
    close an incident or renumber a record: the proofs are earned."""

    def _refused(self, login, record, vals):
        before = record.read(list(vals))[0]
        error = self._rpc_error(login, record._name, "write", record.ids, vals)
        self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        self.assertIn("recorded by its own action", error["message"])
        self.env.invalidate_all()
        self.assertEqual(record.read(list(vals))[0], before)

    def test_technician_cannot_clear_his_order_then_start(self):
        now = "2026-11-23 08:00:00"
        for vals in (
            {"safety_cleared_on": now},
            {
                "safety_override_by_id": self.leader.id,
                "safety_override_reason": "forged",
                "safety_override_on": now,
            },
        ):
            self._refused(self.technician.login, self.order, vals)
        error = self._rpc_error(
            self.technician.login,
            "fsm.order",
            "write",
            self.order.ids,
            {"stage_id": self.in_progress.id},
        )
        self.assertIn("no safety briefing", error["message"])
        self.env.invalidate_all()
        self.assertNotEqual(self.order.stage_id, self.in_progress)
        self.assertFalse(self.order.safety_cleared_on)

    def test_technician_cannot_close_or_reassign_an_incident(self):
        incident = (
            self.env["metering.incident"]
            .with_user(self.technician)
            .create({"type_id": self.env.ref("metering_safety.incident_type_fire").id})
        )
        for vals in (
            {"state": "closed"},
            {"reported_by_id": self.leader.id},
            {"name": "SJ/FORGED"},
        ):
            self._refused(self.technician.login, incident, vals)

    def test_assigning_a_worker_without_employee_refused(self):
        contractor = self.env["fsm.person"].create({"name": "Contractor Sun"})
        error = self._rpc_error(
            self.leader.login,
            "fsm.order",
            "write",
            self.order.ids,
            {"person_ids": [Command.link(contractor.id)]},
        )
        self.assertIn("Contractor Sun", error["message"])
        self.assertIn("employee", error["message"])
        self.env.invalidate_all()
        self.assertNotIn(contractor, self.order.person_ids)

    def test_briefing_number_is_not_rewritten(self):
        self._refused(self.leader.login, self._briefing(), {"name": "AQ/FORGED"})
