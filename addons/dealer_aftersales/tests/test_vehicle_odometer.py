from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import DealerVehicleCase


@tagged("post_install", "-at_install")
class TestVehicleOdometer(DealerVehicleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vehicle = cls._vehicle("11111111111111111", first_registration_date=date(2025, 1, 1))
        cls.Reading.create(
            [
                {"vehicle_id": cls.vehicle.id, "date": date(2025, 3, 1), "value": 2950, "source": "checkin"},
                {"vehicle_id": cls.vehicle.id, "date": date(2025, 7, 1), "value": 8000, "source": "delivery"},
            ]
        )

    def _reading(self, **values):
        return self.Reading.create({"vehicle_id": self.vehicle.id, "source": "manual", **values})

    def test_latest_reading_and_average(self):
        self.assertEqual(self.vehicle.odometer, 8000)
        self.assertEqual(self.vehicle.odometer_date, date(2025, 7, 1))
        # 0 km at first registration 2025-01-01, 8 000 km on 2025-07-01: 181 days.
        self.assertAlmostEqual(self.vehicle.avg_daily_km, 8000 / 181, places=6)

    def test_decrease_refused_and_nothing_written(self):
        with self.assertRaises(ValidationError) as caught:
            self._reading(date=date(2025, 8, 1), value=7990)
        self.assertIn("cannot go down from 8000 km (2025-07-01) to 7990 km", str(caught.exception))
        self.assertEqual(len(self.vehicle.odometer_ids), 2)
        self.assertEqual(self.vehicle.odometer, 8000)

    def test_backdated_reading_above_a_later_one_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self._reading(date=date(2025, 5, 1), value=9000)
        self.assertIn("read 8000 km on 2025-07-01", str(caught.exception))
        self.assertEqual(len(self.vehicle.odometer_ids), 2)

    def test_future_date_refused(self):
        tomorrow = fields.Date.context_today(self.vehicle) + timedelta(days=1)
        with self.assertRaises(ValidationError):
            self._reading(date=tomorrow, value=9000)

    def test_correction_needs_reason(self):
        with self.assertRaises(ValidationError) as caught:
            self._reading(date=date(2025, 8, 1), value=100, is_correction=True, correction_reason="  ")
        self.assertIn("needs a reason", str(caught.exception))
        self.assertEqual(len(self.vehicle.odometer_ids), 2)

    def test_correction_accepted_and_average_skips_the_jump(self):
        self._reading(date=date(2025, 8, 1), value=100, is_correction=True, correction_reason="仪表更换")
        self.assertEqual(self.vehicle.odometer, 100)
        # The next normal reading compares with the correction, not with 8 000.
        self._reading(date=date(2025, 9, 30), value=1900)
        self.assertEqual(self.vehicle.odometer, 1900)
        # Driven: 2 950 + 5 050 (to 2025-07-01), nothing counted across the
        # correction, then 1 800: 9 800 km over 2025-01-01 .. 2025-09-30 (272 days).
        self.assertAlmostEqual(self.vehicle.avg_daily_km, 9800 / 272, places=6)

    def test_entering_odometer_on_vehicle_records_a_reading(self):
        with Form(self.vehicle) as form:
            form.odometer = 8500
        latest = self.vehicle.odometer_ids.sorted("id")[-1]
        self.assertEqual((latest.value, latest.source), (8500, "manual"))
        self.assertEqual(latest.date, fields.Date.context_today(self.vehicle))
        with self.assertRaises(ValidationError), Form(self.vehicle) as form:
            form.odometer = 10

    def test_negative_reading_refused(self):
        with self.assertRaises(ValidationError):
            self._reading(date=date(2025, 8, 1), value=-5, is_correction=True, correction_reason="x")
