# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain


class DmsDirectory(models.Model):
    """A directory's classification is the floor of what it holds: its
    documents and subdirectories are classified at least as high. Above
    internal, a directory is seen only by the records officer, its owner and
    the users granted it, something in it, or something under it."""

    _name = "dms.directory"
    _inherit = ["metering.classified.mixin", "dms.directory", "metering.earned.mixin"]

    classification_level_id = fields.Many2one(
        "metering.classification.level",
        string="Classification",
        index=True,
        tracking=True,
        ondelete="restrict",
        default=lambda self: self.env[
            "metering.classification.level"
        ]._metering_default_level(),
        help="The lowest level of the documents and subdirectories it holds.",
    )
    retention_years = fields.Integer(
        string="Retention (years)",
        help="Years its documents are kept after their creation; 0 follows "
        "their classification level.",
    )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("classification_level_id", "parent_id")
    def _check_classification_floor(self):
        for directory in self:
            level = directory.classification_level_id
            if not level:
                raise ValidationError(
                    self.env._(
                        "The directory %(name)s has no classification level.",
                        name=directory.name,
                    )
                )
            parent_level = directory.sudo().parent_id.classification_level_id
            if parent_level and parent_level.sequence > level.sequence:
                raise ValidationError(
                    self.env._(
                        "The directory %(name)s cannot be classified %(level)s: its "
                        "parent directory is classified %(parent)s.",
                        name=directory.name,
                        level=level.name,
                        parent=parent_level.name,
                    )
                )
            below_files = directory.sudo().file_ids.filtered(
                lambda f, lv=level: f.classification_level_id.sequence < lv.sequence
            )
            below_dirs = directory.sudo().child_directory_ids.filtered(
                lambda d, lv=level: d.classification_level_id.sequence < lv.sequence
            )
            if below_files or below_dirs:
                raise ValidationError(
                    self.env._(
                        "The directory %(name)s cannot be classified %(level)s: "
                        "%(count)s documents or subdirectories in it are classified "
                        "lower; classify them first.",
                        name=directory.name,
                        level=level.name,
                        count=len(below_files) + len(below_dirs),
                    )
                )
            if (
                level.requires_grant
                and directory.sudo().storage_id.save_type == "attachment"
            ):
                raise ValidationError(
                    self.env._(
                        "The directory %(name)s cannot be classified %(level)s: its "
                        "storage keeps the documents as attachments of other "
                        "records, which their readers would open without a grant.",
                        name=directory.name,
                        level=level.name,
                    )
                )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.model
    def _metering_readable_domain(self):
        """Directories the acting user may see: not above internal, his own,
        or within reach of an approved grant. A constant number of SQL
        subqueries, whatever the number of grants."""
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
                Domain("id", "in", Grant._metering_granted_directory_ids_sql()),
            ]
        )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._metering_check_create_fields(vals_list)
        # A subdirectory is classified like its parent unless told otherwise.
        parent_ids = {v["parent_id"] for v in vals_list if v.get("parent_id")}
        parents = self.sudo().browse(parent_ids)
        levels = {p.id: p.classification_level_id.id for p in parents}
        for vals in vals_list:
            if "classification_level_id" not in vals and vals.get("parent_id"):
                vals["classification_level_id"] = levels.get(vals["parent_id"])
        return super().create(vals_list)

    def write(self, vals):
        if "classification_level_id" in vals:
            self.env["metering.classification.level"]._metering_check_lowering(
                self, vals["classification_level_id"]
            )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    @api.model
    def _metering_classify_unclassified(self):
        """Give the default level to the directories and documents that
        existed before this addon (called once at installation)."""
        level = self.env["metering.classification.level"]._metering_default_level()
        # Documents first: a directory's level checks those it holds.
        for model in ("dms.file", "dms.directory"):
            records = (
                self.env[model]
                .sudo()
                .with_context(active_test=False)
                .search([("classification_level_id", "=", False)])
            )
            records.write({"classification_level_id": level.id})
