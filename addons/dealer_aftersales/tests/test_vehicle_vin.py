from psycopg2.errors import UniqueViolation

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.dealer_aftersales.models.dealer_vehicle import vin_check_digit

from .common import CSV_IMPORT_OPTIONS, DealerVehicleCase


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


@tagged("post_install", "-at_install")
class TestVinCheckDigitByRegion(DealerVehicleCase):
    """The check digit is enforced where the standard requires it (WMI starting with L: China,
    GB 16735; 1-5: North America) and not elsewhere, unless the brand says otherwise. Real VINs."""

    # Made in Germany: the 9th character is Z, not a check digit (ISO 3779 does not require one).
    PORSCHE = "WP0ZZZ99ZTS392124"
    VW_GOLF = "WVWZZZ1JZ3W386752"
    OPEL = "W0L000051T2123456"
    # Made in Japan: not enforced; these two carry a correct one.
    HONDA_JP = "JHMCM56557C404453"
    TOYOTA_JP = "JTDKB20U093490128"
    # North America: enforced (check digit 3).
    HONDA_US = "1HGCM82633A004352"
    # Made in China: enforced (Shanghai Volkswagen, Changan Ford; check digits 7 and 1).
    SVW = "LSVAM4187C2184847"
    CHANGAN_FORD = "LVSHCAMB1CE054249"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env, login="vin_mgr", groups="base.group_user,dealer_aftersales.dealer_aftersales_group_manager"
        )
        cls.advisor = new_test_user(
            cls.env, login="vin_sa", groups="base.group_user,dealer_aftersales.dealer_aftersales_group_user"
        )
        cls.porsche = cls.env["fleet.vehicle.model.brand"].create({"name": "Porsche"})
        cls.porsche_911 = cls.env["fleet.vehicle.model"].create({"name": "911 Carrera", "brand_id": cls.porsche.id})

    def _car(self, vin, model=None):
        return self.Vehicle.with_user(self.advisor).create(
            {"vin": vin, "model_id": (model or self.model).id, "partner_id": self.owner.id}
        )

    def _assert_refused(self, vin, message, model=None):
        count = self.Vehicle.search_count([])
        with self.assertRaises(ValidationError) as caught, mute_logger("odoo.sql_db"):
            self._car(vin, model)
        self.assertIn(message, str(caught.exception))
        self.assertEqual(self.Vehicle.search_count([]), count, "nothing may be written")

    def test_imported_european_and_japanese_vins_accepted(self):
        for vin in (self.PORSCHE, self.VW_GOLF, self.OPEL):
            with self.subTest(vin=vin):
                vehicle = self._car(vin.lower(), self.porsche_911)
                self.assertEqual(vehicle.vin, vin)
                self.assertFalse(vehicle.vin_check_verified)
        for vin in (self.HONDA_JP, self.TOYOTA_JP):
            with self.subTest(vin=vin):
                self.assertTrue(self._car(vin).vin_check_verified)
        # A Japanese VIN whose 9th character is not the check digit: accepted, not verified.
        mistyped = self.TOYOTA_JP[:8] + "7" + self.TOYOTA_JP[9:]
        self.assertFalse(self._car(mistyped).vin_check_verified)

    def test_north_american_and_chinese_vins_enforced(self):
        for vin in (self.HONDA_US, self.SVW, self.CHANGAN_FORD):
            with self.subTest(vin=vin):
                self.assertTrue(self._car(vin).vin_check_verified)
        self._assert_refused("1HGCM82643A004352", "the 9th character should be 3, not 4")
        # FAW-Volkswagen's WMI LFV with a mistyped 9th character (7 expected).
        self._assert_refused("LFV2A21K8A3036925", "the 9th character should be 7, not 8")
        # Even on an imported brand's model: the rule follows where the car was made.
        self._assert_refused("LSVAM4188C2184847", "should be 7, not 8", self.porsche_911)

    def test_length_and_alphabet_stay_checked_everywhere(self):
        self._assert_refused(self.PORSCHE[:16], "must have 17 characters, not 16", self.porsche_911)
        self._assert_refused("WP0ZZZ99ZTS39212O", "contains O", self.porsche_911)

    def test_brand_always_and_never(self):
        self.porsche.with_user(self.manager).dealer_vin_check = "always"
        self._assert_refused(self.PORSCHE, "the 9th character should be 8, not Z", self.porsche_911)
        # A US-market Porsche VIN carries its check digit (1 here): still accepted.
        self.assertTrue(self._car("WP0AB2A91BS785577", self.porsche_911).vin_check_verified)
        self.brand.with_user(self.manager).dealer_vin_check = "never"
        vehicle = self._car("LFV2A21K8A3036925")
        self.assertFalse(vehicle.vin_check_verified)
        # The rule follows the model's brand when the vehicle changes model.
        with self.assertRaises(ValidationError) as caught, mute_logger("odoo.sql_db"):
            vehicle.with_user(self.advisor).model_id = self.porsche_911
        self.assertIn("should be 7, not 8", str(caught.exception))
        vehicle.invalidate_recordset()
        self.assertEqual(vehicle.model_id, self.model)

    def test_brand_rule_is_the_managers(self):
        self.assertEqual(self.porsche.dealer_vin_check, "auto")
        with self.assertRaises(AccessError):
            self.porsche.with_user(self.advisor).write({"dealer_vin_check": "never"})
        self.assertEqual(self.porsche.dealer_vin_check, "auto")
        Brand = self.env["fleet.vehicle.model.brand"]
        self.assertIn("dealer_vin_check", Brand.with_user(self.manager).get_view(view_type="form")["arch"])
        self.assertNotIn("dealer_vin_check", Brand.with_user(self.advisor).get_view(view_type="form")["arch"])

    def test_form_says_when_not_verified(self):
        arch = self.Vehicle.with_user(self.advisor).get_view(view_type="form")["arch"]
        self.assertIn('name="vin_check_note"', arch)
        self.assertIn("Check digit not verified", arch)
        self.assertIn('invisible="vin_check_verified or not vin"', arch)

    def test_import_follows_the_rule(self):
        header = ["VIN", "Model"]
        rows = [[self.PORSCHE, "911 Carrera"], [self.HONDA_US, "Test Sedan"], ["1HGCM82643A004352", "Test Sedan"]]
        content = "\n".join(",".join(row) for row in [header, *rows]).encode()
        importer = (
            self.env["base_import.import"]
            .with_user(self.advisor)
            .create({"res_model": "dealer.vehicle", "file": content, "file_type": "text/csv", "file_name": "v.csv"})
        )
        result = importer.execute_import(["vin", "model_id"], header, CSV_IMPORT_OPTIONS, dryrun=False)
        # Only the mistyped US VIN is refused (the importer may name the row of its batch as well).
        errors = [message for message in result["messages"] if message["type"] == "error"]
        self.assertIn(2, [message["rows"]["from"] for message in errors], result["messages"])
        for message in errors:
            self.assertIn("VIN 1HGCM82643A004352 fails the check digit", message["message"])
            self.assertIn("should be 3, not 4", message["message"])
        self.assertFalse(self.Vehicle.search([("vin", "in", [self.PORSCHE, self.HONDA_US])]))
        # Without the bad row, the imported Porsche comes in.
        content = "\n".join(",".join(row) for row in [header, *rows[:2]]).encode()
        importer = (
            self.env["base_import.import"]
            .with_user(self.advisor)
            .create({"res_model": "dealer.vehicle", "file": content, "file_type": "text/csv", "file_name": "v.csv"})
        )
        result = importer.execute_import(["vin", "model_id"], header, CSV_IMPORT_OPTIONS, dryrun=False)
        self.assertEqual(result["messages"], [])
        porsche = self.Vehicle.search([("vin", "=", self.PORSCHE)])
        self.assertEqual((porsche.brand_id, porsche.vin_check_verified), (self.porsche, False))

    def test_vehicles_for_sale_serial_numbers(self):
        category = self.env["product.category"].create({"name": "进口整车", "dealer_vehicle": True})
        cayenne = self.env["product.product"].create(
            {"name": "Cayenne", "is_storable": True, "tracking": "serial", "categ_id": category.id}
        )
        Lot = self.env["stock.lot"]
        lot = Lot.create({"name": self.PORSCHE, "product_id": cayenne.id, "company_id": self.company.id})
        self.assertEqual(lot.name, self.PORSCHE)
        Lot.create({"name": self.SVW, "product_id": cayenne.id, "company_id": self.company.id})
        with self.assertRaises(ValidationError) as caught:
            Lot.create({"name": "LFV2A21K8A3036925", "product_id": cayenne.id, "company_id": self.company.id})
        self.assertIn("serial number is its VIN", str(caught.exception))
        self.assertIn("should be 7, not 8", str(caught.exception))
        self.assertFalse(Lot.search([("name", "=", "LFV2A21K8A3036925")]))
