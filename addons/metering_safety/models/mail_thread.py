# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError

from .dms_file import CONTENT_FIELDS


class MailThread(models.AbstractModel):
    """A message never carries a classified document out: neither its
    content (to any record, its own chatter included, whose followers get
    it by mail) nor an attachment of its chatter to another record, unless
    the records officer sends it."""

    _inherit = "mail.thread"

    def _process_attachments_for_post(
        self, attachments, attachment_ids, message_values
    ):
        if (
            attachment_ids
            and not self.env[
                "metering.classification.level"
            ]._metering_is_records_officer()
        ):
            self._metering_check_classified_attachments(attachment_ids)
        return super()._process_attachments_for_post(
            attachments, attachment_ids, message_values
        )

    def _metering_check_classified_attachments(
        self, attachment_ids, detail="attached to a message"
    ):
        attached = self.env["ir.attachment"].sudo().browse(attachment_ids).exists()
        own = self.sudo() if self._name == "dms.file" else None
        file_ids = [
            a.res_id
            for a in attached
            if a.res_model == "dms.file"
            and (a.res_field in CONTENT_FIELDS or not own or a.res_id not in own.ids)
        ]
        files = (
            self.env["dms.file"].sudo().browse(file_ids).exists()._metering_no_export()
        )
        if files:
            self.env["metering.document.access.log"]._metering_log(
                files, "mail", refused=True, detail=detail
            )
            raise UserError(
                self.env._(
                    "The document %(name)s is classified %(level)s: it is never "
                    "sent by mail or attached to another record.",
                    name=files[0].name,
                    level=files[0].classification_level_id.name,
                )
            )
