"""The access matrix of an addon: the table in its ``readme/USAGE.md`` is the specification,
and these helpers measure what each role really may do, as that role's user.

A cell lists the operations a role may perform on a record of its own store: ``r`` read,
``w`` change, ``c`` create, ``d`` delete; ``—`` none. A row names a model; the addon's own
models must all have a row, and Odoo models the roles work in may have one too.
"""

import re
import xmlrpc.client

from odoo.exceptions import AccessError, MissingError
from odoo.tests import new_test_user
from odoo.tools.misc import file_path

OPERATIONS = (("r", "read"), ("w", "write"), ("c", "create"), ("d", "unlink"))
GROUP = "dealer_aftersales.dealer_aftersales_group_"
# Column title in the readme -> the groups of that role's user.
ROLES = {
    "Technician": f"base.group_user,{GROUP}technician",
    "Service Advisor": f"base.group_user,{GROUP}user",
    "Parts": f"base.group_user,{GROUP}parts",
    "Accountant": f"base.group_user,{GROUP}accountant",
    "Manager": f"base.group_user,{GROUP}manager",
    "Employee": "base.group_user",
    "Portal": "base.group_portal",
}
MONEY_WORDS = ("price", "amount", "rate", "discount", "cost", "margin", "premium", "deductible")
# Odoo models that hold a store's after-sales data: repair orders, their stock and their books.
STORE_MODELS = (
    "repair.order",
    "stock.move",
    "stock.picking",
    "stock.quant",
    "stock.valuation.layer",
    "stock.warehouse.orderpoint",
    "account.move",
    "account.move.line",
    "account.payment",
    "purchase.order",
)
START, END = "<!-- access-matrix:start -->", "<!-- access-matrix:end -->"


def role_users(env, company, prefix="matrix"):
    """One user per role, working in ``company`` only."""
    return {
        role: new_test_user(
            env,
            login=f"{prefix}_{re.sub(r'[^a-z]+', '_', role.lower())}",
            groups=groups,
            company_id=company.id,
            company_ids=[company.id],
            lang="en_US",
        )
        for role, groups in ROLES.items()
    }


def read_matrix(module):
    """{model: {role: "rwcd"-subset}} from the module's readme/USAGE.md."""
    with open(file_path(f"{module}/readme/USAGE.md"), encoding="utf-8") as usage:
        text = usage.read()
    assert START in text and END in text, f"{module}/readme/USAGE.md has no access matrix"
    rows = [line for line in text.split(START, 1)[1].split(END, 1)[0].splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in rows[0].strip("|").split("|")]
    assert header[1:] == list(ROLES), f"matrix columns must be {list(ROLES)}, not {header[1:]}"
    matrix = {}
    for row in rows[2:]:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        model = cells[0].strip("`")
        matrix[model] = {role: "" if cell == "—" else cell for role, cell in zip(ROLES, cells[1:], strict=True)}
    return matrix


def format_matrix(matrix):
    """The markdown rows of a matrix, as read_matrix reads them."""
    lines = ["| model | " + " | ".join(ROLES) + " |", "|---" * (len(ROLES) + 1) + "|"]
    for model, cells in matrix.items():
        lines.append(f"| `{model}` | " + " | ".join(cells[role] or "—" for role in ROLES) + " |")
    return "\n".join(lines)


def rights(env, user, model, record):
    """The operations ``user`` may perform: the model's access rights and, on ``record`` (one
    record of the user's store, if the model has any), the record rules."""
    allowed = ""
    Access = env["ir.model.access"].with_user(user)
    for letter, operation in OPERATIONS:
        if not Access.check(model, operation, raise_exception=False):
            continue
        if record and not record.with_user(user).has_access(operation):
            continue
        allowed += letter
    return allowed


def _ancestors(model_class):
    """The model names a registry class inherits from."""
    return {cls._name for cls in model_class.mro() if getattr(cls, "_name", None)}


def addon_models(env, module):
    """The models the module defines (not those it only extends), abstract ones left out."""
    return sorted(
        name for name, model in env.registry.items() if model._original_module == module and not model._abstract
    )


class AccessMatrix:
    """Mixin of a TransactionCase: checks the matrix of ``module`` on records of the demo store."""

    module = None
    odoo_models = ()
    # Fields whose names look like money but are not (hours, percentages of settings...).
    not_money = ()
    # Models whose money fields are audited otherwise than by tracking: {model: how}.
    untracked_money = {}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store = cls.env.ref("base.main_company")
        cls.users = role_users(cls.env, cls.store, prefix=f"matrix_{cls.module}")

    def _sample(self, model):
        """One record of the store to check the record rules on (None: access rights only)."""
        Model = self.env[model]
        if Model._transient:
            return None
        domain = [("company_id", "in", [self.store.id, False])] if "company_id" in Model._fields else []
        record = Model.search(domain, limit=1, order="id")
        self.assertTrue(record, f"no {model} record in the demo store to check access on")
        return record

    def test_matrix(self):
        expected = read_matrix(self.module)
        # Every model of the addon and the Odoo models its roles work in.
        models = sorted(set(addon_models(self.env, self.module)) | set(self.odoo_models))
        actual = {}
        for model in models:
            record = self._sample(model)
            actual[model] = {
                role: rights(self.env, user, model, None if role == "Portal" else record)
                for role, user in self.users.items()
            }
        self.assertEqual(
            expected,
            actual,
            f"{self.module}/readme/USAGE.md says otherwise; what the roles may do today:\n{format_matrix(actual)}",
        )
        self.assertEqual(list(next(iter(actual.values()))), list(ROLES))

    def test_every_model_has_a_store_rule(self):
        """Every stored model of the addon, report models included, belongs to a store and has a
        global record rule on the user's stores (transient wizards are their creator's only)."""
        for model in addon_models(self.env, self.module):
            Model = self.env[model]
            if Model._transient:
                continue
            with self.subTest(model=model):
                self.assertIn("company_id", Model._fields)
                rules = self.env["ir.rule"].search([("model_id.model", "=", model), ("global", "=", True)])
                self.assertTrue(any("company_ids" in rule.domain_force for rule in rules), f"{model} has no store rule")

    def test_money_fields_are_tracked(self):
        """Every stored amount, price, rate or discount the addon defines is tracked in its
        record's chatter (who, when, from what to what), unless its model is audited otherwise."""
        for model_name, Model in self.env.registry.items():
            if Model._abstract or Model._transient or not Model._auto or model_name in self.untracked_money:
                continue
            for name, field in Model._fields.items():
                if field._module != self.module or not field.store or name in self.not_money:
                    continue
                if field.type == "monetary" or field.type == "float" and any(word in name for word in MONEY_WORDS):
                    with self.subTest(model=model_name, field=name):
                        self.assertIn("mail.thread", _ancestors(Model), f"{model_name} keeps no history")
                        self.assertTrue(field.tracking, f"{model_name}.{name} is not tracked")

    def test_technicians_see_no_money(self):
        """No amount, price, rate, discount or cost the addon defines, on its models or on Odoo's,
        is readable by a technician on a model they may read."""
        technician = self.env(user=self.users["Technician"])
        for model_name, Model in self.env.registry.items():
            if Model._abstract or not technician[model_name].has_access("read"):
                continue
            for name, field in Model._fields.items():
                if field._module != self.module or name in self.not_money:
                    continue
                if field.type == "monetary" or any(word in name for word in MONEY_WORDS):
                    with self.subTest(model=model_name, field=name):
                        self.assertFalse(field.is_accessible(technician), f"technicians read {model_name}.{name}")


class StoreIsolation:
    """Mixin of a test case: a manager of another store (every after-sales role) finds none of
    the demo store's records of ``module``'s models and of ``odoo_models``, by any ORM path a
    view, a search, an export or a report takes, nor over XML-RPC (HttpCase only)."""

    module = None
    odoo_models = ()

    @classmethod
    def _setup_outsider(cls):
        cls.store = cls.env.ref("base.main_company")
        cls.other_store = cls.env["res.company"].create({"name": "佛山南海粤丰丰田（隔离测试）"})
        cls.outsider = new_test_user(
            cls.env,
            login=f"outsider_{cls.module}",
            password=f"outsider_{cls.module}",
            groups=f"{ROLES['Manager']},base.group_allow_export",
            company_id=cls.other_store.id,
            company_ids=[cls.other_store.id],
            lang="en_US",
        )
        cls.store_user = new_test_user(
            cls.env,
            login=f"insider_{cls.module}",
            groups=ROLES["Manager"],
            company_id=cls.store.id,
            company_ids=[cls.store.id],
            lang="en_US",
        )

    def _store_records(self):
        """{model: ids of the demo store}; every model must have some."""
        found = {}
        for model in sorted(set(addon_models(self.env, self.module)) | set(self.odoo_models)):
            Model = self.env[model]
            if Model._transient:
                continue
            self.assertIn("company_id", Model._fields, f"{model} has no store (company_id)")
            found[model] = Model.search([("company_id", "=", self.store.id)], limit=20, order="id").ids
        empty = [model for model, ids in found.items() if not ids]
        self.assertFalse(empty, f"no records of the demo store to test isolation on: {empty}")
        return found

    def _assert_isolated(self):
        for model, ids in self._store_records().items():
            with self.subTest(model=model):
                Model = self.env[model].with_user(self.outsider)
                domain = [("id", "in", ids)]
                self.assertFalse(Model.search(domain))
                self.assertEqual(Model.search_count(domain), 0)
                self.assertFalse(Model.web_search_read(domain, {"display_name": {}})["records"])
                self.assertEqual(Model._read_group(domain, aggregates=["__count"]), [(0,)])
                self.assertFalse(Model.name_search("", args=domain))
                # Refused (report rows of another store do not exist for the outsider).
                self._assert_refused(Model.browse(ids[0]).read, ["company_id"])
                self._assert_refused(Model.browse(ids).export_data, ["company_id"])
                # The store's own user does see them: the rule is per store, not a blanket denial.
                self.assertTrue(self.env[model].with_user(self.store_user).search(domain))

    def _assert_refused(self, method, *args):
        """Refused, or nothing served (the rows of a report model of another store do not exist
        for the outsider: reading them gives nothing)."""
        try:
            result = method(*args)
        except (AccessError, MissingError):
            return
        self.assertFalse(result.get("datas") if isinstance(result, dict) else result, "another store's records")

    def _assert_isolated_over_xmlrpc(self):
        db, login = self.env.cr.dbname, self.outsider.login
        uid = self.xmlrpc_common.authenticate(db, login, login, {})
        self.assertEqual(uid, self.outsider.id)
        for model, ids in self._store_records().items():
            with self.subTest(model=model):
                call = self.xmlrpc_object.execute_kw
                domain = [["id", "in", ids]]
                self.assertEqual(call(db, uid, login, model, "search_read", [domain], {"fields": ["id"]}), [])
                self.assertEqual(call(db, uid, login, model, "search_count", [domain]), 0)
                try:
                    served = call(db, uid, login, model, "read", [ids[:1]], {"fields": ["company_id"]})
                except xmlrpc.client.Fault as refused:
                    # 4: access error; 2: the records do not exist for the outsider.
                    self.assertIn(refused.faultCode, (2, 4), refused.faultString)
                else:
                    self.assertEqual(served, [], "report rows of another store are not served")
