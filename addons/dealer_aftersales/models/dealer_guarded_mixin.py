import datetime
import math

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import (
    DATE_MAX,
    DATE_MIN,
    INDEXED_CHAR_MAX,
    INT_MAX,
    INT_MIN,
    MANAGER,
    is_server_side,
    lang_env,
    log_note,
    model_label,
    requires_role,
    server_side,
)

# In ``_dealer_bounds``: the store's ceiling of prices, rates and amounts (``dealer_price_ceiling``).
PRICE_CEILING = "price_ceiling"
# No number of ours is larger than this (a float column holds more, but no price or count does).
NUMBER_MAX = 10**12


class DealerGuardedMixin(models.AbstractModel):
    """What every client may send to a model of ours, whatever the screens show.

    - ``_dealer_guarded_fields``: ``{field: states}``, the states of the record in which a client
      may write the field; ``()`` for fields only the model's actions write (states, amounts that
      follow from a step, links to journal entries). Actions write them through
      ``tools.server_side``; a manager corrects them with ``action_dealer_correct``, logged.
    - ``_dealer_bounds``: ``{field: (lowest, highest)}``; ``PRICE_CEILING`` as highest is the
      store's ceiling.
    - Every value has its type and range: whole numbers within their column, numbers finite,
      dates between 1900 and 2100, indexed texts not longer than an index takes, a selection's
      value among its choices.

    Refusals are UserErrors in the user's language, raised before anything is written.
    """

    _name = "dealer.guarded.mixin"
    _description = "After-Sales Write Guard"

    _dealer_guarded_fields = {}
    _dealer_bounds = {}
    # Lines: the field of the record whose state locks them; that record's
    # ``_dealer_check_lines_open()`` refuses their creation, change and deletion.
    _dealer_parent = None

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._dealer_check_values(vals)
            if not is_server_side(self):
                self._dealer_check_guarded_create(vals)
        records = super().create(vals_list)
        if self._dealer_parent:
            records[self._dealer_parent]._dealer_check_lines_open()
        return records

    def write(self, vals):
        self._dealer_check_values(vals)
        if not is_server_side(self):
            self._dealer_check_guarded_write(vals)
        if self._dealer_parent:
            self[self._dealer_parent]._dealer_check_lines_open()
        res = super().write(vals)
        if self._dealer_parent and self._dealer_parent in vals:
            self[self._dealer_parent]._dealer_check_lines_open()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_parent_locked(self):
        if self._dealer_parent:
            self[self._dealer_parent]._dealer_check_lines_open()

    # ------------------------------------------------------------------ guarded fields

    def _dealer_label(self, name):
        return self._fields[name]._description_string(lang_env(self.env))

    def _dealer_state_label(self, record):
        field = self._fields["state"]
        return dict(field._description_selection(lang_env(self.env))).get(record.state, record.state)

    def _dealer_check_guarded_create(self, vals):
        defaults = None
        for name, states in self._dealer_guarded_fields.items():
            if name not in vals or not vals[name]:
                continue
            if defaults is None:
                defaults = self.default_get(["state"]) if "state" in self._fields else {}
            if name == "state" and vals[name] == defaults.get("state"):
                continue
            if defaults.get("state") in states:
                continue
            raise UserError(
                lang_env(self.env)._(
                    "%(field)s of a new %(model)s is set by its actions, not written directly.",
                    field=self._dealer_label(name),
                    model=model_label(self),
                )
            )

    def _dealer_check_guarded_write(self, vals):
        for name in set(vals) & set(self._dealer_guarded_fields):
            states = self._dealer_guarded_fields[name]
            for record in self:
                if "state" in self._fields and record.state in states:
                    continue
                if not states:
                    message = lang_env(self.env)._(
                        "%(field)s of %(record)s changes only through its actions (or a manager's "
                        "logged correction), not by writing it.",
                        field=self._dealer_label(name),
                        record=record.display_name,
                    )
                else:
                    message = lang_env(self.env)._(
                        "%(field)s of %(record)s cannot be changed now that it is %(state)s.",
                        field=self._dealer_label(name),
                        record=record.display_name,
                        state=self._dealer_state_label(record),
                    )
                raise UserError(message)

    @requires_role(MANAGER)
    def action_dealer_correct(self, values, reason):
        """A manager's correction of fields the actions set (``values``: ``{field: value}``),
        with ``reason``: written as the actions write them, and logged in the chatter with who,
        when, what it was and what it became."""
        if not isinstance(values, dict) or not values or not set(values) <= set(self._dealer_guarded_fields):
            raise UserError(
                lang_env(self.env)._(
                    "A correction names fields among %(fields)s.",
                    fields=", ".join(self._dealer_label(name) for name in self._dealer_guarded_fields),
                )
            )
        if not isinstance(reason, str) or not reason.strip():
            raise UserError(lang_env(self.env)._("A correction needs its reason."))
        self.check_access("write")
        for record in self:
            before = {name: record._dealer_display_value(name) for name in values}
            server_side(record).write(values)
            changes = "; ".join(
                f"{record._dealer_label(name)}: {before[name]} → {record._dealer_display_value(name)}"
                for name in values
            )
            body = lang_env(self.env)._(
                "Correction by %(user)s: %(changes)s. Reason: %(reason)s",
                user=self.env.user.name,
                changes=changes,
                reason=reason.strip(),
            )
            if hasattr(record, "_message_log_batch"):
                log_note(record, body)
        return True

    def _dealer_display_value(self, name):
        field = self._fields[name]
        value = self[name]
        if field.type == "selection":
            return dict(field._description_selection(lang_env(self.env))).get(value, value or "")
        if field.type in ("many2one", "many2many", "one2many"):
            return ", ".join(value.mapped("display_name")) or "—"
        return value if value not in (False, None) else "—"

    # ------------------------------------------------------------------ types and ranges

    def _dealer_check_values(self, vals):
        # Our models: every field. Odoo's models extended here: the fields the addons add or bound.
        ours = self._name.startswith("dealer.")
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None or value is False or value is None:
                continue
            if ours or name in self._dealer_bounds or (field._module or "").startswith("dealer_"):
                self._dealer_check_value(field, value)

    def _dealer_check_value(self, field, value):
        label = _Label(field, self.env)
        kind = field.type
        if kind in ("integer", "float", "monetary"):
            self._dealer_check_number(field, label, value)
        elif kind in ("date", "datetime"):
            self._dealer_check_date(field, label, value)
        elif kind in ("char", "text", "html"):
            self._dealer_check_text(field, label, value)
        elif kind in ("selection", "many2one"):
            self._dealer_check_choice(field, label, value)

    def _dealer_check_number(self, field, label, value):
        env = lang_env(self.env)
        if field.type == "integer":
            if not isinstance(value, int):
                raise ValidationError(
                    env._("%(field)s must be a whole number, not %(value)r.", field=label, value=value)
                )
            self._dealer_check_bounds(field, label, value)
            if not INT_MIN <= value <= INT_MAX:
                raise ValidationError(
                    env._("%(field)s cannot be above %(high)s, not %(value)s.", field=label, high=INT_MAX, value=value)
                )
            return
        if not isinstance(value, int | float) or not math.isfinite(value):
            raise ValidationError(env._("%(field)s must be a number, not %(value)r.", field=label, value=value))
        self._dealer_check_bounds(field, label, value)
        if abs(value) > NUMBER_MAX:
            raise ValidationError(
                env._("%(field)s cannot be above %(high)s, not %(value)s.", field=label, high=NUMBER_MAX, value=value)
            )

    def _dealer_check_date(self, field, label, value):
        env = lang_env(self.env)
        try:
            parsed = fields.Datetime.to_datetime(value) if field.type == "datetime" else fields.Date.to_date(value)
        except (ValueError, TypeError):
            parsed = None
        if not parsed:
            raise ValidationError(env._("%(field)s must be a date, not %(value)r.", field=label, value=value))
        day = parsed.date() if isinstance(parsed, datetime.datetime) else parsed
        if not DATE_MIN <= day <= DATE_MAX:
            raise ValidationError(
                env._("%(field)s must be between %(min)s and %(max)s.", field=label, min=DATE_MIN, max=DATE_MAX)
            )

    def _dealer_check_text(self, field, label, value):
        env = lang_env(self.env)
        if not isinstance(value, str):
            raise ValidationError(env._("%(field)s must be a text, not %(value)r.", field=label, value=value))
        limit = field.size or (INDEXED_CHAR_MAX if field.index and field.type == "char" else None)
        if limit and len(value) > limit:
            raise ValidationError(env._("%(field)s is limited to %(limit)s characters.", field=label, limit=limit))

    def _dealer_check_choice(self, field, label, value):
        env = lang_env(self.env)
        if field.type == "selection":
            if isinstance(field.selection, list) and (not isinstance(value, str) or value not in dict(field.selection)):
                raise ValidationError(env._("%(value)r is not a choice of %(field)s.", field=label, value=value))
            return
        is_id = isinstance(value, int) and not isinstance(value, bool) and 0 < value <= INT_MAX
        is_record = isinstance(value, models.BaseModel) and value._name == field.comodel_name
        if not (is_id or is_record):
            raise ValidationError(env._("%(field)s must be a record, not %(value)r.", field=label, value=value))

    def _dealer_check_bounds(self, field, label, value):
        bounds = self._dealer_bounds.get(field.name)
        # A whole number of 0 is how the screens send "not set".
        if not bounds or (field.type == "integer" and value == 0):
            return
        low, high = bounds
        if high == PRICE_CEILING:
            company = self._dealer_ceiling_company()
            high = company.sudo().dealer_price_ceiling  # a setting technicians may not read
            high = int(high) if float(high).is_integer() else high
        if low is not None and value < low:
            raise ValidationError(
                lang_env(self.env)._(
                    "%(field)s cannot be below %(low)s, not %(value)s.", field=label, low=low, value=value
                )
            )
        if high and value > high:
            raise ValidationError(
                lang_env(self.env)._(
                    "%(field)s cannot be above %(high)s, not %(value)s.", field=label, high=high, value=value
                )
            )

    def _dealer_ceiling_company(self):
        company = self[:1].company_id if "company_id" in self._fields and self[:1] else None
        return company or self.env.company


class _Label:
    """A field's label in the user's language, looked up only when a refusal says it (checking a
    value is on every write; an import checks hundreds of thousands)."""

    __slots__ = ("env", "field")

    def __init__(self, field, env):
        self.field = field
        self.env = env

    def __str__(self):
        return self.field._description_string(lang_env(self.env))
