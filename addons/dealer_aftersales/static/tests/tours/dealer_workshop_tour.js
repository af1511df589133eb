import { registry } from "@web/core/registry";

// A technician finds their job on the workshop board, starts it (the timer runs), pauses it
// (the timer stops), starts it again and finishes it (it leaves the open jobs).
const card = ".o_kanban_record:contains(四轮定位（巡检）)";

registry.category("web_tour.tours").add("dealer_aftersales_workshop_tour", {
    url: "/odoo/action-dealer_aftersales.dealer_repair_labor_action_board",
    steps: () => [
        { trigger: `${card} .o_dealer_job_timer[data-running='0']` },
        { trigger: `${card} button[name=action_start]`, run: "click" },
        { trigger: `${card} .o_dealer_job_timer[data-running='1']` },
        { trigger: `${card} button[name=action_pause]`, run: "click" },
        { trigger: `${card} .o_dealer_job_timer[data-running='0']` },
        { trigger: `${card} button[name=action_start]`, run: "click" },
        { trigger: `${card} .o_dealer_job_timer[data-running='1']` },
        { trigger: `${card} button[name=action_finish]`, run: "click" },
        { trigger: `.o_kanban_renderer:not(:has(${card}))` },
    ],
});
