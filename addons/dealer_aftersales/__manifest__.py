{
    "name": "Dealer After-Sales",
    "summary": "After-sales of Chinese car dealerships (4S stores): customer vehicles, "
    "odometer, service intervals, on Odoo's repair, stock and accounting",
    "version": "18.0.1.0.0",
    "category": "Inventory/After-Sales",
    "license": "LGPL-3",
    "author": "Dealer After-Sales developers",
    "website": "https://github.com/dealer-aftersales/dealer-aftersales",
    "depends": ["mail", "hr", "fleet", "repair", "stock_account", "base_import"],
    "data": [
        "security/dealer_aftersales_groups.xml",
        "security/ir.model.access.csv",
        "security/dealer_aftersales_security.xml",
        "data/fleet_vehicle_model_brand_data.xml",
        "data/dealer_aftersales_data.xml",
        "views/dealer_vehicle_views.xml",
        "views/dealer_vehicle_odometer_views.xml",
        "views/fleet_vehicle_model_brand_views.xml",
        "views/repair_order_views.xml",
        "views/dealer_workshop_views.xml",
        "views/dealer_aftersales_menus.xml",
    ],
    "demo": [
        "demo/res_company_demo.xml",
        "demo/res_partner_demo.xml",
        "demo/fleet_vehicle_model_demo.xml",
        "demo/dealer_vehicle_demo.xml",
        "demo/repair_order_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "dealer_aftersales/static/tests/tours/**/*",
        ],
    },
    "application": True,
    "installable": True,
}
