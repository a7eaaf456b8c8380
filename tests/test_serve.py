"""bin/serve end to end, as a newcomer runs it: a database with the suite and
its demo data is created and served on loopback, the demo logins work, a second
run keeps the data of the first, the reports print as PDFs in Chinese; then each
addon can be uninstalled and installed again in that database."""

import os
import pathlib
import shutil
import signal
import socket
import subprocess
import sys
import time

import pytest
import requests

from .tools import check_log

ROOT = pathlib.Path(__file__).resolve().parents[1]

DEMO_LOGINS = [
    "admin",
    "clerk",
    "technician",
    "technician2",
    "leader",
    "manager",
    "reception",
    "records",
]
START_TIMEOUT = 300


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _psql(*args):
    return subprocess.run(
        ["psql", "-d", "postgres", "-tAc", *args],
        capture_output=True,
        text=True,
        check=True,
        env=_pg_env(),
    ).stdout.strip()


def _pg_env():
    env = dict(os.environ)
    env.update(
        PGHOST=os.environ.get("METERING_DB_HOST", "127.0.0.1"),
        PGPORT=os.environ.get("METERING_DB_PORT", "5432"),
        PGUSER=os.environ.get("METERING_DB_USER", "odoo"),
        PGPASSWORD=os.environ.get("METERING_DB_PASSWORD", "odoo"),
    )
    return env


class Server:
    """bin/serve of the repository at ``root`` (this one by default), run with
    the environment ``env`` (this process's by default)."""

    def __init__(self, db, log_path, root=ROOT, env=None):
        self.db, self.log_path = db, log_path
        self.root, self.env = pathlib.Path(root), env
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self, timeout=START_TIMEOUT):
        with open(self.log_path, "a", encoding="utf-8") as log:
            command = [str(self.root / "bin/serve"), "--db", self.db]
            self.process = subprocess.Popen(
                [*command, "--port", str(self.port)],
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                env=self.env,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log_path.read_text()[-3000:]
            try:
                response = requests.get(f"{self.url}/web/login", timeout=5)
            except requests.ConnectionError:
                response = None  # not listening yet
            if response is not None and response.status_code == 200:
                return response
            time.sleep(1)
        raise AssertionError(f"bin/serve did not answer within {timeout}s")

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def session(self, login, password=None):
        session = requests.Session()
        response = session.post(
            f"{self.url}/web/session/authenticate",
            json={
                "jsonrpc": "2.0",
                "params": {
                    "db": self.db,
                    "login": login,
                    "password": password or login,
                },
            },
            timeout=30,
        ).json()
        assert "error" not in response, response
        assert response["result"]["uid"], response
        return session

    def call(self, session, model, method, *args, **kwargs):
        response = session.post(
            f"{self.url}/web/dataset/call_kw/{model}/{method}",
            json={
                "jsonrpc": "2.0",
                "params": {
                    "model": model,
                    "method": method,
                    "args": list(args),
                    "kwargs": kwargs,
                },
            },
            timeout=60,
        ).json()
        assert "error" not in response, response
        return response["result"]


@pytest.fixture(scope="module")
def served_db(tmp_path_factory):
    db = f"metering_serve_{os.getpid()}"
    assert _psql(f"SELECT count(*) FROM pg_database WHERE datname = '{db}'") == "0"
    log_path = tmp_path_factory.mktemp("serve") / "serve.log"
    yield db, log_path
    subprocess.run(["dropdb", "--if-exists", db], env=_pg_env(), check=False)


def _assert_clean_log(path):
    unexpected = check_log.unexpected_records(
        path, check_log.read_allowlist(ROOT / "tests" / "log-allowlist.txt")
    )
    assert not unexpected, "\n".join("\n".join(r) for r in unexpected)


def test_serve_twice_keeps_data(served_db):
    db, log_path = served_db
    server = Server(db, log_path)
    try:
        login_page = server.start()
        assert 'name="login"' in login_page.text
        for login in DEMO_LOGINS:
            server.session(login, "admin" if login == "admin" else login)
        manager = server.session("manager")
        server.call(
            manager,
            "res.partner",
            "create",
            [{"name": "Kept across restarts"}],
        )
    finally:
        server.stop()

    server = Server(db, log_path)
    try:
        server.start()
        found = server.call(
            server.session("manager"),
            "res.partner",
            "search_count",
            [("name", "=", "Kept across restarts")],
        )
        assert found == 1
    finally:
        server.stop()
    output = log_path.read_text()
    assert output.count("Creating database") == 1
    assert f"Database '{db}' exists: serving it as it is" in output
    assert "Demo logins" in output
    _assert_clean_log(log_path)


# The PDFs a Chinese-speaking center hands out: (report, demo record, its title in
# zh_CN, the field that names whom it is about).
CHINESE_PDFS = [
    (
        "metering_service.report_energy_adjustment",
        "metering_service.metering_energy_adjustment_demo_resident",  # 李明's dispute
        "退补电量计算书",
        "partner_id",
    ),
    (
        "metering_safety.report_safety_briefing",
        "metering_safety.metering_safety_briefing_demo_textile",
        "现场安全会",
        "leader_id",
    ),
]


def _pdf_text_and_fonts(pdf, path):
    """The text of a PDF and the list of its fonts (poppler-utils, which bin/test
    installs)."""
    assert shutil.which("pdftotext"), "pdftotext missing: apt-get install poppler-utils"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    fonts = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return text, fonts


def test_reports_print_as_chinese_pdfs(served_db, tmp_path):
    """The refund / make-up statement and the briefing record, printed by a user
    who works in Chinese, are real PDFs (wkhtmltopdf) whose text is Chinese, set
    in an embedded Simplified Chinese font rather than empty boxes."""
    db, log_path = served_db
    server = Server(db, log_path)
    try:
        server.start()
        # the administrator's login points web.base.url at this server, where
        # wkhtmltopdf fetches the report's styles
        admin = server.session("admin", "admin")
        manager = server.session("manager")  # 刘敏 works in zh_CN
        for report, xmlid, title, name_field in CHINESE_PDFS:
            module, name = xmlid.split(".")
            [data] = server.call(
                admin,
                "ir.model.data",
                "search_read",
                [("module", "=", module), ("name", "=", name)],
                fields=["model", "res_id"],
            )
            [record] = server.call(
                manager, data["model"], "read", [data["res_id"]], [name_field]
            )
            who = record[name_field][1]
            response = manager.get(
                f"{server.url}/report/pdf/{report}/{data['res_id']}", timeout=180
            )
            assert response.status_code == 200, response.text[-2000:]
            assert response.headers["Content-Type"] == "application/pdf"
            assert response.content.startswith(b"%PDF-")
            pdf_path = tmp_path / f"{name}.pdf"
            text, fonts = _pdf_text_and_fonts(response.content, pdf_path)
            assert title in text, text
            assert who and who in text, (who, text)
            assert "CJKsc" in fonts, fonts  # the Simplified Chinese forms
    finally:
        server.stop()
    _assert_clean_log(log_path)


UNINSTALL_REINSTALL = """
from odoo.modules.registry import Registry
modules = [
    "metering_rotation_queue",
    "metering_showcase",
    "metering_safety",
    "metering_service",
]
for name in modules:
    with Registry(env.cr.dbname).cursor() as cr:
        e = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        e["ir.module.module"].search([("name", "=", name)]).button_immediate_uninstall()
with Registry(env.cr.dbname).cursor() as cr:
    e = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
    states = dict(e["ir.module.module"].search([("name", "in", modules)]).mapped(
        lambda m: (m.name, m.state)))
    print("AFTER UNINSTALL", sorted(states.items()))
    e["ir.module.module"].search([("name", "in", modules)]).button_immediate_install()
with Registry(env.cr.dbname).cursor() as cr:
    e = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
    states = dict(e["ir.module.module"].search([("name", "in", modules)]).mapped(
        lambda m: (m.name, m.state)))
    print("AFTER INSTALL", sorted(states.items()))
"""


def test_uninstall_and_reinstall(served_db, tmp_path):
    db, _ = served_db
    config = tmp_path / "odoo.conf"
    subprocess.run(
        ["bash", "-c", f'source "{ROOT}/bin/lib.sh" && write_config "{config}"'],
        check=True,
    )
    log_path = tmp_path / "shell.log"
    result = subprocess.run(
        [
            os.environ.get("METERING_PYTHON", sys.executable),
            "-m",
            "odoo",
            "shell",
            "-c",
            str(config),
            "-d",
            db,
            "--no-http",
            "--logfile",
            str(log_path),
        ],
        input=UNINSTALL_REINSTALL,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    uninstalled = "[('metering_rotation_queue', 'uninstalled'), "
    uninstalled += "('metering_safety', 'uninstalled'), "
    uninstalled += "('metering_service', 'uninstalled'), "
    uninstalled += "('metering_showcase', 'uninstalled')]"
    assert f"AFTER UNINSTALL {uninstalled}" in result.stdout, result.stdout
    installed = uninstalled.replace("'uninstalled'", "'installed'")
    assert f"AFTER INSTALL {installed}" in result.stdout, result.stdout
    _assert_clean_log(log_path)
