# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestChecklistTour(HttpCase):
    def _user(self, login, groups):
        return new_test_user(
            self.env, login=login, groups=groups, password=login, lang="en_US"
        )

    def test_manager_builds_technician_completes(self):
        manager = self._user("tour-ck-manager", "metering_service.group_center_manager")
        technician = self._user(
            "tour-ck-technician", "metering_service.group_field_technician"
        )
        order_type = self.env["fsm.order.type"].create(
            {"name": "Tour box inspection", "internal_type": "fsm"}
        )
        sign_off = self.env["fsm.stage"].create(
            {"name": "Tour box sign-off", "sequence": 70, "stage_type": "order"}
        )
        self.start_tour(
            "/odoo/action-metering_service.metering_checklist_template_action/new",
            "metering_checklist_manager",
            login=manager.login,
        )
        template = self.env["metering.checklist.template"].search(
            [("name", "=", "Tour meter box check")]
        )
        self.assertEqual(template.state, "published")
        voltage = template.item_ids.filtered(lambda i: i.kind == "number")
        self.assertEqual((voltage.min_value, voltage.max_value), (198, 242))
        photo = template.item_ids.filtered(lambda i: i.kind == "photo")
        self.assertEqual(photo.condition_item_id.name, "Box door closed")
        self.assertEqual(photo.condition_value, "fail")
        self.assertEqual(template.assignment_ids.order_type_id, order_type)
        self.assertEqual(template.assignment_ids.stage_id, sign_off)

        owner = self.env["res.partner"].create({"name": "Tour box owner"})
        order = self.env["fsm.order"].create(
            {
                "type": order_type.id,
                "location_id": self.env["fsm.location"]
                .create({"name": "Tour box point", "owner_id": owner.id})
                .id,
                "person_id": self.env["fsm.person"]
                .create({"partner_id": technician.partner_id.id})
                .id,
            }
        )
        self.start_tour(
            f"/odoo/action-metering_service.fsm_order_action/{order.id}",
            "metering_checklist_technician",
            login=technician.login,
        )
        self.assertEqual(order.checklist_ids.state, "done")
        self.assertEqual(order.checklist_ids.result, "passed")
        order.with_user(technician).action_complete()
        self.assertTrue(order.is_closed)
