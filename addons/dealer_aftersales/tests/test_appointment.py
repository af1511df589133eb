from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DealerVehicleCase

# Monday 3 June 2030. The store works 08:00-12:00 and 13:00-17:00 China time
# (UTC+8), i.e. 00:00-04:00 and 05:00-09:00 UTC; datetimes below are UTC.
MONDAY_0900 = datetime(2030, 6, 3, 1, 0)


@tagged("post_install", "-at_install")
@freeze_time("2030-06-02 02:00:00")
class TestAppointment(DealerVehicleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store = cls.env["res.company"].create({"name": "广州番禺店"})
        cls.store.resource_calendar_id.tz = "Asia/Shanghai"
        cls.env.user.company_ids |= cls.store
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=[cls.store.id], tz="Asia/Shanghai"))
        Bay = cls.env["dealer.bay"]
        cls.quick_bay = Bay.create({"name": "快保 1", "bay_type": "quick", "company_id": cls.store.id})
        cls.general_bay = Bay.create({"name": "机修 1", "bay_type": "general", "company_id": cls.store.id})
        Employee = cls.env["hr.employee"]
        cls.tech_a = Employee.create({"name": "技师甲", "dealer_is_technician": True, "company_id": cls.store.id})
        cls.tech_b = Employee.create({"name": "技师乙", "dealer_is_technician": True, "company_id": cls.store.id})
        cls.owner.write({"email": "wangwei@example.com", "company_id": False})
        cls.car = cls.env["dealer.vehicle"].create(
            {
                "vin": "11111111111111111",
                "model_id": cls.model.id,
                "partner_id": cls.owner.id,
                "company_id": cls.store.id,
            }
        )
        cls.env["dealer.vehicle.odometer"].create({"vehicle_id": cls.car.id, "value": 23456, "date": "2030-05-01"})

    def _book(self, start=MONDAY_0900, duration=1.0, service_type="maintenance", **values):
        return self.env["dealer.appointment"].create(
            {
                "vehicle_id": self.car.id,
                "start": start,
                "duration": duration,
                "service_type": service_type,
                "company_id": self.store.id,
                **values,
            }
        )

    def test_booking_assigns_bay_and_technician(self):
        first = self._book(complaint="保养")
        self.assertEqual(first.partner_id, self.owner)
        self.assertEqual(first.stop, datetime(2030, 6, 3, 2, 0))
        self.assertEqual(first.bay_id, self.quick_bay, "maintenance goes to the quick-service bay first")
        # The store's own numbering, its warehouse's short name first.
        code = self.env["stock.warehouse"].search([("company_id", "=", self.store.id)]).code
        self.assertTrue(first.name.startswith(f"{code}/AP/2030/"), first.name)
        # Same time: the quick bay and the first technician are taken.
        second = self._book()
        self.assertEqual(second.bay_id, self.general_bay)
        self.assertEqual(second.technician_id, self.tech_b if first.technician_id == self.tech_a else self.tech_a)
        # Later that day the least loaded technician gets the job.
        first.duration = 2.0
        third = self._book(start=datetime(2030, 6, 3, 6, 0))
        self.assertEqual(third.technician_id, second.technician_id)

    def test_full_slot_refused_with_next_free_slots(self):
        self._book()
        self._book()
        count = self.env["dealer.appointment"].search_count([])
        with self.assertRaises(UserError) as caught:
            self._book()
        message = str(caught.exception)
        self.assertIn("is full", message)
        # Both bays free again at 10:00 China time.
        self.assertIn("Free slots: 2030-06-03 10:00, 2030-06-03 10:30, 2030-06-03 11:00", message)
        self.assertEqual(self.env["dealer.appointment"].search_count([]), count, "nothing may be written")

    def test_accident_needs_a_body_bay(self):
        with self.assertRaises(UserError) as caught:
            self._book(service_type="accident")
        self.assertIn("none in the next 7 days", str(caught.exception))

    def test_technician_skills(self):
        body_bay = self.env["dealer.bay"].create({"name": "钣金 1", "bay_type": "body", "company_id": self.store.id})
        painter = self.env["hr.employee"].create(
            {
                "name": "钣喷技师",
                "dealer_is_technician": True,
                "company_id": self.store.id,
                "dealer_skill_ids": [(6, 0, self.env.ref("dealer_aftersales.service_type_accident").ids)],
            }
        )
        (self.tech_a | self.tech_b).dealer_skill_ids = self.env.ref("dealer_aftersales.service_type_maintenance")
        accident = self._book(service_type="accident")
        self.assertEqual((accident.bay_id, accident.technician_id), (body_bay, painter))
        maintenance = self._book()
        self.assertIn(maintenance.technician_id, self.tech_a | self.tech_b, "the painter does not take maintenance")

    def test_past_and_closed_slots_refused(self):
        with self.assertRaises(UserError) as caught:
            self._book(start=datetime(2030, 6, 1, 1, 0))
        self.assertIn("is in the past", str(caught.exception))
        with self.assertRaises(UserError) as caught:
            self._book(start=datetime(2030, 6, 2, 23, 0))  # 07:00 China time
        self.assertIn("outside the store's working hours", str(caught.exception))
        self.assertIn("Free slots: 2030-06-03 08:00, 2030-06-03 08:30, 2030-06-03 09:00", str(caught.exception))
        self.assertFalse(self.env["dealer.appointment"].search([("vehicle_id", "=", self.car.id)]))

    def test_advisor_may_change_technician_but_not_double_book(self):
        first = self._book()
        second = self._book(start=datetime(2030, 6, 3, 6, 0))
        second.technician_id = self.tech_b if second.technician_id == self.tech_a else self.tech_a
        with self.assertRaises(UserError) as caught:
            second.write({"start": MONDAY_0900, "technician_id": first.technician_id.id})
        self.assertIn("already booked", str(caught.exception))

    def test_arrival_opens_a_repair_order(self):
        appointment = self._book(complaint="刹车有异响")
        appointment.action_confirm()
        appointment.action_arrive()
        repair = appointment.repair_id
        self.assertEqual(appointment.state, "arrived")
        self.assertEqual(repair.appointment_id, appointment)
        self.assertEqual((repair.vehicle_id, repair.partner_id, repair.mileage_in), (self.car, self.owner, 23456))
        self.assertEqual(repair.complaint_ids.name, "刹车有异响")
        self.assertEqual(repair.company_id, self.store)
        self.assertEqual(repair.bay_id, appointment.bay_id)
        job = self.env["dealer.repair.labor"].create({"repair_id": repair.id, "name": "保养", "hours": 1})
        self.assertEqual(job.bay_id, appointment.bay_id, "the workshop board shows the job in its bay")
        with self.assertRaises(UserError):
            appointment.action_cancel()

    def test_reminder_the_day_before(self):
        self.owner.lang = "zh_CN"  # the reminder speaks the customer's language
        appointment = self._book()
        later = self._book(start=datetime(2030, 6, 5, 1, 0))
        with freeze_time("2030-06-02 03:00:00"):
            self.env["dealer.appointment"]._cron_send_reminders()
        self.assertTrue(appointment.reminder_sent)
        self.assertFalse(later.reminder_sent)
        message = appointment.message_ids.filtered(lambda m: self.owner in m.partner_ids)
        self.assertEqual(len(message), 1)
        self.assertIn(self.car.display_name, message.body)
        self.assertIn("我们期待您驾驶爱车", message.body)
        self.assertIn("2030-06-03 09:00", message.body)
