import { registry } from "@web/core/registry";

// The store manager opens the store's KPI dashboard, then the KPI snapshots behind it (a pivot
// of the months, then the list with its traffic lights), keeps the critical ones, and
// drills into the red repair-order count: the repair orders behind it.
registry.category("web_tour.tours").add("dealer_kpi_manager_tour", {
    url: "/odoo/dashboards",
    steps: () => [
        // The store's KPI dashboard (a spreadsheet) opens on the month just closed.
        { trigger: ".o_search_panel_category_value[data-name='门店 KPI']", run: "click" },
        { trigger: ".o_search_panel_category_value.active[data-name='门店 KPI']" },
        { trigger: ".o_spreadsheet_dashboard_action .o-spreadsheet .o-grid" },
        // Then the snapshots behind it.
        {
            trigger: ".o_spreadsheet_dashboard_action",
            run() {
                window.location.href = "/odoo/action-dealer_kpi.dealer_kpi_snapshot_action";
            },
            expectUnloadPage: true,
        },
        { trigger: ".o_pivot_view .o_pivot" },
        { trigger: ".o_switch_view.o_list", run: "click" },
        { trigger: ".o_list_renderer .o_data_row" },
        { trigger: ".o_searchview_dropdown_toggler", run: "click" },
        { trigger: ".o_filter_menu .o-dropdown-item:contains(严重)", run: "click" },
        { trigger: ".o_searchview_facet:contains(严重)" },
        { trigger: ".o_data_row.text-danger td[name=kpi_id]:contains(进厂台次)" },
        { trigger: ".o_data_row:has(td[name=kpi_id]:contains(进厂台次)) button[name=action_drilldown]", run: "click" },
        { trigger: ".o_breadcrumb .active" },
        { trigger: ".o_list_renderer .o_data_row td[name=name]:contains(WH/)" },
    ],
});
