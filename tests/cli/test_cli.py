"""The command line: the main job, summary on a day, validate's exit codes, schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import conflictmodel as cm
from conflictmodel._cli._main import main

EXAMPLE = Path(__file__).parents[2] / "examples" / "syria_2017.json"


def write(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


SMALL = {
    "schema": "conflictmodel/1",
    "meta": {"title": "Two towns", "as_of": "2017-11-30"},
    "actors": [
        {"id": "gov", "name": "Government", "kind": "government", "country": "SYR", "parent": "st"},
        {"id": "st", "name": "State", "kind": "state", "country": "SYR"},
        {"id": "reb", "name": "Rebels", "kind": "armed_group"},
    ],
    "territories": [
        {"id": "c", "name": "Country", "kind": "country", "external_ids": {"iso3": "SYR"}},
        {"id": "t1", "name": "North", "kind": "admin1", "parent": "c", "area_km2": 300},
        {"id": "t2", "name": "South", "kind": "admin1", "parent": "c", "area_km2": 100},
    ],
    "controls": [
        {"id": "k1", "territory": "t1", "controllers": ["gov"], "period": {"start": "2017-01-01"}},
        {"id": "k2", "territory": "t2", "controllers": ["reb"], "period": {"start": "2017-06-01"}},
    ],
}


class TestMainJob:
    def test_no_arguments_show_the_bundled_scenario_on_its_as_of_day(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main([]) == 0
        out = capsys.readouterr().out
        assert out.startswith("Syria, late 2017\n")
        assert f"actors           {len(cm.syria_2017().actors)}" in out
        for heading in ("Syria, late 2017 — 2017-11-30", "Partition of Syria", "Camps (", "Agreements in force"):
            assert heading in out
        assert "Violations (" in out
        assert "Control (" not in out  # the per-territory table only when asked for
        flat = " ".join(out.split())
        memorandum = "Memorandum on the creation of de-escalation areas in the Syrian Arab Republic"
        assert f"{memorandum}: Iran, Russia, Turkey;" in flat  # guarantors; then monitors
        assert "undetermined" in out
        assert "Validation: 0 errors" in out
        assert max(len(line) for line in out.splitlines()) <= 100

    def test_the_territories_flag_adds_the_control_table(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["--territories"]) == 0
        out = capsys.readouterr().out
        assert "Control (" in out
        assert max(len(line) for line in out.splitlines()) <= 100

    def test_python_dash_m_runs_the_main_job(self) -> None:
        done = subprocess.run([sys.executable, "-m", "conflictmodel"], capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        assert "Syria, late 2017" in done.stdout


class TestSummary:
    def test_json_has_every_section(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        path = write(tmp_path / "small.json", SMALL)
        assert main(["summary", str(path), "--format", "json"]) == 0
        (view,) = json.loads(capsys.readouterr().out)["files"]
        assert view["source"] == str(path)
        assert view["ok"] is True
        assert view["day"] == "2017-11-30"
        states = {row["territory"]: (row["state"], row["controllers"]) for row in view["control"]}
        assert states["t1"] == ("held", ["gov"])
        assert states["t2"] == ("held", ["reb"])
        (partition,) = view["partition"]
        assert partition["government"] == "gov"
        assert partition["government_share"] == pytest.approx(0.75)
        assert partition["effective_blocs"] == pytest.approx(1 / (0.75**2 + 0.25**2))
        assert partition["by"] == "camp"
        assert [(["gov"], 0.75), (["reb"], 0.25)] == [(s["controllers"], s["share"]) for s in partition["shares"]]
        assert view["validation"] == {"ok": True, "errors": [], "warnings": []}

    def test_another_day(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        path = write(tmp_path / "small.json", SMALL)
        assert main(["summary", str(path), "--on", "2017-03-01", "--format", "json"]) == 0
        (view,) = json.loads(capsys.readouterr().out)["files"]
        states = {row["territory"]: row["state"] for row in view["control"]}
        assert (states["t1"], states["t2"]) == ("held", "unrecorded")

    def test_text_tables(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        path = write(tmp_path / "small.json", SMALL)
        assert main(["summary", str(path)]) == 0
        out = capsys.readouterr().out
        assert "  North    admin1  held       Government" not in out
        assert " 75.0%  Government" in out
        assert main(["summary", str(path), "--territories"]) == 0
        assert "  North    admin1  held       Government" in capsys.readouterr().out

    def test_a_scenario_without_as_of_needs_a_day(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        path = write(tmp_path / "undated.json", {**SMALL, "meta": {"title": "Undated"}})
        assert main(["summary", str(path)]) == 1
        assert "as_of" in capsys.readouterr().err
        assert main(["summary", str(path), "--on", "2017-12-01"]) == 0

    def test_load_problems_and_unreadable_files(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        bad = write(tmp_path / "bad.json", {"schema": "conflictmodel/1", "meta": {}})
        assert main(["summary", str(bad)]) == 1
        assert "$.meta.title" in capsys.readouterr().err
        assert main(["summary", str(tmp_path / "absent.json")]) == 2


class TestValidate:
    def test_clean_file_exits_0(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        path = write(tmp_path / "small.json", SMALL)
        assert main(["validate", str(path)]) == 0
        assert capsys.readouterr().out == f"{path}: ok\n"

    def test_load_problems_are_printed_with_paths_and_exit_1(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        bad = write(
            tmp_path / "bad.json", {"schema": "conflictmodel/1", "meta": {"title": " "}, "actors": [{"id": "a"}]}
        )
        assert main(["validate", str(bad)]) == 1
        lines = capsys.readouterr().out.splitlines()
        assert sorted(line.split(": ")[1] for line in lines) == ["$.actors[0].kind", "$.actors[0].name", "$.meta.title"]

    def test_rule_findings_are_printed_and_exit_1(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        dangling = {**SMALL, "controls": [{"id": "k1", "territory": "t1", "controllers": ["ghost"], "period": {}}]}
        path = write(tmp_path / "dangling.json", dangling)
        assert main(["validate", str(path)]) == 1
        out = capsys.readouterr().out
        assert "$.controls[0]" in out
        assert "ghost" in out

    def test_ignoring_the_broken_rule_passes(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        dangling = {**SMALL, "controls": [{"id": "k1", "territory": "t1", "controllers": ["ghost"], "period": {}}]}
        path = write(tmp_path / "dangling.json", dangling)
        assert main(["validate", str(path)]) == 1
        codes = {line.split(": ")[2].split()[0] for line in capsys.readouterr().out.splitlines()}
        assert main(["validate", str(path), *(f"--ignore={code}" for code in codes)]) == 0

    def test_unknown_rule_code_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["validate", str(EXAMPLE), "--select", "XX999"]) == 2
        assert "XX999" in capsys.readouterr().err

    @pytest.mark.parametrize(
        ("content", "reason"),
        [(b'{"schema": ', "not valid JSON"), (b"\xff\xfe", "not UTF-8")],
        ids=["truncated-json", "bad-encoding"],
    )
    def test_unreadable_input_exits_2(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, reason: str
    ) -> None:
        broken = tmp_path / "broken.json"
        broken.write_bytes(content)
        assert main(["validate", str(broken)]) == 2
        assert reason in capsys.readouterr().out

    def test_missing_file_exits_2(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["validate", str(tmp_path / "absent.json")]) == 2
        assert "cannot read the file" in capsys.readouterr().out

    def test_worst_outcome_over_several_files(self, tmp_path: Path) -> None:
        bad = write(tmp_path / "bad.json", {"schema": "conflictmodel/1", "meta": {}})
        assert main(["validate", str(EXAMPLE), str(bad)]) == 1
        assert main(["validate", str(bad), str(tmp_path / "absent.json")]) == 2


def test_schema_command_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == cm.json_schema()
