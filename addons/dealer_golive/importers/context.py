"""What one run of an import shares between its kinds: the store, the problems, the summary,
the records one kind creates that the next one needs (the vehicles of the history rows)."""


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
        plans = {}
        for kind in self.kinds:
            if kind.code not in by_kind:
                continue
            importer = kind(self)
            sheet, rows = by_kind[kind.code]
            plans[kind.code] = (importer, importer.check(sheet, rows))
        return plans

    def apply(self, plans):
        for kind in self.kinds:
            if kind.code in plans:
                importer, plan = plans[kind.code]
                importer.apply(plan)
