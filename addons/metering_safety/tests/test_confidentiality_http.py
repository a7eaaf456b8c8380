# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
from datetime import timedelta

from PIL import Image

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger
from odoo.tools.pdf import PdfFileReader

from odoo.addons.metering_service.tests.common import RpcMixin

from .confidentiality_common import ConfidentialityCommon


@tagged("post_install", "-at_install")
class TestConfidentialityHttp(RpcMixin, HttpCase, ConfidentialityCommon):
    """The paths a browser or a script takes to a document's content:
    /web/content (download and preview), /web/image, JSON-RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (cls.technician, cls.clerk, cls.officer):
            user.password = user.login

    def _content(self, login, dms_file, download=True, field="content"):
        self.authenticate(login, login)
        flag = "true" if download else "false"
        return self.url_open(
            f"/web/content?model=dms.file&id={dms_file.id}&field={field}"
            f"&filename_field=name&download={flag}"
        )

    def _pdf_text(self, data):
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        return "".join(page.extractText() for page in reader.pages)

    def _events(self, dms_file, user):
        return [
            (log.event, log.refused) for log in self._logs(dms_file, user).sorted("id")
        ]

    @mute_logger("odoo.http")
    def test_without_grant_refused_and_logged(self):
        response = self._content(self.technician.login, self.secret_file)
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn(b"%PDF", response.content)
        self.assertNotIn(self.secret_file.name.encode(), response.content)
        response = self._content(
            self.technician.login, self.secret_file, download=False, field="image_128"
        )
        self.assertIn(response.status_code, (403, 404))
        self.assertEqual(
            self._events(self.secret_file, self.technician),
            [("download", True), ("preview", True)],
        )

    @mute_logger("odoo.http")
    def test_read_grant_previews_watermarked_download_refused(self):
        self._grant(self.technician, self.secret_file)
        response = self._content(
            self.technician.login, self.secret_file, download=False
        )
        self.assertEqual(response.status_code, 200)
        text = self._pdf_text(response.content)
        self.assertIn(self.technician.login, text)
        self.assertIn("Secret", text)
        self.assertIn(fields.Date.today().strftime("%Y-%m-%d"), text)
        self.assertIn("Metering statistics 2026", text)
        response = self._content(self.technician.login, self.secret_file)
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn(b"%PDF", response.content)
        self.assertEqual(
            self._events(self.secret_file, self.technician),
            [("preview", False), ("download", True)],
        )

    @mute_logger("odoo.http")
    def test_expired_grant_refused(self):
        grant = self._grant(self.technician, self.secret_file, access="download")
        grant.sudo().date_expiry = fields.Date.today() - timedelta(days=1)
        response = self._content(self.technician.login, self.secret_file)
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn(b"%PDF", response.content)

    def test_download_grant_downloads_watermarked(self):
        self._grant(self.technician, self.secret_file, access="download")
        self._grant(self.technician, self.secret_image, access="download")
        original = base64.b64decode(self.secret_file.content)
        response = self._content(self.technician.login, self.secret_file)
        self.assertEqual(response.status_code, 200)
        text = self._pdf_text(response.content)
        self.assertIn(self.technician.login, text)
        self.assertIn("Secret", text)
        self.secret_file.invalidate_recordset()
        self.assertEqual(base64.b64decode(self.secret_file.content), original)
        response = self._content(self.technician.login, self.secret_image)
        self.assertEqual(response.status_code, 200)
        image = Image.open(io.BytesIO(response.content)).convert("RGB")
        self.assertEqual(image.size, (120, 80))
        colors = {image.getpixel((x, y)) for x in range(120) for y in range(80)}
        self.assertGreater(len(colors), 1, "the white image carries a stamp")
        self.assertEqual(
            self._events(self.secret_file, self.technician), [("download", False)]
        )

    @mute_logger("odoo.http")
    def test_portal_download_goes_through_the_guard(self):
        self._grant(self.technician, self.secret_file)
        self.authenticate(self.technician.login, self.technician.login)
        response = self.url_open(f"/my/dms/file/{self.secret_file.id}/download")
        self.assertNotIn(b"%PDF", response.content)
        self._grant(self.technician, self.secret_image, access="download")
        response = self.url_open(f"/my/dms/file/{self.secret_image.id}/download")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            self._events(self.secret_image, self.technician), [("download", False)]
        )

    def test_public_document_served_as_stored(self):
        response = self._content(self.clerk.login, self.public_file)
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(self.clerk.login, self._pdf_text(response.content))

    def test_rpc_search_and_read_reveal_nothing(self):
        result = self._rpc(
            self.technician.login,
            "dms.file",
            "search_read",
            [["name", "ilike", "CLASSIFIED"]],
            ["name"],
        )
        self.assertEqual(result["result"], [])
        result = self._rpc(
            self.technician.login,
            "dms.file",
            "web_read_group",
            [],
            ["directory_id"],
            ["__count"],
        )
        self.assertNotIn(b"CLASSIFIED", str(result).encode())
        self.assertNotIn(self.dir_secret.name, str(result))
        error = self._rpc_error(
            self.technician.login, "dms.file", "read", self.secret_file.ids, ["name"]
        )
        self.assertNotIn("CLASSIFIED", error["message"])
