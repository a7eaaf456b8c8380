/** @odoo-module **/
// Copyright 2026 Metering Compliance Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {Component, onMounted, onWillStart, onWillUnmount, useState} from "@odoo/owl";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";
import {user} from "@web/core/user";

/**
 * Emergency mode across the web client: while the company is in emergency
 * state, every metering user sees it in the systray, one click from it.
 */
export class EmergencySystray extends Component {
    static template = "metering_safety.EmergencySystray";
    static props = {};

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({emergencies: []});
        onWillStart(async () => {
            this.isMeteringUser =
                (await user.hasGroup("metering_service.group_service_clerk")) ||
                (await user.hasGroup("metering_service.group_field_technician"));
            await this.load();
        });
        // Declared or closed elsewhere: the badge follows without a reload.
        const bus = useService("bus_service");
        const onChanged = () => this.load();
        onMounted(() => bus.subscribe("metering_safety/emergency_changed", onChanged));
        onWillUnmount(() =>
            bus.unsubscribe("metering_safety/emergency_changed", onChanged)
        );
    }

    async load() {
        if (this.isMeteringUser) {
            this.state.emergencies = await this.orm.call(
                "metering.emergency",
                "get_active_emergencies",
                []
            );
        }
    }

    openEmergency(emergency) {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "metering.emergency",
            res_id: emergency.id,
            views: [[false, "form"]],
        });
    }
}

registry
    .category("systray")
    .add("metering_safety.EmergencySystray", {Component: EmergencySystray}, {sequence: 1});
