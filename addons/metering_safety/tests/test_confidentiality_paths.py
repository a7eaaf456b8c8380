# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger
from odoo.tools.pdf import PdfFileReader

from .confidentiality_common import ConfidentialityCommon, sample_pdf


@tagged("post_install", "-at_install")
class TestComposerGuard(ConfidentialityCommon):
    """The mail composer copies its attachments before it sends them: a
    classified document's attachment is refused before, in mass mail and
    in comment mode, and the refusal logged as message_post's is. (Run
    without assertRaises' savepoint, as TestLeaveNoPath, so that the log
    line written before the error stays visible.)"""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.attachment = cls.env["ir.attachment"].create(
            {
                "name": "annex.pdf",
                "raw": sample_pdf(),
                "res_model": "dms.file",
                "res_id": cls.secret_file.id,
            }
        )
        cls.partner = cls.env["res.partner"].create(
            {"name": "Textile mill", "email": "mill@example.com"}
        )

    def _composer(self, user, mode, model, records):
        return (
            self.env["mail.compose.message"]
            .with_user(user)
            .create(
                {
                    "composition_mode": mode,
                    "model": model,
                    "res_ids": str(records.ids),
                    "subject": "Relay settings",
                    "body": "<p>see attached</p>",
                    "attachment_ids": [Command.set(self.attachment.ids)],
                }
            )
        )

    def _refused(self, composer):
        try:
            composer._action_send_mail()
        except UserError as error:
            self.assertIn(self.secret_file.name, str(error))
            return
        self.fail("the composer sent a classified document")

    def _sent(self):
        return self.env["mail.mail"].sudo().search([("subject", "=", "Relay settings")])

    def test_mass_mail_refused_and_logged(self):
        self._grant(self.technician, self.secret_file, access="download")
        self._refused(
            self._composer(self.technician, "mass_mail", "res.partner", self.partner)
        )
        log = self._logs(self.secret_file, self.technician)
        self.assertEqual((log.event, log.refused), ("mail", True))
        self.assertEqual(log.detail, "sent by mail (mass mail)")
        self.assertFalse(self._sent())
        # not even from the document's own record
        self._refused(
            self._composer(self.technician, "mass_mail", "dms.file", self.secret_file)
        )
        self.assertFalse(self._sent())

    def test_comment_mode_refused_and_logged(self):
        self._grant(self.technician, self.secret_file, access="download")
        self._refused(
            self._composer(self.technician, "comment", "dms.file", self.internal_file)
        )
        self._refused(
            self._composer(self.technician, "comment", "res.partner", self.partner)
        )
        logs = self._logs(self.secret_file, self.technician)
        self.assertEqual(logs.mapped("event"), ["mail", "mail"])
        self.assertTrue(all(logs.mapped("refused")))
        self.assertFalse(
            self.env["mail.message"]
            .search([("model", "=", "res.partner"), ("res_id", "=", self.partner.id)])
            .attachment_ids
        )

    def test_officer_sends_what_he_decides_to(self):
        self._composer(
            self.officer, "mass_mail", "res.partner", self.partner
        )._action_send_mail()
        self.assertEqual(len(self._sent().attachment_ids), 1)
        self.assertFalse(self._logs(self.secret_file, self.officer).refused)

    def test_internal_document_attachment_sent(self):
        self.attachment.res_id = self.internal_file.id
        self._composer(
            self.technician, "mass_mail", "res.partner", self.partner
        )._action_send_mail()
        self.assertEqual(len(self._sent().attachment_ids), 1)


@tagged("post_install", "-at_install")
class TestPrintDocument(HttpCase, ConfidentialityCommon):
    """Printing a document: the Print button opens its watermarked copy in
    the browser's print dialog, logged as printed; a paper copy needs the
    download grant."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.technician.password = cls.technician.login

    def _print(self, dms_file):
        self.authenticate(self.technician.login, self.technician.login)
        return self.url_open(f"/metering_safety/document/{dms_file.id}/print")

    def _events(self, dms_file):
        return [
            (log.event, log.refused)
            for log in self._logs(dms_file, self.technician).sorted("id")
        ]

    def test_print_button(self):
        action = self.secret_file.action_metering_print()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertEqual(
            action["url"], f"/metering_safety/document/{self.secret_file.id}/print"
        )

    def test_download_grant_prints_watermarked(self):
        self._grant(self.technician, self.secret_file, access="download")
        response = self._print(self.secret_file)
        self.assertEqual(response.status_code, 200)
        self.assertIn("inline", response.headers["Content-Disposition"])
        reader = PdfFileReader(io.BytesIO(response.content), strict=False)
        text = "".join(page.extractText() for page in reader.pages)
        self.assertIn(self.technician.login, text)
        self.assertIn("Secret", text)
        self.assertEqual(self._events(self.secret_file), [("print", False)])

    @mute_logger("odoo.http")
    def test_read_grant_or_none_refused(self):
        response = self._print(self.secret_file)
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn(b"%PDF", response.content)
        self._grant(self.technician, self.secret_file)
        response = self._print(self.secret_file)
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn(b"%PDF", response.content)
        self.assertEqual(
            self._events(self.secret_file), [("print", True), ("print", True)]
        )

    def test_public_document_printed_as_stored(self):
        response = self._print(self.public_file)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"%PDF"))
