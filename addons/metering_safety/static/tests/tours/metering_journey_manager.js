/** @odoo-module **/
// Copyright 2026 Metering Compliance Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {menu, noEnglish} from "@metering_safety/../tests/tours/metering_journey_common";
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_utils";

// The center manager declares an emergency and closes it after its review,
// gives the final approval of a refund calculation and opens the checklist
// analysis.
registry.category("web_tour.tours").add("metering_journey_manager", {
    steps: () => [
        {
            content: "The manager lands on the orders",
            trigger: ".o_action_manager .o_view_controller",
        },
        noEnglish("the orders"),
        ...menu("metering_safety.menu_safety", "metering_safety.metering_emergency_menu"),
        {
            content: "Declare an emergency",
            trigger: ".o_control_panel_main_buttons button.o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name='title'] input",
            run: "edit 台风过境",
        },
        {
            trigger: ".o_form_view div[name='kind'] .o_select_menu_toggler",
            run: "click",
        },
        {
            // mass outage, severe weather, ...
            content: "Severe weather",
            trigger: ".o_select_menu_item:eq(1)",
            run: "click",
        },
        noEnglish("the new emergency"),
        ...stepUtils.saveForm(),
        {
            content: "The center is in emergency state",
            trigger: ".o_metering_emergency_badge",
        },
        {
            content: "Write its review",
            trigger: ".o_form_view .o_notebook_headers a[name='review']",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name='what_happened'] .odoo-editor-editable",
            run: "click",
        },
        {
            content: "What happened",
            trigger: ".o_form_view div[name='what_happened'] .odoo-editor-editable",
            run: "editor 线路倒杆三处，停电两小时",
        },
        {
            trigger: ".o_form_view div[name='lessons_learned'] .odoo-editor-editable",
            run: "click",
        },
        {
            content: "The lessons learned",
            trigger: ".o_form_view div[name='lessons_learned'] .odoo-editor-editable",
            run: "editor 提前加固杆塔",
        },
        ...stepUtils.saveForm(),
        {
            content: "Close the emergency after its review",
            trigger: ".o_form_view button[name='action_close']",
            run: "click",
        },
        {
            content: "The emergency is closed",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='closed']",
        },
        {
            content: "Emergency mode ends across the web client",
            trigger: "body:not(:has(.o_metering_emergency_badge))",
        },
        noEnglish("the closed emergency"),
        ...menu("metering_service.menu_field_work", "metering_service.metering_energy_adjustment_menu"),
        {
            content: "Open the calculation the leader approved",
            trigger: ".o_data_row:contains('滨江路12号') td.o_data_cell",
            run: "click",
        },
        {
            content: "Give the final approval",
            trigger: ".o_form_view button[name='action_approve_manager']",
            run: "click",
        },
        {
            content: "The calculation is approved",
            trigger: ".o_statusbar_status button[data-value='approved'].o_arrow_button_current",
        },
        noEnglish("the approved calculation"),
        ...menu("metering_service.menu_reporting", "metering_service.metering_checklist_answer_menu_analysis"),
        {
            content: "The checklist analysis opens",
            trigger: ".o_action_manager .o_pivot_view, .o_action_manager .o_graph_view",
        },
        noEnglish("the checklist analysis"),
    ],
});
