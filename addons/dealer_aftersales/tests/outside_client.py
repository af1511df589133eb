"""An outside client: a program that speaks Odoo's external JSON-RPC API (``/jsonrpc``, service
``object``, ``execute_kw``) with a role's login and password, as an integration or a script
would, against the test server. It sends whatever arguments and context it likes.

``OutsideClientCase`` counts what it tries and what held. An attempt holds when:

- ``denied``: the server answers an AccessError (the role may not call or write this);
- ``refused``: the server answers a UserError, ValidationError or AccessError, in the user's
  language, and nothing is written (checked by the test);
- ``answered``: the call succeeds, or is refused for a business reason (UserError or
  ValidationError), never with an AccessError (the role may call it);
- ``ok``: the call succeeds.

Anything else is a problem: a forbidden call or write that succeeded (a leak), or an answer
that is not one of Odoo's user errors (a traceback: ValueError, psycopg2 errors, ...). The test
fails with every problem listed, after printing the counts.
"""

import inspect
import json
import logging
from collections import namedtuple

from odoo.tests.common import get_db_name
from odoo.tools import mute_logger

_logger = logging.getLogger(__name__)

Outcome = namedtuple("Outcome", "ok result error message")

USER_ERRORS = {
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.AccessError",
    "odoo.exceptions.MissingError",
    "odoo.exceptions.RedirectWarning",
}
BUSINESS_ERRORS = USER_ERRORS - {"odoo.exceptions.AccessError"}

# Methods every model has (Odoo's ORM and web client API): held by access rights, record rules
# and the write guards, which the write attempts test.
ORM_METHODS = frozenset(
    {"create", "write", "unlink", "copy", "read", "search", "default_get", "name_search", "onchange"}
)


class JsonRpcClient:
    """One login speaking JSON-RPC to the test server through ``case.url_open``."""

    def __init__(self, case, login, password=None):
        self.case = case
        self.db = get_db_name()
        self.login = login
        self.password = password or login
        outcome = self._rpc("common", "login", [self.db, login, self.password])
        assert outcome.ok and outcome.result, f"{login} cannot log in over JSON-RPC: {outcome}"
        self.uid = outcome.result

    def _rpc(self, service, method, args):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {"service": service, "method": method, "args": args},
        }
        with mute_logger("odoo.http", "odoo.sql_db"):
            response = self.case.url_open(
                "/jsonrpc", data=json.dumps(payload), headers={"Content-Type": "application/json"}, timeout=60
            )
        body = response.json()
        if "error" in body:
            data = body["error"].get("data") or {}
            return Outcome(False, None, data.get("name") or body["error"].get("message"), data.get("message"))
        return Outcome(True, body.get("result"), None, None)

    def call(self, model, method, *args, context=None, **kwargs):
        if context is not None:
            kwargs["context"] = context
        return self._rpc("object", "execute_kw", [self.db, self.uid, self.password, model, method, list(args), kwargs])


class OutsideClientMixin:
    """To mix into an HttpCase: ``client(user)``, ``attempt(...)`` and ``assert_all_held()``."""

    def setUp(self):
        super().setUp()
        self.attempts = 0
        self.held = 0
        self.problems = []
        self._clients = {}

    def client(self, user):
        if user.id not in self._clients:
            self._clients[user.id] = JsonRpcClient(self, user.login)
        return self._clients[user.id]

    def attempt(self, expect, label, user, model, method, *args, context=None, **kwargs):
        """Call ``model.method(*args, **kwargs)`` as ``user`` over JSON-RPC and judge the outcome."""
        outcome = self.client(user).call(model, method, *args, context=context, **kwargs)
        self.attempts += 1
        where = f"{label}: {user.login} {model}.{method}"
        if outcome.ok:
            if expect in ("ok", "answered"):
                self.held += 1
            else:
                self.problems.append(f"LEAK {where} was {expect} but succeeded: {str(outcome.result)[:200]}")
        elif outcome.error not in USER_ERRORS:
            self.problems.append(f"TRACEBACK {where}: {outcome.error}: {(outcome.message or '')[:300]}")
        elif expect == "ok":
            self.problems.append(f"REFUSED {where} should succeed: {outcome.error}: {outcome.message}")
        elif expect == "denied" and outcome.error != "odoo.exceptions.AccessError":
            self.problems.append(f"NOT DENIED {where}: {outcome.error}: {outcome.message}")
        elif expect == "answered" and outcome.error not in BUSINESS_ERRORS:
            self.problems.append(f"DENIED TO ITS ROLE {where}: {outcome.error}: {outcome.message}")
        else:
            self.held += 1
        return outcome

    def attempt_calls(self, users, calls, context=None):
        """``calls``: ``(model, method, ids or None for a model method, args)``; each is made
        as every one of ``users`` (``{label: user}``), denied to those without the method's
        roles (first, so that an allowed call that changes a state comes last)."""
        for model, method, ids, args in calls:
            function = getattr(self.env.registry[model], method)
            for label, user in sorted(users.items(), key=lambda item: has_role(item[1], function)):
                expect = "answered" if has_role(user, function) else "denied"
                call_args = (ids, *args) if ids is not None else args
                self.attempt(expect, label, user, model, method, *call_args, context=context)

    def attempt_wizards(self, users, wizards):
        """``wizards``: ``(model, values, methods)``. A wizard is its creator's: each user whose
        role may run it creates their own and runs its methods; the others try one made by the
        superuser and are denied."""
        for model, values, names in wizards:
            own = self.env[model].create(values)
            for label, user in users.items():
                allowed = has_role(user, getattr(self.env.registry[model], names[0]))
                wizard = self.env[model].with_user(user).create(values) if allowed else own
                for name in names:
                    self.attempt("answered" if allowed else "denied", label, user, model, name, wizard.ids)

    def assert_all_held(self, title):
        _logger.info("outside client, %s: %s attempts, %s held", title, self.attempts, self.held)
        self.assertFalse(self.problems, f"{title}: {len(self.problems)} problems:\n" + "\n".join(self.problems))
        self.assertEqual(self.attempts, self.held)


def introduced_public_methods(env, module):
    """``{(model, method): function}`` of the public methods the classes of ``module`` add to
    their models (a method Odoo or another module already had is held by its own checks)."""
    prefix = f"odoo.addons.{module}."
    found = {}
    for name in env.registry:
        model_class = type(env[name])
        origin = env[name]._original_module or ""
        if origin.startswith("dealer_") and origin != module:
            continue  # a model of another addon of ours: its own outside-client test calls it
        for cls in model_class.__mro__:
            if not getattr(cls, "__module__", "").startswith(prefix):
                continue
            for attr, function in vars(cls).items():
                if attr.startswith("_") or attr in ORM_METHODS or not inspect.isfunction(function):
                    continue
                if getattr(function, "_api_private", False):
                    continue
                foreign = any(
                    attr in vars(other)
                    for other in model_class.__mro__
                    if not getattr(other, "__module__", "").startswith("odoo.addons.dealer_") and other is not object
                )
                if not foreign:
                    found[(name, attr)] = getattr(model_class, attr)
    return found


def has_role(user, method):
    roles = getattr(method, "_dealer_roles", ())
    return any(user.has_group(group) for group in roles)
