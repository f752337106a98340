"""The in-memory answers the SQL engines must give, by brute force over the records' bounds.

A territory's state only changes at a bound of some control record (its first possible,
first certain, day after last certain and day after last possible day), so checking the
days at and around every bound of every record checks every distinct answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import conflictmodel as cm

HOLDING = {cm.ControlKind.HELD, cm.ControlKind.JOINT, cm.ControlKind.CONTESTED, cm.ControlKind.BESIEGED}
ONE_DAY = dt.timedelta(days=1)
ROUNDING = 1e-9
"""Shares that differ by less are equal: only the order of summing differs."""


def bounds(s: cm.Scenario) -> set[dt.date]:
    """Every day on which some territory's state may change."""
    found: set[dt.date] = set()
    for control in s.controls:
        period = control.period
        for day in (period.earliest, period.certain_first):
            if day != dt.date.min:
                found.add(day)
        for day in (period.certain_last, period.latest):
            if day != dt.date.max:
                found.add(day + ONE_DAY)
    return found


def probe_days(s: cm.Scenario) -> list[dt.date]:
    """The bounds, the days before them, and one day far from any."""
    days = {dt.date(2015, 6, 15)}
    for day in bounds(s):
        days.add(day)
        if day != dt.date.min:
            days.add(day - ONE_DAY)
    return sorted(days)


def expected_states(s: cm.Scenario, days: list[dt.date]) -> dict[tuple[str, dt.date], tuple[Any, ...]]:
    """(territory, day) -> (kind, controllers, opponents) of the in-memory query."""
    pairs = [(t.id, d) for t in s.territories for d in days]
    states = s.controllers_on_many(pairs)
    return {pair: (st.kind.value, st.controllers, st.opponents) for pair, st in zip(pairs, states, strict=True)}


def got_states(rows: list[dict[str, Any]]) -> dict[tuple[str, dt.date], tuple[Any, ...]]:
    return {(r["territory"], r["day"]): (r["kind"], tuple(r["controllers"]), tuple(r["opponents"])) for r in rows}


def expected_events(s: cm.Scenario) -> dict[str, tuple[Any, ...]]:
    """event id -> (kinds, certainly, possibly) over the days the event may have happened."""
    edges = sorted(bounds(s))
    known = {t.id for t in s.territories}
    answers: dict[str, tuple[Any, ...]] = {}
    for event in s.events:
        if event.location is None or event.location not in known:
            answers[event.id] = ((), (), ())
            continue
        first, last = event.date.earliest, event.date.latest
        days = [first, *(d for d in edges if first < d <= last)]
        states = s.controllers_on_many([(event.location, d) for d in days])
        certainly = set.intersection(*(set(st.controllers) if st.kind in HOLDING else set() for st in states))
        possibly = set().union(*(st.controllers for st in states))
        kinds = sorted({st.kind.value for st in states})
        answers[event.id] = (tuple(kinds), tuple(sorted(certainly)), tuple(sorted(possibly)))
    return answers


def got_events(rows: list[dict[str, Any]]) -> dict[str, tuple[Any, ...]]:
    return {r["event"]: (tuple(r["kinds"]), tuple(r["certainly"]), tuple(r["possibly"])) for r in rows}


def expected_partitions(s: cm.Scenario, questions: list[tuple[str, dt.date]], weight: Any) -> dict[Any, float]:
    """(within, day, category, controllers) -> share, leaving out zero shares (and rounding residue)."""
    found: dict[Any, float] = {}
    for within, day in questions:
        p = s.partition(day, within=within, weight=weight)
        for share in p.shares:
            if abs(share.share) > ROUNDING:
                found[(within, day, "held", share.controllers)] = share.share
        for category in ("unrecorded", "ambiguous", "undetermined"):
            if abs(getattr(p, category)) > ROUNDING:
                found[(within, day, category, ())] = getattr(p, category)
    return found


def got_partitions(rows: list[dict[str, Any]]) -> dict[Any, float]:
    """Leaving out zero shares, and the residue of summing in another order (a stated
    portion's remainder of 1e-16 where the library's order gives exactly zero)."""
    return {
        (r["within"], r["day"], r["category"], tuple(r["controllers"])): r["share"]
        for r in rows
        if abs(r["share"]) > ROUNDING
    }


def same_shares(expected: dict[Any, float], got: dict[Any, float]) -> bool:
    """The same keys, and shares equal up to the rounding of a different summing order."""
    return expected.keys() == got.keys() and all(abs(expected[k] - got[k]) <= ROUNDING for k in expected)


def check_engine(
    s: cm.Scenario,
    engine: Any,
    rows: Callable[[Any], list[dict[str, Any]]],
    *,
    every: int = 1,
    spread: int = 4,
    weights: Sequence[str] = ("area", "count"),
) -> None:
    """An engine's control states, events and partitions equal the library's on ``s``:
    on every ``every``-th probe day, the partitions on ``spread`` of them per territory;
    ``rows`` turns the engine's answer into a list of row dicts."""
    days = probe_days(s)[::every]
    expected = expected_states(s, days)
    assert expected == got_states(rows(engine.control_states(list(expected))))
    assert expected_events(s) == got_events(rows(engine.events_control()))
    questions = [(t.id, d) for t in s.territories for d in days[:: max(1, len(days) // spread)]]
    for weight in weights:
        want = expected_partitions(s, questions, weight)
        assert same_shares(want, got_partitions(rows(engine.partition(questions, weight=weight))))
