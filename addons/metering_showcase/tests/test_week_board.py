# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tools.safe_eval import safe_eval

from .common import ShowcaseCommon, local


class TestShowcaseWeekBoard(ShowcaseCommon):
    """The lead's week board: per visit the roles to staff, the readiness
    items that block its start and its conflicts, in a fixed number of
    queries."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leave_type = cls.env["hr.leave.type"].create(
            {
                "name": "Day Off",
                "requires_allocation": False,
                "leave_validation_type": "no_validation",
            }
        )

    def _day_off(self, employee, day):
        leave = self.env["hr.leave"].create(
            {
                "employee_id": employee.id,
                "holiday_status_id": self.leave_type.id,
                "request_date_from": day,
                "request_date_to": day,
            }
        )
        if leave.state != "validate":
            leave._action_validate()
        return leave

    def test_board_names_what_each_visit_needs(self):
        visit = self._confirmed(local(0, 10))
        Visit = self.env["metering.showcase.visit"].with_user(self.reception)
        board = Visit.browse(visit.id)
        self.assertEqual(board.unstaffed_role_count, 2)
        self.assertIn(self.role_narrating.name, board.unstaffed_role_names)
        self.assertIn(self.role_script.name, board.unstaffed_role_names)
        self.assertGreater(board.blocking_item_count, 0)
        self.assertIn("Narration script revised and approved", board.blocking_items)
        self.assertFalse(board.conflicts)
        self.assertTrue(board.needs_attention)
        # staffed and ready: nothing left to do
        self._assign(visit, self.role_narrating, self.narrator2)
        self._assign(visit, self.role_script, self.writer)
        self._pass_checklists(visit)
        board.invalidate_recordset()
        self.assertEqual(board.unstaffed_role_count, 0)
        self.assertFalse(board.unstaffed_role_names)
        self.assertEqual(board.blocking_item_count, 0)
        self.assertFalse(board.needs_attention)
        self.assertNotIn(board, Visit.search([("needs_attention", "=", True)]))
        self.assertIn(board, Visit.search([("needs_attention", "=", False)]))

    def test_time_off_approved_after_the_assignment_is_a_conflict(self):
        visit = self._confirmed(local(0, 10))
        self._assign(visit, self.role_narrating, self.narrator)
        visit.invalidate_recordset()
        self.assertFalse(visit.conflicts)
        self._day_off(self.narrator, "2027-03-03")
        visit.invalidate_recordset()
        self.assertEqual(visit.conflict_count, 1)
        self.assertIn("Narrator Wang", visit.conflicts)
        self.assertIn("time off", visit.conflicts)
        self.assertIn(
            visit,
            self.env["metering.showcase.visit"]
            .with_user(self.reception)
            .search([("needs_attention", "=", True)]),
        )

    def test_request_on_a_taken_slot_is_a_conflict(self):
        held = self._confirmed(local(0, 10))
        request = self._visit(local(0, 11))
        self.assertEqual(request.conflict_count, 1)
        self.assertIn(held.name, request.conflicts)
        self.assertFalse(held.conflicts)

    def test_board_is_computed_in_batch(self):
        """The board costs the same queries for 2 visits as for 8."""
        days = (0, 1, 2, 5, 6, 7, 8, 9)
        visits = self.env["metering.showcase.visit"]
        for day in days:
            visit = self._confirmed(local(day, 10))
            self._assign(visit, self.role_narrating, self.narrator)
            visits |= visit
        self._day_off(self.narrator, "2027-03-04")

        def queries(records):
            records = records.with_user(self.reception)
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            records.mapped("conflicts")
            records.mapped("needs_attention")
            return self.env.cr.sql_log_count - before

        few = queries(visits[:2])
        many = queries(visits)
        self.assertLessEqual(many, few)
        self.assertIn("time off", visits[1].conflicts)

    def test_reception_lands_on_the_week_board(self):
        board = self.env.ref(
            "metering_showcase.metering_showcase_visit_action_week_board"
        )
        action = self.reception._metering_home_action()
        self.assertEqual(action["id"], board.id)
        context = safe_eval(board.context)
        self.assertTrue(context["search_default_this_week"])
        views = (
            self.env["metering.showcase.visit"]
            .with_user(self.reception)
            .get_views(
                [(view.view_id.id, view.view_mode) for view in board.view_ids]
                + [(False, "search")]
            )
        )
        self.assertIn("needs_attention", views["views"]["search"]["arch"])
        self.assertIn("unstaffed_role_names", views["views"]["kanban"]["arch"])
        visible = self._visible_menus(self.reception)
        self.assertIn(
            self.env.ref(
                "metering_showcase.metering_showcase_visit_menu_week_board"
            ).id,
            visible,
        )
        self.assertNotIn(
            self.env.ref(
                "metering_showcase.metering_showcase_visit_menu_week_board"
            ).id,
            self._visible_menus(self.technician),
        )
