# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from collections import defaultdict

from odoo import fields, models
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger

from ..models.metering_earned_mixin import is_suite_field
from .common import RpcMixin

SAMPLE_PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n").decode()


class EarnedFieldsCommon:
    """Finds the fields to check by introspection, and one user per role of
    the suite (every group of the metering_* addons), whose password is his
    login."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = cls.env["ir.model.data"].search(
            [("model", "=", "res.groups"), ("module", "=like", "metering\\_%")]
        )
        cls.users = [
            new_test_user(
                cls.env,
                login=f"earned-{data.module}-{data.name}",
                password=f"earned-{data.module}-{data.name}",
                groups=f"{data.module}.{data.name}",
            )
            for data in groups
        ]

    def _editable_fields(self):
        """(model, field, sample value) of every checked field that its model
        does not declare user-editable."""
        for Model in self._suite_models():
            editable = set(getattr(Model, "_metering_user_editable", ()))
            for field in self._checked_fields(Model):
                if field.name in editable:
                    continue
                value = self._sample_value(field)
                if value is not None:
                    yield Model, field, value

    def _suite_models(self):
        for name in self.env.registry:
            Model = self.env[name]
            if Model._abstract or Model._transient or not Model._auto:
                continue
            if any(is_suite_field(field) for field in Model._fields.values()):
                yield Model

    def _view_readonly_fields(self, Model):
        """Fields that a form or list view of the model shows read-only for
        good (readonly="1" / "True")."""
        names = set()
        views = self.env["ir.ui.view"].search(
            [("model", "=", Model._name), ("type", "in", ("form", "list"))]
        )
        for view in views:
            for node in view._get_combined_arch().iter("field"):
                parent_field = next(
                    (a for a in node.iterancestors() if a.tag == "field"), None
                )
                if parent_field is None and node.get("readonly") in ("1", "True"):
                    names.add(node.get("name"))
        return names

    def _checked_fields(self, Model):
        view_readonly = self._view_readonly_fields(Model)
        for name, field in Model._fields.items():
            if (
                not (field.store and is_suite_field(field))
                or field.type == "one2many"
                or name in models.LOG_ACCESS_COLUMNS
            ):
                continue
            shown_readonly = field.readonly or name in view_readonly
            protected = (
                Model._metering_is_earned(field)
                if hasattr(Model, "_metering_is_earned")
                else False
            )
            if shown_readonly or protected:
                yield field

    def _sample_value(self, field):
        if field.type == "many2one":
            return self.env[field.comodel_name].sudo().search([], limit=1).id or None
        if field.type == "many2many":
            record = self.env[field.comodel_name].sudo().search([], limit=1)
            return [fields.Command.set(record.ids)]
        if field.type == "selection":
            selection = field._description_selection(self.env)
            return selection[-1][0] if selection else None
        return {
            "boolean": True,
            "char": "forged",
            "text": "forged",
            "html": "<p>forged</p>",
            "integer": 7,
            "float": 7.0,
            "monetary": 7.0,
            "date": fields.Date.today(),
            "datetime": fields.Datetime.now(),
            "binary": SAMPLE_PNG,
            "image": SAMPLE_PNG,
        }.get(field.type)


@tagged("post_install", "-at_install")
class TestEarnedFields(EarnedFieldsCommon, TransactionCase):
    """Every stored field of the suite's models that the web client shows
    read-only, or that the protection mechanism protects, is refused to every
    role of the suite over create, write and import, unless its model declares
    it user-editable. The fields are found by introspection: a field added
    later is covered without touching this test."""

    def _refused(self, method, vals):
        """Whether the call is refused by the field access check (any other
        outcome, an error included, means the field itself is not guarded)."""
        try:
            with self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                method(vals)
        except AccessError:
            return True
        except Exception:  # noqa: BLE001 - any other outcome is a finding
            return False
        return False

    def _import_row(self, field, value):
        """An import file's header and row that give the field this value."""
        if field.type == "many2one":
            return [f"{field.name}/.id"], [[str(value)]]
        if field.type == "many2many":
            return [f"{field.name}/.id"], [[",".join(map(str, value[0][2]))]]
        if field.type in ("date", "datetime"):
            return [field.name], [[fields.Datetime.to_string(value)[:10]]]
        return [field.name], [[str(value)]]

    def test_read_only_fields_are_earned(self):
        unprotected = defaultdict(set)
        checked = 0
        for Model, field, value in self._editable_fields():
            for user in self.users:
                checked += 1
                as_user = Model.with_user(user)
                label = f"{Model._name}.{field.name}"
                if as_user.fields_get([field.name])[field.name].get(
                    "readonly"
                ) is not True and as_user._has_field_access(field, "read"):
                    unprotected[label].add("shown editable")
                if not as_user.has_access("create") and not as_user.has_access("write"):
                    continue
                if not self._refused(as_user.create, {field.name: value}):
                    unprotected[label].add(f"created by {user.login}")
                record = Model.sudo().search([], limit=1).with_user(user)
                if record and record.has_access("write"):
                    if not self._refused(record.write, {field.name: value}):
                        unprotected[label].add(f"written by {user.login}")
                if as_user.has_access("create"):
                    with mute_logger("odoo.sql_db"):
                        result = as_user.load(*self._import_row(field, value))
                    if result["ids"]:
                        unprotected[label].add(f"imported by {user.login}")
        self.assertGreater(checked, 100, "the introspection found the fields")
        self.assertFalse(
            dict(unprotected),
            "read-only fields that a user can write or sees editable",
        )


@tagged("post_install", "-at_install")
class TestEarnedFieldsRpc(EarnedFieldsCommon, RpcMixin, HttpCase):
    """The same fields, written over real JSON-RPC (/web/dataset/call_kw) by
    every role that may write the record: each call is refused with an access
    error and the database row is left as it was."""

    def _minimal_record(self, Model):
        """A record of a model the database has none of, made of sample
        values for its required fields; none when that is not enough."""
        vals = {
            name: self._sample_value(field)
            for name, field in Model._fields.items()
            if field.required and field.store and name not in Model.default_get([name])
        }
        try:
            with self.env.cr.savepoint(), mute_logger("odoo.sql_db"):
                return Model.sudo().create(vals)
        except Exception:  # noqa: BLE001 - a model whose rules need real data
            return Model.browse()

    def test_read_only_fields_refused_over_json_rpc(self):
        written, checked = [], 0
        targets = defaultdict(list)
        for Model, field, value in self._editable_fields():
            record = Model.sudo().search([], limit=1) or self._minimal_record(Model)
            if record:
                targets[record].append((field, value))
        for user in self.users:
            self.authenticate(user.login, user.login)
            for record, field_values in targets.items():
                for field, value in field_values:
                    checked += 1
                    record.invalidate_recordset()
                    before = record.read([field.name])
                    if field.type in ("date", "datetime"):
                        value = fields.Datetime.to_string(value)[: len("2026-01-01")]
                    with mute_logger("odoo.http", "odoo.sql_db"):
                        response = self._call_kw(
                            record._name, "write", [record.ids, {field.name: value}]
                        )
                    record.invalidate_recordset()
                    error = response.get("error", {}).get("data", {}).get("name")
                    if (
                        error != "odoo.exceptions.AccessError"
                        or record.read([field.name]) != before
                    ):
                        written.append(f"{record._name}.{field.name} by {user.login}")
        self.assertGreater(checked, 50, "the introspection found the fields")
        self.assertFalse(written, "read-only fields written over JSON-RPC")
