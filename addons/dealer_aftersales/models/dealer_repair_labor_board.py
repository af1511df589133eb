"""The workshop board (技师看板): what a job's card shows, read for the whole board at once, and
the notice the boards of a store get when one of its jobs or repair orders changes."""

from odoo import api, fields, models

from .fleet_vehicle_model import MODEL_DISPLAY_KEY

# The bus channel of a store's boards is ``(store, BOARD_CHANNEL)``: no client can name it; a
# client asks for "dealer_workshop_board:<store id>" and gets it only for its own stores
# (ir_websocket_board.py).
BOARD_CHANNEL = "dealer_workshop_board"
BOARD_NOTIFICATION = "dealer_aftersales.workshop_board"
_BOARD_DATA = "dealer_aftersales.workshop_board"

# Part lines of an order the workshop waits for: confirmed, not (fully) reserved yet.
WAITING_MOVE_STATES = ("confirmed", "waiting", "partially_available")
# The jobs the board shows as open.
OPEN_REPAIR_STATES = ("confirmed", "under_repair")
# The changes of a job or an order a board shows.
BOARD_JOB_FIELDS = {"state", "technician_ids", "name", "hours", "pay_type", "repair_id", "operation_id"}
BOARD_REPAIR_FIELDS = {"state", "bay_id", "promised_delivery_time", "user_id", "vehicle_id", "move_ids"}


def notify_workshop_board(env, jobs=None, repairs=None):
    """Tell the boards of the stores of ``jobs`` and ``repairs`` that they changed: one notice
    per store when the transaction commits, with the ids of what changed."""
    jobs = (jobs or env["dealer.repair.labor"]).sudo()
    repairs = (repairs or env["repair.order"]).sudo()
    if not jobs and not repairs:
        return
    precommit = env.cr.precommit
    changes = precommit.data.get(_BOARD_DATA)
    if changes is None:
        changes = precommit.data[_BOARD_DATA] = {}
        bus, stores = env["bus.bus"].sudo(), env["res.company"].sudo()

        @precommit.add
        def send():
            for store_id, (job_ids, repair_ids) in sorted(precommit.data.pop(_BOARD_DATA, {}).items()):
                bus._sendone(
                    (stores.browse(store_id), BOARD_CHANNEL),
                    BOARD_NOTIFICATION,
                    {"company_id": store_id, "labor_ids": sorted(job_ids), "repair_ids": sorted(repair_ids)},
                )

    for job in jobs:
        job_ids, repair_ids = changes.setdefault(job.company_id.id, (set(), set()))
        job_ids.add(job.id)
        repair_ids.add(job.repair_id.id)
    for repair in repairs:
        changes.setdefault(repair.company_id.id, (set(), set()))[1].add(repair.id)


class DealerRepairLabor(models.Model):
    _inherit = "dealer.repair.labor"

    # The card: read from the order (sudo, as related fields are), never written through the job.
    license_plate = fields.Char(related="repair_id.vehicle_id.license_plate", string="Plate")
    vehicle_model_id = fields.Many2one(
        related="repair_id.vehicle_id.model_id", string="Vehicle Model", context={MODEL_DISPLAY_KEY: True}
    )
    advisor_id = fields.Many2one(related="repair_id.user_id", string="Service Advisor")
    promised_delivery_time = fields.Datetime(related="repair_id.promised_delivery_time", string="Promised")
    repair_state = fields.Selection(related="repair_id.state", string="Order Status")
    is_late = fields.Boolean(
        string="Late",
        compute="_compute_is_late",
        search="_search_is_late",
        help="The promised time is past and the job is not finished.",
    )
    waiting_parts = fields.Boolean(
        string="Waiting for Parts",
        compute="_compute_waiting_parts",
        search="_search_waiting_parts",
        help="A part of the order is not reserved in stock yet.",
    )
    board_color = fields.Integer(compute="_compute_is_late", help="Red on the board when the job is late.")

    # Both computed when read (never stored): they follow the clock and the stock.
    @api.depends("promised_delivery_time", "state", "repair_state")
    def _compute_is_late(self):
        now = fields.Datetime.now()
        for job in self:
            promised = job.promised_delivery_time
            job.is_late = bool(
                promised and promised < now and job.state != "done" and job.repair_state not in ("done", "cancel")
            )
            job.board_color = 1 if job.is_late else 0

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        late = [
            ("promised_delivery_time", "<", fields.Datetime.now()),
            ("state", "!=", "done"),
            ("repair_id.state", "not in", ("done", "cancel")),
        ]
        return late if (operator == "=") == value else ["!", "&", "&", *late]

    def _waiting_repair_ids(self, repair_domain):
        """The ids of the orders of ``repair_domain`` (on their part lines) with a part line the
        workshop waits for. sudo: a technician sees whether the parts are there, not the lines."""
        domain = [*repair_domain, ("repair_line_type", "=", "add"), ("state", "in", WAITING_MOVE_STATES)]
        return [repair.id for [repair] in self.env["stock.move"].sudo()._read_group(domain, ["repair_id"])]

    @api.depends("repair_id.move_ids.state", "repair_id.move_ids.repair_line_type")
    def _compute_waiting_parts(self):
        waiting = set(self._waiting_repair_ids([("repair_id", "in", self.repair_id.ids)]))
        for job in self:
            job.waiting_parts = job.repair_id.id in waiting

    def _search_waiting_parts(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        waiting = self._waiting_repair_ids([("repair_id", "!=", False)])
        return [("repair_id", "in" if (operator == "=") == value else "not in", waiting)]

    # The boards follow the jobs ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        jobs = super().create(vals_list)
        notify_workshop_board(self.env, jobs=jobs)
        return jobs

    def write(self, vals):
        res = super().write(vals)
        if BOARD_JOB_FIELDS.intersection(vals):
            notify_workshop_board(self.env, jobs=self)
        return res

    def unlink(self):
        notify_workshop_board(self.env, jobs=self)
        return super().unlink()


class RepairOrder(models.Model):
    _inherit = "repair.order"

    def write(self, vals):
        res = super().write(vals)
        if BOARD_REPAIR_FIELDS.intersection(vals):
            notify_workshop_board(self.env, repairs=self)
        return res


class StockMove(models.Model):
    _inherit = "stock.move"

    def write(self, vals):
        res = super().write(vals)
        if "state" in vals:
            # A part reserved or received: the order's "waiting for parts" changes.
            notify_workshop_board(self.env, repairs=self.repair_id)
        return res
