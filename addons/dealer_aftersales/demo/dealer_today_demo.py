"""Today at the demo store, whenever the demo database is made (demo data only): the advisor's
appointments of the day and the demo technicians' jobs on the board; and the store's books
without Odoo's own demo accounting."""

import datetime

import pytz

from odoo import Command, api, fields, models

AS = "dealer_aftersales."
# (vehicle, service type, complaint, local time, labor operation, technician) of this morning's arrivals
ARRIVED = [
    ("dealer_vehicle_04_demo", "maintenance", "到期保养", (9, 0), "labor_basic_service_package_demo", "liu"),
    ("dealer_vehicle_07_demo", "repair", "空调出风不凉，有异味", (9, 30), "labor_ac_check_demo", "zhou"),
]
# (vehicle, service type, complaint) of the customers still to come today
BOOKED = [
    ("dealer_vehicle_19_demo", "maintenance", "到期保养，检查轮胎"),
    ("dealer_vehicle_20_demo", "repair", "刹车时有异响"),
]


class DealerAppointment(models.Model):
    _inherit = "dealer.appointment"

    @api.model
    def _demo_today(self):
        """Two customers arrived this morning (their orders in the workshop, the basic service
        clocked by 刘建军), two are booked for later today (the next free slots: on the next working
        day once today's hours are over); the open demo orders are the advisor's and their jobs the
        demo technicians'."""
        ref = self.env.ref
        store = ref("base.main_company")
        advisor = ref(AS + "res_users_advisor_demo")
        technicians = {"liu": ref(AS + "hr_employee_tech_liu_demo"), "zhou": ref(AS + "hr_employee_tech_zhou_demo")}
        tz = pytz.timezone(store._dealer_tz())
        now = fields.Datetime.now().replace(second=0, microsecond=0)
        today = pytz.utc.localize(now).astimezone(tz).date()

        def utc(day, hour, minute=0):
            local = tz.localize(datetime.datetime.combine(day, datetime.time(hour, minute)))
            return local.astimezone(pytz.utc).replace(tzinfo=None)

        # Booked through the desk in a free slot months ahead, then moved to the morning they came.
        ahead = today + datetime.timedelta(days=120)
        while ahead.weekday() >= 5:
            ahead += datetime.timedelta(days=1)
        Appointment = self.with_company(store)
        for index, (vehicle, service_type, complaint, (hour, minute), operation, technician) in enumerate(ARRIVED):
            appointment = Appointment.create(
                {
                    "vehicle_id": ref(AS + vehicle).id,
                    "service_type": service_type,
                    "start": utc(ahead, 9 + index),
                    "duration": 1.0,
                    "complaint": complaint,
                    "advisor_id": advisor.id,
                }
            )
            appointment.action_confirm()
            appointment.action_arrive()
            arrived = min(utc(today, hour, minute), now)
            appointment.write({"start": arrived})
            repair = appointment.repair_id
            repair.write(
                {
                    "checkin_time": arrived + datetime.timedelta(minutes=5),
                    "promised_delivery_time": arrived + datetime.timedelta(hours=3),
                    "labor_line_ids": [
                        Command.create(
                            {
                                "operation_id": ref(AS + operation).id,
                                "pay_type": "customer",
                                "technician_ids": [Command.set(technicians[technician].ids)],
                            }
                        )
                    ],
                }
            )
            repair.action_validate()
            if technician == "liu":
                repair.labor_line_ids[:1].action_start(technicians[technician])
        for vehicle, service_type, complaint in BOOKED:
            vals = {"vehicle_id": ref(AS + vehicle).id, "service_type": service_type, "duration": 1.0}
            slot = Appointment.new({**vals, "start": now, "company_id": store.id})._next_free_slots(count=1)[0]
            Appointment.create(
                {**vals, "start": slot, "complaint": complaint, "advisor_id": advisor.id}
            ).action_confirm()
        # The orders opened with the demo data: the advisor's; their jobs the technicians'.
        brake = ref(AS + "repair_order_brake_demo")
        for job, technician in zip(brake.labor_line_ids.sorted("id"), ("liu", "zhou"), strict=False):
            job.technician_ids = [Command.set(technicians[technician].ids)]
        orders = brake | ref(AS + "repair_order_accident_demo") | ref(AS + "repair_order_warranty_demo")
        orders |= ref(AS + "repair_order_maintenance_demo")
        orders.write({"user_id": advisor.id})
        self.search([("company_id", "=", store.id), ("advisor_id", "=", self.env.ref("base.user_root").id)]).write(
            {"advisor_id": advisor.id}
        )


class ProductTemplate(models.Model):
    _inherit = "product.template"  # pylint: disable=consider-merging-classes-inherited  # demo data only

    @api.model
    def _demo_withdraw_odoo_demo(self):
        """Odoo's own demo goods (office furniture...) archived: the store's parts desk, analyses
        and order lines offer its parts (Odoo's services, such as the down payment, stay)."""
        data = self.env["ir.model.data"].search([("model", "=", "product.product"), ("module", "not like", "dealer%")])
        goods = self.env["product.product"].browse(data.mapped("res_id")).exists().filtered(lambda p: p.type == "consu")
        # Their stock counted out first: the store's stock and its aging are its parts'.
        quants = self.env["stock.quant"].search(
            [("product_id", "in", goods.ids), ("location_id.usage", "=", "internal"), ("quantity", "!=", 0)]
        )
        quants.with_context(inventory_mode=True).write({"inventory_quantity": 0})
        quants.action_apply_inventory()
        goods.product_tmpl_id.write({"active": False})


class AccountMove(models.Model):
    _inherit = "account.move"  # pylint: disable=consider-merging-classes-inherited  # demo data only

    @api.model
    def _demo_withdraw_odoo_demo(self):
        """Odoo's own demo accounting (Deco Addict's invoices and refunds, its bank lines) out of
        the demo store's books: the store's receivables and aging are its customers', insurers'
        and manufacturers'."""
        data = self.env["ir.model.data"].search(
            [("module", "=", "account"), ("model", "in", ("account.move", "account.bank.statement.line"))]
        )
        by_model = {
            model: data.filtered(lambda d, model=model: d.model == model).mapped("res_id")
            for model in set(data.mapped("model"))
        }
        lines = self.env["account.bank.statement.line"].browse(by_model.get("account.bank.statement.line", [])).exists()
        moves = self.browse(by_model.get("account.move", [])).exists() | lines.move_id
        moves = moves.filtered(lambda m: m.company_id == self.env.ref("base.main_company"))
        moves.line_ids.remove_move_reconcile()
        moves.filtered(lambda m: m.state == "posted").button_draft()
        moves.button_cancel()
