"""Labor price what-if (section 7 of the KPI reference): a higher labor rate can cost entries; the
wizard shows labor revenue and gross profit before and after a price change and an entries change.

The hours sold per entry stay as they are, so the hours sold follow the entries:
``hours after = hours × (1 + entries change)``; ``revenue = rate × hours``;
``labor cost = cost per hour × hours``; ``gross profit = revenue − labor cost``.
"""

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import formatLang

from odoo.addons.dealer_aftersales.tools import MANAGER, requires_role


class DealerKpiLaborWhatif(models.TransientModel):
    _name = "dealer.kpi.labor.whatif"
    _description = "Labor Price What-If"

    company_id = fields.Many2one("res.company", string="Store", required=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    # Inputs
    labor_rate = fields.Monetary(string="Labor Rate per Hour", help="The effective labor rate: labor revenue ÷ hours.")
    hours_sold = fields.Float(digits=(16, 2), help="Labor hours sold to paying customers in the period.")
    labor_cost_rate = fields.Monetary(
        string="Labor Cost per Hour", help="What an hour sold costs the store (technicians' pay and charges)."
    )
    entries = fields.Integer(help="Repair orders checked in during the period.")
    price_change = fields.Float(string="Price Change (%)", digits=(16, 2), help="+20 raises the rate by a fifth.")
    entries_change = fields.Float(
        string="Entries Change (%)",
        digits=(16, 2),
        help="The entries expected to be won (+) or lost (−) with the new price.",
    )
    loaded_period = fields.Char(string="Actuals Of", readonly=True)
    # Outputs: before, after, difference
    rate_before = fields.Monetary(compute="_compute_outputs")
    rate_after = fields.Monetary(compute="_compute_outputs")
    rate_diff = fields.Monetary(string="Rate Difference", compute="_compute_outputs")
    entries_before = fields.Float(digits=(16, 1), compute="_compute_outputs")
    entries_after = fields.Float(digits=(16, 1), compute="_compute_outputs")
    entries_diff = fields.Float(string="Entries Difference", digits=(16, 1), compute="_compute_outputs")
    hours_before = fields.Float(digits=(16, 2), compute="_compute_outputs")
    hours_after = fields.Float(digits=(16, 2), compute="_compute_outputs")
    hours_diff = fields.Float(string="Hours Difference", digits=(16, 2), compute="_compute_outputs")
    revenue_before = fields.Monetary(string="Labor Revenue Before", compute="_compute_outputs")
    revenue_after = fields.Monetary(string="Labor Revenue After", compute="_compute_outputs")
    revenue_diff = fields.Monetary(string="Labor Revenue Difference", compute="_compute_outputs")
    cost_before = fields.Monetary(string="Labor Cost Before", compute="_compute_outputs")
    cost_after = fields.Monetary(string="Labor Cost After", compute="_compute_outputs")
    cost_diff = fields.Monetary(string="Labor Cost Difference", compute="_compute_outputs")
    gross_profit_before = fields.Monetary(compute="_compute_outputs")
    gross_profit_after = fields.Monetary(compute="_compute_outputs")
    gross_profit_diff = fields.Monetary(string="Gross Profit Difference", compute="_compute_outputs")
    conclusion = fields.Text(compute="_compute_outputs")

    @api.constrains("labor_rate", "hours_sold", "labor_cost_rate", "entries", "price_change", "entries_change")
    def _check_inputs(self):
        for wizard in self:
            negative = [
                wizard._fields[name]._description_string(wizard.env)
                for name in ("labor_rate", "hours_sold", "labor_cost_rate", "entries")
                if wizard[name] < 0
            ]
            if negative:
                raise ValidationError(_("%(figures)s cannot be negative.", figures=", ".join(negative)))
            if wizard.price_change <= -100 or wizard.entries_change <= -100:
                raise ValidationError(
                    _(
                        "The price change and the entries change must be above -100 %%: a change of -100 %% "
                        "or less would leave no price or no entries (price change %(price)s %%, entries change "
                        "%(entries)s %%).",
                        price=wizard.price_change,
                        entries=wizard.entries_change,
                    )
                )

    @api.depends(
        "company_id", "labor_rate", "hours_sold", "labor_cost_rate", "entries", "price_change", "entries_change"
    )
    def _compute_outputs(self):
        for wizard in self:
            currency = wizard.currency_id or wizard.env.company.currency_id
            price_factor = 1 + wizard.price_change / 100
            entries_factor = 1 + wizard.entries_change / 100
            # The new rate is a price on the price list: rounded to the currency before it is used.
            rate_after = currency.round(wizard.labor_rate * price_factor)
            hours_after = wizard.hours_sold * entries_factor
            revenue_before = wizard.labor_rate * wizard.hours_sold
            revenue_after = rate_after * hours_after
            cost_before = wizard.labor_cost_rate * wizard.hours_sold
            cost_after = wizard.labor_cost_rate * hours_after
            gross_profit_before = revenue_before - cost_before
            gross_profit_after = revenue_after - cost_after
            wizard.update(
                {
                    "rate_before": wizard.labor_rate,
                    "rate_after": rate_after,
                    "rate_diff": rate_after - wizard.labor_rate,
                    "entries_before": wizard.entries,
                    "entries_after": wizard.entries * entries_factor,
                    "entries_diff": wizard.entries * entries_factor - wizard.entries,
                    "hours_before": wizard.hours_sold,
                    "hours_after": hours_after,
                    "hours_diff": hours_after - wizard.hours_sold,
                    "revenue_before": revenue_before,
                    "revenue_after": revenue_after,
                    "revenue_diff": revenue_after - revenue_before,
                    "cost_before": cost_before,
                    "cost_after": cost_after,
                    "cost_diff": cost_after - cost_before,
                    "gross_profit_before": gross_profit_before,
                    "gross_profit_after": gross_profit_after,
                    "gross_profit_diff": gross_profit_after - gross_profit_before,
                    "conclusion": wizard._conclusion(
                        currency, rate_after, revenue_before, revenue_after, gross_profit_before, gross_profit_after
                    ),
                }
            )

    def _conclusion(self, currency, rate_after, revenue_before, revenue_after, gross_profit_before, gross_profit_after):
        """The outcome in plain words, in the user's language."""
        if not self.hours_sold or not self.labor_rate:
            return _("Enter the labor rate, the hours sold and the cost per hour, or load last month's actuals.")
        env = self.env

        def money(amount):
            return formatLang(env, amount, currency_obj=currency)

        def percent(value):
            return f"{'+' if value > 0 else ''}{formatLang(env, value, digits=1)} %"

        gross_profit_diff = gross_profit_after - gross_profit_before
        change = _(
            "A price change of %(price)s with an entries change of %(entries)s takes labor revenue from "
            "%(revenue_before)s to %(revenue_after)s and gross profit from %(gp_before)s to %(gp_after)s.",
            price=percent(self.price_change),
            entries=percent(self.entries_change),
            revenue_before=money(revenue_before),
            revenue_after=money(revenue_after),
            gp_before=money(gross_profit_before),
            gp_after=money(gross_profit_after),
        )
        if currency.is_zero(gross_profit_diff):
            verdict = _("Gross profit stays where it is: the change neither pays nor costs.")
        elif gross_profit_diff > 0:
            if revenue_after < revenue_before:
                verdict = _(
                    "The change pays: gross profit rises by %(amount)s although labor revenue falls by %(loss)s, "
                    "as the labor cost falls by more (%(saving)s).",
                    amount=money(gross_profit_diff),
                    loss=money(revenue_before - revenue_after),
                    saving=money(gross_profit_diff + revenue_before - revenue_after),
                )
            else:
                verdict = _("The change pays: gross profit rises by %(amount)s.", amount=money(gross_profit_diff))
        else:
            verdict = _("The change does not pay: gross profit falls by %(amount)s.", amount=money(-gross_profit_diff))
        # Break-even entries change e*: (rate after − cost) × hours × (1 + e*) = gross profit before.
        margin_after = rate_after - self.labor_cost_rate
        if margin_after <= 0:
            limit = _("At the new rate of %(rate)s an hour sold costs more than it brings in.", rate=money(rate_after))
        elif gross_profit_before > 0:
            break_even = (gross_profit_before / (margin_after * self.hours_sold) - 1) * 100
            limit = _(
                "At the new rate gross profit holds as long as the entries change is at least %(break_even)s.",
                break_even=percent(break_even),
            )
        else:
            limit = ""
        return "\n".join(filter(None, [change, verdict, limit]))

    @api.model
    def _last_month(self, company):
        """First and last day of the month before the current one, in the store's time zone."""
        return self.env["dealer.kpi.snapshot"]._last_closed_month(tz=company._dealer_tz())

    @requires_role(MANAGER)
    def action_load_last_month(self):
        """Fill the rate, hours and entries with the store's actuals of the last closed month."""
        self.ensure_one()
        date_from, date_to = self._last_month(self.company_id)
        values = self.env["dealer.kpi.engine"].compute(
            ["effective_labor_rate", "labor_hours_sold", "ro_count"], date_from, date_to, self.company_id.ids
        )
        store = self.company_id.id
        if not values["ro_count"][store] and not values["labor_hours_sold"][store]:
            raise UserError(
                _(
                    "%(store)s has no repair orders checked in or completed in %(month)s: there is nothing to load.",
                    store=self.company_id.name,
                    month=date_from.strftime("%Y-%m"),
                )
            )
        self.write(
            {
                "labor_rate": values["effective_labor_rate"][store] or 0.0,
                "hours_sold": values["labor_hours_sold"][store] or 0.0,
                "entries": int(values["ro_count"][store] or 0),
                "loaded_period": date_from.strftime("%Y-%m"),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": _("Labor Price What-If"),
        }
