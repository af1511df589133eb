"""The vehicle's service history and its smart buttons to appointments, orders, claims and
invoices: counted in bulk, opened on the vehicle's records, shown to the roles that may read them."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .access import ROLES
from .common import DealerClaimCase


@tagged("post_install", "-at_install", "is_query_count")
class TestVehicleHistory(DealerClaimCase):
    def test_history_and_smart_buttons(self):
        # One accident order from a claim (invoiced to the insurer and the customer), one
        # maintenance order not invoiced yet, one appointment.
        claim = self.env["dealer.insurance.claim"].browse(self._invoiced_claim("PICC-HIST-001").id)
        self._order(labor=[(self.oil_change, None, "customer")])
        self.env["dealer.appointment"].create(
            {"vehicle_id": self.vehicle.id, "start": "2030-06-03 02:00:00", "duration": 1}
        )
        vehicle = self.vehicle
        self.assertEqual(
            (vehicle.repair_count, vehicle.appointment_count, vehicle.claim_count, vehicle.invoice_count), (2, 1, 1, 2)
        )
        self.assertEqual(len(vehicle.repair_ids), 2)
        for action, model, expected in (
            (vehicle.action_view_repairs(), "repair.order", vehicle.repair_ids),
            (
                vehicle.action_view_appointments(),
                "dealer.appointment",
                vehicle.env["dealer.appointment"].search([("vehicle_id", "=", vehicle.id)]),
            ),
            (vehicle.action_view_claims(), "dealer.insurance.claim", claim),
            (vehicle.action_view_invoices(), "account.move", claim.repair_id.dealer_move_ids),
        ):
            with self.subTest(model=model):
                self.assertEqual(action["res_model"], model)
                self.assertEqual(self.env[model].search(action["domain"]), expected)
        # Counted in bulk: one grouped read per count (claims: insurance and warranty), whatever
        # the number of vehicles.
        other = self._vehicle("1M8GDM9AXKP042788")
        both = vehicle | other
        both.invalidate_recordset()
        with self.assertQueryCount(4):
            both.mapped("repair_count"), both.mapped("appointment_count"), both.mapped("claim_count")

    def test_technicians_see_the_history_but_not_claims_or_invoices(self):
        self._order(labor=[(self.oil_change, None, "customer")])
        technician = new_test_user(
            self.env,
            login="history_technician",
            groups=ROLES["Technician"],
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        vehicle = self.vehicle.with_user(technician)
        self.assertEqual(vehicle.repair_count, 1)
        self.assertEqual(vehicle.repair_ids.read(["name"])[0]["name"], self.vehicle.repair_ids.name)
        for field in ("claim_count", "invoice_count"):
            with self.subTest(field=field), self.assertRaises(AccessError):
                vehicle.read([field])
        self.assertNotIn("claim_count", vehicle.fields_get())
