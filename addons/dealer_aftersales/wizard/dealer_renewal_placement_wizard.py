import math

from dateutil.relativedelta import relativedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError

from ..tools import ACCOUNTANT, ADVISOR, requires_role, server_side


class DealerRenewalPlacementWizard(models.TransientModel):
    """续保分配: the month's renewals shared among the insurers 5 : 3 : 2, the largest share to the
    one that sent the most accident repairs the month before, and written on each policy to renew."""

    _name = "dealer.renewal.placement.wizard"
    _description = "Renewal Placement"

    company_id = fields.Many2one("res.company", string="Store", required=True, default=lambda self: self.env.company)
    month = fields.Date(required=True, default=lambda self: fields.Date.context_today(self).replace(day=1))
    weights = fields.Char(string="Shares", required=True, default="5:3:2", help="Shares of the insurers, best first.")
    line_ids = fields.One2many("dealer.renewal.placement.wizard.line", "wizard_id", string="Placement")
    policy_count = fields.Integer(string="Renewals of the Month", compute="_compute_policy_count")

    @api.depends("month", "company_id")
    def _compute_policy_count(self):
        for wizard in self:
            wizard.policy_count = len(wizard._policies()) if wizard.month else 0

    def _policies(self):
        """The store's policies that end in the month and are not renewed yet."""
        self.ensure_one()
        start = self.month.replace(day=1)
        return (
            self.env["dealer.insurance.policy"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("is_renewed", "=", False),
                    ("date_end", ">=", start),
                    ("date_end", "<", start + relativedelta(months=1)),
                ],
                order="date_end, id",
            )
        )

    def _parsed_weights(self):
        parts = [part.strip() for part in (self.weights or "").replace("：", ":").split(":")]
        try:
            weights = [float(part) for part in parts if part]
        except ValueError:
            weights = []
        if not weights or any(not math.isfinite(w) or w < 0 or w > 100 for w in weights) or not sum(weights):
            raise UserError(_("Write the shares as numbers between 0 and 100 separated by colons, such as 5:3:2."))
        return weights

    @requires_role(ADVISOR, ACCOUNTANT)
    def action_compute(self):
        """The shares per insurer and how many of the month's renewals each gets."""
        self.ensure_one()
        if self.company_id not in self.env.user.company_ids:
            raise UserError(_("You do not work for store %(store)s.", store=self.company_id.name))
        placement = self.env["dealer.insurance.policy"].renewal_placement(
            self.month, self.company_id, self._parsed_weights()
        )
        counts = _largest_remainder([share for _insurer, share, _revenue in placement], self.policy_count)
        server_side(self).write(
            {
                "line_ids": [Command.clear()]
                + [
                    Command.create({"insurer_id": insurer, "share": share, "revenue": revenue, "policy_count": count})
                    for (insurer, share, revenue), count in zip(placement, counts, strict=True)
                ]
            }
        )
        return self._reopen()

    @requires_role(ADVISOR, ACCOUNTANT)
    def action_apply(self):
        """Write on each renewal of the month the insurer to place it with: a policy stays with its
        insurer while that insurer has room, the rest fill the others' shares."""
        self.ensure_one()
        self.action_compute()
        quotas = {line.insurer_id: line.policy_count for line in self.line_ids}
        policies = self._policies()
        placed = {}
        for policy in policies:
            if quotas.get(policy.insurer_id, 0) > 0:
                placed[policy] = policy.insurer_id
                quotas[policy.insurer_id] -= 1
        for policy in policies:
            if policy in placed:
                continue
            insurer = next((insurer for insurer, left in quotas.items() if left > 0), None)
            if insurer is None:
                break
            placed[policy] = insurer
            quotas[insurer] -= 1
        for insurer in {insurer for insurer in placed.values()}:
            server_side(policies.filtered(lambda p, i=insurer: placed.get(p) == i)).write(
                {"renewal_insurer_id": insurer.id}
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _(
                    "%(count)s renewals of %(month)s placed with %(insurers)s.",
                    count=len(placed),
                    month=self.month.strftime("%Y-%m"),
                    insurers=", ".join(line.insurer_id.name for line in self.line_ids if line.policy_count),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": _("Renewal Placement"),
        }


def _largest_remainder(shares, total):
    """Whole counts in proportion to ``shares`` (percentages) that add up to ``total``."""
    exact = [share * total / 100 for share in shares]
    counts = [math.floor(value) for value in exact]
    order = sorted(range(len(shares)), key=lambda i: (-(exact[i] - counts[i]), i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


class DealerRenewalPlacementWizardLine(models.TransientModel):
    _name = "dealer.renewal.placement.wizard.line"
    _description = "Renewal Placement Line"
    _order = "share desc, id"

    wizard_id = fields.Many2one("dealer.renewal.placement.wizard", required=True, ondelete="cascade")
    insurer_id = fields.Many2one("res.partner", required=True, readonly=True)
    share = fields.Float(string="Share (%)", digits=(16, 1), readonly=True)
    revenue = fields.Float(string="Accident Repairs Last Month", digits="Product Price", readonly=True)
    policy_count = fields.Integer(string="Renewals", readonly=True)
