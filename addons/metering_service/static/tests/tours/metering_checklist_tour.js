/** @odoo-module **/
// Copyright 2026 Metering Compliance Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

function addItem(name, steps = []) {
    return [
        {
            trigger: "div[name='item_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".modal div[name='name'] input",
            run: `edit ${name}`,
        },
        ...steps,
        {
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            trigger: `div[name='item_ids'] .o_data_row:contains('${name}')`,
        },
    ];
}

// Options by position (the UI may be in any language): the order of the
// selection in the model.
const KINDS = ["pass_fail", "yes_no_na", "number", "choice", "text", "photo", "signature"];

function chooseKind(kind) {
    return [
        {
            trigger: ".modal div[name='kind'] .o_select_menu_toggler",
            run: "click",
        },
        {
            trigger: `.o_select_menu_item:eq(${KINDS.indexOf(kind)})`,
            run: "click",
        },
    ];
}

// A center manager builds a template with a numeric tolerance and a
// conditional item, publishes it and requires it on a work-order type.
registry.category("web_tour.tours").add("metering_checklist_manager", {
    steps: () => [
        {
            trigger: ".o_form_view div[name='name'] input",
            run: "edit Tour meter box check",
        },
        ...addItem("Box door closed"),
        ...addItem("Supply voltage", [
            ...chooseKind("number"),
            {trigger: ".modal div[name='has_min'] input", run: "click"},
            {trigger: ".modal div[name='min_value'] input", run: "edit 198"},
            {trigger: ".modal div[name='has_max'] input", run: "click"},
            {trigger: ".modal div[name='max_value'] input", run: "edit 242"},
        ]),
        {
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_saved",
        },
        ...addItem("Photo of the broken door", [
            ...chooseKind("photo"),
            {
                trigger: ".modal div[name='condition_item_id'] input",
                run: "edit Box door",
            },
            {
                trigger: ".o-autocomplete--dropdown-item:contains('Box door closed')",
                run: "click",
            },
            {
                trigger: ".modal div[name='condition_value'] .o_select_menu_toggler",
                run: "click",
            },
            {
                // pass, fail, ...
                trigger: ".o_select_menu_item:eq(1)",
                run: "click",
            },
        ]),
        {
            trigger: ".o_form_view button[name='action_publish']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='published']",
        },
        {
            trigger: ".o_notebook a[name='assignments']",
            run: "click",
        },
        {
            trigger: "div[name='assignment_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: "div[name='assignment_ids'] div[name='order_type_id'] input",
            run: "edit Tour box",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Tour box inspection')",
            run: "click",
        },
        {
            trigger: "div[name='assignment_ids'] div[name='stage_id'] input",
            run: "edit Tour box sign-off",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Tour box sign-off')",
            run: "click",
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

// A technician fills the checklist in on his order and completes it.
registry.category("web_tour.tours").add("metering_checklist_technician", {
    steps: () => [
        {
            trigger: ".o_notebook a[name='metering_checklists']",
            run: "click",
        },
        {
            trigger: ".o_metering_checklist_open",
            run: "click",
        },
        {
            trigger: ".o_data_row:contains('Box door closed') td[name='value_pass_fail']",
            run: "click",
        },
        {
            trigger: ".o_data_row.o_selected_row div[name='value_pass_fail'] .o_select_menu_toggler",
            run: "click",
        },
        {
            // pass, fail
            trigger: ".o_select_menu_item:eq(0)",
            run: "click",
        },
        {
            trigger: ".o_data_row:contains('Supply voltage') td[name='value_number']",
            run: "click",
        },
        {
            trigger: ".o_data_row.o_selected_row div[name='value_number'] input",
            run: "edit 230",
        },
        {
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_saved",
        },
        {
            trigger: ".o_form_view button[name='action_complete']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='done']",
        },
    ],
});
