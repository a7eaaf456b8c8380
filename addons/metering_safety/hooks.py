# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tools import SQL


def uninstall_hook(env):
    """Let the addon's records go with it.

    This addon gives dms's directories and files a classification level that
    may not be deleted while in use (``ondelete="restrict"``). Uninstalling
    deletes the levels before it drops the columns that point at them, so each
    deletion would fail on dms's foreign keys: the columns this addon adds to
    the models of other addons and that point at its own tables are dropped
    first (Odoo drops what it finds of them afterwards)."""
    env.cr.execute(
        """
        SELECT field.model, field.name
          FROM ir_model_fields field
          JOIN ir_model_data data
            ON data.model = 'ir.model.fields' AND data.res_id = field.id
         WHERE data.module = 'metering_safety'
           AND field.ttype = 'many2one'
           AND field.store
           AND field.model NOT LIKE 'metering.%%'
           AND field.relation LIKE 'metering.%%'
        """
    )
    for model, name in env.cr.fetchall():
        if model in env:
            env.cr.execute(
                SQL(
                    "ALTER TABLE %s DROP COLUMN IF EXISTS %s",
                    SQL.identifier(env[model]._table),
                    SQL.identifier(name),
                )
            )
