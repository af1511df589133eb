{
    "name": "Dealer After-Sales KPIs",
    "summary": "The after-sales KPIs of a 4S dealership: definitions, targets, dashboards, exports",
    "version": "18.0.1.0.0",
    "category": "Inventory/After-Sales",
    "license": "LGPL-3",
    "author": "Dealer After-Sales developers",
    "website": "https://github.com/dealer-aftersales/dealer-aftersales",
    "depends": ["dealer_aftersales"],
    "data": [
        "security/ir.model.access.csv",
        "data/dealer_kpi_definition_data.xml",
        "views/dealer_kpi_definition_views.xml",
        "views/dealer_kpi_menus.xml",
    ],
    "installable": True,
}
