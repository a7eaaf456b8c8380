# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError


class MeteringDocumentDestruction(models.Model):
    """The destruction (销毁) of documents no longer needed (manual 6.3.3):
    requested, approved by the records officer (and by the center manager
    when a level says so, secret), then executed before a witness. The
    content is removed; the documents' metadata and their access log stay,
    and the printed record says what was destroyed, when, by whom, before
    whom."""

    _name = "metering.document.destruction"
    _inherit = ["mail.thread", "mail.activity.mixin", "metering.earned.mixin"]
    _description = "Document Destruction"
    _order = "id desc"
    _metering_sequence = "metering.document.destruction"

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/"
    )
    file_ids = fields.Many2many(
        "dms.file",
        "metering_destruction_file_rel",
        "destruction_id",
        "file_id",
        string="Documents",
        context={"active_test": False},
        help="The documents to destroy.",
    )
    reason = fields.Text(required=True, tracking=True)
    witness_id = fields.Many2one(
        "res.users",
        tracking=True,
        domain=[("share", "=", False)],
        help="Who witnesses the destruction; not the one who executes it.",
    )
    method = fields.Char(
        default="Deletion of the stored content",
        help="How the content was destroyed (and the paper copies, if any).",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("requested", "Requested"),
            ("approved", "Approved"),
            ("done", "Destroyed"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    needs_manager = fields.Boolean(
        string="Needs the Center Manager",
        compute="_compute_needs_manager",
        store=True,
        readonly=True,
        help="One of its documents is of a level whose destruction the center "
        "manager also approves.",
    )
    requested_by_id = fields.Many2one("res.users", readonly=True)
    requested_date = fields.Datetime(readonly=True)
    officer_approved_by_id = fields.Many2one(
        "res.users", string="Approved by (Officer)", readonly=True, tracking=True
    )
    officer_approved_date = fields.Datetime(readonly=True)
    manager_approved_by_id = fields.Many2one(
        "res.users", string="Approved by (Manager)", readonly=True, tracking=True
    )
    manager_approved_date = fields.Datetime(readonly=True)
    executed_by_id = fields.Many2one("res.users", readonly=True, tracking=True)
    executed_date = fields.Datetime(readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("file_ids.classification_level_id.destruction_needs_manager")
    def _compute_needs_manager(self):
        for destruction in self:
            destruction.needs_manager = any(
                destruction.sudo().file_ids.mapped(
                    "classification_level_id.destruction_needs_manager"
                )
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    def write(self, vals):
        if (
            "file_ids" in vals
            and not self.env.su
            and self.filtered(lambda d: d.state != "draft")
        ):
            raise ValidationError(
                self.env._(
                    "The documents of the destruction %(name)s are fixed once it "
                    "is requested.",
                    name=self.filtered(lambda d: d.state != "draft")[:1].name,
                )
            )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def _check_state(self, expected):
        for destruction in self:
            if destruction.state != expected:
                raise ValidationError(
                    self.env._(
                        "The destruction %(name)s is not %(state)s.",
                        name=destruction.name,
                        state=dict(
                            self._fields["state"]._description_selection(self.env)
                        )[expected],
                    )
                )

    def action_request(self):
        self._check_state("draft")
        for destruction in self:
            if not destruction.file_ids:
                raise ValidationError(
                    self.env._(
                        "The destruction %(name)s lists no document.",
                        name=destruction.name,
                    )
                )
        self._metering_earn(
            {
                "state": "requested",
                "requested_by_id": self.env.uid,
                "requested_date": fields.Datetime.now(),
            }
        )
        return True

    def action_approve(self):
        """The records officer approves; the center manager too when a level
        asks for it (each approval once, in either order)."""
        Level = self.env["metering.classification.level"]
        is_officer = Level._metering_is_records_officer()
        is_manager = self.env.user.has_group("metering_service.group_center_manager")
        if not is_officer and not is_manager:
            raise AccessError(
                self.env._(
                    "Only the records officer or the center manager approves a "
                    "destruction."
                )
            )
        self._check_state("requested")
        now = fields.Datetime.now()
        for destruction in self:
            vals = {}
            if is_officer and not destruction.officer_approved_by_id:
                vals.update(
                    officer_approved_by_id=self.env.uid, officer_approved_date=now
                )
            elif (
                is_manager
                and destruction.needs_manager
                and not destruction.manager_approved_by_id
            ):
                vals.update(
                    manager_approved_by_id=self.env.uid, manager_approved_date=now
                )
            else:
                raise ValidationError(
                    self.env._(
                        "The destruction %(name)s awaits no approval of yours.",
                        name=destruction.name,
                    )
                )
            officer = vals.get("officer_approved_by_id") or (
                destruction.officer_approved_by_id
            )
            manager = vals.get("manager_approved_by_id") or (
                destruction.manager_approved_by_id
            )
            if officer and (manager or not destruction.needs_manager):
                vals["state"] = "approved"
            destruction._metering_earn(vals)
        return True

    def action_execute(self):
        """Remove the content of the documents, before the witness."""
        self.env["metering.classification.level"]._metering_check_records_officer()
        self._check_state("approved")
        for destruction in self:
            if not destruction.witness_id:
                raise ValidationError(
                    self.env._(
                        "The destruction %(name)s needs a witness.",
                        name=destruction.name,
                    )
                )
            if destruction.witness_id == self.env.user:
                raise ValidationError(
                    self.env._(
                        "The witness of the destruction %(name)s cannot be the one "
                        "who executes it.",
                        name=destruction.name,
                    )
                )
        files = self.sudo().file_ids
        self.env["metering.document.access.log"]._metering_log(files, "destroy")
        files._metering_destroy_content()
        self._metering_earn(
            {
                "state": "done",
                "executed_by_id": self.env.uid,
                "executed_date": fields.Datetime.now(),
            }
        )
        return True

    def action_cancel(self):
        self.env["metering.classification.level"]._metering_check_records_officer()
        for destruction in self:
            if destruction.state == "done":
                raise ValidationError(
                    self.env._(
                        "The destruction %(name)s was executed: it stays on record.",
                        name=destruction.name,
                    )
                )
        self._metering_earn({"state": "cancel"})
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        for destruction in self:
            if destruction.state not in ("draft", "cancel"):
                raise ValidationError(
                    self.env._(
                        "The destruction %(name)s is on record: it is never deleted.",
                        name=destruction.name,
                    )
                )
