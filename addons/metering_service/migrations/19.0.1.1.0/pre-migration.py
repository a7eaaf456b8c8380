# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The choices of the delivered checklists now have their own XML ids, so
that their names are translated. The choices an existing database already
has were created without one: they are given theirs (found by their item
and position) before the data is loaded, instead of being created twice."""

from openupgradelib import openupgrade

# (item xml id, sequence of the choice as first delivered, choice xml id)
CHOICES = [
    ("checklist_template_fault_item_2", 0, "stopped"),
    ("checklist_template_fault_item_2", 1, "burnt"),
    ("checklist_template_fault_item_2", 2, "display"),
    ("checklist_template_fault_item_2", 3, "wiring"),
    ("checklist_template_fault_item_2", 4, "none"),
    ("checklist_template_error_item_1", 0, "tolerance"),
    ("checklist_template_error_item_1", 1, "wiring"),
    ("checklist_template_error_item_1", 2, "ct_ratio"),
]


@openupgrade.migrate()
def migrate(env, version):
    for item_xmlid, sequence, key in CHOICES:
        env.cr.execute(
            """
            INSERT INTO ir_model_data (module, name, model, res_id, noupdate)
            SELECT 'metering_service', %(name)s, 'metering.checklist.choice',
                   choice.id, TRUE
              FROM metering_checklist_choice choice
              JOIN ir_model_data item
                ON item.model = 'metering.checklist.item'
               AND item.module = 'metering_service'
               AND item.name = %(item)s
               AND item.res_id = choice.item_id
             WHERE choice.sequence = %(sequence)s
               AND NOT EXISTS (
                   SELECT 1 FROM ir_model_data existing
                    WHERE existing.module = 'metering_service'
                      AND existing.name = %(name)s)
             ORDER BY choice.id
             LIMIT 1
            """,
            {
                "name": f"{item_xmlid}_choice_{key}",
                "item": item_xmlid,
                "sequence": sequence,
            },
        )
