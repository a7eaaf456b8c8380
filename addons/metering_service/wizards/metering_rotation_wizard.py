# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError


class MeteringRotationWizard(models.TransientModel):
    """Plan the rotation of the meters due within a horizon, after a dry run."""

    _name = "metering.rotation.wizard"
    _description = "Plan Meter Rotation"

    process = fields.Selection(
        [
            ("rotation", "Rotation"),
            ("periodic_inspection", "Periodic On-site Inspection"),
            ("transformer_test", "Instrument Transformer Test"),
        ],
        required=True,
        default="rotation",
        help="Rotation: one order per area for up to the given number of meters. "
        "Inspections and CT/PT tests: one order per device due.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    horizon_date = fields.Date(
        "Due by",
        required=True,
        default=lambda self: self._default_horizon_date(),
        help="Meters whose rotation falls due by this date are planned.",
    )
    max_devices = fields.Integer(
        "Meters per order",
        required=True,
        default=lambda self: (
            self.env["metering.policy"]
            ._for_company(self.env.company)
            .rotation_max_devices
        ),
    )
    line_ids = fields.One2many(
        "metering.rotation.wizard.line", "wizard_id", "Preview", readonly=True
    )
    device_count = fields.Integer("Meters", compute="_compute_totals")
    order_count = fields.Integer("Orders", compute="_compute_totals")

    @api.model
    def _default_horizon_date(self):
        policy = self.env["metering.policy"]._for_company(self.env.company)
        return fields.Date.context_today(self) + relativedelta(
            days=policy.rotation_horizon_days
        )

    @api.depends("line_ids.device_count", "line_ids.order_count")
    def _compute_totals(self):
        for wizard in self:
            wizard.device_count = sum(wizard.line_ids.mapped("device_count"))
            wizard.order_count = sum(wizard.line_ids.mapped("order_count"))

    def _check_max_devices(self):
        if self.max_devices < 1:
            raise UserError(self.env._("A rotation order replaces at least one meter."))

    def action_preview(self):
        """Dry run: show how many meters and orders, per area."""
        self.ensure_one()
        self._check_max_devices()
        planner = self.env["metering.rotation"]
        if self.process == "rotation":
            preview = planner.preview(
                self.company_id, self.horizon_date, self.max_devices
            )
        else:
            preview = planner.preview_inspections(
                self.company_id, self.horizon_date, self.process
            )
        self.line_ids = [fields.Command.clear()] + [
            fields.Command.create(values) for values in preview
        ]
        return self._reopen()

    def action_plan(self):
        self.ensure_one()
        self._check_max_devices()
        planner = self.env["metering.rotation"]
        if self.process == "rotation":
            orders = planner.plan(self.company_id, self.horizon_date, self.max_devices)
        else:
            orders = planner.plan_inspections(
                self.company_id, self.horizon_date, self.process
            )
        if not orders:
            raise UserError(
                self.env._(
                    "No device is due by %(date)s for %(process)s that is not "
                    "planned already.",
                    date=self.horizon_date,
                    process=dict(
                        self._fields["process"]._description_selection(self.env)
                    )[self.process],
                )
            )
        return orders._get_records_action(name=self.env._("Planned Orders"))

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }


class MeteringRotationWizardLine(models.TransientModel):
    _name = "metering.rotation.wizard.line"
    _description = "Plan Meter Rotation: Area"

    wizard_id = fields.Many2one(
        "metering.rotation.wizard", required=True, ondelete="cascade"
    )
    area_id = fields.Many2one("fsm.location", readonly=True)
    device_count = fields.Integer("Meters", readonly=True)
    order_count = fields.Integer("Orders", readonly=True)
