import { registry } from "@web/core/registry";

// 接车开单 with a service package, from the advisor's home: the plate, the odometer, one pick of
// the basic service (its labor and parts), confirmed. Every click is a step with run: "click";
// test_reception counts them (a standard maintenance order in under ten clicks).
const labor = "div[name=labor_line_ids]";

registry.category("web_tour.tours").add("dealer_aftersales_reception_tour", {
    url: "/odoo/action-dealer_aftersales.dealer_appointment_action_today",
    steps: () => [
        { trigger: ".o_list_view" },
        { trigger: ".o_control_panel button:contains(接车开单)", run: "click" },
        { trigger: ".modal .o_field_widget[name=query] input", run: "edit 粤ar0001" },
        { trigger: ".modal .o_field_widget[name=mileage_in] input", run: "edit 15230" },
        { trigger: ".modal .o_field_widget[name=partner_id] input:value(孙女士)" },
        { trigger: ".modal button[name=action_open_repair]", run: "click" },
        { trigger: ".o_form_view button[name=action_validate]" },
        { trigger: ".o_form_view .o_notebook .nav-link[name=dealer_labor]", run: "click" },
        { trigger: `${labor} .o_field_x2many_list_row_add a`, run: "click" },
        { trigger: `${labor} .o_selected_row .o_field_widget[name=operation_id] input`, run: "edit TCR" },
        { trigger: ".ui-autocomplete .dropdown-item:contains(接车基础保养套餐)", run: "click" },
        { trigger: ".o_form_button_save", run: "click" },
        { trigger: ".o_form_view button[name=action_validate]", run: "click" },
        { trigger: ".o_form_view button[name=action_repair_start]" },
    ],
});
