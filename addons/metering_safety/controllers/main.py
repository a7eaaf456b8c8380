# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import request

from odoo.addons.web.controllers.binary import Binary


def _readonly_unless_document(controller, rule, args):
    """/web/content and /web/image run on a read-only cursor; a document's
    content is served on a read/write one, for the access log."""
    model = args.get("model") or request.httprequest.args.get("model")
    return model != "dms.file"


class MeteringBinary(Binary):
    @http.route(readonly=_readonly_unless_document)
    def content_common(self, *args, **kwargs):
        return super().content_common(*args, **kwargs)

    @http.route(readonly=_readonly_unless_document)
    def content_image(self, *args, **kwargs):
        return super().content_image(*args, **kwargs)


class MeteringDocumentPrint(http.Controller):
    @http.route(
        "/metering_safety/document/<int:file_id>/print",
        type="http",
        auth="user",
        readonly=False,
    )
    def print_document(self, file_id, **kwargs):
        """The document to print: shown in the browser (its print dialog)
        as it would be downloaded, watermarked at its level, the event
        logged as printed. Printing a classified document needs a download
        grant: a paper copy leaves the system as a download does."""
        Binary = request.env["ir.binary"].with_context(metering_print=True)
        dms_file = Binary._find_record(res_model="dms.file", res_id=file_id)
        stream = Binary._get_stream_from(dms_file, "content")
        return stream.get_response(as_attachment=False)
