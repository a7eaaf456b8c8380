# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL


class MeteringDocumentGrant(models.Model):
    """A need-to-know grant: a user (or a group) may read, or also download,
    a classified document or the documents of a directory, for a reason and
    until a date, once the records officer approved it."""

    _name = "metering.document.grant"
    _inherit = ["mail.thread", "metering.earned.mixin"]
    _description = "Document Access Grant"
    _order = "state, date_expiry, id desc"
    _rec_name = "reason"

    file_id = fields.Many2one(
        "dms.file",
        string="Document",
        index=True,
        ondelete="cascade",
        tracking=True,
        help="The document the grant opens; or give a directory.",
    )
    directory_id = fields.Many2one(
        "dms.directory",
        index=True,
        ondelete="cascade",
        tracking=True,
        help="The directory whose documents (subdirectories included) the grant opens.",
    )
    user_id = fields.Many2one(
        "res.users",
        index=True,
        tracking=True,
        domain=[("share", "=", False)],
    )
    group_id = fields.Many2one(
        "res.groups",
        index=True,
        tracking=True,
        help="Every member of this group gets the grant; or give a user.",
    )
    access = fields.Selection(
        [("read", "Read and Preview"), ("download", "Download")],
        required=True,
        default="read",
        tracking=True,
        help="Read: the document is listed and previewed (watermarked). "
        "Download: it may also be downloaded (watermarked).",
    )
    reason = fields.Char(
        required=True, tracking=True, help="Why the grantee needs to know."
    )
    date_expiry = fields.Date(
        string="Expires On",
        required=True,
        index=True,
        tracking=True,
        help="Last day on which the grant opens the document.",
    )
    state = fields.Selection(
        [
            ("requested", "Requested"),
            ("approved", "Approved"),
            ("revoked", "Revoked"),
            ("expired", "Expired"),
        ],
        default="requested",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    approved_by_id = fields.Many2one("res.users", readonly=True, tracking=True)
    approved_date = fields.Datetime(readonly=True)
    revoked_by_id = fields.Many2one("res.users", readonly=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    _target_index = models.Index("(state, date_expiry)")

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("file_id", "directory_id", "user_id", "group_id")
    def _check_target(self):
        for grant in self:
            if bool(grant.file_id) == bool(grant.directory_id):
                raise ValidationError(
                    self.env._(
                        "The grant “%(reason)s” opens either one document or one "
                        "directory.",
                        reason=grant.reason,
                    )
                )
            if bool(grant.user_id) == bool(grant.group_id):
                raise ValidationError(
                    self.env._(
                        "The grant “%(reason)s” is given either to one user or to "
                        "one group.",
                        reason=grant.reason,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        today = fields.Date.context_today(self)
        for vals in vals_list:
            expiry = vals.get("date_expiry")
            if expiry and fields.Date.to_date(expiry) < today:
                raise ValidationError(
                    self.env._(
                        "The grant “%(reason)s” would expire before today.",
                        reason=vals.get("reason"),
                    )
                )
        return super().create(vals_list)

    def write(self, vals):
        # What an approved grant opens is what the officer approved: changing
        # it needs a new grant.
        frozen = {"file_id", "directory_id", "user_id", "group_id", "access"}
        if (
            frozen & set(vals)
            and not self.env.su
            and self.filtered(lambda g: g.state != "requested")
        ):
            raise ValidationError(
                self.env._(
                    "The grant “%(reason)s” is no longer a request: ask for a new "
                    "grant instead of changing what it opens.",
                    reason=self.filtered(lambda g: g.state != "requested")[:1].reason,
                )
            )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_approve(self):
        self.env["metering.classification.level"]._metering_check_records_officer()
        for grant in self:
            if grant.state != "requested":
                raise ValidationError(
                    self.env._(
                        "The grant “%(reason)s” is not a request waiting for approval.",
                        reason=grant.reason,
                    )
                )
            if grant.date_expiry < fields.Date.context_today(self):
                raise ValidationError(
                    self.env._(
                        "The grant “%(reason)s” has already expired.",
                        reason=grant.reason,
                    )
                )
        self._metering_earn(
            {
                "state": "approved",
                "approved_by_id": self.env.uid,
                "approved_date": fields.Datetime.now(),
            }
        )
        return True

    def action_revoke(self):
        """The records officer, or the owner of the document, revokes."""
        Level = self.env["metering.classification.level"]
        if not Level._metering_is_records_officer():
            for grant in self:
                owner = (grant.file_id or grant.directory_id).sudo().create_uid
                if owner != self.env.user:
                    raise AccessError(
                        self.env._(
                            "Only the records officer or the owner of the "
                            "document revokes the grant “%(reason)s”.",
                            reason=grant.reason,
                        )
                    )
        for grant in self:
            if grant.state not in ("requested", "approved"):
                raise ValidationError(
                    self.env._(
                        "The grant “%(reason)s” is already closed.",
                        reason=grant.reason,
                    )
                )
        self.sudo().write({"state": "revoked", "revoked_by_id": self.env.uid})
        return True

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    @api.model
    def _cron_expire(self):
        """Close the approved grants whose last day has passed. The access
        checks already ignore them from the day after; this keeps the list
        of open grants true for the review."""
        expired = self.sudo().search(
            [
                ("state", "=", "approved"),
                ("date_expiry", "<", fields.Date.context_today(self)),
            ]
        )
        expired.write({"state": "expired"})
        return expired

    @api.model
    def _metering_active_sql(self, access=None):
        """SQL condition (on alias ``g``) of the grants that open documents to
        the acting user today: approved, not expired, for him or one of his
        groups; ``access="download"`` keeps the download grants only."""
        # The access rule that embeds these subqueries is cached per user:
        # the day is the database's at each query, and the fields they read
        # are flushed before each (to_flush), not once when it was built.
        Grant = self.env["metering.document.grant"]
        to_flush = [
            Grant._fields[name]
            for name in (
                "state",
                "date_expiry",
                "user_id",
                "group_id",
                "access",
                "file_id",
                "directory_id",
            )
        ] + [
            self.env["dms.file"]._fields["directory_id"],
            self.env["dms.directory"]._fields["parent_path"],
        ]
        user = self.env.user
        condition = SQL(
            "g.state = 'approved' AND g.date_expiry >= CURRENT_DATE "
            "AND (g.user_id = %s OR g.group_id = ANY(%s))",
            user.id,
            user.all_group_ids.ids or [0],
            to_flush=to_flush,
        )
        if access == "download":
            condition = SQL("%s AND g.access = 'download'", condition)
        return condition

    @api.model
    def _metering_granted_file_ids_sql(self, access=None):
        """SQL selecting the ids of the documents the acting user is granted,
        directly or through a directory (its subdirectories included)."""
        active = self._metering_active_sql(access)
        return SQL(
            "(SELECT g.file_id FROM metering_document_grant g "
            "WHERE g.file_id IS NOT NULL AND %(active)s "
            "UNION SELECT f.id FROM dms_file f "
            "JOIN dms_directory d ON d.id = f.directory_id "
            "JOIN dms_directory gd ON d.parent_path LIKE gd.parent_path || '%%' "
            "JOIN metering_document_grant g ON g.directory_id = gd.id "
            "WHERE %(active)s)",
            active=active,
        )

    @api.model
    def _metering_granted_directory_ids_sql(self):
        """SQL selecting the ids of the directories the acting user reaches:
        those granted and their subdirectories, and those above a granted
        document or directory (to walk down to it)."""
        active = self._metering_active_sql()
        return SQL(
            "(SELECT d.id FROM dms_directory d "
            "JOIN dms_directory gd ON d.parent_path LIKE gd.parent_path || '%%' "
            "OR gd.parent_path LIKE d.parent_path || '%%' "
            "JOIN metering_document_grant g ON g.directory_id = gd.id "
            "WHERE %(active)s "
            "UNION SELECT d.id FROM dms_directory d "
            "JOIN dms_directory fd ON fd.parent_path LIKE d.parent_path || '%%' "
            "JOIN dms_file f ON f.directory_id = fd.id "
            "JOIN metering_document_grant g ON g.file_id = f.id "
            "WHERE %(active)s)",
            active=active,
        )
