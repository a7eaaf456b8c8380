/** @odoo-module **/
// Copyright 2026 Metering Compliance Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {answerAllCards, noEnglish, signInDialog} from "@metering_safety/../tests/tours/metering_journey_common";
import {registry} from "@web/core/registry";

const ORDER = "江北花园3栋表箱";
// The current stage: an arrow on the desktop, the dropdown's label on a phone.
const IN_PROGRESS = [
    ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('进行中')",
    ".o_form_view .o_statusbar_status button.o_arrow_button.dropdown-toggle:contains('进行中')",
].join(", ");

// A button of the order's header: on a phone only the first one shows, the
// others are behind the "more" menu.
function headerButton(selector, content) {
    return [
        {
            content: `Find ${content} at the top of the order`,
            trigger: ".o_form_view .o_statusbar_buttons",
            run() {
                if (!document.querySelector(`.o_statusbar_buttons ${selector}`)) {
                    document
                        .querySelector(".o_statusbar_buttons button:has(.oi-ellipsis-v)")
                        .click();
                }
            },
        },
        {
            content,
            trigger: selector,
            run: "click",
        },
    ];
}

function openOrder() {
    return [
        {
            content: "The technician lands on his orders",
            trigger: `.o_data_row:contains('${ORDER}'), .o_kanban_record:contains('${ORDER}')`,
        },
        noEnglish("his orders"),
        {
            content: "Open his live-line order",
            trigger: `.o_data_row:contains('${ORDER}') td.o_data_cell, .o_kanban_record:contains('${ORDER}')`,
            run: "click",
        },
        {
            content: "The order opens, Start Work at the top",
            trigger: ".o_form_view .o_statusbar_buttons .o_metering_start_work",
        },
    ];
}

// Before the briefing: the safety gate refuses the start and says why; the
// order stays where it was.
function blocked() {
    return [
        ...openOrder(),
        {
            content: "The order says why work cannot start; the briefing is the leader's",
            trigger:
                ".o_form_view .o_metering_safety_blocked:contains('没有现场安全会'):not(:has(.o_metering_new_briefing))",
        },
        noEnglish("the order"),
        {
            content: "Start work",
            trigger: ".o_form_view .o_metering_start_work",
            run: "click",
        },
        {
            content: "The gate says why: no safety briefing",
            trigger: ".modal:contains('没有现场安全会')",
        },
        noEnglish("the refused start", [], {inDialog: true}),
        {
            content: "Close the message",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The order is still new: Start Work is still offered",
            trigger: "body:not(:has(.modal)) .o_form_view .o_metering_start_work",
        },
    ];
}

// Once the leader held the briefing: the technician signs and acknowledges
// it, starts work, and answers the order's sectioned checklist on its cards.
function day() {
    return [
        ...openOrder(),
        ...headerButton(".o_metering_open_briefing", "Open the briefing of the order"),
        {
            content: "He is on its roster",
            trigger: ".o_form_view div[name='attendee_ids'] .o_data_row:contains('李强')",
        },
        noEnglish("the briefing"),
        {
            content: "Select his roster row",
            trigger: ".o_form_view div[name='attendee_ids'] .o_data_row:contains('李强') td[name='signature']",
            run: "click",
        },
        {
            content: "His row is open for his signature",
            trigger: ".o_form_view div[name='attendee_ids'] .o_data_row.o_selected_row td[name='signature']",
        },
        {
            content: "Sign on his own device",
            trigger: ".o_form_view div[name='attendee_ids'] .o_selected_row td[name='signature'] .o_signature",
            run: "click",
        },
        ...signInDialog(),
        {
            content: "His signature shows on his row",
            trigger: ".o_form_view div[name='attendee_ids'] .o_data_row img.o_signature",
        },
        {
            content: "Acknowledge",
            trigger: ".o_form_view div[name='attendee_ids'] .o_metering_acknowledge",
            run: "click",
        },
        {
            content: "His line is acknowledged, by him",
            trigger: ".o_form_view div[name='attendee_ids']:not(:has(.o_metering_acknowledge)) .o_data_row.text-success td[name='confirmed_by_id']:contains('李强')",
        },
        {
            content: "Back to the order",
            trigger: ".o_back_button",
            run: "click",
        },
        {
            content: "Start work",
            trigger: ".o_form_view .o_metering_start_work",
            run: "click",
        },
        {
            content: "Work has started",
            trigger: IN_PROGRESS,
        },
        ...headerButton(".o_metering_open_checklists", "Open the order's checklist"),
        {
            content: "The checklist shows its sections",
            trigger: ".o_metering_checklist_section:contains('表箱外观')",
        },
        noEnglish("the order's checklist"),
        ...answerAllCards(3, 231),
        {
            content: "Back to the order",
            trigger: ".o_back_button",
            run: "click",
        },
        {
            content: "The order is in progress",
            trigger: IN_PROGRESS,
        },
        noEnglish("the started order"),
    ];
}

registry.category("web_tour.tours").add("metering_journey_technician_blocked", {
    steps: blocked,
});
registry.category("web_tour.tours").add("metering_journey_technician", {steps: day});
registry.category("web_tour.tours").add("metering_journey_technician_phone_blocked", {
    steps: blocked,
});
registry.category("web_tour.tours").add("metering_journey_technician_phone", {steps: day});
