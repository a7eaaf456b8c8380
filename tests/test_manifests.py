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


def test_the_three_addons_are_there():
    assert [d.name for d in ADDON_DIRS] == [
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
    } <= names
