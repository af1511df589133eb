"""Role × model × operation, as each role's real user, against the matrix in the readme."""

from odoo.tests import TransactionCase, tagged

from .access import STORE_MODELS, AccessMatrix


@tagged("post_install", "-at_install")
class TestAccessMatrix(AccessMatrix, TransactionCase):
    module = "dealer_aftersales"
    untracked_money = {
        # Lines of a repair order: changes after confirmation go to the price exceptions log, and
        # the order's totals are tracked.
        "dealer.repair.labor": "price exceptions log",
        "stock.move": "price exceptions log",
        # The claim tracks its assessed amount, the remittance its total; a settlement is written
        # once by the settle action with its payment, and never changed.
        "dealer.insurance.claim.line": "claim's assessed amount",
        "dealer.insurance.remittance.line": "remittance total",
        "dealer.insurance.settlement": "payment",
        # Earlier visits come from the old system once, at go-live; only the manager changes them.
        "dealer.service.history": "imported once",
    }
    odoo_models = (
        *STORE_MODELS,
        "product.template",
        "res.partner",
        "hr.employee",
        "fleet.vehicle.model",
        "fleet.vehicle.model.brand",
        "survey.user_input",
    )
