# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged


def _technician_checklist(env, template, technician, tag):
    """The checklist of a new order of the technician's, of a type whose
    completion the published template guards."""
    order_type = env["fsm.order.type"].create(
        {"name": f"Tour {tag} check", "internal_type": "fsm"}
    )
    env["metering.checklist.assignment"].create(
        {
            "template_id": template.id,
            "order_type_id": order_type.id,
            "stage_id": env.ref("fieldservice.fsm_stage_completed").id,
        }
    )
    owner = env["res.partner"].create({"name": f"Tour {tag} owner"})
    order = env["fsm.order"].create(
        {
            "type": order_type.id,
            "location_id": env["fsm.location"]
            .create({"name": f"Tour {tag} point", "owner_id": owner.id})
            .id,
            "person_id": env["fsm.person"]
            .create({"partner_id": technician.partner_id.id})
            .id,
        }
    )
    return order.checklist_ids


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
            [("name", "=", "Tour meter box check"), ("version", "=", 1)]
        )
        self.assertEqual(template.state, "published")
        section = template.item_ids.filtered("display_type")
        self.assertEqual(section.name, "Meter box")
        self.assertEqual(template.item_ids[0], section)
        # the tour ends on version 2, a draft that takes over on publication
        draft = self.env["metering.checklist.template"].search(
            [("previous_version_id", "=", template.id)]
        )
        self.assertEqual((draft.version, draft.state), (2, "draft"))
        self.assertEqual(draft.carried_assignment_ids, template.assignment_ids)
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
        door = order.checklist_ids.answer_ids.filtered(
            lambda a: a.name == "Box door closed"
        )
        self.assertEqual(door.note, "Hinge stiff, oiled")
        order.with_user(technician).action_complete()

        seal = self.env["metering.checklist.template"].create(
            {
                "name": "Tour seal check",
                "item_ids": [Command.create({"name": "Seal intact"})],
            }
        )
        seal.action_publish()
        self.start_tour(
            f"/odoo/action-fieldservice.action_fsm_order_type/{order_type.id}",
            "metering_checklist_order_type",
            login=manager.login,
        )
        self.assertEqual(
            order_type.checklist_assignment_ids.template_id, template | seal
        )
        self.assertTrue(order.is_closed)


@tagged("post_install", "-at_install")
class TestChecklistPhoneTour(HttpCase):
    """The technician answers a sectioned checklist on its cards on a phone."""

    browser_size = "390x844"
    touch_enabled = True

    def test_technician_answers_on_the_phone(self):
        technician = new_test_user(
            self.env,
            login="tour-ck-phone",
            groups="metering_service.group_field_technician",
            password="tour-ck-phone",
            lang="en_US",
        )
        Item = self.env["metering.checklist.item"]
        template = self.env["metering.checklist.template"].create(
            {"name": "Tour phone meter check"}
        )
        vals = [
            {"name": "Meter box", "display_type": "line_section"},
            {"name": "Seals intact", "fail_requires_note": True},
            {
                "name": "Photo of the broken seal",
                "kind": "photo",
                "condition_value": "fail",
            },
            {"name": "Wiring", "display_type": "line_section"},
            {
                "name": "Wiring checked",
                "kind": "yes_no_na",
                "help_text": "Compare the wiring with the diagram on the box door.",
            },
            {
                "name": "Phase voltage",
                "kind": "number",
                "unit": "V",
                "has_min": True,
                "min_value": 198,
                "has_max": True,
                "max_value": 242,
            },
            {"name": "Customer signature", "kind": "signature"},
        ]
        items = Item.browse()
        for sequence, item_vals in enumerate(vals, start=1):
            if item_vals.get("condition_value"):
                item_vals["condition_item_id"] = items[-1].id
            items |= Item.create(
                {"template_id": template.id, "sequence": sequence, **item_vals}
            )
        template.action_publish()
        checklist = _technician_checklist(self.env, template, technician, "phone")
        self.start_tour(
            f"/odoo/action-metering_service.metering_checklist_action/{checklist.id}",
            "metering_checklist_phone",
            login=technician.login,
        )
        answers = {a.name: a for a in checklist.answer_ids}
        self.assertEqual(answers["Seals intact"].result, "fail")
        self.assertEqual(answers["Seals intact"].note, "Seal broken by the customer")
        self.assertEqual(answers["Wiring checked"].value_yes_no, "yes")
        self.assertEqual(answers["Phase voltage"].value_number, 231)
        self.assertEqual(answers["Photo of the broken seal"].result, "pass")
        self.assertEqual(answers["Photo of the broken seal"].answered_by_id, technician)
        self.assertTrue(answers["Customer signature"].signature)
        self.assertEqual(checklist.result, "passed")


@tagged("post_install", "-at_install")
class TestChecklistListTour(HttpCase):
    """The technician answers a whole checklist in one list and saves once."""

    def test_technician_answers_in_a_list(self):
        technician = new_test_user(
            self.env,
            login="tour-ck-list",
            groups="metering_service.group_field_technician",
            password="tour-ck-list",
            lang="en_US",
        )
        template = self.env["metering.checklist.template"].create(
            {"name": "Tour list meter check"}
        )
        Item = self.env["metering.checklist.item"]
        Item.create(
            [
                {
                    "template_id": template.id,
                    "sequence": 1,
                    "name": "Seals intact",
                    "critical": True,
                },
                {
                    "template_id": template.id,
                    "sequence": 2,
                    "name": "Phase voltage",
                    "kind": "number",
                    "unit": "V",
                    "has_min": True,
                    "min_value": 198,
                    "has_max": True,
                    "max_value": 242,
                    "weight": 2,
                },
            ]
        )
        ct = Item.create(
            {
                "template_id": template.id,
                "sequence": 3,
                "name": "CT fitted",
                "kind": "yes_no_na",
            }
        )
        Item.create(
            {
                "template_id": template.id,
                "sequence": 4,
                "name": "CT ratio label photographed",
                "kind": "photo",
                "condition_item_id": ct.id,
                "condition_value": "yes",
            }
        )
        template.action_publish()
        checklist = _technician_checklist(self.env, template, technician, "list")
        self.start_tour(
            f"/odoo/action-metering_service.metering_checklist_action/{checklist.id}",
            "metering_checklist_list",
            login=technician.login,
        )
        answers = {a.name: a for a in checklist.answer_ids}
        self.assertEqual(answers["Seals intact"].result, "pass")
        self.assertEqual(answers["Phase voltage"].value_number, 230)
        self.assertEqual(answers["CT fitted"].result, "fail")
        self.assertEqual(answers["CT ratio label photographed"].result, "hidden")
        self.assertEqual(answers["Phase voltage"].answered_by_id, technician)
        # 3 of 4 weighted points passed; the CT is not critical
        self.assertEqual((checklist.score, checklist.result), (75.0, "passed"))
        self.assertEqual(checklist.state, "done")
