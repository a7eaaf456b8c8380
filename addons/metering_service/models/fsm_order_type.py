# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

METERING_PROCESSES = [
    ("dispute", "Customer-disputed Meter"),
    ("install", "Install / Removal"),
    ("rotation", "Rotation"),
    ("fault", "Fault Handling"),
    ("first_inspection", "First Inspection"),
    ("error", "Error Handling"),
    ("retrofit", "Retrofit"),
    ("terminal", "Collection Terminal Install / Retrofit"),
    ("periodic_inspection", "Periodic On-site Inspection"),
    ("transformer_test", "Instrument Transformer Test"),
]


class FsmOrderType(models.Model):
    """Metering work-order types: the processes of the manual's §5.3-5.10,
    delivered as data and editable by the center manager."""

    _name = "fsm.order.type"
    _inherit = ["fsm.order.type", "metering.earned.mixin"]

    # translatable: the types delivered as data are named in every language
    name = fields.Char(translate=True)
    code = fields.Char(help="Short code of the type, used in reports and imports.")
    metering_process = fields.Selection(
        METERING_PROCESSES,
        help="The metering process whose rules apply to orders of this type.",
    )
    default_duration = fields.Float(
        "Default Duration (hours)", help="Scheduled duration proposed on new orders."
    )
    time_limit_days = fields.Integer(
        "Time Limit (working days)",
        help="Working days, on the company's working calendar, from the request "
        "to the deadline of an order. 0: no deadline. A disputed meter's result "
        "is due by the metering policy's commitment instead.",
    )
    active = fields.Boolean(default=True)
    # The checklists its orders carry, listed and added on the type's form.
    checklist_assignment_ids = fields.One2many(
        "metering.checklist.assignment",
        "order_type_id",
        "Checklists",
        domain=[("target_model", "=", "fsm.order")],
    )

    _code_uniq = models.UniqueIndex(
        "(code) WHERE code IS NOT NULL", "The code of a work-order type is unique."
    )
    _time_limit_positive = models.Constraint(
        "CHECK(time_limit_days >= 0 AND default_duration >= 0)",
        "The time limit and the default duration cannot be negative.",
    )
