# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The visitors' pages, without the website module: a hall's request link
(its token) opens the request form; each visit's link (its token) shows the
visit, lets the contact accept a proposed slot and, after the visit, give
the feedback."""

from datetime import datetime

from pytz import timezone, utc

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from ..models.metering_showcase_visit import FEEDBACK_ASPECTS

REQUEST_FIELDS = (
    "organisation",
    "contact_name",
    "email",
    "phone",
    "visitor_count",
    "level",
    "language",
    "start",
    "duration",
    "purpose",
    "special_needs",
)


class ShowcaseController(http.Controller):
    def _visit(self, visit_id, token):
        visit = request.env["metering.showcase.visit"]._by_token(visit_id, token)
        if not visit:
            raise request.not_found()
        return visit

    @http.route(
        "/showcase/request/<string:token>",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        sitemap=False,
        website=True,
    )
    def visit_request(self, token, **post):
        hall = request.env["metering.showcase.hall"]._by_request_token(token)
        if not hall:
            raise request.not_found()
        Visit = request.env["metering.showcase.visit"].sudo()
        values = {
            "hall": hall,
            "post": post,
            "error": False,
            "level_options": Visit._fields["level"]._description_selection(request.env),
            "language_options": Visit._fields["language"]._description_selection(
                request.env
            ),
        }
        if request.httprequest.method != "POST":
            return request.render("metering_showcase.visit_request_page", values)
        try:
            with request.env.cr.savepoint():
                visit = self._create_request(hall, post)
        except (UserError, ValidationError, ValueError) as error:
            values["error"] = str(error.args[0] if error.args else error)
            return request.render("metering_showcase.visit_request_page", values)
        return request.redirect(f"/showcase/visit/{visit.id}/{visit.access_token}")

    def _create_request(self, hall, post):
        env = request.env
        missing = [
            name
            for name in ("organisation", "contact_name", "email", "start")
            if not (post.get(name) or "").strip()
        ]
        if missing:
            raise UserError(env._("Please fill in every required field."))
        tz = timezone(hall.resource_calendar_id.tz or "UTC")
        start = (
            tz.localize(datetime.strptime(post["start"][:16], "%Y-%m-%dT%H:%M"))
            .astimezone(utc)
            .replace(tzinfo=None)
        )
        Partner = env["res.partner"].sudo()
        organisation = Partner.create(
            {"name": post["organisation"].strip(), "is_company": True}
        )
        contact = Partner.create(
            {
                "name": post["contact_name"].strip(),
                "email": post["email"].strip(),
                "phone": (post.get("phone") or "").strip() or False,
                "parent_id": organisation.id,
                "lang": env.lang,
            }
        )
        levels = dict(env["metering.showcase.visit"]._fields["level"].selection)
        languages = dict(env["metering.showcase.visit"]._fields["language"].selection)
        visit = (
            env["metering.showcase.visit"]
            .sudo()
            .with_company(hall.company_id)
            .create(
                {
                    "hall_id": hall.id,
                    "company_id": hall.company_id.id,
                    "organisation_id": organisation.id,
                    "contact_id": contact.id,
                    "visitor_count": int(post.get("visitor_count") or 1),
                    "level": post.get("level")
                    if post.get("level") in levels
                    else "other",
                    "language": (
                        post.get("language")
                        if post.get("language") in languages
                        else "zh"
                    ),
                    "start": start,
                    "duration": float(post.get("duration") or 1.5),
                    "purpose": post.get("purpose") or False,
                    "special_needs": post.get("special_needs") or False,
                    "lead_id": hall.lead_id.id,
                }
            )
        )
        visit.message_subscribe(partner_ids=contact.ids)
        visit.message_post(
            body=env._("Requested through the public request form."),
            subtype_xmlid="mail.mt_note",
        )
        if hall.lead_id:
            visit.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=env._("Answer the visit request"),
                user_id=hall.lead_id.id,
            )
        return visit

    @http.route(
        "/showcase/visit/<int:visit_id>/<string:token>",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
        website=True,
    )
    def visit_page(self, visit_id, token, **kw):
        visit = self._visit(visit_id, token)
        return request.render(
            "metering_showcase.visit_status_page",
            {"visit": visit, "token": token, "error": False},
        )

    @http.route(
        "/showcase/visit/<int:visit_id>/<string:token>/accept",
        type="http",
        auth="public",
        methods=["POST"],
        sitemap=False,
        website=True,
    )
    def visit_accept(self, visit_id, token, **kw):
        visit = self._visit(visit_id, token)
        error = False
        try:
            with request.env.cr.savepoint():
                visit._visitor_accept_proposal()
        except (UserError, ValidationError) as exc:
            error = str(exc.args[0])
        return request.render(
            "metering_showcase.visit_status_page",
            {"visit": visit, "token": token, "error": error},
        )

    @http.route(
        "/showcase/visit/<int:visit_id>/<string:token>/feedback",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        sitemap=False,
        website=True,
    )
    def visit_feedback(self, visit_id, token, **post):
        visit = self._visit(visit_id, token)
        values = {
            "visit": visit,
            "token": token,
            "error": False,
            "done": False,
            "aspects": [
                (name, visit._fields[name]._description_string(request.env))
                for name in FEEDBACK_ASPECTS
            ],
        }
        if request.httprequest.method == "POST":
            try:
                with request.env.cr.savepoint():
                    visit._visitor_feedback(post)
                values["done"] = True
            except (UserError, ValidationError) as exc:
                values["error"] = str(exc.args[0])
        return request.render("metering_showcase.visit_feedback_page", values)
