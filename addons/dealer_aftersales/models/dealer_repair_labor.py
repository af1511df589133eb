from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import MONEY_GROUPS, PAY_TYPES, TECHNICIAN, lock_rows, requires_role, to_ids
from .dealer_guarded_mixin import PRICE_CEILING


class DealerRepairLabor(models.Model):
    """A labor line of a repair order: flat-rate hours at the store's rate for its pay type."""

    _name = "dealer.repair.labor"
    _inherit = ["dealer.guarded.mixin"]
    # The job's state follows the technicians' clocking.
    _dealer_guarded_fields = {"state": ()}
    # Below zero is refused by _check_values, with its own message.
    _dealer_bounds = {"hours": (None, 1000), "rate": (None, PRICE_CEILING)}
    _description = "Repair Labor Line"
    _order = "repair_id, sequence, id"
    _check_company_auto = True

    repair_id = fields.Many2one("repair.order", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="repair_id.company_id", store=True, index=True)
    bay_id = fields.Many2one(related="repair_id.bay_id", store=True, index=True)
    currency_id = fields.Many2one(related="repair_id.company_id.currency_id")
    sequence = fields.Integer(default=10)
    operation_id = fields.Many2one("dealer.labor.operation", check_company=True)
    name = fields.Char(
        string="Description",
        required=True,
        compute="_compute_from_operation",
        store=True,
        readonly=False,
        precompute=True,
    )
    hours = fields.Float(
        string="Flat-Rate Hours",
        required=True,
        digits=(16, 2),
        compute="_compute_from_operation",
        store=True,
        readonly=False,
        precompute=True,
    )
    pay_type = fields.Selection(PAY_TYPES, required=True, default="customer")
    rate = fields.Monetary(
        string="Rate per Hour",
        compute="_compute_rate",
        store=True,
        readonly=False,
        precompute=True,
        groups=MONEY_GROUPS,
    )
    discount = fields.Float(string="Discount (%)", digits=(16, 2), groups=MONEY_GROUPS)
    amount = fields.Monetary(compute="_compute_amount", store=True, groups=MONEY_GROUPS)
    technician_ids = fields.Many2many("hr.employee", string="Technicians", check_company=True)

    # Clocking
    state = fields.Selection(
        [("pending", "To Do"), ("running", "In Progress"), ("paused", "Paused"), ("done", "Done")],
        string="Status",
        default="pending",
        required=True,
        copy=False,
    )
    clock_ids = fields.One2many("dealer.repair.labor.clock", "labor_id", string="Clockings", copy=False)
    clocked_hours = fields.Float(compute="_compute_clocked_hours", store=True, digits=(16, 2))
    running_since = fields.Datetime(
        compute="_compute_running_since", help="When the technician now clocked on the job started."
    )

    @api.depends("clock_ids.stop")
    def _compute_running_since(self):
        """The start of the open clocking, read for the whole board at once."""
        open_clocks = dict(
            self.env["dealer.repair.labor.clock"]
            .sudo()
            ._read_group([("labor_id", "in", self.ids), ("stop", "=", False)], ["labor_id"], ["start:min"])
        )
        for line in self:
            line.running_since = open_clocks.get(line._origin)

    @api.depends("operation_id")
    def _compute_from_operation(self):
        for line in self:
            if line.operation_id:
                line.name = line.operation_id.name
                line.hours = line.operation_id.hours
            else:
                line.name = line.name
                line.hours = line.hours

    @api.depends("pay_type", "repair_id.company_id")
    def _compute_rate(self):
        configs = {}
        for line in self:
            key = (line.repair_id.company_id, line.pay_type)
            if key not in configs:
                configs[key] = self.env["dealer.pay.type.config"]._get(*key, create=False)
            line.rate = configs[key].labor_rate

    @api.depends("clock_ids.hours")
    def _compute_clocked_hours(self):
        for line in self:
            line.clocked_hours = sum(line.clock_ids.mapped("hours"))

    @api.depends("hours", "rate", "discount")
    def _compute_amount(self):
        for line in self:
            line.amount = line.currency_id.round(line.hours * line.rate * (1 - line.discount / 100))

    @api.constrains("hours", "discount", "rate")
    def _check_values(self):
        for line in self:
            if line.hours <= 0:
                raise ValidationError(_("Labor hours must be positive (%(line)s).", line=line.name))
            if not 0 <= line.discount <= 100:
                raise ValidationError(_("A discount must be between 0 and 100 %% (%(line)s).", line=line.name))
            if line.rate < 0:
                raise ValidationError(_("A labor rate cannot be negative (%(line)s).", line=line.name))

    # Clocking ------------------------------------------------------------------

    def _current_technician(self):
        employee = self.env.user.employee_id
        if not employee:
            raise UserError(_("Your user is not linked to an employee: ask the manager to link it to clock jobs."))
        return employee

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._add_package_parts()
        return lines

    def write(self, vals):
        self.env["dealer.price.exception"]._record(self, vals)
        return super().write(vals)

    def _add_package_parts(self):
        """A standard service picked on an order brings its parts, at the line's pay type and the
        parts' prices; a part the order already has for that payer is not added twice."""
        for line in self.filtered(lambda l: l.operation_id.part_ids and l.repair_id.state not in ("done", "cancel")):
            repair = line.repair_id
            present = {
                (move.product_id, move.dealer_pay_type)
                for move in repair.move_ids
                if move.repair_line_type == "add" and move.state != "cancel"
            }
            commands = [
                Command.create(
                    {
                        "product_id": part.product_id.id,
                        "product_uom_qty": part.quantity,
                        "product_uom": part.product_id.uom_id.id,
                        "repair_line_type": "add",
                        "dealer_pay_type": line.pay_type,
                    }
                )
                for part in line.operation_id.part_ids
                if (part.product_id, line.pay_type) not in present and part.product_id.active
            ]
            if commands:
                repair.write({"move_ids": commands})

    def _lock(self, technician=None):
        """Serialize clocking of the same job, and of the same technician, across sessions."""
        lock_rows(
            self,
            _("%(job)s is being clocked by someone else; try again in a moment.", job=", ".join(self.mapped("name"))),
        )
        if technician:
            lock_rows(
                technician,
                _("%(technician)s is clocking in elsewhere; try again in a moment.", technician=technician.name),
            )

    @requires_role(TECHNICIAN, refusal=lambda env: env._("Only technicians clock workshop jobs."))
    def action_start(self, technician=None):
        self.ensure_one()
        if technician is not None and not (
            isinstance(technician, models.BaseModel) and technician._name == "hr.employee"
        ):
            technician = self.env["hr.employee"].browse(to_ids(self.env, technician, _("Technician"))[:1]).exists()
            if not technician:
                raise UserError(_("There is no such technician."))
        technician = (technician or self._current_technician()).sudo()
        self._lock(technician)
        job = self.sudo()  # technicians do not edit labor lines otherwise
        if job.state not in ("pending", "paused"):
            raise UserError(_("%(job)s is already %(state)s.", job=job.name, state=job._state_label()))
        if job.repair_id.state not in ("confirmed", "under_repair"):
            raise UserError(_("Repair order %(name)s is not confirmed.", name=job.repair_id.name))
        running = (
            self.env["dealer.repair.labor.clock"]
            .sudo()
            .search([("technician_id", "=", technician.id), ("stop", "=", False)], limit=1)
        )
        if running:
            raise UserError(
                _(
                    "%(technician)s is already working on %(job)s (%(order)s): pause or finish it first.",
                    technician=technician.name,
                    job=running.labor_id.name,
                    order=running.repair_id.name,
                )
            )
        if job.repair_id.state == "confirmed":
            job.repair_id.action_repair_start()
        self.env["dealer.repair.labor.clock"].sudo().create({"labor_id": job.id, "technician_id": technician.id})
        job.technician_ids |= technician
        job.state = "running"
        return True

    @requires_role(TECHNICIAN, refusal=lambda env: env._("Only technicians clock workshop jobs."))
    def action_pause(self):
        self._stop_clocks("paused")
        return True

    @requires_role(TECHNICIAN, refusal=lambda env: env._("Only technicians clock workshop jobs."))
    def action_finish(self):
        self._stop_clocks("done")
        return True

    def _stop_clocks(self, state):
        self._lock()
        jobs = self.sudo()  # technicians do not edit labor lines otherwise
        for job in jobs:
            if job.state not in ("running", "paused") or (state == "paused" and job.state != "running"):
                raise UserError(_("%(job)s is %(state)s.", job=job.name, state=job._state_label()))
        jobs.clock_ids.filtered(lambda c: not c.stop).stop = fields.Datetime.now()
        jobs.state = state

    def _state_label(self):
        return dict(self._fields["state"]._description_selection(self.env))[self.state]
