# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .metering_policy import METERING_CLASSES

SUPPLY_VOLTAGES = [
    ("220v", "220 V (single-phase)"),
    ("380v", "380 V"),
    ("10kv", "10 kV"),
    ("35kv", "35 kV"),
    ("110kv", "110 kV"),
    ("220kv", "220 kV"),
]


class FsmLocation(models.Model):
    """A Field Service location is the customer's metering point."""

    _name = "fsm.location"
    _inherit = ["fsm.location", "metering.earned.mixin"]

    customer_account = fields.Char(
        "Customer Account No.",
        index="btree_not_null",
        tracking=True,
        help="The customer's account number (户号) in the billing system.",
    )
    supply_voltage = fields.Selection(SUPPLY_VOLTAGES, tracking=True)
    area_type = fields.Selection(
        [("urban", "Urban"), ("rural", "Rural"), ("remote", "Remote Area")],
        default="urban",
        tracking=True,
        help="Sets the commitment to be on site for a field repair.",
    )
    monthly_consumption = fields.Float(
        "Monthly Consumption (kWh)", tracking=True, digits=(16, 0)
    )
    transformer_capacity = fields.Float(
        "Transformer Capacity (kVA)", tracking=True, digits=(16, 0)
    )
    computed_metering_class = fields.Selection(
        METERING_CLASSES,
        compute="_compute_computed_metering_class",
        store=True,
        help="Class from the policy's thresholds of monthly consumption and "
        "transformer capacity.",
    )
    metering_class_override = fields.Selection(
        METERING_CLASSES,
        tracking=True,
        help="Set by a center manager when the thresholds do not tell the class, "
        "for instance a generator of 200 MW or more, or a tie point (class I).",
    )
    metering_class_override_reason = fields.Text(tracking=True)
    metering_class = fields.Selection(
        METERING_CLASSES,
        compute="_compute_metering_class",
        store=True,
        index=True,
        tracking=True,
    )

    metering_device_ids = fields.One2many(
        "fsm.equipment", "location_id", "Metering Devices"
    )
    device_history_ids = fields.One2many("metering.device.history", "location_id")

    @api.constrains("metering_class_override", "metering_class_override_reason")
    def _check_metering_class_override_reason(self):
        for location in self:
            if (
                location.metering_class_override
                and not (location.metering_class_override_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Metering point %(point)s: give the reason why its class is "
                        "set by hand.",
                        point=location.display_name,
                    )
                )

    @api.constrains("monthly_consumption", "transformer_capacity")
    def _check_non_negative(self):
        for location in self:
            if location.monthly_consumption < 0 or location.transformer_capacity < 0:
                raise ValidationError(
                    self.env._(
                        "Metering point %(point)s: consumption and transformer "
                        "capacity cannot be negative.",
                        point=location.display_name,
                    )
                )

    @api.depends(
        "supply_voltage", "monthly_consumption", "transformer_capacity", "company_id"
    )
    def _compute_computed_metering_class(self):
        policies = {}
        for location in self:
            company = location.company_id or self.env.company
            if company not in policies:
                policies[company] = self.env["metering.policy"]._for_company(company)
            if not (
                location.supply_voltage
                or location.monthly_consumption
                or location.transformer_capacity
            ):
                location.computed_metering_class = False
                continue
            location.computed_metering_class = policies[company].classify(
                location.monthly_consumption,
                location.transformer_capacity,
                location.supply_voltage == "220v",
            )

    @api.depends("computed_metering_class", "metering_class_override")
    def _compute_metering_class(self):
        for location in self:
            location.metering_class = (
                location.metering_class_override or location.computed_metering_class
            )

    def _check_class_override_rights(self, vals):
        overrides = {"metering_class_override", "metering_class_override_reason"}
        if (
            overrides & set(vals)
            and not self.env.su
            and not self.env.user.has_group("metering_service.group_center_manager")
        ):
            raise AccessError(
                self.env._("Only a center manager may set a metering point's class.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_class_override_rights(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_class_override_rights(vals)
        return super().write(vals)
