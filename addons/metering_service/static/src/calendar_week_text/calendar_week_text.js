/** @odoo-module **/
// Copyright 2026 Metering Compliance Suite Authors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {CalendarCommonRenderer} from "@web/views/calendar/calendar_common/calendar_common_renderer";
import {loadBundle} from "@web/core/assets";
import {onWillStart} from "@odoo/owl";
import {patch} from "@web/core/utils/patch";

// FullCalendar's Chinese locale (and others) names the week only in short
// ("周"): its long label, shown at the top left of every week view (the tour
// calendar, the visits, the briefings), falls back to the English "Week",
// and the calendar option of that name is not read. The locale's own short
// word takes its place, before the calendar is built.
patch(CalendarCommonRenderer.prototype, {
    setup() {
        super.setup();
        onWillStart(async () => {
            await loadBundle("web.fullcalendar_lib");
            for (const locale of globalThis.FullCalendar?.globalLocales || []) {
                if (locale.weekText && !locale.weekTextLong) {
                    locale.weekTextLong = locale.weekText;
                }
            }
        });
    },
});
