"""The README's commands stop at once, saying what is missing, when the Odoo
tree or PostgreSQL is not there (they never fall back to skipping tests)."""

import os
import socket
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run(script, **env):
    return subprocess.run(
        ["bash", str(REPO / "scripts" / script)],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("script", ["test.sh", "demo.sh"])
def test_missing_odoo_tree_stops_with_instructions(tmp_path, script):
    result = _run(script, ODOO_SRC=str(tmp_path / "no-odoo"))
    assert result.returncode != 0
    assert "Odoo 18.0 source tree not found" in result.stderr
    assert "ODOO_SRC=" in result.stderr


@pytest.mark.parametrize("script", ["test.sh", "demo.sh"])
def test_unreachable_postgres_stops_with_instructions(script):
    port = str(_free_port())
    result = _run(script, DB_PORT=port)
    assert result.returncode != 0
    assert f"PostgreSQL is not reachable at 127.0.0.1:{port}" in result.stderr


def test_postgres_superuser_refused():
    result = _run("test.sh", DB_USER="postgres")
    assert result.returncode != 0
    assert "Odoo refuses to run as the PostgreSQL superuser" in result.stderr


def test_wrong_odoo_version_refused(tmp_path):
    fake = tmp_path / "odoo-17"
    (fake / "odoo").mkdir(parents=True)
    (fake / "odoo-bin").write_text("")
    (fake / "odoo" / "release.py").write_text("version_info = (17, 0, 0, 'final', 0, '')\n")
    result = _run("test.sh", ODOO_SRC=str(fake))
    assert result.returncode != 0
    assert "is not Odoo 18.0" in result.stderr
