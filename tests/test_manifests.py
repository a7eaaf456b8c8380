"""The addons follow the suite's conventions (../shared/CONVENTIONS.md)."""

import ast
import pathlib
import re
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
ADDON_DIRS = sorted(p.parent for p in (ROOT / "addons").glob("*/__manifest__.py"))


def _manifest(addon_dir):
    return ast.literal_eval((addon_dir / "__manifest__.py").read_text())


def test_the_four_addons_are_there():
    assert [d.name for d in ADDON_DIRS] == [
        "metering_rotation_queue",
        "metering_safety",
        "metering_service",
        "metering_showcase",
    ]


@pytest.mark.parametrize("addon_dir", ADDON_DIRS, ids=lambda d: d.name)
def test_manifest(addon_dir):
    manifest = _manifest(addon_dir)
    assert re.fullmatch(r"19\.0\.\d+\.\d+\.\d+", manifest["version"])
    assert manifest["license"] == "AGPL-3"
    assert manifest["development_status"] in {
        "Alpha",
        "Beta",
        "Production/Stable",
        "Mature",
    }
    assert "python" in manifest["external_dependencies"]
    assert manifest["installable"]
    for path in manifest.get("data", []) + manifest.get("demo", []):
        assert (addon_dir / path).is_file(), path


def test_dependencies():
    depends = {d.name: set(_manifest(d)["depends"]) for d in ADDON_DIRS}
    assert {"fieldservice", "helpdesk_mgmt", "hr", "mail"} <= depends[
        "metering_service"
    ]
    assert "metering_service" in depends["metering_safety"]
    assert {"metering_service", "calendar"} <= depends["metering_showcase"]


def test_the_queue_job_glue_changes_nothing_without_queue_job():
    """metering_rotation_queue, as OCA's *_queue_job glue addons: installed by
    itself once metering_service and queue_job are, needed by no other addon,
    so that a database without queue_job plans the rotation as before."""
    manifest = _manifest(ROOT / "addons/metering_rotation_queue")
    assert manifest["auto_install"] is True
    assert set(manifest["depends"]) == {"metering_service", "queue_job"}
    for addon_dir in ADDON_DIRS:
        assert "metering_rotation_queue" not in _manifest(addon_dir)["depends"]
        assert "queue_job" not in _manifest(addon_dir)["depends"] or (
            addon_dir.name == "metering_rotation_queue"
        )


@pytest.mark.parametrize("addon_dir", ADDON_DIRS, ids=lambda d: d.name)
def test_addon_files(addon_dir):
    for relative in (
        "static/description/icon.png",
        "readme/DESCRIPTION.md",
        f"i18n/{addon_dir.name}.pot",
        "i18n/zh_CN.po",
        "tests/__init__.py",
    ):
        assert (addon_dir / relative).is_file(), relative


def test_readmes_are_generated_from_their_fragments():
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests/tools/gen_readme.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout


def test_requirements_do_not_list_odoo():
    lines = (ROOT / "requirements.txt").read_text().splitlines()
    names = {re.split(r"[=<>~! ]", line.strip())[0].lower() for line in lines}
    assert "odoo" not in names
    assert {
        "odoo-addon-fieldservice",
        "odoo-addon-helpdesk-mgmt",
        "openupgradelib",
        "xlsxwriter",
        "pytest-odoo",
        "odoo-addon-queue-job",
    } <= names
