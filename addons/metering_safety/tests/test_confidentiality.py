# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .confidentiality_common import ConfidentialityCommon, sample_pdf

SECRET_NAME = "CLASSIFIED"


@tagged("post_install", "-at_install")
class TestClassification(ConfidentialityCommon):
    def test_directory_level_is_the_floor_of_its_files(self):
        with self.assertRaises(ValidationError):
            self._file("below.pdf", self.dir_secret, self.internal)
        # Unclassified, a document takes its directory's level.
        self.assertEqual(self.secret_file.classification_level_id, self.secret)
        with self.assertRaises(ValidationError):
            self.dir_internal.with_user(
                self.officer
            ).classification_level_id = self.secret

    def test_subdirectory_below_parent_refused(self):
        with self.assertRaises(ValidationError):
            self._directory("sub", self.internal, parent=self.dir_secret)
        sub = self._directory("sub", self.secret, parent=self.dir_secret)
        self.assertEqual(sub.classification_level_id, self.secret)

    def test_only_the_officer_lowers_a_level(self):
        doc = self._file("plan.pdf", self.dir_internal, self.confidential)
        with self.assertRaises(UserError):
            doc.with_user(self.technician).classification_level_id = self.internal
        doc.with_user(self.officer).classification_level_id = self.internal
        self.assertEqual(doc.classification_level_id, self.internal)
        # Raising is anyone's who may write.
        doc.with_user(self.technician).classification_level_id = self.secret
        self.assertEqual(doc.classification_level_id, self.secret)

    def test_moving_to_a_lower_directory_is_the_officers(self):
        doc = self._file("own.pdf", self.dir_secret)
        doc = doc.with_user(self.technician)
        with self.assertRaises(UserError):
            doc.directory_id = self.dir_internal
        # The officer declassifies and moves.
        doc.with_user(self.officer).write(
            {
                "directory_id": self.dir_internal.id,
                "classification_level_id": self.internal.id,
            }
        )
        self.assertEqual(doc.directory_id, self.dir_internal)

    def test_no_thumbnail_of_a_classified_image(self):
        self.assertFalse(self.secret_image.image_1920)

    def test_classified_level_refused_in_attachment_storage(self):
        storage = self.env["dms.storage"].create(
            {
                "name": "Attachments",
                "save_type": "attachment",
                "model_ids": [
                    fields.Command.link(self.env.ref("base.model_res_partner").id)
                ],
            }
        )
        with self.assertRaises(ValidationError):
            self.env["dms.directory"].create(
                {
                    "name": "Partners",
                    "is_root_directory": True,
                    "storage_id": storage.id,
                    "model_id": self.env.ref("base.model_res_partner").id,
                    "classification_level_id": self.secret.id,
                }
            )


@tagged("post_install", "-at_install")
class TestNeedToKnow(ConfidentialityCommon):
    def _assert_hidden(self, user, dms_file):
        Files = self.env["dms.file"].with_user(user)
        self.assertNotIn(dms_file, Files.search([]))
        self.assertFalse(Files.search_count([("id", "=", dms_file.id)]))
        self.assertFalse(Files.search_count([("name", "ilike", SECRET_NAME)]))
        self.assertFalse(Files.name_search(SECRET_NAME))
        groups = Files.formatted_read_group([], ["directory_id"], ["__count"])
        self.assertNotIn(
            self.dir_secret.id,
            [g["directory_id"][0] for g in groups if g["directory_id"]],
        )
        self.assertFalse(Files.search_read([("name", "ilike", SECRET_NAME)], ["name"]))
        with self.assertRaises(AccessError) as error:
            dms_file.with_user(user).read(["name"])
        self.assertNotIn(dms_file.name, str(error.exception))
        # The directory itself, its name included, stays hidden.
        Dirs = self.env["dms.directory"].with_user(user)
        self.assertNotIn(self.dir_secret, Dirs.search([]))

    def test_without_grant_nothing_leaks(self):
        for user in (self.clerk, self.technician, self.manager, self.leader):
            self._assert_hidden(user, self.secret_file)
        # Below confidential, the dms access groups alone decide.
        Files = self.env["dms.file"].with_user(self.technician)
        self.assertIn(self.internal_file, Files.search([]))
        self.assertIn(self.public_file, Files.search([]))

    def test_officer_and_owner_see(self):
        Files = self.env["dms.file"].with_user(self.officer)
        self.assertIn(self.secret_file, Files.search([]))
        own = (
            self.env["dms.file"]
            .with_user(self.technician)
            .create(
                {
                    "name": "CLASSIFIED-own.pdf",
                    "directory_id": self.dir_internal.id,
                    "classification_level_id": self.secret.id,
                    "content": base64.b64encode(sample_pdf()),
                }
            )
        )
        self.assertIn(own, own.search([("name", "ilike", SECRET_NAME)]))
        self._assert_hidden(self.clerk, own)

    def test_read_grant_opens_the_document_only(self):
        self._grant(self.technician, self.secret_file)
        Files = self.env["dms.file"].with_user(self.technician)
        found = Files.search([("name", "ilike", SECRET_NAME)])
        self.assertEqual(found, self.secret_file)
        self.assertEqual(found.metering_access, "read")
        self.assertEqual(found.read(["name"])[0]["name"], self.secret_file.name)
        # The directory above is reachable, not its other documents.
        self.assertIn(
            self.dir_secret,
            self.env["dms.directory"].with_user(self.technician).search([]),
        )
        self.assertNotIn(self.secret_image, Files.search([]))
        self._assert_hidden(self.clerk, self.secret_file)

    def test_directory_grant_opens_its_documents(self):
        self._grant(self.technician, self.dir_secret, access="download")
        Files = self.env["dms.file"].with_user(self.technician)
        found = Files.search([("directory_id", "=", self.dir_secret.id)])
        self.assertEqual(found, self.secret_file | self.secret_image)
        self.assertEqual(set(found.mapped("metering_access")), {"download"})

    def test_group_grant(self):
        self.env["metering.document.grant"].with_user(self.officer).create(
            {
                "file_id": self.secret_file.id,
                "group_id": self.env.ref("metering_service.group_center_manager").id,
                "reason": "Audit",
                "date_expiry": self.tomorrow,
            }
        ).action_approve()
        self.assertTrue(self.secret_file.with_user(self.manager).read(["name"]))
        self._assert_hidden(self.technician, self.secret_file)

    def test_requested_or_revoked_grant_opens_nothing(self):
        grant = self._grant(self.technician, self.secret_file, approve=False)
        self._assert_hidden(self.technician, self.secret_file)
        grant.with_user(self.officer).action_approve()
        self.assertTrue(self.secret_file.with_user(self.technician).read(["name"]))
        grant.with_user(self.officer).action_revoke()
        self._assert_hidden(self.technician, self.secret_file)

    def test_expired_grant_opens_nothing_and_the_cron_closes_it(self):
        grant = self._grant(self.technician, self.secret_file)
        grant.sudo().date_expiry = fields.Date.today() - timedelta(days=1)
        self._assert_hidden(self.technician, self.secret_file)
        self.env["metering.document.grant"]._cron_expire()
        self.assertEqual(grant.state, "expired")

    def test_grant_checks(self):
        with self.assertRaises(ValidationError):
            self._grant(
                self.technician,
                self.secret_file,
                expiry=fields.Date.today() - timedelta(days=1),
            )
        grant = self._grant(self.technician, self.secret_file, approve=False)
        for user in (self.technician, self.clerk, self.manager, self.leader):
            with self.assertRaises(AccessError):
                grant.with_user(user).action_approve()
        with self.assertRaises(AccessError):
            grant.with_user(self.officer).write({"state": "approved"})
        grant.with_user(self.officer).action_approve()
        self.assertEqual(grant.approved_by_id, self.officer)
        with self.assertRaises(ValidationError):
            grant.with_user(self.officer).access = "download"
        with self.assertRaises(AccessError):
            grant.with_user(self.clerk).action_revoke()


@tagged("post_install", "-at_install")
class TestLeaveNoPath(ConfidentialityCommon):
    """Each refusal is logged. In a request, the refusal rolls the
    transaction back and the log line is written again after the rollback
    (see the HTTP tests); here the call runs without assertRaises' savepoint
    so that the line written before the error stays visible."""

    def _refused(self, exception, func, *args, **kwargs):
        try:
            func(*args, **kwargs)
        except exception as error:
            return error
        self.fail(f"{func} was not refused")

    def test_export_refused_and_logged(self):
        self._grant(self.technician, self.secret_file, access="download")
        doc = self.secret_file.with_user(self.technician)
        self._refused(UserError, doc.export_data, ["name"])
        log = self._logs(self.secret_file, self.technician)
        self.assertEqual(log.event, "export")
        self.assertTrue(log.refused)
        # The officer exports all (logged).
        data = self.secret_file.with_user(self.officer).export_data(["name"])
        self.assertEqual(data["datas"][0][0], self.secret_file.name)

    def test_copy_refused_and_logged(self):
        self._grant(self.technician, self.secret_file, access="download")
        self._refused(
            UserError,
            self.secret_file.with_user(self.technician).copy,
            {"directory_id": self.dir_internal.id},
        )
        self.assertEqual(self._logs(self.secret_file, self.technician).event, "copy")
        copy = self.secret_file.with_user(self.officer).copy()
        self.assertEqual(copy.classification_level_id, self.secret)

    def test_raw_content_read_refused(self):
        self._grant(self.technician, self.secret_file, access="download")
        doc = self.secret_file.with_user(self.technician)
        self._refused(AccessError, doc.read, ["content"])
        with self.assertRaises(AccessError):
            doc.web_read({"content": {}})
        # The size, as the form shows it, is fine.
        self.assertTrue(doc.with_context(bin_size=True).read(["content"]))
        self.assertTrue(self._logs(self.secret_file, self.technician).refused)

    def test_mail_attachment_refused(self):
        self._grant(self.technician, self.secret_file, access="download")
        attachment = self.env["ir.attachment"].create(
            {
                "name": "copy.pdf",
                "raw": sample_pdf(),
                "res_model": "dms.file",
                "res_id": self.secret_file.id,
            }
        )
        partner = self.internal_file
        self._refused(
            UserError,
            partner.with_user(self.technician).message_post,
            body="see attached",
            attachment_ids=attachment.ids,
        )
        self.assertEqual(self._logs(self.secret_file, self.technician).event, "mail")
        # The officer sends what he decides to.
        partner.with_user(self.officer).message_post(
            body="approved", attachment_ids=attachment.ids
        )

    def test_chatter_attachment_of_a_secret_document_hidden(self):
        attachment = self.env["ir.attachment"].create(
            {
                "name": "CLASSIFIED-annex.pdf",
                "raw": sample_pdf(),
                "res_model": "dms.file",
                "res_id": self.secret_file.id,
            }
        )
        Attachments = self.env["ir.attachment"].with_user(self.technician)
        self.assertFalse(Attachments.search([("name", "ilike", SECRET_NAME)]))
        with self.assertRaises(AccessError):
            attachment.with_user(self.technician).read(["name"])
        # The content attachment itself, even for a download grant: only
        # through the watermarked download.
        self._grant(self.technician, self.secret_file, access="download")
        self.assertTrue(attachment.with_user(self.technician).read(["name"]))
        storage = self.env["dms.storage"].create(
            {"name": "File store", "save_type": "file"}
        )
        root = self.env["dms.directory"].create(
            {
                "name": "File store root",
                "is_root_directory": True,
                "storage_id": storage.id,
                "group_ids": [fields.Command.link(self.everyone.id)],
                "classification_level_id": self.secret.id,
            }
        )
        stored = self._file("CLASSIFIED-in-filestore.pdf", root)
        self._grant(self.technician, stored, access="download")
        content = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "dms.file"),
                ("res_id", "=", stored.id),
                ("res_field", "=", "content_file"),
            ]
        )
        self.assertTrue(content)
        with self.assertRaises(AccessError):
            content.with_user(self.technician).read(["datas"])

    def test_share_token_never_opens_a_classified_document(self):
        token = self.secret_file.sudo()._portal_ensure_token()
        self.assertFalse(self.secret_file.check_access_token(token))
        token = self.public_file.sudo()._portal_ensure_token()
        self.assertTrue(self.public_file.check_access_token(token))

    def test_access_log_is_append_only(self):
        self.env["metering.document.access.log"]._metering_log(self.secret_file, "open")
        log = self._logs(self.secret_file, self.env.user)
        for user in (self.officer, self.manager):
            with self.assertRaises(UserError):
                log.with_user(user).write({"event": "print"})
            with self.assertRaises(AccessError):
                log.with_user(user).unlink()
        with self.assertRaises(UserError):
            log.write({"event": "print"})
        with self.assertRaises(UserError):
            log.unlink()
        with self.assertRaises(AccessError):
            self.env["metering.document.access.log"].with_user(self.officer).create(
                {"event": "open"}
            )
        with self.assertRaises(AccessError):
            log.with_user(self.technician).read(["event"])
        with self.assertRaises(AccessError):
            log.with_user(self.manager).export_data(["event"])
        self.assertTrue(log.with_user(self.officer).export_data(["event"])["datas"])
