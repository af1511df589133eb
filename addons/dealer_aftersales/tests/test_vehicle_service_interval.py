"""A brand's service interval by time only, by mileage only or both (0 is "not used", never both),
and how the after-sales screens show a vehicle's model and model year."""

from datetime import date

from lxml import etree

from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common import DealerVehicleCase
from .outside_client import OutsideClientMixin

GROUP = "dealer_aftersales.dealer_aftersales_group_"


class ServiceIntervalCase(DealerVehicleCase):
    """A car first registered 2022-03-01, never serviced, read at 15 220 km on 2026-05-01:
    1 522 days at 10 km a day."""

    def _car(self, brand=None, vin="11111111111111111"):
        model = self.model
        if brand:
            model = self.env["fleet.vehicle.model"].create({"name": "Test Hatchback", "brand_id": brand.id})
        car = self.Vehicle.create(
            {
                "vin": vin,
                "model_id": model.id,
                "partner_id": self.owner.id,
                "first_registration_date": date(2022, 3, 1),
            }
        )
        self.Reading.create({"vehicle_id": car.id, "date": date(2026, 5, 1), "value": 15220})
        self.assertAlmostEqual(car.avg_daily_km, 10.0)
        return car

    def _brand(self, months, km, name="Interval Brand"):
        return self.env["fleet.vehicle.model.brand"].create(
            {"name": name, "service_interval_months": months, "service_interval_km": km}
        )


@tagged("post_install", "-at_install")
class TestServiceIntervalKinds(ServiceIntervalCase):
    def test_time_and_mileage(self):
        # 6 months -> 2022-09-01; 7 500 km at 10 km a day -> 750 days -> 2024-03-20: time first.
        car = self._car()
        self.assertEqual((car.next_service_date, car.next_service_basis), (date(2022, 9, 1), "time"))
        self.assertEqual(car.next_service_km, 7500)

    def test_time_only(self):
        car = self._car(self._brand(12, 0))
        # 2022-03-01 + 12 months; no km is due.
        self.assertEqual((car.next_service_date, car.next_service_basis), (date(2023, 3, 1), "time"))
        self.assertEqual(car.next_service_km, 0)
        self.assertEqual(car.effective_interval_km, 0)

    def test_mileage_only(self):
        car = self._car(self._brand(0, 7500))
        # 7 500 km at 10 km a day: 750 days after 2022-03-01 (2024 is a leap year) -> 2024-03-20.
        self.assertEqual((car.next_service_date, car.next_service_basis), (date(2024, 3, 20), "mileage"))
        self.assertEqual(car.next_service_km, 7500)
        # Serviced on 2026-05-01 at 15 220 km: 750 days later, at 22 720 km.
        car.write({"last_service_date": date(2026, 5, 1), "last_service_km": 15220})
        self.assertEqual((car.next_service_date, car.next_service_km), (date(2028, 5, 20), 22720))

    def test_mileage_only_without_readings(self):
        """Without a daily average there is no date to say, only the km."""
        brand = self._brand(0, 10000)
        model = self.env["fleet.vehicle.model"].create({"name": "Test Van", "brand_id": brand.id})
        car = self._vehicle("11111111111111111", model_id=model.id, first_registration_date=date(2026, 1, 5))
        self.assertFalse(car.next_service_date)
        self.assertFalse(car.next_service_basis)
        self.assertEqual(car.next_service_km, 10000)

    def test_vehicle_override_on_a_mileage_only_brand(self):
        # The car's own 3 months come before the brand's 7 500 km: 2022-06-01.
        car = self._car(self._brand(0, 7500))
        car.service_interval_months = 3
        self.assertEqual((car.next_service_date, car.next_service_basis), (date(2022, 6, 1), "time"))

    def test_brand_changed_to_one_interval(self):
        car = self._car()
        self.brand.write({"service_interval_months": 0})
        self.assertEqual((car.next_service_date, car.next_service_basis), (date(2024, 3, 20), "mileage"))
        self.brand.write({"service_interval_months": 6, "service_interval_km": 0})
        self.assertEqual((car.next_service_date, car.next_service_basis), (date(2022, 9, 1), "time"))
        self.assertEqual(car.next_service_km, 0)

    def _assert_refused(self, fragment, action, *args):
        # Odoo's assertRaises rolls back what the refused call wrote (a created brand), as a request would.
        with self.assertRaises(ValidationError) as caught:
            action(*args)
        self.assertIn(fragment, str(caught.exception))

    def test_neither_is_refused(self):
        Brand = self.env["fleet.vehicle.model.brand"]
        neither = "needs a service interval in months, in km or both"
        self._assert_refused(f"No Interval {neither}", self._brand, 0, 0, "No Interval")
        self.assertFalse(Brand.search([("name", "=", "No Interval")]))
        self._assert_refused(neither, self.brand.write, {"service_interval_months": 0, "service_interval_km": False})
        self.brand.write({"service_interval_months": 0})  # km-only is fine
        self._assert_refused(neither, self.brand.write, {"service_interval_km": 0})
        self.assertEqual((self.brand.service_interval_months, self.brand.service_interval_km), (0, 7500))

    def test_negative_is_refused(self):
        self._assert_refused(
            "Service Interval (Months) cannot be below 0, not -6", self.brand.write, {"service_interval_months": -6}
        )
        self._assert_refused("Service Interval (km) cannot be below 0, not -1", self._brand, 6, -1, "Negative")
        self.assertEqual((self.brand.service_interval_months, self.brand.service_interval_km), (6, 7500))


@tagged("post_install", "-at_install")
class TestVehicleScreens(ServiceIntervalCase):
    def test_model_reads_brand_space_model(self):
        # Fleet's own screens keep "brand/model".
        self.assertEqual(self.model.display_name, "Test Brand/Test Sedan")
        self.assertEqual(self.model.with_context(dealer_model_display=True).display_name, "Test Brand Test Sedan")
        # The vehicle's model field asks for it wherever a screen reads or searches it...
        self.assertEqual(self.Vehicle.fields_get(["model_id"])["model_id"]["context"], {"dealer_model_display": True})
        car = self._car()
        spec = {"model_id": {"fields": {"display_name": {}}, "context": {"dealer_model_display": True}}}
        self.assertEqual(car.web_read(spec)[0]["model_id"]["display_name"], "Test Brand Test Sedan")
        # ... and the vehicles' action for its groups.
        action = self.env.ref("dealer_aftersales.dealer_vehicle_action")
        Vehicle = self.Vehicle.with_context(**safe_eval(action.context))
        groups = Vehicle.web_read_group([("id", "=", car.id)], ["model_id"], ["model_id"])["groups"]
        self.assertEqual(groups[0]["model_id"], (self.model.id, "Test Brand Test Sedan"))
        # Searching the model by its name still finds the car.
        self.assertEqual(Vehicle.search([("model_id", "ilike", "Test Sedan")]), car)

    def test_model_year_without_thousands_separator(self):
        for view_type in ("list", "form", "kanban"):
            arch = self.Vehicle.get_view(view_type=view_type)["arch"]
            for node in etree.fromstring(arch).iter("field"):
                if node.get("name") == "model_year":
                    options = safe_eval(node.get("options") or "{}", {"false": False, "true": True})
                    self.assertIs(options.get("enable_formatting"), False, f"{view_type}: {options}")

    def test_never_serviced_shows_no_last_service_km(self):
        car = self._car()
        form_view = "dealer_aftersales.dealer_vehicle_view_form"
        arch = etree.fromstring(self.Vehicle.get_view(self.env.ref(form_view).id)["arch"])
        [date_node] = arch.xpath("//group[@name='service']/field[@name='last_service_date']")
        [km_node] = arch.xpath("//group[@name='service']/field[@name='last_service_km']")
        self.assertEqual(date_node.get("placeholder"), "Never serviced")
        self.assertEqual(km_node.get("invisible"), "not last_service_date")
        # Overdue by the interval counted from its registration: right for a car never serviced.
        self.assertFalse(car.last_service_date)
        self.assertLess(car.next_service_date, date(2026, 5, 1))


@tagged("post_install", "-at_install")
class TestServiceIntervalOverRpc(OutsideClientMixin, ServiceIntervalCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env, login="interval_mgr", groups=f"base.group_user,{GROUP}manager", lang="en_US"
        )
        cls.advisor = new_test_user(cls.env, login="interval_sa", groups=f"base.group_user,{GROUP}user", lang="en_US")

    def _intervals(self, brand):
        brand.invalidate_recordset()
        return (brand.service_interval_months, brand.service_interval_km)

    def test_bad_intervals_over_rpc(self):
        Brand = self.env["fleet.vehicle.model.brand"]
        brand = self._brand(12, 0, name="Time Only Brand")
        count = Brand.search_count([])
        model = "fleet.vehicle.model.brand"
        for label, values in (
            ("both 0", {"service_interval_months": 0, "service_interval_km": 0}),
            ("months 0 of a time-only brand", {"service_interval_months": 0}),
            ("both unset", {"service_interval_months": False, "service_interval_km": False}),
            ("negative months", {"service_interval_months": -12}),
            ("negative km", {"service_interval_months": 12, "service_interval_km": -5000}),
            ("km overflow", {"service_interval_km": 3_000_000_000}),
            ("months of 1 000 years", {"service_interval_months": 12000}),
            ("months as text", {"service_interval_months": "十二个月"}),
            ("months of 6.5", {"service_interval_months": 6.5}),
        ):
            self.attempt("refused", label, self.manager, model, "write", brand.ids, values)
            self.assertEqual(self._intervals(brand), (12, 0), f"{label}: a refused write changed the brand")
        for label, values in (
            ("created without interval", {"name": "RPC Brand", "service_interval_months": 0, "service_interval_km": 0}),
            ("created negative", {"name": "RPC Brand", "service_interval_months": -1, "service_interval_km": 5000}),
        ):
            self.attempt("refused", label, self.manager, model, "create", values)
        self.assertEqual(Brand.search_count([]), count, "a refused create made a brand")
        # Not a service advisor's setting.
        self.attempt("denied", "advisor", self.advisor, model, "write", brand.ids, {"service_interval_km": 5000})
        # One interval or both: accepted.
        self.attempt(
            "ok",
            "km only",
            self.manager,
            model,
            "write",
            brand.ids,
            {"service_interval_months": 0, "service_interval_km": 10000},
        )
        self.assertEqual(self._intervals(brand), (0, 10000))
        self.attempt("ok", "both", self.manager, model, "write", brand.ids, {"service_interval_months": 6})
        self.assertEqual(self._intervals(brand), (6, 10000))
        self.assert_all_held("brand service intervals")

    def test_refusal_says_what_is_wrong(self):
        outcome = self.client(self.manager).call(
            "fleet.vehicle.model.brand",
            "write",
            self.brand.ids,
            {"service_interval_months": 0, "service_interval_km": 0},
        )
        self.assertEqual(outcome.error, "odoo.exceptions.ValidationError")
        self.assertIn("Test Brand needs a service interval in months, in km or both", outcome.message)
