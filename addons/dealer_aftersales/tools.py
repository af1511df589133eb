"""Checks every public entry point of the after-sales addons shares: the caller's role, the
server-side marker of writes made by the addons' own actions, and the parsing of arguments
that arrive from any client (JSON-RPC, XML-RPC, the web client) with any types.

Nothing here trusts the context a client sends: the marker of an action's own writes is an
object no JSON or XML-RPC payload can carry, so a client may set the context key it lives in
but never its value.
"""

import datetime
import functools
from decimal import ROUND_HALF_UP, Decimal

from psycopg2.errors import LockNotAvailable, SerializationFailure

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

GROUP = "dealer_aftersales.dealer_aftersales_group_"
TECHNICIAN = f"{GROUP}technician"
ADVISOR = f"{GROUP}user"
PARTS = f"{GROUP}parts"
ACCOUNTANT = f"{GROUP}accountant"
MANAGER = f"{GROUP}manager"
# Every after-sales role (the manager has them all).
ALL_ROLES = (TECHNICIAN, ADVISOR, PARTS, ACCOUNTANT)

# Who sees money on repair orders: everyone in after-sales but technicians.
MONEY_GROUPS = f"{ADVISOR},{PARTS},{ACCOUNTANT}"

PAY_TYPES = [
    ("customer", "Customer"),
    ("insurance", "Insurance"),
    ("warranty", "Warranty"),
    ("internal", "Internal"),
]

# The widest period an analysis or a date field accepts.
DATE_MIN = datetime.date(1900, 1, 1)
DATE_MAX = datetime.date(2100, 12, 31)
# PostgreSQL's integer column.
INT_MIN, INT_MAX = -(2**31), 2**31 - 1
# What an indexed text field holds at most (a longer key breaks the index).
INDEXED_CHAR_MAX = 256

_SERVER_KEY = "dealer_server_side"


class _ServerSide:
    """The marker's value, compared by identity: no JSON or XML-RPC payload is this object (and a
    context that reaches a client shows it as a harmless text)."""

    def __repr__(self):
        return "<server side>"


_SERVER = _ServerSide()


def server_side(records):
    """``records`` for the addons' own code, once it has checked the caller: to write what only
    an action may write (states, amounts that follow from a step, links to journal entries) and
    to call another public method without checking the role a second time."""
    return records.with_context(**{_SERVER_KEY: _SERVER})


def is_server_side(records):
    """Whether ``records`` come from :func:`server_side` (or run as superuser)."""
    return records.env.su or records.env.context.get(_SERVER_KEY) is _SERVER


def requires_role(*groups, refusal=None):
    """Decorator of a public method: callers need one of ``groups`` (XML ids), unless the call
    comes from the addons' own code (:func:`server_side`). ``refusal(env)`` may give the message.
    The groups are kept on the method (``_dealer_roles``) for the tests that call every public
    method as every role."""

    def decorate(method):
        @functools.wraps(method)
        def checked(self, *args, **kwargs):
            if not is_server_side(self):
                check_role(self, *groups, refusal=refusal)
            return method(self, *args, **kwargs)

        checked._dealer_roles = groups
        return checked

    return decorate


def lang_env(env):
    """``env`` in the user's language when the caller sent none (an outside client's
    ``execute_kw`` without ``context``), as Odoo's own messages do."""
    if env.lang:
        return env
    return env(context=dict(env.context, lang=env.user.lang or "en_US"))


def model_label(records):
    """The model's name in the user's language."""
    return lang_env(records.env)["ir.model"]._get(records._name).sudo().name or records._description


def check_role(records, *groups, refusal=None):
    """Refuse, in the user's language, a caller who has none of ``groups`` (XML ids). The
    superuser (server code that already checked) passes."""
    env = records.env
    if env.su or any(env.user.has_group(group) for group in groups):
        return
    env = lang_env(env)
    if refusal:
        raise AccessError(refusal(env))
    names = [env.ref(group).sudo().name for group in groups]
    raise AccessError(
        env._(
            "You are not allowed to do this in after-sales (%(what)s): it needs one of the roles %(roles)s.",
            what=model_label(records),
            roles=" / ".join(names),
        )
    )


def to_date(env, value, label=None):
    """``value`` (a date, or text such as "2026-10-31") as a date between 1900 and 2100, or a
    UserError naming ``label``."""
    env = lang_env(env)
    label = label or env._("date")
    try:
        if isinstance(value, datetime.datetime):
            value = value.date()
        date = fields.Date.to_date(value) if isinstance(value, str | datetime.date) else None
    except (ValueError, TypeError):
        date = None
    if not date:
        raise UserError(env._("%(label)s must be a date such as 2026-10-31, not %(value)r.", label=label, value=value))
    if not DATE_MIN <= date <= DATE_MAX:
        raise UserError(
            env._("%(label)s must be between %(min)s and %(max)s.", label=label, min=DATE_MIN, max=DATE_MAX)
        )
    return date


def to_ids(env, value, label=None):
    """``value`` (an id or a list of ids) as a list of positive integers, or a UserError."""
    env = lang_env(env)
    label = label or env._("records")
    values = [value] if isinstance(value, int) else value
    if not isinstance(values, list | tuple) or not all(
        isinstance(item, int) and not isinstance(item, bool) and 0 < item <= INT_MAX for item in values
    ):
        raise UserError(env._("%(label)s must be a list of record ids, not %(value)r.", label=label, value=value))
    return list(values)


def to_codes(env, value):
    """KPI or other codes: one text or a list of texts."""
    env = lang_env(env)
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list | tuple) or not all(isinstance(item, str) and len(item) < 100 for item in values):
        raise UserError(env._("The codes must be a list of texts, not %(value)r.", value=value))
    return list(values)


def lock_rows(records, message):
    """Lock the rows of ``records`` until the end of the transaction, or refuse at once with
    ``message`` when another session holds them or changed them since this transaction began.

    The rows are also touched (a no-op update): a session whose snapshot is older than this
    transaction's commit then fails to lock them instead of acting on what it saw before.
    Callers re-read the records afterwards: the cache is invalidated."""
    if not records:
        return
    table, ids = SQL.identifier(records._table), tuple(records.ids)
    try:
        with records.env.cr.savepoint():
            query = SQL("SELECT id FROM %s WHERE id IN %s ORDER BY id FOR NO KEY UPDATE NOWAIT", table, ids)
            records.env.cr.execute(query, log_exceptions=False)
            records.env.cr.execute(SQL("UPDATE %s SET id = id WHERE id IN %s", table, ids), log_exceptions=False)
    except (LockNotAvailable, SerializationFailure):
        raise UserError(message) from None
    records.invalidate_recordset()


# The chatter, whoever acts --------------------------------------------------------------------
# Odoo refuses a message whose author has no e-mail address ("Unable to send message, please
# configure the sender's email address."), and most workshop staff have none: the addons' own
# messages go through these helpers, so that no action depends on the user's address. Notes
# are logged (sent to nobody); mail to customers and activity notices of a user without an
# address go out from the store's (mail.thread._message_compute_author, models/mail_thread.py).

_SENDER_KEY = "dealer_store_sender"


class _StoreSender:
    """The store's address as the sender of a user without one, in the context of the addons'
    own posts: compared by type, so that no JSON or XML-RPC payload can name a sender."""

    def __init__(self, address):
        self.address = address

    def __repr__(self):
        return "<store sender>"


def log_note(records, body):
    """A note in the chatter of each of ``records`` by the acting user (``body``: a text, or
    ``{record id: text}``). A note is sent to nobody, so it needs no e-mail address."""
    bodies = body if isinstance(body, dict) else dict.fromkeys(records.ids, body)
    return records._message_log_batch(bodies)


def store_sender(records):
    """The address mail from ``records`` goes out from when the acting user has none: the store's
    (or its mail domain's catch-all), else the mail server's default sender; None without any."""
    company = (records[:1].company_id if "company_id" in records._fields else None) or records.env.company
    return company.email_formatted or records.env["ir.mail_server"].sudo()._get_default_from_address() or None


def as_sender(records):
    """``records`` on which the acting user posts and notifies whatever their e-mail address: a
    user without one keeps authoring the messages, which go out from :func:`store_sender`."""
    if records.env.user.email:
        return records
    address = store_sender(records)
    return records.with_context(**{_SENDER_KEY: _StoreSender(address)}) if address else records


def context_sender(env):
    """The sender :func:`as_sender` put in ``env``'s context, or None."""
    value = env.context.get(_SENDER_KEY)
    return value.address if isinstance(value, _StoreSender) else None


def send_mail(records, template):
    """``template`` posted in the chatter of each of ``records`` and e-mailed to its recipients
    (the customer), from the template's sender or, when that says none, :func:`as_sender`'s.
    With no address at all to send it from, a note says it was not sent, and why."""
    env = records.env
    for record in records:
        sendable = (
            env.user.email
            or store_sender(record)
            or (template.email_from and template.sudo()._render_field("email_from", record.ids)[record.id])
        )
        if sendable:
            as_sender(record).message_post_with_source(template, subtype_xmlid="mail.mt_comment")
            continue
        log_note(
            record,
            lang_env(env)._(
                "%(mail)s was not e-mailed: neither the store nor %(user)s has an e-mail address to send it "
                "from (set the store's in Settings → Companies).",
                mail=template.with_context(lang=lang_env(env).lang).name,
                user=env.user.name,
            ),
        )


def schedule_activity(records, act_type_xmlid="", **values):
    """``records.activity_schedule(...)`` by the acting user whatever their e-mail address: Odoo
    tells the assignee in a message from the user, from :func:`as_sender` here. With no address
    at all, the assignee finds the activity in their list, without a notice."""
    records = as_sender(records)
    if not records.env.user.email and not context_sender(records.env):
        records = records.with_context(mail_activity_quick_update=True)
    return records.activity_schedule(act_type_xmlid, **values)


# Printed amounts --------------------------------------------------------------------------------

_CN_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_CN_UNITS = ("", "拾", "佰", "仟")
_CN_GROUPS = ("", "万", "亿", "万亿")


def _integer_in_chinese(number):
    """A non-negative integer in Chinese capitals (大写): 10010 → 壹万零壹拾."""
    if not number:
        return _CN_DIGITS[0]
    groups = []
    while number:
        groups.append(number % 10000)
        number //= 10000
    if len(groups) > len(_CN_GROUPS):
        raise ValueError("amount too large to write in Chinese capitals")
    text, zeros = "", False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if not group:
            zeros = True
            continue
        # A zero between two groups (壹亿零壹分, 壹万零壹拾) is read once.
        if text and (zeros or group < 1000):
            text += _CN_DIGITS[0]
        zeros = False
        part, pending = "", False
        for position, digit in enumerate(f"{group:04d}"):
            digit = int(digit)
            if not digit:
                # A zero inside the group (壹仟零壹) is read before the next digit, not at its end.
                pending = bool(part)
                continue
            if pending:
                part += _CN_DIGITS[0]
                pending = False
            part += _CN_DIGITS[digit] + _CN_UNITS[3 - position]
        text += part
        text += _CN_GROUPS[index]
    return text


def amount_in_chinese(amount):
    """An amount of yuan in Chinese capitals as a settlement statement or an invoice writes it
    (大写金额), rounded to the fen: 1057.68 → 壹仟零伍拾柒元陆角捌分, 100 → 壹佰元整, 0 → 零元整,
    10.05 → 壹拾元零伍分, -5 → 负伍元整."""
    cents = int((Decimal(str(amount or 0)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    sign = "负" if cents < 0 else ""
    yuan, rest = divmod(abs(cents), 100)
    jiao, fen = divmod(rest, 10)
    if not rest:
        return f"{sign}{_integer_in_chinese(yuan)}元整"
    text = f"{_integer_in_chinese(yuan)}元" if yuan else ""
    if jiao:
        text += f"{_CN_DIGITS[jiao]}角"
    elif yuan:
        text += _CN_DIGITS[0]
    if fen:
        text += f"{_CN_DIGITS[fen]}分"
    return sign + text
