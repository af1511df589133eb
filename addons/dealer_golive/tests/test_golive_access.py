"""Go-live access: the role × model matrix of the readme, and one store never seeing another's imports."""

from odoo.tests import TransactionCase, tagged

from odoo.addons.dealer_aftersales.tests.access import AccessMatrix


@tagged("post_install", "-at_install")
class TestGoliveAccessMatrix(AccessMatrix, TransactionCase):
    module = "dealer_golive"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        job = cls.env.ref("dealer_golive.dealer_golive_import_demo")
        cls.env["dealer.golive.import.error"].create({"import_id": job.id, "message": "示例问题", "blocking": False})
