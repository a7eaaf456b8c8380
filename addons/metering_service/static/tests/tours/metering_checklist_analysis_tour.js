/** @odoo-module **/
// Copyright 2026 Metering Compliance Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

function menu(section, item) {
    return [
        {
            trigger: `.o_main_navbar button[data-menu-xmlid='${section}']`,
            run: "click",
        },
        {
            trigger: `.o-dropdown--menu a[data-menu-xmlid='${item}']`,
            run: "click",
        },
    ];
}

// A team leader opens the checklist analysis (last month from the monthly
// summary, this month from the answers): the pass rate of the template, two
// answers of three passed; then the most failed items, as a pivot.
registry.category("web_tour.tours").add("metering_checklist_analysis", {
    steps: () => [
        {trigger: ".o_action_manager .o_view_controller"},
        ...menu("metering_service.menu_reporting", "metering_service.metering_checklist_answer_menu_analysis"),
        {
            content: "The template's row in the pivot",
            trigger: ".o_pivot_view th:contains('Tour analysis seal check')",
        },
        {
            content: "Two answers of three passed",
            trigger: ".o_pivot_view td:contains('66.7')",
        },
        ...menu("metering_service.menu_reporting", "metering_service.metering_checklist_answer_menu_most_failed"),
        {trigger: ".o_action_manager .o_graph_view"},
        {trigger: ".o_control_panel .o_switch_view.o_pivot", run: "click"},
        {
            content: "The failed item, once",
            trigger: ".o_pivot_view tr:has(th:contains('Seal intact')) td:contains('1')",
        },
    ],
});
