import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("metering_service_leader_opens_app", {
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
            content: "The app opens with the service desk menu of a team leader",
            trigger: "button[data-menu-xmlid='metering_service.menu_service_desk']",
        },
        {
            content: "Open the Field Work menu",
            trigger: "button[data-menu-xmlid='metering_service.menu_field_work']",
            run: "click",
        },
        {
            content: "Open the work orders",
            trigger: "a[data-menu-xmlid='metering_service.fsm_order_menu']",
            run: "click",
        },
        {
            content: "Work orders are shown by stage",
            trigger: ".o_kanban_view .o_kanban_group",
        },
        {
            content: "The team menu is there for a team leader",
            trigger: "button[data-menu-xmlid='metering_service.menu_team']",
        },
    ],
});
