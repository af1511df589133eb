"""Two sessions acting at once never double-post.

A TransactionCase runs in one transaction that no other connection can see, so these tests
commit their data in a real cursor (A), act in two more real cursors (B and C, two sessions
of the server) and delete what they committed at the end. The second session is refused
with a clear UserError at once (it does not wait for the first one): either the first one
still holds the row lock, or it committed after the second session's snapshot was taken.
Once the first one has committed, a new attempt sees its result and is refused as usual.
"""

# These tests need committed data in separate connections; they commit only their own cursors.
# pylint: disable=invalid-commit

import random
from contextlib import contextmanager

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests.common import BaseCase, get_db_name, tagged

from .common import make_vin


@tagged("post_install", "-at_install")
class TestConcurrency(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())

    def setUp(self):
        super().setUp()
        self.tag = f"CC{random.randint(100000, 999999)}"
        self.created = []  # (model, ids) to delete at the end, in reverse order
        self.addCleanup(self._cleanup)
        with self._session(commit=True) as env:
            brand = env["fleet.vehicle.model.brand"].create({"name": f"{self.tag} Brand"})
            model = env["fleet.vehicle.model"].create({"name": f"{self.tag} Sedan", "brand_id": brand.id})
            owner = env["res.partner"].create({"name": f"{self.tag} 王伟", "lang": "en_US"})
            vehicle = env["dealer.vehicle"].create(
                {
                    "vin": make_vin(random.randint(900000, 999999), prefix="LFVCC40K0PG"),
                    "model_id": model.id,
                    "partner_id": owner.id,
                }
            )
            self._track(brand, model, owner, vehicle)
            self.vehicle_id = vehicle.id

    # Sessions -------------------------------------------------------------------

    @contextmanager
    def _session(self, commit=False):
        """A real, separate connection as the administrator, rolled back unless ``commit``."""
        cr = self.registry.cursor()
        try:
            admin = api.Environment(cr, SUPERUSER_ID, {}).ref("base.user_admin")
            env = api.Environment(cr, admin.id, {"lang": "en_US"})
            yield env
            if commit:
                cr.commit()
        finally:
            cr.rollback()
            cr.close()

    def _track(self, *records):
        self.created += [(record._name, record.ids) for record in records]

    def _cleanup(self):
        failed = []
        with self._session(commit=True) as env:
            env = env(su=True, context=dict(env.context, force_delete=True, tracking_disable=True))
            for model, ids in reversed(self.created):
                try:
                    with env.cr.savepoint():
                        self._delete(env[model].browse(ids).exists())
                except Exception as error:  # noqa: BLE001 - delete the rest, then report
                    failed.append(f"{model} {ids}: {error}")
        self.assertFalse(failed, "the test's committed data could not all be deleted")

    def _delete(self, records):
        model, ids = records._name, tuple(records.ids) or (0,)
        env = records.env
        if model == "account.move":
            records.filtered(lambda m: m.state == "posted").button_draft()
        elif model == "account.payment":
            records.filtered(lambda p: p.state != "draft").action_draft()
        elif model == "repair.order":
            records.dealer_move_ids.unlink()
            env.cr.execute("UPDATE repair_order SET state = 'cancel' WHERE id IN %s", [ids])
            records.invalidate_recordset(["state"])
        elif model == "dealer.insurance.remittance":
            env.cr.execute("UPDATE dealer_insurance_remittance SET state = 'draft' WHERE id IN %s", [ids])
            records.invalidate_recordset(["state"])
        elif model == "dealer.insurance.claim":
            records.settlement_ids.unlink()
            records.write({"invoice_id": False})
        elif model == "res.partner":
            env["account.payment.register"].search([("partner_id", "in", records.ids)]).unlink()
        elif model == "hr.employee":
            contacts = records.work_contact_id
            records.unlink()
            records = contacts
        records.unlink()

    def _assert_refused(self, env, action, message):
        """``action`` fails in ``env`` with a UserError matching ``message``, and the session stays usable."""
        with self.assertRaisesRegex(UserError, message), env.cr.savepoint():
            action()
        env.cr.execute("SELECT 1")

    # Fixtures -------------------------------------------------------------------

    def _done_order(self, env, pay_type="customer"):
        repair = env["repair.order"].create(
            {
                "vehicle_id": self.vehicle_id,
                "mileage_in": 12000,
                "labor_line_ids": [
                    Command.create({"name": f"{self.tag} 换机油", "hours": 1, "pay_type": pay_type, "rate": 150})
                ],
            }
        )
        self._track(repair)
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        return repair

    def _moves(self, env, repair_id):
        return env["repair.order"].browse(repair_id).dealer_move_ids

    # Tests ----------------------------------------------------------------------

    def test_invoicing_the_same_order_twice_at_once(self):
        with self._session(commit=True) as env:
            repair_id = self._done_order(env).id
        # Each session's snapshot is taken when it opens, so env_late started before B commits.
        with self._session() as env_b, self._session() as env_c, self._session() as env_late:
            self.assertTrue(env_b["repair.order"].browse(repair_id).action_dealer_invoice())
            # B holds the order: C is told so at once, nothing is written.
            self._assert_refused(
                env_c,
                env_c["repair.order"].browse(repair_id).action_dealer_invoice,
                r"is being invoiced by someone else; try again in a moment",
            )
            self.assertFalse(self._moves(env_c, repair_id))
            moves = self._moves(env_b, repair_id)
            self._track(moves)
            env_b.cr.commit()
            # A session that started before B committed cannot see B's invoice: still refused.
            self._assert_refused(
                env_late,
                env_late["repair.order"].browse(repair_id).action_dealer_invoice,
                r"is being invoiced by someone else",
            )
        with self._session() as env:
            # Trying again after B committed: the usual refusal.
            self._assert_refused(
                env, env["repair.order"].browse(repair_id).action_dealer_invoice, r"is already invoiced"
            )
            self.assertEqual(self._moves(env, repair_id), moves.with_env(env))
            self.assertEqual(len(moves), 1, "one customer invoice, once")

    def test_clocking_the_same_job_twice_at_once(self):
        with self._session(commit=True) as env:
            Employee = env["hr.employee"]
            tech_a = Employee.create({"name": f"{self.tag} 技师甲", "dealer_is_technician": True})
            tech_b = Employee.create({"name": f"{self.tag} 技师乙", "dealer_is_technician": True})
            self._track(tech_a, tech_b)
            repair = env["repair.order"].create(
                {
                    "vehicle_id": self.vehicle_id,
                    "mileage_in": 12000,
                    "labor_line_ids": [
                        Command.create({"name": f"{self.tag} 刹车", "hours": 1, "pay_type": "customer"}),
                        Command.create({"name": f"{self.tag} 轮胎", "hours": 1, "pay_type": "customer"}),
                    ],
                }
            )
            self._track(repair)
            repair.action_validate()
            job_id, other_job_id = repair.labor_line_ids.ids
            tech_a_id, tech_b_id = tech_a.id, tech_b.id
        Job = "dealer.repair.labor"
        with self._session() as env_b, self._session() as env_c:
            env_b[Job].browse(job_id).action_start(env_b["hr.employee"].browse(tech_a_id))
            # Another technician on the same job, and the same technician again: both refused.
            for tech_id in (tech_b_id, tech_a_id):
                self._assert_refused(
                    env_c,
                    lambda tech_id=tech_id: (
                        env_c[Job].browse(job_id).action_start(env_c["hr.employee"].browse(tech_id))
                    ),
                    r"is being clocked by someone else; try again in a moment",
                )
            # The same technician starting another job at once: refused too.
            self._assert_refused(
                env_c,
                lambda: env_c[Job].browse(other_job_id).action_start(env_c["hr.employee"].browse(tech_a_id)),
                r"is clocking in elsewhere; try again in a moment",
            )
            env_b.cr.commit()
        with self._session() as env:
            self._assert_refused(
                env,
                lambda: env[Job].browse(job_id).action_start(env["hr.employee"].browse(tech_b_id)),
                r"is already In Progress",
            )
            self._assert_refused(
                env,
                lambda: env[Job].browse(other_job_id).action_start(env["hr.employee"].browse(tech_a_id)),
                r"is already working on",
            )
            clocks = env["dealer.repair.labor.clock"].search([("labor_id", "in", [job_id, other_job_id])])
            self.assertEqual(len(clocks), 1, "one clock, for the first technician")
            self.assertEqual((clocks.labor_id.id, clocks.technician_id.id, clocks.stop), (job_id, tech_a_id, False))
            self.assertEqual(env[Job].browse(job_id).state, "running")

    def _invoiced_claim(self, env):
        """A claim approved for 1 000, its order of 5 h x 180 invoiced to the insurer and posted;
        returns the claim and the store's bank journal."""
        insurer = env["res.partner"].create({"name": f"{self.tag} 人保财险", "dealer_is_insurer": True})
        self._track(insurer)
        claim = env["dealer.insurance.claim"].create(
            {
                "insurer_id": insurer.id,
                "vehicle_id": self.vehicle_id,
                "report_number": f"{self.tag}-001",
                "line_ids": [Command.create({"kind": "labor", "name": "钣金", "amount": 1000})],
            }
        )
        self._track(claim)
        claim.action_assess()
        claim.action_approve(1000, 0)
        claim.action_start_repair()
        repair = claim.repair_id
        self._track(repair)
        repair.write(
            {"labor_line_ids": [Command.create({"name": "钣金", "hours": 5, "pay_type": "insurance", "rate": 180})]}
        )
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        repair.action_dealer_invoice()
        repair.dealer_move_ids.action_post()
        self._track(repair.dealer_move_ids)
        self.assertEqual(claim.state, "invoiced")
        journal = env["account.journal"].search(
            [*env["account.journal"]._check_company_domain(claim.company_id), ("type", "=", "bank")], limit=1
        )
        return claim, journal

    def test_settling_the_same_claim_twice_at_once(self):
        with self._session(commit=True) as env:
            claim, journal = self._invoiced_claim(env)
            claim_id, amount, journal_id = claim.id, claim.invoice_id.amount_residual, journal.id
        today = fields.Date.today()
        with self._session() as env_b, self._session() as env_c:
            Claim = "dealer.insurance.claim"
            settlement = (
                env_b[Claim].browse(claim_id)._settle(amount, env_b["account.journal"].browse(journal_id), today)
            )
            self._track(settlement.payment_id, settlement)
            self._assert_refused(
                env_c,
                lambda: (
                    env_c[Claim].browse(claim_id)._settle(amount, env_c["account.journal"].browse(journal_id), today)
                ),
                r"is being settled by someone else; try again in a moment",
            )
            env_b.cr.commit()
        with self._session() as env:
            claim = env[Claim].browse(claim_id)
            self._assert_refused(
                env,
                lambda: claim._settle(amount, env["account.journal"].browse(journal_id), today),
                r"is Settled: there is nothing to settle",
            )
            self.assertEqual(claim.state, "settled")
            self.assertEqual(len(claim.settlement_ids), 1)
            payments = env["account.payment"].search([("partner_id", "=", claim.insurer_id.id)])
            self.assertEqual(len(payments), 1, "the insurer's payment is registered once")
            self.assertEqual(claim.invoice_id.payment_state, "paid")

    def test_applying_the_same_remittance_twice(self):
        """At once, and again later after writing it back to draft: the claim is paid once."""
        with self._session(commit=True) as env:
            claim, journal = self._invoiced_claim(env)
            remittance = env["dealer.insurance.remittance"].create(
                {
                    "name": f"{self.tag} 赔款到账",
                    "insurer_id": claim.insurer_id.id,
                    "journal_id": journal.id,
                    "line_ids": [Command.create({"reference": claim.report_number, "amount": claim.amount_open})],
                }
            )
            self._track(remittance)
            claim_id, remittance_id = claim.id, remittance.id
        Remittance = "dealer.insurance.remittance"
        with self._session() as env_b, self._session() as env_c:
            self.assertTrue(env_b[Remittance].browse(remittance_id).action_apply())
            self._assert_refused(
                env_c,
                env_c[Remittance].browse(remittance_id).action_apply,
                r"is being applied by someone else; try again in a moment",
            )
            settlements = env_b["dealer.insurance.claim"].browse(claim_id).settlement_ids
            self._track(settlements.payment_id, settlements)
            env_b.cr.commit()
        with self._session() as env:
            remittance = env[Remittance].browse(remittance_id)
            # Back to draft by hand, then applied again: both refused.
            self._assert_refused(env, lambda: remittance.write({"state": "draft"}), r"changes only through its actions")
            self._assert_refused(env, remittance.action_apply, r"is already applied")
            claim = env["dealer.insurance.claim"].browse(claim_id)
            self.assertEqual((remittance.state, claim.state), ("done", "settled"))
            self.assertEqual(len(claim.settlement_ids), 1, "the remittance pays the claim once")
            payments = env["account.payment"].search([("partner_id", "=", claim.insurer_id.id)])
            self.assertEqual(len(payments), 1)

    def test_invoicing_again_after_clearing_the_invoices(self):
        """Another session clears the order's invoices (from either side of the link) while the
        first invoices it, or after: refused, and the order is invoiced once."""
        with self._session(commit=True) as env:
            repair_id = self._done_order(env).id
        with self._session() as env_b, self._session() as env_c:
            env_b["repair.order"].browse(repair_id).action_dealer_invoice()
            self._assert_refused(
                env_c,
                lambda: env_c["repair.order"].browse(repair_id).write({"dealer_move_ids": [Command.clear()]}),
                r"changes only through its actions",
            )
            moves = self._moves(env_b, repair_id)
            self._track(moves)
            env_b.cr.commit()
        with self._session() as env:
            repair = env["repair.order"].browse(repair_id)
            moves = moves.with_env(env)
            self._assert_refused(
                env, lambda: repair.write({"dealer_move_ids": [Command.clear()]}), r"changes only through its actions"
            )
            self._assert_refused(
                env,
                lambda: moves.write({"dealer_repair_ids": [Command.clear()]}),
                r"is set by after-sales invoicing, not written directly",
            )
            self._assert_refused(env, repair.action_dealer_invoice, r"is already invoiced")
            self.assertEqual(self._moves(env, repair_id), moves)
            self.assertEqual(len(moves), 1, "one customer invoice, once")

    def test_booking_the_last_free_slot_twice_at_once(self):
        with self._session(commit=True) as env:
            company = env.company
            bay = env["dealer.bay"].create(
                {"name": f"{self.tag} 机修", "bay_type": "general", "company_id": company.id}
            )
            tech = env["hr.employee"].create(
                {"name": f"{self.tag} 技师丙", "dealer_is_technician": True, "company_id": company.id}
            )
            self._track(bay, tech)
            values = {"vehicle_id": self.vehicle_id, "service_type": "repair", "company_id": company.id}
            probe = env["dealer.appointment"].new({**values, "start": fields.Datetime.now(), "duration": 1.0})
            start = probe._next_free_slots(count=1, days=14)[0]
            values.update(start=start, duration=1.0)
            # Fill the slot whatever the store already has, then free one place.
            booked = env["dealer.appointment"]
            while True:
                try:
                    with env.cr.savepoint():
                        booked |= env["dealer.appointment"].create(values)
                except UserError:
                    break
            self._track(booked)
            booked[-1].action_cancel()
        Appointment = "dealer.appointment"
        with self._session() as env_b, self._session() as env_c:
            last = env_b[Appointment].create(values)
            self._track(last)
            self._assert_refused(
                env_c,
                lambda: env_c[Appointment].create(values),
                r"Another booking is being made at .*; try again in a moment",
            )
            env_b.cr.commit()
        with self._session() as env:
            self._assert_refused(env, lambda: env[Appointment].create(values), r"is full")
            active = env[Appointment].search(
                [("id", "in", [*booked.ids, last.id]), ("state", "in", ("booked", "confirmed", "arrived"))]
            )
            self.assertEqual(len(active), len(booked), "the freed place is taken once")
            self.assertEqual(
                env[Appointment].search_count([("vehicle_id", "=", self.vehicle_id), ("start", "=", start)]),
                len(booked) + 1,
                "no extra appointment was written",
            )
