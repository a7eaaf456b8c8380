# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.reminders import remind_officer_once


class MeteringBackupRecord(models.Model):
    """The backup register (manual 6.3.3: data is backed up and the backup
    media kept safe): what was backed up, where, by whom, and whether a
    restore from it was tested, when and with what result. A backup whose
    restore test is overdue is reminded to the records officers."""

    _name = "metering.backup.record"
    _inherit = ["mail.thread", "mail.activity.mixin", "metering.earned.mixin"]
    _description = "Backup Record"
    _order = "backup_date desc, id desc"

    name = fields.Char(
        string="What", required=True, tracking=True, help="What was backed up."
    )
    backup_date = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True
    )
    location = fields.Char(
        string="Where",
        required=True,
        tracking=True,
        help="Where the backup is kept (server, safe, medium).",
    )
    medium_id = fields.Many2one(
        "metering.removable.medium",
        tracking=True,
        help="The registered removable medium holding it, if any.",
    )
    performed_by_id = fields.Many2one(
        "res.users",
        string="Backed Up By",
        required=True,
        default=lambda self: self.env.user,
        tracking=True,
    )
    level_id = fields.Many2one(
        "metering.classification.level",
        string="Classification",
        required=True,
        default=lambda self: self.env[
            "metering.classification.level"
        ]._metering_default_level(),
        help="The highest level of the data it holds.",
    )
    test_interval_days = fields.Integer(
        string="Restore Test Every (days)",
        default=90,
        help="Days after the backup, or after its last restore test, by which "
        "a restore is tested again.",
    )
    restore_test_date = fields.Date(readonly=True, tracking=True)
    restore_result = fields.Selection(
        [("passed", "Restored"), ("failed", "Failed")],
        readonly=True,
        tracking=True,
    )
    restore_tested_by_id = fields.Many2one("res.users", readonly=True)
    restore_due_date = fields.Date(
        compute="_compute_restore_due_date",
        store=True,
        index=True,
        help="By when a restore from this backup is (again) to be tested.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("backup_date", "restore_test_date", "test_interval_days")
    def _compute_restore_due_date(self):
        for record in self:
            start = record.restore_test_date or record.backup_date
            record.restore_due_date = start and start + timedelta(
                days=record.test_interval_days or 0
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def _record_restore(self, result):
        self.env["metering.classification.level"]._metering_check_records_officer()
        self._metering_earn(
            {
                "restore_test_date": fields.Date.context_today(self),
                "restore_result": result,
                "restore_tested_by_id": self.env.uid,
            }
        )
        return True

    def action_restore_passed(self):
        """A restore from this backup was tested today and succeeded."""
        return self._record_restore("passed")

    def action_restore_failed(self):
        """A restore from this backup was tested today and failed."""
        return self._record_restore("failed")

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    @api.constrains("test_interval_days")
    def _check_interval(self):
        for record in self:
            if record.test_interval_days <= 0:
                raise ValidationError(
                    self.env._(
                        "The backup %(name)s needs a restore test interval of at "
                        "least one day.",
                        name=record.name,
                    )
                )

    @api.model
    def _cron_remind_restore_tests(self):
        """Remind the records officers of the backups whose restore test is
        overdue (one activity per backup, not repeated while open)."""
        today = fields.Date.context_today(self)
        overdue = self.sudo().search([("restore_due_date", "<", today)])
        remind_officer_once(overdue, self.env._("Test a restore from this backup"))
        return overdue
