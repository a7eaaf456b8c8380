"""Every user-facing string of the suite exists in its addon's .pot and is
translated in zh_CN.po."""

import io
import pathlib
import re

import polib

from odoo.tools.translate import trans_export

from .common import SuiteCase

ADDONS = pathlib.Path(__file__).resolve().parents[1] / "addons"
MODULES = sorted(p.parent.name for p in ADDONS.glob("*/__manifest__.py"))
PLACEHOLDER = re.compile(r"%\(\w+\)[sdfr]|%[sdfr]|\{\w*\}")
# Strings that read the same in every language (accuracy classes, voltages, roman
# numerals, acronyms, report file-name expressions): Odoo drops a translation equal
# to its source, so none is required.
LANGUAGE_NEUTRAL = re.compile(
    r"^[\d\s.,/%()+-]*(?:[IVX]+|[kM]?V|[\d.]+S?)?$"
    r"|^[A-Z]{1,4}$"
    r"|^'[^']*' % object\.\w+$"
)


def _entries(po_file):
    return {(e.msgctxt, e.msgid): e for e in po_file if e.msgid and not e.obsolete}


class TestTranslations(SuiteCase):
    def _current_template(self, module):
        buffer = io.BytesIO()
        trans_export(None, [module], buffer, "po", self.env)
        return polib.pofile(buffer.getvalue().decode())

    def test_pot_files_are_up_to_date(self):
        for module in MODULES:
            with self.subTest(module=module):
                pot_path = ADDONS / module / "i18n" / f"{module}.pot"
                committed = polib.pofile(str(pot_path))
                current = self._current_template(module)
                missing = set(_entries(current)) - set(_entries(committed))
                stale = set(_entries(committed)) - set(_entries(current))
                self.assertFalse(
                    missing or stale,
                    f"{module}.pot is out of date: run bin/i18n-export "
                    f"(missing: {sorted(m[1] for m in missing)}, "
                    f"stale: {sorted(s[1] for s in stale)})",
                )

    def test_zh_cn_is_complete(self):
        for module in MODULES:
            with self.subTest(module=module):
                template = polib.pofile(str(ADDONS / module / "i18n" / f"{module}.pot"))
                catalogue = _entries(
                    polib.pofile(str(ADDONS / module / "i18n" / "zh_CN.po"))
                )
                untranslated = [
                    key[1]
                    for key in _entries(template)
                    if not LANGUAGE_NEUTRAL.match(key[1])
                    and (
                        key not in catalogue
                        or not catalogue[key].msgstr.strip()
                        or "fuzzy" in catalogue[key].flags
                    )
                ]
                self.assertFalse(
                    untranslated,
                    f"{module}: untranslated in zh_CN.po: {untranslated}",
                )

    def test_zh_cn_keeps_placeholders(self):
        for module in MODULES:
            catalogue = polib.pofile(str(ADDONS / module / "i18n" / "zh_CN.po"))
            for entry in catalogue.translated_entries():
                with self.subTest(module=module, msgid=entry.msgid):
                    self.assertEqual(
                        sorted(PLACEHOLDER.findall(entry.msgid)),
                        sorted(PLACEHOLDER.findall(entry.msgstr)),
                    )
