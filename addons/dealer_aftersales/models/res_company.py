import logging

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.base.models.res_partner import _tz_get

from ..tools import MANAGER, MONEY_GROUPS, is_server_side, lang_env, requires_role, server_side

_logger = logging.getLogger(__name__)

# The store's stock cost settings: after-sales roles but technicians, and the administrator.
SETTINGS_MONEY_GROUPS = f"{MONEY_GROUPS},base.group_system"
ADMIN = "base.group_system"
TIME_ZONES = frozenset(tz for tz, _label in _tz_get(None))
# Time zones that mean "nobody set one" (Odoo's default working schedule).
UNSET_TIME_ZONES = frozenset({"UTC", "Etc/UTC", "GMT", "Etc/GMT"})
# The numbering each store has of its own: sequence code -> (the addon's shared sequence it copies,
# what follows the store's short name in the prefix).
STORE_SEQUENCES = {
    "dealer.appointment": ("dealer_aftersales.seq_dealer_appointment", "AP/%(range_year)s/"),
    "dealer.insurance.claim": ("dealer_aftersales.seq_dealer_insurance_claim", "BX%(year)s"),
    "dealer.warranty.claim": ("dealer_aftersales.seq_dealer_warranty_claim", "SP%(year)s"),
}


class ResCompany(models.Model):
    _inherit = "res.company"

    dealer_comeback_days = fields.Integer(
        string="Comeback Window (Days)",
        default=30,
        help="A vehicle back for the same symptom within this many days of the previous order's completion "
        "is a comeback.",
    )
    dealer_callback_days = fields.Integer(
        string="Follow-Up Call After (Days)",
        default=3,
        help="Days after delivery when the service advisor calls the customer (回访).",
    )
    dealer_csi_survey_id = fields.Many2one(
        "survey.survey",
        string="Satisfaction Survey",
        help="Sent to the customer when the car is handed over; its answers make the CSI score.",
    )

    # Parts and vehicle inventory
    dealer_aging_bucket_ids = fields.One2many("dealer.aging.bucket", "company_id", string="Aging Buckets")
    dealer_price_ceiling = fields.Monetary(
        string="Price Ceiling",
        currency_field="currency_id",
        default=1_000_000,
        tracking=True,
        groups=SETTINGS_MONEY_GROUPS,
        help="The highest unit price, hourly rate or claimed amount a line of the store may carry: "
        "a higher one is a typo and is refused.",
    )
    dealer_stagnant_days = fields.Integer(
        string="Stagnant After (Days)",
        default=90,
        help="Stock whose receipt is older than this many days is stagnant (呆滞).",
    )
    dealer_vehicle_overage_days = fields.Integer(
        string="Vehicle Over-Aged After (Days)",
        default=90,
        help="A vehicle for sale in stock longer than this many days is over-aged (超库龄).",
    )
    dealer_abc_months = fields.Integer(
        string="ABC Window (Months)", default=12, help="Months of issues the ABC classification looks at."
    )
    dealer_abc_a_percent = fields.Float(
        string="Class A up to (%)", default=80.0, help="Parts that make the first share of issued value are class A."
    )
    dealer_abc_b_percent = fields.Float(
        string="Class B up to (%)", default=95.0, help="Parts up to this cumulative share of issued value are class B."
    )
    dealer_order_cost = fields.Float(
        string="Cost per Purchase Order",
        default=50.0,
        help="What placing one purchase order costs the store.",
        groups=SETTINGS_MONEY_GROUPS,
        tracking=True,
    )
    dealer_holding_rate = fields.Float(
        string="Holding Cost (% of Value per Year)",
        default=20.0,
        help="Yearly cost of holding a part in stock, as a share of its cost (capital, space, obsolescence).",
        groups=SETTINGS_MONEY_GROUPS,
        tracking=True,
    )
    dealer_service_level = fields.Float(
        string="Parts Service Level (%)",
        default=95.0,
        help="Probability of not running out during the lead time; sets the safety stock.",
    )
    dealer_lead_days = fields.Integer(
        string="Default Lead Time (Days)", default=7, help="Used for parts whose vendor has no delivery lead time."
    )
    dealer_demand_days = fields.Integer(
        string="Demand History (Days)", default=365, help="Days of issues the order quantities are computed from."
    )
    dealer_parts_manager_id = fields.Many2one(
        "res.users", string="Parts Manager", help="Receives the safety-stock alarms of the store."
    )

    dealer_tz = fields.Selection(
        _tz_get,
        string="Store Time Zone",
        help="The time zone the store's days and months are counted in (repairs, receipts, payments, KPIs). "
        "Set from the store's country when it is created; empty: its working schedule's.",
    )

    # Claims and receivables
    dealer_claim_writeoff_account_id = fields.Many2one(
        "account.account",
        string="Claim Settlement Difference Account",
        check_company=True,
        help="What insurers do not pay of a claim, when the store writes it off.",
    )
    dealer_warranty_duplicate_days = fields.Integer(
        string="Duplicate Warranty Claim Window (Days)",
        default=30,
        help="A second claim for the same vehicle and fault code within this many days is refused.",
    )
    dealer_renewal_days = fields.Integer(
        string="Renewal Reminder (Days Before Expiry)",
        default=60,
        help="Days before a policy expires when the renewal activity is created.",
    )

    _sql_constraints = [
        ("dealer_price_ceiling_positive", "CHECK(dealer_price_ceiling > 0)", "The price ceiling must be positive."),
        ("dealer_stagnant_days_positive", "CHECK(dealer_stagnant_days > 0)", "The stagnant age must be positive."),
        (
            "dealer_vehicle_overage_days_positive",
            "CHECK(dealer_vehicle_overage_days > 0)",
            "The vehicle over-aged limit must be positive.",
        ),
    ]

    @api.constrains("dealer_abc_a_percent", "dealer_abc_b_percent")
    def _check_dealer_abc(self):
        for company in self:
            if not 0 < company.dealer_abc_a_percent < company.dealer_abc_b_percent <= 100:
                raise ValidationError(
                    _(
                        "The ABC thresholds must satisfy 0 < class A < class B ≤ 100 %%, here %(a)s %% and %(b)s %%.",
                        a=company.dealer_abc_a_percent,
                        b=company.dealer_abc_b_percent,
                    )
                )

    @api.constrains(
        "dealer_order_cost", "dealer_holding_rate", "dealer_service_level", "dealer_lead_days", "dealer_demand_days"
    )
    def _check_dealer_reorder(self):
        for company in self:
            if company.dealer_order_cost < 0 or company.dealer_holding_rate <= 0:
                raise ValidationError(_("The order cost cannot be negative and the holding cost must be positive."))
            if not 50 <= company.dealer_service_level < 100:
                raise ValidationError(_("The parts service level must be at least 50 % and below 100 %."))
            if company.dealer_lead_days < 0 or company.dealer_demand_days < 30:
                raise ValidationError(
                    _("The lead time cannot be negative and the demand history needs at least 30 days.")
                )

    @api.constrains("dealer_aging_bucket_ids")
    def _check_dealer_aging_buckets(self):
        for company in self:
            company.dealer_aging_bucket_ids._check_contiguous(company)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._dealer_check_tz_value(vals.get("dealer_tz"))
        companies = super().create(vals_list)
        self.env["dealer.aging.bucket"]._create_defaults(companies)
        for company in companies.sudo():
            if not company.dealer_tz and (tz := company._dealer_country_tz()):
                server_side(company).dealer_tz = tz
            company._dealer_sync_calendar_tz()
            # Odoo creates a new company's warehouse in its tests only: a store needs it to take orders.
            company._dealer_setup_stock()
            company._dealer_setup_sequences()
            company._dealer_setup_layout()
        return companies

    def write(self, vals):
        if "dealer_tz" in vals:
            self._dealer_check_tz_value(vals["dealer_tz"])
            if not is_server_side(self):
                for company in self:
                    company._dealer_check_tz_change(vals["dealer_tz"])
        result = super().write(vals)
        if "dealer_tz" in vals:
            self.sudo()._dealer_sync_calendar_tz()
        return result

    @api.onchange("country_id")
    def _onchange_country_id_dealer_tz(self):
        if not self.dealer_tz and (tz := self._dealer_country_tz()):
            self.dealer_tz = tz

    # ------------------------------------------------------------------ time zone

    def _dealer_tz(self):
        """The time zone a store's days are counted in: its own (After-Sales settings), else its
        working calendar's."""
        self.ensure_one()
        return self.dealer_tz or self.resource_calendar_id.tz or self.env.user.tz or "UTC"

    def _dealer_country_tz(self):
        """The time zone of the store's country (Asia/Shanghai for China): its working schedule's
        when that is one of the country's, else the country's first; False without a country."""
        self.ensure_one()
        zones = pytz.country_timezones.get(self.country_id.code or "", [])
        if not zones:
            return False
        calendar_tz = self.resource_calendar_id.tz
        return calendar_tz if calendar_tz in zones else zones[0]

    @api.model
    def _dealer_check_tz_value(self, tz):
        if tz and (not isinstance(tz, str) or tz not in TIME_ZONES):
            raise ValidationError(lang_env(self.env)._("%(tz)r is not a time zone (for example Asia/Shanghai).", tz=tz))

    def _dealer_tz_closed_periods(self):
        """What of the store is closed and was counted in its current time zone, as texts for the
        user: a change of time zone would count it differently. Nothing here; dealer_kpi adds its
        snapshots of closed months."""
        self.ensure_one()
        return []

    def _dealer_check_tz_change(self, tz):
        """Refuse a plain change of the store's time zone once closed periods were counted in it."""
        self.ensure_one()
        old = self._dealer_tz()
        new = tz or self.resource_calendar_id.tz or self.env.user.tz or "UTC"
        if new == old:
            return
        closed = self._dealer_tz_closed_periods()
        if closed:
            raise UserError(
                lang_env(self.env)._(
                    "%(store)s already has %(closed)s, counted in %(old)s. Its time zone changes only through "
                    "Change Time Zone (After-Sales settings of the store), which records the change and its reason "
                    "and keeps them as they were computed.",
                    store=self.name,
                    closed="; ".join(closed),
                    old=old,
                )
            )

    def _dealer_sync_calendar_tz(self):
        """The store's own working schedule counts its hours in the store's time zone."""
        for company in self.filtered("dealer_tz"):
            calendar = company.resource_calendar_id
            if calendar.company_id == company and calendar.tz != company.dealer_tz:
                calendar.tz = company.dealer_tz

    @requires_role(MANAGER, ADMIN)
    def action_dealer_change_tz(self, tz, reason):
        """Change the store's time zone on purpose, closed months included, with ``reason``.
        What was closed stays as it was computed (dealer_kpi's snapshots of closed months are
        not recomputed); the change is logged on the store's contact with who, when, from, to
        and why, and in the server log."""
        env = lang_env(self.env)
        if len(self) != 1:
            raise UserError(env._("Change the time zone of one store at a time."))
        if not isinstance(tz, str) or tz not in TIME_ZONES:
            raise UserError(env._("%(tz)r is not a time zone (for example Asia/Shanghai).", tz=tz))
        if not isinstance(reason, str) or not reason.strip():
            raise UserError(env._("A change of the store's time zone needs its reason."))
        if not self.env.su and self not in self.env.user.company_ids:
            raise AccessError(env._("You are not allowed to change the settings of %(store)s.", store=self.name))
        old = self._dealer_tz()
        if tz == old and self.dealer_tz == tz:
            raise UserError(env._("%(store)s already counts its days in %(tz)s.", store=self.name, tz=tz))
        closed = self._dealer_tz_closed_periods()
        server_side(self.sudo()).write({"dealer_tz": tz})
        body = env._(
            "Time zone of the store changed by %(user)s from %(old)s to %(new)s. Reason: %(reason)s",
            user=self.env.user.name,
            old=old,
            new=tz,
            reason=reason.strip(),
        )
        if closed:
            body = env._(
                "%(change)s. Kept as computed in %(old)s: %(closed)s.", change=body, old=old, closed="; ".join(closed)
            )
        self.sudo().partner_id.message_post(body=body)
        _logger.info("Store %s (id %s): time zone %s -> %s by user %s", self.name, self.id, old, tz, self.env.uid)
        return True

    # ------------------------------------------------------------------ store setup

    @requires_role(ADMIN)
    def action_dealer_setup_store(self):
        """What after-sales needs of a store, for companies that exist already (a new company gets
        it when it is created): its warehouse with its locations and repair operation type, its own
        numbering of appointments and claims, its time zone and a chart of accounts. Idempotent:
        what the store has is kept."""
        done = []
        for company in self.sudo():
            done += company._dealer_setup_stock()
            done += company._dealer_setup_sequences()
            done += company._dealer_setup_tz()
            done += company._dealer_setup_chart()
            done += company._dealer_setup_layout()
        if done:
            message = _("%(stores)s set up: %(done)s.", stores=", ".join(self.mapped("name")), done="; ".join(done))
            kind = "success"
        else:
            message, kind = (
                _("%(stores)s: already set up, nothing to add.", stores=", ".join(self.mapped("name"))),
                "info",
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Set up as a store"),
                "message": message,
                "type": kind,
                "sticky": False,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def _dealer_warehouse(self):
        self.ensure_one()
        return self.env["stock.warehouse"].search([("company_id", "=", self.id)], limit=1)

    def _dealer_warehouse_code(self):
        """A short name (5 characters) from the store's name that no other warehouse has (archived
        ones included): it begins the store's document numbers."""
        self.ensure_one()
        used = set(self.env["stock.warehouse"].with_context(active_test=False).search([]).mapped("code"))
        base = (self.name or "WH").strip()[:5] or "WH"
        candidate, index = base, 1
        while candidate in used:
            index += 1
            candidate = f"{base[: 5 - len(str(index))]}{index}"
        return candidate

    def _dealer_setup_stock(self):
        """The store's locations, warehouse and repair operation type (with its numbering), those
        it lacks; returns what was created, as texts for the user."""
        self.ensure_one()
        done = []
        Location = self.env["stock.location"].with_context(active_test=False)
        if not self.internal_transit_location_id:
            self._create_transit_location()
        for usage, create in (
            ("inventory", self._create_inventory_loss_location),
            ("production", self._create_production_location),
        ):
            if not Location.search_count([("company_id", "=", self.id), ("usage", "=", usage)], limit=1):
                create()
        if not Location.search_count([("company_id", "=", self.id), ("scrap_location", "=", True)], limit=1):
            self._create_scrap_location()
        Warehouse = self.env["stock.warehouse"].with_company(self)
        warehouse = self._dealer_warehouse()
        if not warehouse:
            count = Warehouse.with_context(active_test=False).search_count([("company_id", "=", self.id)])
            warehouse = Warehouse.create(
                {
                    "company_id": self.id,
                    "name": f"{self.name} - {count + 1}" if count else self.name,
                    "code": self._dealer_warehouse_code(),
                    "partner_id": self.partner_id.id,
                }
            )
            done.append(_("Warehouse %(name)s (%(code)s)", name=warehouse.name, code=warehouse.code))
        if not warehouse.repair_type_id:
            warehouse.write(warehouse._create_or_update_sequences_and_picking_types())
        if warehouse.repair_type_id and not warehouse.repair_type_id.sequence_id:
            warehouse.repair_type_id.sequence_id = self.env["ir.sequence"].create(
                warehouse._get_sequence_values()["repair_type_id"]
            )
        if done:
            done.append(
                _(
                    "Repair orders numbered %(prefix)s",
                    prefix=warehouse.repair_type_id.sequence_id.prefix or warehouse.repair_type_id.display_name,
                )
            )
        return done

    def _dealer_setup_sequences(self):
        """The store's own numbering of appointments and claims (its warehouse's short name first),
        those it lacks; returns what was created."""
        self.ensure_one()
        done = []
        Sequence = self.env["ir.sequence"].with_context(active_test=False)
        code = self._dealer_warehouse().code or self._dealer_warehouse_code()
        for sequence_code, (xmlid, suffix) in STORE_SEQUENCES.items():
            if Sequence.search_count([("code", "=", sequence_code), ("company_id", "=", self.id)], limit=1):
                continue
            shared = self.env.ref(xmlid, raise_if_not_found=False)
            sequence = Sequence.create(
                {
                    "name": f"{shared.name if shared else sequence_code} · {self.name}",
                    "code": sequence_code,
                    "company_id": self.id,
                    "prefix": f"{code}/{suffix}",
                    "padding": shared.padding if shared else 5,
                    "use_date_range": shared.use_date_range if shared else False,
                    "implementation": shared.implementation if shared else "standard",
                }
            )
            done.append(_("%(what)s numbered %(prefix)s", what=sequence.name, prefix=sequence.prefix))
        return done + self._dealer_setup_repair_sequence()

    def _dealer_setup_repair_sequence(self):
        """Repair orders still numbered as Odoo numbers them (WH/RO/00001) take the store's style;
        a numbering the admin chose is kept."""
        self.ensure_one()
        warehouse = self._dealer_warehouse()
        repair_sequence = warehouse.repair_type_id.sequence_id
        if repair_sequence and repair_sequence.prefix == f"{warehouse.code}/RO/" and not repair_sequence.dealer_monthly:
            repair_sequence.write(warehouse._dealer_repair_sequence_values(warehouse.code))
            return [_("Repair orders numbered %(prefix)s", prefix=repair_sequence.prefix)]
        return []

    def _dealer_setup_tz(self):
        """A store without a time zone of its own gets the one it counts in, or its country's when it
        still counts in UTC and nothing closed was counted yet."""
        self.ensure_one()
        if self.dealer_tz:
            return []
        tz = self._dealer_tz()
        country_tz = self._dealer_country_tz()
        if country_tz and tz in UNSET_TIME_ZONES and not self._dealer_tz_closed_periods():
            tz = country_tz
        server_side(self).dealer_tz = tz
        return [_("Time zone %(tz)s", tz=tz)]

    def _dealer_chart_template(self):
        """The chart of accounts a store without one gets (an installed one): its parent's, else the
        main company's when made for the store's country or for any, else China's (l10n_cn) for a
        Chinese store or one without a country, else its country's, else Odoo's generic chart."""
        self.ensure_one()
        Chart = self.env["account.chart.template"]
        mapping = Chart._get_chart_template_mapping()
        installed = {code for code, template in mapping.items() if template.get("installed")}
        country = self.country_id
        if self.parent_id.root_id.chart_template in installed:
            return self.parent_id.root_id.chart_template
        main = self.env.ref("base.main_company", raise_if_not_found=False)
        main_chart = main.chart_template if main else False
        if main_chart in installed and (
            not country or mapping[main_chart].get("country_id") in (None, False, country.id)
        ):
            return main_chart
        if "cn" in installed and (not country or country.code == "CN"):
            return "cn"
        guess = Chart._guess_chart_template(country) if country else False
        return guess if guess in installed else "generic_coa"

    def _dealer_setup_layout(self):
        """A layout for the store's documents: without one, an administrator's first print opens
        Odoo's "Configure your document layout" instead of the document
        (ir.actions.report.report_action). The documents of after-sales print their store
        header in the page itself, whatever the layout."""
        self.ensure_one()
        layout = self.env.ref("web.external_layout_standard", raise_if_not_found=False)
        if self.external_report_layout_id or not layout:
            return []
        self.external_report_layout_id = layout
        return [_("Document layout %(layout)s", layout=layout.name)]

    @api.model
    def _dealer_setup_layouts(self):
        """The layout of every company that has none (called when the addon is installed or
        updated, data/dealer_report_layout_data.xml)."""
        for company in self.sudo().with_context(active_test=False).search([("external_report_layout_id", "=", False)]):
            company._dealer_setup_layout()

    def _dealer_setup_chart(self):
        """A chart of accounts for a store that has none (neither a template nor any account)."""
        self.ensure_one()
        if self.chart_template or self.env["account.account"].search_count(
            self.env["account.account"]._check_company_domain(self), limit=1
        ):
            return []
        template = self._dealer_chart_template()
        Chart = self.env["account.chart.template"].sudo()
        Chart.try_loading(template, company=self, install_demo=False)
        name = Chart._get_chart_template_mapping().get(template, {}).get("name") or template
        return [_("Chart of accounts %(chart)s", chart=name)]

    def _dealer_misc_journal(self):
        """The store's miscellaneous journal, for internal work and write-offs."""
        self.ensure_one()
        Journal = self.env["account.journal"]
        journal = Journal.search([*Journal._check_company_domain(self), ("type", "=", "general")], limit=1)
        if not journal:
            raise UserError(_("Store %(store)s has no miscellaneous journal.", store=self.name))
        return journal
