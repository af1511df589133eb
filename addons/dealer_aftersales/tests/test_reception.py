"""接车开单: from the plate typed at the door to the repair order, in one step."""

import base64
from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import file_open

from .access import ROLES
from .common import DealerVehicleCase, make_vin

GROUP = "dealer_aftersales.dealer_aftersales_group_"
# Monday 3 June 2030, 09:30 in Guangzhou (01:30 UTC); the appointment is at 10:00 (02:00 UTC).
NOW = "2030-06-03 01:30:00"
TEN = datetime(2030, 6, 3, 2, 0)


@tagged("post_install", "-at_install")
@freeze_time(NOW)
class TestReception(DealerVehicleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store = cls.env["res.company"].create({"name": "广州番禺店（接车）"})
        cls.store.resource_calendar_id.tz = "Asia/Shanghai"
        cls.env.user.company_ids |= cls.store
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=[cls.store.id], tz="Asia/Shanghai"))
        cls.bay = cls.env["dealer.bay"].create({"name": "快保 1", "bay_type": "quick", "company_id": cls.store.id})
        cls.env["hr.employee"].create({"name": "技师甲", "dealer_is_technician": True, "company_id": cls.store.id})
        cls.owner.write({"company_id": False})
        cls.car = cls.env["dealer.vehicle"].create(
            {
                "vin": make_vin(123456),
                "license_plate": "粤A·8K2M7",
                "model_id": cls.model.id,
                "partner_id": cls.owner.id,
                "company_id": cls.store.id,
            }
        )
        cls.env["dealer.vehicle.odometer"].create({"vehicle_id": cls.car.id, "value": 23456, "date": "2030-05-01"})
        cls.advisor = new_test_user(
            cls.env,
            login="reception_sa",
            groups=f"base.group_user,{GROUP}user",
            company_id=cls.store.id,
            company_ids=[cls.store.id],
            lang="en_US",
            tz="Asia/Shanghai",
        )
        cls.technician = new_test_user(
            cls.env,
            login="reception_tech",
            groups=f"base.group_user,{GROUP}technician",
            company_id=cls.store.id,
            company_ids=[cls.store.id],
            lang="en_US",
        )

    def _wizard(self, user=None, **values):
        Wizard = self.env["dealer.reception.wizard"].with_user(user or self.advisor).with_company(self.store)
        return Wizard.create(values)

    def _open(self, wizard):
        action = wizard.action_open_repair()
        self.assertEqual(action["res_model"], "repair.order")
        self.assertTrue(action["context"]["dealer_vehicle_order"])
        return self.env["repair.order"].browse(action["res_id"])

    def test_plate_as_typed_finds_the_car_and_opens_its_order(self):
        """Lower case, without the dot: the car, its owner and last reading come up."""
        wizard = self._wizard(query="粤a8k2m7")
        self.assertEqual(wizard.vehicle_id, self.car)
        self.assertEqual(wizard.partner_id, self.owner)
        self.assertEqual(wizard.odometer, 23456)
        self.assertFalse(wizard.appointment_id)
        wizard.write(
            {
                "mileage_in": 24010,
                "fuel_level": "half",
                "complaints": "发动机异响\n\n  空调不制冷  ",
                "damage_notes": "左前门划痕",
                "bay_id": self.bay.id,
            }
        )
        repair = self._open(wizard)
        self.assertEqual(repair.vehicle_id, self.car)
        self.assertEqual(repair.partner_id, self.owner)
        self.assertEqual(repair.user_id, self.advisor)
        self.assertEqual(repair.company_id, self.store)
        self.assertEqual((repair.mileage_in, repair.fuel_level, repair.damage_notes), (24010, "half", "左前门划痕"))
        self.assertEqual(repair.complaint_ids.mapped("name"), ["发动机异响", "空调不制冷"])
        self.assertEqual(repair.bay_id, self.bay)
        self.assertEqual(repair.state, "draft")
        self.assertEqual(repair.create_uid, self.advisor)
        # Its check-in reading is the car's latest.
        self.assertEqual(self.car.odometer, 24010)

    def test_vin_or_its_last_six_characters(self):
        self.assertEqual(self._wizard(query=self.car.vin.lower()).vehicle_id, self.car)
        self.assertEqual(self._wizard(query="123456").vehicle_id, self.car)
        self.assertFalse(self._wizard(query="粤B00000").vehicle_id)

    def test_todays_appointment_is_marked_arrived(self):
        appointment = self.env["dealer.appointment"].create(
            {
                "vehicle_id": self.car.id,
                "start": TEN,
                "duration": 1.0,
                "service_type": "maintenance",
                "company_id": self.store.id,
                "advisor_id": self.advisor.id,
                "complaint": "5000公里保养",
            }
        )
        wizard = self._wizard(query="粤A8K2M7")
        self.assertEqual(wizard.appointment_id, appointment)
        self.assertEqual(wizard.complaints, "5000公里保养")
        wizard.mileage_in = 24010
        repair = self._open(wizard)
        self.assertEqual(repair.appointment_id, appointment)
        self.assertEqual(appointment.state, "arrived")
        self.assertEqual(appointment.repair_id, repair)
        self.assertEqual(repair.complaint_ids.mapped("name"), ["5000公里保养"])
        self.assertEqual(repair.promised_completion_time, appointment.stop)

    def test_photos_go_to_the_order(self):
        photo = (
            self.env["ir.attachment"]
            .with_user(self.advisor)
            .create(
                {
                    "name": "左前门.jpg",
                    "datas": base64.b64encode(b"\xff\xd8\xff photo"),
                    "res_model": "dealer.reception.wizard",
                    "res_id": 0,
                }
            )
        )
        wizard = self._wizard(query="粤A8K2M7", mileage_in=24010, photo_ids=[photo.id])
        repair = self._open(wizard)
        self.assertEqual((photo.res_model, photo.res_id), ("repair.order", repair.id))
        self.assertIn(photo, repair.message_ids.attachment_ids)

    def test_refusals_change_nothing(self):
        count = self.env["repair.order"].search_count([])
        cases = [
            ({"query": "粤B00000", "mileage_in": 100}, "No vehicle of this store has the plate or VIN 粤B00000"),
            ({"mileage_in": 100}, "Type the vehicle's plate or VIN"),
            ({"query": "粤A8K2M7"}, "its mileage in is missing"),
        ]
        for values, message in cases:
            with self.subTest(values=values), self.assertRaises(UserError) as caught:
                self._wizard(**values).action_open_repair()
            self.assertIn(message, str(caught.exception))
        # Below the car's last reading: the order's own check.
        with self.assertRaises(ValidationError):
            self._wizard(query="粤A8K2M7", mileage_in=100).action_open_repair()
        self.assertEqual(self.env["repair.order"].search_count([]), count)

    def test_an_outside_client_cannot_attach_anothers_appointment(self):
        """Written over RPC, an appointment of another vehicle is refused, and a closed one too."""
        other = self.env["dealer.vehicle"].create(
            {
                "vin": make_vin(654321),
                "model_id": self.model.id,
                "partner_id": self.owner.id,
                "company_id": self.store.id,
            }
        )
        appointment = self.env["dealer.appointment"].create(
            {"vehicle_id": other.id, "start": TEN, "duration": 1.0, "company_id": self.store.id}
        )
        wizard = self._wizard(query="粤A8K2M7", mileage_in=24010)
        wizard.appointment_id = appointment
        with self.assertRaises(UserError):
            wizard.action_open_repair()
        self.assertEqual(appointment.state, "booked")

    def test_only_advisors_receive_cars(self):
        with self.assertRaises(AccessError):
            self._wizard(user=self.technician, query="粤A8K2M7", mileage_in=24010)


@tagged("post_install", "-at_install")
class TestReceptionTour(HttpCase):
    """In Chromium, in Chinese: a standard maintenance order from the plate, in under ten clicks."""

    def test_standard_service_order_from_the_plate(self):
        store = self.env.ref("base.main_company")
        # The store's numbering (the demo's, and what the store setup gives a database from before).
        store._dealer_setup_repair_sequence()
        advisor = new_test_user(
            self.env,
            login="tour_reception",
            password="tour_reception",
            groups=ROLES["Service Advisor"],
            company_id=store.id,
            company_ids=[store.id],
            lang="zh_CN",
            tz="Asia/Shanghai",
        )
        brand = self.env["fleet.vehicle.model.brand"].create({"name": "Reception Brand"})
        model = self.env["fleet.vehicle.model"].create({"name": "Reception Sedan", "brand_id": brand.id})
        owner = self.env["res.partner"].create({"name": "孙女士"})
        vehicle = self.env["dealer.vehicle"].create(
            {"vin": make_vin(424242), "license_plate": "粤A·R0001", "model_id": model.id, "partner_id": owner.id}
        )
        oil, oil_filter = self.env["product.product"].create(
            [
                {"name": "机油（接车巡检）", "is_storable": True, "lst_price": 320},
                {"name": "机滤（接车巡检）", "is_storable": True, "lst_price": 68},
            ]
        )
        package = self.env["dealer.labor.operation"].create(
            {
                "code": "TCR01",
                "name": "接车基础保养套餐",
                "hours": 0.5,
                "part_ids": [
                    Command.create({"product_id": oil.id, "quantity": 1}),
                    Command.create({"product_id": oil_filter.id, "quantity": 1}),
                ],
            }
        )
        tour = file_open("dealer_aftersales/static/tests/tours/dealer_reception_tour.js").read()
        clicks = tour.count('run: "click"')
        self.assertLess(clicks, 10, "a standard maintenance order takes fewer than ten clicks")
        self.start_tour("/odoo", "dealer_aftersales_reception_tour", login="tour_reception")
        repair = self.env["repair.order"].search([("vehicle_id", "=", vehicle.id)])
        self.assertEqual(len(repair), 1)
        self.assertEqual((repair.state, repair.partner_id, repair.mileage_in), ("confirmed", owner, 15230))
        self.assertEqual(repair.user_id, advisor)
        self.assertEqual(repair.labor_line_ids.operation_id, package)
        self.assertEqual(
            sorted(repair.move_ids.mapped(lambda m: (m.product_id.name, m.product_uom_qty))),
            [("机油（接车巡检）", 1), ("机滤（接车巡检）", 1)],
        )
        self.assertIn("/WX", repair.name)
