# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.http import Stream, request
from odoo.tools import SQL

from ..tools.watermark import watermark_image, watermark_pdf

# The fields of a document that hold its content (or a picture of it).
CONTENT_FIELDS = (
    "content",
    "content_binary",
    "content_file",
    "image_1920",
    "image_1024",
    "image_512",
    "image_256",
    "image_128",
)
IMAGE_MIMETYPES = ("image/png", "image/jpeg", "image/gif", "image/bmp", "image/webp")


class DmsFile(models.Model):
    """The classification layer on top of dms: a document's level decides
    who sees it (need to know), what leaves the system (no export, mail or
    copy above internal), and how it leaves (watermarked, logged)."""

    _name = "dms.file"
    _inherit = ["metering.classified.mixin", "dms.file", "metering.earned.mixin"]

    classification_level_id = fields.Many2one(
        "metering.classification.level",
        string="Classification",
        index=True,
        tracking=True,
        ondelete="restrict",
        help="At least the level of its directory; only the records officer lowers it.",
    )
    metering_access = fields.Selection(
        [("none", "None"), ("read", "Read and Preview"), ("download", "Download")],
        string="Your Access",
        compute="_compute_metering_access",
        help="What the acting user may do with the document's content.",
    )

    retention_date = fields.Date(
        string="Keep Until",
        compute="_compute_retention_date",
        store=True,
        index=True,
        help="Past this day the document is proposed for destruction: its "
        "creation plus the retention of its directory, or of its level.",
    )
    metering_destroyed_date = fields.Datetime(
        string="Destroyed On",
        readonly=True,
        copy=False,
        help="Its content was destroyed; its metadata and access log remain.",
    )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("classification_level_id", "directory_id")
    def _check_classification_floor(self):
        for dms_file in self:
            level = dms_file.classification_level_id
            if not level:
                raise ValidationError(
                    self.env._(
                        "The document %(name)s has no classification level.",
                        name=dms_file.name,
                    )
                )
            floor = dms_file.sudo().directory_id.classification_level_id
            if floor and floor.sequence > level.sequence:
                raise ValidationError(
                    self.env._(
                        "The document %(name)s cannot be classified %(level)s in the "
                        "directory %(directory)s, classified %(floor)s.",
                        name=dms_file.name,
                        level=level.name,
                        directory=dms_file.sudo().directory_id.name,
                        floor=floor.name,
                    )
                )
            if (
                level.requires_grant
                and dms_file.sudo().storage_id.save_type == "attachment"
            ):
                raise ValidationError(
                    self.env._(
                        "The document %(name)s cannot be classified %(level)s in a "
                        "storage that keeps it as an attachment of another record.",
                        name=dms_file.name,
                        level=level.name,
                    )
                )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("mimetype", "content", "classification_level_id")
    def _compute_image_1920(self):
        # No thumbnail of a document read on a need-to-know basis: a picture
        # of it would be served to whoever lists the directory.
        classified = self.filtered(
            lambda f: (
                f.classification_level_id.requires_grant
                or f.classification_level_id.watermark
            )
        )
        classified.image_1920 = False
        return super(DmsFile, self - classified)._compute_image_1920()

    @api.depends(
        "create_date",
        "directory_id.retention_years",
        "classification_level_id.retention_years",
    )
    def _compute_retention_date(self):
        for dms_file in self:
            years = (
                dms_file.directory_id.retention_years
                or dms_file.classification_level_id.retention_years
            )
            start = dms_file.create_date or fields.Datetime.now()
            dms_file.retention_date = (
                start.date() + relativedelta(years=years) if years else False
            )

    @api.depends_context("uid")
    def _compute_metering_access(self):
        downloadable = self._metering_filter_access("download")
        readable = self._metering_filter_access("read")
        for dms_file in self:
            dms_file.metering_access = (
                "download"
                if dms_file in downloadable
                else "read"
                if dms_file in readable
                else "none"
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._metering_check_create_fields(vals_list)
        directory_ids = {v["directory_id"] for v in vals_list if v.get("directory_id")}
        directories = self.env["dms.directory"].sudo().browse(directory_ids)
        levels = {d.id: d.classification_level_id.id for d in directories}
        default = self.env["metering.classification.level"]._metering_default_level()
        for vals in vals_list:
            if not vals.get("classification_level_id"):
                vals["classification_level_id"] = (
                    levels.get(vals.get("directory_id")) or default.id
                )
        return super().create(vals_list)

    def write(self, vals):
        Level = self.env["metering.classification.level"]
        if "classification_level_id" in vals:
            Level._metering_check_lowering(self, vals["classification_level_id"])
        if "directory_id" in vals and not Level._metering_is_records_officer():
            target = self.env["dms.directory"].sudo().browse(vals["directory_id"])
            lowered = self.sudo().filtered(
                lambda f: (
                    f.directory_id != target
                    and f.directory_id.classification_level_id.sequence
                    > target.classification_level_id.sequence
                )
            )
            if lowered:
                raise UserError(
                    self.env._(
                        "Only the records officer moves the document %(name)s "
                        "from %(old)s to the lower classified directory %(new)s.",
                        name=lowered[0].name,
                        old=lowered[0].directory_id.name,
                        new=target.name,
                    )
                )
        return super().write(vals)

    def copy_data(self, default=None):
        refused = self._metering_no_export()
        if refused:
            self.env["metering.document.access.log"]._metering_log(
                refused, "copy", refused=True, detail="no copy at this level"
            )
            raise UserError(
                self.env._(
                    "The document %(name)s is classified %(level)s: only the records "
                    "officer copies it.",
                    name=refused[0].name,
                    level=refused[0].classification_level_id.name,
                )
            )
        return super().copy_data(default)

    def export_data(self, fields_to_export):
        refused = self._metering_no_export()
        Log = self.env["metering.document.access.log"]
        if refused:
            Log._metering_log(
                refused, "export", refused=True, detail="no export at this level"
            )
            raise UserError(
                self.env._(
                    "%(count)s of the documents to export are classified %(level)s "
                    "or above: they are never exported.",
                    count=len(refused),
                    level=refused[0].classification_level_id.name,
                )
            )
        Log._metering_log(self._metering_classified(), "export")
        return super().export_data(fields_to_export)

    def _read_format(self, fnames, load="_classic_read"):
        # The raw content of a classified document only leaves through the
        # watermarked, logged download (/web/content); a read gives its size.
        raw = [
            name
            for name in fnames or ()
            if name in CONTENT_FIELDS and not self.env.context.get("bin_size")
        ]
        if (
            raw
            and not self.env[
                "metering.classification.level"
            ]._metering_is_records_officer()
        ):
            classified = self._metering_classified()
            if classified:
                self.env["metering.document.access.log"]._metering_log(
                    classified, "download", refused=True, detail="raw read"
                )
                raise AccessError(
                    self.env._(
                        "Classified documents are read through their watermarked "
                        "preview or download only."
                    )
                )
        return super()._read_format(fnames, load=load)

    def read(self, fields=None, load="_classic_read"):
        return super().read(fields, load=load)

    def web_read(self, specification):
        result = super().web_read(specification)
        # The document's own form (not a mention of it in another record's
        # form, which reads its display name only).
        if len(self) == 1 and not self.env.su and "name" in specification:
            self.env["metering.document.access.log"]._metering_log(
                self._metering_classified(), "open"
            )
        return result

    # Reading a document is logged (opened, refused): a read/write cursor.
    read._readonly = False
    web_read._readonly = False

    def check_access_token(self, access_token=False):
        # A share link never opens a document read on a need-to-know basis.
        if self.sudo().classification_level_id.requires_grant:
            return False
        return super().check_access_token(access_token)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_metering_print(self):
        """Print the document: its watermarked copy opens in the browser's
        print dialog, the event logged as printed (the print route)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/metering_safety/document/{self.id}/print",
            "target": "new",
        }

    def action_metering_request_destruction(self):
        """Propose these documents (the past-retention filter finds them)
        for destruction, in one draft request."""
        self.env["metering.classification.level"]._metering_check_records_officer()
        destroyed = self.filtered("metering_destroyed_date")
        if destroyed:
            raise ValidationError(
                self.env._(
                    "The document %(name)s is already destroyed.",
                    name=destroyed[0].name,
                )
            )
        destruction = self.env["metering.document.destruction"].create(
            {
                "file_ids": [fields.Command.set(self.ids)],
                "reason": self.env._("Past its retention period."),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "metering.document.destruction",
            "res_id": destruction.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    @api.model
    def _metering_readable_domain(self):
        """Documents the acting user may see: not above internal, his own, or
        granted (to him or one of his groups, directly or through their
        directory). A constant number of SQL subqueries, whatever the number
        of grants or documents."""
        Level = self.env["metering.classification.level"]
        if Level._metering_is_records_officer():
            return Domain.TRUE
        Grant = self.env["metering.document.grant"]
        return Domain.OR(
            [
                Domain("classification_level_id", "=", False),
                Domain(
                    "classification_level_id",
                    "not in",
                    Level._metering_restricted_ids_sql(),
                ),
                Domain("create_uid", "=", self.env.uid),
                Domain("id", "in", Grant._metering_granted_file_ids_sql()),
            ]
        )

    def _metering_classified(self):
        """These documents whose access is logged: need to know or watermarked."""
        return self.sudo().filtered(
            lambda f: (
                f.classification_level_id.requires_grant
                or f.classification_level_id.watermark
            )
        )

    def _metering_no_export(self):
        """These documents the acting user may not export, send or copy."""
        if self.env["metering.classification.level"]._metering_is_records_officer():
            return self.browse()
        return self.sudo().filtered(lambda f: f.classification_level_id.no_export)

    def _metering_filter_access(self, access):
        """These documents whose content the acting user may ``access``
        ("read": preview; "download"). One query for the batch."""
        if self.env["metering.classification.level"]._metering_is_records_officer():
            return self
        files = self.sudo()
        free = files.filtered(
            lambda f: (
                not f.classification_level_id.requires_grant
                or f.create_uid.id == self.env.uid
            )
        )
        rest = files - free
        if not rest:
            return self
        Grant = self.env["metering.document.grant"]
        rows = self.env.execute_query(
            SQL(
                "SELECT id FROM dms_file WHERE id = ANY(%s) AND id IN %s",
                rest.ids,
                Grant._metering_granted_file_ids_sql(
                    "download" if access == "download" else None
                ),
            )
        )
        granted = {row[0] for row in rows}
        return self.filtered(lambda f: f.id in free.ids or f.id in granted)

    def _metering_destroy_content(self):
        """Remove the content (and its pictures) of these documents; their
        name, level, checksum and access log stay on record."""
        self.sudo().write(
            {
                "content_binary": False,
                "content_file": False,
                "image_1920": False,
                "size": 0,
                "active": False,
                "metering_destroyed_date": fields.Datetime.now(),
            }
        )

    @api.model
    def _metering_stream_event(self):
        """What the acting request does with a document's content: printed
        (the print route: a copy on paper, as a download), downloaded, or
        previewed in the browser."""
        if self.env.context.get("metering_print"):
            return "print"
        download = not request or str(request.params.get("download")).lower() in (
            "1",
            "true",
        )
        return "download" if download else "preview"

    def _metering_watermark_lines(self):
        self.ensure_one()
        user = self.env.user
        now = fields.Datetime.context_timestamp(self, fields.Datetime.now())
        return [
            user.name,
            user.login,
            now.strftime("%Y-%m-%d %H:%M:%S"),
            self.sudo().classification_level_id.name,
        ]

    def _metering_stream(self, field_name, make_stream, officer_only=False):
        """The stream of this document's content for the acting user: refused
        (and logged) without the access; watermarked at a watermark level;
        logged as a preview or a download. ``officer_only``: a path other
        than the document's own (its raw attachment), for the officer only."""
        self.ensure_one()
        Log = self.env["metering.document.access.log"]
        event = self._metering_stream_event()
        download = event != "preview"
        level = self.sudo().classification_level_id
        Level = self.env["metering.classification.level"]
        if officer_only and not Level._metering_is_records_officer():
            Log._metering_log(self, event, refused=True, detail="raw attachment")
            raise AccessError(
                self.env._("You are not allowed to open this classified document.")
            )
        if not self._metering_filter_access("download" if download else "read"):
            Log._metering_log(
                self,
                event,
                refused=True,
                detail="no download grant" if download else "no grant",
            )
            raise AccessError(
                self.env._("You are not allowed to open this classified document.")
            )
        stream = make_stream()
        if field_name.startswith("image_"):
            # A classified document has no picture (see _compute_image_1920):
            # the placeholder is served, nothing to log.
            return stream
        if not level.watermark:
            if level.requires_grant:
                Log._metering_log(self, event)
            return stream
        data = stream.read()
        mimetype = stream.mimetype or self.sudo().mimetype
        lines = self._metering_watermark_lines()
        if mimetype == "application/pdf":
            stamped = watermark_pdf(data, lines)
        elif mimetype in IMAGE_MIMETYPES:
            stamped = watermark_image(data, lines)
        elif Level._metering_is_records_officer():
            stamped = data
        else:
            Log._metering_log(self, event, refused=True, detail="cannot be watermarked")
            raise UserError(
                self.env._(
                    "This classified document cannot be watermarked: only the "
                    "records officer opens it."
                )
            )
        Log._metering_log(self, event)
        return Stream(
            type="data",
            data=stamped,
            mimetype=mimetype,
            download_name=stream.download_name,
            size=len(stamped),
            etag=False,
            conditional=False,
            last_modified=None,
            max_age=0,
            public=False,
        )
