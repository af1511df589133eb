import { registry } from "@web/core/registry";

// One tour per demo login, on the demo store as `make demo` builds it (tests/test_demo_tours.py):
// each logs in with the README's login and password, lands on its role's home and does its
// day's first thing, in Chinese.
const tours = registry.category("web_tour.tours");

// 服务顾问: today's reception, then a walk-in received in one step (接车开单) from the plate.
tours.add("dealer_demo_advisor_tour", {
    steps: () => [
        { trigger: ".o_control_panel .o_breadcrumb:contains(今日接待)" },
        { trigger: ".o_list_view .o_data_row:contains(粤A·A4511)" },
        { trigger: ".o_control_panel button:contains(接车开单)", run: "click" },
        { trigger: ".modal .o_field_widget[name=query] input", run: "edit 粤A·N2248" },
        { trigger: ".modal .o_field_widget[name=mileage_in] input", run: "edit 15230" },
        { trigger: ".modal .o_field_widget[name=vehicle_id] input:value(N2248)" },
        { trigger: ".modal button[name=action_open_repair]", run: "click" },
        { trigger: ".o_form_view .o_field_widget[name=vehicle_id] input:value(N2248)" },
        { trigger: ".o_form_view button[name=action_validate]" },
    ],
});

// 技师: their jobs on the workshop board; the running basic service paused, the brake job started.
const myCard = (job) => `.o_kanban_record:contains(${job})`;
tours.add("dealer_demo_technician_tour", {
    steps: () => [
        { trigger: ".o_control_panel .o_breadcrumb:contains(车间看板)" },
        { trigger: `${myCard("基础保养套餐")} .o_dealer_job_timer[data-running='1']` },
        { trigger: `${myCard("基础保养套餐")} button[name=action_pause]`, run: "click" },
        { trigger: `${myCard("基础保养套餐")} .o_dealer_job_timer:not([data-running='1'])` },
        { trigger: `${myCard("更换前刹车片")} button[name=action_start]`, run: "click" },
        { trigger: `${myCard("更换前刹车片")} .o_dealer_job_timer[data-running='1']` },
    ],
});

// The second technician, on the workshop's tablet: the air-conditioning check started.
tours.add("dealer_demo_technician_tablet_tour", {
    steps: () => [
        { trigger: `.o_dealer_workshop_tablet ${myCard("空调系统检查")} .o_dealer_board_plate:contains(粤A·D20418)` },
        { trigger: `.o_dealer_workshop_tablet ${myCard("空调系统检查")} button[name=action_start]`, run: "click" },
        { trigger: `.o_dealer_workshop_tablet ${myCard("空调系统检查")} .o_dealer_job_timer[data-running='1']` },
    ],
});

// 车间主管: the final inspection (终检) of a finished order, passed; the hand-over comes next.
tours.add("dealer_demo_foreman_tour", {
    steps: () => [
        { trigger: ".o_form_view button[name=action_qc_pass]", run: "click" },
        { trigger: ".o_form_view:not(:has(button[name=action_qc_pass]))" },
        { trigger: ".o_form_view button[name=action_dealer_deliver]" },
    ],
});

// 配件: the parts desk (parts asked for and not in stock), then its pivot.
tours.add("dealer_demo_parts_tour", {
    steps: () => [
        { trigger: ".o_control_panel .o_breadcrumb:contains(配件工作台)" },
        { trigger: ".o_list_view .o_data_row" },
        { trigger: ".o_control_panel .o_switch_view.o_pivot", run: "click" },
        { trigger: ".o_pivot .o_pivot_cell_value" },
    ],
});

// 售后会计: the orders to invoice (their home); then one of them invoiced (an invoice per payer)
// and its invoices posted in one step.
tours.add("dealer_demo_accountant_tour", {
    steps: () => [
        { trigger: ".o_control_panel .o_breadcrumb:contains(待开票工单)" },
        { trigger: ".o_list_view .o_data_row" },
    ],
});
tours.add("dealer_demo_accountant_invoice_tour", {
    steps: () => [
        { trigger: ".o_form_view button[name=action_dealer_invoice]", run: "click" },
        { trigger: ".o_list_renderer .o_data_row" },
    ],
});
tours.add("dealer_demo_accountant_post_tour", {
    steps: () => [
        { trigger: ".o_form_view button[name=action_dealer_post_moves]", run: "click" },
        { trigger: ".o_form_view:not(:has(button[name=action_dealer_post_moves]))" },
    ],
});

// 客户 in the portal: their repair orders and where each stands.
tours.add("dealer_demo_customer_tour", {
    steps: () => [
        { trigger: "a[href='/my/repairs']", run: "click" },
        { trigger: "table:contains(待质检)" },
    ],
});
