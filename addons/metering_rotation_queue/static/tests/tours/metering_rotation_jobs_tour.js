/** @odoo-module **/
// Copyright 2026 Metering Compliance Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// The center manager plans the month's rotation as background jobs from the
// planning wizard, and follows them in the list of the planning's jobs.
registry.category("web_tour.tours").add("metering_rotation_plan_jobs", {
    steps: () => [
        {
            trigger: ".modal div[name='max_devices'] input",
            run: "edit 50",
        },
        {
            trigger: ".modal button[name='action_plan_jobs']",
            run: "click",
        },
        {
            // the jobs enqueued, grouped by state: one job waits
            trigger: ".o_list_view .o_group_name:contains('(1)')",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row td[name='name']:contains('6')",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name='name']:contains('6')",
        },
    ],
});
