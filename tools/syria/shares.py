"""Bloc shares of Syria by area on the days of the published control maps.

A reproducible check of the bundled scenario against the published figures, computed
from the records alone (not by :meth:`Scenario.partition`, so it is also an independent
reference for it). The country is cut into the same pieces as a partition cuts it (the
administrative tree down to the sub-districts, and the rest of a territory its
subdivisions do not cover); a piece's holder is its own records on the day, else the
nearest enclosing territory held whole. A partial record counts its ``portion`` of the
piece; what no record accounts for is undetermined::

    python tools/syria/shares.py            # the table of docs/scenario.md
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

import conflictmodel as cm

# The blocs the published maps count, and the actors each is made of. The Turkish-held
# area north of Aleppo is its own bloc here; the maps count it inside "opposition". The
# Golan held by Israel since 1967 is in no bloc of the maps (their shares leave it out).
BLOCS: Mapping[str, frozenset[str]] = {
    "regime": frozenset(
        {"sy-state", "sy-gov", "saa", "hezbollah", "irgc", "quds-force", "fatemiyoun", "zainebiyoun", "nujaba", "pmf",
         "ru", "rus-af", "ir", "ndf"}
    ),
    "sdf": frozenset({"sdf", "ypg", "us", "cjtf-oir"}),
    "turkish": frozenset({"tr", "tsk", "fsa-es"}),
    "opposition": frozenset(
        {"fsa", "hts", "ahrar-sham", "jaysh-islam", "faylaq-rahman", "southern-front", "maghawir-thawra",
         "usud-sharqiya"}
    ),
    "isis": frozenset({"isis", "jkw"}),
    "golan": frozenset({"il"}),
}  # fmt: skip
# The foreign backers that hold ground jointly with a local force count with that force.
BACKERS = frozenset({"us", "cjtf-oir", "tsk", "tr", "ru", "rus-af", "ir", "irgc"})

PUBLISHED: Mapping[str, tuple[str, Mapping[str, float]]] = {
    "2017-09-01": ("Jusoor, 1 Sep 2017", {"regime": 36.2, "sdf": 21.7, "opposition": 20.0, "isis": 22.1}),
    "2017-09-15": ("Jusoor, 15 Sep 2017", {"regime": 45.1, "sdf": 22.4, "opposition": 17.9, "isis": 14.6}),
    "2017-10-23": ("SOHR, 23 Oct 2017", {"regime": 52.7, "sdf": 25.4, "opposition": 13.7, "isis": 8.0}),
    "2017-11-01": ("Jusoor, 1 Nov 2017", {"regime": 51.4, "sdf": 24.7, "opposition": 13.8, "isis": 10.1}),
    "2017-11-28": ("SOHR, 28 Nov 2017", {"sdf": 27.4}),
    "2017-12-01": ("Jusoor, 1 Dec 2017", {"regime": 52.8, "sdf": 25.4, "opposition": 13.8, "isis": 8.0}),
    "2018-01-02": ("Jusoor, 2 Jan 2018", {"regime": 53.4, "sdf": 26.3, "opposition": 13.2, "isis": 7.1}),
}
"""Published shares in percent; the maps' "opposition" includes the Turkish-held area.
The SDF's 15 Sep figure is what the others leave of 100 %. SOHR's report of 28 Nov
gives the SDF alone (and the regime with the SDF, "more than 83 %"); the 28 Nov and
1 Dec readings were not used to make the records."""


def bloc_of(controllers: Iterable[str]) -> str:
    """The bloc of a set of controllers: of its local members, or of its backers alone."""
    members = tuple(controllers)
    local = [a for a in members if a not in BACKERS] or list(members)
    found = {bloc for bloc, actors in BLOCS.items() for a in local if a in actors}
    if len(found) != 1:
        raise ValueError(f"controllers {members} fall in blocs {sorted(found)}, not one")
    return found.pop()


def _pieces(s: cm.Scenario) -> list[tuple[str, float]]:
    children: dict[str, list[str]] = defaultdict(list)
    for t in s.territories:
        if t.parent is not None and not t.components:
            children[t.parent].append(t.id)

    def weight(tid: str) -> float | None:
        own = s.get(tid).area_km2  # type: ignore[union-attr]
        if own is not None:
            return float(own)
        known = [w for c in children[tid] if (w := weight(c)) is not None]
        return sum(known) if known else None

    out: list[tuple[str, float]] = []
    stack = ["sy"]
    while stack:
        tid = stack.pop()
        subs = children[tid]
        own = weight(tid)
        if not subs:
            if own is not None:
                out.append((tid, own))
            continue
        covered = sum(w for c in subs if (w := weight(c)) is not None)
        if own is not None and own - covered > 0.01 * own:
            out.append((tid, own - covered))
        stack.extend(subs)
    return out


def shares_on(s: cm.Scenario, day: str) -> dict[str, float]:
    """Percent of the country per bloc on ``day``, and ``undetermined``."""
    when = dt.date.fromisoformat(day)
    by_territory: dict[str, list[cm.Control]] = defaultdict(list)
    for c in s.controls:
        if c.period.certainly_contains(when):
            by_territory[c.territory].append(c)
    parent = {t.id: t.parent for t in s.territories}
    totals: dict[str, float] = defaultdict(float)
    whole = 0.0
    for tid, amount in _pieces(s):
        whole += amount
        records = by_territory.get(tid, [])
        node: str | None = tid
        while not records and node is not None:
            node = parent[node]
            records = (
                [c for c in by_territory.get(node, []) if c.status is not cm.ControlStatus.PARTIAL] if node else []
            )
        exclusive = [c for c in records if c.status is not cm.ControlStatus.PARTIAL]
        if exclusive:
            totals[bloc_of(exclusive[0].controllers)] += amount
            continue
        held = 0.0
        for c in records:
            if c.portion is not None:
                totals[bloc_of(c.controllers)] += amount * c.portion.fraction
                held += c.portion.fraction
        totals["undetermined"] += amount * max(0.0, 1.0 - held)
    return {bloc: 100 * value / whole for bloc, value in totals.items()}


def _figure(published: Mapping[str, float], bloc: str) -> str:
    return f"{published[bloc]:.1f}" if bloc in published else "\N{EN DASH}"


def table(s: cm.Scenario) -> str:
    """A Markdown table of published and modelled shares per map day."""
    lines = [
        "| day (source) | regime | SDF | opposition (of which Turkish-held) | ISIS | Golan | undetermined |",
        "|---|---|---|---|---|---|---|",
    ]
    for day, (source, published) in PUBLISHED.items():
        got = shares_on(s, day)
        opposition = got.get("opposition", 0.0) + got.get("turkish", 0.0)
        cells = [
            f"{_figure(published, 'regime')} / {got.get('regime', 0.0):.1f}",
            f"{_figure(published, 'sdf')} / {got.get('sdf', 0.0):.1f}",
            f"{_figure(published, 'opposition')} / {opposition:.1f} ({got.get('turkish', 0.0):.1f})",
            f"{_figure(published, 'isis')} / {got.get('isis', 0.0):.1f}",
            f"{got.get('golan', 0.0):.1f}",
            f"{got.get('undetermined', 0.0):.1f}",
        ]
        lines.append(f"| {day} ({source}) | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(cm.load(sys.argv[1] if len(sys.argv) > 1 else "examples/syria_2017.json")))
