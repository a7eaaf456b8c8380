# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.fields import Domain

# queue_job states of a job that will still run
IN_FLIGHT = ("wait_dependencies", "pending", "enqueued", "started")


def identity_rotation_batch(job):
    """A batch is identified by its company and its meters: the same meters
    are never enqueued twice while a job of them is waiting, whatever the
    horizon or the day of the run that enqueues them."""
    company, __, chunks = job.args
    hasher = hashlib.sha1()
    hasher.update(f"{job.model_name}.{job.method_name}:{company.id}:".encode())
    device_ids = sorted(i for __, ids in chunks for i in ids)
    hasher.update(",".join(map(str, device_ids)).encode())
    return hasher.hexdigest()


class MeteringRotation(models.AbstractModel):
    """With queue_job installed, the monthly rotation planning of
    metering_service runs as jobs: one per batch of orders (the batches that
    `plan(commit=True)` commits one after the other), on the channel
    root.metering_rotation, so that as many workers as the channel's capacity
    plan a city's million meters side by side."""

    _inherit = "metering.rotation"

    # orders per job: 5,000 meters, a few seconds of work. Small enough that
    # the jobs of 30,000 meters already spread over the workers and that a
    # retry redoes little; large enough that a job's own cost (its row, its
    # HTTP call, its re-filter) stays a fraction of it.
    JOB_BATCH = 100

    @api.model
    def _check_rotation_planner(self):
        """Rotation is the center's monthly plan: the center manager or the
        cron (the superuser) plans it."""
        if not (
            self.env.is_superuser()
            or self.env.user.has_group("metering_service.group_center_manager")
        ):
            raise AccessError(
                self.env._(
                    "Only the metering center manager plans the rotation of "
                    "meters; %(user)s is not one.",
                    user=self.env.user.name,
                )
            )

    @api.model
    def _rotation_jobs_in_flight(self, company):
        """The company's rotation planning jobs that will still run."""
        return (
            self.env["queue.job"]
            .sudo()
            .search(
                [
                    ("model_name", "=", self._name),
                    ("method_name", "=", "_job_plan_batch"),
                    ("company_id", "=", company.id),
                    ("state", "in", IN_FLIGHT),
                ]
            )
        )

    @api.model
    def _enqueue_plan(self, company, horizon_date, max_devices):
        """Enqueue one job per JOB_BATCH orders of the meters due by
        horizon_date; returns the number of (jobs, meters) enqueued.

        Nothing is enqueued while the company's previous planning still has
        jobs to run: the next one would group the meters those jobs have not
        planned yet. Each batch has an identity key (its meters), so it is
        never enqueued twice, and each job takes again only the meters that
        are still due and in no open rotation order: a retried or duplicate
        job plans nothing twice."""
        self._check_rotation_planner()
        if self._rotation_jobs_in_flight(company):
            return 0, 0
        planner = self.with_company(company)
        job_count = meter_count = 0
        chunks = self._groups(company, horizon_date, max_devices)
        for batch in self._batches(chunks, self.JOB_BATCH):
            meters = sum(len(ids) for __, ids in batch)
            planner.with_delay(
                description=self.env._(
                    "Rotation planning of %(company)s: %(meters)s meters in "
                    "%(orders)s orders",
                    company=company.name,
                    meters=meters,
                    orders=len(batch),
                ),
                identity_key=identity_rotation_batch,
            )._job_plan_batch(company, horizon_date, batch)
            job_count += 1
            meter_count += meters
        return job_count, meter_count

    @api.model
    def _job_plan_batch(self, company, horizon_date, chunks):
        """The job of one batch: its orders, for the meters of the chunks
        that are still due by horizon_date and in no open rotation order."""
        self._check_rotation_planner()
        device_ids = [i for __, ids in chunks for i in ids]
        due = set(
            self.env["fsm.equipment"]
            .search(
                self._due_domain(company, horizon_date) & Domain("id", "in", device_ids)
            )
            .ids
        )
        chunks = [(area_id, [i for i in ids if i in due]) for area_id, ids in chunks]
        chunks = [(area_id, ids) for area_id, ids in chunks if ids]
        if not chunks:
            return self.env._("Nothing left to plan: every meter is planned.")
        orders = self._plan_batch(company, chunks)
        return self.env._(
            "%(orders)s rotation orders for %(meters)s meters.",
            orders=len(orders),
            meters=len(due),
        )

    @api.model
    def _cron_plan_rotation(self):
        """Monthly: the meters due within the policy's horizon, enqueued as
        one job per batch of orders."""
        today = fields.Date.context_today(self)
        for company in self.env["res.company"].search([]):
            policy = self.env["metering.policy"]._for_company(company)
            self.with_company(company)._enqueue_plan(
                company,
                today + relativedelta(days=policy.rotation_horizon_days),
                policy.rotation_max_devices or 50,
            )
