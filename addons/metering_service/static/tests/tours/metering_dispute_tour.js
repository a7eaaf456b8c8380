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
            // the customer's metering point is a contact of his too, named
            // "Tour Customer, Tour flat": the customer himself is the one
            // without a comma, whichever the search lists first
            content: `Choose ${text}`,
            trigger: `.o-autocomplete--dropdown-item a:contains('${text}'):not(:contains(','))`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("metering_dispute_clerk", {
    steps: () => [
        {
            content: "Title of the request",
            trigger: ".o_form_view div[name='name'] input",
            run: "edit My meter runs fast",
        },
        {
            trigger: "div[name='description'] div.odoo-editor-editable",
            run: "click",
        },
        {
            content: "What the customer says",
            trigger: "div[name='description'] div.odoo-editor-editable",
            run: "editor Bill doubled since March",
        },
        ...pick("partner_id", "Tour Customer"),
        ...pick("category_id", "Tour disputes"),
        ...pick("location_id", "Tour flat"),
        ...pick("equipment_id", "Tour meter"),
        ...stepUtils.saveForm(),
        {
            content: "Create the verification order in one click",
            trigger: "button[name='action_create_fsm_order']",
            run: "click",
        },
        {
            content: "The verification order opens with its verification page",
            trigger: ".o_form_view .o_notebook_headers a[name='verification']",
        },
    ],
});

registry.category("web_tour.tours").add("metering_dispute_technician", {
    steps: () => [
        {
            content: "Open the verification page",
            trigger: ".o_notebook_headers a[name='verification']",
            run: "click",
        },
        {
            content: "Add a test point",
            trigger: "div[name='test_point_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: "div[name='test_point_ids'] .o_data_row td[name='name'] input",
            run: "edit Ib cos φ=1.0",
        },
        {
            trigger: "div[name='test_point_ids'] .o_data_row td[name='error_percent'] input",
            run: "edit 2.6",
        },
        ...stepUtils.saveForm(),
        {
            content: "The meter is out of tolerance",
            trigger: "div[name='test_verdict'] .text-bg-danger",
        },
    ],
});

registry.category("web_tour.tours").add("metering_adjustment_leader", {
    steps: () => [
        {
            content: "Approve the calculation as team leader",
            trigger: "button[name='action_approve_leader']",
            run: "click",
        },
        {
            content: "It waits for the center manager",
            trigger: ".o_statusbar_status button[data-value='leader_approved'].o_arrow_button_current",
        },
    ],
});

registry.category("web_tour.tours").add("metering_adjustment_manager", {
    steps: () => [
        {
            content: "Give the final approval",
            trigger: "button[name='action_approve_manager']",
            run: "click",
        },
        {
            content: "The calculation is approved",
            trigger: ".o_statusbar_status button[data-value='approved'].o_arrow_button_current",
        },
    ],
});
