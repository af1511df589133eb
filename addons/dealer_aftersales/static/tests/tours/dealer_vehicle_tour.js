import { registry } from "@web/core/registry";

// A service advisor registers a customer vehicle from the vehicle list.
registry.category("web_tour.tours").add("dealer_aftersales_vehicle_tour", {
    url: "/odoo/action-dealer_aftersales.dealer_vehicle_action",
    steps: () => [
        {
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=license_plate] input",
            run: "edit 粤A·T0001",
        },
        {
            trigger: ".o_field_widget[name=vin] input",
            run: "edit lvgbe40k9pg000001",
        },
        {
            trigger: ".o_field_widget[name=model_id] input",
            run: "edit Tour Sedan",
        },
        {
            trigger: ".ui-autocomplete .dropdown-item:contains(Tour Sedan)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit 赵敏",
        },
        {
            trigger: ".ui-autocomplete .dropdown-item:contains(赵敏)",
            run: "click",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_breadcrumb .active:contains(粤A·T0001)",
        },
        {
            trigger: ".o_field_widget[name=vin] input:value(LVGBE40K9PG000001)",
        },
        {
            // saved: nothing left to save (the tour must not end on a dirty form)
            trigger: ".o_form_view .o_form_status_indicator:not(:has(.o_form_status_indicator_buttons:not(.invisible)))",
        },
    ],
});
