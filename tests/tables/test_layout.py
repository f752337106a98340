"""The table layout: derived from the attrs classes, exact both ways, strict on input."""

from __future__ import annotations

import datetime as dt
import types
import typing
from pathlib import Path

import attrs
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings

import conflictmodel as cm
from conflictmodel import strategies as cst
from conflictmodel.tables import (
    LAYOUT_VERSION,
    TABLES,
    from_arrow,
    read_parquet,
    read_tables,
    schema,
    to_arrow,
    write_parquet,
)
from conflictmodel.tables._layout import _codec, record_class


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cst.scenarios())
def test_arrow_round_trip_is_exact(s: cm.Scenario) -> None:
    back = from_arrow(to_arrow(s))
    assert s == back
    assert cm.dumps(s) == cm.dumps(back)


@settings(deadline=None, max_examples=20, suppress_health_check=[HealthCheck.too_slow])
@given(cst.scenarios())
def test_parquet_round_trip_is_exact(tmp_path_factory: pytest.TempPathFactory, s: cm.Scenario) -> None:
    folder = tmp_path_factory.mktemp("parquet")
    write_parquet(s, folder)
    assert cm.dumps(s) == cm.dumps(read_parquet(folder))


def test_the_bundled_scenario_round_trips_through_parquet(tmp_path: Path) -> None:
    s = cm.syria_2017()
    written = write_parquet(s, tmp_path)
    assert sorted(p.stem for p in written) == sorted(TABLES)
    assert s == read_parquet(tmp_path)
    assert pq.read_schema(tmp_path / "controls.parquet").metadata[b"conflictmodel.layout"] == LAYOUT_VERSION.encode()


def _walk(cls: type, arrow_type: pa.DataType, path: str, seen: list[str]) -> None:
    """Every init field of ``cls`` is a field of the struct, by name and in order."""
    names = [f.name for f in attrs.fields(cls) if f.init]
    assert names == [field.name for field in arrow_type], path
    hints = typing.get_type_hints(cls)
    for field in arrow_type:
        seen.append(f"{path}.{field.name}")
        hint = hints[field.name]
        optional = isinstance(hint, types.UnionType)
        target = next(a for a in typing.get_args(hint) if a is not type(None)) if optional else hint
        child = field.type
        if typing.get_origin(target) in (tuple, frozenset):
            target, child = typing.get_args(target)[0], child.value_type
        if attrs.has(target) and target not in (cm.PartialDate, cm.Geometry):
            _walk(target, child, f"{path}.{field.name}", seen)


@pytest.mark.parametrize("table", TABLES)
def test_every_field_of_every_class_is_a_column(table: str) -> None:
    seen: list[str] = []
    _walk(record_class(table), pa.struct(list(schema(table))), table, seen)
    assert seen


def test_a_field_of_a_type_the_layout_does_not_know_is_refused() -> None:
    with pytest.raises(TypeError, match=r"Thing\.when: the table layout has no column type for <class 'complex'>"):
        _codec(type("Thing", (), {}), "when", complex)


def test_defaults_are_filled_and_dates_are_pairs() -> None:
    control = cm.Control(id="c", territory="t", controllers=("x",), period=cm.Period.from_text("2017-11", None))
    s = cm.Scenario(meta=cm.Meta(title="one"), controls=(control,))
    row = to_arrow(s)["controls"].to_pylist()[0]
    assert row["status"] == "full"
    assert row["basis"] == "reported"
    assert row["opponents"] == []
    assert row["period"]["end"] is None
    assert [str(row["period"]["start"][k]) for k in ("earliest", "latest")] == ["2017-11-01", "2017-11-30"]
    assert pa.types.is_dictionary(schema("controls").field("status").type)


def row_of(s: cm.Scenario) -> dict[str, object]:
    origin = s.events[0].origin
    assert origin is not None
    return dict(origin.row)


def test_source_rows_keep_the_type_of_every_cell() -> None:
    origin = cm.Origin(dataset="d", row={"a": "1", "b": 1, "c": 1.0, "d": True, "e": None})
    s = cm.Scenario(meta=cm.Meta(title="one"), sources=(cm.Source(id="s", title="S"),))
    s = attrs.evolve(
        s, events=(cm.Event(id="e", kind=cm.EventKind.BATTLE, date=cm.Period.from_text("2017", "2017"), origin=origin),)
    )
    back = from_arrow(to_arrow(s))
    assert dict(row_of(back)) == {"a": "1", "b": 1, "c": 1.0, "d": True, "e": None}
    assert [type(v) for v in row_of(back).values()] == [str, int, float, bool, type(None)]


def _with(tables: dict[str, pa.Table], name: str, table: pa.Table) -> dict[str, pa.Table]:
    return {**tables, name: table}


def test_bad_tables_are_refused_with_every_problem_named() -> None:
    tables = to_arrow(cm.syria_2017())
    controls = tables["controls"]
    status = controls.schema.get_field_index("status")
    broken = controls.set_column(status, "status", pa.array(["full", "nope", *["full"] * (len(controls) - 2)]))
    broken = broken.drop_columns(["basis"]).append_column("extra", pa.array([1] * len(controls)))
    with pytest.raises(cm.LoadError) as caught:
        from_arrow({**_with(tables, "controls", broken), "stuff": pa.table({})})
    problems = [str(p) for p in caught.value.problems]
    assert problems == [
        "stuff: unknown table (the tables are " + ", ".join(TABLES) + ")",
        "controls.basis: missing column",
        "controls.extra: unknown column (the columns are " + ", ".join(schema("controls").names) + ")",
    ]


def test_bad_cells_are_refused_by_row_and_field() -> None:
    tables = to_arrow(cm.syria_2017())
    rows = tables["controls"].to_pylist()
    rows[1]["status"] = "nope"
    dated = next(i for i, r in enumerate(rows) if i > 1 and r["period"]["start"] is not None)
    first = rows[dated]["period"]["start"]["earliest"]
    rows[dated]["period"]["start"] = {"earliest": first, "latest": first + dt.timedelta(days=3)}
    rows[dated + 1]["controllers"] = ["ok", "not an id"]
    broken = pa.Table.from_pylist(rows, schema=schema("controls").with_metadata({}))
    with pytest.raises(cm.LoadError) as caught:
        from_arrow(_with(tables, "controls", broken))
    where = [p.path for p in caught.value.problems]
    assert where == ["controls[1].status", f"controls[{dated}].period.start", f"controls[{dated + 1}].controllers"]
    assert "is not one of 'full', 'partial', 'contested', 'besieged'" in caught.value.problems[0].message


def test_a_date_pair_that_is_no_year_month_or_day_is_refused() -> None:
    tables = to_arrow(cm.syria_2017())
    rows = tables["sources"].to_pylist()
    dated = next(i for i, r in enumerate(rows) if r["date"] is not None)
    rows[dated]["date"] = {
        "earliest": rows[dated]["date"]["earliest"],
        "latest": rows[dated]["date"]["earliest"].replace(year=2999),
    }
    broken = pa.Table.from_pylist(rows, schema=schema("sources"))
    with pytest.raises(
        cm.LoadError, match=rf"sources\[{dated}\]\.date: .* is not one day, one calendar month or one calendar year"
    ):
        from_arrow(_with(tables, "sources", broken))


def test_meta_is_required_and_has_one_row() -> None:
    tables = to_arrow(cm.syria_2017())
    with pytest.raises(cm.LoadError, match="meta: missing table"):
        from_arrow({k: v for k, v in tables.items() if k != "meta"})
    with pytest.raises(cm.LoadError, match="meta: 2 rows, expected exactly one"):
        from_arrow(_with(tables, "meta", pa.concat_tables([tables["meta"], tables["meta"]])))


def test_a_missing_collection_is_empty() -> None:
    tables = to_arrow(cm.syria_2017())
    assert from_arrow({"meta": tables["meta"], "actors": tables["actors"]}).actors == cm.syria_2017().actors


def test_a_folder_with_a_stray_parquet_file_is_refused(tmp_path: Path) -> None:
    write_parquet(cm.syria_2017(), tmp_path)
    pq.write_table(pa.table({"x": [1]}), tmp_path / "notes.parquet")
    with pytest.raises(cm.LoadError, match=r"notes\.parquet: not a table of the layout"):
        read_tables(tmp_path)
    with pytest.raises(cm.LoadError, match="not a folder"):
        read_tables(tmp_path / "missing")


def test_an_unknown_table_has_no_schema() -> None:
    with pytest.raises(ValueError, match="no table 'nope'"):
        schema("nope")
