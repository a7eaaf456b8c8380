/** @odoo-module **/
// Copyright 2026 Metering Compliance Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// The center manager publishes a scorecard and generates the month's
// evaluations of every team.
registry.category("web_tour.tours").add("metering_scorecard_manager_generates", {
    steps: () => [
        {
            trigger: ".o_form_view div[name='criterion_ids'] .o_data_row:contains('Tour attitude')",
        },
        {
            trigger: ".o_form_view button[name='action_publish']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_buttons button.o_metering_generate",
            run: "click",
        },
        {
            trigger: ".modal div[name='period_type']",
        },
        {
            trigger: ".modal button[name='action_generate']",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row:contains('Tour North')",
        },
    ],
});

// The team leader scores the manual criterion and submits.
registry.category("web_tour.tours").add("metering_scorecard_leader_scores", {
    steps: () => [
        {
            trigger:
                ".o_form_view div[name='line_ids'] .o_data_row:contains('Tour attitude') td[name='manual_score']",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name='line_ids'] .o_selected_row div[name='manual_score'] input",
            run: "edit 85",
        },
        {
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_saved",
        },
        {
            trigger: ".o_form_view button[name='action_submit']",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current[data-value='submitted']",
        },
    ],
});

// The center manager signs it off.
registry.category("web_tour.tours").add("metering_scorecard_manager_signs", {
    steps: () => [
        {
            trigger: ".o_form_view button[name='action_sign_off']",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current[data-value='signed']",
        },
    ],
});
