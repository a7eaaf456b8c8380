# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.metering_service.tests.common import RpcMixin

from .common import local


@tagged("post_install", "-at_install")
class TestShowcaseRpc(RpcMixin, HttpCase):
    """A script cannot start an unready visit: not by its button, not by
    writing or importing the state."""

    def setUp(self):
        super().setUp()
        self.reception = new_test_user(
            self.env,
            login="rpc-showcase-reception",
            password="rpc-showcase-reception",
            groups="metering_showcase.group_reception_team",
        )
        calendar = self.env["resource.calendar"].create(
            {
                "name": "Hall hours",
                "tz": "Asia/Shanghai",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": str(day),
                            "dayofweek": str(day),
                            "hour_from": 9,
                            "hour_to": 17,
                            "day_period": "morning",
                        }
                    )
                    for day in range(5)
                ],
            }
        )
        hall = self.env["metering.showcase.hall"].create(
            {"name": "RPC Hall", "resource_calendar_id": calendar.id}
        )
        self.visit = self.env["metering.showcase.visit"].create(
            {
                "organisation_id": self.env["res.partner"].create({"name": "Org"}).id,
                "hall_id": hall.id,
                "start": local(0, 10),
            }
        )
        self.visit.with_user(self.reception).action_accept()
        self.login = self.reception.login

    def _state(self):
        self.visit.invalidate_recordset()
        return self.visit.state

    def test_start_refused_over_rpc(self):
        error = self._rpc_error(
            self.login, self.visit._name, "action_start", [self.visit.id]
        )
        self.assertIn("readiness", error["message"])
        self.assertEqual(self._state(), "confirmed")

    def test_state_write_refused_over_rpc(self):
        error = self._rpc_error(
            self.login,
            self.visit._name,
            "write",
            [self.visit.id],
            {"state": "in_progress"},
        )
        self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        self.assertEqual(self._state(), "confirmed")

    def test_state_import_refused_over_rpc(self):
        response = self._rpc(
            self.login,
            self.visit._name,
            "load",
            [".id", "state"],
            [[str(self.visit.id), "in_progress"]],
        )
        result = response.get("result") or {}
        self.assertFalse(result.get("ids"))
        self.assertEqual(self._state(), "confirmed")
