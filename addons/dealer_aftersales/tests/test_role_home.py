"""Every role lands on its own screen after logging in (the web client opens the session's
``home_action_id``) unless the user chose a Home Action, and the demo store has one login per role
that logs in with its password."""

from lxml import etree

from odoo import Command
from odoo.tests import HttpCase, get_db_name, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from odoo.addons.dealer_aftersales.models.res_users import ResUsers as AftersalesUsers

from .access import ROLES
from .common import DealerRepairCase

GROUP = "dealer_aftersales.dealer_aftersales_group_"
# role -> its home
HOMES = {
    "Technician": "dealer_aftersales.dealer_repair_labor_action_board",
    "Service Advisor": "dealer_aftersales.dealer_appointment_action_today",
    "Parts": "dealer_aftersales.dealer_part_request_action_desk",
    "Accountant": "dealer_aftersales.repair_order_action_to_invoice",
}
# demo user -> (password, after-sales roles, home; None: a portal user, who has none)
DEMO_USERS = {
    "res_users_advisor_demo": ("advisor", {"user"}, HOMES["Service Advisor"]),
    "res_users_technician_demo": ("technician", {"technician"}, HOMES["Technician"]),
    "res_users_technician2_demo": ("technician2", {"technician"}, HOMES["Technician"]),
    "res_users_foreman_demo": ("foreman", {"technician", "user"}, HOMES["Service Advisor"]),
    "res_users_parts_demo": ("parts", {"parts"}, HOMES["Parts"]),
    "res_users_accountant_demo": ("accountant", {"accountant"}, HOMES["Accountant"]),
    "res_users_manager_demo": ("manager", {"technician", "user", "parts", "accountant", "manager"}, "manager"),
    "res_users_customer_demo": ("customer", set(), None),
}


@tagged("post_install", "-at_install")
class TestRoleHome(DealerRepairCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store = cls.env.ref("base.main_company")
        common = {"company_id": cls.company.id, "company_ids": [Command.set(cls.company.ids)], "lang": "en_US"}
        cls.users = {
            role: new_test_user(cls.env, login=f"home_{role.lower().replace(' ', '_')}", groups=groups, **common)
            for role, groups in ROLES.items()
        }
        cls.users["Foreman"] = new_test_user(
            cls.env, login="home_foreman", groups=f"{ROLES['Technician']},{GROUP}user", **common
        )

    def _login(self, login, password):
        """The web client's session after logging in with the password (the test helper
        ``authenticate`` does not check it)."""
        self.authenticate(None, None)
        return self.make_jsonrpc_request(
            "/web/session/authenticate", {"db": get_db_name(), "login": login, "password": password}
        )

    def _home(self, user):
        return self._login(user.login, user.login)["home_action_id"]

    def _manager_home(self):
        """The manager's home: the repair orders, or what an addon installed puts there instead."""
        return self.users["Manager"]._dealer_home_action()

    def test_each_role_lands_on_its_home(self):
        for role, xmlid in HOMES.items():
            with self.subTest(role=role):
                action = self.env.ref(xmlid)
                self.assertEqual(self._home(self.users[role]), action.id)
                # The home is the user's to open, and in the menus (the web client shows the
                # menus of the app it finds the action in).
                self.authenticate(self.users[role].login, self.users[role].login)
                loaded = self.make_jsonrpc_request("/web/action/load", {"action_id": action.id})
                self.assertEqual(loaded["id"], action.id)
                menus = (
                    self.env["ir.ui.menu"]
                    .with_user(self.users[role])
                    .search([("action", "=", f"{action.type},{action.id}")])
                )
                self.assertTrue(menus, f"{role}: {xmlid} is in no menu of theirs")
        self.assertEqual(self._home(self.users["Manager"]), self._manager_home().id)
        self.assertTrue(self._manager_home())

    def test_several_roles_the_widest_wins(self):
        # Manager, accountant, parts, advisor, technician: a foreman (technician and advisor) receives.
        self.assertEqual(self._home(self.users["Foreman"]), self.env.ref(HOMES["Service Advisor"]).id)
        both = new_test_user(
            self.env, login="home_parts_accountant", groups=f"{ROLES['Parts']},{GROUP}accountant,{GROUP}user"
        )
        self.assertEqual(self._home(both), self.env.ref(HOMES["Accountant"]).id)
        # This addon's own home of a manager (dealer_kpi, installed, puts the KPI dashboard first).
        self.assertEqual(
            AftersalesUsers._dealer_home_action(self.users["Manager"]),
            self.env.ref("dealer_aftersales.repair_order_action_dealer"),
        )
        self.assertNotIn(self._manager_home().id, [self.env.ref(xmlid).id for xmlid in HOMES.values()])

    def test_own_home_action_is_kept(self):
        own = self.env.ref("dealer_aftersales.dealer_vehicle_action")
        for role in ("Technician", "Accountant", "Manager"):
            with self.subTest(role=role):
                user = self.users[role]
                user.action_id = own.id
                self.assertEqual(self._home(user), own.id)

    def test_no_role_no_home(self):
        # An employee of no after-sales role and a portal customer keep Odoo's behaviour.
        self.assertFalse(self.users["Employee"]._dealer_home_action())
        self.assertFalse(self._home(self.users["Employee"]))
        session = self._login(self.users["Portal"].login, self.users["Portal"].login)
        self.assertFalse(session["is_internal_user"])
        self.assertFalse(session["home_action_id"])

    def test_orders_to_invoice(self):
        """The accountant's filter: repaired orders with no invoice standing (as the invoicing
        button sees them: a posted credit note leaves the order to invoice again)."""
        accountant = self.users["Accountant"]
        open_, repaired, invoiced, credited = (
            self._order(labor=[(self.oil_change, None, "customer")]) for _i in range(4)
        )
        open_.action_validate()
        for repair in repaired | invoiced | credited:
            self._finish(repair)
        (invoiced | credited).with_user(accountant).action_dealer_invoice()
        credited.dealer_move_ids.action_post()
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=credited.dealer_move_ids.ids)
            .create({"journal_id": credited.dealer_move_ids.journal_id.id, "reason": "价格更正"})
        )
        reversal.refund_moves()
        credit_note = credited.dealer_move_ids.reversal_move_ids
        orders = open_ | repaired | invoiced | credited
        Repair = self.env["repair.order"].with_user(accountant)
        arch = Repair.get_views([(False, "search")])["views"]["search"]["arch"]
        [node] = etree.fromstring(arch).xpath("//filter[@name='to_invoice']")
        domain = [("id", "in", orders.ids), *safe_eval(node.get("domain"))]
        self.assertEqual(Repair.search(domain), repaired, "a draft credit note corrects nothing yet")
        credit_note.action_post()
        self.assertEqual(Repair.search(domain), repaired | credited)
        self.assertEqual(
            safe_eval(self.env.ref(HOMES["Accountant"]).context),
            {"search_default_to_invoice": 1, "dealer_vehicle_order": True},
        )
        # Not a filter of the roles that read no invoices.
        arch = Repair.with_user(self.users["Technician"]).get_views([(False, "search")])["views"]["search"]["arch"]
        self.assertFalse(etree.fromstring(arch).xpath("//filter[@name='to_invoice']"))

    def test_demo_users_log_in_to_their_homes(self):
        module = self.env["ir.module.module"].search([("name", "=", "dealer_aftersales")])
        users = {xmlid: self.env.ref(f"dealer_aftersales.{xmlid}", raise_if_not_found=False) for xmlid in DEMO_USERS}
        if not module.demo:
            self.assertFalse(any(users.values()), "demo users without the demo data")
            return
        category = self.env.ref("dealer_aftersales.module_category_dealer_aftersales")
        for xmlid, (password, roles, home) in DEMO_USERS.items():
            with self.subTest(user=xmlid):
                user = users[xmlid]
                self.assertTrue(user, f"the demo data has no {xmlid}")
                self.assertEqual(user.login, password)
                self.assertEqual((user.lang, user.tz, user.company_id), ("zh_CN", "Asia/Shanghai", self.store))
                self.assertEqual(
                    set(user.groups_id.filtered(lambda g, c=category: g.category_id == c).mapped("name")),
                    {self.env.ref(f"{GROUP}{role}").name for role in roles},
                )
                self.assertEqual(user._is_internal(), home is not None)
                session = self._login(user.login, password)
                self.assertEqual(session["uid"], user.id)
                expected = self._manager_home() if home == "manager" else home and self.env.ref(home)
                self.assertEqual(session["home_action_id"], expected.id if expected else False)
                with mute_logger("odoo.addons.base.models.res_users", "odoo.http"), self.assertRaises(JsonRpcException):
                    self._login(user.login, f"not-{password}")
        # The technicians are the demo workshop's, and the customer has cars, orders and a booking.
        self.assertEqual(
            self.env.ref("dealer_aftersales.hr_employee_tech_liu_demo").user_id, users["res_users_technician_demo"]
        )
        self.assertEqual(
            self.env.ref("dealer_aftersales.hr_employee_tech_zhou_demo").user_id, users["res_users_technician2_demo"]
        )
        customer = users["res_users_customer_demo"].partner_id
        for model in ("dealer.vehicle", "repair.order", "dealer.appointment"):
            self.assertTrue(self.env[model].search_count([("partner_id", "=", customer.id)]), model)
