"""A fresh machine to a working metering center with the first command: in a fresh
clone, where no interpreter imports Odoo, bin/serve installs Odoo 19.0 into .venv/
from METERING_ODOO_SOURCE, then its requirements and the project's, creates the demo
database and serves it.

The source is an archive of the Odoo 19.0 this test runs on, built on the spot:
the network of the test machines reaches PyPI but not Odoo's servers. pip fetches
Odoo's requirements from PyPI (or the machine's pip cache), which takes a few minutes.
"""

import os
import pathlib
import shutil
import subprocess
import sys
import tarfile

import pytest

import odoo.release

from .test_serve import Server, _assert_clean_log, _pg_env
from .tools.fresh_clone import fresh_clone

BOOTSTRAP_TIMEOUT = 1800  # a cold pip cache on a slow network; usually 3 to 6 minutes


def _odoo_source_root():
    """The source tree (setup.py, requirements.txt, odoo/) of the running Odoo."""
    root = pathlib.Path(odoo.release.__file__).resolve().parents[1]
    if not (root / "setup.py").is_file() or not (root / "requirements.txt").is_file():
        pytest.skip(f"Odoo at {root} is not installed from a source tree")
    return root


def _skip_build_leftovers(member):
    """Leave out what building and running Odoo left in its tree."""
    parts = pathlib.PurePosixPath(member.name).parts
    if member.name.endswith(".pyc") or any(
        part in {"__pycache__", ".git"} or part.endswith(".egg-info") for part in parts
    ):
        return None
    return member


@pytest.fixture(scope="module")
def odoo_archive(tmp_path_factory):
    """Odoo 19.0's source as a tar archive whose top directory is odoo-19.0/,
    the shape of Odoo's official source archives."""
    archive = tmp_path_factory.mktemp("odoo-source") / "odoo_19.0.tar"
    with tarfile.open(archive, "w") as tar:
        tar.add(_odoo_source_root(), arcname="odoo-19.0", filter=_skip_build_leftovers)
    yield archive
    archive.unlink()  # some 270 MB, in a temporary directory pytest keeps


@pytest.fixture
def bare_python(tmp_path):
    """A directory whose python3 cannot import odoo: a virtualenv without packages."""
    venv = tmp_path / "bare-venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True
    )
    return venv / "bin"


@pytest.mark.slow
def test_serve_installs_odoo_on_a_fresh_clone(odoo_archive, bare_python, tmp_path):
    clone = fresh_clone(tmp_path / "repo")
    assert not (clone / ".venv").exists()
    env = {
        key: value
        for key, value in _pg_env().items()
        if key not in {"METERING_PYTHON", "VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME"}
    }
    system_path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    env["PATH"] = f"{bare_python}:{system_path}"  # python3 is the bare one
    env["METERING_ODOO_SOURCE"] = str(odoo_archive)
    without_odoo = subprocess.run(
        ["python3", "-c", "import odoo"], env=env, capture_output=True, check=False
    )
    assert without_odoo.returncode != 0, "python3 imports odoo: nothing to install"

    db = f"metering_bootstrap_{os.getpid()}"
    log_path = tmp_path / "serve.log"
    server = Server(db, log_path, root=clone, env=env)
    try:
        login_page = server.start(timeout=BOOTSTRAP_TIMEOUT)
        assert 'name="login"' in login_page.text
        server.session("manager")  # the demo data is there
    finally:
        server.stop()
        subprocess.run(["dropdb", "--if-exists", db], env=_pg_env(), check=False)

    output = log_path.read_text(encoding="utf-8", errors="replace")
    for step in range(1, 7):
        assert f"==> [{step}/6]" in output, output[-3000:]
    assert "Odoo 19.0 installed in" in output
    assert f"Creating database '{db}'" in output
    venv_python = clone / ".venv" / "bin" / "python"
    version = subprocess.run(
        [str(venv_python), "-c", "import odoo.release as r; print(r.major_version)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert version == "19.0"
    # .venv/ is git-ignored: the clone stays clean
    status = subprocess.run(
        ["git", "status", "--porcelain"],
        cwd=clone,
        capture_output=True,
        text=True,
        check=True,
    )
    assert ".venv" not in status.stdout
    _assert_clean_log(log_path)
    shutil.rmtree(clone / ".venv")  # some 500 MB; kept when the test fails
