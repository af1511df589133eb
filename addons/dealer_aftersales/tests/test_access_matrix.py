"""Role × model × operation, as each role's real user, against the matrix in the readme."""

from odoo.tests import TransactionCase, tagged

from .access import AccessMatrix


@tagged("post_install", "-at_install")
class TestAccessMatrix(AccessMatrix, TransactionCase):
    module = "dealer_aftersales"
    odoo_models = (
        "repair.order",
        "stock.move",
        "stock.picking",
        "stock.quant",
        "stock.valuation.layer",
        "stock.warehouse.orderpoint",
        "product.template",
        "purchase.order",
        "account.move",
        "account.payment",
        "res.partner",
        "hr.employee",
        "fleet.vehicle.model",
        "fleet.vehicle.model.brand",
        "survey.user_input",
    )
