# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

METER_KINDS = ("single_phase_meter", "three_phase_meter")
TRANSFORMER_KINDS = ("current_transformer", "voltage_transformer")

DEVICE_KINDS = [
    ("single_phase_meter", "Single-phase Meter"),
    ("three_phase_meter", "Three-phase Meter"),
    ("current_transformer", "Current Transformer"),
    ("voltage_transformer", "Voltage Transformer"),
    ("collection_terminal", "Collection Terminal"),
    ("concentrator", "Concentrator"),
]

ACCURACY_CLASSES = [
    ("0.2S", "0.2S"),
    ("0.2", "0.2"),
    ("0.5S", "0.5S"),
    ("0.5", "0.5"),
    ("1", "1"),
    ("2", "2"),
]

# Largest |error| in % at which a meter of the class passes.
ACCURACY_TOLERANCE = {
    "0.2S": 0.2,
    "0.2": 0.2,
    "0.5S": 0.5,
    "0.5": 0.5,
    "1": 1.0,
    "2": 2.0,
}


class FsmEquipment(models.Model):
    """A Field Service equipment is a metering device: meter, instrument
    transformer, collection terminal or concentrator."""

    _name = "fsm.equipment"
    _inherit = ["fsm.equipment", "metering.earned.mixin"]
    # a device is found by its name, or by the serial or asset number
    # scanned from its nameplate
    _rec_names_search = ["name", "serial_number", "asset_number"]

    device_kind = fields.Selection(DEVICE_KINDS, "Kind", index=True, tracking=True)
    asset_number = fields.Char(tracking=True, copy=False)
    serial_number = fields.Char(tracking=True, copy=False)
    manufacturer_id = fields.Many2one("res.partner")
    device_model = fields.Char("Model")
    batch = fields.Char(index="btree_not_null", help="Delivery batch of the device.")
    batch_rotation_due = fields.Date(
        "Rotation Due with its Batch",
        readonly=True,
        copy=False,
        help="A meter of its batch was found out of tolerance: the whole batch "
        "falls due for rotation (metering policy).",
    )
    accuracy_class = fields.Selection(ACCURACY_CLASSES, tracking=True)
    ratio = fields.Char(
        "CT/PT Ratio",
        help="Transformation ratio of an instrument transformer, e.g. 200/5.",
    )
    seal_numbers = fields.Char(tracking=True)
    device_state = fields.Selection(
        [
            ("in_stock", "In Stock"),
            ("installed", "Installed"),
            ("removed", "Removed"),
            ("scrapped", "Scrapped"),
        ],
        "Device Status",
        default="in_stock",
        required=True,
        index=True,
        tracking=True,
    )
    installed_date = fields.Date(tracking=True, copy=False)
    last_test_date = fields.Date(
        "Last Test",
        tracking=True,
        copy=False,
        help="Last verification on site or in the lab.",
    )
    last_reading = fields.Float(digits=(16, 2), copy=False, tracking=True)
    metering_class = fields.Selection(related="location_id.metering_class")
    history_ids = fields.One2many(
        "metering.device.history", "equipment_id", "Installation History"
    )
    order_ids = fields.Many2many(
        "fsm.order",
        "fsm_equipment_fsm_order_rel",
        "fsm_equipment_id",
        "fsm_order_id",
        "Work Orders",
        readonly=True,
        copy=False,
    )
    next_inspection_date = fields.Date(
        compute="_compute_due_dates", store=True, index="btree_not_null"
    )
    next_rotation_date = fields.Date(
        compute="_compute_due_dates", store=True, index="btree_not_null"
    )
    next_transformer_test_date = fields.Date(
        "Next CT/PT Test",
        compute="_compute_due_dates",
        store=True,
        index="btree_not_null",
    )
    next_due_date = fields.Date(
        compute="_compute_due_dates",
        store=True,
        index="btree_not_null",
        help="The earliest of the inspection, rotation and CT/PT test due dates.",
    )

    _asset_number_company_uniq = models.UniqueIndex(
        "(company_id, asset_number) WHERE asset_number IS NOT NULL",
        "The asset number of a metering device is unique within a company.",
    )

    @api.depends(
        "device_kind",
        "device_state",
        "installed_date",
        "last_test_date",
        "batch_rotation_due",
        "location_id.metering_class",
        "company_id",
    )
    def _compute_due_dates(self):
        policies = {}
        for device in self:
            company = device.company_id or self.env.company
            if company not in policies:
                policies[company] = self.env["metering.policy"]._for_company(company)
            dates = device._due_dates(policies[company])
            device.next_inspection_date = dates["inspection"]
            device.next_rotation_date = dates["rotation"]
            device.next_transformer_test_date = dates["transformer_test"]
            device.next_due_date = min(filter(None, dates.values()), default=False)

    def _due_dates(self, policy):
        """Due dates of an installed device under the given policy."""
        self.ensure_one()
        dates = dict.fromkeys(("inspection", "rotation", "transformer_test"), False)
        if self.device_state != "installed" or not self.installed_date:
            return dates
        metering_class = self.location_id.metering_class
        last_check = max(filter(None, (self.installed_date, self.last_test_date)))
        if self.device_kind in METER_KINDS:
            months = policy.inspection_months(metering_class)
            if months:
                dates["inspection"] = last_check + relativedelta(months=months)
            years = policy.rotation_years(metering_class)
            if years:
                dates["rotation"] = self.installed_date + relativedelta(years=years)
            if (
                self.batch_rotation_due
                and self.batch_rotation_due > self.installed_date
            ):
                dates["rotation"] = min(
                    filter(None, (dates["rotation"], self.batch_rotation_due))
                )
        elif self.device_kind in TRANSFORMER_KINDS:
            years = policy.instrument_transformer_test_years
            if years:
                dates["transformer_test"] = last_check + relativedelta(years=years)
        return dates

    def _metering_energy_since(self, start):
        """Energy the device recorded since `start`, from its readings in the
        registry (its last reading less the reading at installation or at the
        last recorded event before `start`); 0 when the registry cannot tell."""
        if len(self) != 1 or not start:
            return 0.0
        before = self.env["metering.device.history"].search(
            [
                ("equipment_id", "=", self.id),
                ("date", "<=", fields.Datetime.to_datetime(start).replace(hour=23)),
            ],
            order="date desc, id desc",
            limit=1,
        )
        if not before:
            return 0.0
        return max(self.last_reading - before.reading, 0.0)

    def _rotate_failed_batches(self):
        """These single-phase meters failed their test: when the policy says
        so, every installed meter of their batches falls due for rotation."""
        today = fields.Date.context_today(self)
        for company, meters in (
            self.filtered(lambda m: m.batch and m.device_kind == "single_phase_meter")
            .grouped("company_id")
            .items()
        ):
            policy = self.env["metering.policy"]._for_company(
                company or self.env.company
            )
            if not policy.rotate_failed_batch:
                continue
            self.sudo().search(
                [
                    ("company_id", "=", company.id),
                    ("batch", "in", list(set(meters.mapped("batch")))),
                    ("device_kind", "=", "single_phase_meter"),
                    ("device_state", "=", "installed"),
                ]
            ).write({"batch_rotation_due": today})
