# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models, tools

# The upstream apps whose work the Metering app already offers, in the
# suite's words and with its rules; and the Apps store, which Odoo's
# base_install_request opens to every user so as to request modules.
UPSTREAM_APP_MENUS = (
    "fieldservice.root",
    "helpdesk_mgmt.helpdesk_ticket_main_menu",
    "base.menu_management",
)


class IrUiMenu(models.Model):
    """One Metering app for the people of the metering center.

    The suite's roles imply Field Service's and Helpdesk's user groups (their
    rules and access rights are what the suite builds on), so both upstream
    apps would show next to Metering, in upstream's words and with screens
    the suite does not check. They are hidden from the suite's users who are
    not administrators. Menu groups cannot express this ("user of Field
    Service but not of the suite"): whoever is given a metering role is
    shown the one app; Field Service and Helpdesk users without a metering
    role keep their apps unchanged.
    """

    _inherit = "ir.ui.menu"

    @api.model
    @tools.ormcache("frozenset(self.env.user._get_group_ids())", "debug")
    def _visible_menu_ids(self, debug=False):
        visible_ids = super()._visible_menu_ids(debug)
        hidden_ids = self._metering_hidden_upstream_menu_ids()
        return visible_ids - hidden_ids if hidden_ids else visible_ids

    @api.model
    def _metering_hidden_upstream_menu_ids(self):
        """The upstream app menus and their submenus, when the current user
        has a role of the suite and is not an administrator."""
        group_ids = set(self.env.user._get_group_ids())
        if self.env.ref("base.group_system").id in group_ids:
            return frozenset()
        metering_group_ids = (
            self.env["res.groups"]
            .sudo()
            .search(
                [
                    (
                        "privilege_id.category_id",
                        "=",
                        self.env.ref("metering_service.module_category_metering").id,
                    )
                ]
            )
            .ids
        )
        if not group_ids.intersection(metering_group_ids):
            return frozenset()
        roots = [
            menu_id
            for xmlid in UPSTREAM_APP_MENUS
            if (menu_id := self.env["ir.model.data"]._xmlid_to_res_id(xmlid, False))
        ]
        return frozenset(
            self.sudo()
            .with_context(active_test=False)
            .search([("id", "child_of", roots)])
            .ids
        )
