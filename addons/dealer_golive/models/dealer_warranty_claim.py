"""Warranty claims of the old system (未结索赔): submitted or approved before go-live, without a
repair order of this store. Their vehicle and amounts are the old system's; their manufacturer
invoice is an opening receivable of the go-live import; they are approved, paid, rejected and
charged back as the store's own claims."""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.dealer_aftersales.models.dealer_warranty_claim import DealerWarrantyClaim as Base

GOLIVE_FIELDS = (
    "golive_import_id",
    "golive_vehicle_id",
    "golive_repair_date",
    "golive_labor_amount",
    "golive_parts_amount",
)


class DealerWarrantyClaim(models.Model):
    _inherit = "dealer.warranty.claim"
    # What the import wrote is the old system's: no client changes it.
    _dealer_guarded_fields = {**Base._dealer_guarded_fields, **dict.fromkeys(GOLIVE_FIELDS, ())}

    repair_id = fields.Many2one(required=False)
    vehicle_id = fields.Many2one(
        "dealer.vehicle", related=False, compute="_compute_vehicle_id", store=True, readonly=True
    )
    golive_import_id = fields.Many2one(
        "dealer.golive.import", string="Go-Live Import", readonly=True, copy=False, index="btree_not_null"
    )
    golive_vehicle_id = fields.Many2one("dealer.vehicle", string="Vehicle of the Old System", readonly=True, copy=False)
    golive_repair_date = fields.Date(string="Repair Date in the Old System", readonly=True, copy=False)
    golive_labor_amount = fields.Monetary(
        string="Labor Claimed in the Old System", readonly=True, copy=False, tracking=True
    )
    golive_parts_amount = fields.Monetary(
        string="Parts Claimed in the Old System", readonly=True, copy=False, tracking=True
    )

    @api.depends("repair_id.vehicle_id", "golive_vehicle_id")
    def _compute_vehicle_id(self):
        for claim in self:
            claim.vehicle_id = claim.repair_id.vehicle_id or claim.golive_vehicle_id

    @api.depends("golive_import_id", "golive_labor_amount", "golive_parts_amount")
    def _compute_amounts(self):
        # Without a repair order (the old system's, or refused by _check_repair), no lines to add up.
        opening = self.filtered(lambda claim: not claim.repair_id)
        result = super(DealerWarrantyClaim, self - opening)._compute_amounts()
        for claim in opening:
            claim.labor_amount = claim.golive_labor_amount
            claim.parts_amount = claim.golive_parts_amount
            claim.amount_claimed = claim.labor_amount + claim.parts_amount
        return result

    # "state" has a default, so the check runs on every create (constraints run for given fields).
    @api.constrains("repair_id", "golive_import_id", "state")
    def _check_repair(self):
        for claim in self:
            if not claim.repair_id and not claim.golive_import_id:
                raise ValidationError(self.env._("Warranty claim %(claim)s needs its repair order.", claim=claim.name))

    def _rebill(self, target):
        opening = self.filtered(lambda claim: not claim.repair_id)
        if opening:
            raise UserError(
                self.env._(
                    "Warranty claim %(claim)s came from the old system without its repair order: take back "
                    "what the manufacturer will not pay with a credit note on its invoice %(invoice)s in "
                    "Accounting.",
                    claim=opening[0].name,
                    invoice=opening[0].invoice_id.name,
                )
            )
        return super()._rebill(target)
