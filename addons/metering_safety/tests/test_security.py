# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.metering_service.tests.common import MeteringCommon


class TestSafetySecurity(MeteringCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.records_officer = cls._create_user(
            "records", "metering_safety.group_records_officer"
        )

    def test_records_officer_is_outside_the_operations_chain(self):
        """Guarding documents is a role of its own: no operations role implies
        it, and it implies no operations role."""
        for user in (self.clerk, self.technician, self.leader, self.manager):
            self.assertFalse(
                user.has_group("metering_safety.group_records_officer"), user.login
            )
        self.assertTrue(self.records_officer.has_group("base.group_user"))
        self.assertFalse(
            self.records_officer.has_group("metering_service.group_service_clerk")
        )
        self.assertFalse(
            self.records_officer.has_group("metering_service.group_field_technician")
        )

    def test_records_officer_works_in_the_metering_app(self):
        """He lands in Metering, on the grants to review, with the menus of
        his work there (issue 10): not in Documents or Discuss."""
        menus = self._visible_menus(self.records_officer)
        roots = (
            self.env["ir.ui.menu"]
            .with_user(self.records_officer)
            .load_menus(False)["root"]["children"]
        )
        self.assertEqual(roots[0], self.env.ref("metering_service.menu_root").id)
        for xmlid in (
            "menu_confidentiality_documents",
            "metering_document_grant_menu",
            "metering_document_access_log_menu",
            "metering_document_destruction_menu",
            "metering_backup_record_menu",
            "metering_removable_medium_menu",
            "metering_security_study_menu",
            "metering_classification_level_menu",
        ):
            with self.subTest(menu=xmlid):
                self.assertIn(self.env.ref(f"metering_safety.{xmlid}").id, menus)
        # and none of the operations menus he has no business in
        self.assertNotIn(self.env.ref("metering_safety.menu_safety").id, menus)
        home = self.env.ref("metering_service.metering_home_action")
        action = home.with_user(self.records_officer).run()
        self.assertEqual(
            action["id"],
            self.env.ref("metering_safety.metering_document_grant_action").id,
        )
