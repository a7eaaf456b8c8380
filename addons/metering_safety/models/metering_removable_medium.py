# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import ValidationError


class MeteringRemovableMedium(models.Model):
    """The register of removable media (manual 6.3.3: no private removable
    media for important information): each approved USB drive or disk, its
    holder, the highest level it may carry, and its checks. The register is
    what exists: a medium not in it is not allowed."""

    _name = "metering.removable.medium"
    _inherit = ["mail.thread", "metering.earned.mixin"]
    _description = "Removable Medium"
    _order = "name"

    name = fields.Char(
        string="Label", required=True, tracking=True, help="The label on the medium."
    )
    serial = fields.Char(string="Serial Number", tracking=True)
    kind = fields.Selection(
        [("usb", "USB Drive"), ("disk", "External Disk"), ("optical", "Optical Disc")],
        required=True,
        default="usb",
    )
    holder_id = fields.Many2one("res.users", required=True, tracking=True)
    level_id = fields.Many2one(
        "metering.classification.level",
        string="Highest Level",
        required=True,
        tracking=True,
        help="The highest classification of the data it may carry.",
    )
    state = fields.Selection(
        [("approved", "Approved"), ("withdrawn", "Withdrawn")],
        default="approved",
        required=True,
        readonly=True,
        tracking=True,
    )
    last_check_date = fields.Date(
        readonly=True, tracking=True, help="Last check by the records officer."
    )
    last_checked_by_id = fields.Many2one("res.users", readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    _serial_unique = models.Constraint(
        "UNIQUE(serial, company_id)",
        "A medium with this serial number is already registered.",
    )

    def action_check(self):
        """The records officer checked the medium today (its content, its
        holder, where it is kept)."""
        self.env["metering.classification.level"]._metering_check_records_officer()
        for medium in self:
            if medium.state != "approved":
                raise ValidationError(
                    self.env._(
                        "The medium %(name)s is withdrawn: it is no longer checked.",
                        name=medium.name,
                    )
                )
        self._metering_earn(
            {
                "last_check_date": fields.Date.context_today(self),
                "last_checked_by_id": self.env.uid,
            }
        )
        return True

    def action_withdraw(self):
        self.env["metering.classification.level"]._metering_check_records_officer()
        self._metering_earn({"state": "withdrawn"})
        return True
