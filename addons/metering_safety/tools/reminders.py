# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The records officer's reminders, shared by the registers' crons."""

from odoo import fields


def remind_officer_once(records, summary):
    """Give the first records officer a to-do on each of `records` due today,
    unless one is already open on it: the crons run daily and must not pile
    reminders up. Two queries and one create, whatever the count."""
    env = records.env
    officers = env.ref("metering_safety.group_records_officer").user_ids
    if not records or not officers:
        return
    activity_type = env.ref("mail.mail_activity_data_todo")
    Activity = env["mail.activity"].sudo()
    reminded = set(
        Activity.search(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", records.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        ).mapped("res_id")
    )
    today = fields.Date.context_today(records)
    Activity.create(
        [
            {
                "res_model_id": env["ir.model"]._get_id(records._name),
                "res_id": record.id,
                "activity_type_id": activity_type.id,
                "user_id": officers[0].id,
                "summary": summary,
                "date_deadline": today,
            }
            for record in records
            if record.id not in reminded
        ]
    )
