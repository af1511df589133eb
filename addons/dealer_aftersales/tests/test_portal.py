from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestPortalBooking(HttpCase):
    """A customer books, sees and cancels appointments and follows repairs in the portal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        company.resource_calendar_id.tz = "Asia/Shanghai"
        # Capacity under test: one bay and one technician (demo ones set aside).
        cls.env["dealer.bay"].search([]).active = False
        cls.env["hr.employee"].search([("dealer_is_technician", "=", True)]).dealer_is_technician = False
        cls.env["dealer.bay"].create({"name": "门户快保", "bay_type": "quick", "company_id": company.id})
        cls.env["hr.employee"].create({"name": "门户技师", "dealer_is_technician": True, "company_id": company.id})
        brand = cls.env["fleet.vehicle.model.brand"].create({"name": "Portal Brand"})
        model = cls.env["fleet.vehicle.model"].create({"name": "Portal Sedan", "brand_id": brand.id})
        cls.customer = new_test_user(
            cls.env,
            login="portal_wang",
            password="portal_wang",
            groups="base.group_portal",
            tz="Asia/Shanghai",
            lang="zh_CN",
        )
        cls.other = new_test_user(
            cls.env, login="portal_li", password="portal_li", groups="base.group_portal", lang="zh_CN"
        )
        cls.car = cls.env["dealer.vehicle"].create(
            {
                "vin": "11111111111111111",
                "license_plate": "粤A·P0001",
                "model_id": model.id,
                "partner_id": cls.customer.partner_id.id,
            }
        )
        cls.other_car = cls.env["dealer.vehicle"].create(
            {
                "vin": "1M8GDM9AXKP042788",
                "license_plate": "粤A·P0002",
                "model_id": model.id,
                "partner_id": cls.other.partner_id.id,
            }
        )

    def _book(self, start, vehicle=None):
        return self.url_open(
            "/my/appointments/new",
            data={
                "vehicle_id": (vehicle or self.car).id,
                "service_type": "maintenance",
                "start": start,
                "complaint": "",
                "csrf_token": http.Request.csrf_token(self),
            },
        )

    def test_booking_tour(self):
        self.start_tour("/my/appointments", "dealer_aftersales_portal_booking_tour", login="portal_wang")
        booked = self.env["dealer.appointment"].search([("vehicle_id", "=", self.car.id)])
        self.assertEqual(len(booked), 1)
        self.assertEqual(str(booked.start), "2030-06-03 02:00:00", "10:00 China time")
        self.assertEqual(booked.partner_id, self.customer.partner_id)
        self.assertTrue(booked.bay_id and booked.technician_id)
        self.assertEqual(booked.complaint, "到期保养，顺便看看空调")

    def test_past_and_full_slots_refused(self):
        self.authenticate("portal_wang", "portal_wang")
        response = self._book("2020-01-06T10:00")
        self.assertIn("2020-01-06 10:00 已经过去：请选择更晚的时间。", response.text)
        response = self._book("2030-06-03T10:00")
        self.assertIn("message=booked", response.url)
        self.assertIn("预约成功", response.text)
        # One bay and one technician: 10:00 is now full, 11:00 is proposed.
        response = self._book("2030-06-03T10:00")
        self.assertIn("2030-06-03 10:00 时段已满。可预约时段：2030-06-03 11:00", response.text)
        self.assertEqual(self.env["dealer.appointment"].search_count([("vehicle_id", "=", self.car.id)]), 1)

    def test_customers_see_only_their_own(self):
        self.authenticate("portal_wang", "portal_wang")
        self.assertIn("/my/vehicles", self.url_open("/my").text)
        page = self.url_open("/my/vehicles").text
        self.assertIn("粤A·P0001", page)
        self.assertNotIn("粤A·P0002", page)
        # Booking someone else's car is refused.
        response = self._book("2030-06-03T10:00", vehicle=self.other_car)
        self.assertIn("请选择您名下的车辆。", response.text)
        self.assertFalse(self.env["dealer.appointment"].search([("vehicle_id", "=", self.other_car.id)]))
        # Cancelling someone else's appointment: not found.
        theirs = self.env["dealer.appointment"].create(
            {"vehicle_id": self.other_car.id, "start": "2030-06-04 02:00:00", "duration": 1}
        )
        response = self.url_open(
            f"/my/appointments/{theirs.id}/cancel", data={"csrf_token": http.Request.csrf_token(self)}
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(theirs.state, "booked")

    def test_cancel_own_appointment_and_follow_repairs(self):
        mine = self.env["dealer.appointment"].create(
            {"vehicle_id": self.car.id, "start": "2030-06-04 02:00:00", "duration": 1}
        )
        self.authenticate("portal_wang", "portal_wang")
        response = self.url_open(
            f"/my/appointments/{mine.id}/cancel", data={"csrf_token": http.Request.csrf_token(self)}
        )
        self.assertIn("message=cancelled", response.url)
        self.assertEqual(mine.state, "cancelled")
        repair = self.env["repair.order"].create({"vehicle_id": self.car.id})
        page = self.url_open("/my/repairs").text
        self.assertIn(repair.name, page)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["dealer_vehicle_count", "dealer_appointment_count", "dealer_repair_count"]}
        )
        self.assertEqual(counters, {"dealer_vehicle_count": 1, "dealer_appointment_count": 0, "dealer_repair_count": 1})

    def test_other_customers_orders_and_appointments_stay_hidden(self):
        mine = self.env["repair.order"].create({"vehicle_id": self.car.id})
        theirs = self.env["repair.order"].create({"vehicle_id": self.other_car.id})
        their_booking = self.env["dealer.appointment"].create(
            {"vehicle_id": self.other_car.id, "start": "2030-06-05 02:00:00", "duration": 1}
        )
        self.authenticate("portal_wang", "portal_wang")
        repairs = self.url_open("/my/repairs").text
        self.assertIn(mine.name, repairs)
        self.assertNotIn(theirs.name, repairs)
        self.assertNotIn("粤A·P0002", self.url_open("/my/appointments").text)
        # Over JSON-RPC, as the web client would ask: their own vehicle only, no one else's
        # vehicle, appointment or repair order.
        call = self.make_jsonrpc_request
        seen = call(
            "/web/dataset/call_kw",
            {"model": "dealer.vehicle", "method": "search_read", "args": [[]], "kwargs": {"fields": ["vin"]}},
        )
        self.assertEqual([row["id"] for row in seen], self.car.ids)
        for model, record in (
            ("dealer.vehicle", self.other_car),
            ("dealer.appointment", their_booking),
            ("repair.order", theirs),
        ):
            with self.subTest(model=model), mute_logger("odoo.http"), self.assertRaises(Exception) as refused:
                call(
                    "/web/dataset/call_kw",
                    {"model": model, "method": "read", "args": [record.ids], "kwargs": {"fields": ["display_name"]}},
                )
            self.assertIn("AccessError", str(refused.exception))

    def test_booking_page_offers_the_stores_free_times_and_services(self):
        self.authenticate("portal_wang", "portal_wang")
        page = self.url_open("/my/appointments/new").text
        # The next free times, as links that fill the form in the store's time.
        self.assertIn("o_dealer_slot", page)
        self.assertIn(f"/my/appointments/new?vehicle_id={self.car.id}&amp;start=", page)
        self.assertIn("Asia/Shanghai", page)
        # Customers book maintenance, repairs and accidents, not warranty claims nor PDI.
        self.assertIn('value="maintenance"', page)
        self.assertNotIn('value="pdi"', page)
        self.assertNotIn('value="warranty"', page)
        response = self.url_open(
            "/my/appointments/new",
            data={
                "vehicle_id": self.car.id,
                "service_type": "pdi",
                "start": "2030-06-03T10:00",
                "complaint": "",
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        self.assertIn("o_dealer_booking_error", response.text)
        self.assertFalse(self.env["dealer.appointment"].search([("vehicle_id", "=", self.car.id)]))

    def test_booking_reads_the_time_in_the_stores_time_zone(self):
        """A customer whose own time zone is Paris books 10:00 at the store: 02:00 UTC, not 08:00."""
        self.customer.tz = "Europe/Paris"
        self.authenticate("portal_wang", "portal_wang")
        response = self._book("2030-06-03T10:00")
        self.assertIn("message=booked", response.url)
        booked = self.env["dealer.appointment"].search([("vehicle_id", "=", self.car.id)])
        self.assertEqual(str(booked.start), "2030-06-03 02:00:00")

    def test_customer_follows_the_progress_of_the_repair(self):
        """已接车 → 维修中 → 待质检 → 可交车 → 已交车, with the promised time, in the customer's language."""
        repair = self.env["repair.order"].create(
            {"vehicle_id": self.car.id, "promised_delivery_time": "2030-06-04 09:30:00"}
        )
        self.authenticate("portal_wang", "portal_wang")

        def current():
            page = self.url_open("/my/repairs").text
            self.assertIn(repair.name, page)
            # Beijing time, without seconds.
            self.assertIn("2030-06-04 17:30", page)
            marker = "o_dealer_progress_current"
            if marker not in page:
                return None
            start = page.index(">", page.index(marker)) + 1
            return page[start : page.index("<", start)].strip()

        self.assertEqual(repair.dealer_progress, "received")
        self.assertEqual(current(), "已接车")
        repair.state = "under_repair"
        self.assertEqual(current(), "维修中")
        repair.state = "done"
        self.assertEqual(current(), "待质检")
        self.env["dealer.repair.inspection"].create({"repair_id": repair.id, "kind": "final", "result": "pass"})
        self.assertEqual(repair.dealer_progress, "ready")
        self.assertEqual(current(), "可交车")
        repair.delivery_time = "2030-06-04 09:00:00"
        self.assertIsNone(current())
        self.assertIn("已交车", self.url_open("/my/repairs").text)
