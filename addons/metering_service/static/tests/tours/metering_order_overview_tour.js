import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("metering_order_overview", {
    steps: () => [
        {
            content: "The orders open as a kanban board",
            trigger: ".o_kanban_view .o_kanban_record",
        },
        {
            content: "Open the team leader's overview of overdue work",
            trigger:
                ".o_main_navbar [data-menu-xmlid='metering_service.menu_field_work']",
            run: "click",
        },
        {
            trigger:
                ".dropdown-menu [data-menu-xmlid='metering_service.fsm_order_menu_overdue']",
            run: "click",
        },
        {
            content: "Overdue orders are grouped by type",
            trigger: ".o_list_view .o_group_header",
            run: "click",
        },
        {
            content: "The overdue order is listed",
            trigger: ".o_list_view .o_data_row.text-danger",
        },
        {
            content: "Switch to the graph",
            trigger: ".o_switch_view.o_graph",
            run: "click",
        },
        {
            trigger: ".o_graph_view .o_graph_renderer canvas",
        },
    ],
});
