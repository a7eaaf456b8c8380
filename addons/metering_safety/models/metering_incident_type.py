# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MeteringIncidentType(models.Model):
    """A kind of department-level incident (manual 6.4.2) with the steps the
    center takes and the people it notifies."""

    _name = "metering.incident.type"
    _description = "Department-Level Incident Type"
    _inherit = ["metering.earned.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", help="Empty: every company.")
    instructions = fields.Html(
        translate=True,
        help="What to do, in the order of the emergency procedure; shown on every "
        "incident of this type.",
    )
    notify_group_ids = fields.Many2many(
        "res.groups",
        string="Notify",
        help="Users of these groups in the incident's company follow the incident "
        "and get a to-do activity when it is reported.",
    )
    switches_to_backfill = fields.Boolean(
        "Work Recorded by Hand",
        help="While an incident of this type is open (e.g. a system outage expected "
        "to last over 24 hours), the orders entered are flagged as backfilled "
        "records that a team leader reviews against the paper record.",
    )
    restricted = fields.Boolean(
        "Restricted to its Handlers",
        help="Incidents of this type (e.g. customer complaints, whose complainant's "
        "information is protected) are read only by the people handling them, "
        "their reporter, the team leaders and the center manager.",
    )
