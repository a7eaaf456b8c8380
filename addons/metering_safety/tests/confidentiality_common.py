# Copyright 2026 Metering Compliance Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
from datetime import timedelta

from PIL import Image
from reportlab.pdfgen import canvas

from odoo import Command, fields

from odoo.addons.metering_service.tests.common import MeteringCommon


def sample_pdf(text="Metering statistics 2026"):
    packet = io.BytesIO()
    can = canvas.Canvas(packet)
    can.drawString(72, 720, text)
    can.showPage()
    can.save()
    return packet.getvalue()


def sample_png(size=(120, 80), color=(255, 255, 255)):
    output = io.BytesIO()
    Image.new("RGB", size, color).save(output, format="PNG")
    return output.getvalue()


class ConfidentialityCommon(MeteringCommon):
    """A document store of its own: a storage, an access group with every
    role, and a directory tree with one document of each level."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = cls._create_user(
            "records", "metering_safety.group_records_officer"
        )
        # The tests read level names in English (the database may have
        # zh_CN only): in the records, the tours and the watermarks.
        cls.env["res.lang"]._activate_lang("en_US")
        (
            cls.officer | cls.clerk | cls.technician | cls.leader | cls.manager
        ).lang = "en_US"
        cls.public = cls.env.ref("metering_safety.classification_level_public")
        cls.internal = cls.env.ref("metering_safety.classification_level_internal")
        cls.confidential = cls.env.ref(
            "metering_safety.classification_level_confidential"
        )
        cls.secret = cls.env.ref("metering_safety.classification_level_secret")
        cls.storage = cls.env["dms.storage"].create(
            {"name": "Metering center store", "save_type": "database"}
        )
        cls.everyone = cls.env["dms.access.group"].create(
            {
                "name": "Metering center",
                "perm_create": True,
                "perm_write": True,
                "perm_unlink": True,
                "explicit_user_ids": [
                    Command.set(
                        (
                            cls.clerk
                            | cls.technician
                            | cls.manager
                            | cls.officer
                            | cls.leader
                        ).ids
                    )
                ],
            }
        )
        # Every role uploads and reads through the dms user group.
        cls.env.ref("dms.group_dms_user").user_ids = [
            Command.link(u.id) for u in (cls.clerk, cls.technician, cls.manager)
        ]
        cls.root = cls.env["dms.directory"].create(
            {
                "name": "计量中心",
                "is_root_directory": True,
                "storage_id": cls.storage.id,
                "group_ids": [Command.link(cls.everyone.id)],
                "classification_level_id": cls.public.id,
            }
        )
        cls.dir_internal = cls._directory("内部资料", cls.internal)
        cls.dir_secret = cls._directory("机密资料", cls.secret)
        cls.public_file = cls._file("展厅介绍.pdf", cls.root, cls.public)
        cls.internal_file = cls._file("班组计划.pdf", cls.dir_internal, cls.internal)
        cls.secret_file = cls._file("CLASSIFIED-relay-settings.pdf", cls.dir_secret)
        cls.secret_image = cls._file(
            "CLASSIFIED-substation-map.png", cls.dir_secret, content=sample_png()
        )
        cls.tomorrow = fields.Date.today() + timedelta(days=1)

    @classmethod
    def _directory(cls, name, level, parent=None):
        return cls.env["dms.directory"].create(
            {
                "name": name,
                "parent_id": (parent or cls.root).id,
                "classification_level_id": level.id,
            }
        )

    @classmethod
    def _file(cls, name, directory, level=None, content=None):
        vals = {
            "name": name,
            "directory_id": directory.id,
            "content": base64.b64encode(content or sample_pdf()),
        }
        if level:
            vals["classification_level_id"] = level.id
        return cls.env["dms.file"].create(vals)

    @classmethod
    def _grant(cls, user, record, access="read", approve=True, expiry=None):
        field = "file_id" if record._name == "dms.file" else "directory_id"
        grant = (
            cls.env["metering.document.grant"]
            .with_user(cls.officer)
            .create(
                {
                    field: record.id,
                    "user_id": user.id,
                    "access": access,
                    "reason": "Relay protection review",
                    "date_expiry": expiry or fields.Date.today() + timedelta(days=5),
                }
            )
        )
        if approve:
            grant.action_approve()
        return grant

    def _logs(self, dms_file, user):
        return self.env["metering.document.access.log"].search(
            [("file_id", "=", dms_file.id), ("user_id", "=", user.id)]
        )
