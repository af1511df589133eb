"""The after-sales addon as an outside client meets it: every role of the access matrix (and a
portal customer and an internal user without an after-sales role) calls, over real JSON-RPC
against the test server, every public method the addon adds, writes every field that only
actions may write, sends context keys that might switch a check off, and sends bad values.

Nothing may leak (a forbidden call or write that succeeds), nothing may answer with a traceback
(an error that is not one of Odoo's user errors), and a refused write changes nothing. The
counts of attempts and of attempts that held are logged; see ``outside_client.py``.
"""

import datetime

import pytz

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_aftersales.models.dealer_guarded_mixin import DealerGuardedMixin

from .access import role_users
from .common import DealerClaimCase
from .outside_client import OutsideClientMixin, introduced_public_methods

# What a hostile client adds to every call: keys that switched checks off, or might.
HOSTILE_CONTEXT = {
    "dealer_slot_checked": True,
    "dealer_server_side": True,
    "dealer_action_write": True,
    "dealer_without_jit": True,
    "tracking_disable": True,
    "force_delete": True,
}


@tagged("post_install", "-at_install")
class TestOutsideClient(OutsideClientMixin, DealerClaimCase, HttpCase):
    module = "dealer_aftersales"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = role_users(cls.env, cls.company, prefix="rpc")
        cls.fault = cls.env["dealer.fault.code"].create(
            {"code": "B1098", "name": "刹车异响（外部调用测试）", "operation_ids": [Command.set(cls.brake_job.ids)]}
        )

    # ------------------------------------------------------------------ fixtures

    def _slot(self, days, hour):
        """A start ``days`` ahead at ``hour`` o'clock in the store's time zone, on a weekday (UTC)."""
        tz = pytz.timezone(self.company.resource_calendar_id.tz or "UTC")
        day = fields.Date.today() + datetime.timedelta(days=days)
        while day.weekday() >= 5:
            day += datetime.timedelta(days=1)
        local = tz.localize(datetime.datetime.combine(day, datetime.time(hour)))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    def _fixtures(self):
        """One record of each kind, in the states an attacker would like to change."""
        f = {}
        today = fields.Date.today()
        # An insurance claim invoiced and partly paid, and its repair order invoiced (posted).
        claim = self._invoiced_claim("PICC-RPC-001")
        claim.with_user(self.accountant)._settle(1000, self.bank, today)
        f["claim"], f["repair"] = claim, claim.repair_id
        f["settlement"] = claim.settlement_ids
        f["claim_line"] = claim.line_ids[:1]
        f["invoice"] = claim.invoice_id
        # A remittance applied to a second claim.
        paid, remittance = self._applied_remittance("PICC-RPC-002", "人保 赔款到账（外部调用测试）")
        f["remittance"], f["remittance_line"], f["paid_claim"] = remittance, remittance.line_ids, paid
        # A warranty claim approved, its invoice posted.
        f["warranty_claim"] = self._approved_warranty_claim(self.fault)
        # A confirmed order with a labor line, and a price exception on it.
        confirmed = self._order(labor=[(self.oil_change, None, "customer")], parts=[(self.oil_filter, 1, "customer")])
        confirmed.action_validate()
        f["confirmed"], f["labor"], f["part"] = confirmed, confirmed.labor_line_ids, confirmed.move_ids
        confirmed.labor_line_ids.with_user(self.manager).write({"discount": 15})
        f["exception"] = self.env["dealer.price.exception"].search([("repair_id", "=", confirmed.id)])
        # Appointments: one booked, one arrived.
        Appointment = self.env["dealer.appointment"].with_context(tz=self.company.resource_calendar_id.tz)
        f["booking"] = Appointment.create({"vehicle_id": self.vehicle.id, "start": self._slot(40, 10), "duration": 1.0})
        arrived = Appointment.create({"vehicle_id": self.vehicle.id, "start": self._slot(41, 10), "duration": 1.0})
        arrived.action_arrive()
        f["arrived"] = arrived
        f["vehicle"] = self.vehicle
        f["reading"] = self.vehicle.odometer_ids[:1]
        f["policy"] = self.env["dealer.insurance.policy"].create(
            {
                "name": "PDAA2026440100000999",
                "insurer_id": self.insurer.id,
                "partner_id": self.owner.id,
                "vehicle_id": self.vehicle.id,
                "date_start": today,
                "date_end": today + datetime.timedelta(days=364),
                "premium": 4800,
            }
        )
        f["pay_type"] = self.configs["customer"]
        f["operation"] = self.oil_change
        f["operation_part"] = self.env["dealer.labor.operation.part"].create(
            {"operation_id": self.oil_change.id, "product_id": self.oil_filter.id, "quantity": 1}
        )
        return {key: records.with_env(self.env) for key, records in f.items()}

    # ------------------------------------------------------------------ public methods

    def _calls(self, f):
        """``(model, method, ids or None for a model method, args)`` for every public
        method the addon adds, with arguments its own role would send."""
        today = fields.Date.to_string(fields.Date.today())
        month_start = fields.Date.to_string(fields.Date.today().replace(day=1))
        period = (month_start, today)
        Analysis = "dealer.inventory.analysis"
        calls = [
            (Analysis, "stagnant_rates", None, (today,)),
            (Analysis, "turnover", None, period),
            (Analysis, "fill_rate", None, period),
            (Analysis, "compute_abc", None, ()),
            (Analysis, "reorder_figures", None, ()),
            (Analysis, "vehicle_stock", None, (today,)),
            (Analysis, "vehicle_turnover", None, period),
            ("dealer.receivable.analysis", "aging", None, (today,)),
            ("dealer.reconciliation.analysis", "reconcile", None, (today,)),
            ("dealer.insurance.policy", "renewal_rate", None, period),
            ("dealer.insurance.policy", "insurer_referrals", None, period),
            ("dealer.insurance.policy", "renewal_placement", None, (month_start,)),
            ("dealer.parts.reorder.report", "action_apply", [], ()),
            ("dealer.price.exception", "action_review", f["exception"].ids, ()),
            ("dealer.vehicle", "action_view_odometer", f["vehicle"].ids, ()),
            ("dealer.vehicle", "action_view_repairs", f["vehicle"].ids, ()),
            ("dealer.vehicle", "action_view_appointments", f["vehicle"].ids, ()),
            ("dealer.vehicle", "action_view_claims", f["vehicle"].ids, ()),
            ("dealer.vehicle", "action_view_invoices", f["vehicle"].ids, ()),
            ("dealer.appointment", "action_view_repair", f["arrived"].ids, ()),
            ("dealer.appointment", "action_confirm", f["booking"].ids, ()),
            ("dealer.appointment", "action_no_show", f["arrived"].ids, ()),
            ("dealer.appointment", "action_cancel", f["arrived"].ids, ()),
            ("dealer.appointment", "action_arrive", f["arrived"].ids, ()),
            ("dealer.repair.labor", "action_start", f["labor"].ids, ()),
            ("dealer.repair.labor", "action_pause", f["labor"].ids, ()),
            ("dealer.repair.labor", "action_finish", f["labor"].ids, ()),
            ("repair.order", "action_multipoint_inspection", f["repair"].ids, ()),
            ("repair.order", "action_qc_fail", f["confirmed"].ids, ()),
            ("repair.order", "action_qc_pass", f["confirmed"].ids, ()),
            ("repair.order", "action_dealer_deliver", f["confirmed"].ids, ()),
            ("repair.order", "action_dealer_invoice", f["repair"].ids, ()),
            ("repair.order", "action_dealer_warranty_claim", f["warranty_claim"].repair_id.ids, ()),
            ("repair.order", "action_view_dealer_claims", f["repair"].ids, ()),
            ("repair.order", "action_view_dealer_moves", f["repair"].ids, ()),
            ("repair.order", "action_dealer_cashier", f["repair"].ids, ()),
            ("repair.order", "action_dealer_collect", f["repair"].ids, ([{"method": "cash", "amount": 1}],)),
            ("repair.order", "action_dealer_post_moves", f["repair"].ids, ()),
            ("dealer.insurance.claim", "action_view_repair", f["claim"].ids, ()),
            ("dealer.insurance.claim", "action_view_invoices", f["claim"].ids, ()),
            ("dealer.insurance.claim", "action_assess", f["claim"].ids, ()),
            ("dealer.insurance.claim", "action_approve", f["claim"].ids, (25700, 0)),
            ("dealer.insurance.claim", "action_reject", f["claim"].ids, ()),
            ("dealer.insurance.claim", "action_start_repair", f["claim"].ids, ()),
            ("dealer.insurance.claim", "action_settle", f["claim"].ids, ()),
            ("dealer.insurance.claim", "action_close", f["claim"].ids, ()),
            ("dealer.insurance.remittance", "action_load_file", f["remittance"].ids, ()),
            ("dealer.insurance.remittance", "action_apply", f["remittance"].ids, ()),
            ("dealer.warranty.claim", "action_submit", f["warranty_claim"].ids, ()),
            ("dealer.warranty.claim", "action_approve", f["warranty_claim"].ids, ()),
            ("dealer.warranty.claim", "action_register_payment", f["warranty_claim"].ids, ()),
            ("dealer.warranty.claim", "action_reject", f["warranty_claim"].ids, ()),
            ("dealer.warranty.claim", "action_charge_back", f["warranty_claim"].ids, ()),
            ("dealer.warranty.claim", "action_rebill_internal", f["warranty_claim"].ids, ()),
            ("dealer.warranty.claim", "action_rebill_customer", f["warranty_claim"].ids, ()),
        ]
        # The store's setup (administrators only) and a time zone that is none (refused).
        calls.append(("res.company", "action_dealer_setup_store", self.company.ids, ()))
        calls.append(("res.company", "action_dealer_change_tz", self.company.ids, ("Mars/Olympus", "测试")))
        # A manager's logged correction, on every model with the write guard.
        samples = self._samples(f)
        for model, record in samples.items():
            calls.append((model, "action_dealer_correct", record.ids, ({}, "测试")))
        return calls

    def _samples(self, f):
        """A record of every model of ours with the write guard (abstract models aside)."""
        samples = {
            "dealer.insurance.claim": f["claim"],
            "dealer.insurance.claim.line": f["claim_line"],
            "dealer.insurance.settlement": f["settlement"],
            "dealer.insurance.remittance": f["remittance"],
            "dealer.insurance.remittance.line": f["remittance_line"],
            "dealer.warranty.claim": f["warranty_claim"],
            "repair.order": f["repair"],
            "dealer.repair.labor": f["labor"],
            "stock.move": f["part"],
            "dealer.appointment": f["arrived"],
            "dealer.vehicle": f["vehicle"],
            "dealer.vehicle.odometer": f["reading"],
            "dealer.insurance.policy": f["policy"],
            "dealer.pay.type.config": f["pay_type"],
            "dealer.labor.operation": f["operation"],
            "dealer.labor.operation.part": f["operation_part"],
            "fleet.vehicle.model.brand": self.brand,  # bounded intervals: test_vehicle_service_interval
            "dealer.service.history": self.env["dealer.service.history"].search(
                [("company_id", "=", self.company.id)], limit=1
            ),
        }
        # Other addons' models (dealer_golive's...) are their own outside-client tests'.
        guarded = set()
        for name in self.env.registry:
            Model = self.env[name]
            module = Model._original_module or ""
            if Model._abstract or not isinstance(Model, DealerGuardedMixin):
                continue
            if module == "dealer_aftersales" or not module.startswith("dealer_"):
                guarded.add(name)
        self.assertTrue(samples["dealer.service.history"], "the demo store has earlier visits")
        self.assertEqual(set(samples), guarded, "every model with the write guard needs a sample here")
        return samples

    def _wizard_calls(self, f):
        """Wizards are their creator's: each role that may open one creates its own."""
        today = fields.Date.today()
        return [
            (
                "dealer.inventory.report.wizard",
                {"date_from": today.replace(day=1), "date_to": today, "company_ids": [Command.set(self.company.ids)]},
                (
                    "action_open_aging",
                    "action_open_stagnant",
                    "action_open_turnover",
                    "action_open_vehicles",
                    "action_export_xlsx",
                ),
            ),
            (
                "dealer.insurance.settle.wizard",
                {"claim_id": f["claim"].id, "amount": 1, "journal_id": self.bank.id},
                ("action_confirm",),
            ),
            (
                # One yuan of what the customer owes, without on account: refused to the cashier too.
                "dealer.cashier.wizard",
                {"repair_id": f["repair"].id, "line_ids": [Command.create({"method": "cash", "amount": 1})]},
                ("action_confirm",),
            ),
            (
                "dealer.reception.wizard",
                {"vehicle_id": self.vehicle.id, "mileage_in": 1_500_000, "company_id": self.company.id},
                ("action_open_repair",),
            ),
            (
                "dealer.renewal.placement.wizard",
                {"month": today.replace(day=1), "company_id": self.company.id},
                ("action_compute", "action_apply"),
            ),
            (
                # The time zone the store counts in already: no change of what it counts.
                "dealer.store.tz.wizard",
                {"company_id": self.company.id, "tz": self.company._dealer_tz(), "reason": "测试"},
                ("action_confirm",),
            ),
        ]

    def test_every_public_method_declares_its_roles(self):
        methods = introduced_public_methods(self.env, self.module)
        undeclared = sorted(f"{model}.{name}" for (model, name), method in methods.items() if not has_roles(method))
        self.assertFalse(undeclared, "public methods without @requires_role")

    def test_public_methods_as_every_role(self):
        f = self._fixtures()
        calls = self._calls(f)
        wizards = self._wizard_calls(f)
        covered = {(model, method) for model, method, *__ in calls}
        covered |= {(model, name) for model, __, names in wizards for name in names}
        methods = introduced_public_methods(self.env, self.module)
        missing = sorted(f"{model}.{name}" for model, name in set(methods) - covered if not model.endswith(".mixin"))
        self.assertFalse(missing, "public methods this test does not call")
        self.attempt_calls(self.users, calls, context=HOSTILE_CONTEXT)
        self.attempt_wizards(self.users, wizards)
        self.assert_all_held("public methods")

    # ------------------------------------------------------------------ protected fields

    def _value_for(self, record, name):
        """A value a client would write to change ``name`` (its type's)."""
        field = record._fields[name]
        current = record[name]
        if field.type == "selection":
            choices = [value for value, __ in field._description_selection(self.env) if value != current]
            return choices[0]
        if field.type == "many2one":
            other = self.env[field.comodel_name].search([("id", "!=", current.id)], limit=1)
            return other.id or False
        if field.type in ("one2many", "many2many"):
            return [Command.clear()]
        if field.type == "boolean":
            return not current
        if field.type == "date":
            return "2026-01-01"
        if field.type == "datetime":
            return "2026-01-01 08:00:00"
        if field.type in ("float", "monetary", "integer"):
            return (current or 0) + 1000
        return "改"

    def _assert_unchanged(self, records, before, what):
        after = self._snapshot(records)
        changed = {
            key: (before.get(key), after.get(key))
            for key in before.keys() | after.keys()
            if before.get(key) != after.get(key)
        }
        self.assertFalse(changed, what)

    def _snapshot(self, records):
        # What the fixtures left pending (tracking messages) is written now, not by the first call.
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()
        return {
            (record._name, record.id, name): str(record.sudo()[name])
            for record in records
            for name in record._fields
            if record._fields[name].store and name not in ("write_date", "write_uid", "__last_update")
        }

    def test_protected_fields_over_rpc(self):
        f = self._fixtures()
        samples = self._samples(f)
        locked = [f["invoice"], *samples.values()]
        before = self._snapshot(locked)
        for model, record in samples.items():
            names = list(type(record)._dealer_guarded_fields)
            # Lines and settlements follow their claim or remittance: any change of theirs.
            if not names:
                names = [name for name in ("amount", "amount_paid", "hours", "value", "premium") if name in record]
            if model in (
                "dealer.vehicle",
                "dealer.vehicle.odometer",
                "dealer.insurance.policy",
                "dealer.service.history",
            ):
                continue  # no guarded field: their values are bounded (test_bad_values_over_rpc)
            if model in (
                "dealer.pay.type.config",
                "dealer.labor.operation",
                "dealer.labor.operation.part",
                "stock.move",
                "fleet.vehicle.model.brand",
            ):
                continue
            for name in names:
                value = self._value_for(record, name)
                for role, user in self.users.items():
                    self.attempt(
                        "refused",
                        f"{role} writes {name}",
                        user,
                        model,
                        "write",
                        record.ids,
                        {name: value},
                        context=HOSTILE_CONTEXT,
                    )
        # Journal entries keep their link to the orders and their pay type.
        for name, value in (("dealer_repair_ids", [Command.clear()]), ("dealer_pay_type", "internal")):
            for role in ("Accountant", "Manager"):
                self.attempt(
                    "refused",
                    f"{role} writes {name}",
                    self.users[role],
                    "account.move",
                    "write",
                    f["invoice"].ids,
                    {name: value},
                    context=HOSTILE_CONTEXT,
                )
        self._assert_unchanged(locked, before, "a refused write changed something")
        self.assert_all_held("protected fields")

    def test_money_attacks_of_the_report(self):
        """The attempts that got through before: each is refused, and the money stays once."""
        f = self._fixtures()
        advisor, accountant, manager = (self.users[role] for role in ("Service Advisor", "Accountant", "Manager"))
        claim, remittance, repair = f["claim"], f["remittance"], f["repair"]
        # A claim settled without payment, or approved at ten times the assessment.
        self.attempt("refused", "settle by hand", advisor, claim._name, "write", claim.ids, {"state": "settled"})
        self.attempt("refused", "approve 10x", advisor, claim._name, "write", claim.ids, {"approved_amount": 25700})
        assessed = self._claim("PICC-RPC-010")
        assessed.action_assess()
        self.attempt(
            "refused",
            "approve 10x while assessed",
            advisor,
            claim._name,
            "write",
            assessed.ids,
            {"approved_amount": assessed.assessed_amount * 10},
        )
        self.attempt(
            "answered", "approve 10x by the action", advisor, claim._name, "action_approve", assessed.ids, 25700, 0
        )
        # A remittance written back to draft and applied again.
        settlements = len(f["paid_claim"].settlement_ids)
        payments = self.env["account.payment"].search_count([])
        self.attempt(
            "refused", "remittance to draft", accountant, remittance._name, "write", remittance.ids, {"state": "draft"}
        )
        self.attempt("refused", "re-apply", accountant, remittance._name, "action_apply", remittance.ids)
        # An order's invoices cleared and invoiced again, from either side of the link.
        moves = repair.dealer_move_ids
        for user in (accountant, manager):
            self.attempt(
                "refused",
                "clear invoices",
                user,
                repair._name,
                "write",
                repair.ids,
                {"dealer_move_ids": [Command.clear()]},
            )
            self.attempt(
                "refused",
                "clear orders",
                user,
                "account.move",
                "write",
                moves.ids,
                {"dealer_repair_ids": [Command.clear()]},
            )
            self.attempt("refused", "re-invoice", user, repair._name, "action_dealer_invoice", repair.ids)
        # A technician and a bay already taken, with the old bypass key.
        booking = f["booking"]
        other = self.env["dealer.appointment"].create(
            {"vehicle_id": self.vehicle.id, "start": booking.start, "duration": 1.0}
        )
        self.attempt(
            "refused",
            "double booking",
            advisor,
            other._name,
            "write",
            other.ids,
            {"technician_id": booking.technician_id.id, "bay_id": booking.bay_id.id},
            context={"dealer_slot_checked": True},
        )
        self.env.invalidate_all()
        self.assertEqual(claim.state, "partly_settled")
        self.assertEqual((assessed.state, assessed.approved_amount), ("assessed", 0))
        self.assertEqual(remittance.state, "done")
        self.assertEqual(len(f["paid_claim"].settlement_ids), settlements, "the remittance pays the claim once")
        self.assertEqual(self.env["account.payment"].search_count([]), payments)
        self.assertEqual(repair.dealer_move_ids, moves, "the order keeps its invoices")
        self.assertEqual(moves.dealer_repair_ids, repair)
        self.assertNotEqual(other.technician_id, booking.technician_id)
        self.assert_all_held("money attacks")

    def test_manager_correction_is_logged(self):
        f = self._fixtures()
        claim, manager = f["claim"], self.users["Manager"]
        self.attempt(
            "denied",
            "advisor corrects",
            self.users["Service Advisor"],
            claim._name,
            "action_dealer_correct",
            claim.ids,
            {"state": "closed"},
            "保险公司已结案",
        )
        self.attempt(
            "refused", "no reason", manager, claim._name, "action_dealer_correct", claim.ids, {"state": "closed"}, " "
        )
        self.attempt(
            "refused",
            "not a guarded field",
            manager,
            claim._name,
            "action_dealer_correct",
            claim.ids,
            {"policy_number": "X"},
            "改保单号",
        )
        self.attempt(
            "ok",
            "correction",
            manager,
            claim._name,
            "action_dealer_correct",
            claim.ids,
            {"state": "closed"},
            "保险公司已结案，余额另行处理",
        )
        self.env.invalidate_all()
        self.assertEqual(claim.state, "closed")
        message = claim.message_ids.filtered(lambda m: "保险公司已结案，余额另行处理" in (m.body or ""))
        self.assertEqual(message.author_id, manager.partner_id)
        self.assertIn("Partly Settled → Closed", message.body)
        self.assertIn("保险公司已结案，余额另行处理", message.body)
        self.assert_all_held("corrections")

    # ------------------------------------------------------------------ bad values

    def test_bad_values_over_rpc(self):
        f = self._fixtures()
        advisor, accountant, parts = (self.users[role] for role in ("Service Advisor", "Accountant", "Parts"))
        vehicle, repair, labor, part = f["vehicle"], f["confirmed"], f["labor"], f["part"]
        watched = [vehicle, repair, labor, part, f["booking"]]
        before = self._snapshot(watched)
        counts = {
            model: self.env[model].search_count([])
            for model in ("dealer.appointment", "dealer.insurance.claim", "dealer.vehicle.odometer", "repair.order")
        }
        huge = 3_000_000_000
        cases = [
            ("odometer overflow", advisor, "dealer.vehicle", "write", vehicle.ids, {"odometer": huge}),
            ("mileage overflow", advisor, "repair.order", "write", repair.ids, {"mileage_in": huge}),
            ("mileage as text", advisor, "repair.order", "write", repair.ids, {"mileage_in": "十二万"}),
            (
                "reading of 1800",
                advisor,
                "dealer.vehicle.odometer",
                "create",
                {"vehicle_id": vehicle.id, "value": 100, "date": "1800-01-01"},
            ),
            (
                "appointment in 9999",
                advisor,
                "dealer.appointment",
                "create",
                {"vehicle_id": vehicle.id, "start": "9999-12-31 02:00:00", "duration": 1},
            ),
            (
                "appointment of 1e8 hours",
                advisor,
                "dealer.appointment",
                "create",
                {"vehicle_id": vehicle.id, "start": fields.Datetime.to_string(self._slot(45, 10)), "duration": 1e8},
            ),
            (
                "report number of 100 kB",
                advisor,
                "dealer.insurance.claim",
                "create",
                {"insurer_id": self.insurer.id, "vehicle_id": vehicle.id, "report_number": "X" * 100_000},
            ),
            ("labor hours 1e9", advisor, "dealer.repair.labor", "write", labor.ids, {"hours": 1e9}),
            ("labor rate 1e16", advisor, "dealer.repair.labor", "write", labor.ids, {"rate": 1e16}),
            ("part price -100", advisor, "stock.move", "write", part.ids, {"dealer_price_unit": -100}),
            ("part price 1e18", advisor, "stock.move", "write", part.ids, {"dealer_price_unit": 1e18}),
            (
                "promised before check-in",
                advisor,
                "repair.order",
                "write",
                repair.ids,
                {
                    "promised_completion_time": fields.Datetime.to_string(
                        repair.checkin_time - datetime.timedelta(days=1)
                    )
                },
            ),
            ("aging of garbage", accountant, "dealer.receivable.analysis", "aging", "garbage"),
            ("turnover of 2026-13-45", parts, "dealer.inventory.analysis", "turnover", "2026-13-45", "2026-12-31"),
            ("turnover of 0000-00-00", parts, "dealer.inventory.analysis", "turnover", "0000-00-00", "2026-12-31"),
            ("turnover of ten millennia", parts, "dealer.inventory.analysis", "turnover", "0001-01-01", "9999-12-31"),
            (
                "turnover of stores abc",
                parts,
                "dealer.inventory.analysis",
                "turnover",
                "2026-01-01",
                "2026-01-31",
                "abc",
            ),
            ("stagnant of a list", parts, "dealer.inventory.analysis", "stagnant_rates", [["2026-01-01"]]),
            ("placement of garbage", advisor, "dealer.insurance.policy", "renewal_placement", "2026-01-01", None, "x"),
        ]
        for label, user, model, method, *args in cases:
            self.attempt("refused", label, user, model, method, *args)
        # The receivables list with a date it cannot read in its context.
        self.attempt(
            "refused",
            "aging list of garbage",
            accountant,
            "dealer.receivable.aging.report",
            "web_search_read",
            [],
            {"residual": {}},
            context={"dealer_date": "garbage"},
        )
        for label, context in (
            ("stock aging of garbage", {"dealer_date": "garbage"}),
            ("stock aging of 0001", {"dealer_date": "0001-01-01"}),
            ("stock aging of stores abc", {"dealer_company_ids": "abc"}),
            ("stock turnover of a list", {"dealer_date_from": [1], "dealer_date_to": "2026-12-31"}),
        ):
            model, spec = (
                ("dealer.parts.turnover.report", {"turnover_rate": {}})
                if "turnover" in label
                else ("dealer.parts.aging.report", {"quantity": {}})
            )
            self.attempt("refused", label, parts, model, "web_search_read", [], spec, context=context)
        self._assert_unchanged(watched, before, "a refused value changed something")
        for model, count in counts.items():
            self.assertEqual(self.env[model].search_count([]), count, f"a refused value created a {model}")
        self.assert_all_held("bad values")

    def test_refusals_are_in_the_users_language(self):
        technician = self.users["Technician"]
        technician.lang = "zh_CN"
        outcome = self.client(technician).call(
            "dealer.receivable.analysis", "aging", fields.Date.to_string(fields.Date.today())
        )
        self.assertEqual(outcome.error, "odoo.exceptions.AccessError")
        self.assertIn("售后会计", outcome.message)
        advisor = self.users["Service Advisor"]
        advisor.lang = "zh_CN"
        outcome = self.client(advisor).call("dealer.vehicle", "write", self.vehicle.ids, {"odometer": 3_000_000_000})
        self.assertEqual(outcome.error, "odoo.exceptions.ValidationError")
        self.assertIn("不能大于 2000000", outcome.message)


def has_roles(method):
    return bool(getattr(method, "_dealer_roles", ()))
