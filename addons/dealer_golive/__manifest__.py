{
    "name": "Dealer After-Sales: Go-Live",
    "summary": "Opening data from the old DMS (期初导入): parts with their receipt dates, vehicles for sale, "
    "customers, vehicles and their service history, open receivables, insurance policies, "
    "open insurance and warranty claims",
    "version": "18.0.1.0.0",
    "category": "Inventory/After-Sales",
    "license": "LGPL-3",
    "author": "Dealer After-Sales developers",
    "website": "https://github.com/dealer-aftersales/dealer-aftersales",
    "depends": ["dealer_aftersales"],
    "external_dependencies": {"python": ["openpyxl"]},
    "data": [
        "security/ir.model.access.csv",
        "security/dealer_golive_security.xml",
        "data/dealer_golive_data.xml",
        "views/dealer_golive_import_views.xml",
        "views/dealer_warranty_claim_views.xml",
        "views/dealer_golive_menus.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "dealer_golive/static/src/**/*",
        ],
    },
    "demo": [
        "demo/dealer_golive_demo.xml",
    ],
    "installable": True,
}
