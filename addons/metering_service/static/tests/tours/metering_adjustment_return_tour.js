import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("metering_adjustment_return", {
    steps: () => [
        {
            content: "Refuse the submitted calculation",
            trigger: ".o_statusbar_buttons button[type='action']",
            run: "click",
        },
        {
            content: "Say what the author must correct",
            trigger: ".modal div[name='reason'] textarea",
            run: "edit The tariff of 2025 was applied.",
        },
        {
            content: "Send it back",
            trigger: ".modal button[name='action_return']",
            run: "click",
        },
        {
            content: "The calculation is a draft again",
            trigger: ".o_statusbar_status button[data-value='draft'].o_arrow_button_current",
        },
        {
            content: "The return is counted",
            trigger: "div[name='return_count'] span:contains('1')",
        },
    ],
});
