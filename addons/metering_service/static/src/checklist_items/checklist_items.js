/** @odoo-module **/
// Copyright 2026 Metering Compliance Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {SelectionField, selectionField} from "@web/views/fields/selection/selection_field";
import {X2ManyField, x2ManyField} from "@web/views/fields/x2many/x2many_field";
import {ListRenderer} from "@web/views/list/list_renderer";

/**
 * The items of a checklist template as a quotation's lines: "Add a line" and
 * "Add a section" (the list's <control>), a section row is its heading alone,
 * edited in place across the row, without the answer's columns (kind,
 * range, mandatory...). Odoo's section_and_note_one2many lives in the
 * accounting app, which the metering center does not install: this is its
 * part that a template needs.
 */
export class ChecklistItemsListRenderer extends ListRenderer {
    setup() {
        super.setup();
        this.titleField = "name";
    }

    isSection(record) {
        return record.data.display_type === "line_section";
    }

    getRowClass(record) {
        const classes = super.getRowClass(record);
        return this.isSection(record)
            ? `${classes} o_is_line_section o_metering_checklist_section fw-bold`
            : classes;
    }

    getColumns(record) {
        const columns = super.getColumns(record);
        if (!this.isSection(record)) {
            return columns;
        }
        const kept = columns.filter(
            (col) => col.widget === "handle" || col.name === this.titleField
        );
        return kept.map((col) =>
            col.name === this.titleField
                ? {...col, colspan: columns.length - kept.length + 1}
                : {...col}
        );
    }

    isSortable() {
        // the order of the lines is their sequence, as on a quotation
        return false;
    }
}

export class ChecklistItemsField extends X2ManyField {
    static components = {...X2ManyField.components, ListRenderer: ChecklistItemsListRenderer};
}

registry.category("fields").add("metering_checklist_items", {
    ...x2ManyField,
    component: ChecklistItemsField,
    additionalClasses: [...(x2ManyField.additionalClasses || []), "o_field_one2many"],
});

// The answers a condition may wait for, by the kind of the item it is about
// (CONDITIONS_BY_KIND of metering.checklist.item, which the server enforces).
const CONDITIONS_BY_KIND = {
    pass_fail: ["pass", "fail"],
    yes_no_na: ["yes", "no", "na"],
    number: ["pass", "fail"],
    choice: ["choice"],
    text: ["pass"],
    photo: ["pass"],
    signature: ["pass"],
};

/** The answers of the item a condition is about, as that item reads them. */
export class ConditionValueField extends SelectionField {
    get options() {
        const kind = this.props.record.data.condition_kind;
        const allowed = CONDITIONS_BY_KIND[kind] || [];
        const labels = {
            number: {pass: _t("Within the range"), fail: _t("Out of the range")},
            text: {pass: _t("Given")},
            photo: {pass: _t("Given")},
            signature: {pass: _t("Given")},
        }[kind] || {};
        return super.options
            .filter(([value]) => allowed.includes(value))
            .map(([value, label]) => [value, labels[value] || label]);
    }

    get string() {
        const value = this.props.record.data[this.props.name];
        const option = this.options.find((o) => o[0] === value);
        return option ? option[1] : "";
    }
}

registry.category("fields").add("metering_condition_value", {
    ...selectionField,
    component: ConditionValueField,
});
