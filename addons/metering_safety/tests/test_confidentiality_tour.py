# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

from odoo import Command
from odoo.tests import HttpCase, tagged
from odoo.tools.pdf import PdfFileReader

from .confidentiality_common import ConfidentialityCommon


@tagged("post_install", "-at_install")
class TestConfidentialityTour(HttpCase, ConfidentialityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (cls.technician, cls.officer, cls.manager):
            user.password = user.login

    def test_officer_classifies_and_grants_the_user_reads(self):
        doc = self._file("CLASSIFIED-relay-settings-2.pdf", self.dir_internal)
        url = f"/odoo/action-dms.action_dms_file/{doc.id}"
        self.start_tour(url, "metering_classify_document", login=self.officer.login)
        self.assertEqual(doc.classification_level_id, self.secret)
        self.assertFalse(
            self.env["dms.file"]
            .with_user(self.technician)
            .search([("id", "=", doc.id)])
        )
        grant = self._grant(self.technician, doc, approve=False)
        action = "metering_safety.metering_document_grant_action"
        self.start_tour(
            f"/odoo/action-{action}/{grant.id}",
            "metering_approve_grant",
            login=self.officer.login,
        )
        self.assertEqual(grant.state, "approved")
        self.start_tour(
            url, "metering_read_granted_document", login=self.technician.login
        )
        self.authenticate(self.technician.login, self.technician.login)
        response = self.url_open(
            f"/web/content?model=dms.file&id={doc.id}&field=content&download=false"
        )
        self.assertEqual(response.status_code, 200)
        reader = PdfFileReader(io.BytesIO(response.content), strict=False)
        self.assertIn(self.technician.login, reader.pages[0].extractText())
        events = self._logs(doc, self.technician).mapped("event")
        self.assertIn("open", events)
        self.assertIn("preview", events)

    def test_destruction_requested_approved_recorded(self):
        destruction = self.env["metering.document.destruction"].create(
            {
                "file_ids": [Command.set(self.internal_file.ids)],
                "reason": "Past retention",
                "witness_id": self.manager.id,
            }
        )
        action = "metering_safety.metering_document_destruction_action"
        self.start_tour(
            f"/odoo/action-{action}/{destruction.id}",
            "metering_destruction_officer",
            login=self.officer.login,
        )
        self.assertEqual(destruction.state, "done")
        self.assertTrue(
            self.internal_file.with_context(active_test=False).metering_destroyed_date
        )
