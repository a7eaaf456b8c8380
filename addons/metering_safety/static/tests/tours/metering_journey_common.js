/** @odoo-module **/
// Copyright 2026 Metering Compliance Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// Steps shared by the journey tours of each role (issue 10).

// Latin words that may show on a Chinese page (the tours' own data is named
// in Chinese, and record codes such as FO007 or AQ/2026/0003 are shorter
// than four letters).
const ALLOWED = new Set([
    // the unit of energy, written so in Chinese too (refund calculations)
    "kWh",
]);

/**
 * A step that fails when the visible text of the action (views, dialogs
 * included) holds a run of 4+ Latin letters that is not allowed: a label
 * left untranslated on the page a user walks.
 *
 * @param {string} page what the page is, for the failure message
 * @param {string[]} allow words the page itself brings (the tour data's names)
 */
export function noEnglish(page, allow = [], {inDialog = false} = {}) {
    return {
        content: `No untranslated label on ${page}`,
        // while a dialog is open, a step's trigger is in the dialog
        trigger: inDialog ? ".modal .modal-body" : ".o_action_manager",
        run() {
            const allowed = new Set([...ALLOWED, ...allow]);
            const roots = [
                document.querySelector(".o_action_manager"),
                ...document.querySelectorAll(".modal"),
            ].filter(Boolean);
            const found = new Set();
            for (const root of roots) {
                const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    const element = node.parentElement;
                    if (!element || !element.checkVisibility()) {
                        continue;
                    }
                    if (element.closest(".o_field_html, .o-mail-Chatter, script, style")) {
                        // what people wrote, not labels
                        continue;
                    }
                    if (element.closest(".o_field_url, .o_field_CopyClipboardChar")) {
                        // addresses (a visit's link for its visitors), the
                        // same in every language
                        continue;
                    }
                    for (const word of node.textContent.match(/[A-Za-z]{4,}/g) || []) {
                        if (!allowed.has(word)) {
                            // where it is: the field, or the element
                            const field = element.closest("[name]");
                            const where = field
                                ? field.getAttribute("name")
                                : `${element.tagName.toLowerCase()}.${element.className}`;
                            found.add(`${word} (${where})`);
                        }
                    }
                }
                for (const input of root.querySelectorAll("input[placeholder], textarea[placeholder]")) {
                    if (!input.checkVisibility()) {
                        continue;
                    }
                    for (const word of input.placeholder.match(/[A-Za-z]{4,}/g) || []) {
                        if (!allowed.has(word)) {
                            found.add(`${word} (placeholder)`);
                        }
                    }
                }
            }
            if (found.size) {
                throw new Error(
                    `Untranslated labels on ${page}: ${[...found].sort().join(", ")}`
                );
            }
        },
    };
}

/** Open a menu of the Metering app from the navigation bar. */
export function menu(section, item) {
    return [
        {
            content: `Open the ${section} menu`,
            trigger: `.o_main_navbar button[data-menu-xmlid='${section}']`,
            run: "click",
        },
        {
            content: `Open ${item}`,
            trigger: `.o-dropdown--menu a[data-menu-xmlid='${item}']`,
            run: "click",
        },
    ];
}

/**
 * Answer every card of the checklist that is open, as passed: one step per
 * card, waiting each time for the progress to count it.
 *
 * @param {number} total the items to answer
 * @param {number} number the value to type into a number card
 */
export function answerAllCards(total, number) {
    const steps = [
        {
            content: "The checklist opens on its cards, nothing answered",
            trigger: `.o_metering_checklist_count:contains('0/${total}')`,
        },
    ];
    for (let done = 1; done <= total; done++) {
        steps.push(
            {
                content: `Answer card ${done}`,
                trigger: ".o_metering_checklist_card.o_metering_card_unanswered",
                run() {
                    const card = document.querySelector(
                        ".o_metering_checklist_card.o_metering_card_unanswered"
                    );
                    const button = card.querySelector(
                        "button[data-value='pass'], button[data-value='yes']"
                    );
                    if (button) {
                        button.click();
                        return;
                    }
                    const input = card.querySelector(".o_metering_card_number input");
                    input.value = String(number);
                    input.dispatchEvent(new Event("input", {bubbles: true}));
                    input.dispatchEvent(new Event("change", {bubbles: true}));
                },
            },
            {
                content: `${done} of ${total} answered`,
                trigger: `.o_metering_checklist_count:contains('${done}/${total}')`,
            }
        );
    }
    steps.push({
        content: "Nothing blocks the completion any more",
        trigger: ".o_metering_checklist_ready",
    });
    return steps;
}

/** Sign on Odoo's signature pad that is open in a dialog. */
export function signInDialog() {
    return [
        {
            content: "Sign with a stroke of the finger",
            trigger: ".modal canvas.o_web_sign_signature",
            run() {
                const canvas = document.querySelector(".modal canvas.o_web_sign_signature");
                const box = canvas.getBoundingClientRect();
                const at = (x, y, type) =>
                    canvas.dispatchEvent(
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
                at(0.2, 0.5, "pointerdown");
                for (let step = 1; step <= 10; step++) {
                    at(0.2 + step * 0.06, 0.5 + (step % 2 ? 0.2 : -0.2), "pointermove");
                }
                at(0.8, 0.5, "pointerup");
            },
        },
        {
            content: "Adopt the signature",
            trigger: ".modal .modal-footer .btn-primary:enabled",
            run: "click",
        },
    ];
}
