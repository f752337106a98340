"""DuckDB gives the in-memory answers: every (territory, day), every event, every partition."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import conflictmodel as cm
from conflictmodel import strategies as cst
from conflictmodel.tables import DuckDBEngine, events_control_sql, write_parquet
from conflictmodel.tables._sql import steps
from engine_checks import check_engine

ENGINE_SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def pylist(table: Any) -> list[dict[str, Any]]:
    return table.to_pylist()  # type: ignore[no-any-return]


@ENGINE_SETTINGS
@given(cst.scenarios(max_territories=8, max_records=6))
def test_duckdb_agrees_with_the_library_on_drawn_worlds(s: cm.Scenario) -> None:
    check_engine(s, DuckDBEngine(s), pylist)


@ENGINE_SETTINGS
@given(st.sampled_from(["CM401", "CM402", "CM403", "CM404"]).flatmap(lambda rule: cst.invalid_scenarios(rule=rule)))
def test_duckdb_agrees_on_worlds_with_conflicting_and_overlapping_control(s: cm.Scenario) -> None:
    check_engine(s, DuckDBEngine(s), pylist)


@pytest.mark.parametrize("stepwise", [True, False], ids=["step-by-step", "one-query"])
def test_duckdb_agrees_on_the_bundled_scenario_read_from_parquet(tmp_path: Path, stepwise: bool) -> None:
    s = cm.syria_2017()
    write_parquet(s, tmp_path)
    engine = DuckDBEngine(tmp_path, stepwise=stepwise)
    check_engine(s, engine, pylist, every=7)
    left = engine.connection.execute("SELECT table_name FROM duckdb_tables() WHERE temporary").fetchall()
    assert left == []  # every step's table was dropped


def test_joint_contested_and_ambiguous_answers_are_kept_apart() -> None:
    period = cm.Period.from_text
    s = cm.Scenario(
        meta=cm.Meta(title="three kinds"),
        actors=tuple(cm.Actor(id=a, name=a, kind=cm.ActorKind.ARMED_GROUP) for a in ("x", "y", "z")),
        territories=(cm.Territory(id="t", name="T", kind=cm.TerritoryKind.TOWN),),
        controls=(
            cm.Control(id="c1", territory="t", controllers=("x", "y"), period=period("2017-01-01", "2017-02")),
            cm.Control(
                id="c2",
                territory="t",
                controllers=("z",),
                status=cm.ControlStatus.CONTESTED,
                opponents=frozenset({"x"}),
                period=period("2017-02", None),
            ),
        ),
    )
    rows = DuckDBEngine(s).control_states([("t", "2017-01-15"), ("t", "2017-02-10"), ("t", "2017-04-01")])
    kinds = {r["day"]: (r["kind"], r["controllers"], r["opponents"]) for r in rows.to_pylist()}
    assert kinds == {
        dt.date(2017, 1, 15): ("joint", ["x", "y"], []),
        dt.date(2017, 2, 10): ("ambiguous", ["x", "y", "z"], ["x"]),
        dt.date(2017, 4, 1): ("contested", ["z"], ["x"]),
    }


def test_an_unknown_dialect_is_refused() -> None:
    with pytest.raises(ValueError, match="no SQL dialect 'postgres'"):
        cm.tables.control_states_sql("postgres", 1)  # type: ignore[arg-type]


def test_the_runner_restores_the_asof_setting_of_the_connection_it_was_given() -> None:
    connection = duckdb.connect()
    connection.execute("SET asof_loop_join_threshold = 7")
    s = cm.syria_2017()
    engine = DuckDBEngine(s, connection=connection)
    day = dt.date(2017, 11, 30)
    rows = engine.control_states([("sy-ghouta", day)]).to_pylist()
    assert rows[0]["kind"] == s.controllers_on("sy-ghouta", day).kind.value
    assert connection.execute("SELECT current_setting('asof_loop_join_threshold')").fetchone() == (7,)


def test_steps_read_by_several_later_steps_are_materialized_on_duckdb_only() -> None:
    duck, spark = events_control_sql("duckdb", 2), events_control_sql("spark", 2)
    named, final = steps(duck)
    assert [name for name, _ in named] == [name for name, _ in steps(spark)[0]]
    assert final.startswith("SELECT")
    marked = {line.removeprefix("WITH ").split()[0] for line in duck.splitlines() if line.endswith("AS MATERIALIZED (")}
    assert {"spans", "points", "lineage_state", "answers"} <= marked
    assert "per_event" in marked
    assert "certain" not in marked  # read once, by the final query
    assert "MATERIALIZED" not in spark
