from odoo.tests import TransactionCase

from odoo.addons.dealer_aftersales.models.dealer_vehicle import vin_check_digit

# Odoo's importer options for a spreadsheet saved as UTF-8 CSV, as the import dialog sends them.
CSV_IMPORT_OPTIONS = {
    "quoting": '"',
    "separator": ",",
    "has_headers": True,
    "encoding": "utf-8",
    "float_thousand_separator": ",",
    "float_decimal_separator": ".",
}


def make_vin(serial, prefix="LVGBE40K0PG"):
    """A valid VIN with the given serial number (last six characters)."""
    vin = f"{prefix}{serial:06d}"
    return vin[:8] + vin_check_digit(vin) + vin[9:]


class DealerVehicleCase(TransactionCase):
    """A brand with the reference interval (6 months / 7 500 km), a model and an owner."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Messages are asserted in English here; test_vehicle_vin checks zh_CN.
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.company = cls.env.company
        cls.brand = cls.env["fleet.vehicle.model.brand"].create(
            {"name": "Test Brand", "service_interval_months": 6, "service_interval_km": 7500}
        )
        cls.model = cls.env["fleet.vehicle.model"].create({"name": "Test Sedan", "brand_id": cls.brand.id})
        cls.owner = cls.env["res.partner"].create({"name": "王伟", "lang": "en_US"})
        cls.Vehicle = cls.env["dealer.vehicle"]
        cls.Reading = cls.env["dealer.vehicle.odometer"]

    @classmethod
    def _vehicle(cls, vin, **values):
        return cls.Vehicle.create({"vin": vin, "model_id": cls.model.id, "partner_id": cls.owner.id, **values})
