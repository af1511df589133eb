"""Merge an addon's exported .pot into its zh_CN.po (see scripts/i18n.sh).

Keeps existing translations, fills new terms from Odoo's own zh_CN catalogues
when the same msgid is translated there, drops terms no longer in the code,
and lists what is left untranslated (exit status 1 if any).
"""

import glob
import os
import sys

import polib


def odoo_translations():
    """msgid -> msgstr from every zh_CN.po of the Odoo source tree."""
    import odoo

    root = os.path.dirname(os.path.dirname(odoo.__file__))
    known = {}
    for path in glob.glob(os.path.join(root, "addons", "*", "i18n", "zh_CN.po")) + glob.glob(
        os.path.join(root, "odoo", "addons", "base", "i18n", "zh_CN.po")
    ):
        for entry in polib.pofile(path):
            if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags:
                known.setdefault(entry.msgid, entry.msgstr)
    return known


def merge(pot_path, po_path):
    pot = polib.pofile(pot_path)
    old = {entry.msgid: entry.msgstr for entry in polib.pofile(po_path)} if os.path.exists(po_path) else {}
    fallback = None
    po = polib.POFile(wrapwidth=pot.wrapwidth)
    po.metadata = dict(pot.metadata, Language="zh_CN", **{"Plural-Forms": "nplurals=1; plural=0;"})
    po.header = pot.header
    missing = []
    for entry in pot:
        msgstr = old.get(entry.msgid, "")
        if not msgstr:
            if fallback is None:
                fallback = odoo_translations()
            msgstr = fallback.get(entry.msgid, "")
        if not msgstr:
            missing.append(entry.msgid)
        po.append(
            polib.POEntry(
                msgid=entry.msgid,
                msgstr=msgstr,
                occurrences=entry.occurrences,
                comment=entry.comment,
                tcomment=entry.tcomment,
                flags=entry.flags,
            )
        )
    po.save(po_path)
    for msgid in missing:
        print(f"untranslated in {po_path}: {msgid!r}")
    return not missing


if __name__ == "__main__":
    sys.exit(0 if merge(sys.argv[1], sys.argv[2]) else 1)
