/** @odoo-module **/
// Copyright 2026 Metering Compliance Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// The work leader holds the briefing: the crew of the orders is on the roster.
registry.category("web_tour.tours").add("metering_briefing_leader", {
    steps: () => [
        {
            trigger: ".o_form_view button[name='action_open']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='open']",
        },
        {
            trigger: ".o_form_view div[name='attendee_ids'] .o_data_row:nth-child(2)",
        },
    ],
});

// Each crew member acknowledges for himself.
registry.category("web_tour.tours").add("metering_briefing_acknowledge", {
    steps: () => [
        {
            trigger: ".o_form_view .o_metering_acknowledge",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name='attendee_ids']:not(:has(.o_metering_acknowledge))",
        },
    ],
});
