"""The Docker way, checked statically: no Docker engine runs on the development
machines, so these tests read docker/docker-compose.yml, docker/Dockerfile and
docker/odoo.conf and check that they fit together and fit this repository."""

import configparser
import pathlib
import re

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]
DOCKER = ROOT / "docker"
ADDONS = sorted(p.parent.name for p in (ROOT / "addons").glob("*/__manifest__.py"))


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((DOCKER / "docker-compose.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dockerfile():
    text = (DOCKER / "Dockerfile").read_text(encoding="utf-8")
    return text.replace("\\\n", " ")  # one line per instruction


@pytest.fixture(scope="module")
def odoo_conf():
    conf = configparser.ConfigParser(interpolation=None)
    conf.read(DOCKER / "odoo.conf", encoding="utf-8")
    return conf["options"]


def _instructions(dockerfile, keyword):
    return [
        line.split(None, 1)[1]
        for line in dockerfile.splitlines()
        if line.strip().upper().startswith(keyword + " ")
    ]


def _odoo_services(compose):
    return {
        name: service
        for name, service in compose["services"].items()
        if "build" in service
    }


def test_services_and_images(compose, dockerfile):
    assert set(compose["services"]) == {"db", "odoo", "test"}
    assert compose["services"]["db"]["image"] == "postgres:16"
    assert _instructions(dockerfile, "FROM") == ["odoo:19.0"]
    assert set(_odoo_services(compose)) == {"odoo", "test"}
    assert compose["services"]["test"]["profiles"] == ["test"]  # not on `up`


def test_images_are_built_from_this_repository(compose):
    for name, service in _odoo_services(compose).items():
        context = (DOCKER / service["build"]["context"]).resolve()
        assert context == ROOT, name
        assert (context / service["build"]["dockerfile"]).resolve() == (
            DOCKER / "Dockerfile"
        ), name


def test_the_image_installs_the_repository_requirements(dockerfile):
    """The OCA dependencies come from this repository's requirements.txt."""
    copies = [c.split() for c in _instructions(dockerfile, "COPY")]
    sources = {source: target for *sources, target in copies for source in sources}
    assert "requirements.txt" in sources, copies
    assert (ROOT / "requirements.txt").is_file()
    copied_to = sources["requirements.txt"]
    run = " ".join(_instructions(dockerfile, "RUN"))
    assert copied_to in run and "pip3 install" in run
    # every OCA addon the suite needs is in requirements.txt
    requirements = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    for dependency in ("odoo-addon-fieldservice", "odoo-addon-helpdesk-mgmt"):
        assert re.search(rf"^{dependency}==19\.0\.", requirements, re.M), dependency


def test_no_snap_only_browser_on_ubuntu(dockerfile):
    """odoo:19.0 is built on Ubuntu noble, where the chromium packages only
    install a snap, which does not run in a container: the build would fail or
    the tours would have no browser."""
    run = " ".join(_instructions(dockerfile, "RUN"))
    assert not re.search(r"apt-get install[^&;]*\bchromium(-browser)?\b", run)


def test_mounted_paths_exist_in_the_repository(compose, odoo_conf):
    for name, service in _odoo_services(compose).items():
        targets = {}
        for volume in service.get("volumes", []):
            source, target, *_ = volume.split(":")
            if source.startswith((".", "/")):  # a bind mount, not a named volume
                assert (DOCKER / source).resolve().exists(), (name, volume)
                assert (DOCKER / source).resolve().is_relative_to(ROOT), (name, volume)
                targets[target] = (DOCKER / source).resolve()
            else:
                assert source in compose["volumes"], (name, volume)
        assert targets.get("/mnt/extra-addons") == ROOT / "addons", name
        assert targets.get("/etc/odoo/odoo.conf") == DOCKER / "odoo.conf", name
        assert "/mnt/extra-addons" in odoo_conf["addons_path"].split(",")


def test_configuration_reaches_the_database_service(compose, odoo_conf):
    db = compose["services"]["db"]
    assert odoo_conf["db_host"] == "db"
    assert odoo_conf["db_user"] == db["environment"]["POSTGRES_USER"]
    assert odoo_conf["db_password"] == db["environment"]["POSTGRES_PASSWORD"]
    for name, service in _odoo_services(compose).items():
        assert service["depends_on"]["db"]["condition"] == "service_healthy", name
    assert "healthcheck" in db


def test_serve_starts_with_the_demo(compose, odoo_conf):
    odoo = compose["services"]["odoo"]
    command = " ".join(odoo["command"].split())
    assert ADDONS == [
        "metering_rotation_queue",
        "metering_safety",
        "metering_service",
        "metering_showcase",
    ]
    assert (
        "-i metering_service,metering_safety,metering_showcase,metering_rotation_queue"
        in command
    )
    assert "--with-demo" in command
    assert "-d metering" in command
    assert odoo_conf["dbfilter"] == "^metering$"
    assert odoo_conf["load_language"] == "zh_CN"
    assert odoo["ports"] == ["127.0.0.1:8069:8069"]  # loopback only


def test_test_service_runs_every_addon_test(compose):
    command = " ".join(compose["services"]["test"]["command"].split())
    assert "--test-enable" in command
    for addon in ADDONS:
        assert f"/{addon}" in command, addon
