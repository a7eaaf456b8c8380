# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A checklist now keeps the sums its score and result come from, and each
answer adds its difference to them: the checklists started before the upgrade
get theirs from their answers in one statement, whatever the size of the
table (score and result, stored already, do not change)."""

from openupgradelib import openupgrade


@openupgrade.migrate()
def migrate(env, version):
    openupgrade.logged_query(
        env.cr,
        """
        UPDATE metering_checklist checklist
           SET answered_weight = sums.answered_weight,
               passed_weight = sums.passed_weight,
               answered_count = sums.answered_count,
               due_count = sums.due_count,
               critical_failure_count = sums.critical_failure_count
          FROM (
                SELECT answer.checklist_id,
                       ROUND(COALESCE(SUM(item.weight) FILTER (
                           WHERE answer.result IN ('pass', 'fail')), 0)::numeric, 6)
                           AS answered_weight,
                       ROUND(COALESCE(SUM(item.weight) FILTER (
                           WHERE answer.result = 'pass'), 0)::numeric, 6)
                           AS passed_weight,
                       COUNT(*) FILTER (
                           WHERE answer.result IN ('pass', 'fail', 'na'))
                           AS answered_count,
                       COUNT(*) FILTER (
                           WHERE answer.result = 'unanswered' AND item.mandatory)
                           AS due_count,
                       COUNT(*) FILTER (
                           WHERE answer.result = 'fail' AND item.critical)
                           AS critical_failure_count
                  FROM metering_checklist_answer answer
                  JOIN metering_checklist_item item ON item.id = answer.item_id
                 GROUP BY answer.checklist_id
               ) sums
         WHERE sums.checklist_id = checklist.id
        """,
    )
