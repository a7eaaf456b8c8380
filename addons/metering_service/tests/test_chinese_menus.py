# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools.translate import code_translations

from .common import MeteringCommon

LANG = "zh_CN"
# A label that still has Latin letters and no Chinese character is English,
# unless it is one of the codes the metering center writes the same way in
# Chinese: units, device and document codes.
LATIN = re.compile(r"[A-Za-z]")
CHINESE = re.compile(r"[\u3400-\u9fff]")
CODES = re.compile(
    r"^(?:[\d\s.,:;/%()+\-#×·~]|kWh|kW|kVA|kV|V|A|Hz|CT|PT|SIM|GPS|ID|PDF|URL|"
    r"[IVX]+|\d+(?:\.\d+)?S|[A-Z]{1,4}-?\d+[A-Z]?|\d+G)*$"
)
# Attributes of view nodes that the user reads.
LABEL_ATTRIBUTES = ("string", "placeholder", "sum", "confirm")
# Nodes whose text the user reads; ``field`` and ``t`` texts are QWeb or
# domain values, not labels.
TEXT_TAGS = {
    "button",
    "label",
    "span",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "a",
    "strong",
    "small",
    "em",
    "li",
    "td",
    "th",
    "b",
    "i",
    "separator",
    "page",
    "group",
}
ALWAYS_HIDDEN = {"1", "True", "true"}


def untranslated(label):
    """Whether ``label``, as shown in Chinese, is still English."""
    label = (label or "").strip()
    return bool(
        label
        and LATIN.search(label)
        and not CHINESE.search(label)
        and not CODES.match(label)
    )


class ChineseMenuWalker:
    """Walks what a user reaches from his menus, in Chinese: the menu names,
    the names of their actions and, in every view of those actions (list,
    form, kanban, calendar, search, ...), the labels of fields, buttons,
    filters, pages and groups, the selection values of the fields shown and
    the texts of the view. Returns the English labels left, with where they
    are."""

    def _untranslated_on_menus(self, user):
        user = user.with_context(lang=LANG)
        found = set()
        menus = (
            self.env["ir.ui.menu"]
            .with_user(user)
            .with_context(lang=LANG)
            .load_menus(debug=False)
        )
        for menu in menus.values():
            if menu.get("id") is False:
                continue
            where = f"menu {menu.get('xmlid') or menu['id']}"
            if untranslated(menu["name"]):
                found.add((where, menu["name"]))
            if menu["action_model"] == "ir.actions.act_window":
                action = self.env["ir.actions.act_window"].browse(menu["action_id"])
                found |= self._untranslated_in_action(user, action, where)
        return found

    def _untranslated_in_action(self, user, action, where):
        action = action.with_context(lang=LANG).sudo()
        found = set()
        if untranslated(action.name):
            found.add((f"{where}: action name", action.name))
        Model = self.env[action.res_model].with_user(user).with_context(lang=LANG)
        if not Model.has_access("read"):
            return found
        views = list(action.views)
        if not any(view_type == "search" for _view, view_type in views):
            views.append((action.search_view_id.id, "search"))
        result = Model.get_views(views)
        fields_by_model = {
            model: info["fields"] for model, info in result["models"].items()
        }
        for view_type, view in result["views"].items():
            arch = etree.fromstring(view["arch"])
            found |= self._untranslated_in_arch(
                arch,
                action.res_model,
                fields_by_model,
                f"{where}: {view_type} view of {action.res_model}",
            )
        return found

    def _untranslated_in_arch(self, node, model, fields_by_model, where):
        found = set()
        if not isinstance(node.tag, str):
            return found
        if (
            node.get("invisible") in ALWAYS_HIDDEN
            or node.get("column_invisible") in ALWAYS_HIDDEN
        ):
            return found
        fields = fields_by_model.get(model, {})
        for attribute in LABEL_ATTRIBUTES:
            # The string of a view itself is not shown.
            if attribute == "string" and node.getparent() is None:
                continue
            if untranslated(node.get(attribute)):
                found.add((f"{where}: <{node.tag} {attribute}>", node.get(attribute)))
        if node.tag in TEXT_TAGS and untranslated(node.text):
            found.add((f"{where}: <{node.tag}> text", node.text.strip()))
        if untranslated(node.tail) and node.getparent() is not None:
            if node.getparent().tag in TEXT_TAGS:
                found.add((f"{where}: text after <{node.tag}>", node.tail.strip()))
        child_model = model
        if node.tag == "field" and node.get("name") in fields:
            field = fields[node.get("name")]
            if not node.get("string") and untranslated(field.get("string")):
                found.add((f"{where}: field {node.get('name')}", field["string"]))
            # Languages are named in their own words; time zones and codes
            # read the same in every language; a reference field offers every
            # model of the database, named by the addon that brings it.
            selection = (
                ()
                if node.get("name") == "lang" or field.get("type") == "reference"
                else field.get("selection")
            )
            for value, label in selection or ():
                if label != value and untranslated(label):
                    found.add((f"{where}: value of {node.get('name')}", label))
            child_model = field.get("relation") or model
        for child in node:
            found |= self._untranslated_in_arch(
                child, child_model, fields_by_model, where
            )
        return found


@tagged("post_install", "-at_install")
class TestChineseMenus(ChineseMenuWalker, MeteringCommon):
    """The suite's roles work in Chinese: nothing they reach from their
    menus is left in English, the upstream Field Service and Helpdesk
    screens included."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env["res.lang"]._lang_get(LANG):
            cls.env["res.lang"]._activate_lang(LANG)
            cls.env["ir.module.module"].search(
                [("state", "=", "installed")]
            )._update_translations(LANG)
        cls.roles = {
            "clerk": cls.clerk,
            "technician": cls.technician,
            "leader": cls.leader,
            "manager": cls.manager,
        }
        # The roles of the other addons of the suite, when they are installed.
        for role, group in (
            ("records officer", "metering_safety.group_records_officer"),
            ("reception", "metering_showcase.group_reception_team"),
        ):
            if cls.env.ref(group, raise_if_not_found=False):
                cls.roles[role] = cls._create_user(role.replace(" ", "-"), group)
        for user in cls.roles.values():
            user.lang = LANG

    def test_untranslated_helper(self):
        for label in ("Planning", "Assigned To", "Test Location"):
            self.assertTrue(untranslated(label), label)
        for label in ("计划", "10 kV 专变", "kWh", "CT", "0.5S", "II", "", "2.0 %"):
            self.assertFalse(untranslated(label), label)

    def test_every_role_reads_chinese(self):
        for role, user in self.roles.items():
            with self.subTest(role=role):
                found = {}
                for where, label in self._untranslated_on_menus(user):
                    found.setdefault(label, []).append(where)
                if found:
                    self.fail(
                        f"{role}: {len(found)} English labels on the screens of "
                        "the menus:\n"
                        + "\n".join(
                            f"{label!r} ({min(wheres)}"
                            + (
                                f" and {len(wheres) - 1} more"
                                if len(wheres) > 1
                                else ""
                            )
                            + ")"
                            for label, wheres in sorted(found.items())
                        )
                    )

    def test_upstream_messages_in_chinese(self):
        """Field Service's own error, raised by its code, reads in Chinese
        (metering_service's post_load hook adds it to Field Service's code
        translations), and so do its stages."""
        completed = self.env.ref("fieldservice.fsm_stage_completed")
        self.assertEqual(completed.with_context(lang=LANG).name, "已完成")
        order = self.env["fsm.order"].create(
            {"location_id": self._create_location("测试计量点").id}
        )
        with self.assertRaisesRegex(UserError, "不能在看板中直接将工单移到"):
            order.with_context(lang=LANG).write({"stage_id": completed.id})
        with self.assertRaisesRegex(UserError, "Cannot move to completed from Kanban"):
            order.with_context(lang="en_US").write({"stage_id": completed.id})

    def test_web_client_strings_in_chinese(self):
        """The strings of the web client that Odoo's zh_CN leaves empty are
        sent to the browser in Chinese; those it translates are kept."""
        messages = {
            message["id"]: message["string"]
            for module in ("web", "mail")
            for message in code_translations.get_web_translations(module, LANG)[
                "messages"
            ]
        }
        self.assertEqual(messages["Last 7 days"], "最近 7 天")
        self.assertEqual(messages["Search conversations"], "搜索会话")
        self.assertEqual(messages["Starred"], "星标消息")
