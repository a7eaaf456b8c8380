# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError


class MeteringRotationWizard(models.TransientModel):
    """Next to *Create Rotation Orders* (in this request, for a district),
    *Plan as Jobs* enqueues the planning of a city: one job per batch of
    orders, run by the job runner's workers."""

    _inherit = "metering.rotation.wizard"

    def action_plan_jobs(self):
        self.ensure_one()
        self._check_max_devices()
        planner = self.env["metering.rotation"]
        in_flight = planner._rotation_jobs_in_flight(self.company_id)
        if in_flight:
            raise UserError(
                self.env._(
                    "The rotation planning of %(company)s is under way: "
                    "%(count)s jobs have not run yet. Plan again once they "
                    "are done (Rotation Planning Jobs).",
                    company=self.company_id.name,
                    count=len(in_flight),
                )
            )
        jobs, meters = planner._enqueue_plan(
            self.company_id, self.horizon_date, self.max_devices
        )
        if not jobs:
            raise UserError(
                self.env._(
                    "No meter is due by %(date)s for rotation that is not "
                    "planned already.",
                    date=self.horizon_date,
                )
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "metering_rotation_queue.queue_job_action_rotation"
        )
        action["context"] = {"search_default_group_by_state": 1}
        action["display_name"] = self.env._(
            "Rotation Planning Jobs: %(meters)s meters in %(jobs)s jobs",
            meters=meters,
            jobs=jobs,
        )
        return action
