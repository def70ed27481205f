"""What a normal install (``pip install .``, a wheel) needs: the package carries every
file it reads; the project metadata and scripts say what they do."""

from __future__ import annotations

import fnmatch
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

import kg
from datapaths import REPO
from kg.graph.schema import SCHEMA_PATH
from kg.queries import NORTH_STAR

PACKAGE = Path(kg.__file__).resolve().parent
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def _package_data() -> list[str]:
    return PYPROJECT["tool"]["setuptools"]["package-data"]["kg"]


def test_packaging_schema_is_read_from_inside_the_package():
    assert SCHEMA_PATH.parent.resolve() == PACKAGE / "graph"
    relative = SCHEMA_PATH.relative_to(PACKAGE).as_posix()
    assert any(fnmatch.fnmatch(relative, pattern) for pattern in _package_data())


def test_packaging_package_schema_is_the_repository_schema():
    assert SCHEMA_PATH.read_bytes() == (REPO / "schema" / "schema.json").read_bytes()


def test_packaging_license_is_an_spdx_string():
    # a table ({text = ...}) makes setuptools print a deprecation notice
    assert PYPROJECT["project"]["license"] == "MIT"


def test_packaging_demo_asks_the_north_star_question():
    demo = (REPO / "scripts" / "demo.sh").read_text(encoding="utf-8")
    assert "kg.queries import NORTH_STAR" in demo and "$KG query" in demo
    assert NORTH_STAR  # the text the demo prints comes from kg.queries


def test_packaging_ci_checks_the_installed_wheel():
    assert "./scripts/check_wheel.sh" in (REPO / ".ci" / "run").read_text()


@pytest.mark.slow
def test_packaging_wheel_carries_the_schema(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                    str(REPO), "-w", str(tmp_path)], check=True)
    (wheel,) = tmp_path.glob("paper_kg-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "kg/graph/schema.json" in names
    assert any(name.startswith("kg/views/assets/") for name in names)
