/** @odoo-module **/
// Copyright 2026 Metering Compliance Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {menu, noEnglish} from "@metering_safety/../tests/tours/metering_journey_common";
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_utils";

const FIELD_WORK = "metering_service.menu_field_work";

function openOrder(location) {
    return [
        ...menu(FIELD_WORK, "metering_service.fsm_order_menu"),
        {
            content: `Open the order at ${location}`,
            trigger: `.o_data_row:contains('${location}') td.o_data_cell, .o_kanban_record:contains('${location}')`,
            run: "click",
        },
        {
            content: `The order at ${location} is open`,
            trigger: `.o_form_view div[name='location_id']:contains('${location}'), .o_form_view div[name='location_id'] input:value(${location})`,
        },
    ];
}

// The team leader lands on what is overdue, holds the briefing of an order
// for its crew, reviews a backfilled record and approves a refund
// calculation as team leader.
registry.category("web_tour.tours").add("metering_journey_leader", {
    steps: () => [
        {
            content: "The leader lands on the overdue orders",
            trigger: ".o_action_manager .o_view_controller",
        },
        noEnglish("the overdue orders"),
        ...openOrder("江北花园3栋表箱"),
        {
            content: "The order says why work cannot start",
            trigger: ".o_form_view .o_metering_safety_blocked:contains('没有现场安全会')",
        },
        noEnglish("the blocked order"),
        {
            content: "Start its briefing in one click",
            trigger: ".o_form_view .o_metering_safety_blocked .o_metering_new_briefing",
            run: "click",
        },
        {
            content: "The briefing comes with the order, its place and its crew",
            trigger: ".o_form_view div[name='order_ids'] .o_data_row:contains('江北花园3栋表箱')",
        },
        {
            trigger: ".o_form_view div[name='place'] input:value(江北花园3栋表箱)",
        },
        {
            trigger: ".o_form_view div[name='attendee_ids'] .o_data_row:contains('李强')",
        },
        {
            trigger: ".o_form_view div[name='method'] textarea",
            run: "edit 短接电流互感器二次侧后换表",
        },
        {
            trigger: ".o_form_view div[name='requirements'] textarea",
            run: "edit 两人作业，绝缘工具，记录封印",
        },
        {
            trigger: ".o_form_view div[name='ticket_kind'] .o_select_menu_toggler",
            run: "click",
        },
        {
            // first, second, emergency
            content: "A second-type work ticket",
            trigger: ".o_select_menu_item:eq(1)",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name='ticket_number'] input",
            run: "edit II-2026-118",
        },
        {
            content: "The ticket is valid from an hour ago",
            trigger: ".o_form_view div[name='ticket_valid_from'] input",
            run: "edit -1H",
        },
        {
            content: "for eight hours",
            trigger: ".o_form_view div[name='ticket_valid_to'] input",
            run: "edit +8H",
        },
        noEnglish("the new briefing"),
        ...stepUtils.saveForm(),
        {
            content: "Hold the briefing",
            trigger: ".o_form_view button[name='action_open']",
            run: "click",
        },
        {
            content: "The briefing is held",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='open']",
        },
        {
            content: "The crew of the order is on the roster",
            trigger: ".o_form_view div[name='attendee_ids'] .o_data_row:contains('李强')",
        },
        noEnglish("the held briefing"),
        ...openOrder("东湖路8号"),
        {
            content: "The order is a backfilled record",
            trigger: ".o_form_view .ribbon",
        },
        {
            content: "Review it",
            trigger: ".o_form_view button[name='action_review_backfill']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_notebook_headers a[name='backfill']",
            run: "click",
        },
        {
            content: "He is its reviewer",
            trigger: ".o_form_view div[name='backfill_reviewed_by_id']:contains('陈建国')",
        },
        noEnglish("the reviewed backfilled record"),
        ...menu(FIELD_WORK, "metering_service.metering_energy_adjustment_menu"),
        {
            content: "Open the calculation waiting for him",
            trigger: ".o_data_row:contains('滨江路12号') td.o_data_cell",
            run: "click",
        },
        {
            content: "Approve it as team leader",
            trigger: ".o_form_view button[name='action_approve_leader']",
            run: "click",
        },
        {
            content: "It waits for the center manager",
            trigger: ".o_statusbar_status button[data-value='leader_approved'].o_arrow_button_current",
        },
        noEnglish("the approved calculation"),
    ],
});
