import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)


class StockWarehouseOrderpoint(models.Model):
    _inherit = "stock.warehouse.orderpoint"

    dealer_safety_qty = fields.Float(
        string="Safety Stock",
        digits="Product Unit of Measure",
        help="Below this quantity on hand the parts manager is alerted and a purchase is started at once.",
    )
    dealer_eoq = fields.Float(string="Economic Order Quantity", digits="Product Unit of Measure", readonly=True)

    def _dealer_below_safety(self):
        """The order points whose part has less on hand in their location than its safety stock."""
        below = self.browse()
        for orderpoint in self.filtered("dealer_safety_qty"):
            on_hand = orderpoint.product_id.with_context(location=orderpoint.location_id.id).qty_available
            if on_hand < orderpoint.dealer_safety_qty:
                below |= orderpoint
        return below

    def _dealer_safety_alarm(self):
        """For each order point below its safety stock: start the purchase through Odoo's
        replenishment (a request for quotation to the part's vendor) and tell the parts manager.
        Returns the order points that raised the alarm."""
        below = self.sudo()._dealer_below_safety()
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for orderpoint in below:
            company = orderpoint.company_id
            orderpoint = orderpoint.with_company(company)
            if orderpoint.product_id.seller_ids and not orderpoint.route_id:
                buy_route = orderpoint.warehouse_id.buy_pull_id.route_id
                if buy_route:
                    orderpoint.route_id = buy_route
            note = _(
                "%(part)s: %(on_hand)s on hand in %(location)s, below the safety stock of %(safety)s.",
                part=orderpoint.product_id.display_name,
                on_hand=orderpoint.product_id.with_context(location=orderpoint.location_id.id).qty_available,
                location=orderpoint.location_id.display_name,
                safety=orderpoint.dealer_safety_qty,
            )
            try:
                with self.env.cr.savepoint():
                    orderpoint.action_replenish()
            except UserError as error:
                note = _("%(note)s The purchase could not be started: %(reason)s", note=note, reason=error.args[0])
                _logger.info("Safety-stock alarm of %s: no purchase started", orderpoint.product_id.display_name)
            user = company.dealer_parts_manager_id or orderpoint.create_uid
            template = orderpoint.product_id.product_tmpl_id
            already = (
                self.env["mail.activity"]
                .sudo()
                .search_count(
                    [
                        ("res_model", "=", "product.template"),
                        ("res_id", "=", template.id),
                        ("activity_type_id", "=", activity_type.id),
                        ("user_id", "=", user.id),
                        ("summary", "=", _("Safety stock reached")),
                    ]
                )
            )
            if not already:
                template.sudo().activity_schedule(
                    activity_type_id=activity_type.id, summary=_("Safety stock reached"), note=note, user_id=user.id
                )
        return below

    @api.model
    def _cron_dealer_safety_alarm(self):
        self.sudo().search([("dealer_safety_qty", ">", 0)])._dealer_safety_alarm()
