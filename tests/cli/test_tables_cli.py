"""The table commands: export parquet, import parquet, query."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.csv as pcsv
import pyarrow.parquet as pq
import pytest

import conflictmodel as cm
from conflictmodel._cli import main


@pytest.fixture
def scenario_file(tmp_path: Path) -> Path:
    path = tmp_path / "syria.json"
    cm.dump(cm.syria_2017(), path)
    return path


def test_export_then_import_gives_the_same_bytes(scenario_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "tables"
    assert main(["export", "parquet", str(scenario_file), "-o", str(folder)]) == 0
    assert (folder / "controls.parquet").exists()
    back = tmp_path / "back.json"
    assert main(["import", "parquet", str(folder), "-o", str(back)]) == 0
    assert scenario_file.read_bytes() == back.read_bytes()


def test_query_events_control_prints_json_lines(
    scenario_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "tables"
    main(["export", "parquet", str(scenario_file), "-o", str(folder)])
    capsys.readouterr()
    assert main(["query", "events-control", "--engine", "duckdb", str(folder)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["event"] for row in lines] == sorted(e.id for e in cm.syria_2017().events)
    jarabulus = next(row for row in lines if row["event"] == "ev-2016-08-24-jarabulus")
    assert jarabulus["certainly"] == ["fsa-es", "tsk"]


def test_query_control_states_writes_parquet_and_csv(scenario_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "tables"
    main(["export", "parquet", str(scenario_file), "-o", str(folder)])
    out = tmp_path / "day.parquet"
    assert main(["query", "control-states", "--on", "2017-11-30", str(folder), "-o", str(out)]) == 0
    rows = {r["territory"]: r["kind"] for r in pq.read_table(out).to_pylist()}
    s = cm.syria_2017()
    assert rows == {t.id: s.controllers_on(t.id, "2017-11-30").kind.value for t in s.territories}
    csv = tmp_path / "day.csv"
    assert main(["query", "control-states", "--on", "2017-11-30", str(folder), "-o", str(csv)]) == 0
    assert pcsv.read_csv(csv).num_rows == len(s.territories)


def test_unreadable_inputs_fail_with_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", "parquet", str(tmp_path / "missing"), "-o", str(tmp_path / "x.json")]) == 1
    assert "not a folder of Parquet files" in capsys.readouterr().err
    assert main(["export", "parquet", str(tmp_path / "missing.json"), "-o", str(tmp_path / "out")]) == 2
    assert main(["query", "events-control", str(tmp_path / "missing")]) == 1
    assert "conflictmodel query events-control" in capsys.readouterr().err
