import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("metering_showcase_reception_opens_calendar", {
    steps: () => [
        {
            content: "Open the home menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the Metering app from the home menu",
            trigger: ".o_app[data-menu-xmlid='metering_service.menu_root']",
            run: "click",
        },
        {
            content: "Open the Showcase menu",
            trigger: "button[data-menu-xmlid='metering_showcase.menu_showcase']",
            run: "click",
        },
        {
            content: "Open the tour calendar",
            trigger:
                "a[data-menu-xmlid='metering_showcase.calendar_event_menu_showcase_tour']",
            run: "click",
        },
        {
            content: "The exhibition hall tours are shown in a calendar",
            trigger: ".o_calendar_view",
        },
    ],
});
