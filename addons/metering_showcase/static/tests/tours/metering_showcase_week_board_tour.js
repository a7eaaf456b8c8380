// Copyright 2026 Metering Compliance Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// The reception lead reads the week board: the visit whose narrator took a
// day off after being assigned shows the conflict and the roles to staff;
// the list view shows the same.
registry.category("web_tour.tours").add("metering_showcase_week_board", {
    steps: () => [
        {
            content: "The board shows the visit with its conflict",
            trigger:
                ".o_kanban_record:contains('Board School') .text-danger:contains('Narrator Wang')",
        },
        {
            content: "and its roles to staff",
            trigger: ".o_kanban_record:contains('Board School') .text-warning",
        },
        {
            content: "The staffed and ready visit needs nothing",
            trigger: ".o_kanban_record:contains('Ready School') .badge.text-bg-success",
        },
        {
            content: "Keep the visits that need attention",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            trigger: ".o_filter_menu .o_menu_item:contains('Needs Attention'), .o_filter_menu .o_menu_item:contains('需要关注')",
            run: "click",
        },
        {
            trigger: ".o_kanban_view:not(:has(.o_kanban_record:contains('Ready School')))",
        },
        {
            content: "The list view of the board",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Open the first day (the list is grouped by day)",
            trigger: ".o_list_view .o_group_header:eq(0)",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row:contains('Board School'):contains('Narrator Wang')",
        },
    ],
});

// The lead writes his report on the closed visit and submits it.
registry.category("web_tour.tours").add("metering_showcase_lead_report", {
    steps: () => [
        {
            content: "Open the lead's report",
            trigger: ".o_notebook .nav-link[name='report']",
            run: "click",
        },
        {
            trigger: ".o_field_html[name='report_body'] .odoo-editor-editable",
            run: "editor Thirty pupils, the test bench drew them.",
        },
        {
            content: "Submit the report",
            trigger: ".o_form_view button[name='action_submit_report']",
            run: "click",
        },
        {
            trigger: ".o_form_view:not(:has(button[name='action_submit_report']))",
        },
        {
            trigger: ".o_field_widget[name='report_submitted_on']",
        },
    ],
});
