# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import AccessError

from .dms_file import CONTENT_FIELDS


class IrBinary(models.AbstractModel):
    """/web/content, /web/image and every controller that streams a record's
    binary field come through here: the content of a classified document is
    served only to whom its grants allow, watermarked and logged."""

    _inherit = "ir.binary"

    def _find_record(
        self,
        xmlid=None,
        res_model="ir.attachment",
        res_id=None,
        access_token=None,
        field=None,
    ):
        try:
            return super()._find_record(
                xmlid=xmlid,
                res_model=res_model,
                res_id=res_id,
                access_token=access_token,
                field=field,
            )
        except AccessError:
            # A user without the grant asks for a classified document: the
            # refusal is logged (the user learns nothing but "not found").
            if res_model == "dms.file" and res_id:
                dms_file = self.env["dms.file"].sudo().browse(res_id).exists()
                classified = dms_file._metering_classified()
                if classified:
                    self.env["metering.document.access.log"]._metering_log(
                        classified,
                        self.env["dms.file"]._metering_stream_event(),
                        refused=True,
                        detail="no grant",
                    )
            raise

    def _record_to_stream(self, record, field_name):
        def make_stream():
            return super(IrBinary, self)._record_to_stream(record, field_name)

        if record._name == "dms.file" and field_name in CONTENT_FIELDS:
            return record._metering_stream(field_name, make_stream)
        if (
            record._name == "ir.attachment"
            and record.res_model == "dms.file"
            and record.res_field in CONTENT_FIELDS
        ):
            dms_file = self.env["dms.file"].sudo().browse(record.res_id).exists()
            if dms_file._metering_classified():
                # Not the document's own path: only the records officer.
                return dms_file._metering_stream(
                    record.res_field, make_stream, officer_only=True
                )
        return make_stream()
