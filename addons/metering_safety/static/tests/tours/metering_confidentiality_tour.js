/** @odoo-module **/
// Copyright 2026 Metering Compliance Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// The records officer classifies a document secret.
registry.category("web_tour.tours").add("metering_classify_document", {
    steps: () => [
        {
            trigger: ".o_form_view div[name='classification_level_id'] input",
            run: "edit Secret",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Secret')",
            run: "click",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
    ],
});

// The records officer approves a need-to-know grant.
registry.category("web_tour.tours").add("metering_approve_grant", {
    steps: () => [
        {
            trigger: ".o_form_view button[name='action_approve']",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Approved')",
        },
    ],
});

// The grantee opens the document he needs to know: he may read it, not
// download it.
registry.category("web_tour.tours").add("metering_read_granted_document", {
    steps: () => [
        {
            trigger: ".o_form_view .o_field_widget[name='name']:contains('CLASSIFIED-relay-settings'), .o_form_view .o_field_widget[name='name'] input",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='metering_access']:contains('Read and Preview')",
        },
    ],
});

// A destruction is requested and approved by the records officer.
registry.category("web_tour.tours").add("metering_destruction_officer", {
    steps: () => [
        {
            trigger: ".o_form_view button[name='action_request']",
            run: "click",
        },
        {
            trigger: ".o_form_view button[name='action_approve']",
            run: "click",
        },
        {
            trigger: ".o_form_view button[name='action_execute']",
            run: "click",
        },
        {
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Destroyed')",
        },
    ],
});
