"""Claims, policies and account customers of the demo store (demo data only)."""

import datetime
import random

from odoo import Command, api, fields, models


class DealerInsuranceClaim(models.Model):
    _inherit = "dealer.insurance.claim"

    @api.model
    def _demo_load(self, claims, warranty_orders, policies):
        """``claims``: [vehicle, insurer, report number, labor hours, bumper quantity, approved,
        deductible, days ago]; ``warranty_orders``: [vehicle, brake pads, days ago];
        ``policies``: [vehicle, insurer, number, premium, days since start]."""
        today = fields.Date.context_today(self)
        labor = self.env.ref("dealer_aftersales.labor_bumper_paint_demo")
        bumper = self.env.ref("dealer_aftersales.product_bumper_demo")
        # Parts for the accident and warranty orders below.
        self.env["dealer.inventory.analysis"]._demo_moves(
            [(bumper.id, 10, "in"), (self.env.ref("dealer_aftersales.product_brake_pads_demo").id, 10, "in")],
            30,
            today,
            self.env["dealer.inventory.analysis"]._demo_locations(),
            random.Random(7),
        )
        for vehicle_id, insurer_id, number, hours, quantity, approved, deductible, ago in claims:
            claim = self.create(
                {
                    "insurer_id": insurer_id,
                    "vehicle_id": vehicle_id,
                    "report_number": number,
                    "policy_number": f"PDAA{today.year}4401{number[-6:]}",
                    "accident_date": today - datetime.timedelta(days=ago),
                    "line_ids": [
                        Command.create({"kind": "labor", "name": "前保险杠钣金喷漆", "amount": hours * 180}),
                        Command.create({"kind": "parts", "name": "前保险杠皮", "amount": quantity * 1850}),
                        Command.create(
                            {"kind": "parts", "name": "加装行车记录仪（非保险责任）", "amount": 680, "covered": False}
                        ),
                    ],
                }
            )
            claim.action_assess()
            claim.action_approve(approved, deductible)
            claim.action_start_repair()
            repair = claim.repair_id
            repair.write(
                {
                    "mileage_in": repair.vehicle_id.odometer + 35,
                    "labor_line_ids": [
                        Command.create({"operation_id": labor.id, "hours": hours, "pay_type": "insurance"})
                    ],
                    "move_ids": [
                        Command.create(
                            {
                                "product_id": bumper.id,
                                "product_uom_qty": quantity,
                                "repair_line_type": "add",
                                "dealer_pay_type": "insurance",
                            }
                        )
                    ],
                }
            )
            self._demo_finish_and_invoice(repair, today - datetime.timedelta(days=max(ago - 7, 1)))

        brand = self.env.ref("fleet.brand_toyota")
        fault = self.env.ref("dealer_aftersales.fault_code_brake_noise_demo")
        brake_job = self.env.ref("dealer_aftersales.labor_front_brake_demo")
        pads = self.env.ref("dealer_aftersales.product_brake_pads_demo")
        brand.warranty_parts_handling = 10
        for vehicle_id, quantity, ago in warranty_orders:
            vehicle = self.env["dealer.vehicle"].browse(vehicle_id)
            repair = self.env["repair.order"].create(
                {
                    "vehicle_id": vehicle_id,
                    "service_type": "warranty",
                    "mileage_in": vehicle.odometer + 20,
                    "labor_line_ids": [Command.create({"operation_id": brake_job.id, "pay_type": "warranty"})],
                    "move_ids": [
                        Command.create(
                            {
                                "product_id": pads.id,
                                "product_uom_qty": quantity,
                                "repair_line_type": "add",
                                "dealer_pay_type": "warranty",
                            }
                        )
                    ],
                }
            )
            repair.action_validate()
            repair.action_repair_start()
            repair.action_repair_end()
            claim = self.env["dealer.warranty.claim"].create(
                {"repair_id": repair.id, "fault_code_id": fault.id, "claim_number": f"GTMC-{repair.id:06d}"}
            )
            claim.action_submit()
            repair.action_dealer_invoice()
            repair.dealer_move_ids.write({"invoice_date": today - datetime.timedelta(days=ago)})
            repair.dealer_move_ids.action_post()
            claim.action_approve()

        # The month's remittance of PICC, entered by the accountant, not applied yet: one claim paid
        # in full, one cut by 5 % (to write off).
        picc = self.env.ref("dealer_aftersales.res_partner_insurer_picc_demo")
        open_claims = self.search([("insurer_id", "=", picc.id), ("state", "=", "invoiced")], order="id")
        company = self.env.company
        if not company.dealer_claim_writeoff_account_id:
            company.dealer_claim_writeoff_account_id = self.env["account.account"].search(
                [*self.env["account.account"]._check_company_domain(company), ("account_type", "=", "expense")],
                order="code",
                limit=1,
            )
        bank = self.env["account.journal"].search(
            [*self.env["account.journal"]._check_company_domain(company), ("type", "=", "bank")], limit=1
        )
        # Another insurer already paid its oldest claim in full last week.
        paid = self.search([("insurer_id", "!=", picc.id), ("state", "=", "invoiced")], order="id", limit=1)
        if paid and bank:
            paid._settle(paid.amount_open, bank, today - datetime.timedelta(days=7))
        if open_claims and bank:
            lines = [Command.create({"reference": open_claims[0].report_number, "amount": open_claims[0].amount_open})]
            for claim in open_claims[1:]:
                lines.append(
                    Command.create(
                        {
                            "reference": claim.report_number,
                            "amount": company.currency_id.round(claim.amount_open * 0.95),
                            "difference_handling": "writeoff",
                            "reason": "保险公司核减工时费",
                        }
                    )
                )
            self.env["dealer.insurance.remittance"].create(
                {
                    "name": f"人保财险 {today:%Y-%m} 赔款到账",
                    "insurer_id": picc.id,
                    "journal_id": bank.id,
                    "date": today,
                    "line_ids": lines,
                }
            )

        # The bus company repairs on credit; one old invoice is still unpaid.
        bus = self.env.ref("dealer_aftersales.res_partner_bus_group_demo")
        bus.with_company(company).dealer_credit_limit_manual = 30000
        income = self.env["dealer.pay.type.config"]._get(company, "customer").labor_account_id
        for ago, amount in ((215, 3860.0), (95, 5240.0), (40, 2980.0)):
            day = today - datetime.timedelta(days=ago)
            invoice = self.env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": bus.id,
                    "invoice_date": day,
                    "invoice_date_due": day + datetime.timedelta(days=60),
                    "dealer_pay_type": "customer",
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "公交车辆月度维修保养",
                                "quantity": 1,
                                "price_unit": amount,
                                "account_id": income.id,
                            }
                        )
                    ],
                }
            )
            invoice.action_post()

        Policy = self.env["dealer.insurance.policy"]
        for vehicle_id, insurer_id, number, premium, started in policies:
            start = today - datetime.timedelta(days=started)
            Policy.create(
                {
                    "name": number,
                    "vehicle_id": vehicle_id,
                    "insurer_id": insurer_id,
                    "premium": premium,
                    "date_start": start,
                    "date_end": start + datetime.timedelta(days=364),
                }
            )
        Policy._cron_renewal_reminders()

    @api.model
    def _demo_finish_and_invoice(self, repair, invoice_date):
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        repair.action_dealer_invoice()
        repair.dealer_move_ids.write({"invoice_date": invoice_date})
        repair.dealer_move_ids.action_post()
