"""The scenario: the aggregate root that holds every record of one modelled world."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeVar, Union

import attrs

from . import _rules as r
from ._actors import Actor
from ._agreements import Agreement
from ._alignment import Alliance, Hostility, Support
from ._control import Control
from ._dates import PartialDate
from ._errors import UnknownIdError
from ._events import Event
from ._provenance import Source
from ._territory import Territory
from ._violations import Violation

__all__ = ["COLLECTIONS", "Meta", "Record", "Scenario"]

Record = Union[Source, Actor, Alliance, Support, Hostility, Territory, Control, Agreement, Event, Violation]
"""Any top-level object of a scenario."""

R = TypeVar("R", bound=Record)


@attrs.frozen(kw_only=True)
class Meta:
    """What a scenario is about and the day it describes the world as of."""

    title: str = attrs.field(validator=r.text)
    description: str | None = attrs.field(default=None, validator=r.optional_text)
    as_of: PartialDate | None = attrs.field(default=None, validator=r.optional_partial_date)
    sources: frozenset[str] = attrs.field(default=frozenset(), converter=r.intern_ids, validator=r.id_set())


def _by_id(records: tuple[R, ...]) -> tuple[R, ...]:
    if type(records) is not tuple:
        return records
    return tuple(sorted(records, key=_id_of))


def _id_of(record: Record) -> str:
    return record.id


def _records(kind: type[Any]) -> Any:
    return attrs.field(default=(), converter=_by_id, validator=r.tuple_of(kind))


@attrs.frozen(kw_only=True)
class Scenario:
    """One modelled world: its metadata and its records, each collection ordered by id.

    Immutable: make changes with :func:`attrs.evolve`, which builds a new scenario.
    Lookups and queries build their indexes once, on first use, and keep them (safe
    because the scenario never changes).
    """

    meta: Meta = attrs.field(validator=r.instance(Meta))
    sources: tuple[Source, ...] = _records(Source)
    actors: tuple[Actor, ...] = _records(Actor)
    alliances: tuple[Alliance, ...] = _records(Alliance)
    supports: tuple[Support, ...] = _records(Support)
    hostilities: tuple[Hostility, ...] = _records(Hostility)
    territories: tuple[Territory, ...] = _records(Territory)
    controls: tuple[Control, ...] = _records(Control)
    agreements: tuple[Agreement, ...] = _records(Agreement)
    events: tuple[Event, ...] = _records(Event)
    violations: tuple[Violation, ...] = _records(Violation)
    _index: dict[str, Record] | None = attrs.field(default=None, init=False, eq=False, repr=False, hash=False)

    def records(self) -> Iterator[Record]:
        """Every record, collection by collection in format order, each by id."""
        for name in COLLECTIONS:
            yield from getattr(self, name)

    def __len__(self) -> int:
        return sum(len(getattr(self, name)) for name in COLLECTIONS)

    def _ids(self) -> dict[str, Record]:
        index = self._index
        if index is None:
            index = {}
            for record in self.records():
                index.setdefault(record.id, record)
            object.__setattr__(self, "_index", index)
        return index

    def get(self, id: str) -> Record:  # noqa: A002 - the domain's own word
        """The record with this id, of any kind; raise :class:`UnknownIdError` if none.

        Cost: O(1) after a one-time O(n) index build. With duplicate ids (which
        ``validate`` reports) the first in format order wins.
        """
        try:
            return self._ids()[id]
        except KeyError:
            raise UnknownIdError(id) from None

    def find(self, id: str) -> Record | None:  # noqa: A002
        """The record with this id, or ``None``. Cost: as :meth:`get`."""
        return self._ids().get(id)

    def __contains__(self, id: object) -> bool:
        return id in self._ids()


COLLECTIONS: tuple[str, ...] = tuple(
    a.name for a in attrs.fields(Scenario) if a.init and a.name != "meta"
)
"""The names of the record collections, in the order the JSON format writes them."""
