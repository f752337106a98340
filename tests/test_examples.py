"""Every runnable example and the README's tour run without error."""

from __future__ import annotations

import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
SCRIPTS = sorted((ROOT / "examples").rglob("*.py"))


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_example_script_runs(script: Path) -> None:
    if script.name.startswith("test_"):  # a downstream-style test file: run it with pytest
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(script)]
    else:
        command = [sys.executable, str(script)]
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


def test_readme_tour_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """The README's Python block is true: it runs, and its comments' values hold."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.DOTALL)
    assert blocks
    path = ROOT / "build-readme-tour.py"
    try:
        path.write_text("\n".join(blocks), encoding="utf-8")
        runpy.run_path(str(path))
    finally:
        path.unlink()
    assert "$.meta.as_of" in capsys.readouterr().out


def test_readme_starts_with_the_two_commands() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index("```bash")
    first, second = lines[start + 1], lines[start + 2]
    assert first.endswith(".venv/bin/conflictmodel")
    assert second.endswith(".venv/bin/python -m pytest")
