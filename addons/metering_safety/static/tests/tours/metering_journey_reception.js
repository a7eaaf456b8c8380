/** @odoo-module **/
// Copyright 2026 Metering Compliance Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {answerAllCards, menu, noEnglish} from "@metering_safety/../tests/tours/metering_journey_common";
import {registry} from "@web/core/registry";

const SHOWCASE = "metering_showcase.menu_showcase";
const SCHOOL = "江北实验中学";
// the nine items of the delivered hall readiness checklist
const READINESS_ITEMS = 9;

// The reception lead lands on her tours, finds the requested visit among
// the visits (kanban and calendar), accepts it, has the staff proposed and
// checks the hall on its readiness checklist.
registry.category("web_tour.tours").add("metering_journey_reception", {
    steps: () => [
        {
            content: "The reception lead lands on her work in Metering",
            trigger: ".o_main_navbar .o_menu_brand:contains('计量')",
        },
        {
            trigger: ".o_action_manager .o_view_controller",
        },
        noEnglish("the reception's home"),
        ...menu(SHOWCASE, "metering_showcase.metering_showcase_visit_menu"),
        {
            content: "The visits, as cards",
            trigger: `.o_kanban_view .o_kanban_record:contains('${SCHOOL}')`,
        },
        noEnglish("the visits"),
        {
            content: "The visits on their calendar",
            trigger: ".o_control_panel .o_switch_view.o_calendar",
            run: "click",
        },
        {
            trigger: ".o_calendar_view .o_calendar_renderer",
        },
        noEnglish("the visit calendar"),
        {
            content: "Back to the cards",
            trigger: ".o_control_panel .o_switch_view.o_kanban",
            run: "click",
        },
        {
            content: `Open the visit of ${SCHOOL}`,
            trigger: `.o_kanban_view .o_kanban_record:contains('${SCHOOL}')`,
            run: "click",
        },
        {
            trigger: ".o_form_view button[name='action_accept']",
        },
        noEnglish("the requested visit"),
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
            content: "The narrator and the photographer are proposed",
            trigger:
                "div[name='assignment_ids'] .o_data_row:contains('讲解员王丽') ~ .o_data_row:contains('摄影师李明'), div[name='assignment_ids'] .o_data_row:contains('摄影师李明') ~ .o_data_row:contains('讲解员王丽')",
        },
        noEnglish("the staffed visit"),
        {
            content: "Open the hall readiness checklist",
            trigger: ".o_form_view button[name='action_open_checklists']",
            run: "click",
        },
        ...answerAllCards(READINESS_ITEMS, 0),
        noEnglish("the hall readiness checklist"),
        {
            content: "Back to the visit",
            trigger: `.o_breadcrumb .breadcrumb-item:not(:first-child) a:contains('${SCHOOL}')`,
            run: "click",
        },
        {
            trigger: ".o_form_view button[name='action_start']",
        },
        noEnglish("the visit ready to start"),
    ],
});
