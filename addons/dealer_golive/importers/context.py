"""What one run of an import shares between its kinds: the store, the problems, the summary,
the records one kind creates that the next one needs (the vehicles of the history rows)."""

import logging
import time

_logger = logging.getLogger(__name__)
PROGRESS_SECONDS = 1.0  # how often the importing user hears how far it is


class Context:
    def __init__(self, job, env):
        from . import KINDS

        self.kinds = KINDS
        self.job = job
        # The role was checked by the action; the import writes stock, partners and journal
        # entries of its store, which a manager's own rights may not all reach.
        self.env = env(su=True, context=dict(env.context, allowed_company_ids=[job.company_id.id]))
        self.user_env = env
        self.company = job.company_id.with_env(self.env)
        self.golive = job.golive_date
        self.problems = []
        self.summary = {}
        self.entries = self.env["account.move"]
        # VIN -> vehicle id (existing) or the row of the customers sheet that brings it in.
        self.vins = {}
        # Folded customer names and phone numbers of the customers sheet (the receivables' payers).
        self.customer_names = set()
        self.customer_phones = set()
        # {kind code: (importer, plan)} of the kinds checked so far (a warranty claim's invoice may
        # be a row of the open receivables).
        self.plans = {}
        # Progress: rows to check plus rows to apply, and those done.
        self.total = 0
        self.done = 0
        self.label = ""
        self._reported = None
        self.sizes = {}

    def problem(self, kind, sheet, row, column, message, value=None, blocking=True):
        self.problems.append(
            {
                "sheet": sheet,
                "row": row,
                "column": column,
                "value": (str(value)[:200] if value is not None else False),
                "message": str(message),
                "blocking": blocking,
            }
        )

    def advance(self, rows=0, label=None, force=False):
        """Count ``rows`` done (of the kind at work, named ``label``) and tell the user, at most
        every PROGRESS_SECONDS unless ``force``."""
        self.done += rows
        if label:
            self.label = label
        now = time.monotonic()
        if force or self._reported is None or now - self._reported >= PROGRESS_SECONDS:
            self._reported = now
            percent = min(100, 100 * self.done // self.total) if self.total else 100
            self.job._dealer_progress(percent, self.label)

    def _step(self, label, rows, work, *args):
        """``work(*args)`` for a kind of ``rows`` rows, its progress from where it starts to its end
        (the importers may ``advance`` within)."""
        start = self.done
        self.advance(label=label, force=True)
        result = work(*args)
        self.done = start
        self.advance(rows, force=True)
        return result

    def check(self, sheets):
        """{kind code: plan} of the sheets; every problem recorded."""
        env = self.user_env
        by_kind = {}
        for sheet, rows in sheets.items():
            kind = next((kind for kind in self.kinds if kind.matches(sheet)), None)
            if kind is None:
                if sheet not in ("说明", "Instructions"):
                    self.problem(
                        None,
                        sheet,
                        None,
                        None,
                        env._(
                            "The sheet %(sheet)s is none of the template's (%(kinds)s): it is left out.",
                            sheet=sheet,
                            kinds=", ".join(kind.sheet_names[0] for kind in self.kinds),
                        ),
                        blocking=False,
                    )
                continue
            if kind.code in by_kind:
                self.problem(None, sheet, None, None, env._("Two sheets of the same kind: %(sheet)s.", sheet=sheet))
                continue
            by_kind[kind.code] = (sheet, rows)
        if not by_kind and not self.problems:
            self.problem(None, None, None, None, env._("The file has no sheet of the template."))
        plans = self.plans
        # Checking and applying a row weigh about the same.
        self.sizes = {code: len(rows) for code, (__, rows) in by_kind.items()}
        self.total = 2 * sum(self.sizes.values())
        for kind in self.kinds:
            if kind.code not in by_kind:
                continue
            importer = kind(self)
            sheet, rows = by_kind[kind.code]
            started = time.monotonic()
            label = env._("Checking %(kind)s", kind=kind.label(env))
            plans[kind.code] = (importer, self._step(label, len(rows), importer.check, sheet, rows))
            # Where an import of a big file spends its time, for whoever runs it.
            _logger.info("%s: %s checked in %.1f s", self.job.name, kind.code, time.monotonic() - started)
        return plans

    def apply(self, plans):
        for kind in self.kinds:
            if kind.code in plans:
                importer, plan = plans[kind.code]
                started = time.monotonic()
                label = self.user_env._("Importing %(kind)s", kind=kind.label(self.user_env))
                self._step(label, self.sizes.get(kind.code, 0), importer.apply, plan)
                _logger.info("%s: %s applied in %.1f s", self.job.name, kind.code, time.monotonic() - started)
