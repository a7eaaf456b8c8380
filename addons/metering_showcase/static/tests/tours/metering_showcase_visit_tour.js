// Copyright 2026 Metering Compliance Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// The nine items of the delivered hall readiness checklist, answered by
// position (the UI may be in any language).
const READINESS_ITEM_COUNT = 9;

function pass(index) {
    // one card per question (the suite's checklist screen)
    return [
        {
            content: `Answer item ${index + 1}`,
            trigger: `.o_metering_checklist_card:eq(${index}) button[data-value='pass']`,
            run: "click",
        },
        {
            trigger: `.o_metering_checklist_count:contains('${index + 1}/${READINESS_ITEM_COUNT}')`,
        },
    ];
}

// The reception lead accepts a request, staffs it (a double booking is
// refused), checks the hall, starts the visit and closes it.
registry.category("web_tour.tours").add("metering_showcase_lead_runs_visit", {
    steps: () => [
        {
            content: "Accept the request",
            trigger: ".o_form_view button[name='action_accept']",
            run: "click",
        },
        {
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='confirmed']",
        },
        {
            content: "Propose the staff",
            trigger: ".o_form_view button[name='action_propose_staff']",
            run: "click",
        },
        {
            trigger: "div[name='assignment_ids'] .o_data_row:contains('Narrator Li')",
        },
        {
            content: "Add the narrator booked in the other visit",
            trigger: "div[name='assignment_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: "div[name='assignment_ids'] .o_selected_row div[name='role_id'] input",
            run: "click",
        },
        {
            // narrating, photographing: the two roles left in the test
            content: "Pick photographing (by position: the UI may be in any language)",
            trigger: ".o-autocomplete--dropdown-item:eq(1)",
            run: "click",
        },
        {
            trigger:
                "div[name='assignment_ids'] .o_selected_row div[name='employee_id'] input",
            run: "edit Narrator Wang",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Narrator Wang')",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "The double booking is refused, naming the other visit",
            trigger: ".modal .modal-body:contains('Narrator Wang'):contains('Other School')",
        },
        {
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_button_cancel",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_saved",
        },
        {
            content: "Open the readiness checklist",
            trigger: ".o_form_view button[name='action_open_checklists']",
            run: "click",
        },
        ...[...Array(READINESS_ITEM_COUNT).keys()].flatMap(pass),
        {
            trigger: ".o_metering_checklist_ready",
        },
        {
            content: "Back to the visit",
            trigger: ".o_breadcrumb .breadcrumb-item:not(:first-child) a:contains('Tour School')",
            run: "click",
        },
        {
            content: "Start the visit",
            trigger: ".o_form_view button[name='action_start']",
            run: "click",
        },
        {
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='in_progress']",
        },
        {
            content: "Close the visit",
            trigger: ".o_form_view button[name='action_done']",
            run: "click",
        },
        {
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='done']",
        },
    ],
});

// The visitors' contact rates the visit on its feedback page.
registry.category("web_tour.tours").add("metering_showcase_visitor_feedback", {
    steps: () => [
        ...["rating_reception", "rating_narration", "rating_exhibits", "rating_organisation"].map(
            (name) => ({
                content: `Rate ${name}`,
                trigger: `input[name='${name}'][value='5']`,
                run: "click",
            })
        ),
        {
            trigger: "textarea[name='feedback_comment']",
            run: "edit Very instructive",
        },
        {
            trigger: ".o_showcase_feedback button[type='submit']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: ".o_showcase_thanks",
        },
    ],
});
