from datetime import date

from odoo.tests import tagged

from .common import DealerVehicleCase


@tagged("post_install", "-at_install")
class TestVehicleServiceDue(DealerVehicleCase):
    """Domain reference, section 5: the due date is the earlier of
    last visit + interval months and last visit + interval km / daily km.
    Brand interval: 6 months / 7 500 km; both cars last serviced 2026-01-10."""

    def _car(self, vin, km_per_day):
        # Registered 2025-01-10 at 0 km; read at the last service a year later.
        vehicle = self._vehicle(
            vin,
            first_registration_date=date(2025, 1, 10),
            last_service_date=date(2026, 1, 10),
            last_service_km=km_per_day * 365,
        )
        self.Reading.create({"vehicle_id": vehicle.id, "date": date(2026, 1, 10), "value": km_per_day * 365})
        return vehicle

    def test_low_mileage_car_is_due_by_time(self):
        # 20 km a day: 7 500 km take 375 days, later than 6 months.
        car = self._car("11111111111111111", 20)
        self.assertAlmostEqual(car.avg_daily_km, 20.0)
        self.assertEqual(car.next_service_date, date(2026, 7, 10))
        self.assertEqual(car.next_service_basis, "time")
        self.assertEqual(car.next_service_km, 7300 + 7500)

    def test_high_mileage_car_is_due_by_mileage(self):
        # 100 km a day (a ride-hailing car): 7 500 km take 75 days -> 2026-03-26.
        car = self._car("1M8GDM9AXKP042788", 100)
        self.assertAlmostEqual(car.avg_daily_km, 100.0)
        self.assertEqual(car.next_service_date, date(2026, 3, 26))
        self.assertEqual(car.next_service_basis, "mileage")
        self.assertEqual(car.next_service_km, 36500 + 7500)

    def test_vehicle_override_and_brand_change(self):
        car = self._car("11111111111111111", 20)
        car.service_interval_months = 3
        self.assertEqual(car.effective_interval_months, 3)
        self.assertEqual(car.next_service_date, date(2026, 4, 10))
        car.service_interval_months = 0
        # 5 000 km at 20 km/day is 250 days; 12 months is later.
        self.brand.write({"service_interval_months": 12, "service_interval_km": 5000})
        self.assertEqual(car.next_service_date, date(2026, 9, 17))
        self.assertEqual(car.next_service_basis, "mileage")

    def test_never_serviced_counts_from_sale(self):
        car = self._vehicle("11111111111111111", sale_date=date(2026, 2, 1))
        self.assertEqual(car.next_service_date, date(2026, 8, 1))
        self.assertEqual(car.next_service_km, 7500)
        self.assertFalse(self._vehicle("1M8GDM9AXKP042788").next_service_date)

    def test_ownership_history(self):
        car = self._vehicle("11111111111111111", sale_date=date(2024, 5, 1))
        self.assertEqual(car.owner_ids.partner_id, self.owner)
        self.assertEqual(car.owner_ids.date_start, date(2024, 5, 1))
        buyer = self.env["res.partner"].create({"name": "李娜"})
        car.partner_id = buyer
        history = car.owner_ids.sorted("id")
        self.assertEqual(history.partner_id.ids, [self.owner.id, buyer.id])
        self.assertTrue(history[0].date_end)
        self.assertFalse(history[1].date_end)
