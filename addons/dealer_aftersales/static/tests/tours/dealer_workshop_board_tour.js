import { registry } from "@web/core/registry";

// The technician's tablet: their job's card with the car, and buttons a finger hits (44 px at
// least); started from the tablet, the job shows running.
const tabletCard = ".o_dealer_workshop_tablet .o_kanban_record:contains(看板巡检)";

// A step's run: its trigger (a button) is large enough to touch.
function assertTouchSize() {
    const { height, width } = this.anchor.getBoundingClientRect();
    if (height < 44 || width < 44) {
        throw new Error(`${this.anchor.name} is ${width}x${height}px: too small to touch`);
    }
}

registry.category("web_tour.tours").add("dealer_aftersales_workshop_tablet_tour", {
    url: "/odoo/action-dealer_aftersales.dealer_repair_labor_action_tablet",
    steps: () => [
        { trigger: `${tabletCard} .o_dealer_board_plate:contains(粤A·T0001)` },
        { trigger: `${tabletCard}:contains(Tour Brand Tour Sedan)` },
        { trigger: `${tabletCard} .o_dealer_board_late` },
        {
            trigger: `${tabletCard} button[name=action_start]`,
            run: assertTouchSize,
        },
        { trigger: `${tabletCard} button[name=action_start]`, run: "click" },
        { trigger: `${tabletCard} .o_dealer_job_timer[data-running='1']` },
        {
            trigger: `${tabletCard} button[name=action_pause]`,
            run: assertTouchSize,
        },
    ],
});

// The workshop's TV: full screen, no menu nor control panel, the jobs by state, read-only.
const tvCard = ".o_dealer_workshop_tv .o_kanban_record:contains(看板巡检)";

registry.category("web_tour.tours").add("dealer_aftersales_workshop_tv_tour", {
    url: "/odoo/action-dealer_aftersales.dealer_repair_labor_action_tv",
    steps: () => [
        // The card, with its plate, among the running jobs (read as text on the visible card: the
        // TV's large type may put a card's parts out of the screen).
        {
            trigger:
                ".o_dealer_workshop_tv .o_kanban_group:has(.o_dealer_job_timer[data-running='1']) .o_kanban_record:contains(看板巡检):contains(粤A·T0001)",
        },
        { trigger: `${tvCard}:has(.o_dealer_board_plate:contains(粤A·T0001))` },
        { trigger: `${tvCard}:has(.o_dealer_job_timer[data-running='1'])` },
        { trigger: `${tvCard}:has(.o_dealer_board_late)` },
        { trigger: `body:not(:has(.o_main_navbar)):not(:has(.o_control_panel))` },
        { trigger: `${tvCard}:not(:has(button))` },
    ],
});
