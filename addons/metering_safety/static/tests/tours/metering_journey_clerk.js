/** @odoo-module **/
// Copyright 2026 Metering Compliance Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {answerAllCards, menu, noEnglish} from "@metering_safety/../tests/tours/metering_journey_common";
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_utils";

function pick(field, text) {
    return [
        {
            content: `Type in ${field}`,
            trigger: `.o_form_view div[name='${field}'] input`,
            run: `edit ${text}`,
        },
        {
            content: `Choose ${text}`,
            trigger: `.o-autocomplete--dropdown-item a:contains('${text}')`,
            run: "click",
        },
        {
            content: `${text} is chosen`,
            trigger: `.o_form_view div[name='${field}'] input:value(${text})`,
        },
    ];
}

// The service clerk lands on today's self-checks, answers the pre-shift
// self-check (a sectioned checklist) on its cards and completes it, then
// logs a customer's meter dispute and creates its verification order.
registry.category("web_tour.tours").add("metering_journey_clerk", {
    steps: () => [
        {
            content: "The clerk lands on today's self-checks",
            trigger: ".o_list_view .o_data_row:contains('受理员班前自查')",
        },
        noEnglish("today's self-checks"),
        {
            content: "Open the pre-shift self-check",
            trigger: ".o_list_view .o_data_row:contains('受理员班前自查') td.o_data_cell",
            run: "click",
        },
        {
            content: "Fill in its checklist",
            trigger: ".o_form_view .o_metering_checklist_open",
            run: "click",
        },
        {
            content: "The checklist shows its sections",
            trigger: ".o_metering_checklist_section:contains('防护用品穿戴')",
        },
        noEnglish("the pre-shift checklist"),
        ...answerAllCards(12, 22),
        {
            content: "Complete the self-check",
            trigger: ".o_form_view button[name='action_complete']",
            run: "click",
        },
        {
            content: "The self-check is completed, its cards read-only",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='done']",
        },
        noEnglish("the completed checklist"),
        ...menu("metering_service.menu_service_desk", "metering_service.menu_service_desk_tickets"),
        {
            content: "Log a new request",
            trigger: ".o_control_panel_main_buttons button.o-kanban-button-new, .o_control_panel_main_buttons button.o_list_button_add",
            run: "click",
        },
        {
            content: "Title of the request",
            trigger: ".o_form_view div[name='name'] input",
            run: "edit 电表走得快",
        },
        {
            trigger: "div[name='description'] div.odoo-editor-editable",
            run: "click",
        },
        {
            content: "What the customer says",
            trigger: "div[name='description'] div.odoo-editor-editable",
            run: "editor 三月起电费翻倍",
        },
        ...pick("partner_id", "孙丽"),
        ...pick("category_id", "电表争议"),
        ...pick("location_id", "幸福里5号"),
        ...pick("equipment_id", "表计 2021-0088"),
        noEnglish("the dispute request"),
        ...stepUtils.saveForm(),
        {
            content: "Create the verification order in one click",
            trigger: ".o_form_view button[name='action_create_fsm_order']",
            run: "click",
        },
        {
            content: "The verification order opens with its verification page",
            trigger: ".o_form_view .o_notebook_headers a[name='verification']",
        },
        noEnglish("the verification order"),
    ],
});
