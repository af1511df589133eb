"""Every user-facing string of every addon has a zh_CN translation, and the
catalogues cover what the code says today (refresh with scripts/i18n.sh)."""

from pathlib import Path

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

ADDONS = Path(__file__).resolve().parent.parent / "addons"


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    def _catalogue(self, module):
        po = polib.pofile(str(ADDONS / module / "i18n" / "zh_CN.po"))
        return {entry.msgid: entry.msgstr for entry in po if not entry.obsolete and "fuzzy" not in entry.flags}

    def test_catalogues_complete_and_current(self):
        # Every addon of the product: each ships zh_CN.
        modules = sorted(path.name for path in ADDONS.iterdir() if (path / "__manifest__.py").exists())
        self.assertIn("dealer_golive", modules)
        for module in modules:
            with self.subTest(module=module):
                catalogue = self._catalogue(module)
                untranslated = sorted(msgid for msgid, msgstr in catalogue.items() if not msgstr.strip())
                self.assertEqual(untranslated, [], f"{module}: untranslated terms")
                reader = TranslationModuleReader(self.env.cr, modules=[module])
                terms = {source for (_module, _type, _name, _res_id, source, _value, _comments) in reader if source}
                self.assertEqual(sorted(terms - set(catalogue)), [], f"{module}: terms missing from zh_CN.po")

    def test_chinese_is_served(self):
        """The translations are loaded: menus, fields and KPI names read in Chinese."""
        env = self.env(context={"lang": "zh_CN"})
        self.assertEqual(env.ref("dealer_aftersales.dealer_aftersales_menu_root").name, "售后服务")
        self.assertEqual(env["dealer.vehicle"]._fields["vin"].get_description(env)["string"], "车架号（VIN）")
        self.assertEqual(env.ref("dealer_kpi.kpi_parts_turnover_rate").name, "库存周转率")
        self.assertEqual(env.ref("dealer_kpi.kpi_first_time_fix_rate").name, "一次修复率")
