import pytz

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    # Customers and market (section 5)
    dealer_base_months = fields.Integer(
        string="Customer Base Window (Months)",
        default=12,
        help="A vehicle belongs to the customer base when it visited the store within this many months.",
    )
    dealer_base_min_visits = fields.Integer(
        string="Visits for the Customer Base",
        default=1,
        help="Visits within the base window a vehicle needs to belong to the customer base.",
    )
    dealer_churn_grace_days = fields.Integer(
        string="Churn Grace (Days)",
        default=30,
        help="Days after a vehicle's predicted service due date before it counts as churned.",
    )
    dealer_reminder_days = fields.Integer(
        string="Maintenance Reminder (Days Ahead)",
        default=14,
        help="Vehicles whose predicted service due date falls within this many days get a maintenance reminder.",
    )
    # Workshop (section 4)
    dealer_shift_hours = fields.Float(
        string="Technician Shift (Hours)", default=8.0, help="Hours a technician is available per working day."
    )
    dealer_brand_ids = fields.Many2many(
        "fleet.vehicle.model.brand",
        "dealer_company_brand_rel",
        "company_id",
        "brand_id",
        string="Franchised Brands",
        help="The brands the store is franchised for. The appointment rate leaves other brands out; "
        "empty: every brand counts.",
    )
    # Costs and expenses (section 3)
    dealer_staff_account_ids = fields.Many2many(
        "account.account",
        "dealer_company_staff_account_rel",
        "company_id",
        "account_id",
        string="After-Sales Staff Cost Accounts",
        help="Expense accounts of after-sales salaries, bonuses and social insurance (labor cost ratio).",
    )
    dealer_kpi_manager_id = fields.Many2one(
        "res.users",
        string="KPI Manager",
        help="Receives an activity when a KPI of the store crosses its warning or critical threshold.",
    )

    @api.constrains(
        "dealer_base_months",
        "dealer_base_min_visits",
        "dealer_churn_grace_days",
        "dealer_reminder_days",
        "dealer_shift_hours",
    )
    def _check_dealer_kpi_settings(self):
        for company in self:
            if company.dealer_base_months < 1 or company.dealer_base_min_visits < 1:
                raise ValidationError(_("The customer base needs a window of at least one month and one visit."))
            if company.dealer_churn_grace_days < 0 or company.dealer_reminder_days < 0:
                raise ValidationError(_("Grace and reminder days cannot be negative."))
            if not 0 < company.dealer_shift_hours <= 24:
                raise ValidationError(_("A technician's shift is between 0 and 24 hours."))

    def _dealer_tz_closed_periods(self):
        """The KPI snapshots of closed months (before the store's current month) were counted in the
        store's time zone: a change of it keeps them as computed (see action_dealer_change_tz)."""
        closed = super()._dealer_tz_closed_periods()
        this_month = fields.Date.context_today(self.with_context(tz=self._dealer_tz())).replace(day=1)
        last = (
            self.env["dealer.kpi.snapshot"]
            .sudo()
            .search([("company_id", "=", self.id), ("month", "<", this_month)], order="month desc", limit=1)
        )
        if last:
            closed.append(_("KPI snapshots of closed months up to %(month)s", month=last.month.strftime("%Y-%m")))
        return closed

    def _dealer_working_days(self, date_from, date_to):
        """Working days of the store in ``[date_from, date_to]``: the weekdays its working calendar
        opens, less the calendar's public holidays (global time off)."""
        self.ensure_one()
        calendar = self.resource_calendar_id
        weekdays = {int(day) for day in calendar.attendance_ids.mapped("dayofweek")} if calendar else set(range(5))
        tz = pytz.timezone(self._dealer_tz())
        holidays = set()
        for leave in calendar.global_leave_ids if calendar else []:
            day = pytz.utc.localize(leave.date_from).astimezone(tz).date()
            last = pytz.utc.localize(leave.date_to).astimezone(tz).date()
            while day <= last:
                holidays.add(day)
                day = fields.Date.add(day, days=1)
        count, day = 0, date_from
        while day <= date_to:
            if day.weekday() in weekdays and day not in holidays:
                count += 1
            day = fields.Date.add(day, days=1)
        return count
