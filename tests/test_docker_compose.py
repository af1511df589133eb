"""Docker cannot run here: check that the compose file parses and names the
services, images and mounts the README promises."""

from pathlib import Path

import yaml

COMPOSE = Path(__file__).resolve().parent.parent / "docker" / "docker-compose.yml"


def _compose():
    return yaml.safe_load(COMPOSE.read_text())


def test_services_and_images():
    services = _compose()["services"]
    assert set(services) == {"db", "demo-init", "odoo", "tests"}
    assert services["db"]["image"] == "postgres:16"
    for name in ("demo-init", "odoo", "tests"):
        assert services[name]["image"] == "odoo:18.0", name


def test_addons_and_config_are_mounted():
    services = _compose()["services"]
    for name in ("demo-init", "odoo", "tests"):
        volumes = services[name]["volumes"]
        assert "../addons:/mnt/extra-addons:ro" in volumes, name
        assert "../odoo.conf:/etc/odoo/dealer.conf:ro" in volumes, name
    # Every mounted host path exists in the repository.
    for volume in services["odoo"]["volumes"]:
        source = volume.split(":")[0]
        if source.startswith("."):
            assert (COMPOSE.parent / source).exists(), source


def test_demo_init_is_one_shot_and_odoo_waits_for_it():
    services = _compose()["services"]
    assert services["demo-init"]["restart"] == "no"
    assert "create-demo dealer_demo" in services["demo-init"]["command"][0]
    assert services["odoo"]["depends_on"]["demo-init"]["condition"] == "service_completed_successfully"
    assert "--database=dealer_demo" in services["odoo"]["command"]
    assert services["odoo"]["ports"] == ["8069:8069"]


def test_tests_service_runs_every_addons_tests():
    command = _compose()["services"]["tests"]["command"]
    assert "--init=dealer_aftersales,dealer_kpi,dealer_golive" in command
    assert "--test-enable" in command
    assert "--test-tags=/dealer_aftersales,/dealer_kpi,/dealer_golive" in command
    assert "--stop-after-init" in command
