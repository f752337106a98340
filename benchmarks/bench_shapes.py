"""Benchmark of the shapes that make pairwise algorithms blow up: one big record.

Run ``python benchmarks/bench_shapes.py`` for the default sizes, ``--sizes 1000 10000``
to pick them, ``--only hostility`` to run one shape, ``--repeats N`` for the repeats.

Each shape is one scenario whose size is driven by ``n`` *inside one record*:

* ``hostility``: one hostility with ``n`` actors on each side, all of them members of one
  alliance over the same days and ``n`` supports from a side-A actor to a side-B actor
  (the worst case of CM501 "allied and hostile" and CM502 "supports an enemy");
* ``alliance``: one alliance of ``n`` members, each with a support to the next;
* ``aliases``: one actor with ``n`` aliases (and a territory with ``n`` aliases);
* ``control``: one control record with ``n`` controllers and ``n`` opponents, and an
  agreement covering ``n`` territories with ``n`` parties;
* ``ucdp-aliases``: ``n`` UCDP GED rows naming one actor id under ``n`` names, read by
  ``cm.io.read_ucdp_ged`` (an actor with ``n - 1`` aliases, built once).

What is timed for the scenario shapes is ``cm.validate(s)`` (every rule) and every query
that reads the shape (``allies_of``, ``enemies_of``, ``supporters_of``, ``camps``,
``controllers_on``, ``agreements_in_force``, ``actors_of``, ``violations_of``,
``partition``), on a scenario built directly (no JSON), each with a fresh query engine;
for ``ucdp-aliases``, the import of the CSV text. Peak memory is the ``tracemalloc``
peak of the same call, in its own measurement after the timing, so that tracing does not
slow the timed runs. Each time is the median of the repeats, with the collector on: the
wall time, and the CPU time of the process (``time.process_time``), which a machine
shared with other jobs inflates much less.

The growth exponent between two sizes is ``log(t2 / t1) / log(n2 / n1)``: 1 is linear, 2
quadratic; ``n log n`` from 1,000 to 10,000 gives about 1.13.

``--count-lines`` measures no time: it counts the lines of conflictmodel's Python code
each call executes (``sys.settrace``), at each size, and prints their exponent. The count
does not depend on the machine's load, so it tells a step that is super-linear in the
library's own code from the noise of a shared machine (the sorts and the collector, in
C, are not counted). Line tracing is slow: use smaller sizes (``--sizes 300 3000``).
With ``--json out.json`` the counts are also written (``targets.py`` reads them).
"""

from __future__ import annotations

import argparse
import csv
import gc
import io
import json
import math
import platform
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import conflictmodel as cm
from conflictmodel.io import read_ucdp_ged

DAY = "2017-06-01"
META = cm.Meta(title="Shape")
PERIOD = cm.Period.from_text("2017-01-01", "2017-12-31")


def _actor(i: int) -> cm.Actor:
    return cm.Actor(id=f"a{i}", name=f"Actor {i}", kind=cm.ActorKind.ARMED_GROUP)


def hostility_shape(n: int) -> cm.Scenario:
    """One hostility with ``n`` actors a side, all allied, with ``n`` cross supports."""
    side_a = tuple(f"a{i}" for i in range(n))
    side_b = tuple(f"a{n + i}" for i in range(n))
    return cm.Scenario(
        meta=META,
        actors=tuple(_actor(i) for i in range(2 * n)),
        hostilities=(cm.Hostility(id="h", side_a=side_a, side_b=side_b, period=PERIOD),),
        alliances=(
            cm.Alliance(
                id="al",
                name="Everyone",
                kind=cm.AllianceKind.COALITION,
                members=tuple(cm.Membership(actor=a) for a in side_a + side_b),
                period=PERIOD,
            ),
        ),
        supports=tuple(
            cm.Support(id=f"s{i}", supporter=side_a[i], recipient=side_b[i], kinds=frozenset({cm.SupportKind.FUNDING}))
            for i in range(n)
        ),
    )


def alliance_shape(n: int) -> cm.Scenario:
    """One alliance of ``n`` members over a year, each supporting the next."""
    return cm.Scenario(
        meta=META,
        actors=tuple(_actor(i) for i in range(n)),
        alliances=(
            cm.Alliance(
                id="al",
                name="Big alliance",
                kind=cm.AllianceKind.DEFENCE_PACT,
                members=tuple(cm.Membership(actor=f"a{i}") for i in range(n)),
                period=PERIOD,
            ),
        ),
        supports=tuple(
            cm.Support(
                id=f"s{i}",
                supporter=f"a{i}",
                recipient=f"a{(i + 1) % n}",
                kinds=frozenset({cm.SupportKind.WEAPONS}),
                period=PERIOD,
            )
            for i in range(n)
        ),
    )


def aliases_shape(n: int) -> cm.Scenario:
    """One actor and one territory with ``n`` aliases each."""
    names = frozenset(f"alias {i}" for i in range(n))
    return cm.Scenario(
        meta=META,
        actors=(cm.Actor(id="a", name="Actor", kind=cm.ActorKind.STATE, aliases=names),),
        territories=(cm.Territory(id="t", name="Land", kind=cm.TerritoryKind.COUNTRY, aliases=names),),
    )


def control_shape(n: int) -> cm.Scenario:
    """A control record with ``n`` controllers and opponents; an agreement covering ``n``."""
    controllers = tuple(f"a{i}" for i in range(n))
    opponents = frozenset(f"a{n + i}" for i in range(n))
    parts = tuple(
        cm.Territory(id=f"t{i}", name=f"Part {i}", kind=cm.TerritoryKind.ADMIN1, parent="t", area_km2=1.0)
        for i in range(n)
    )
    territories = (cm.Territory(id="t", name="Land", kind=cm.TerritoryKind.COUNTRY, area_km2=1.0), *parts)
    return cm.Scenario(
        meta=META,
        actors=tuple(_actor(i) for i in range(2 * n)),
        territories=territories,
        controls=(
            cm.Control(
                id="c",
                territory="t",
                controllers=controllers,
                opponents=opponents,
                period=PERIOD,
                status=cm.ControlStatus.CONTESTED,
            ),
        ),
        agreements=(
            cm.Agreement(
                id="g",
                name="Truce",
                kind=cm.AgreementKind.CEASEFIRE,
                in_force=PERIOD,
                covers=frozenset(f"t{i}" for i in range(n)),
                actors=tuple(cm.AgreementActor(actor=a, roles=frozenset({cm.Role.PARTY})) for a in controllers),
            ),
        ),
    )


GED_FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "ucdp-ged" / "ged-layout-synthetic.csv"


def ucdp_aliases_shape(n: int) -> dict[str, Callable[[], Any]]:
    """``n`` GED rows (the first row of the synthetic fixture, each with its own event
    id) whose side B is one UCDP actor id under ``n`` different names; the call reads them."""
    with GED_FIXTURE.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, template = list(reader.fieldnames or ()), next(reader)
    out = io.StringIO()
    writer = csv.DictWriter(out, header, lineterminator="\n")
    writer.writeheader()
    for i in range(n):
        writer.writerow(
            template | {"id": str(10**7 + i), "relid": f"r{i}", "side_b_new_id": "234", "side_b": f"Name {i}"}
        )
    text = out.getvalue()
    return {"read_ucdp_ged": lambda: read_ucdp_ged(io.StringIO(text))}


def _scenario(build: Callable[[int], cm.Scenario]) -> Callable[[int], dict[str, Callable[[], Any]]]:
    return lambda n: _queries(build(n))


SHAPES: dict[str, tuple[Callable[[int], dict[str, Callable[[], Any]]], tuple[int, ...]]] = {
    "hostility": (_scenario(hostility_shape), (1_000, 3_000, 10_000)),
    "alliance": (_scenario(alliance_shape), (500, 1_500, 5_000)),
    "aliases": (_scenario(aliases_shape), (10_000, 100_000, 1_000_000)),
    "control": (_scenario(control_shape), (1_000, 3_000, 10_000)),
    "ucdp-aliases": (ucdp_aliases_shape, (1_000, 3_000, 10_000)),
}
"""Each shape: the calls to measure at a size, and the default sizes."""


def _queries(s: cm.Scenario) -> dict[str, Callable[[], Any]]:
    """The calls measured on a scenario (each on a fresh query engine)."""
    first = s.actors[0].id
    calls: dict[str, Callable[[], Any]] = {"validate": lambda: cm.validate(s)}

    def fresh(call: Callable[[cm.Scenario], Any]) -> Callable[[], Any]:
        def run() -> Any:
            copy = cm.Scenario(**{name: getattr(s, name) for name in ("meta", *_COLLECTIONS)})
            return call(copy)

        return run

    calls["allies_of"] = fresh(lambda c: c.allies_of(first, DAY))
    calls["enemies_of"] = fresh(lambda c: c.enemies_of(first, DAY))
    calls["supporters_of"] = fresh(lambda c: c.supporters_of(first, DAY))
    calls["camps"] = fresh(lambda c: c.camps(DAY))
    if s.territories:
        top = s.territories[0].id
        calls["controllers_on"] = fresh(lambda c: c.controllers_on(top, DAY))
        calls["partition"] = fresh(lambda c: c.partition(DAY, within=top, weight="count"))
        calls["agreements_in_force"] = fresh(lambda c: c.agreements_in_force(DAY, covering=s.territories[-1].id))
    if s.agreements:
        agreement = s.agreements[0].id
        calls["actors_of"] = fresh(lambda c: c.actors_of(agreement, DAY))
        calls["violations_of"] = fresh(lambda c: c.violations_of(agreement))
    return calls


_COLLECTIONS = (
    "sources",
    "actors",
    "alliances",
    "supports",
    "hostilities",
    "territories",
    "controls",
    "agreements",
    "events",
    "violations",
)


def measure(call: Callable[[], Any], repeats: int) -> tuple[float, float, int]:
    """The median wall time and CPU time in seconds, and the tracemalloc peak in bytes,
    of ``call``."""
    walls, cpus = [], []
    for _ in range(repeats):
        gc.collect()
        start, cpu = time.perf_counter(), time.process_time()
        call()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    gc.collect()
    tracemalloc.start()
    call()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(walls), statistics.median(cpus), peak


def count_lines(call: Callable[[], Any]) -> int:
    """The number of lines of conflictmodel's own Python code that ``call`` executes."""
    executed = 0

    def local(_frame: Any, event: str, _arg: Any) -> Any:
        nonlocal executed
        executed += event == "line"
        return local

    def calls(frame: Any, _event: str, _arg: Any) -> Any:
        return local if "/conflictmodel/" in frame.f_code.co_filename else None

    previous = sys.gettrace()  # a coverage run's tracer, put back after the count
    sys.settrace(calls)
    try:
        call()
    finally:
        sys.settrace(previous)
    return executed


def _lines(name: str, sizes: tuple[int, ...], skip: list[str]) -> dict[str, list[int]]:
    counted: dict[str, list[int]] = {}
    for n in sizes:
        for call_name, call in SHAPES[name][0](n).items():
            if call_name not in skip:
                counted.setdefault(call_name, []).append(count_lines(call))
    if not counted:
        return counted
    print(f"\n### {name}: lines executed (n = {', '.join(f'{n:,}' for n in sizes)})\n")
    print("| call | " + " | ".join(f"n={n:,}" for n in sizes) + " | exponent |")
    print("|---|" + "---|" * len(sizes) + "---|")
    for call_name, lines in counted.items():
        growth = exponent(lines[0], lines[-1], sizes[0], sizes[-1]) if sizes[-1] > sizes[0] else math.nan
        print(f"| {call_name} | " + " | ".join(f"{x:,}" for x in lines) + f" | {growth:.3f} |", flush=True)
    return counted


def exponent(x1: float, x2: float, n1: int, n2: int) -> float:
    """The growth exponent ``log(x2 / x1) / log(n2 / n1)`` of a figure between two sizes."""
    return math.log(max(x2, 1e-9) / max(x1, 1e-9)) / math.log(n2 / n1)


def main(argv: list[str] | None = None) -> None:
    """Run the shapes and print a Markdown table per shape."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(SHAPES), action="append")
    parser.add_argument("--sizes", type=int, nargs="+")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--skip", action="append", default=[], help="a call not to measure")
    parser.add_argument("--count-lines", action="store_true", help="count executed lines instead of timing")
    parser.add_argument("--json", type=Path, help="with --count-lines: also write the counts to this file")
    args = parser.parse_args(argv)
    if args.count_lines:
        sizes = tuple(args.sizes or (300, 3_000))
        counts = {name: _lines(name, sizes, args.skip) for name in args.only or SHAPES}
        if args.json:
            written = {"sizes": sizes, "lines": counts}
            args.json.write_text(json.dumps(written, indent=2) + "\n", encoding="utf-8")
        return
    print(f"python {platform.python_version()}, {platform.machine()}, {sys.platform}")
    for name in args.only or SHAPES:  # warm up: imports and caches, so the first size is not slowed
        for call in SHAPES[name][0](10).values():
            call()
    for name in args.only or SHAPES:
        build, default_sizes = SHAPES[name]
        sizes = tuple(args.sizes or default_sizes)
        results: dict[str, list[tuple[int, float, float, int]]] = {}
        for n in sizes:
            for call_name, call in build(n).items():
                if call_name not in args.skip:
                    results.setdefault(call_name, []).append((n, *measure(call, args.repeats)))
        print(f"\n### {name} (n = {', '.join(f'{n:,}' for n in sizes)})\n")
        print(
            "| call | "
            + " | ".join(f"n={n:,} wall ms (CPU ms) / peak MB" for n in sizes)
            + " | wall exp. | CPU exp. | memory exp. |"
        )
        print("|---|" + "---|" * len(sizes) + "---|---|---|")
        for call_name, figures in results.items():
            measured = {n: (wall, cpu, peak) for n, wall, cpu, peak in figures}
            cells = " | ".join(
                f"{measured[n][0] * 1000:,.1f} ({measured[n][1] * 1000:,.1f}) / {measured[n][2] / 1e6:,.1f}"
                if n in measured
                else "—"
                for n in sizes
            )
            (n1, w1, c1, m1), (n2, w2, c2, m2) = figures[0], figures[-1]
            exponents = (
                " | ".join(f"{exponent(x1, x2, n1, n2):.2f}" for x1, x2 in ((w1, w2), (c1, c2), (m1, m2)))
                if n2 > n1
                else "— | — | —"
            )
            print(f"| {call_name} | {cells} | {exponents} |", flush=True)


if __name__ == "__main__":
    main()
