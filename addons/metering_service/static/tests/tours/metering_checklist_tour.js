/** @odoo-module **/
// Copyright 2026 Metering Compliance Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

const ITEMS = "div[name='item_ids']";
// The row being edited, by its position: a step never types into the row
// that was edited before the new one opened.
const row = (index) => `${ITEMS} .o_data_row:eq(${index}).o_selected_row`;

// "Add a line" and "Add a section" of the item list, as on a quotation
// (by position: the UI may be in any language).
function addLine(index, name, steps = []) {
    return [
        {trigger: `${ITEMS} .o_field_x2many_list_row_add a:eq(0)`, run: "click"},
        {
            trigger: `${row(index)}:not(.o_metering_checklist_section) div[name='name'] input`,
            run: `edit ${name}`,
        },
        ...steps,
        {trigger: `${row(index)} div[name='name'] input:value('${name}')`},
    ];
}

// Options by position (the UI may be in any language): the order of the
// selection in the model.
const KINDS = ["pass_fail", "yes_no_na", "number", "choice", "text", "photo", "signature"];

function chooseKind(index, kind) {
    return [
        {trigger: `${row(index)} div[name='kind'] .o_select_menu_toggler`, run: "click"},
        {
            trigger: `.o_field_selection_menu .o_select_menu_item:eq(${KINDS.indexOf(kind)})`,
            run: "click",
        },
    ];
}

function saveForm() {
    return [
        {trigger: ".o_form_view .o_form_button_save", run: "click"},
        {trigger: ".o_form_view .o_form_saved"},
    ];
}

// A center manager builds a template line by line with a section, a numeric
// tolerance and a conditional item whose answers are those of the item it is
// about, publishes it, requires it on a work-order type, and sees what a new
// version takes over.
registry.category("web_tour.tours").add("metering_checklist_manager", {
    steps: () => [
        {
            trigger: ".o_form_view div[name='name'] input",
            run: "edit Tour meter box check",
        },
        {trigger: `${ITEMS} .o_field_x2many_list_row_add a:eq(1)`, run: "click"},
        {
            trigger: `${row(0)}.o_metering_checklist_section div[name='name'] input`,
            run: "edit Meter box",
        },
        // a section is its heading: no kind, range or mandatory on its row
        {trigger: `${row(0)}.o_metering_checklist_section:not(:has(div[name='kind']))`},
        ...addLine(1, "Box door closed"),
        ...addLine(2, "Supply voltage", [
            ...chooseKind(2, "number"),
            {trigger: `${row(2)} div[name='has_min'] input`, run: "click"},
            {trigger: `${row(2)} div[name='min_value'] input`, run: "edit 198"},
            {trigger: `${row(2)} div[name='has_max'] input`, run: "click"},
            {trigger: `${row(2)} div[name='max_value'] input`, run: "edit 242"},
        ]),
        ...saveForm(),
        {
            trigger: `${ITEMS} tr.o_metering_checklist_section:contains('Meter box') td[name='name'][colspan]`,
        },
        {trigger: `${ITEMS} .o_data_row:eq(2):contains('Supply voltage'):contains('242')`},
        ...addLine(3, "Photo of the broken door", [
            ...chooseKind(3, "photo"),
            {
                trigger: `${row(3)} div[name='condition_item_id'] input`,
                run: "edit Box door",
            },
            {
                trigger: ".o-autocomplete--dropdown-item:contains('Box door closed')",
                run: "click",
            },
            {
                trigger: `${row(3)} div[name='condition_value'] .o_select_menu_toggler`,
                run: "click",
            },
            // a pass/fail item is answered pass or fail, nothing else
            {
                trigger:
                    ".o_field_selection_menu:has(.o_select_menu_item:eq(1)):not(:has(.o_select_menu_item:eq(2)))",
            },
            {trigger: ".o_field_selection_menu .o_select_menu_item:eq(1)", run: "click"},
        ]),
        ...saveForm(),
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
        ...saveForm(),
        // Version 2 says which version new orders get, and where
        {
            trigger: ".o_form_view button[name='action_new_version']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='draft']",
        },
        {
            trigger: ".o_notebook a[name='assignments']",
            run: "click",
        },
        {trigger: ".o_metering_live_version:contains('Tour meter box check')"},
        {trigger: "div[name='carried_assignment_ids'] .o_data_row:contains('Tour box inspection')"},
    ],
});

// The order type lists the checklists its orders carry; the manager adds one.
registry.category("web_tour.tours").add("metering_checklist_order_type", {
    steps: () => [
        {
            trigger: "div[name='checklist_assignment_ids'] .o_data_row:contains('Tour meter box check')",
        },
        {
            trigger: "div[name='checklist_assignment_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: "div[name='checklist_assignment_ids'] .o_selected_row div[name='template_id'] input",
            run: "edit Tour seal",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Tour seal check')",
            run: "click",
        },
        ...saveForm(),
        {
            trigger: "div[name='checklist_assignment_ids'] .o_data_row:contains('Tour seal check')",
        },
    ],
});

// A technician answers the checklist of his order on its cards, one question
// after the other, and completes it.
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
            trigger: ".o_metering_checklist_count:contains('0/2')",
        },
        {
            trigger: ".o_metering_checklist_card:contains('Box door closed') button[data-value='pass']",
            run: "click",
        },
        {
            trigger: ".o_metering_checklist_count:contains('1/2')",
        },
        {
            trigger: ".o_metering_checklist_card:contains('Supply voltage') .o_metering_card_range:contains('198')",
        },
        {
            trigger: ".o_metering_checklist_card:contains('Supply voltage') input",
            run: "edit 230",
        },
        {
            // judged while typed, before it is saved
            trigger: ".o_metering_checklist_card.o_metering_card_pass:contains('Supply voltage')",
        },
        {
            trigger: ".o_metering_checklist_card:contains('Supply voltage') input",
            // leaving the field gives the answer
            run: "click .o_metering_checklist_count",
        },
        {
            trigger: ".o_metering_checklist_count:contains('2/2')",
        },
        {
            trigger: ".o_metering_checklist_card:contains('Box door closed') .o_metering_card_add_note",
            run: "click",
        },
        {
            trigger: ".o_metering_checklist_card:contains('Box door closed') .o_metering_card_note textarea",
            run: "edit Hinge stiff, oiled",
        },
        {
            // leaving the note saves it
            trigger: ".o_metering_checklist_count",
            run: "click",
        },
        {
            trigger: ".o_metering_checklist_ready",
        },
        {
            trigger: ".o_form_view button[name='action_complete']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='done']",
        },
        {
            // read-only once completed
            trigger: ".o_metering_checklist_card:contains('Box door closed') button[data-value='pass']:disabled",
        },
    ],
});

// A 1×1 PNG.
const PIXEL = Uint8Array.from(
    atob(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
    ),
    (c) => c.charCodeAt(0)
);

// On the phone, a technician answers a sectioned checklist on its cards: a
// failure asks for its note at once, the item shown on that failure appears,
// a photo comes from the camera, and the progress says what still blocks.
registry.category("web_tour.tours").add("metering_checklist_phone", {
    steps: () => [
        {
            trigger: ".o_metering_checklist_section:contains('Meter box')",
        },
        {
            trigger: ".o_metering_checklist_count:contains('0/4')",
        },
        {
            trigger: ".o_metering_checklist_blocking:contains('Seals intact')",
        },
        {
            trigger: ".o_metering_checklist_card:contains('Seals intact') button[data-value='fail']",
            run: "click",
        },
        {
            // the note is asked for at once, nothing saved yet
            trigger: ".o_metering_checklist_card:contains('Seals intact') .o_metering_card_note textarea.is-invalid",
            run: "edit Seal broken by the customer",
        },
        {
            trigger: ".o_metering_checklist_card:contains('Seals intact') .o_metering_card_note textarea",
            // leaving the field gives the answer
            run: "click .o_metering_checklist_count",
        },
        {
            // the item shown on the failure appears
            trigger: ".o_metering_checklist_card:contains('Photo of the broken seal') .o_metering_card_camera:has(input[capture])",
        },
        {
            trigger: ".o_metering_checklist_count:contains('1/5')",
        },
        {
            trigger: ".o_metering_checklist_card.o_metering_card_fail:contains('Seals intact')",
        },
        {
            trigger: ".o_metering_checklist_card:contains('Wiring checked') button[data-value='yes']",
            run: "click",
        },
        {
            trigger: ".o_metering_checklist_count:contains('2/5')",
        },
        {
            trigger: ".o_metering_checklist_card:contains('Phase voltage') input",
            run: "edit 250",
        },
        {
            trigger: ".o_metering_checklist_card.o_metering_card_fail:contains('Phase voltage')",
        },
        {
            trigger: ".o_metering_checklist_card:contains('Phase voltage') input",
            run: "edit 231",
        },
        {
            trigger: ".o_metering_checklist_card:contains('Phase voltage') input",
            // leaving the field gives the answer
            run: "click .o_metering_checklist_count",
        },
        {
            trigger: ".o_metering_checklist_count:contains('3/5')",
        },
        {
            trigger: ".o_metering_checklist_blocking:contains('Photo of the broken seal')",
        },
        {
            trigger: ".o_metering_checklist_card:contains('Photo of the broken seal') .o_metering_card_camera",
            run() {
                // what the phone's camera gives: a picture file
                const input = document.querySelector(
                    ".o_metering_checklist_card .o_metering_card_camera input"
                );
                const transfer = new DataTransfer();
                transfer.items.add(new File([PIXEL], "seal.png", {type: "image/png"}));
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", {bubbles: true}));
            },
        },
        {
            trigger: ".o_metering_checklist_card:contains('Photo of the broken seal') .o_metering_card_photo img",
        },
        {
            trigger: ".o_metering_checklist_count:contains('4/5')",
        },
        {
            trigger: ".o_metering_checklist_card:contains('Customer signature') .o_metering_card_signature button",
            run: "click",
        },
        {
            trigger: ".modal canvas.o_web_sign_signature",
            run() {
                // a stroke of the finger across the signature pad
                const canvas = document.querySelector(".modal canvas.o_web_sign_signature");
                const box = canvas.getBoundingClientRect();
                const at = (x, y, type, target) =>
                    target.dispatchEvent(
                        new PointerEvent(type, {
                            bubbles: true,
                            isPrimary: true,
                            pointerId: 1,
                            pointerType: "mouse",
                            buttons: type === "pointerup" ? 0 : 1,
                            button: 0,
                            clientX: box.left + x * box.width,
                            clientY: box.top + y * box.height,
                        })
                    );
                at(0.2, 0.5, "pointerdown", canvas);
                for (let step = 1; step <= 10; step++) {
                    at(0.2 + step * 0.06, 0.5 + (step % 2 ? 0.2 : -0.2), "pointermove", canvas);
                }
                at(0.8, 0.5, "pointerup", canvas);
            },
        },
        {
            trigger: ".modal .modal-footer .btn-primary:enabled",
            run: "click",
        },
        {
            trigger: ".o_metering_checklist_card:contains('Customer signature') .o_metering_card_signature img",
        },
        {
            trigger: ".o_metering_checklist_count:contains('5/5')",
        },
        {
            trigger: ".o_metering_checklist_ready",
        },
    ],
});

// At a desk, a technician answers every question of a checklist in one list,
// each with the widget of its kind, saves once, and completes it.
const ANSWERS = "div[name='answer_ids']";
const answerRow = (index) => `${ANSWERS} .o_data_row:eq(${index})`;

registry.category("web_tour.tours").add("metering_checklist_list", {
    steps: () => [
        {
            trigger: ".o_form_view button[name='action_answer_in_list']",
            run: "click",
        },
        {trigger: `${answerRow(0)} td[name='value_pass_fail']`, run: "click"},
        {
            trigger: `${answerRow(0)}.o_selected_row div[name='value_pass_fail'] .o_selection_badge[value='"pass"']`,
            run: "click",
        },
        {trigger: `${answerRow(1)} td[name='value_number']`, run: "click"},
        {
            trigger: `${answerRow(1)}.o_selected_row div[name='value_number'] input`,
            run: "edit 230",
        },
        {trigger: `${answerRow(2)} td[name='value_yes_no']`, run: "click"},
        {
            trigger: `${answerRow(2)}.o_selected_row div[name='value_yes_no'] .o_selection_badge[value='"no"']`,
            run: "click",
        },
        // the item shown on a "yes" asks for nothing
        {trigger: `${answerRow(3)}:not(:has(div[name='attachment_ids']))`},
        {trigger: ".o_form_view .o_form_button_save", run: "click"},
        {trigger: ".o_form_view .o_form_saved"},
        // what the server made of the answers, saved at once (by colour: the
        // UI may be in any language)
        {trigger: `${answerRow(0)} td[name='result'] .text-bg-success`},
        {trigger: `${answerRow(1)} td[name='result'] .text-bg-success`},
        {trigger: `${answerRow(2)} td[name='result'] .text-bg-danger`},
        {trigger: ".o_form_view div[name='score']:contains('75')"},
        {trigger: ".o_form_view div[name='result'] .text-bg-success"},
        {
            trigger: ".o_form_view button[name='action_complete']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='done']",
        },
    ],
});
