"""The benchmark scripts keep working: the generator's documents are valid, seeded and
scale-invariant, each benchmark runs end to end at a tiny size with its output checks
passing, and the targets' table judges what it is given. No timing is asserted: the
figures of a tiny run say nothing, only that the scripts still measure what they name.
"""

from __future__ import annotations

import collections
import importlib
import json
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

import conflictmodel as cm

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import generate  # noqa: E402 - the benchmarks folder is put on the path just above
import targets  # noqa: E402


def _peers() -> ModuleType:
    """bench_io with its peers; skipped without pydantic locally, failing in CI (which installs it)."""
    if not os.environ.get("CI"):
        pytest.importorskip("pydantic")
    return importlib.import_module("bench_io")


def _collections(document: dict[str, object]) -> dict[str, int]:
    return {key: len(value) for key, value in document.items() if isinstance(value, list)}


def test_the_same_seed_gives_the_same_bytes_and_another_seed_others() -> None:
    assert generate.text(600, seed=7) == generate.text(600, seed=7)
    assert generate.text(600, seed=7) != generate.text(600, seed=8)
    assert generate.text(600, seed=7, real=True) == generate.text(600, seed=7, real=True)


@pytest.mark.parametrize("real", [False, True])
def test_generated_documents_decode_and_round_trip(real: bool) -> None:
    text = generate.text(2_000, seed=3, real=real)
    scenario = cm.loads(text)
    assert cm.dumps(cm.loads(cm.dumps(scenario))) == cm.dumps(scenario)
    assert 1_900 <= len(scenario) <= 2_100  # "about n records"
    assert cm.validate(scenario).ok  # made to be valid: no error finding


def test_the_realistic_spelling_holds_the_same_world() -> None:
    plain = generate.document(1_500, seed=5)
    real = generate.realistic(plain, seed=5)
    records, real_records = _collections(plain), _collections(real)
    assert real_records.pop("sources") > records.pop("sources")  # its own sources, with web addresses
    assert real_records == records
    statuses = collections.Counter(control["status"] for control in plain["controls"] if "status" in control)
    assert statuses == collections.Counter(control["status"] for control in real["controls"] if "status" in control)
    assert all(event["id"].startswith("ucdp-ged:") for event in real["events"])


def test_ten_times_the_records_is_ten_times_the_world() -> None:
    small, large = _collections(generate.document(10_000)), _collections(generate.document(100_000))
    for collection in ("actors", "territories", "agreements", "controls", "events"):
        assert 9 <= large[collection] / small[collection] <= 11, collection


def test_bench_io_runs_and_every_library_writes_the_same_data(tmp_path: Path) -> None:
    bench_io = _peers()
    out = tmp_path / "io.json"
    bench_io.main(["--records", "400", "--repeat", "1", "--no-memory", "--json", str(out)])
    results = json.loads(out.read_text(encoding="utf-8"))
    assert results["output_check"] == {"conflictmodel": True, "msgspec": True, "pydantic": True, "orjson": True}
    rows = list(targets.io_rows(results))
    decode = [row for row in rows if row.target.startswith("decode")]
    assert len(decode) == 2
    assert all(row.measured is not None and row.measured > 0 for row in decode)
    assert [row.measured for row in rows if row.target.startswith("memory")] == [None]


def test_bench_io_memory_children_report_each_library(tmp_path: Path) -> None:
    bench_io = _peers()
    out = tmp_path / "memory.json"
    bench_io.main(["--records", "300", "--memory-only", "--json", str(out)])
    memory = json.loads(out.read_text(encoding="utf-8"))["memory"]
    assert set(memory) == {"conflictmodel", "msgspec", "pydantic", "orjson"}
    assert all(row["held"] > 0 and row["peak"] >= row["held"] * 0.9 for row in memory.values())


def test_bench_queries_runs_beside_duckdb(tmp_path: Path) -> None:
    pytest.importorskip("duckdb")  # in the test extra, so present wherever the tests run
    bench_queries = importlib.import_module("bench_queries")
    out = tmp_path / "queries.json"
    bench_queries.main(["--sizes", "300", "3000", "--repeats", "1", "--json", str(out)])
    sizes = json.loads(out.read_text(encoding="utf-8"))["sizes"]
    assert [round(size["records"], -2) for size in sizes] == [300, 3000]
    rows = list(targets.query_rows(sizes))
    growth = [row for row in rows if row.target.startswith("growth")]
    assert [row.bound for row in growth] == [targets.GROWTH_LIMIT, targets.GROWTH_LIMIT]
    assert all(row.measured is not None and row.measured > 0 for row in rows)


def _size(records: float, **figures: float) -> dict[str, float]:
    base = {
        "records": records,
        "warm_us": 1.0,
        "floor_us": 1.0,
        "duckdb_interval_us": 2.0,
        "duckdb_interval_off_us": 2.0,
        "batch_cold_built_us": 2.0,
        "batch_cold_built_off_us": 2.0,
        "batch_cold_us": 2.0,
        "validate_s": 1.0,
        "all_indexes_s": 1.0,
    }
    return base | figures


def test_the_table_says_met_and_missed_by_each_bound() -> None:
    first = _size(1e5, warm_us=1.6, batch_cold_built_us=1.9, batch_cold_built_off_us=2.1)
    second = _size(1e6, validate_s=11.5, all_indexes_s=11.6)
    verdicts = {row.target: row.met for row in targets.query_rows([first, second])}
    assert verdicts["point query warm / bisect floor, 100,000 records"] is False  # 1.6 > 1.5
    assert verdicts["point query warm / bisect floor, 1,000,000 records"] is True
    assert verdicts["batch first call (index built) / DuckDB join, 100,000 records, on"] is True  # 0.95
    assert verdicts["batch first call (index built) / DuckDB join, 100,000 records, off"] is False  # 1.05
    assert verdicts["batch first call (index built in it) / DuckDB join, 100,000 records, on"] is True  # 1.0
    assert verdicts["growth of validate, 100,000 → 1,000,000 records"] is True  # 11.5 exactly
    assert verdicts["growth of index builds, 100,000 → 1,000,000 records"] is False


def test_growth_between_sizes_not_tenfold_apart_has_no_verdict() -> None:
    rows = list(targets.query_rows([_size(1e5), _size(3e5, validate_s=3.0)]))
    growth = [row for row in rows if row.target.startswith("growth of validate")]
    assert [(row.measured, row.met) for row in growth] == [(3.0, None)]


def test_io_rows_compare_with_pydantic_and_msgspec_in_each_regime() -> None:
    speed = {
        "conflictmodel": {"decode_gc_on_per_s": 10.0, "decode_gc_off_per_s": 3.0, "encode_text_gc_on_per_s": 4.0},
        "pydantic": {"decode_gc_on_per_s": 2.0, "decode_gc_off_per_s": 2.0, "encode_text_gc_on_per_s": 2.0},
    }
    speed["pydantic"]["encode_gc_on_per_s"] = 5.0
    memory = {"conflictmodel": {"held": 300.0, "peak": 700.0}, "msgspec": {"held": 1000.0}}
    rows = {row.target: (row.measured, row.met) for row in targets.io_rows({"speed": speed, "memory": memory})}
    assert rows["decode / pydantic, collector on for all"] == (5.0, True)
    assert rows["decode / pydantic, collector off for all"] == (1.5, False)
    assert rows["encode / pydantic's same text, collector on for all"] == (2.0, True)
    assert rows["encode / pydantic's compact output, collector on for all"] == (0.8, False)
    assert rows["encode / pydantic's same text, collector off for all"] == (None, None)
    assert rows["memory held / msgspec's"] == (0.3, True)
    peak, met = rows["peak during decode / held"]
    assert peak == pytest.approx(7 / 3)
    assert met is False


def test_a_shape_row_gives_the_worst_calls_exponent_of_executed_lines() -> None:
    lines = {"validate": [300, 3_000], "camps": [100, 10_000], "allies_of": [5, 5]}
    shapes = {"sizes": [300, 3_000], "lines": {"alliance": lines, "aliases": {"validate": [700, 702]}}}
    alliance, aliases = targets.shape_rows(shapes)
    assert "alliance" in alliance.target
    assert alliance.target.endswith("; camps)")
    assert alliance.measured == pytest.approx(2.0)  # 100 -> 10,000 lines for 300 -> 3,000: n²
    assert alliance.met is False
    assert aliases.measured == pytest.approx(0.0012, abs=1e-4)
    assert aliases.met is True


def test_bench_shapes_counts_lines_per_call_of_each_shape(tmp_path: Path) -> None:
    bench_shapes = importlib.import_module("bench_shapes")
    out = tmp_path / "shapes.json"
    bench_shapes.main(["--count-lines", "--sizes", "30", "300", "--only", "alliance", "--json", str(out)])
    counted = json.loads(out.read_text(encoding="utf-8"))
    assert counted["sizes"] == [30, 300]
    camps = counted["lines"]["alliance"]["camps"]
    assert len(camps) == 2
    assert camps[1] > camps[0] > 0  # more members, more lines: the count follows the record's size


def test_counting_lines_puts_back_the_tracer_it_found() -> None:
    # a coverage run traces with sys.settrace: a count that cleared it ended the coverage
    bench_shapes = importlib.import_module("bench_shapes")
    before = sys.gettrace()

    def mine(*_: object) -> None:
        return None

    text = generate.text(50)
    sys.settrace(mine)
    try:
        assert bench_shapes.count_lines(lambda: cm.loads(text)) > 0
        found = sys.gettrace()
    finally:
        sys.settrace(before)
    assert found is mine


def test_the_commit_is_named_or_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    found = targets.commit()
    assert found == "unknown" or found.removesuffix("-dirty").isalnum()
    monkeypatch.setenv("PATH", "")  # no git to ask
    assert targets.commit() == "unknown"


def test_the_table_prints_every_row_with_its_verdict() -> None:
    rows = [
        targets.Row("a", 2.5, 2.0, at_least=True),
        targets.Row("b", None, 0.6, at_least=False),
        targets.Row("c", 3.0, None, at_least=False),
        targets.Row("d", 1.2, 1.0, at_least=False),
        targets.Row("e", 1.0, 1.2, at_least=False, unit=""),
    ]
    lines = list(targets.table(rows))
    expected = ["| a | 2.50x | ≥ 2x | met |", "| b | not measured | ≤ 0.6x |  |", "| c | 3.00x |  |  |"]
    assert lines[2:] == [*expected, "| d | 1.20x | ≤ 1x | **missed** |", "| e | 1.00 | ≤ 1.2 | met |"]


def test_targets_runs_both_benchmarks_and_prints_the_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _peers()
    out = tmp_path / "targets.json"
    arguments = ["--records", "300", "--sizes", "300", "3000", "--repeat", "1", "--no-memory", "--json", str(out)]
    targets.main(arguments)
    printed = capsys.readouterr().out
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written["io"]["records"] >= 250
    assert [size["records"] for size in written["queries"]["sizes"]] == [
        pytest.approx(300, rel=0.1),
        pytest.approx(3000, rel=0.1),
    ]
    assert len(written["rows"]) == 18 + len(written["shapes"]["lines"])
    assert set(written["shapes"]["lines"]) == {"hostility", "alliance", "aliases", "control", "ucdp-aliases"}
    assert written["commit"] in printed
    for row in written["rows"]:
        assert f"| {row['target']} |" in printed
