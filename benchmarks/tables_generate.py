"""A seeded generator of control records and events straight to Parquet, in the table layout.

``python benchmarks/tables_generate.py CONTROLS EVENTS DIR`` writes ``DIR/controls.parquet``,
``DIR/events.parquet``, ``DIR/territories.parquet`` (and the other tables, empty, plus
``meta``), building columns with numpy and pyarrow, never model objects. The world grows
with the record count (scale-invariant): one town per 20 control records, 50 towns to a
district, 20 districts to a governorate, one country; 60 actors. Each town has a history
of 20 consecutive control periods of 30 to 150 days from 2011: most bounds to the day,
10 % of starts known only to the month (so hand-overs are imprecise), the last period
open; statuses mostly full, with partial, contested (with an opponent) and besieged
records, and 10 % joint control. Events fall on a town (90 %) or a district, on a day
(85 %), a month (12 %) or a year (3 %). The same seed gives the same files.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from conflictmodel.tables import TABLES, schema

HISTORY = 20
EPOCH = np.datetime64("2011-01-01", "D")


def _date_pair(first: np.ndarray, last: np.ndarray, valid: np.ndarray | None = None) -> pa.StructArray:
    mask = None if valid is None else pa.array(~valid)
    return pa.StructArray.from_arrays(
        [pa.array(first.astype("datetime64[D]"), pa.date32()), pa.array(last.astype("datetime64[D]"), pa.date32())],
        names=["earliest", "latest"],
        mask=mask,
    )


def _month(days: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    months = days.astype("datetime64[M]")
    return months.astype("datetime64[D]"), (months + 1).astype("datetime64[D]") - 1


def _year(days: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    years = days.astype("datetime64[Y]")
    return years.astype("datetime64[D]"), (years + 1).astype("datetime64[D]") - 1


def _ids(prefix: str, n: int) -> pa.Array:
    return pa.array(np.char.add(prefix, np.arange(n).astype(str)), pa.string())


def _lists(values: pa.Array | pa.ChunkedArray, sizes: np.ndarray) -> pa.ListArray:
    offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int32)
    if isinstance(values, pa.ChunkedArray):  # pyarrow chunks a large array it converts
        values = values.combine_chunks()
    return pa.ListArray.from_arrays(pa.array(offsets), values)


def _table(name: str, columns: dict[str, Any], rows: int) -> pa.Table:
    target = schema(name)
    arrays = []
    for field in target:
        if field.name in columns:
            arrays.append(
                pa.array(columns[field.name], field.type)
                if not isinstance(columns[field.name], pa.Array)
                else columns[field.name].cast(field.type)
            )
        elif pa.types.is_list(field.type) or pa.types.is_map(field.type):
            arrays.append(pa.array([[]] * rows, field.type))
        else:
            arrays.append(pa.array([None] * rows, field.type))
    return pa.Table.from_arrays(arrays, schema=target)


def territories(n_towns: int) -> pa.Table:
    n_districts = max(1, n_towns // 50)
    n_govs = max(1, n_districts // 20)
    ids = [
        "sy",
        *[f"g{i}" for i in range(n_govs)],
        *[f"d{i}" for i in range(n_districts)],
        *[f"t{i}" for i in range(n_towns)],
    ]
    parents = [
        None,
        *["sy"] * n_govs,
        *[f"g{i % n_govs}" for i in range(n_districts)],
        *[f"d{i % n_districts}" for i in range(n_towns)],
    ]
    kinds = ["country", *["admin1"] * n_govs, *["admin2"] * n_districts, *["town"] * n_towns]
    rows = len(ids)
    return _table(
        "territories",
        {"id": ids, "name": ids, "kind": pa.array(kinds).dictionary_encode(), "parent": parents},
        rows,
    )


def controls(n: int, rng: np.random.Generator) -> pa.Table:
    towns = np.arange(n) // HISTORY
    seq = np.arange(n) % HISTORY
    lengths = rng.integers(30, 150, n)
    starts = EPOCH + (np.cumsum(lengths) - lengths - (towns * 0)).astype("timedelta64[D]")
    first_of_town = np.repeat(
        np.cumsum(lengths)[np.arange(0, n, HISTORY)] - lengths[np.arange(0, n, HISTORY)], HISTORY
    )[:n]
    starts = EPOCH + (np.cumsum(lengths) - lengths - first_of_town).astype("timedelta64[D]")
    ends = starts + (lengths - 1).astype("timedelta64[D]")
    s_first, s_last = starts.copy(), starts.copy()
    monthly = rng.random(n) < 0.10
    m_first, m_last = _month(starts)
    s_first[monthly], s_last[monthly] = m_first[monthly], m_last[monthly]
    first = seq == 0
    open_end = seq == HISTORY - 1
    start = _date_pair(s_first, s_last, ~first)
    next_monthly = np.roll(monthly, -1)
    e_first, e_last = ends.copy(), ends.copy()
    nm_first, nm_last = _month(ends)
    e_first[next_monthly], e_last[next_monthly] = nm_first[next_monthly], nm_last[next_monthly]
    end = _date_pair(e_first, e_last, ~open_end)
    period = pa.StructArray.from_arrays([start, end], names=["start", "end"])
    roll = rng.random(n)
    status = np.where(
        roll < 0.80, "full", np.where(roll < 0.88, "partial", np.where(roll < 0.96, "contested", "besieged"))
    )
    holder = rng.integers(0, 60, n)
    joint = (rng.random(n) < 0.10) & (status != "contested") & (status != "besieged")
    second = (holder + 1 + rng.integers(0, 58, n)) % 60
    sizes = 1 + joint.astype(np.int64)
    actors = np.empty(int(sizes.sum()), dtype=object)
    at = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    actors[at] = np.char.add("a", holder.astype(str))
    actors[at[joint] + 1] = np.char.add("a", second[joint].astype(str))
    with_opponent = (status == "contested") | (status == "besieged")
    opponents = np.char.add("a", ((holder + 7) % 60).astype(str))[with_opponent]
    return _table(
        "controls",
        {
            "id": _ids("c", n),
            "territory": pa.array(np.char.add("t", towns.astype(str))),
            "controllers": _lists(pa.array(actors.astype(str)), sizes),
            "period": period,
            "status": pa.array(status).dictionary_encode(),
            "opponents": _lists(pa.array(opponents.astype(str)), with_opponent.astype(np.int64)),
            "basis": pa.array(np.full(n, "reported")).dictionary_encode(),
        },
        n,
    )


def events(n: int, n_towns: int, rng: np.random.Generator) -> pa.Table:
    n_districts = max(1, n_towns // 50)
    on_town = rng.random(n) < 0.9
    location = np.where(
        on_town,
        np.char.add("t", rng.integers(0, n_towns, n).astype(str)),
        np.char.add("d", rng.integers(0, n_districts, n).astype(str)),
    )
    days = EPOCH + rng.integers(0, 2500, n).astype("timedelta64[D]")
    first, last = days.copy(), days.copy()
    roll = rng.random(n)
    m_first, m_last = _month(days)
    y_first, y_last = _year(days)
    month, year = (roll >= 0.85) & (roll < 0.97), roll >= 0.97
    first[month], last[month] = m_first[month], m_last[month]
    first[year], last[year] = y_first[year], y_last[year]
    pair = _date_pair(first, last)
    date = pa.StructArray.from_arrays([pair, pair], names=["start", "end"])
    return _table(
        "events",
        {
            "id": _ids("e", n),
            "kind": pa.array(np.full(n, "battle")).dictionary_encode(),
            "date": date,
            "location": pa.array(location),
        },
        n,
    )


def generate(n_controls: int, n_events: int, folder: Path, *, seed: int = 20171130) -> dict[str, int]:
    """Write the folder; return each file's size in bytes."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    n_towns = max(1, n_controls // HISTORY)
    made = {
        "territories": territories(n_towns),
        "controls": controls(n_controls, rng),
        "events": events(n_events, n_towns, rng),
    }
    made["meta"] = pa.Table.from_pylist(
        [{"title": "generated", "description": None, "as_of": None, "sources": []}], schema=schema("meta")
    )
    for name in TABLES:
        table = made.get(name)
        if table is None:
            table = schema(name).empty_table()
        pq.write_table(table, folder / f"{name}.parquet", compression="zstd")
    return {name: (folder / f"{name}.parquet").stat().st_size for name in TABLES}


if __name__ == "__main__":
    sizes = generate(int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]))
    for name, size in sizes.items():
        print(f"{name:12} {size / 1e6:8.1f} MB")
