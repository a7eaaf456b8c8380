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
