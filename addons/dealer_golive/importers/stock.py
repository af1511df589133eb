"""Opening stock shared by parts and vehicles for sale: receipts from the store's go-live
location, each dated on its receipt day (its FIFO layer keeps its real age), valued in one
journal entry on the go-live date against the opening-balance account."""

from collections import defaultdict

from odoo import Command
from odoo.exceptions import UserError
from odoo.tools import SQL, float_compare

# Moves received per batch (see receive).
STOCK_BATCH = 1000


def opening_location(context):
    env, company = context.env, context.company
    Location = env["stock.location"]
    location = Location.search([("company_id", "=", company.id), ("dealer_golive", "=", True)], limit=1)
    if not location:
        parent = env.ref("stock.stock_location_locations_virtual", raise_if_not_found=False)
        location = Location.create(
            {
                "name": env._("Go-Live Opening Stock"),
                "usage": "inventory",
                "dealer_golive": True,
                "company_id": company.id,
                "location_id": parent.id if parent else False,
            }
        )
    return location


def receive(context, rows):
    """``rows``: [{"product": product, "quantity", "cost", "date", "location": internal location,
    "lot": lot or None}] -> the done moves."""
    env = context.env
    if not rows:
        return env["stock.move"]
    source = opening_location(context)
    # Received batch by batch, the cache emptied after each: Odoo values each done move against
    # its product's stock, computed for all the products in the cache, which over one recordset
    # of all the file's moves grows with the square of the rows. A part's receipts stay in one
    # batch, in the order of the rows (its FIFO layers' order): its cost is averaged over its
    # receipts exactly as in one batch of all.
    by_product = defaultdict(list)
    for position, row in enumerate(rows):
        by_product[row["product"].id].append((position, row))
    batches, batch = [], []
    for product_rows in by_product.values():
        batch += product_rows
        if len(batch) >= STOCK_BATCH:
            batches.append(batch)
            batch = []
    if batch:
        batches.append(batch)
    ids, received = [], []
    for batch in batches:
        batch = [row for __, row in sorted(batch, key=lambda item: item[0])]
        ids += _receive_batch(context, source, batch).ids
        received += batch
        env.invalidate_all()
        context.advance(len(batch))
    moves = env["stock.move"].browse(ids)
    _backdate(context, moves, received)
    _book(context, moves)
    return moves


def _receive_batch(context, source, rows):
    env, job = context.env, context.job
    moves = env["stock.move"].create(
        [
            {
                "name": env._("Go-live opening stock %(name)s", name=job.name),
                "product_id": row["product"].id,
                "product_uom": row["product"].uom_id.id,
                "product_uom_qty": float(row["quantity"]),
                "price_unit": float(row["cost"]),
                "location_id": source.id,
                "location_dest_id": row["location"].id,
                "company_id": context.company.id,
                "origin": job.name,
                "dealer_golive_import_id": job.id,
                "is_inventory": True,
            }
            for row in rows
        ]
    )
    moves._action_confirm()
    moves._action_assign()
    # The moves from the go-live location are reserved in full by _action_assign (nothing to
    # take from stock there): only those that are not get their quantity written, one write per
    # quantity rather than one per move.
    by_quantity = defaultdict(list)
    for move, row in zip(moves, rows, strict=True):
        if row.get("lot"):
            if not move.move_line_ids:
                move.move_line_ids = [
                    Command.create(
                        {
                            "product_id": move.product_id.id,
                            "product_uom_id": move.product_uom.id,
                            "location_id": source.id,
                            "location_dest_id": row["location"].id,
                            "company_id": context.company.id,
                        }
                    )
                ]
            move.move_line_ids.write({"lot_id": row["lot"].id, "quantity": 1})
        elif float_compare(move.quantity, float(row["quantity"]), precision_rounding=move.product_uom.rounding):
            by_quantity[float(row["quantity"])].append(move.id)
    for quantity, ids in by_quantity.items():
        moves.browse(ids).quantity = quantity
    moves.picked = True
    moves._action_done()
    not_done = moves.filtered(lambda move: move.state != "done")
    if not_done:
        raise UserError(
            env._("The opening stock of %(part)s could not be received.", part=not_done[0].product_id.display_name)
        )
    return moves


def _backdate(context, moves, rows):
    """Each move dated at its receipt day's noon in the store (StockMove._dealer_backdate_each:
    one statement for all the days of the file)."""
    instants = {}
    for row in rows:
        if row["date"] not in instants:
            instants[row["date"]] = context.job._local_instant(row["date"])
    context.env["stock.move"]._dealer_backdate_each(
        {move.id: instants[row["date"]] for move, row in zip(moves, rows, strict=True)}
    )
    # A quant's in date is its oldest receipt (Odoo's FIFO removal and its own aging read it).
    context.env.cr.execute(
        SQL(
            """
            UPDATE stock_quant q SET in_date = first.day
              FROM (SELECT m.product_id, m.location_dest_id, MIN(m.date) AS day
                      FROM stock_move m WHERE m.id IN %(ids)s
                     GROUP BY m.product_id, m.location_dest_id) AS first
             WHERE q.product_id = first.product_id AND q.location_id = first.location_dest_id
               AND q.lot_id IS NULL AND q.quantity > 0
            """,
            ids=tuple(moves.ids),
        )
    )
    context.env.invalidate_all()


def _book(context, moves):
    """One entry: each stock account debited with the value of its categories' receipts, the
    opening-balance account credited with the total. Categories valued manually get none."""
    env, job = context.env, context.job
    layers = moves.stock_valuation_layer_ids
    by_account = defaultdict(float)
    booked = []  # layer ids: a recordset grown one layer at a time costs the square of the layers
    for layer in layers:
        category = layer.product_id.categ_id.with_company(context.company)
        if category.property_valuation != "real_time":
            continue
        account = category.property_stock_valuation_account_id
        if not account:
            raise UserError(
                env._("The category %(category)s has no stock valuation account.", category=category.display_name)
            )
        by_account[account] += layer.value
        booked.append(layer.id)
    if not booked:
        return
    if not job.opening_account_id:
        raise UserError(env._("Choose the opening balance account of the opening stock."))
    currency = context.company.currency_id
    lines = [
        Command.create({"account_id": account.id, "name": env._("Opening stock"), "debit": currency.round(value)})
        for account, value in sorted(by_account.items(), key=lambda item: item[0].code)
        if currency.round(value)
    ]
    total = sum(line[2]["debit"] for line in lines)
    lines.append(
        Command.create({"account_id": job.opening_account_id.id, "name": env._("Opening stock"), "credit": total})
    )
    entry = env["account.move"].create(
        {
            "move_type": "entry",
            "journal_id": job._opening_journal().id,
            "date": context.golive,
            "ref": env._("%(name)s: opening stock", name=job.name),
            "company_id": context.company.id,
            "line_ids": lines,
        }
    )
    entry.action_post()
    env["stock.valuation.layer"].browse(booked).write({"account_move_id": entry.id})
    context.entries |= entry
