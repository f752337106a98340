"""How ``camps`` scales with the size of one record: an alliance of n members and one
hostility splitting them in halves, at n = 500, 5,000 and 50,000.

Beside it, in the same run, the peer is the pairwise approach ``camps`` used before:
union-find over every pair of an alliance's members (what a clique costs), checking each
join against a per-actor set of enemies. Medians of ``--repeat`` runs, with the collector
on for both and then off for both; *warm* means the scenario's indexes were built
before timing, *cold* includes building them.

    python benchmarks/bench_camps.py            # 500, 5,000 and 50,000 members
    python benchmarks/bench_camps.py --sizes 500 5000 --repeat 3
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from collections.abc import Callable

import conflictmodel as cm

PAIRWISE_LIMIT = 5000
"""The pairwise peer is skipped above this many members (50,000 members are 1.25
billion pairs)."""


def world(n: int) -> cm.Scenario:
    actors = tuple(cm.Actor(id=f"a{i}", name=f"a{i}", kind=cm.ActorKind.STATE) for i in range(n))
    alliance = cm.Alliance(
        id="al",
        name="al",
        kind=cm.AllianceKind.COALITION,
        members=tuple(cm.Membership(actor=a.id) for a in actors),
    )
    ids = [a.id for a in actors]
    hostility = cm.Hostility(id="h", side_a=tuple(ids[: n // 2]), side_b=tuple(ids[n // 2 :]))
    return cm.Scenario(meta=cm.Meta(title="big"), actors=actors, alliances=(alliance,), hostilities=(hostility,))


def pairwise(scenario: cm.Scenario) -> int:
    """Union-find over every pair of the alliance's members, refusing joins between
    camps holding enemies; the number of camps."""
    (hostility,) = scenario.hostilities
    enemies = {a: set(hostility.side_b) for a in hostility.side_a}
    enemies.update({b: set(hostility.side_a) for b in hostility.side_b})
    root = {a.id: a.id for a in scenario.actors}
    members = {a: {a} for a in root}
    hated = {a: set(enemies.get(a, ())) for a in root}

    def find(x: str) -> str:
        while root[x] != x:
            root[x] = root[root[x]]
            x = root[x]
        return x

    ids = [m.actor for m in scenario.alliances[0].members]
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            ra, rb = find(a), find(b)
            if ra == rb or not hated[ra].isdisjoint(members[rb]):
                continue
            root[rb] = ra
            members[ra] |= members.pop(rb)
            hated[ra] |= hated.pop(rb)
    return len(members)


def timed(run: Callable[[], object], repeat: int, *, collector: bool) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        if not collector:
            gc.disable()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
        gc.enable()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000, 50000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{'members':>8} {'collector':>9} {'camps cold s':>13} {'camps warm s':>13} {'pairwise s':>11} {'ratio':>7}")
    for n in args.sizes:
        for collector in (True, False):

            def cold(n: int = n) -> object:
                return world(n).camps("2017-01-01")

            warm_world = world(n)
            warm_world.camps("2017-01-01")

            def warm(w: cm.Scenario = warm_world) -> object:
                return w.camps("2017-01-01")

            def peer_run(w: cm.Scenario = warm_world) -> object:
                return pairwise(w)

            cold_s = timed(cold, args.repeat, collector=collector)
            warm_s = timed(warm, args.repeat, collector=collector)
            if n <= PAIRWISE_LIMIT:
                peer = timed(peer_run, max(1, args.repeat // 2), collector=collector)
                ratio = f"{peer / warm_s:6.1f}x"
                peer_text = f"{peer:11.3f}"
            else:
                ratio, peer_text = "      -", "          -"
            on = "on" if collector else "off"
            print(f"{n:>8} {on:>9} {cold_s:13.3f} {warm_s:13.3f} {peer_text} {ratio}")


if __name__ == "__main__":
    main()
