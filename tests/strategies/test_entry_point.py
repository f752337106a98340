"""The built wheel, installed in a fresh virtualenv, registers the strategies with
Hypothesis: a downstream test outside the source tree uses ``st.from_type(cm.Scenario)``.

This builds the wheel (``pip wheel``, which fetches the build backend), creates a
virtualenv and installs the wheel with Hypothesis and pytest from the package registry,
so it needs the network and takes a minute. Set ``CONFLICTMODEL_SKIP_WHEEL_TEST=1`` to
skip it in a quick local run; CI runs it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]

DOWNSTREAM = """\
import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import conflictmodel as cm


@attrs.frozen
class Pair:
    actor: cm.Actor
    place: cm.Territory


def test_conflictmodel_comes_from_the_installed_wheel():
    assert "site-packages" in cm.__file__


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.from_type(cm.Scenario))
def test_from_type_draws_valid_worlds(scenario):
    assert cm.validate(scenario).ok


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.from_type(cm.Actor), st.builds(Pair))
def test_from_type_and_builds_draw_model_objects(actor, pair):
    assert isinstance(actor, cm.Actor)
    assert isinstance(pair.place, cm.Territory)
"""


def run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=900)
    assert 0 == done.returncode, f"{' '.join(command)}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.mark.skipif(bool(os.environ.get("CONFLICTMODEL_SKIP_WHEEL_TEST")), reason="CONFLICTMODEL_SKIP_WHEEL_TEST")
def test_installed_wheel_registers_strategies_for_from_type(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "HYPOTHESIS", "VIRTUAL_ENV"))}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"

    wheels = tmp_path / "wheels"
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), str(ROOT)], ROOT, env)
    (wheel,) = wheels.glob("conflictmodel-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        declared = archive.read(entry_points).decode()
    assert "[hypothesis]" in declared
    assert "conflictmodel._hypothesis_plugin:_hypothesis_setup_hook" in declared
    assert "conflictmodel/strategies/__init__.py" in names

    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", str(venv)], tmp_path, env)
    python = str(venv / ("Scripts" if os.name == "nt" else "bin") / "python")
    run([python, "-m", "pip", "install", "--quiet", str(wheel), "hypothesis", "pytest"], tmp_path, env)

    project = tmp_path / "downstream"
    project.mkdir()
    (project / "test_downstream.py").write_text(DOWNSTREAM, encoding="utf-8")
    done = run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_downstream.py"], project, env)
    assert "3 passed" in done.stdout
