import os
from unittest.mock import patch

from odoo.tests import HttpCase, new_test_user, tagged

from .access import ROLES


@tagged("post_install", "-at_install")
class TestAdvisorTour(HttpCase):
    """In Chromium, in Chinese: the service advisor's day from the appointment to the confirmed
    repair order dispatched to a technician."""

    def test_advisor_books_receives_writes_and_dispatches(self):
        store = self.env.ref("base.main_company")
        store.resource_calendar_id.tz = "Asia/Shanghai"
        advisor = new_test_user(
            self.env,
            login="tour_advisor_day",
            password="tour_advisor_day",
            groups=ROLES["Service Advisor"],
            company_id=store.id,
            company_ids=[store.id],
            lang="zh_CN",
            tz="Asia/Shanghai",
        )
        technician = self.env["hr.employee"].create({"name": "派工技师", "dealer_is_technician": True})
        brand = self.env["fleet.vehicle.model.brand"].create({"name": "Day Brand"})
        model = self.env["fleet.vehicle.model"].create({"name": "Day Sedan", "brand_id": brand.id})
        owner = self.env["res.partner"].create({"name": "钱先生"})
        vehicle = self.env["dealer.vehicle"].create(
            {"vin": "1M8GDM9AXKP042788", "license_plate": "粤A·D0001", "model_id": model.id, "partner_id": owner.id}
        )
        operation = self.env["dealer.labor.operation"].create(
            {"code": "OIL-DAY", "name": "更换机油机滤（巡检）", "hours": 0.5}
        )
        part = self.env["product.product"].create({"name": "机油滤清器（巡检）", "is_storable": True, "lst_price": 68})
        # The web client reads and writes times in the browser's time zone: the advisor's
        # browser is in China, whatever the machine running the test.
        with patch.dict(os.environ, {"TZ": "Asia/Shanghai"}):
            self.start_tour("/odoo", "dealer_aftersales_advisor_tour", login="tour_advisor_day")
        appointment = self.env["dealer.appointment"].search([("vehicle_id", "=", vehicle.id)])
        self.assertEqual(len(appointment), 1)
        self.assertEqual(str(appointment.start), "2030-06-03 02:00:00", "10:00 China time")
        self.assertEqual((appointment.state, appointment.partner_id), ("arrived", owner))
        self.assertTrue(appointment.bay_id and appointment.technician_id, "a bay and a technician were assigned")
        repair = appointment.repair_id
        self.assertEqual((repair.state, repair.vehicle_id, repair.appointment_id), ("confirmed", vehicle, appointment))
        self.assertEqual(repair.labor_line_ids.operation_id, operation)
        self.assertEqual(repair.labor_line_ids.technician_ids, technician)
        self.assertEqual(repair.move_ids.product_id, part)
        self.assertEqual(repair.create_uid, advisor)
