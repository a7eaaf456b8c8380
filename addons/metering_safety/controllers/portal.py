# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import request

from odoo.addons.dms.controllers.portal import CustomerPortal


class MeteringDmsPortal(CustomerPortal):
    @http.route()
    def portal_my_dms_file_download(self, dms_file_id, access_token=None, **kw):
        """The portal serves a file's raw content: a classified document
        goes through /web/content instead, where its grants, watermark and
        log apply."""
        dms_file = request.env["dms.file"].sudo().browse(dms_file_id).exists()
        if dms_file._metering_classified():
            return request.redirect(
                f"/web/content?model=dms.file&id={dms_file.id}&field=content"
                "&filename_field=name&download=true"
            )
        return super().portal_my_dms_file_download(
            dms_file_id, access_token=access_token, **kw
        )
