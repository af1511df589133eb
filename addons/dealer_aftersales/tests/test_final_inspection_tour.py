from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .access import ROLES


@tagged("post_install", "-at_install")
class TestFinalInspectionTour(HttpCase):
    """In Chromium, in Chinese: the foreman passes a finished order's final inspection."""

    def test_foreman_passes_final_inspection(self):
        foreman = new_test_user(
            self.env, login="tour_foreman", password="tour_foreman", groups=ROLES["Technician"], lang="zh_CN"
        )
        self.env["hr.employee"].create({"name": "车间主管", "dealer_is_technician": True, "user_id": foreman.id})
        worker = self.env["hr.employee"].create({"name": "维修技师", "dealer_is_technician": True})
        brand = self.env["fleet.vehicle.model.brand"].create({"name": "QC Brand"})
        model = self.env["fleet.vehicle.model"].create({"name": "QC Sedan", "brand_id": brand.id})
        owner = self.env["res.partner"].create({"name": "林先生", "email": "lin@example.com"})
        vehicle = self.env["dealer.vehicle"].create(
            {"vin": "1M8GDM9AXKP042788", "model_id": model.id, "partner_id": owner.id}
        )
        repair = self.env["repair.order"].create(
            {
                "vehicle_id": vehicle.id,
                "labor_line_ids": [
                    Command.create(
                        {"name": "更换刹车片", "hours": 1.2, "pay_type": "customer", "technician_ids": worker.ids}
                    )
                ],
            }
        )
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        self.assertEqual((repair.state, repair.qc_state), ("done", "none"))
        self.start_tour(
            f"/odoo/action-dealer_aftersales.repair_order_action_dealer/{repair.id}",
            "dealer_aftersales_final_inspection_tour",
            login="tour_foreman",
        )
        self.assertEqual(repair.qc_state, "passed")
        self.assertTrue(repair.qc_first_pass)
        inspection = repair.inspection_ids.filtered(lambda i: i.kind == "final")
        self.assertEqual((inspection.result, inspection.inspector_id), ("pass", foreman))
        # The customer is told the car is ready (the ready-for-collection mail, in the chatter).
        self.env.invalidate_all()
        self.assertEqual(len(repair.message_ids.filtered(lambda m: owner in m.partner_ids)), 1)
