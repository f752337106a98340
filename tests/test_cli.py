"""The command line: the main job, validate's exit codes, summary and schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import conflictmodel as cm
from conflictmodel._cli import main

EXAMPLE = Path(__file__).parent.parent / "examples" / "syria_2017.json"


def test_no_arguments_summarise_the_bundled_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Syria, late 2017\n")
    assert f"actors           {len(cm.syria_2017().actors)}" in out


def test_python_dash_m_runs_the_main_job() -> None:
    done = subprocess.run([sys.executable, "-m", "conflictmodel"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "Syria, late 2017" in done.stdout


def test_validate_clean_file_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(EXAMPLE)]) == 0
    assert capsys.readouterr().out == f"{EXAMPLE}: ok\n"


def test_validate_prints_every_problem_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps({"schema": "conflictmodel/1", "meta": {"title": " "}, "actors": [{"id": "a", "kind": "x"}]}),
        encoding="utf-8",
    )
    assert main(["validate", str(bad)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert sorted(line.split(": ")[1] for line in lines) == [
        "$.actors[0].kind",
        "$.actors[0].name",
        "$.meta.title",
    ]


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b'{"schema": ', "not valid JSON"), (b"\xff\xfe", "not UTF-8")],
    ids=["truncated-json", "bad-encoding"],
)
def test_validate_unreadable_input_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, reason: str
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_bytes(content)
    assert main(["validate", str(broken)]) == 2
    assert reason in capsys.readouterr().out


def test_validate_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "absent.json")]) == 2
    assert "cannot read the file" in capsys.readouterr().out


def test_validate_reports_the_worst_outcome_over_several_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "conflictmodel/1", "meta": {}}', encoding="utf-8")
    assert main(["validate", str(EXAMPLE), str(bad)]) == 1
    assert main(["validate", str(bad), str(tmp_path / "absent.json")]) == 2


def test_summary_of_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summary", str(EXAMPLE)]) == 0
    assert "Syria, late 2017" in capsys.readouterr().out
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "conflictmodel/1", "meta": {}}', encoding="utf-8")
    assert main(["summary", str(bad)]) == 1
    assert "$.meta.title" in capsys.readouterr().err
    assert main(["summary", str(tmp_path / "absent.json")]) == 2


def test_schema_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == cm.json_schema()
