"""A short, readable account of what a scenario holds."""

from __future__ import annotations

import datetime as dt
import enum
import textwrap
import typing
from collections import Counter
from collections.abc import Iterator

import attrs

from conflictmodel._model._dates import PartialDate, Period
from conflictmodel._model._scenario import COLLECTIONS, Scenario

__all__ = ["Summary", "summarize"]

# The enumerated field that sorts each collection into kinds, where it has one.
_KIND_FIELD = {
    "actors": "kind",
    "alliances": "kind",
    "territories": "kind",
    "controls": "status",
    "agreements": "kind",
    "events": "kind",
    "violations": "status",
}


@attrs.frozen(kw_only=True)
class Summary:
    """Counts by collection and by kind, and the span of the dates a scenario mentions."""

    title: str
    as_of: PartialDate | None
    counts: dict[str, int]
    kinds: dict[str, dict[str, int]]
    first: dt.date | None
    last: dt.date | None

    def lines(self) -> Iterator[str]:
        """The summary as lines of text."""
        yield self.title
        if self.as_of is not None:
            yield f"  as of {self.as_of}"
        if self.first is not None and self.last is not None:
            yield f"  dates from {self.first.isoformat()} to {self.last.isoformat()}"
        total = sum(self.counts.values())
        yield f"  {total} records"
        for name, count in self.counts.items():
            if not count:
                continue
            kinds = self.kinds.get(name)
            detail = ", ".join(f"{kind} {n}" for kind, n in kinds.items()) if kinds else ""
            head = f"    {name:<12} {count:>6}"
            if not detail:
                yield head
                continue
            yield from textwrap.wrap(
                f"({detail})", width=100, initial_indent=head + "  ", subsequent_indent=" " * (len(head) + 3)
            )


def _dates_in(value: object) -> Iterator[PartialDate]:
    """Every partial date inside a record, found by walking its attrs fields."""
    if isinstance(value, PartialDate):
        yield value
    elif isinstance(value, Period):
        yield from (d for d in (value.start, value.end) if d is not None)
    elif isinstance(value, tuple):
        for item in value:
            yield from _dates_in(item)
    elif attrs.has(type(value)):
        for field in attrs.fields(typing.cast("type[attrs.AttrsInstance]", type(value))):
            yield from _dates_in(getattr(value, field.name))


def summarize(scenario: Scenario) -> Summary:
    """Count a scenario's records by collection and kind and find its date span. O(n)."""
    counts = {name: len(getattr(scenario, name)) for name in COLLECTIONS}
    kinds: dict[str, dict[str, int]] = {}
    for name, field in _KIND_FIELD.items():
        tally = Counter(getattr(record, field) for record in getattr(scenario, name))
        ordered = sorted(tally.items(), key=lambda item: (-item[1], item[0].value))
        kinds[name] = {kind.value if isinstance(kind, enum.Enum) else str(kind): n for kind, n in ordered}
    dates = [d for record in scenario.records() for d in _dates_in(record)]
    return Summary(
        title=scenario.meta.title,
        as_of=scenario.meta.as_of,
        counts=counts,
        kinds=kinds,
        first=min((d.earliest for d in dates), default=None),
        last=max((d.latest for d in dates), default=None),
    )
