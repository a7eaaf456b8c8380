# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from lxml import etree

from odoo.fields import Command

from odoo.addons.metering_service.models.fsm_order import FsmOrder

from .common import PIXEL
from .test_checklist import ChecklistCommon


class TestOrderFormQueries(ChecklistCommon):
    """Opening an order's form reads its lists (crew, test points, meters to
    swap, calculations, checklists, briefings) in one query and its files in
    another: the form costs the same queries with a crew of 2 and one
    checklist as with a crew of 5 and three, and shows what the ORM would
    read field by field."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.workers = cls.env["fsm.person"].create(
            [{"name": f"Form worker {i}"} for i in range(5)]
        )
        cls.big_type = cls.env["fsm.order.type"].create(
            {"name": "Thrice checked installation", "internal_type": "fsm"}
        )
        for n in range(3):
            template = cls._template(f"Form checks {n}")
            template.action_publish()
            cls.env["metering.checklist.assignment"].create(
                {
                    "template_id": template.id,
                    "order_type_id": cls.big_type.id,
                    "stage_id": cls.completed.id,
                }
            )

    def _spec(self, model="fsm.order"):
        """The specification the web client reads the form with: its fields,
        the display names of the records they link to, the columns of its
        lists (as bench/gate_bench.py reads it)."""
        views = self.env[model].get_views([(False, "form")])
        models = views["models"]

        def spec_of(node, model):
            fields_info = models[model]["fields"]
            spec = {"display_name": {}}
            for field in node.iter("field"):
                parent = field.getparent()
                while parent is not None and parent is not node:
                    if parent.tag == "field":
                        break
                    parent = parent.getparent()
                if parent is not node and parent is not None:
                    continue  # a column of a sub-list, read with its list
                info = fields_info.get(field.get("name"), {})
                if info.get("type") == "many2one":
                    spec[field.get("name")] = {"fields": {"display_name": {}}}
                elif info.get("type") in ("one2many", "many2many"):
                    sub = next((c for c in field if c.tag in ("list", "kanban")), None)
                    fields_ = (
                        spec_of(sub, info["relation"])
                        if sub is not None and info["relation"] in models
                        else {"display_name": {}}
                    )
                    spec[field.get("name")] = {"fields": fields_, "limit": 40}
                else:
                    spec[field.get("name")] = {}
            return spec

        return spec_of(etree.fromstring(views["views"]["form"]["arch"]), model)

    def _form_order(self, crew, order_type):
        order = self._order(
            type=order_type.id,
            person_id=self.workers[0].id,
            person_ids=[Command.set(self.workers[1:crew].ids)],
            test_point_ids=[
                Command.create({"name": f"Load point {i}", "error_percent": 0.1 * i})
                for i in range(crew)
            ],
        )
        order.paper_record = PIXEL
        order.sudo().signature = PIXEL
        return order

    def _read(self, order, spec, user=None):
        record = order.with_user(user or self.leader)
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        values = record.web_read(spec)
        return values, self.cr.sql_log_count - before

    def test_form_reads_what_the_orm_reads_in_fewer_queries(self):
        order = self._form_order(3, self.big_type)
        self.assertEqual(len(order.checklist_ids), 3)
        spec = self._spec()
        for user in (self.leader, self.manager):
            self._read(order, spec, user)  # warm the registry's caches
            batched, batched_queries = self._read(order, spec, user)
            with patch.object(FsmOrder, "_metering_prefetch_form", lambda *a: None):
                plain, plain_queries = self._read(order, spec, user)
            self.assertEqual(batched, plain)
            lists = [
                name
                for name in spec
                if order._fields[name].type in ("one2many", "many2many")
            ]
            # the lists in one query instead of one each, the files in one
            self.assertLessEqual(batched_queries, plain_queries - (len(lists) - 1) - 1)
        values = batched[0]
        self.assertEqual(
            [worker["id"] for worker in values["person_ids"]], self.workers[1:3].ids
        )
        self.assertEqual(
            [line["id"] for line in values["test_point_ids"]], order.test_point_ids.ids
        )
        self.assertEqual(
            [line["id"] for line in values["checklist_ids"]], order.checklist_ids.ids
        )
        self.assertTrue(values["paper_record"])

    def test_form_queries_constant_as_crew_and_checklists_grow(self):
        small = self._form_order(2, self.order_type)
        large = self._form_order(5, self.big_type)
        self.assertEqual((len(small.checklist_ids), len(large.checklist_ids)), (1, 3))
        spec = self._spec()
        self._read(small, spec)  # warm the registry's caches
        __, count = self._read(small, spec)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(count):
            large.with_user(self.leader).web_read(spec)

    def test_form_of_another_company_lines_hidden_as_before(self):
        """The batched read applies the lists' record rules: a checklist the
        user's companies do not cover is left out, as the ORM leaves it out."""
        order = self._form_order(2, self.big_type)
        hidden = order.checklist_ids[:1]
        # data no screen makes: a checklist of another company on the order
        self.env.cr.execute(
            "UPDATE metering_checklist SET company_id = %s WHERE id = %s",
            (self.other_company.id, hidden.id),
        )
        spec = self._spec()
        batched, __ = self._read(order, spec)
        with patch.object(FsmOrder, "_metering_prefetch_form", lambda *a: None):
            plain, __ = self._read(order, spec)
        self.assertEqual(batched, plain)
        self.assertEqual(
            [line["id"] for line in batched[0]["checklist_ids"]],
            (order.checklist_ids - hidden).ids,
        )
