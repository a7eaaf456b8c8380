# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MeteringQualificationType(models.Model):
    _name = "metering.qualification.type"
    _description = "Qualification Type"
    _inherit = ["metering.earned.mixin"]
    _order = "name"

    name = fields.Char(
        required=True,
        translate=True,
        help="Certificate or licence a field worker may hold, "
        "e.g. the high-voltage electrician permit.",
    )
    code = fields.Char(help="Short code of the certificate, unique per company.")
    company_id = fields.Many2one(
        "res.company",
        default=lambda self: self.env.company,
        help="Leave empty to share the type between companies.",
    )
    active = fields.Boolean(default=True)

    _code_company_uniq = models.Constraint(
        "UNIQUE(code, company_id)",
        "The code of a qualification type must be unique per company.",
    )
