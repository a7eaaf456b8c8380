# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged

from .common import pass_checklists


@tagged("post_install", "-at_install")
class TestDisputeTour(HttpCase):
    """A clerk logs a dispute and creates the verification order, a technician
    records the errors, the refund calculation is approved by a team leader
    then by the center manager."""

    def _user(self, login, group):
        return new_test_user(
            self.env, login=login, password=login, groups=group, lang="en_US"
        )

    def test_dispute_to_refund(self):
        clerk = self._user("tour-clerk", "metering_service.group_service_clerk")
        technician = self._user(
            "tour-technician", "metering_service.group_field_technician"
        )
        leader = self._user("tour-leader", "metering_service.group_team_leader")
        self._user("tour-manager", "metering_service.group_center_manager")
        # named in the test: the tour must not depend on the UI language
        self.env["helpdesk.ticket.category"].create(
            {
                "name": "Tour disputes",
                "fsm_order_type_id": self.env.ref(
                    "metering_service.fsm_order_type_dispute"
                ).id,
            }
        )
        customer = self.env["res.partner"].create(
            {"name": "Tour Customer", "lang": "en_US"}
        )
        point = self.env["fsm.location"].create(
            {"name": "Tour flat", "owner_id": customer.id, "supply_voltage": "220v"}
        )
        meter = self.env["fsm.equipment"].create(
            {
                "name": "Tour meter",
                "device_kind": "single_phase_meter",
                "accuracy_class": "2",
                "location_id": point.id,
                "device_state": "installed",
                "installed_date": "2021-03-01",
            }
        )

        self.start_tour(
            "/odoo/action-helpdesk_mgmt.helpdesk_ticket_action/new",
            "metering_dispute_clerk",
            login=clerk.login,
        )
        ticket = self.env["helpdesk.ticket"].search([("location_id", "=", point.id)])
        order = ticket.fsm_order_ids
        self.assertEqual(order.tested_equipment_id, meter)
        order.person_id = self.env["fsm.person"].create(
            {"partner_id": technician.partner_id.id}
        )

        self.start_tour(
            f"/odoo/action-metering_service.fsm_order_action/{order.id}",
            "metering_dispute_technician",
            login=technician.login,
        )
        self.assertEqual(order.test_verdict, "failed")
        # the crew's verification checklist (its own tour covers answering it)
        pass_checklists(order)
        order.with_user(leader).action_complete()
        self.assertTrue(ticket.test_fee_refundable)

        adjustment = (
            self.env["metering.energy.adjustment"]
            .with_user(technician)
            .create(
                {
                    "location_id": point.id,
                    "equipment_id": meter.id,
                    "order_id": order.id,
                    "period_start": "2026-01-01",
                    "period_end": "2026-07-01",
                    "recorded_energy": 1800,
                    "error_percent": 2.6,
                    "tariff": 0.56,
                }
            )
        )
        adjustment.action_submit()
        action = "metering_service.metering_energy_adjustment_action"
        url = f"/odoo/action-{action}/{adjustment.id}"
        self.start_tour(url, "metering_adjustment_leader", login=leader.login)
        self.start_tour(url, "metering_adjustment_manager", login="tour-manager")
        self.assertEqual(adjustment.state, "approved")
