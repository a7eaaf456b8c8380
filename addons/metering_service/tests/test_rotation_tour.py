# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestRotationSwapTour(HttpCase):
    """The technician swaps a meter on a phone-sized screen."""

    browser_size = "390x844"
    touch_enabled = True

    def test_technician_swaps_on_the_phone(self):
        technician = new_test_user(
            self.env,
            login="tour-rot-technician",
            groups="metering_service.group_field_technician",
            password="tour-rot-technician",
            lang="en_US",
        )
        owner = self.env["res.partner"].create({"name": "Tour estate owner"})
        point = self.env["fsm.location"].create(
            {"name": "Tour estate flat", "owner_id": owner.id}
        )
        old, new = self.env["fsm.equipment"].create(
            [
                {
                    "name": "Tour old meter",
                    "device_kind": "single_phase_meter",
                    "device_state": "installed",
                    "installed_date": "2014-05-01",
                    "location_id": point.id,
                    "last_reading": 4000.0,
                },
                {
                    "name": "Tour new meter",
                    "device_kind": "single_phase_meter",
                    "device_state": "in_stock",
                },
            ]
        )
        rotation = self.env.ref("metering_service.fsm_order_type_rotation")
        if "requires_safety_briefing" in rotation._fields:
            # the briefing is not what this tour walks through
            rotation.requires_safety_briefing = False
            rotation.required_qualification_type_ids = False
        order = self.env["fsm.order"].create(
            {
                "type": rotation.id,
                "location_id": point.id,
                "person_id": self.env["fsm.person"]
                .create({"partner_id": technician.partner_id.id})
                .id,
                "equipment_ids": [fields.Command.link(old.id)],
            }
        )
        self.env["metering.rotation"]._insert_lines(order)
        self.start_tour(
            f"/odoo/action-metering_service.fsm_order_action/{order.id}",
            "metering_rotation_swap_phone",
            login=technician.login,
        )
        line = order.rotation_line_ids
        self.assertEqual(line.state, "swapped")
        self.assertEqual(line.new_equipment_id, new)
        self.assertEqual((line.final_reading, line.seals_applied), (4321.5, "QF-002"))
