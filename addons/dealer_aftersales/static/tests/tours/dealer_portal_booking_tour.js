import { registry } from "@web/core/registry";

// A customer books a service appointment for their car in the portal.
registry.category("web_tour.tours").add("dealer_aftersales_portal_booking_tour", {
    url: "/my/appointments",
    steps: () => [
        {
            trigger: "a.o_dealer_book",
            run: "click",
        },
        {
            trigger: "form.o_dealer_booking_form select[name=service_type]",
            run: "select maintenance",
        },
        {
            trigger: "form.o_dealer_booking_form input[name=start]",
            run() {
                this.anchor.value = "2030-06-03T10:00";
            },
        },
        {
            trigger: "form.o_dealer_booking_form textarea[name=complaint]",
            run: "edit 到期保养，顺便看看空调",
        },
        {
            trigger: "button.o_dealer_submit",
            run: "click",
        },
        {
            trigger: ".o_dealer_booked",
        },
        {
            trigger: "td:contains(2030)",
        },
    ],
});
