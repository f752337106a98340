"""Benchmark of validate, the query index build and point queries.

Run ``python benchmarks/bench_queries.py`` for 10k and 100k records, and add ``--full``
for 1M as well (about 3 GB of memory and a few minutes; the machine is shared, so it is
opt-in). ``--sizes 10000 50000`` picks sizes; ``--repeats N`` the repeats of each timing;
``--json out.json`` also writes the figures (``targets.py`` reads them).

What is timed, on ``generate.document(n)`` loaded with ``conflictmodel.loads``:

* ``validate``: ``cm.validate(s)``, every rule;
* ``index build``: the control index alone, and every query index (a fresh set each
  repeat, on the same scenario);
* point queries "who holds T on D" for 10,000 random (territory, day) pairs: a naive
  scan over the control records (on a sample, it is slow), the bare floor (a function
  that looks up one sorted list of start days per territory and bisects it: no
  imprecise-date semantics, no state object),
  ``controllers_on`` on a cold cache (first time each day's segment is asked) and warm;
* the batch ``controllers_on_many`` of all 10,000 pairs: *cold* on a fresh scenario
  (first call: the control index is built inside the call, and the time is divided by
  the queries), *cold, index built* (the index built beforehand, every state still to
  compute; timed with the collector on and again off), and *warm* (the same call
  again). It returns one :class:`ControlState` per pair: kind, controllers and
  opponents under every reading of imprecise dates, the ids of the records that
  certainly and that possibly cover the day, and the state derived from parts or
  inherited from an enclosing territory where the territory has no record that day;
* DuckDB on the same pairs: the control periods (id, territory, the four day ordinals
  of the period, controllers) and the pairs loaded once into an in-memory database
  (outside the timing, as the index is for "index built"), then, each with its rows
  fetched into Python and timed with the collector on and again off: one **interval
  join** (``JOIN ... ON territory = territory AND day BETWEEN earliest AND latest``:
  a row of controllers per record that possibly covers the day, nothing for a pair
  that none covers), one **ASOF join** (``ASOF JOIN ... ON territory = territory AND
  day >= earliest``: the controllers of the last record started by the day), and the
  interval join **grouped per pair** (a ``LEFT JOIN`` grouped by pair: one row per
  pair with the ids of the records that certainly and that possibly cover the day,
  which are ``records`` and ``uncertain`` of the state). None of them decides a kind,
  the readings of imprecise dates, or anything through the territory tree, so each
  answers less than ``controllers_on_many``.

Each figure is the median of the repeats; per-query figures are the total divided by
the number of queries. Between two sizes the growth of validate and of the index build
is printed as a factor (PERF.md asks for at most x11.5 from 100k to 1M records) and as
the exponent ``log(t2 / t1) / log(n2 / n1)``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gc
import itertools
import json
import math
import platform
import random
import statistics
import sys
import tempfile
import time
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import document

import conflictmodel as cm
from conflictmodel._queries._index import Indexes

QUERIES = 10_000
NAIVE_QUERIES = 200


def timed(action: Callable[[], Any], repeats: int) -> float:
    """The median wall time of ``action`` in seconds."""
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def questions(scenario: cm.Scenario, count: int, seed: int) -> list[tuple[str, dt.date]]:
    rng = random.Random(seed)
    territories = [t.id for t in scenario.territories]
    base = dt.date(2011, 3, 15)
    return [(rng.choice(territories), base + dt.timedelta(days=rng.randrange(3650))) for _ in range(count)]


def naive(scenario: cm.Scenario, asked: list[tuple[str, dt.date]]) -> list[tuple[str, ...]]:
    """A scan over every control record per question (possibly-contains, first match)."""
    found = []
    for territory, day in asked:
        holders: tuple[str, ...] = ()
        for control in scenario.controls:
            if control.territory == territory and control.period.possibly_contains(day):
                holders = control.controllers
                break
        found.append(holders)
    return found


def floor_index(scenario: cm.Scenario) -> dict[str, tuple[list[int], list[tuple[str, ...]]]]:
    """The bare floor: per territory, start days sorted, and the controllers of each."""
    grouped: dict[str, list[tuple[int, tuple[str, ...]]]] = defaultdict(list)
    for control in scenario.controls:
        grouped[control.territory].append((control.period.earliest.toordinal(), control.controllers))
    index = {}
    for territory, items in grouped.items():
        items.sort()
        index[territory] = ([s for s, _ in items], [c for _, c in items])
    return index


def floor_lookup(
    index: dict[str, tuple[list[int], list[tuple[str, ...]]]], territory: str, day: dt.date
) -> tuple[str, ...]:
    """The floor of one point query: a function call, a dict lookup, one bisect."""
    entry = index.get(territory)
    if entry is None:
        return ()
    i = bisect_right(entry[0], day.toordinal()) - 1
    return entry[1][i] if i >= 0 else ()


def floor_queries(index: dict[str, tuple[list[int], list[tuple[str, ...]]]], asked: list[tuple[str, dt.date]]) -> None:
    for territory, day in asked:
        floor_lookup(index, territory, day)


def bench(size: int, repeats: int) -> dict[str, float]:
    text = json.dumps(document(size))
    scenario = cm.loads(text)
    del text
    records = len(scenario)
    out: dict[str, float] = {"records": records}
    out["validate_s"] = timed(lambda: cm.validate(scenario), repeats)
    out["control_index_s"] = timed(lambda: Indexes(scenario).controls, repeats)

    def all_indexes() -> None:
        fresh = Indexes(scenario)
        for name in ("tree", "controls", "actors", "alignment", "agreements", "events"):
            getattr(fresh, name)

    out["all_indexes_s"] = timed(all_indexes, repeats)
    asked = questions(scenario, QUERIES, seed=size)
    sample = asked[:NAIVE_QUERIES]
    out["naive_us"] = timed(lambda: naive(scenario, sample), 1) / len(sample) * 1e6
    floor = floor_index(scenario)
    out["floor_us"] = timed(lambda: floor_queries(floor, asked), repeats) / len(asked) * 1e6

    def cold() -> None:
        fresh = attrs_copy(scenario)
        fresh._indexes().controls  # noqa: B018, SLF001 - build first: it is not part of the query time
        start = time.perf_counter()
        for territory, day in asked:
            fresh.controllers_on(territory, day)
        cold_times.append(time.perf_counter() - start)

    cold_times: list[float] = []
    for _ in range(repeats):
        cold()
    out["cold_us"] = statistics.median(cold_times) / len(asked) * 1e6
    scenario.controllers_on(*asked[0])
    for territory, day in asked:
        scenario.controllers_on(territory, day)
    out["warm_us"] = timed(lambda: [scenario.controllers_on(t, d) for t, d in asked], repeats) / len(asked) * 1e6
    out["batch_us"] = timed(lambda: scenario.controllers_on_many(asked), repeats) / len(asked) * 1e6
    out["warm_vs_floor"] = out["warm_us"] / out["floor_us"]

    out["batch_cold_us"] = cold_batch(scenario, asked, repeats, build_first=False)
    out["batch_cold_built_us"] = cold_batch(scenario, asked, repeats, build_first=True)
    out["batch_cold_built_off_us"] = cold_batch(scenario, asked, repeats, build_first=True, collector=False)
    out.update(duckdb_joins(scenario, asked, repeats))
    return out


def cold_batch(
    scenario: cm.Scenario, asked: list[tuple[str, dt.date]], repeats: int, *, build_first: bool, collector: bool = True
) -> float:
    """µs per query of the first ``controllers_on_many`` call on a fresh scenario."""
    seconds = []
    for _ in range(repeats):
        fresh = attrs_copy(scenario)
        if build_first:
            fresh._indexes().controls  # noqa: B018, SLF001 - built outside the timed call
        gc.collect()
        if not collector:
            gc.disable()
        start = time.perf_counter()
        fresh.controllers_on_many(asked)
        seconds.append(time.perf_counter() - start)
        gc.enable()
    return statistics.median(seconds) / len(asked) * 1e6


def duckdb_joins(scenario: cm.Scenario, asked: list[tuple[str, dt.date]], repeats: int) -> dict[str, float]:
    """µs per query of DuckDB's interval join and ASOF join on the same pairs."""
    import duckdb  # noqa: PLC0415 - a benchmark peer, only needed here

    con = duckdb.connect()
    with tempfile.TemporaryDirectory() as folder:
        # Loaded through CSV files (executemany is far too slow for a million rows).
        controls, pairs = Path(folder) / "c.csv", Path(folder) / "q.csv"
        with controls.open("w", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(["id", "territory", "earliest", "first", "last", "latest", "controllers"])
            for c in scenario.controls:
                period = c.period
                days = (period.earliest, period.certain_first, period.certain_last, period.latest)
                writer.writerow([c.id, c.territory, *(d.toordinal() for d in days), " ".join(c.controllers)])
        with pairs.open("w", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(["i", "territory", "day"])
            writer.writerows((i, t, d.toordinal()) for i, (t, d) in enumerate(asked))
        con.execute(
            "CREATE TABLE c AS SELECT id, territory, earliest::INTEGER AS earliest, first::INTEGER AS first, "
            "last::INTEGER AS last, latest::INTEGER AS latest, string_split(controllers, ' ') AS controllers "
            "FROM read_csv(?, header=true, all_varchar=true)",
            [str(controls)],
        )
        con.execute(
            "CREATE TABLE q AS SELECT i::INTEGER AS i, territory, day::INTEGER AS day "
            "FROM read_csv(?, header=true, all_varchar=true)",
            [str(pairs)],
        )
    interval = (
        "SELECT q.i, c.controllers FROM q JOIN c ON q.territory = c.territory AND q.day BETWEEN c.earliest AND c.latest"
    )
    asof = "SELECT q.i, c.controllers FROM q ASOF JOIN c ON q.territory = c.territory AND q.day >= c.earliest"
    grouped = (
        "SELECT q.i, list(c.id ORDER BY c.id) FILTER (WHERE q.day BETWEEN c.first AND c.last) AS records, "
        "list(c.id ORDER BY c.id) FILTER (WHERE q.day NOT BETWEEN c.first AND c.last) AS uncertain "
        "FROM q LEFT JOIN c ON q.territory = c.territory AND q.day BETWEEN c.earliest AND c.latest GROUP BY q.i"
    )
    out = {}
    for name, sql in (("interval", interval), ("asof", asof), ("grouped", grouped)):

        def run(sql: str = sql) -> None:
            con.execute(sql).fetchall()

        out[f"duckdb_{name}_us"] = timed(run, repeats) / len(asked) * 1e6
        gc.disable()
        try:
            out[f"duckdb_{name}_off_us"] = timed(run, repeats) / len(asked) * 1e6
        finally:
            gc.enable()
    con.close()
    return out


def attrs_copy(scenario: cm.Scenario) -> cm.Scenario:
    """The same records in a new scenario object, without its cached indexes."""
    import attrs  # noqa: PLC0415 - only needed here

    return attrs.evolve(scenario)


COLUMNS = [
    ("records", "records", "{:,.0f}"),
    ("validate_s", "validate s", "{:.3f}"),
    ("control_index_s", "control index s", "{:.3f}"),
    ("all_indexes_s", "all indexes s", "{:.3f}"),
    ("naive_us", "naive µs/q", "{:,.0f}"),
    ("floor_us", "floor µs/q", "{:.2f}"),
    ("cold_us", "cold µs/q", "{:.2f}"),
    ("warm_us", "warm µs/q", "{:.2f}"),
    ("batch_us", "batch warm µs/q", "{:.2f}"),
    ("batch_cold_us", "batch cold µs/q", "{:.2f}"),
    ("batch_cold_built_us", "batch cold, index built µs/q", "{:.2f}"),
    ("batch_cold_built_off_us", "same, collector off µs/q", "{:.2f}"),
    ("duckdb_interval_us", "DuckDB interval join µs/q", "{:.2f}"),
    ("duckdb_interval_off_us", "same, collector off µs/q", "{:.2f}"),
    ("duckdb_asof_us", "DuckDB ASOF join µs/q", "{:.2f}"),
    ("duckdb_asof_off_us", "same, collector off µs/q", "{:.2f}"),
    ("duckdb_grouped_us", "DuckDB join grouped per pair µs/q", "{:.2f}"),
    ("duckdb_grouped_off_us", "same, collector off µs/q", "{:.2f}"),
    ("warm_vs_floor", "warm/floor", "{:.2f}"),
]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="also run 1,000,000 records (slow, ~3 GB)")
    parser.add_argument("--sizes", type=int, nargs="*", help="record counts to run (default 10000 100000)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args(argv)
    sizes = args.sizes or [10_000, 100_000]
    if args.full:
        sizes.append(1_000_000)
    today = dt.datetime.now(dt.UTC).date()
    print(f"# {today} · Python {platform.python_version()} · {platform.machine()} · median of {args.repeats}")
    results = []
    for size in sizes:
        repeats = args.repeats if size < 1_000_000 else min(args.repeats, 3)
        results.append(bench(size, repeats))
        print(" | ".join(f"{label}: {fmt.format(results[-1][key])}" for key, label, fmt in COLUMNS), flush=True)
    print()
    print("| " + " | ".join(label for _, label, _ in COLUMNS) + " |")
    print("|" + "---|" * len(COLUMNS))
    for row in results:
        print("| " + " | ".join(fmt.format(row[key]) for key, _, fmt in COLUMNS) + " |")
    for first, second in itertools.pairwise(results):
        growth = math.log(second["records"] / first["records"])
        for key in ("validate_s", "all_indexes_s"):
            factor = second[key] / first[key]
            exponent = math.log(factor) / growth
            print(
                f"growth of {key} from {first['records']:,.0f} to {second['records']:,.0f} records: "
                f"x{factor:.1f} (exponent {exponent:.2f})"
            )
    if args.json:
        when = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        written = {"date": when, "python": platform.python_version(), "repeats": args.repeats, "sizes": results}
        args.json.write_text(json.dumps(written, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
