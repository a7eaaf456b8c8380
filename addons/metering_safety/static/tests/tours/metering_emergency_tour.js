/** @odoo-module **/
// Copyright 2026 Metering Compliance Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// Emergency mode shows across the web client: a technician, anywhere in it,
// sees the emergency in the systray and opens it in one click.
registry.category("web_tour.tours").add("metering_emergency_technician", {
    steps: () => [
        {
            trigger: ".o_metering_emergency_badge",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='title']:contains('Tour typhoon')",
        },
        {
            trigger: ".o_form_view .ribbon",
        },
    ],
});

// A team leader creates the repair orders of the emergency for the affected
// metering points in one go.
registry.category("web_tour.tours").add("metering_emergency_leader", {
    steps: () => [
        {
            trigger: ".o_form_view .o_statusbar_buttons button.btn-primary",
            run: "click",
        },
        {
            trigger: ".modal div[name='location_ids'] input",
            run: "edit Tour flooded point",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Tour flooded point')",
            run: "click",
        },
        {
            trigger: ".modal div[name='location_ids'] .o_tag:contains('Tour flooded point')",
        },
        {
            trigger: ".modal-footer button[name='action_create_orders']",
            run: "click",
        },
        {
            trigger: ".o_data_row, .o_kanban_record:not(.o_kanban_ghost)",
        },
    ],
});
