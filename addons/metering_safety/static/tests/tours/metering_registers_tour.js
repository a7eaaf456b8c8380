/** @odoo-module **/
// Copyright 2026 Metering Compliance Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

function pick(field, text) {
    return [
        {
            trigger: `.o_form_view div[name='${field}'] input`,
            run: `edit ${text}`,
        },
        {
            trigger: `.o-autocomplete--dropdown-item:contains('${text}')`,
            run: "click",
        },
    ];
}

// The records officer registers the technician's USB drive for
// confidential data and checks it.
registry.category("web_tour.tours").add("metering_register_medium", {
    steps: () => [
        {
            trigger: ".o_form_view div[name='name'] input",
            run: "edit 保密U盘-01",
        },
        {
            trigger: ".o_form_view div[name='serial'] input",
            run: "edit SN-2026-0001",
        },
        ...pick("holder_id", "metering-technician"),
        ...pick("level_id", "Confidential"),
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
        {
            trigger: ".o_form_view button[name='action_check']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='last_checked_by_id']:contains('metering-records')",
        },
    ],
});

// The records officer records a backup onto that drive, then its
// verified restore test.
registry.category("web_tour.tours").add("metering_backup_restore_verified", {
    steps: () => [
        {
            trigger: ".o_form_view div[name='name'] input",
            run: "edit 文档库全量备份",
        },
        {
            trigger: ".o_form_view div[name='location'] input",
            run: "edit 保密室保险柜",
        },
        ...pick("medium_id", "保密U盘-01"),
        ...pick("level_id", "Confidential"),
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
        {
            trigger: ".o_form_view button[name='action_restore_passed']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='restore_result']:contains('Restored')",
        },
    ],
});

// The organizer records that the security study was held.
registry.category("web_tour.tours").add("metering_security_study_held", {
    steps: () => [
        {
            trigger: ".o_form_view button[name='action_hold']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Held')",
        },
    ],
});

// An attendee acknowledges for himself that he studied the rules.
registry.category("web_tour.tours").add("metering_security_study_acknowledge", {
    steps: () => [
        {
            trigger: ".o_form_view div[name='attendee_ids'] .o_data_row:contains('metering-technician') button[name='action_acknowledge']",
            run: "click",
        },
        {
            trigger: ".o_form_view div[name='attendee_ids'] .o_data_row:contains('metering-technician'):not(:has(button[name='action_acknowledge']))",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='acknowledged_count']:contains('1')",
        },
    ],
});
