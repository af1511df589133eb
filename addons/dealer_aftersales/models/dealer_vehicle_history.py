from odoo import _, fields, models

from ..tools import ACCOUNTANT, ADVISOR, ALL_ROLES, PARTS, requires_role

CLAIM_GROUPS = "dealer_aftersales.dealer_aftersales_group_user,dealer_aftersales.dealer_aftersales_group_accountant"
INVOICE_GROUPS = "dealer_aftersales.dealer_aftersales_group_accountant"


class DealerVehicle(models.Model):
    """The vehicle's service history, and the way to its appointments, orders, claims and invoices."""

    _inherit = "dealer.vehicle"

    repair_ids = fields.One2many("repair.order", "vehicle_id", string="Service History", readonly=True)
    repair_count = fields.Integer(string="Repair Orders", compute="_compute_repair_count")
    appointment_count = fields.Integer(string="Appointments", compute="_compute_appointment_count")
    claim_count = fields.Integer(string="Claims", compute="_compute_claim_count", groups=CLAIM_GROUPS)
    invoice_count = fields.Integer(string="Invoices", compute="_compute_invoice_count", groups=INVOICE_GROUPS)

    def _count(self, model, domain=()):
        """{vehicle id: number of ``model`` records}, for all the vehicles in one grouped read."""
        groups = (
            self.env[model].sudo()._read_group([("vehicle_id", "in", self.ids), *domain], ["vehicle_id"], ["__count"])
        )
        return {vehicle.id: count for vehicle, count in groups}

    def _compute_repair_count(self):
        counts = self._count("repair.order", [("state", "!=", "cancel")])
        for vehicle in self:
            vehicle.repair_count = counts.get(vehicle._origin.id, 0)

    def _compute_appointment_count(self):
        counts = self._count("dealer.appointment")
        for vehicle in self:
            vehicle.appointment_count = counts.get(vehicle._origin.id, 0)

    def _compute_claim_count(self):
        insurance, warranty = self._count("dealer.insurance.claim"), self._count("dealer.warranty.claim")
        for vehicle in self:
            vehicle.claim_count = insurance.get(vehicle._origin.id, 0) + warranty.get(vehicle._origin.id, 0)

    def _invoices(self):
        """The customer invoices of the vehicle's repair orders."""
        return self.repair_ids.dealer_move_ids.filtered(lambda move: move.move_type == "out_invoice")

    def _compute_invoice_count(self):
        for vehicle in self:
            vehicle.invoice_count = len(vehicle._origin.sudo()._invoices())

    def _history_action(self, xmlid, domain, name, context=None):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action.update(
            name=f"{name} · {self.display_name}",
            domain=domain,
            context={"default_vehicle_id": self.id, "default_partner_id": self.partner_id.id, **(context or {})},
        )
        return action

    @requires_role(*ALL_ROLES)
    def action_view_repairs(self):
        return self._history_action(
            "dealer_aftersales.repair_order_action_dealer", [("vehicle_id", "=", self.id)], _("Repair Orders")
        )

    @requires_role(*ALL_ROLES)
    def action_view_appointments(self):
        return self._history_action(
            "dealer_aftersales.dealer_appointment_action", [("vehicle_id", "=", self.id)], _("Appointments")
        )

    @requires_role(ADVISOR, PARTS, ACCOUNTANT)
    def action_view_claims(self):
        return self._history_action(
            "dealer_aftersales.dealer_insurance_claim_action", [("vehicle_id", "=", self.id)], _("Insurance Claims")
        )

    @requires_role(ACCOUNTANT)
    def action_view_invoices(self):
        action = self._history_action(
            "account.action_move_out_invoice_type", [("id", "in", self._invoices().ids)], _("Invoices")
        )
        action["context"] = {"create": False}
        return action
