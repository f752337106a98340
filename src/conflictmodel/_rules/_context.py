"""What several rules need, computed once per validation and shared between them."""

from __future__ import annotations

import operator
from collections.abc import Iterable
from itertools import chain, islice, pairwise, repeat
from typing import TYPE_CHECKING, Any

from conflictmodel._model._control import Control
from conflictmodel._model._fastmake import maker
from conflictmodel._model._intervals import Span, span_of

from ._registry import Rule
from ._report import Finding

if TYPE_CHECKING:
    from conflictmodel._model._actors import Actor
    from conflictmodel._model._scenario import Scenario
    from conflictmodel._model._territory import Territory

__all__ = ["SINGULAR", "Context", "ControlEntry", "Reference", "finding", "ordered_apart", "sorted_index"]

Reference = tuple[str, str, str]
"""A reference found in a record: its JSON path, the id it names, the kind expected."""

ControlEntry = tuple[int, Control, frozenset[str], Span, bool, float | None]
"""A control record with its index, its controllers, its span of days, whether it is
partial and the fraction its portion states (the sweeps read these, not the record)."""

SINGULAR = {
    "sources": "source",
    "actors": "actor",
    "alliances": "alliance",
    "supports": "support",
    "hostilities": "hostility",
    "territories": "territory",
    "controls": "control",
    "agreements": "agreement",
    "events": "event",
    "violations": "violation",
}


class Context:
    """What several rules need, computed once per validation."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.ids: dict[str, list[str]] = {name: [record.id for record in getattr(scenario, name)] for name in SINGULAR}
        """The ids of each collection, in document order."""
        self.unique = ordered_apart(self.ids) or len(set(chain.from_iterable(self.ids.values()))) == sum(
            map(len, self.ids.values())
        )
        """Whether no two records share an id: told by the order of the ids where it
        can be (:func:`ordered_apart`), else by one set of every id, not a map (for a
        million ids 0.18 against 0.62 s, benchmarks run J); a valid scenario needs no
        more."""
        self._kind: dict[str, str] | None = None
        self.actors: dict[str, tuple[int, Actor]] = {}
        for i, actor in enumerate(scenario.actors):
            self.actors.setdefault(actor.id, (i, actor))
        self.territories: dict[str, tuple[int, Territory]] = {}
        for i, territory in enumerate(scenario.territories):
            self.territories.setdefault(territory.id, (i, territory))
        self.spans: dict[int, Span] = {}
        self.bad_references: list[tuple[str, Reference]] | None = None
        self.controls: dict[str, list[ControlEntry]] | None = None
        self.partial_certain: dict[str, list[tuple[ControlEntry, ControlEntry]]] | None = None
        self.lives: dict[str, Span] = {
            aid: span_of(actor.active, self.spans)
            for aid, (_, actor) in self.actors.items()
            if actor.active is not None
        }

    @property
    def kind(self) -> dict[str, str]:
        """Each id's collection: that of its first record in document order. Built on
        first use (only a scenario with a duplicate id or a bad reference needs it); later
        collections and records are written first, so that the first overwrites them."""
        if self._kind is None:
            self._kind = {}
            for name in reversed(SINGULAR):
                self._kind.update(zip(reversed(self.ids[name]), repeat(name)))
        return self._kind

    def span(self, period: Any) -> Span:
        return span_of(period, self.spans)


def ordered_apart(ids: dict[str, list[str]]) -> bool:
    """Whether each collection's ids strictly increase and no two collections' id ranges
    meet: then no two records share an id. A scenario keeps each collection in id order,
    and ids with a prefix per collection (``a…`` actors, ``t…`` territories, as importers
    and generators write them) have ranges apart, so a valid scenario is told unique
    with one comparison per neighbouring pair, in C, and no table of every id (at a
    million records, 0.035 against 0.14 s for the set, benchmarks run K). ``False``
    says only that this cannot tell: the caller then counts a set."""
    ranges: list[tuple[str, str]] = []
    for values in ids.values():
        if values:
            if not all(map(operator.lt, values, islice(values, 1, None))):
                return False
            ranges.append((values[0], values[-1]))
    ranges.sort()
    return all(low[1] < high[0] for low, high in pairwise(ranges))


_make_finding = maker(Finding, ("code", "severity", "message", "subjects", "path"))


def finding(rule: Rule, message: str, subjects: Iterable[str], path: str | None) -> Finding:
    """A finding of ``rule`` (made without ``Finding.__init__``: a large scenario's
    report has hundreds of thousands)."""
    return _make_finding(rule.code, rule.severity, message, tuple(subjects), path)


def sorted_index(values: frozenset[str], value: str) -> int:
    """The index of ``value`` in a frozenset as the JSON format writes it (sorted)."""
    return sorted(values).index(value)
