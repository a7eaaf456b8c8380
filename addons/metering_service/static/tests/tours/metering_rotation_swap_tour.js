/** @odoo-module **/
// Copyright 2026 Metering Compliance Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// A technician swaps a meter of a rotation order on his phone: the order's
// meters show as cards; a card opens the line, where he picks the new meter,
// types the readings and the seals, and marks the line swapped.
registry.category("web_tour.tours").add("metering_rotation_swap_phone", {
    steps: () => [
        {
            trigger: ".o_notebook_headers a[name='metering_rotation']",
            run: "click",
        },
        {
            trigger: "div[name='rotation_line_ids'] .o_kanban_record:contains('Tour old meter')",
            run: "click",
        },
        {
            trigger: ".modal div[name='final_reading'] input",
            run: "edit 4321.5",
        },
        {
            trigger: ".modal div[name='seals_removed'] input",
            run: "edit QF-001",
        },
        {
            trigger: ".modal div[name='new_equipment_id'] input",
            run: "edit Tour new",
        },
        {
            // a dropdown on a desktop, a list to pick from on a phone
            trigger:
                ".o-autocomplete--dropdown-item a:contains('Tour new meter'), " +
                ".modal .o_kanban_record:contains('Tour new meter'), " +
                ".modal .o_data_row:contains('Tour new meter')",
            run: "click",
        },
        {
            trigger: ".modal div[name='initial_reading'] input",
            run: "edit 0.3",
        },
        {
            trigger: ".modal div[name='seals_applied'] input",
            run: "edit QF-002",
        },
        {
            trigger: ".modal div[name='state'] input[data-value='swapped']",
            run: "click",
        },
        {
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            trigger: "div[name='rotation_line_ids'] .o_kanban_record:contains('Tour new meter')",
        },
        {
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_saved",
        },
    ],
});
