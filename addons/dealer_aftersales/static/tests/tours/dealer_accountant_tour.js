import { registry } from "@web/core/registry";

// The accountant invoices a repaired accident order paid by the insurer and the customer: one
// invoice per payer.
registry.category("web_tour.tours").add("dealer_aftersales_invoice_tour", {
    steps: () => [
        { trigger: ".o_form_view button[name=action_dealer_invoice]", run: "click" },
        { trigger: ".o_list_renderer .o_data_row:nth-child(2)" },
        { trigger: ".o_list_renderer:not(:has(.o_data_row:nth-child(3)))" },
    ],
});

// Then applies the insurer's remittance: every line is checked, then all are settled.
registry.category("web_tour.tours").add("dealer_aftersales_remittance_tour", {
    steps: () => [
        { trigger: ".o_form_view button[name=action_apply]", run: "click" },
        { trigger: ".o_form_view:not(:has(button[name=action_apply]))" },
    ],
});
