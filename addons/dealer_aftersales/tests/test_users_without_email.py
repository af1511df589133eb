"""Users created as the README says (Settings → Users, a store and a role) have no e-mail address
as a rule in a workshop: every role's work goes through all the same, and what it says in the
chatter is logged with the user as author."""

from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.tests import new_test_user, tagged

from .access import ROLES
from .common import CSV_IMPORT_OPTIONS, DealerClaimCase


@tagged("post_install", "-at_install")
class TestUsersWithoutEmail(DealerClaimCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        common = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
            "lang": "en_US",
            "email": False,
        }
        cls.users = {
            key: new_test_user(cls.env, login=f"noemail_{key}", groups=ROLES[title], **common)
            for key, title in (
                ("technician", "Technician"),
                ("foreman", "Technician"),
                ("advisor", "Service Advisor"),
                ("advisor2", "Service Advisor"),
                ("parts", "Parts"),
                ("accountant", "Accountant"),
                ("manager", "Manager"),
            )
        }
        for user in cls.users.values():
            assert not user.email and not user.partner_id.email, "these users have no e-mail address"
        cls.tech_employee = cls.env["hr.employee"].create(
            {"name": "无邮箱技师", "user_id": cls.users["technician"].id, "dealer_is_technician": True}
        )
        cls.env["hr.employee"].create({"name": "无邮箱检验员", "user_id": cls.users["foreman"].id})
        cls.owner.email = "wangwei@example.com"
        cls.brand.write({"warranty_claim_days": 30, "warranty_parts_handling": 10})
        cls.fault = cls.env["dealer.fault.code"].create(
            {"code": "B2001", "name": "前刹车异响", "operation_ids": [Command.set(cls.brake_job.ids)]}
        )

    def _as(self, key, records):
        return records.with_user(self.users[key])

    def _logged(self, records, key, text):
        """The chatter messages of ``records`` by user ``key`` whose body says ``text``."""
        author = self.users[key].partner_id
        records.invalidate_recordset(["message_ids"])
        messages = records.message_ids.filtered(lambda m: m.author_id == author and text in (m.body or ""))
        self.assertTrue(messages, f"no message of {key} saying {text!r} on {records}")
        return messages

    # ------------------------------------------------------------------ the workshop

    def _workshop_order(self, pay_type="customer", **values):
        """Created and confirmed by the advisor, clocked by the technician, finished."""
        Repair = self._as("advisor", self.env["repair.order"])
        repair = Repair.create(
            {
                "vehicle_id": self.vehicle.id,
                "mileage_in": 15000,
                "labor_line_ids": [Command.create({"operation_id": self.brake_job.id, "pay_type": pay_type})],
                "move_ids": [
                    Command.create(
                        {
                            "product_id": self.brake_pads.id,
                            "product_uom_qty": 1,
                            "repair_line_type": "add",
                            "dealer_pay_type": pay_type,
                        }
                    )
                ],
                **values,
            }
        )
        repair.action_validate()
        self.assertEqual(repair.state, "confirmed")
        job = self._as("technician", repair.labor_line_ids)
        job.action_start()
        job.action_finish()
        self.assertEqual((job.state, job.technician_ids), ("done", self.tech_employee))
        self._as("advisor", repair).action_repair_end()
        self.assertEqual(repair.state, "done")
        return repair.with_env(self.env)

    def test_workshop_from_order_to_hand_over(self):
        survey = self.env["survey.survey"].create({"title": "CSI", "access_mode": "token"})
        self.company.dealer_csi_survey_id = survey
        repair = self._workshop_order(user_id=self.users["advisor2"].id)
        self._as("advisor", repair).action_multipoint_inspection()
        # Final inspection by a technician who did not do the job: the customer hears it is ready.
        self._as("foreman", repair).action_qc_pass()
        self.assertEqual(repair.qc_state, "passed")
        ready = repair.message_ids.filtered(lambda m: self.owner in m.partner_ids and "ready" in (m.body or ""))
        self.assertEqual(len(ready), 1)
        self.assertEqual(ready.email_from, self.company.email_formatted)
        # Hand-over by another advisor than the order's: survey mailed, follow-up call for the order's advisor.
        self._as("advisor", repair).action_dealer_deliver()
        self.assertTrue(repair.delivery_time)
        self.assertTrue(repair.survey_input_ids)
        self.assertTrue(repair.message_ids.filtered(lambda m: "survey" in (m.body or "")))
        self.assertEqual(repair.activity_ids.user_id, self.users["advisor2"])
        # The order's advisor is told of the call by the advisor who handed the car over, from the store.
        notice = self.env["mail.message"].search(
            [
                ("model", "=", "repair.order"),
                ("res_id", "=", repair.id),
                ("message_type", "=", "user_notification"),
                ("partner_ids", "in", self.users["advisor2"].partner_id.ids),
            ]
        )
        self.assertEqual(len(notice), 1)
        self.assertEqual(
            (notice.author_id, notice.email_from), (self.users["advisor"].partner_id, self.company.email_formatted)
        )
        mails = self.env["mail.mail"].search([("model", "=", "repair.order"), ("res_id", "=", repair.id)])
        # None lacks its sender (whether a mail server answers depends on the machine: under pytest
        # Odoo really connects to one, and none listens here; Odoo's test runner sends none).
        self.assertFalse(
            mails.filtered(
                lambda mail: not mail.email_from or mail.failure_type in ("mail_from_missing", "mail_from_invalid")
            ),
            [(m.state, m.failure_type, m.failure_reason) for m in mails],
        )

    def test_accountant_invoices_and_posts(self):
        repair = self._workshop_order()
        self._as("accountant", repair).action_dealer_invoice()
        invoice = repair.dealer_move_ids
        self._as("accountant", invoice).action_post()
        self.assertEqual(invoice.state, "posted")
        self._assert_balanced(invoice)
        self._logged(repair, "accountant", "Invoiced")

    def test_manager_corrects_and_posts_beyond_credit(self):
        # A correction of a claim's state, with its reason.
        claim = self._no_email_insurance_claim("PICC-NOEMAIL-MGR")
        self._as("manager", claim).action_dealer_correct({"state": "closed"}, "保险公司已结案")
        self.assertEqual(claim.state, "closed")
        self._logged(claim, "manager", "保险公司已结案")
        # An invoice beyond an account customer's credit.
        bus = self.env["res.partner"].create(
            {"name": "广州市公交集团有限公司", "is_company": True, "dealer_account_customer": True}
        )
        repair = self._workshop_order(partner_id=bus.id)
        self._as("accountant", repair).action_dealer_invoice()
        invoice = repair.dealer_move_ids
        self._as("manager", invoice).action_post()
        self.assertEqual((invoice.state, invoice.dealer_credit_approved_by), ("posted", self.users["manager"]))
        self._logged(invoice, "manager", "Posted beyond the customer's credit")

    # ------------------------------------------------------------------ claims

    def _no_email_insurance_claim(self, report_number):
        claim = self._as("advisor", self.Claim).create(
            {
                "insurer_id": self.insurer.id,
                "vehicle_id": self.vehicle.id,
                "report_number": report_number,
                "line_ids": [Command.create({"kind": "parts", "name": "前保险杠皮", "amount": 2000})],
            }
        )
        claim.action_assess()
        claim.action_approve(1500, 0)
        claim.action_start_repair()
        repair = claim.repair_id
        self._as("advisor", repair).write(
            {
                "mileage_in": 12000,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": self.brake_pads.id,
                            "product_uom_qty": 3,
                            "repair_line_type": "add",
                            "dealer_pay_type": "insurance",
                        }
                    )
                ],
            }
        )
        self._as("advisor", repair).action_validate()
        self._as("advisor", repair).action_repair_start()
        self._as("advisor", repair).action_repair_end()
        self._as("accountant", repair).action_dealer_invoice()
        self._as("accountant", repair.dealer_move_ids).action_post()
        self.assertEqual(claim.state, "invoiced")
        return claim

    def test_accountant_settles_an_insurance_claim(self):
        claim = self._no_email_insurance_claim("PICC-NOEMAIL-1")
        action = self._as("accountant", claim).action_settle()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.users["accountant"])
            .with_context(**action["context"])
            .create({"amount": claim.amount_open, "journal_id": self.bank.id})
        )
        wizard.action_confirm()
        self.assertEqual(claim.state, "settled")
        self._logged(claim, "accountant", "Settlement")

    def test_accountant_applies_a_remittance(self):
        claim = self._no_email_insurance_claim("PICC-NOEMAIL-2")
        remittance = self._as("accountant", self.env["dealer.insurance.remittance"]).create(
            {
                "name": "人保赔款（无邮箱）",
                "insurer_id": self.insurer.id,
                "journal_id": self.bank.id,
                "line_ids": [Command.create({"reference": "PICC-NOEMAIL-2", "amount": claim.amount_open})],
            }
        )
        remittance.action_apply()
        self.assertEqual((remittance.state, claim.state), ("done", "settled"))
        self._logged(claim, "accountant", "Settlement")

    def test_warranty_claim_submitted_approved_and_paid(self):
        repair = self._workshop_order("warranty")
        claim = self._as("advisor", self.env["dealer.warranty.claim"]).create(
            {"repair_id": repair.id, "fault_code_id": self.fault.id}
        )
        claim.action_submit()
        self._as("accountant", repair).action_dealer_invoice()
        self._as("accountant", repair.dealer_move_ids).action_post()
        claim.action_approve()
        action = self._as("accountant", claim).action_register_payment()
        self.env[action["res_model"]].with_user(self.users["accountant"]).with_context(**action["context"]).create(
            {"journal_id": self.bank.id}
        )._create_payments()
        self.assertEqual((claim.state, claim.amount_open), ("paid", 0))

    # ------------------------------------------------------------------ appointments, parts, imports

    @freeze_time("2030-06-02 02:00:00")
    def test_advisor_books_and_receives_an_appointment(self):
        self.company.resource_calendar_id.tz = "Asia/Shanghai"
        Appointment = self._as("advisor", self.env["dealer.appointment"])
        appointment = Appointment.create(
            {
                "vehicle_id": self.vehicle.id,
                "start": datetime(2030, 6, 3, 1, 0),
                "duration": 1.0,
                "service_type": "maintenance",
            }
        )
        appointment.action_confirm()
        # The day before, the reminder goes out (the job runs as the server).
        self.env["dealer.appointment"]._cron_send_reminders()
        self.assertTrue(appointment.reminder_sent)
        self.assertTrue(appointment.message_ids.filtered(lambda m: self.owner in m.partner_ids))
        with freeze_time("2030-06-03 01:00:00"):
            appointment.action_arrive()
        self.assertEqual(appointment.state, "arrived")
        self.assertTrue(appointment.repair_id)

    def test_parts_work_on_part_lines(self):
        repair = self._as("advisor", self.env["repair.order"]).create(
            {"vehicle_id": self.vehicle.id, "mileage_in": 15000}
        )
        self._as("advisor", repair).action_validate()
        self._as("parts", repair).write(
            {
                "move_ids": [
                    Command.create(
                        {
                            "product_id": self.oil_filter.id,
                            "product_uom_qty": 30,
                            "repair_line_type": "add",
                            "dealer_pay_type": "customer",
                        }
                    )
                ]
            }
        )
        request = self.env["dealer.part.request"].search([("repair_id", "=", repair.id)])
        self.assertEqual((len(request), request.from_stock), (1, False))
        self._as("parts", request).outcome = "emergency"
        self.assertEqual(request.outcome, "emergency")

    def test_advisor_imports_vehicles(self):
        content = b"VIN,Model\nLSVAM4187C2184847,Test Sedan\nWP0ZZZ99ZTS392124,Test Sedan\n"
        importer = self._as("advisor", self.env["base_import.import"]).create(
            {"res_model": "dealer.vehicle", "file": content, "file_type": "text/csv", "file_name": "v.csv"}
        )
        result = importer.execute_import(["vin", "model_id"], ["VIN", "Model"], CSV_IMPORT_OPTIONS, dryrun=False)
        self.assertEqual(result["messages"], [])
        self.assertEqual(len(result["ids"]), 2)

    # ------------------------------------------------------------------ a store without an address either

    def test_store_without_email(self):
        """Neither the store nor the user has an address: the customer's mail cannot go out, the
        work goes on and the chatter says so."""
        self.company.email = False
        self.assertFalse(self.company.email_formatted)
        repair = self._workshop_order()
        self._as("foreman", repair).action_qc_pass()
        self.assertEqual(repair.qc_state, "passed")
        self._logged(repair, "foreman", "not e-mailed")
        self.assertFalse(repair.message_ids.filtered(lambda m: self.owner in m.partner_ids))
        self._as("advisor", repair).action_dealer_deliver()
        self.assertTrue(fields.Datetime.now() - repair.delivery_time < timedelta(hours=1))
        # The follow-up call is in the advisor's list (no notice could go out).
        self.assertEqual(repair.activity_ids.summary, "Follow-up call")
        self._as("accountant", repair).action_dealer_invoice()
        self._logged(repair, "accountant", "Invoiced")
