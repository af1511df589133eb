from datetime import timedelta

from odoo import _, api, fields, models

from odoo.addons.dealer_aftersales.tools import MANAGER, requires_role, send_mail, server_side


class DealerKpiRetention(models.AbstractModel):
    """Acting on the customer base: churned vehicles become follow-up leads of the retention
    campaign in CRM; vehicles coming due get a maintenance reminder."""

    _name = "dealer.kpi.retention"
    _description = "After-Sales Retention"

    @api.model
    @requires_role(MANAGER)
    def churned_vehicles(self, date_from, date_to, company_ids=None):
        """The vehicles counted by ``churned_customers`` over the period."""
        Engine = self.env["dealer.kpi.engine"]
        companies, date_from, date_to = Engine._check_scope(company_ids, date_from, date_to)
        ids = Engine._drill_ids(Engine._retention_sql(date_from, date_to, companies), "churned", "vehicle_id")
        return self.env["dealer.vehicle"].browse(ids)

    @api.model
    @requires_role(MANAGER)
    def create_churn_leads(self, date_from, date_to, company_ids=None):
        """One lead of the retention campaign per churned vehicle of the period that has no open
        lead yet, for the store's KPI manager (or the current user). Returns the new leads."""
        vehicles = server_side(self).churned_vehicles(date_from, date_to, company_ids).sudo()
        Lead = self.env["crm.lead"].sudo()
        open_leads = Lead.search([("dealer_vehicle_id", "in", vehicles.ids), ("probability", "<", 100)])
        campaign = self.env.ref("dealer_kpi.utm_campaign_retention", raise_if_not_found=False)
        vals_list = []
        for vehicle in vehicles - open_leads.dealer_vehicle_id:
            vals_list.append(
                {
                    "name": _(
                        "Win back %(vehicle)s (last visit overdue)",
                        vehicle=vehicle.license_plate or vehicle.vin,
                    ),
                    "type": "opportunity",
                    "partner_id": vehicle.partner_id.id,
                    "dealer_vehicle_id": vehicle.id,
                    "company_id": vehicle.company_id.id,
                    "user_id": (vehicle.company_id.dealer_kpi_manager_id or self.env.user).id,
                    "campaign_id": campaign.id if campaign else False,
                    "description": _(
                        "%(vehicle)s (%(model)s) was due for service on %(due)s and has not come back.",
                        vehicle=vehicle.display_name,
                        model=vehicle.model_id.name,
                        due=vehicle.next_service_date or "",
                    ),
                }
            )
        return Lead.create(vals_list)

    @api.model
    @requires_role(MANAGER)
    def action_churn_leads_last_month(self):
        """From the KPI menu: leads for the vehicles churned last month in the selected stores."""
        date_from, date_to = self.env["dealer.kpi.snapshot"]._last_closed_month()
        leads = server_side(self).create_churn_leads(date_from, date_to, self.env.companies.ids)
        action = self.env["ir.actions.act_window"]._for_xml_id("crm.crm_lead_all_leads")
        action.update(
            {
                "name": _("Retention Leads"),
                "domain": [("dealer_vehicle_id", "!=", False)],
                "context": {"search_default_open_opportunities": 1},
                "view_mode": "list,kanban,form",
                "views": [(False, "list"), (False, "kanban"), (False, "form")],
            }
        )
        if not leads:
            action["help"] = _("<p>No vehicle churned last month without an open lead.</p>")
        return action

    @api.model
    def _cron_maintenance_reminders(self):
        """Vehicles whose predicted service due date is within the store's reminder days get,
        once per due date, a mail to the owner and a call activity for the service advisor."""
        today = fields.Date.context_today(self)
        Vehicle = self.env["dealer.vehicle"].sudo()
        template = self.env.ref("dealer_kpi.mail_template_maintenance_reminder", raise_if_not_found=False)
        for company in self.env["res.company"].search([]):
            vehicles = Vehicle.search(
                [
                    ("company_id", "=", company.id),
                    ("partner_id", "!=", False),
                    ("next_service_date", ">=", today),
                    ("next_service_date", "<=", today + timedelta(days=company.dealer_reminder_days)),
                ]
            ).filtered(lambda v: v.dealer_reminder_due_date != v.next_service_date)
            if not vehicles:
                continue
            last_orders = dict(
                self.env["repair.order"]
                .sudo()
                ._read_group(
                    [("vehicle_id", "in", vehicles.ids), ("user_id", "!=", False)],
                    ["vehicle_id"],
                    ["id:max"],
                )
            )
            advisors = {
                order.vehicle_id.id: order.user_id
                for order in self.env["repair.order"].sudo().browse(list(last_orders.values()))
            }
            for vehicle in vehicles:
                if template and vehicle.partner_id.email:
                    send_mail(vehicle, template)
                advisor = advisors.get(vehicle.id) or company.dealer_kpi_manager_id
                vehicle.activity_schedule(
                    "mail.mail_activity_data_call",
                    date_deadline=max(today, vehicle.next_service_date - timedelta(days=3)),
                    summary=_("Maintenance reminder"),
                    note=_(
                        "%(vehicle)s is due for service on %(due)s (%(km)s km): call %(customer)s to book.",
                        vehicle=vehicle.display_name,
                        due=vehicle.next_service_date,
                        km=vehicle.next_service_km,
                        customer=vehicle.partner_id.name,
                    ),
                    user_id=advisor.id if advisor else self.env.uid,
                )
                vehicle.dealer_reminder_due_date = vehicle.next_service_date
