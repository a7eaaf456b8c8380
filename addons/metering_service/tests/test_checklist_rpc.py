# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import RpcMixin
from .test_checklist import ChecklistCommon


@tagged("post_install", "-at_install")
class TestChecklistGateOverRpc(RpcMixin, HttpCase, ChecklistCommon):
    """The checklist gate holds for a client that calls the server directly
    instead of clicking the web client's buttons."""

    def test_guarded_stage_refused(self):
        order = self._order()
        with self.assertLogs("odoo.http", "WARNING"):
            response = self._rpc(
                self.leader.login, "fsm.order", "action_complete", order.ids
            )
        self.assertEqual(
            response["error"]["data"]["name"], "odoo.exceptions.ValidationError"
        )
        self.assertIn("Seals applied", response["error"]["data"]["message"])
        self.env.invalidate_all()
        self.assertNotEqual(order.stage_id, self.completed)

    def test_write_with_field_services_bypass_context_refused(self):
        """Field Service lets its own button skip its kanban guard through a
        context key: a client sending that key still meets the checklist."""
        order = self._order()
        with self.assertLogs("odoo.http", "WARNING"):
            response = self._rpc(
                self.leader.login,
                "fsm.order",
                "write",
                order.ids,
                {"stage_id": self.completed.id},
                context={"bypass_order_completed_stage": True},
            )
        self.assertIn("Seals applied", response["error"]["data"]["message"])
        self.env.invalidate_all()
        self.assertNotEqual(order.stage_id, self.completed)

    def test_import_refused(self):
        order_type = self.env["ir.model.data"].create(
            {
                "module": "__test__",
                "name": "rpc_checked_type",
                "model": "fsm.order.type",
                "res_id": self.order_type.id,
            }
        )
        location = self.env["ir.model.data"].create(
            {
                "module": "__test__",
                "name": "rpc_checked_location",
                "model": "fsm.location",
                "res_id": self.location.id,
            }
        )
        response = self._rpc(
            self.leader.login,
            "fsm.order",
            "load",
            ["type/id", "location_id/id", "stage_id/id"],
            [
                [
                    order_type.complete_name,
                    location.complete_name,
                    "fieldservice.fsm_stage_completed",
                ]
            ],
        )
        self.assertFalse(response["result"]["ids"])
        self.assertIn("Seals applied", str(response["result"]["messages"]))

    def test_answering_a_completed_checklist_refused(self):
        order = self._order()
        self._answer_all(order)
        checklist = order.checklist_ids
        checklist.with_user(self.technician).action_complete()
        answer = checklist.answer_ids.filtered(lambda a: a.item_id.name == "CT fitted")
        with self.assertLogs("odoo.http", "WARNING"):
            response = self._rpc(
                self.technician.login,
                "metering.checklist.answer",
                "write",
                answer.ids,
                {"value_yes_no": "yes"},
            )
        self.assertIn("error", response)
        self.env.invalidate_all()
        self.assertEqual(answer.value_yes_no, "no")

    def test_published_template_not_back_to_draft(self):
        """A center manager cannot put a published template back to draft to
        edit it in place: the checklists in flight keep their template."""
        error = self._rpc_error(
            self.manager.login,
            "metering.checklist.template",
            "write",
            self.template.ids,
            {"state": "draft"},
        )
        self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        self.env.cr.execute(
            "SELECT state FROM metering_checklist_template WHERE id = %s",
            [self.template.id],
        )
        self.assertEqual(self.env.cr.fetchone()[0], "published")
