from psycopg2.errors import UniqueViolation

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.dealer_aftersales.models.dealer_vehicle import vin_check_digit

from .common import DealerVehicleCase


@tagged("post_install", "-at_install")
class TestVehicleVin(DealerVehicleCase):
    def test_check_digit_known_vins(self):
        # Published examples: the ISO 3779 / NHTSA worked example has X as check digit.
        self.assertEqual(vin_check_digit("1M8GDM9AXKP042788"), "X")
        self.assertEqual(vin_check_digit("11111111111111111"), "1")
        # By hand: L3x8 V5x7 G7x6 B2x5 E5x4 4x3 0x2 K2x10 P7x9 G7x8 1x2 = 284 = 25x11 + 9.
        self.assertEqual(vin_check_digit("LVGBE40K0PG000001"), "9")

    def test_valid_vin_is_stored_upper_case_without_blanks(self):
        vehicle = self._vehicle(" 1m8gdm9axkp 042788 ")
        self.assertEqual(vehicle.vin, "1M8GDM9AXKP042788")
        self.assertEqual(vehicle.name, "1M8GDM9AXKP042788")
        vehicle.license_plate = "粤a b2797"
        self.assertEqual(vehicle.name, "粤AB2797")

    def _assert_refused(self, vin, *fragments):
        count = self.Vehicle.search_count([])
        with self.assertRaises(ValidationError) as caught, mute_logger("odoo.sql_db"):
            self._vehicle(vin)
        for fragment in fragments:
            self.assertIn(fragment, str(caught.exception))
        self.assertEqual(self.Vehicle.search_count([]), count, "nothing may be written")

    def test_wrong_length(self):
        self._assert_refused("1M8GDM9AXKP04278", "must have 17 characters, not 16")
        self._assert_refused("1M8GDM9AXKP0427888", "not 18")

    def test_forbidden_letters(self):
        # O where a 0 belongs: the typing error the ISO alphabet rules out.
        self._assert_refused("1M8GDM9AXKP04278O", "contains O", "without I, O and Q")
        self._assert_refused("1M8GDM9AXKP-42788", "contains -")

    def test_wrong_check_digit(self):
        self._assert_refused("1M8GDM9A1KP042788", "9th character should be X, not 1")
        # One mistyped serial digit changes the expected check digit.
        self._assert_refused("1M8GDM9AXKP042789", "should be ")

    def test_vin_unique_per_store(self):
        self._vehicle("11111111111111111")
        with self.assertRaises(UniqueViolation), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self._vehicle("11111111111111111")
        other_store = self.env["res.company"].create({"name": "佛山南海店"})
        vehicle = self.Vehicle.create(
            {"vin": "11111111111111111", "model_id": self.model.id, "company_id": other_store.id}
        )
        self.assertEqual(vehicle.company_id, other_store)

    def test_refusal_in_chinese(self):
        with self.assertRaises(ValidationError) as caught:
            self.Vehicle.with_context(lang="zh_CN").create({"vin": "1M8GDM9A1KP042788", "model_id": self.model.id})
        self.assertIn("第 9 位", str(caught.exception))
        self.assertIn("应为 X", str(caught.exception))
