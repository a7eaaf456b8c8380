# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

# What each role opens the Metering app on, the highest role first. The
# reception team belongs to metering_showcase, when it is installed.
HOME_ACTIONS = (
    ("metering_service.group_center_manager", "metering_service.fsm_order_action"),
    ("metering_service.group_team_leader", "metering_service.fsm_order_action_overdue"),
    ("metering_service.group_field_technician", "metering_service.fsm_order_action"),
    (
        "metering_service.group_service_clerk",
        "metering_service.metering_self_check_action",
    ),
    (
        "metering_safety.group_records_officer",
        "metering_safety.metering_document_grant_action",
    ),
    (
        "metering_showcase.group_reception_team",
        "metering_showcase.metering_showcase_visit_action_week_board",
    ),
)


class ResUsers(models.Model):
    _inherit = "res.users"

    def _metering_home_action(self):
        """The action the Metering app opens on for this user: the day's work
        of his highest role; else the first of his Metering menus."""
        self.ensure_one()
        for group_xmlid, action_xmlid in HOME_ACTIONS:
            group = self.env.ref(group_xmlid, raise_if_not_found=False)
            action = self.env.ref(action_xmlid, raise_if_not_found=False)
            if group and action and group in self.all_group_ids:
                return action._get_action_dict()
        Menu = self.env["ir.ui.menu"].with_user(self)
        menus = Menu.search(
            [("id", "child_of", self.env.ref("metering_service.menu_root").id)]
        )._filter_visible_menus()

        def first_action(parent):
            for menu in menus.filtered(lambda m: m.parent_id == parent):
                action = menu.action or first_action(menu)
                if action:
                    return action
            return False

        action = first_action(self.env.ref("metering_service.menu_root"))
        return action.sudo()._get_action_dict() if action else False
