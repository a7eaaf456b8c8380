/** @odoo-module **/
// Copyright 2026 Metering Compliance Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {Component, onWillStart, onWillUpdateProps, useState} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {SignatureDialog} from "@web/core/signature/signature_dialog";
import {x2ManyCommands} from "@web/core/orm_service";
import {imageUrl} from "@web/core/utils/urls";
import {useFileUploader} from "@web/core/utils/files";
import {useService} from "@web/core/utils/hooks";
import {standardFieldProps} from "@web/views/fields/standard_field_props";

const ANSWER_MODEL = "metering.checklist.answer";

/**
 * The checklist screen: one card per question of a checklist (the answers of
 * `answer_ids`), on the desktop and on the phone.
 *
 * Each answer is saved as soon as it is given (the per-item path: one write
 * of one answer, whose cost does not grow with the checklist), then the
 * checklist is reloaded: the server says what is shown (conditional items),
 * what passed and what still blocks the guarded stage. A failure that needs
 * a note or a photo waits for it before it is saved, as the server would
 * refuse it.
 */
export class ChecklistCards extends Component {
    static template = "metering_service.ChecklistCards";
    static props = {...standardFieldProps};

    setup() {
        this.orm = useService("orm");
        this.dialog = useService("dialog");
        this.uploadFiles = useFileUploader();
        // pending: values given but not saved yet (a failure waiting for its
        // note or photo); typed: numbers being typed, judged at once.
        this.state = useState({
            pending: {},
            typed: {},
            busy: false,
            choices: {},
            noteOpen: {},
        });
        onWillStart(() => this.loadChoices(this.props));
        onWillUpdateProps((nextProps) => this.loadChoices(nextProps));
    }

    // ------------------------------------------------------------------
    // What the screen shows
    // ------------------------------------------------------------------

    get list() {
        return this.props.record.data[this.props.name];
    }

    get answers() {
        return this.list.records;
    }

    /** The answers shown: a conditional item appears once its answer is given. */
    get shown() {
        return this.answers.filter((answer) => answer.data.is_applicable);
    }

    /** Cards grouped under their section headings, in the template's order. */
    get sections() {
        const sections = [];
        for (const answer of this.shown) {
            const name = answer.data.section_name || "";
            if (!sections.length || sections.at(-1).name !== name) {
                sections.push({name, key: `${sections.length}-${name}`, answers: []});
            }
            sections.at(-1).answers.push(answer);
        }
        return sections;
    }

    get progress() {
        const shown = this.shown;
        return {
            done: shown.filter((a) => a.data.result !== "unanswered").length,
            total: shown.length,
        };
    }

    get progressPercent() {
        const {done, total} = this.progress;
        return total ? Math.round((100 * done) / total) : 0;
    }

    /** What still blocks the guarded stage: mandatory items unanswered, critical ones failed. */
    get blocking() {
        return this.shown.filter(
            (a) =>
                (a.data.mandatory && a.data.result === "unanswered") ||
                (a.data.critical && a.data.result === "fail")
        );
    }

    get guardStage() {
        const stage = this.props.record.data.guard_stage_id;
        return stage && stage.display_name;
    }

    get blockingTitle() {
        if (this.guardStage) {
            return _t("Still blocking the stage %(stage)s:", {stage: this.guardStage});
        }
        return _t("Still blocking the completion:");
    }

    blockingLabel(answer) {
        return answer.data.result === "fail"
            ? _t("%(item)s (failed)", {item: answer.data.name})
            : answer.data.name;
    }

    selection(fieldName) {
        return this.list.fields[fieldName].selection;
    }

    /** The value of a field of an answer, as given on the screen. */
    value(answer, fieldName) {
        const pending = this.state.pending[answer.resId];
        if (pending && fieldName in pending) {
            return pending[fieldName];
        }
        return answer.data[fieldName];
    }

    isPending(answer) {
        return Boolean(this.state.pending[answer.resId]);
    }

    rangeLabel(answer) {
        const {has_min, has_max, min_value, max_value, unit} = answer.data;
        const suffix = unit ? ` ${unit}` : "";
        if (has_min && has_max) {
            return _t("Allowed: %(min)s – %(max)s%(unit)s", {
                min: min_value,
                max: max_value,
                unit: suffix,
            });
        }
        if (has_min) {
            return _t("Allowed: at least %(min)s%(unit)s", {min: min_value, unit: suffix});
        }
        if (has_max) {
            return _t("Allowed: at most %(max)s%(unit)s", {max: max_value, unit: suffix});
        }
        return "";
    }

    numberText(answer) {
        if (answer.resId in this.state.typed) {
            return this.state.typed[answer.resId];
        }
        const pending = this.state.pending[answer.resId];
        if (pending && "value_number" in pending) {
            return String(pending.value_number);
        }
        return answer.data.answered_on ? String(answer.data.value_number) : "";
    }

    numberPasses(answer, value) {
        const {has_min, has_max, min_value, max_value} = answer.data;
        return !((has_min && value < min_value) || (has_max && value > max_value));
    }

    /** The verdict shown on the card: the server's, or the one of what is being typed. */
    verdict(answer) {
        if (answer.resId in this.state.typed) {
            const text = this.state.typed[answer.resId].trim();
            const value = Number(text.replace(",", "."));
            if (!text || Number.isNaN(value)) {
                return "unanswered";
            }
            return this.numberPasses(answer, value) ? "pass" : "fail";
        }
        const pending = this.state.pending[answer.resId];
        if (pending) {
            return this.failsWith(answer, pending) ? "fail" : "pass";
        }
        return answer.data.result;
    }

    verdictLabel(answer) {
        return {
            unanswered: _t("To answer"),
            pass: _t("Passed"),
            fail: _t("Failed"),
            na: _t("Not Applicable"),
        }[this.verdict(answer)];
    }

    chosenId(answer) {
        const choice = this.value(answer, "choice_id");
        return choice && typeof choice === "object" ? choice.id : choice;
    }

    notePlaceholder(answer) {
        return this.needsNote(answer) ? _t("Explain the failure (required)") : _t("Note");
    }

    choicesOf(answer) {
        return this.state.choices[answer.data.item_id.id] || [];
    }

    attachments(answer) {
        return answer.data.attachment_ids.records;
    }

    signatureUrl(answer) {
        return imageUrl(ANSWER_MODEL, answer.resId, "signature", {
            unique: answer.data.write_date,
        });
    }

    needsNote(answer) {
        return (
            answer.data.fail_requires_note &&
            this.verdict(answer) === "fail" &&
            !(this.value(answer, "note") || "").trim()
        );
    }

    needsPhoto(answer) {
        return (
            answer.data.fail_requires_photo &&
            this.verdict(answer) === "fail" &&
            !this.attachments(answer).length
        );
    }

    showNote(answer) {
        return (
            this.state.noteOpen[answer.resId] ||
            this.verdict(answer) === "fail" ||
            Boolean(answer.data.note) ||
            answer.data.kind === "text"
        );
    }

    showPhoto(answer) {
        return (
            answer.data.kind === "photo" ||
            this.attachments(answer).length > 0 ||
            (answer.data.fail_requires_photo && this.verdict(answer) === "fail")
        );
    }

    // ------------------------------------------------------------------
    // Answering
    // ------------------------------------------------------------------

    async loadChoices(props) {
        const records = props.record.data[props.name].records;
        const itemIds = [
            ...new Set(
                records
                    .filter((a) => a.data.kind === "choice" && a.data.item_id)
                    .map((a) => a.data.item_id.id)
            ),
        ].filter((id) => !(id in this.state.choices));
        if (!itemIds.length) {
            return;
        }
        const choices = await this.orm.searchRead(
            "metering.checklist.choice",
            [["item_id", "in", itemIds]],
            ["item_id", "name", "is_failure"]
        );
        for (const id of itemIds) {
            this.state.choices[id] = choices.filter((c) => c.item_id[0] === id);
        }
    }

    /** Whether these values, given to an answer, make it fail. */
    failsWith(answer, vals) {
        const kind = answer.data.kind;
        if (kind === "pass_fail") {
            return (vals.value_pass_fail ?? answer.data.value_pass_fail) === "fail";
        }
        if (kind === "yes_no_na") {
            return (vals.value_yes_no ?? answer.data.value_yes_no) === "no";
        }
        if (kind === "number" && "value_number" in vals) {
            return !this.numberPasses(answer, vals.value_number);
        }
        if (kind === "choice" && "choice_id" in vals) {
            const choice = this.choicesOf(answer).find((c) => c.id === vals.choice_id);
            return Boolean(choice && choice.is_failure);
        }
        return answer.data.result === "fail";
    }

    /**
     * Give values to an answer: saved at once, unless it fails and its note
     * or photo is still missing (then kept on the card until they are given).
     * Answers given quickly one after the other are saved in turn.
     */
    answer(answer, vals) {
        if (this.props.readonly) {
            return Promise.resolve();
        }
        // a refused answer (its error shown) does not stop the next ones
        this.saving = (this.saving || Promise.resolve())
            .catch(() => {})
            .then(() => this.saveAnswer(answer, vals));
        return this.saving;
    }

    async saveAnswer(answer, vals) {
        const merged = {...(this.state.pending[answer.resId] || {}), ...vals};
        const fails = this.failsWith(answer, merged);
        const note = ("note" in merged ? merged.note : answer.data.note) || "";
        const photos = this.attachments(answer).length + (merged.photo_ids || []).length;
        if (
            fails &&
            ((answer.data.fail_requires_note && !note.trim()) ||
                (answer.data.fail_requires_photo && !photos))
        ) {
            this.state.pending[answer.resId] = merged;
            return;
        }
        const {photo_ids, ...values} = merged;
        if (photo_ids) {
            values.attachment_ids = photo_ids.map((id) => x2ManyCommands.link(id));
        }
        this.state.busy = true;
        try {
            await this.orm.write(ANSWER_MODEL, [answer.resId], values);
            delete this.state.pending[answer.resId];
            delete this.state.typed[answer.resId];
            await this.props.record.load();
        } finally {
            this.state.busy = false;
        }
    }

    onOpenNote(answer) {
        this.state.noteOpen[answer.resId] = true;
    }

    onTypeNumber(answer, ev) {
        this.state.typed[answer.resId] = ev.target.value;
    }

    async onChangeNumber(answer, ev) {
        const text = ev.target.value.trim();
        if (!text) {
            delete this.state.typed[answer.resId];
            return;
        }
        const value = Number(text.replace(",", "."));
        if (Number.isNaN(value)) {
            return;
        }
        await this.answer(answer, {value_number: value});
    }

    async onChangeText(answer, ev) {
        await this.answer(answer, {value_text: ev.target.value});
    }

    async onChangeNote(answer, ev) {
        const note = ev.target.value;
        if (!this.isPending(answer) && note === (answer.data.note || "")) {
            return;
        }
        await this.answer(answer, {note});
    }

    async onPhoto(answer, ev) {
        const files = [...ev.target.files];
        ev.target.value = null;
        if (!files.length) {
            return;
        }
        const uploaded = await this.uploadFiles("/web/binary/upload_attachment", {
            csrf_token: odoo.csrf_token,
            ufile: files,
            model: ANSWER_MODEL,
            id: answer.resId,
        });
        const ids = (uploaded || []).filter((f) => !f.error).map((f) => f.id);
        if (ids.length) {
            const pending = this.state.pending[answer.resId] || {};
            await this.answer(answer, {photo_ids: [...(pending.photo_ids || []), ...ids]});
        }
    }

    async onRemovePhoto(answer, attachment) {
        await this.answer(answer, {
            attachment_ids: [x2ManyCommands.unlink(attachment.resId)],
        });
    }

    onSign(answer) {
        if (this.props.readonly) {
            return;
        }
        this.dialog.add(SignatureDialog, {
            nameAndSignatureProps: {
                displaySignatureRatio: 3,
                signatureType: "signature",
                noInputName: true,
            },
            uploadSignature: ({signatureImage}) =>
                this.answer(answer, {signature: signatureImage.split(",")[1] || false}),
        });
    }
}

export const checklistCards = {
    component: ChecklistCards,
    displayName: _t("Checklist cards"),
    supportedTypes: ["one2many"],
    // The answers' fields come from the <list> inside the field in the form.
    useSubView: true,
};

registry.category("fields").add("metering_checklist_cards", checklistCards);
