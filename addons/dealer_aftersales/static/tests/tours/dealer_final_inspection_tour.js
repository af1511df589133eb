import { registry } from "@web/core/registry";

// The foreman opens a finished repair order, passes its final inspection (终检) and the order
// is ready for delivery: the inspection is recorded and the hand-over button appears.
registry.category("web_tour.tours").add("dealer_aftersales_final_inspection_tour", {
    steps: () => [
        { trigger: ".o_form_view button[name=action_qc_pass]", run: "click" },
        { trigger: ".o_form_view:not(:has(button[name=action_qc_pass]))" },
        { trigger: ".o_form_view button[name=action_dealer_deliver]" },
    ],
});
