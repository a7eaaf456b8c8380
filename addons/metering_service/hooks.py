# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Chinese for the messages Field Service and Helpdesk write in their code.

Odoo translates the strings of a module's Python and JavaScript code from that
module's own ``i18n`` folders only, and OCA ``fieldservice`` and
``helpdesk_mgmt`` ship no zh_CN: their errors ("Cannot move to completed from
Kanban") and chatter messages ("Order signed by ...") stayed English in the
suite's Chinese screens, and so did the strings Odoo's own zh_CN of ``mail``
and ``web`` leaves empty ("Search conversations", "Last 7 days"). Their model
and view terms are translated by ``i18n_extra/zh_CN.po``, which Odoo loads with
this addon; their code terms are in ``i18n_upstream/<lang>.po``, added by this
hook to the code translations Odoo reads for them. A translation a module ships
itself always wins.
"""

from odoo.tools import file_open, file_path
from odoo.tools.translate import (
    CodeTranslations,
    code_translations,
    get_base_langs,
    translation_file_reader,
)

UPSTREAM_MODULES = ("fieldservice", "helpdesk_mgmt", "mail", "web")


def _upstream_code_translations(module_name, lang, filter_func):
    """The code translations this addon ships for ``module_name``."""
    translations = {}
    for base_lang in get_base_langs(lang):
        try:
            path = file_path(f"metering_service/i18n_upstream/{base_lang}.po")
        except FileNotFoundError:
            continue
        with file_open(path, mode="rb") as fileobj:
            for row in translation_file_reader(fileobj, fileformat="po"):
                if (
                    row.get("type") == "code"
                    and row.get("module") == module_name
                    and row.get("src")
                    and filter_func(row)
                ):
                    translations[row["src"]] = row["value"]
    return translations


def post_load():
    """Extend Odoo's code translations of the upstream modules, once."""
    original = CodeTranslations._get_code_translations
    if getattr(original, "metering_upstream", False):
        return

    def _get_code_translations(module_name, lang, filter_func):
        translations = original(module_name, lang, filter_func)
        if module_name in UPSTREAM_MODULES:
            translations = {
                **_upstream_code_translations(module_name, lang, filter_func),
                **translations,
            }
        return translations

    _get_code_translations.metering_upstream = True
    CodeTranslations._get_code_translations = staticmethod(_get_code_translations)
    # Translations read before this addon was loaded are read again.
    for cache in (
        code_translations.python_translations,
        code_translations.web_translations,
    ):
        for key in [key for key in cache if key[0] in UPSTREAM_MODULES]:
            del cache[key]
