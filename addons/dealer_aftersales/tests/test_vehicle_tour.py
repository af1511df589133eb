from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestVehicleTour(HttpCase):
    """In Chromium: a service advisor registers a vehicle in the web client."""

    def test_advisor_registers_vehicle(self):
        brand = self.env["fleet.vehicle.model.brand"].create({"name": "Tour Brand"})
        self.env["fleet.vehicle.model"].create({"name": "Tour Sedan", "brand_id": brand.id})
        self.env["res.partner"].create({"name": "赵敏"})
        new_test_user(
            self.env,
            login="tour_advisor",
            password="tour_advisor",
            groups="base.group_user,dealer_aftersales.dealer_aftersales_group_user",
        )
        self.start_tour("/odoo", "dealer_aftersales_vehicle_tour", login="tour_advisor")
        vehicle = self.env["dealer.vehicle"].search([("vin", "=", "LVGBE40K9PG000001")])
        self.assertEqual(vehicle.license_plate, "粤A·T0001")
        self.assertEqual(vehicle.model_id.name, "Tour Sedan")
        self.assertEqual(vehicle.partner_id.name, "赵敏")
        self.assertEqual(vehicle.create_uid.login, "tour_advisor")
