import { registry } from "@web/core/registry";

// The demo store manager (manager / manager, tests/test_demo_tours.py): logs in and lands on the
// store's KPI dashboard, filled with the months the demo store has behind it.
registry.category("web_tour.tours").add("dealer_demo_manager_tour", {
    steps: () => [
        { trigger: ".o_search_panel_category_value.active[data-name='门店 KPI']" },
        { trigger: ".o_spreadsheet_dashboard_action .o-spreadsheet .o-grid" },
    ],
});
