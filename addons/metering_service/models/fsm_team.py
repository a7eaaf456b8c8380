# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class FsmTeam(models.Model):
    """A field team is led by a team leader: he sees and plans its orders,
    holds its safety briefings and receives its corrective actions."""

    _name = "fsm.team"
    _inherit = ["fsm.team", "metering.earned.mixin"]

    leader_user_id = fields.Many2one(
        "res.users",
        "Team Leader",
        index="btree_not_null",
        tracking=True,
        domain="[('share', '=', False), ('company_ids', 'in', company_id)]",
        help="Sees and plans the team's orders, holds its safety briefings and "
        "receives the corrective actions of its failed checklist items.",
    )
