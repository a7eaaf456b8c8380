# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class MailComposeMessage(models.TransientModel):
    """The composer copies its attachments for each mail before it posts
    or sends them: the copies are no longer the document's, so the guard of
    ``message_post`` would not know them. The composer's own attachments are
    checked before, in every mode: comment (as ``message_post`` does: a
    document's own chatter attachment stays on its chatter), mass mail (sent
    by mail only: never a classified document's), and scheduled messages."""

    _inherit = "mail.compose.message"

    def _prepare_mail_values(self, res_ids):
        if (
            self.attachment_ids
            and not self.env[
                "metering.classification.level"
            ]._metering_is_records_officer()
        ):
            if self.composition_mode == "comment" and self.model in self.env:
                Records = self.env[self.model]
                if not hasattr(Records, "_metering_check_classified_attachments"):
                    Records = self.env["mail.thread"]
                else:
                    Records = Records.browse(res_ids)
            else:
                Records = self.env["mail.thread"]
            Records._metering_check_classified_attachments(
                self.attachment_ids.ids,
                detail="sent by mail (mass mail)"
                if self.composition_mode == "mass_mail"
                else "attached to a message",
            )
        return super()._prepare_mail_values(res_ids)
