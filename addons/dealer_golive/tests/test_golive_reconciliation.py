"""The go-live's opening balances in the after-sales reconciliation (售后与总账核对): zero on the
store after the import, a manual entry on the opening account listed as the difference."""

from odoo import Command
from odoo.tests import tagged

from .common import GoliveCase, workbook
from .test_golive_import import PARTS, RECEIVABLES


@tagged("post_install", "-at_install")
class TestGoliveReconciliation(GoliveCase):
    def _import(self):
        # Stock: 10 filters @ 38.50 + 12 oils @ 55 = 385 + 660 = 1 045 元. Receivables: a
        # customer's 3 200 and the manufacturer's 860.50 = 4 060.50 元. Opening account: 5 105.50 元.
        data = workbook(
            {
                "配件库存": [
                    PARTS,
                    ("FS-14152", "机油滤清器", "佛山配件", "", 10, 38.5, self.ago(400).isoformat()),
                    ("FS-1888", "全合成机油 5W-30 4L", "佛山配件 / 油品", "", 12, 55, self.ago(100).isoformat()),
                ],
                "期初应收": [
                    RECEIVABLES,
                    ("客户", "佛山顺风出租车公司", "0757-82221234", "YS-1001", self.ago(20), self.ago(-10), 3200),
                    ("厂家", "佛山丰田", "", "YS-1002", self.ago(430), self.ago(400), 860.5),
                ],
            }
        )
        job = self._job(data)
        job.action_import()
        self.assertEqual(job.state, "done", self._problems(job))
        return job

    def _reconcile(self):
        result = (
            self.env["dealer.reconciliation.analysis"].with_user(self.manager).reconcile(self.golive, self.store.ids)
        )
        return {line["key"]: line for line in result[self.store.id]["lines"]}

    def test_opening_balances_reconcile(self):
        job = self._import()
        lines = self._reconcile()
        self.assertEqual(list(lines), ["unbilled", "receivable", "stock", "opening"])
        figures = {key: (line["aftersales"], line["ledger"], line["difference"]) for key, line in lines.items()}
        self.assertEqual(
            figures,
            {
                "unbilled": (0, 0, 0),
                "receivable": (4060.5, 4060.5, 0),
                "stock": (1045, 1045, 0),
                "opening": (5105.5, 5105.5, 0),
            },
        )
        self.assertFalse([line["documents"] for line in lines.values() if line["documents"]])

        # 100 元 moved off the opening account by hand: the opening line says so, with the entry.
        other = self.Account.create({"code": "399902", "name": "期初调整", "account_type": "equity"})
        misc = self.env["account.journal"].search(
            [("company_id", "=", self.store.id), ("type", "=", "general")], limit=1
        )
        entry = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": misc.id,
                "date": self.golive,
                "line_ids": [
                    Command.create({"name": "期初调整", "account_id": self.opening.id, "debit": 100}),
                    Command.create({"name": "期初调整", "account_id": other.id, "credit": 100}),
                ],
            }
        )
        entry.action_post()
        opening = self._reconcile()["opening"]
        self.assertEqual((opening["aftersales"], opening["ledger"], opening["difference"]), (5105.5, 5005.5, 100))
        self.assertEqual(
            [
                (doc["model"], doc["id"], doc["aftersales"], doc["ledger"], doc["difference"])
                for doc in opening["documents"]
            ],
            [("account.move", entry.id, 0, -100, 100)],
        )
        self.assertTrue(job.entry_ids)
