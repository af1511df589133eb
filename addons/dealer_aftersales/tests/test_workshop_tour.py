from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .access import ROLES


@tagged("post_install", "-at_install")
class TestWorkshopTour(HttpCase):
    """In Chromium, in Chinese: a technician clocks a job on the workshop board with its timer."""

    def test_technician_clocks_a_job(self):
        user = new_test_user(
            self.env, login="tour_technician", password="tour_technician", groups=ROLES["Technician"], lang="zh_CN"
        )
        technician = self.env["hr.employee"].create(
            {"name": "巡检技师", "dealer_is_technician": True, "user_id": user.id}
        )
        brand = self.env["fleet.vehicle.model.brand"].create({"name": "Board Brand"})
        model = self.env["fleet.vehicle.model"].create({"name": "Board Sedan", "brand_id": brand.id})
        vehicle = self.env["dealer.vehicle"].create({"vin": "1M8GDM9AXKP042788", "model_id": model.id})
        repair = self.env["repair.order"].create(
            {
                "vehicle_id": vehicle.id,
                "labor_line_ids": [Command.create({"name": "四轮定位（巡检）", "hours": 0.8, "pay_type": "customer"})],
            }
        )
        repair.action_validate()
        self.start_tour("/odoo", "dealer_aftersales_workshop_tour", login="tour_technician")
        job = repair.labor_line_ids
        self.assertEqual(job.state, "done")
        self.assertEqual(job.technician_ids, technician)
        self.assertEqual(len(job.clock_ids), 2, "started twice: two clockings")
        self.assertTrue(all(job.clock_ids.mapped("stop")))
        self.assertEqual(repair.state, "under_repair")
