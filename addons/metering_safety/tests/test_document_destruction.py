# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .confidentiality_common import ConfidentialityCommon


@tagged("post_install", "-at_install")
class TestDocumentDestruction(ConfidentialityCommon):
    def _destruction(self, files):
        action = files.with_user(self.officer).action_metering_request_destruction()
        return self.env["metering.document.destruction"].browse(action["res_id"])

    def test_retention_date_follows_level_or_directory(self):
        created = self.secret_file.create_date.date()
        self.assertEqual(
            self.secret_file.retention_date, created + relativedelta(years=30)
        )
        self.dir_secret.retention_years = 5
        self.assertEqual(
            self.secret_file.retention_date, created + relativedelta(years=5)
        )
        self.assertFalse(self.public_file.retention_date)

    def test_secret_needs_officer_and_manager_then_witness(self):
        destruction = self._destruction(self.secret_file)
        self.assertTrue(destruction.needs_manager)
        destruction.with_user(self.officer).action_request()
        with self.assertRaises(AccessError):
            destruction.with_user(self.technician).action_approve()
        destruction.with_user(self.officer).action_approve()
        self.assertEqual(destruction.state, "requested")
        with self.assertRaises(ValidationError):
            destruction.with_user(self.officer).action_approve()
        destruction.with_user(self.manager).action_approve()
        self.assertEqual(destruction.state, "approved")
        with self.assertRaises(AccessError):
            destruction.with_user(self.manager).action_execute()
        with self.assertRaises(ValidationError):
            destruction.with_user(self.officer).action_execute()
        destruction.with_user(self.officer).witness_id = self.officer
        with self.assertRaises(ValidationError):
            destruction.with_user(self.officer).action_execute()
        destruction.with_user(self.officer).witness_id = self.manager
        checksum = self.secret_file.checksum
        destruction.with_user(self.officer).action_execute()
        self.assertEqual(destruction.state, "done")
        self.assertEqual(destruction.executed_by_id, self.officer)
        dms_file = self.secret_file.with_context(active_test=False)
        self.assertFalse(dms_file.content)
        self.assertTrue(dms_file.metering_destroyed_date)
        self.assertEqual(dms_file.checksum, checksum, "the metadata stays")
        self.assertEqual(self._logs(dms_file, self.officer).event, "destroy")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "metering_safety.report_document_destruction", destruction.ids
            )[0]
            .decode()
        )
        for text in (destruction.name, dms_file.name, self.manager.name):
            self.assertIn(text, html)
        with self.assertRaises(ValidationError):
            destruction.unlink()

    def test_internal_needs_the_officer_only(self):
        destruction = self._destruction(self.internal_file)
        self.assertFalse(destruction.needs_manager)
        destruction.with_user(self.officer).action_request()
        destruction.with_user(self.officer).action_approve()
        self.assertEqual(destruction.state, "approved")

    def test_only_the_officer_proposes_and_state_is_earned(self):
        with self.assertRaises(AccessError):
            self.internal_file.with_user(
                self.technician
            ).action_metering_request_destruction()
        destruction = self._destruction(self.internal_file)
        with self.assertRaises(AccessError):
            destruction.with_user(self.officer).write({"state": "done"})
        with self.assertRaises(AccessError):
            destruction.with_user(self.officer).write(
                {"executed_date": fields.Datetime.now()}
            )
