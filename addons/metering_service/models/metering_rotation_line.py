# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

LINE_STATES = [
    ("planned", "To Swap"),
    ("swapped", "Swapped"),
    ("absent", "Customer Absent"),
    ("refused", "Refused by the Customer"),
    ("not_found", "Meter Not Found"),
]


class MeteringRotationLine(models.Model):
    """One meter of a rotation order (manual 5.5): the old meter out with its
    final reading, the new one in with its initial reading, the seals, and
    what happened on site. Completing the order applies the swapped lines to
    the registry; the others go back to planning."""

    _name = "metering.rotation.line"
    _description = "Rotation Line"
    _inherit = ["metering.earned.mixin"]
    _order = "order_id, sequence, id"

    order_id = fields.Many2one(
        "fsm.order", required=True, readonly=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="order_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    old_equipment_id = fields.Many2one(
        "fsm.equipment", "Old Meter", required=True, readonly=True, index=True
    )
    location_id = fields.Many2one(related="old_equipment_id.location_id")
    final_reading = fields.Float(digits=(16, 2))
    new_equipment_id = fields.Many2one(
        "fsm.equipment",
        "New Meter",
        index="btree_not_null",
        domain="[('device_state', 'in', ('in_stock', 'removed'))]",
        help="Picked from the stock, or scanned by its serial number.",
    )
    initial_reading = fields.Float(digits=(16, 2))
    seals_removed = fields.Char(help="Numbers of the seals taken off.")
    seals_applied = fields.Char(help="Numbers of the seals put on.")
    photo = fields.Image(max_width=1920, max_height=1920)
    state = fields.Selection(LINE_STATES, default="planned", required=True, index=True)
    reason = fields.Char(help="Why the meter was not swapped.")

    _meter_once = models.Constraint(
        "UNIQUE(order_id, old_equipment_id)",
        "A meter is on a rotation order only once.",
    )

    @api.constrains("state", "new_equipment_id", "final_reading", "old_equipment_id")
    def _check_swap(self):
        for line in self.filtered(lambda li: li.state == "swapped"):
            if not line.new_equipment_id:
                raise ValidationError(
                    self.env._(
                        "Rotation of %(meter)s: a swapped meter needs its new meter.",
                        meter=line.old_equipment_id.display_name,
                    )
                )
            if line.final_reading < line.old_equipment_id.last_reading:
                raise ValidationError(
                    self.env._(
                        "Rotation of %(meter)s: the final reading %(reading)s is lower "
                        "than its last known reading %(last)s.",
                        meter=line.old_equipment_id.display_name,
                        reading=line.final_reading,
                        last=line.old_equipment_id.last_reading,
                    )
                )

    def _problems(self):
        """What these lines lack before their order completes."""
        problems = []
        for line in self:
            meter = line.old_equipment_id.display_name
            if line.state == "planned":
                problems.append(
                    self.env._(
                        "%(order)s: say what happened to meter %(meter)s",
                        order=line.order_id.name,
                        meter=meter,
                    )
                )
            elif line.state != "swapped" and not line.reason:
                problems.append(
                    self.env._(
                        "%(order)s: give the reason meter %(meter)s was not swapped",
                        order=line.order_id.name,
                        meter=meter,
                    )
                )
        return problems

    def _apply_to_registry(self):
        """Swapped lines: old meters removed with their final reading, new
        ones installed in their place with their initial reading, and the
        history of both, in one pass."""
        swapped = self.filtered(lambda line: line.state == "swapped").sudo()
        today = fields.Date.context_today(self)
        history = []
        for line in swapped:
            old, new = line.old_equipment_id, line.new_equipment_id
            location = old.location_id
            old.write({"device_state": "removed", "last_reading": line.final_reading})
            new.write(
                {
                    "device_state": "installed",
                    "location_id": location.id,
                    "installed_date": today,
                    "last_reading": line.initial_reading,
                }
            )
            common = {"location_id": location.id, "order_id": line.order_id.id}
            history += [
                {
                    **common,
                    "equipment_id": old.id,
                    "event": "removed",
                    "reading": line.final_reading,
                    "seals": line.seals_removed,
                },
                {
                    **common,
                    "equipment_id": new.id,
                    "event": "installed",
                    "reading": line.initial_reading,
                    "seals": line.seals_applied,
                },
            ]
        self.env["metering.device.history"].sudo().create(history)
        return swapped
