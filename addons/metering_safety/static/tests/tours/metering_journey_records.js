/** @odoo-module **/
// Copyright 2026 Metering Compliance Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {menu, noEnglish} from "@metering_safety/../tests/tours/metering_journey_common";
import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_utils";

const CONFIDENTIALITY = "metering_safety.menu_confidentiality";

function openRow(text) {
    return {
        content: `Open ${text}`,
        trigger: `.o_data_row:contains('${text}') td.o_data_cell`,
        run: "click",
    };
}

// The records officer lands on the grants to review and approves one,
// classifies a document, reads the access log by pivot, requests a
// destruction, looks at the backup and media registers and opens a security
// study.
registry.category("web_tour.tours").add("metering_journey_records", {
    steps: () => [
        {
            content: "The records officer lands on the grants to review",
            trigger: ".o_list_view .o_data_row:contains('2026年计量统计')",
        },
        noEnglish("the grants to review"),
        openRow("2026年计量统计"),
        {
            trigger: ".o_form_view button[name='action_approve']",
        },
        noEnglish("the requested grant"),
        {
            content: "Approve the grant",
            trigger: ".o_form_view button[name='action_approve']",
            run: "click",
        },
        {
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='approved']",
        },
        noEnglish("the approved grant"),
        ...menu(CONFIDENTIALITY, "metering_safety.menu_confidentiality_documents"),
        {
            content: "Open the statistics",
            trigger: ".o_kanban_record:contains('2026年计量统计')",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name='classification_level_id'] input",
        },
        // its MIME type ("application/pdf") is a value, the same in every
        // language; the test filed it as the system user (OdooBot)
        noEnglish("the document", ["application", "OdooBot"]),
        {
            content: "Classify it secret",
            trigger: ".o_form_view div[name='classification_level_id'] input",
            run: "edit 机密",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('机密')",
            run: "click",
        },
        ...stepUtils.saveForm(),
        noEnglish("the classified document", ["application", "OdooBot"]),
        ...menu(CONFIDENTIALITY, "metering_safety.metering_document_access_log_menu"),
        {
            content: "The access log by pivot",
            trigger: ".o_control_panel .o_switch_view.o_pivot",
            run: "click",
        },
        {
            trigger: ".o_pivot_view .o_pivot",
        },
        noEnglish("the access log pivot"),
        ...menu(CONFIDENTIALITY, "metering_safety.metering_document_destruction_menu"),
        {
            content: "Open the destruction to request",
            trigger: ".o_list_view .o_data_row:first td.o_data_cell",
            run: "click",
        },
        {
            trigger: ".o_form_view button[name='action_request']",
        },
        noEnglish("the destruction to request"),
        {
            content: "Request the destruction",
            trigger: ".o_form_view button[name='action_request']",
            run: "click",
        },
        {
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='requested']",
        },
        noEnglish("the requested destruction"),
        ...menu(CONFIDENTIALITY, "metering_safety.metering_backup_record_menu"),
        {
            trigger: ".o_list_view .o_data_row:contains('文档库全量备份')",
        },
        noEnglish("the backup register"),
        openRow("文档库全量备份"),
        {
            trigger: ".o_form_view div[name='location']",
        },
        noEnglish("the backup"),
        ...menu(CONFIDENTIALITY, "metering_safety.metering_removable_medium_menu"),
        {
            trigger: ".o_list_view .o_data_row:contains('U盘-01')",
        },
        noEnglish("the media register"),
        ...menu(CONFIDENTIALITY, "metering_safety.metering_security_study_menu"),
        openRow("信息安全保密规定学习"),
        {
            trigger: ".o_form_view div[name='attendee_ids'] .o_data_row:contains('李强')",
        },
        noEnglish("the security study"),
    ],
});
