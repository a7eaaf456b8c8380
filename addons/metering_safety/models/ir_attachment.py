# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import AccessError, UserError

from .dms_file import CONTENT_FIELDS


class IrAttachment(models.Model):
    """The content of a classified document is also an attachment of the
    document: reading its raw data or copying it is the same leak."""

    _inherit = "ir.attachment"

    def _metering_classified_files(self):
        """The classified documents whose content these attachments hold."""
        contents = self.sudo().filtered(
            lambda a: a.res_model == "dms.file" and a.res_field in CONTENT_FIELDS
        )
        if not contents:
            return self.env["dms.file"]
        files = self.env["dms.file"].sudo().browse(contents.mapped("res_id")).exists()
        return files._metering_classified()

    def _read_format(self, fnames, load="_classic_read"):
        if (
            {"datas", "raw", "db_datas"} & set(fnames or ())
            and not self.env.su
            and not self.env[
                "metering.classification.level"
            ]._metering_is_records_officer()
        ):
            files = self._metering_classified_files()
            if files:
                self.env["metering.document.access.log"]._metering_log(
                    files, "download", refused=True, detail="raw attachment read"
                )
                raise AccessError(
                    self.env._(
                        "Classified documents are read through their watermarked "
                        "preview or download only."
                    )
                )
        return super()._read_format(fnames, load=load)

    def copy_data(self, default=None):
        files = self._metering_classified_files()._metering_no_export()
        if files:
            self.env["metering.document.access.log"]._metering_log(
                files, "copy", refused=True, detail="attachment copy"
            )
            raise UserError(
                self.env._(
                    "The content of the document %(name)s is classified %(level)s: "
                    "only the records officer copies it.",
                    name=files[0].name,
                    level=files[0].classification_level_id.name,
                )
            )
        return super().copy_data(default)
