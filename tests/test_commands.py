"""When Odoo 19 cannot be had, the README's two commands stop at once and say
what to do: with METERING_PYTHON set to an interpreter without Odoo 19 (which
they use as it is), and when the Odoo source they would install from is missing.
That they do install Odoo when they can is tested in test_bootstrap.py."""

import pathlib
import subprocess
import sys

import pytest

from .tools.fresh_clone import fresh_clone

ROOT = pathlib.Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def python_without_odoo(tmp_path_factory):
    """An interpreter that cannot import odoo: a bare virtualenv."""
    venv = tmp_path_factory.mktemp("no-odoo-venv")
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True
    )
    return str(venv / "bin" / "python")


@pytest.fixture(scope="module")
def python_with_odoo_18(tmp_path_factory):
    """An interpreter whose odoo package says it is 18.0."""
    root = tmp_path_factory.mktemp("fake-odoo-18")
    (root / "odoo").mkdir()
    (root / "odoo" / "__init__.py").write_text("")
    (root / "odoo" / "release.py").write_text("major_version = '18.0'\n")
    script = root / "python"
    script.write_text(
        f'#!/bin/sh\nPYTHONPATH="{root}" exec "{sys.executable}" -S "$@"\n'
    )
    script.chmod(0o755)
    return str(script)


@pytest.mark.parametrize("command", ["bin/serve", "bin/test"])
def test_commands_stop_without_odoo(command, python_without_odoo):
    result = subprocess.run(
        [str(ROOT / command)],
        env={"PATH": "/usr/bin:/bin", "METERING_PYTHON": python_without_odoo},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "Odoo 19.0 is needed" in result.stderr
    assert "cannot import odoo" in result.stderr
    assert "unset METERING_PYTHON" in result.stderr and "docker" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize("command", ["bin/serve", "bin/test"])
def test_commands_stop_with_another_odoo_version(command, python_with_odoo_18):
    result = subprocess.run(
        [str(ROOT / command)],
        env={"PATH": "/usr/bin:/bin", "METERING_PYTHON": python_with_odoo_18},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "imports Odoo 18.0, and this suite needs 19.0" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    return fresh_clone(tmp_path_factory.mktemp("clone") / "repo")


@pytest.mark.parametrize("command", ["bin/serve", "bin/test"])
def test_commands_stop_when_the_odoo_source_is_missing(
    command, clone, python_without_odoo, tmp_path
):
    """No Odoo anywhere, so the command installs it: from a source that is not
    there. It names the step and the setting, and leaves no .venv/ behind."""
    missing = tmp_path / "odoo_19.0.latest.tar.gz"
    bare_bin = pathlib.Path(python_without_odoo).parent  # python3 without odoo
    result = subprocess.run(
        [str(clone / command)],
        env={"PATH": f"{bare_bin}:/usr/bin:/bin", "METERING_ODOO_SOURCE": str(missing)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "installing it into" in result.stdout
    assert "failed at step 1/6 (the Odoo source)" in result.stderr
    assert f"METERING_ODOO_SOURCE='{missing}' does not exist" in result.stderr
    assert "nightly.odoo.com/19.0" in result.stderr  # the official default
    assert "Traceback" not in result.stderr + result.stdout
    assert not (clone / ".venv").exists()
