# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon


class MeteringCommon(BaseCommon):
    """One user per metering role, in the current company, plus a second
    company to prove that records never leak across companies."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.other_company = cls.env["res.company"].create(
            {"name": "Other Metering Center"}
        )
        cls.clerk = cls._create_user("clerk", "metering_service.group_service_clerk")
        cls.technician = cls._create_user(
            "technician", "metering_service.group_field_technician"
        )
        cls.leader = cls._create_user("leader", "metering_service.group_team_leader")
        cls.manager = cls._create_user(
            "manager", "metering_service.group_center_manager"
        )
        cls.internal_user = cls._create_user("internal", "base.group_user")
        # The technician as a Field Service worker: orders are assigned to him
        # through it, and he only works the orders assigned to him.
        cls.technician_person = cls.env["fsm.person"].create(
            {"partner_id": cls.technician.partner_id.id}
        )

    @classmethod
    def _create_user(cls, role, groups, company=None):
        company = company or cls.company
        return new_test_user(
            cls.env,
            login=f"metering-{role}-{company.id}",
            groups=groups,
            company_id=company.id,
            company_ids=[company.id],
        )

    def _visible_menus(self, user):
        """Ids of the menus the user reaches from the home screen."""
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(debug=False)
        return {key for key in menus if isinstance(key, int)}

    @classmethod
    def _create_location(cls, name, company=None):
        company = company or cls.company
        owner = cls.env["res.partner"].create(
            {"name": f"{name} owner", "company_id": company.id}
        )
        return cls.env["fsm.location"].create(
            {"name": name, "owner_id": owner.id, "company_id": company.id}
        )


# A 1×1 PNG: what a photo or a signature of a test answer holds.
PIXEL = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360f8ff3f0005fe02fea7d6a4500000"
        "000049454e44ae426082"
    )
)


def pass_checklists(records):
    """Answer every item of the records' checklists as a crew whose work
    passed would: the delivered checklists guard the completion of an order,
    so a test that completes one answers them first. Items shown on a
    condition appear as earlier answers are given, hence the rounds."""
    checklists = records.sudo().checklist_ids
    for _round in range(10):
        answers = checklists.answer_ids.filtered(
            lambda a: a.is_applicable and a.result == "unanswered"
        )
        if not answers:
            return
        for kind, kind_answers in answers.grouped("kind").items():
            if kind == "number":
                for answer in kind_answers:
                    item = answer.item_id
                    low = item.min_value if item.has_min else item.max_value - 1
                    high = item.max_value if item.has_max else low + 2
                    answer.value_number = (low + high) / 2
            elif kind == "choice":
                for answer in kind_answers:
                    answer.choice_id = answer.item_id.choice_ids.filtered(
                        lambda c: not c.is_failure
                    )[:1]
            elif kind == "photo":
                photo = records.env["ir.attachment"].create(
                    {"name": "photo.png", "datas": PIXEL}
                )
                kind_answers.write({"attachment_ids": [Command.set(photo.ids)]})
            else:
                kind_answers.write(
                    {
                        "pass_fail": {"value_pass_fail": "pass"},
                        "yes_no_na": {"value_yes_no": "yes"},
                        "text": {"value_text": "OK"},
                        "signature": {"signature": PIXEL},
                    }[kind]
                )


class RpcMixin:
    """For HttpCase tests that call the server as a script would, through
    /web/dataset/call_kw, instead of the web client's buttons."""

    def _rpc(self, login, model, method, *args, **kwargs):
        """``model.method(*args, **kwargs)`` as ``login``: the JSON answer."""
        self.authenticate(login, login)
        return self._call_kw(model, method, list(args), kwargs)

    def _call_kw(self, model, method, args, kwargs=None):
        """``model.method(*args, **kwargs)`` in the session authenticated
        last: the JSON answer."""
        return self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "model": model,
                    "method": method,
                    "args": args,
                    "kwargs": kwargs or {},
                },
            },
        ).json()

    def _rpc_error(self, login, model, method, *args, **kwargs):
        """Call ``model.method(*args, **kwargs)`` over JSON-RPC as ``login``
        and return the error the server answered with."""
        with self.assertLogs("odoo.http", "WARNING"):
            response = self._rpc(login, model, method, *args, **kwargs)
        self.assertIn("error", response)
        return response["error"]["data"]
