"""PERF.md's measured targets in one run: each target, what was measured and whether it is met.

    python benchmarks/targets.py                           # 100,000 records; queries at 100,000 and 1,000,000
    python benchmarks/targets.py --records 10000 --sizes 10000 100000 --repeat 3   # a quicker run
    python benchmarks/targets.py --realistic               # decode and encode on generate.realistic's spelling
    python benchmarks/targets.py --json targets.json       # also write the rows and every benchmark's figures

It runs ``bench_io.py`` (decode, encode, memory: conflictmodel against pydantic and
msgspec, both collector regimes), ``bench_queries.py`` (point and batch queries beside
DuckDB, ``validate`` and the index builds at two sizes) and ``bench_shapes.py
--count-lines`` (one big record: the lines of the library's code each call executes at
two sizes), each in its own process, one after the other, and reads their ``--json``
figures. So every ratio in the table is from one run of one benchmark, on the same bytes
and in the same regime, as PERF.md asks; the table only puts them beside the targets.
Its header names the date, the document and the commit measured (``-dirty`` when the
checkout has uncommitted changes).

"No rule or query quadratic in the size of one record" is read from executed lines,
which do not depend on the machine's load: a call whose count grows with an exponent
above 1.2 from 300 to 3,000 (``n log n`` gives 1.15, ``n²`` 2) is called quadratic; one
row per shape gives its worst call. Not covered: the joins past one process
(``bench_tables.py``, wall time and memory of DuckDB and Spark on their own).

The batch target is read two ways, both printed: the first ``controllers_on_many`` call
with the control index built beforehand (DuckDB's join is timed on tables loaded
beforehand) and with the index built inside the call (PERF.md's "cold"). A growth
target needs two sizes, the second ten times the first: with other sizes its row says
what was measured without a verdict.
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_shapes import exponent

HERE = Path(__file__).resolve().parent
CM, MSGSPEC, PYDANTIC = "conflictmodel", "msgspec", "pydantic"
GROWTH_LIMIT = 11.5
# the growth exponent of executed lines above which a call is read as quadratic: n log n
# from 300 to 3,000 gives 1.15, n² gives 2
SHAPE_LIMIT = 1.2


@attrs.frozen
class Row:
    """One target: what is compared, the measured figure (a ratio, or with ``unit=""`` an
    exponent), its bound, and the verdict."""

    target: str
    measured: float | None
    bound: float | None
    at_least: bool  # met when measured >= bound (else when measured <= bound)
    unit: str = "x"

    @property
    def met(self) -> bool | None:
        """Whether the target is met; ``None`` when nothing was measured or no bound applies."""
        if self.measured is None or self.bound is None:
            return None
        return self.measured >= self.bound if self.at_least else self.measured <= self.bound


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    return None if not numerator or not denominator else numerator / denominator


def io_rows(io: dict[str, Any]) -> Iterator[Row]:
    """Decode, encode and memory rows from ``bench_io.py --json`` results."""
    speed, memory = io.get("speed", {}), io.get("memory", {})
    ours, pydantic = speed.get(CM, {}), speed.get(PYDANTIC, {})
    for regime, label in (("gc_on", "collector on for all"), ("gc_off", "collector off for all")):
        mine, theirs = ours.get(f"decode_{regime}_per_s"), pydantic.get(f"decode_{regime}_per_s")
        yield Row(f"decode / pydantic, {label}", _ratio(mine, theirs), 2.0, at_least=True)
    for regime, label in (("gc_on", "collector on for all"), ("gc_off", "collector off for all")):
        mine = ours.get(f"encode_text_{regime}_per_s")
        same = pydantic.get(f"encode_text_{regime}_per_s")
        compact = pydantic.get(f"encode_{regime}_per_s")
        yield Row(f"encode / pydantic's same text, {label}", _ratio(mine, same), 2.0, at_least=True)
        yield Row(f"encode / pydantic's compact output, {label}", _ratio(mine, compact), 1.0, at_least=True)
    held = memory.get(CM, {}).get("held")
    yield Row("memory held / msgspec's", _ratio(held, memory.get(MSGSPEC, {}).get("held")), 0.6, at_least=False)
    yield Row("peak during decode / held", _ratio(memory.get(CM, {}).get("peak"), held), 2.0, at_least=False)


def query_rows(queries: list[dict[str, float]]) -> Iterator[Row]:
    """Query, batch and growth rows from ``bench_queries.py --json`` sizes."""
    for size in queries:
        n = f"{size['records']:,.0f} records"
        join_on, join_off = size["duckdb_interval_us"], size["duckdb_interval_off_us"]
        compared = (  # (target, measured, bound): each met when at most its bound
            (f"point query warm / bisect floor, {n}", _ratio(size["warm_us"], size["floor_us"]), 1.5),
            (f"batch first call (index built) / DuckDB join, {n}, on", _ratio(size["batch_cold_built_us"], join_on), 1),
            (
                f"batch first call (index built) / DuckDB join, {n}, off",
                _ratio(size["batch_cold_built_off_us"], join_off),
                1,
            ),
            (f"batch first call (index built in it) / DuckDB join, {n}, on", _ratio(size["batch_cold_us"], join_on), 1),
        )
        for target, measured, bound in compared:
            yield Row(target, measured, bound, at_least=False)
    for first, second in itertools.pairwise(queries):
        tenfold = round(second["records"] / first["records"]) == 10
        span = f"{first['records']:,.0f} → {second['records']:,.0f} records"
        for key, what in (("validate_s", "validate"), ("all_indexes_s", "index builds")):
            growth = _ratio(second[key], first[key])
            yield Row(f"growth of {what}, {span}", growth, GROWTH_LIMIT if tenfold else None, at_least=False)


def shape_rows(shapes: dict[str, Any]) -> Iterator[Row]:
    """One row per shape from ``bench_shapes.py --count-lines --json``: the largest growth
    exponent of the lines of conflictmodel's code its calls execute, and which call."""
    (n1, *_, n2) = shapes["sizes"]
    for shape, calls in shapes["lines"].items():
        exponents = {call: exponent(counts[0], counts[-1], n1, n2) for call, counts in calls.items()}
        worst = max(exponents, key=exponents.__getitem__)
        target = f"no call quadratic in one record: {shape} (exponent of lines executed, n {n1:,} → {n2:,}; {worst})"
        yield Row(target, exponents[worst], SHAPE_LIMIT, at_least=False, unit="")


def table(rows: list[Row]) -> Iterator[str]:
    """The rows as a Markdown table."""
    yield "| target | measured | bound | |"
    yield "|---|---:|---:|---|"
    verdicts = {True: "met", False: "**missed**", None: ""}
    for row in rows:
        measured = "not measured" if row.measured is None else f"{row.measured:.2f}{row.unit}"
        bound = "" if row.bound is None else f"{'≥' if row.at_least else '≤'} {row.bound:g}{row.unit}"
        yield f"| {row.target} | {measured} | {bound} | {verdicts[row.met]} |"


def _run(script: str, arguments: list[str], output: Path) -> Any:
    """Run one benchmark in its own process (its own lines printed as it goes) and read its JSON."""
    command = [sys.executable, str(HERE / script), *arguments, "--json", str(output)]
    print("$", " ".join(command[1:]), flush=True)
    subprocess.run(command, check=True)  # noqa: S603 - the project's own benchmark scripts
    return json.loads(output.read_text(encoding="utf-8"))


def commit() -> str:
    """The checked-out commit (``-dirty`` with uncommitted changes), or ``unknown`` outside git."""
    try:
        done = subprocess.run(
            ["git", "describe", "--always", "--dirty", "--exclude=*"],  # noqa: S607 - git from the PATH, as a developer runs it
            cwd=HERE,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return done.stdout.strip()


def main(argv: list[str] | None = None) -> None:
    """Run both benchmarks and print the targets' table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--records", type=int, default=100_000, help="records for decode, encode and memory")
    parser.add_argument("--sizes", type=int, nargs=2, default=[100_000, 1_000_000], help="the two query sizes")
    parser.add_argument("--repeat", type=int, default=5, help="timed repeats of each benchmark")
    parser.add_argument("--realistic", action="store_true", help="decode and encode generate.realistic's spelling")
    parser.add_argument("--no-memory", action="store_true", help="skip the memory children (a quick run)")
    parser.add_argument("--json", type=Path, help="also write the rows and every benchmark's figures here")
    args = parser.parse_args(argv)
    io_arguments = ["--records", str(args.records), "--repeat", str(args.repeat)]
    io_arguments += ["--realistic"] * args.realistic + ["--no-memory"] * args.no_memory
    query_arguments = ["--sizes", *map(str, args.sizes), "--repeats", str(args.repeat)]
    with tempfile.TemporaryDirectory() as folder:
        io = _run("bench_io.py", io_arguments, Path(folder) / "io.json")
        queries = _run("bench_queries.py", query_arguments, Path(folder) / "queries.json")
        shapes = _run("bench_shapes.py", ["--count-lines"], Path(folder) / "shapes.json")
    rows = [*io_rows(io), *query_rows(queries["sizes"]), *shape_rows(shapes)]
    at = commit()
    print()
    where = f"{io['document']} document, {io['records']:,} records, commit {at}"
    print(f"PERF.md's targets, {io['machine']['date']} ({where}):")
    for line in table(rows):
        print(line)
    if args.json:
        found = [{**attrs.asdict(row), "met": row.met} for row in rows]
        written = {"commit": at, "rows": found, "io": io, "queries": queries, "shapes": shapes}
        args.json.write_text(json.dumps(written, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
