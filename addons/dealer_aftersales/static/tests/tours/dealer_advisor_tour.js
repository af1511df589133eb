import { registry } from "@web/core/registry";

// The service advisor books an appointment, receives the car (a repair order pre-filled from the
// appointment), writes the order with a labor line dispatched to a technician and a part, and
// confirms it.
const labor = "div[name=labor_line_ids]";
const parts = "div[name=move_ids]";

registry.category("web_tour.tours").add("dealer_aftersales_advisor_tour", {
    url: "/odoo/action-dealer_aftersales.dealer_appointment_action",
    steps: () => [
        { trigger: ".o_calendar_view" },
        { trigger: ".o_switch_view.o_list", run: "click" },
        { trigger: ".o_list_button_add", run: "click" },
        { trigger: ".o_field_widget[name=vehicle_id] input", run: "edit 粤A·D0001" },
        { trigger: ".ui-autocomplete .dropdown-item:contains(粤A·D0001)", run: "click" },
        { trigger: ".o_field_widget[name=partner_id] input:value(钱先生)" },
        { trigger: ".o_field_widget[name=start] input", run: "edit 2030-06-03 10:00:00" },
        { trigger: ".o_form_button_save", run: "click" },
        { trigger: ".o_form_view button[name=action_arrive]", run: "click" },
        { trigger: ".o_form_view .o_notebook .nav-link[name=dealer_labor]", run: "click" },
        { trigger: `${labor} .o_field_x2many_list_row_add a`, run: "click" },
        { trigger: `${labor} .o_selected_row .o_field_widget[name=operation_id] input`, run: "edit 更换机油" },
        { trigger: ".ui-autocomplete .dropdown-item:contains(更换机油机滤（巡检）)", run: "click" },
        { trigger: `${labor} .o_selected_row .o_field_widget[name=technician_ids] input`, run: "edit 派工技师" },
        { trigger: ".ui-autocomplete .dropdown-item:contains(派工技师)", run: "click" },
        { trigger: ".o_form_view .o_notebook .nav-link[name=parts]", run: "click" },
        { trigger: `${parts} .o_field_x2many_list_row_add a`, run: "click" },
        { trigger: `${parts} .o_selected_row .o_field_widget[name=product_id] input`, run: "edit 机油滤清器（巡检）" },
        { trigger: ".ui-autocomplete .dropdown-item:contains(机油滤清器（巡检）)", run: "click" },
        { trigger: ".o_form_button_save", run: "click" },
        { trigger: ".o_form_view button[name=action_validate]", run: "click" },
        { trigger: ".o_form_view button[name=action_repair_start]" },
    ],
});
