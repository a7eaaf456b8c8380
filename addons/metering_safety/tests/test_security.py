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
