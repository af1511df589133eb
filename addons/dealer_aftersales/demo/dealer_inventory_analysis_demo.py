"""A year of parts and vehicle stock history for the demo store (demo data only)."""

import datetime
import random
from collections import defaultdict

from odoo import api, fields, models

from ..models.dealer_vehicle import vin_check_digit

HISTORY_DAYS = 420
STEP_DAYS = 21
VIN_PREFIXES = ("LVGB1AEK", "LFMAP86C", "LVGDC72K", "LVGBE40K")


class DealerInventoryAnalysis(models.AbstractModel):
    _inherit = "dealer.inventory.analysis"

    @api.model
    def _demo_load_history(self, parts, vehicles):
        """Receipts and issues of ``parts`` ([product id, profile, demand per week]; profiles fast,
        slow, dead and new) over the last ~14 months, and vehicles ([product id, received,
        delivered]) received and sold by VIN, dated in the past with their journal entries."""
        rng = random.Random(4)
        company = self.env.company
        locations = self._demo_locations()
        today = fields.Date.context_today(self)
        Product = self.env["product.product"]

        # The opening stock counted when the store started with Odoo: 14 months ago.
        opening = self.env["stock.move"].search(
            [("product_id", "in", [part[0] for part in parts]), ("is_inventory", "=", True), ("state", "=", "done")]
        )
        opening._dealer_backdate(self._demo_instant(today, HISTORY_DAYS))
        on_hand = {product.id: product.qty_available for product in Product.browse([part[0] for part in parts])}

        events = defaultdict(list)  # days ago -> [(product id, quantity, kind)]
        requests = []
        for product_id, profile, weekly in parts:
            product = Product.browse(product_id)
            per_step = weekly * STEP_DAYS / 7
            if not on_hand[product_id] and profile != "new":
                first = {"fast": per_step * 3, "slow": 5, "dead": 2}[profile]
                events[HISTORY_DAYS - 3].append((product_id, round(first), "in"))
                on_hand[product_id] += round(first)
            for ago in range(HISTORY_DAYS - 10, 0, -STEP_DAYS):
                if profile == "dead":
                    continue
                if profile == "new" and ago > 40:
                    continue
                if profile == "new" and not on_hand[product_id]:
                    events[ago + 3].append((product_id, 24, "in"))
                    on_hand[product_id] += 24
                if profile == "fast":
                    demand = max(0, round(rng.gauss(per_step, per_step / 3)))
                elif profile == "slow":
                    demand = 1 if rng.random() < max(weekly, 0.3) * 0.5 else 0
                else:
                    demand = max(0, round(rng.gauss(per_step, 1)))
                issued = min(demand, on_hand[product_id])
                if issued:
                    events[ago].append((product_id, issued, "out"))
                    on_hand[product_id] -= issued
                for index in range(int(demand)):
                    outcome = "stock"
                    # Short when the shelf is empty, or now and then because it is reserved for another order.
                    if index >= issued or rng.random() < 0.07:
                        outcome = rng.choice(("ordered", "ordered", "emergency", "lost"))
                    requests.append((product, ago, outcome))
                low = profile == "fast" and on_hand[product_id] < per_step * 1.2
                if low or (profile == "slow" and not on_hand[product_id] and rng.random() < 0.5):
                    quantity = round(per_step * 2.5) if profile == "fast" else 4
                    events[max(ago - 2, 1)].append((product_id, quantity, "in"))
                    on_hand[product_id] += quantity

        for ago in sorted(events, reverse=True):
            if ago <= 0:
                continue
            self._demo_moves(events[ago], ago, today, locations, rng)
        self.env["dealer.part.request"].sudo().create(
            [
                {
                    "company_id": company.id,
                    "product_id": product.id,
                    "quantity": 1,
                    "available_qty": 0 if outcome != "stock" else 1,
                    "from_stock": outcome == "stock",
                    "outcome": outcome,
                    "request_time": self._demo_instant(today, ago),
                    "request_date": today - datetime.timedelta(days=ago),
                }
                for product, ago, outcome in requests
            ]
        )
        self._demo_vehicles(vehicles, today, locations, rng)
        self.compute_abc(company, today)

    @api.model
    def _demo_locations(self):
        company = self.env.company
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
        return {
            "stock": warehouse.lot_stock_id,
            "supplier": self.env.ref("stock.stock_location_suppliers"),
            "customer": self.env.ref("stock.stock_location_customers"),
            "production": self.env["stock.location"].search(
                [("usage", "=", "production"), ("company_id", "in", (company.id, False))], limit=1
            ),
        }

    @staticmethod
    def _demo_instant(today, ago):
        """10:00 in China on the day ``ago`` days before ``today``, in UTC."""
        return datetime.datetime.combine(today - datetime.timedelta(days=ago), datetime.time(2, 0))

    @api.model
    def _demo_moves(self, batch, ago, today, locations, rng):
        Move = self.env["stock.move"]
        Product = self.env["product.product"]
        day = today - datetime.timedelta(days=ago)
        values = []
        for product_id, quantity, kind in batch:
            product = Product.browse(product_id)
            if kind == "in":
                source, destination = locations["supplier"], locations["stock"]
                price = round(product.standard_price * rng.uniform(0.96, 1.04), 2)
            else:
                source = locations["stock"]
                destination = locations["customer"] if rng.random() < 0.2 else locations["production"]
                price = 0.0
            values.append(
                {
                    "name": product.display_name,
                    "product_id": product_id,
                    "product_uom_qty": quantity,
                    "product_uom": product.uom_id.id,
                    "location_id": source.id,
                    "location_dest_id": destination.id,
                    "price_unit": price,
                }
            )
        moves = Move.with_context(force_period_date=day).create(values)
        moves._action_confirm()
        moves._action_assign()
        for move in moves:
            move.quantity = move.product_uom_qty
        moves.picked = True
        moves._action_done()
        moves._dealer_backdate(self._demo_instant(today, ago))

    @api.model
    def _demo_vehicles(self, vehicles, today, locations, rng):
        """Vehicles arrive by truck on a few days and leave one by one; moves of a day go together."""
        Lot = self.env["stock.lot"]
        arrival_days = sorted(rng.sample(range(5, 160), 8), reverse=True)
        batches = defaultdict(list)  # days ago -> [(product, lot, source, destination)]
        serial = 100
        for index, (product_id, received, delivered) in enumerate(vehicles):
            product = self.env["product.product"].browse(product_id)
            for position in range(received):
                serial += rng.randint(3, 40)
                body = f"{VIN_PREFIXES[index % len(VIN_PREFIXES)]}0SG{serial:06d}"
                vin = body[:8] + vin_check_digit(body) + body[9:]
                lot = Lot.create({"name": vin, "product_id": product_id, "company_id": self.env.company.id})
                ago = arrival_days[(position * 3 + index) % len(arrival_days)]
                batches[ago, "in"].append((product, lot, locations["supplier"], locations["stock"]))
                if position < delivered and ago > 30:
                    sold_ago = max(1, ago - rng.randint(10, 45))
                    batches[sold_ago, "out"].append((product, lot, locations["stock"], locations["customer"]))
        for ago, direction in sorted(batches, key=lambda key: (-key[0], key[1])):
            self._demo_vehicle_moves(batches[ago, direction], ago, today)

    @api.model
    def _demo_vehicle_moves(self, lines, ago, today):
        day = today - datetime.timedelta(days=ago)
        Move = self.env["stock.move"].with_context(force_period_date=day)
        moves = Move.create(
            [
                {
                    "name": product.display_name,
                    "product_id": product.id,
                    "product_uom_qty": 1,
                    "product_uom": product.uom_id.id,
                    "location_id": source.id,
                    "location_dest_id": destination.id,
                    "price_unit": product.standard_price,
                }
                for product, _lot, source, destination in lines
            ]
        )
        moves._action_confirm()
        moves.move_line_ids.unlink()
        self.env["stock.move.line"].create(
            [
                {
                    "move_id": move.id,
                    "product_id": product.id,
                    "lot_id": lot.id,
                    "quantity": 1,
                    "product_uom_id": product.uom_id.id,
                    "location_id": source.id,
                    "location_dest_id": destination.id,
                    "picked": True,
                }
                for move, (product, lot, source, destination) in zip(moves, lines, strict=True)
            ]
        )
        moves.picked = True
        moves._action_done()
        moves._dealer_backdate(self._demo_instant(today, ago))
