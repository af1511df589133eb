"""One go-live import of a store (期初导入): a file of the old system, checked in full, then
applied all at once or not at all."""

import base64
import datetime
import hashlib
import logging
from html import escape

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.dealer_aftersales.tools import MANAGER, lang_env, log_note, requires_role, server_side

from .. import importers
from ..reader import ReadError, read_file

_logger = logging.getLogger(__name__)

STATES = [
    ("draft", "Draft"),
    ("checked", "Checked"),
    ("failed", "Refused"),
    ("importing", "Importing"),
    ("done", "Imported"),
]
MAX_PROBLEMS = 2000  # listed per check; the count says how many more


class DealerGoliveImport(models.Model):
    _name = "dealer.golive.import"
    _description = "Go-Live Import"
    _inherit = ["mail.thread", "dealer.guarded.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _dealer_guarded_fields = {
        "state": (),
        "file_sha256": (),
        "summary": (),
        "date_done": (),
        "problem_count": (),
        # What was checked is what is imported: the file and the settings change before a check only.
        "file_data": ("draft", "checked", "failed"),
        "file_name": ("draft", "checked", "failed"),
        "golive_date": ("draft", "checked", "failed"),
        "warehouse_id": ("draft", "checked", "failed"),
        "opening_account_id": ("draft", "checked", "failed"),
        "journal_id": ("draft", "checked", "failed"),
        "control_parts_value": ("draft", "checked", "failed"),
        "control_receivable_amount": ("draft", "checked", "failed"),
        "company_id": ("draft",),
    }

    name = fields.Char(required=True, readonly=True, copy=False, default=lambda self: _("New"))
    company_id = fields.Many2one(
        "res.company", string="Store", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(STATES, default="draft", required=True, tracking=True, copy=False)
    golive_date = fields.Date(
        string="Go-Live Date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        help="The first day the store works in Odoo: the opening entries are dated on it, and no "
        "receipt, visit or invoice of the files may be later.",
    )
    file_data = fields.Binary(string="File", attachment=True, copy=False)
    file_name = fields.Char(copy=False)
    file_sha256 = fields.Char(string="File Fingerprint", readonly=True, copy=False, index=True)
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        check_company=True,
        default=lambda self: self.env["stock.warehouse"].search([("company_id", "=", self.env.company.id)], limit=1),
        help="Where parts and vehicles on hand are put when their row names no warehouse.",
    )
    opening_account_id = fields.Many2one(
        "account.account",
        string="Opening Balance Account",
        check_company=True,
        domain="[('deprecated', '=', False)]",
        default=lambda self: self._default_opening_account(),
        help="The counterpart of the opening stock and the opening receivables (an equity account "
        "such as 未分配利润 or a go-live clearing account the accountant empties).",
    )
    journal_id = fields.Many2one(
        "account.journal",
        string="Opening Journal",
        check_company=True,
        domain="[('type', '=', 'sale')]",
        help="The journal of the opening entries and open invoices; a journal 'Opening Balances' "
        "(OPEN) is created when empty.",
    )
    control_parts_value = fields.Monetary(
        string="Control Total: Parts Value",
        tracking=True,
        help="The old system's stock value of the parts in the file; the check refuses a file whose "
        "rows do not add up to it (left at 0, nothing is compared).",
    )
    control_receivable_amount = fields.Monetary(
        string="Control Total: Open Receivables",
        tracking=True,
        help="The old system's total of open receivables in the file (left at 0, nothing is compared).",
    )
    problem_ids = fields.One2many("dealer.golive.import.error", "import_id", string="Problems", readonly=True)
    problem_count = fields.Integer(readonly=True, copy=False)
    summary = fields.Json(string="Figures", readonly=True, copy=False)
    summary_html = fields.Html(string="Summary", compute="_compute_summary_html", sanitize=False)
    date_done = fields.Datetime(string="Imported On", readonly=True, copy=False)
    user_id = fields.Many2one("res.users", string="Imported By", readonly=True, copy=False)
    move_ids = fields.One2many("stock.move", "dealer_golive_import_id", string="Opening Stock Moves", readonly=True)
    entry_ids = fields.Many2many("account.move", string="Opening Entries", readonly=True, copy=False)

    @api.model
    def _default_opening_account(self):
        return self.env["account.account"].search(
            [
                *self.env["account.account"]._check_company_domain(self.env.company),
                ("account_type", "=", "equity_unaffected"),
            ],
            limit=1,
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("dealer.golive.import") or _("New")
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if any(job.state in ("done", "importing") for job in self):
            raise UserError(
                _("An import that was applied cannot be deleted: its records are the store's opening data.")
            )

    @api.depends("summary", "state")
    def _compute_summary_html(self):
        env = lang_env(self.env)
        for job in self:
            rows = [
                (kind.label(env), figures.get("rows", 0), figures.get("created", 0), figures.get("skipped", 0))
                for kind in importers.KINDS
                if (figures := (job.summary or {}).get(kind.code))
            ]
            if not rows:
                job.summary_html = False
                continue
            head = (env._("Sheet"), env._("Rows"), env._("Created"), env._("Already there"))
            cells = "".join(
                "<tr>" + "".join(f"<td>{escape(str(value))}</td>" for value in row) + "</tr>" for row in rows
            )
            job.summary_html = (
                "<table class='table table-sm o_dealer_golive_summary'><thead><tr>"
                + "".join(f"<th>{escape(title)}</th>" for title in head)
                + f"</tr></thead><tbody>{cells}</tbody></table>"
            )

    # ------------------------------------------------------------------ actions

    @requires_role(MANAGER)
    def action_check(self):
        """Check the whole file (a dry run): every problem with its sheet, row and reason; nothing
        of the store changes."""
        for job in self:
            job._run(apply=False)
        return True

    @requires_role(MANAGER)
    def action_import(self):
        """Check the whole file again and, when no row is wrong, apply it all in one transaction."""
        for job in self:
            job._run(apply=True)
        return True

    @requires_role(MANAGER)
    def action_download_template(self):
        """The templates: one workbook, one sheet per kind, Chinese column titles, an example row."""
        env = lang_env(self.env)
        data = importers.template_workbook(env)
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": env._("go-live templates.xlsx"),
                    "raw": data,
                    "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "res_model": self._name,
                    "res_id": self[:1].id,
                }
            )
        )
        return {"type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true", "target": "self"}

    # ------------------------------------------------------------------ the run

    def _run(self, apply):
        self.ensure_one()
        env = lang_env(self.env)
        # The role was checked; the import log (state, problems, summary) is the action's to write.
        job = server_side(self.with_env(env)).sudo()
        if job.state in ("done", "importing"):
            raise UserError(env._("%(name)s was imported already.", name=job.name))
        if not job.file_data:
            raise UserError(env._("Choose the file of the old system first."))
        data = base64.b64decode(job.file_data)
        fingerprint = hashlib.sha256(data).hexdigest()
        earlier = job.search(
            [
                ("company_id", "=", job.company_id.id),
                ("file_sha256", "=", fingerprint),
                ("state", "=", "done"),
                ("id", "!=", job.id),
            ],
            limit=1,
        )
        if earlier:
            raise UserError(
                env._(
                    "This file was imported already by %(name)s on %(date)s: importing it again would "
                    "bring its rows in twice.",
                    name=earlier.name,
                    date=fields.Datetime.to_string(earlier.date_done),
                )
            )
        job.problem_ids.unlink()
        context = importers.Context(job, env)
        try:
            sheets = read_file(data, job.file_name)
        except ReadError:
            context.problem(
                None,
                None,
                None,
                None,
                env._("The file is neither an xlsx workbook nor a CSV file (UTF-8 or GBK), nor a zip of CSV files."),
            )
            sheets = {}
        plans = context.check(sheets)
        problems = context.problems
        blocking = [problem for problem in problems if problem["blocking"]]
        job.write(
            {
                "file_sha256": fingerprint,
                "problem_count": len(blocking),
                "summary": context.summary,
                "problem_ids": [
                    (0, 0, {**problem, "sequence": index}) for index, problem in enumerate(problems[:MAX_PROBLEMS])
                ],
                "state": "failed" if blocking else "checked",
            }
        )
        if blocking or not apply:
            job._dealer_progress(100, env._("Refused: see the problems.") if blocking else env._("Checked."))
            return
        job.write({"state": "importing"})
        try:
            with self.env.cr.savepoint():
                context.apply(plans)
                self.env.flush_all()
        except Exception as error:
            if isinstance(error, UserError):
                message = str(error.args[0])
            else:
                _logger.exception("go-live import %s stopped", job.name)
                message = env._(
                    "The import stopped on an unexpected error (%(error)s); nothing was imported.", error=error
                )
            job.write(
                {"state": "failed", "problem_count": 1, "problem_ids": [(0, 0, {"message": message, "blocking": True})]}
            )
            job._dealer_progress(100, env._("Refused: see the problems."))
            return
        job.write(
            {
                "state": "done",
                "summary": context.summary,
                "date_done": fields.Datetime.now(),
                "user_id": self.env.uid,
                "entry_ids": [(6, 0, context.entries.ids)],
            }
        )
        job._dealer_progress(100, env._("Imported."))
        # A note by the manager who imported (no e-mail address needed).
        log_note(
            self,
            env._("Imported: %(rows)s rows.", rows=sum(f.get("created", 0) for f in context.summary.values())),
        )

    # ------------------------------------------------------------------ helpers for the importers

    def _opening_journal(self):
        self.ensure_one()
        if self.journal_id:
            return self.journal_id
        Journal = self.env["account.journal"].sudo()
        journal = Journal.search([("company_id", "=", self.company_id.id), ("code", "=", "OPEN")], limit=1)
        if not journal:
            journal = Journal.create(
                {
                    "name": _("Opening Balances"),
                    "code": "OPEN",
                    "type": "sale",
                    "company_id": self.company_id.id,
                    "sequence": 99,
                }
            )
        server_side(self).write({"journal_id": journal.id})
        return journal

    def _dealer_progress(self, percent, label):
        """Tell the importing user how far the run is (the form's progress bar): a bus message
        sent from a cursor of its own, so that it reaches the browser while the import's own
        transaction is still open. Nothing of the import is written through it."""
        self.ensure_one()
        with self.env.registry.cursor() as cr:
            env = api.Environment(cr, self.env.uid, {})
            env["bus.bus"]._sendone(
                env.user.partner_id,
                "dealer_golive_progress",
                {"id": self.id, "percent": int(percent), "label": str(label)},
            )

    def _local_instant(self, day):
        """Noon of ``day`` in the store's time zone, as the naive UTC datetime Odoo stores."""
        tz = pytz.timezone(self.company_id._dealer_tz())
        return tz.localize(datetime.datetime.combine(day, datetime.time(12))).astimezone(pytz.utc).replace(tzinfo=None)
