# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The checklist analysis now measures pass rates: the answers given before
the upgrade get theirs (100 passed, 0 failed) in one statement, whatever the
size of the table; the answers still to be given get theirs when answered."""

from openupgradelib import openupgrade


@openupgrade.migrate()
def migrate(env, version):
    openupgrade.logged_query(
        env.cr,
        """
        UPDATE metering_checklist_answer
           SET pass_rate = CASE WHEN result = 'pass' THEN 100 ELSE 0 END
         WHERE result IN ('pass', 'fail')
        """,
    )
