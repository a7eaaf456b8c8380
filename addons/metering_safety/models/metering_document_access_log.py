# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.http import request

_logger = logging.getLogger(__name__)


class MeteringDocumentAccessLog(models.Model):
    """Who opened, previewed, downloaded, printed, exported, copied or sent a
    classified document, or was refused, when and from which address.
    Append-only: nobody writes or deletes a line, the administrator included;
    only uninstalling the addon removes the table."""

    _name = "metering.document.access.log"
    _inherit = ["metering.earned.mixin"]
    _description = "Document Access Log"
    _order = "id desc"
    _rec_name = "file_name"

    file_id = fields.Many2one(
        "dms.file",
        string="Document",
        index=True,
        readonly=True,
        ondelete="set null",
        bypass_search_access=True,
    )
    file_name = fields.Char(
        string="Document Name",
        readonly=True,
        help="The document's name when the event happened; kept after its destruction.",
    )
    level_id = fields.Many2one(
        "metering.classification.level",
        string="Classification",
        readonly=True,
        index=True,
    )
    user_id = fields.Many2one("res.users", readonly=True, index=True)
    event = fields.Selection(
        [
            ("open", "Opened"),
            ("preview", "Previewed"),
            ("download", "Downloaded"),
            ("print", "Printed"),
            ("export", "Exported"),
            ("copy", "Copied"),
            ("mail", "Sent by Mail"),
            ("destroy", "Destroyed"),
        ],
        required=True,
        readonly=True,
        index=True,
    )
    refused = fields.Boolean(readonly=True, index=True)
    detail = fields.Char(readonly=True, help="Why the access was refused.")
    ip_address = fields.Char(string="Address", readonly=True)
    date = fields.Datetime(
        readonly=True, default=fields.Datetime.now, required=True, index=True
    )
    company_id = fields.Many2one(
        "res.company", readonly=True, default=lambda self: self.env.company
    )

    # ------------------------------------------------------------------
    # CRUD: append-only
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(
                self.env._("The document access log is written by the system only.")
            )
        return super().create(vals_list)

    def write(self, vals):
        if vals:
            raise UserError(
                self.env._(
                    "The document access log is never changed: it is append-only."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._("The document access log is never deleted: it is append-only.")
        )

    def export_data(self, fields_to_export):
        self.env["metering.classification.level"]._metering_check_records_officer()
        return super().export_data(fields_to_export)

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    @api.model
    def _metering_log(self, files, event, refused=False, detail=False):
        """Record the event of the acting user on these documents. A refusal
        is about to roll the transaction back with its error: it is recorded
        again after the rollback, in a transaction of its own; so is any
        event in a read-only request."""
        user_id = self.env.uid
        address = False
        if request:
            address = request.httprequest.remote_addr
        vals_list = [
            {
                "file_id": dms_file.id,
                "file_name": dms_file.name,
                "level_id": dms_file.classification_level_id.id,
                "user_id": user_id,
                "event": event,
                "refused": refused,
                "detail": detail,
                "ip_address": address,
                "company_id": dms_file.company_id.id or self.env.company.id,
            }
            for dms_file in files.sudo()
        ]
        if not vals_list:
            return self
        dbname = self.env.cr.dbname
        registry = self.env.registry

        def _write_apart():
            try:
                with registry.cursor() as cr:
                    env = api.Environment(cr, api.SUPERUSER_ID, {}, su=True)
                    env[self._name].create(vals_list)
            except Exception:  # noqa: BLE001 - the access decision stands regardless
                _logger.exception("Could not log a document access on %s", dbname)

        if self.env.cr.readonly:
            # A read-only request (a read, a search): recorded in a
            # transaction of its own.
            _write_apart()
            return self
        logs = self.sudo().create(vals_list)
        if refused:
            self.env.cr.postrollback.add(_write_apart)
        return logs
