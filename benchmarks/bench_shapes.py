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

What is timed is ``cm.validate(s)`` (every rule) and every query that reads the shape
(``allies_of``, ``enemies_of``, ``supporters_of``, ``camps``, ``controllers_on``,
``agreements_in_force``, ``actors_of``, ``violations_of``, ``partition``), on a scenario
built directly (no JSON), each with a fresh query engine. Peak memory is the
``tracemalloc`` peak of the same call, in its own measurement after the timing, so that
tracing does not slow the timed runs. Each time is the median of the repeats, with the
collector on.

The growth exponent between two sizes is ``log(t2 / t1) / log(n2 / n1)``: 1 is linear, 2
quadratic; ``n log n`` from 1,000 to 10,000 gives about 1.1.
"""

from __future__ import annotations

import argparse
import gc
import math
import platform
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import conflictmodel as cm

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


SHAPES: dict[str, tuple[Callable[[int], cm.Scenario], tuple[int, ...]]] = {
    "hostility": (hostility_shape, (1_000, 3_000, 10_000)),
    "alliance": (alliance_shape, (500, 1_500, 5_000)),
    "aliases": (aliases_shape, (10_000, 100_000, 1_000_000)),
    "control": (control_shape, (1_000, 3_000, 10_000)),
}


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


def measure(call: Callable[[], Any], repeats: int) -> tuple[float, int]:
    """The median wall time in seconds and the tracemalloc peak in bytes of ``call``."""
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    gc.collect()
    tracemalloc.start()
    call()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), peak


def _exponent(x1: float, x2: float, n1: int, n2: int) -> float:
    return math.log(max(x2, 1e-9) / max(x1, 1e-9)) / math.log(n2 / n1)


def main(argv: list[str] | None = None) -> None:
    """Run the shapes and print a Markdown table per shape."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(SHAPES), action="append")
    parser.add_argument("--sizes", type=int, nargs="+")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--skip", action="append", default=[], help="a call not to measure")
    parser.add_argument(
        "--camps-max", type=int, default=1_500, help="measure camps only up to this n (it is still quadratic)"
    )
    args = parser.parse_args(argv)
    print(f"python {platform.python_version()}, {platform.machine()}, {sys.platform}")
    for name in args.only or SHAPES:
        build, default_sizes = SHAPES[name]
        sizes = tuple(args.sizes or default_sizes)
        results: dict[str, list[tuple[int, float, int]]] = {}
        for n in sizes:
            s = build(n)
            for call_name, call in _queries(s).items():
                if call_name in args.skip or (call_name == "camps" and n > args.camps_max):
                    continue
                results.setdefault(call_name, []).append((n, *measure(call, args.repeats)))
        print(f"\n### {name} (n = {', '.join(f'{n:,}' for n in sizes)})\n")
        print("| call | " + " | ".join(f"n={n:,} ms / peak MB" for n in sizes) + " | time exp. | memory exp. |")
        print("|---|" + "---|" * len(sizes) + "---|---|")
        for call_name, figures in results.items():
            measured = {n: (t, peak) for n, t, peak in figures}
            cells = " | ".join(
                f"{measured[n][0] * 1000:,.1f} / {measured[n][1] / 1e6:,.1f}" if n in measured else "—" for n in sizes
            )
            (n1, t1, m1), (n2, t2, m2) = figures[0], figures[-1]
            exponents = f"{_exponent(t1, t2, n1, n2):.2f} | {_exponent(m1, m2, n1, n2):.2f}" if n2 > n1 else "— | —"
            print(f"| {call_name} | {cells} | {exponents} |", flush=True)


if __name__ == "__main__":
    main()
