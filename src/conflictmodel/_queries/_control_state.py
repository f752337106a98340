"""The answer to "who holds territory T on day D", and how it follows from the records.

A :class:`ControlState` is built from the :class:`~conflictmodel.Control` records of a
territory that certainly and that possibly cover the day (:func:`state_from_records`),
or from the states of the territory's parts (:func:`combine_parts`). Both functions are
pure; the query module decides which applies (see ``docs/queries.md``).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence

import attrs

from conflictmodel._model._control import Control, ControlStatus

__all__ = [
    "ControlChange",
    "ControlKind",
    "ControlPeriod",
    "ControlState",
    "combine_parts",
    "inherit",
    "state_from_records",
    "unrecorded",
]


class ControlKind(enum.Enum):
    """What the records say about who holds a territory on a day.

    * ``unrecorded``: no record covers the day, not even possibly;
    * ``ambiguous``: records only possibly cover the day, and the answer depends on how
      their imprecise dates resolve (``controllers`` lists everyone who may hold it);
    * ``held``: one actor holds all of it;
    * ``joint``: several actors hold all of it jointly (one record names them all);
    * ``contested``: the controllers hold it while the ``opponents`` fight for it;
    * ``besieged``: the controllers hold it inside a siege laid by the ``opponents``;
    * ``partial``: the controllers hold part of it, and the rest is not recorded;
    * ``divided``: different parts are held by different controllers (derived from the
      territory's parts);
    * ``conflicting``: the records contradict each other (two exclusive controllers at
      once, which :func:`~conflictmodel.validate` reports as an error).
    """

    UNRECORDED = "unrecorded"
    AMBIGUOUS = "ambiguous"
    HELD = "held"
    JOINT = "joint"
    CONTESTED = "contested"
    BESIEGED = "besieged"
    PARTIAL = "partial"
    DIVIDED = "divided"
    CONFLICTING = "conflicting"


@attrs.frozen(kw_only=True)
class ControlState:
    """Who holds ``territory`` on a day, by the records.

    ``controllers`` and ``opponents`` are sorted ids. ``records`` are the ids of the
    control records that certainly cover the day and ``uncertain`` those that only
    possibly do. A state *derived* from the territory's parts lists them in ``parts``
    (and has no records of its own); a state *inherited* from the nearest enclosing
    territory with a record names it in ``inherited_from`` (and lists that territory's
    records).
    """

    territory: str
    kind: ControlKind
    controllers: tuple[str, ...] = ()
    opponents: tuple[str, ...] = ()
    records: tuple[str, ...] = ()
    uncertain: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    inherited_from: str | None = None

    @property
    def derived(self) -> bool:
        """Whether the state follows from the territory's parts."""
        return bool(self.parts)

    @property
    def inherited(self) -> bool:
        """Whether the state is that of an enclosing territory."""
        return self.inherited_from is not None

    @property
    def recorded(self) -> bool:
        """Whether anything is recorded (the kind is not ``unrecorded``)."""
        return self.kind is not ControlKind.UNRECORDED

    def answer(self) -> tuple[ControlKind, tuple[str, ...], tuple[str, ...]]:
        """The kind, controllers and opponents: what two states must share to say the same."""
        return (self.kind, self.controllers, self.opponents)


@attrs.frozen(kw_only=True)
class ControlPeriod:
    """A stretch of days over which a territory's :class:`ControlState` stays the same.

    ``start`` and ``end`` are inclusive days; ``None`` means open (before every record,
    or ongoing).
    """

    start: dt.date | None = None
    end: dt.date | None = None
    state: ControlState


@attrs.frozen(kw_only=True)
class ControlChange:
    """A territory whose control differs between two days: its state ``before`` and ``after``."""

    territory: str
    before: ControlState
    after: ControlState


_PARTIAL = ControlStatus.PARTIAL
_RANK = {ControlStatus.FULL: 0, ControlStatus.CONTESTED: 1, ControlStatus.BESIEGED: 2}
_BY_RANK = (ControlKind.HELD, ControlKind.CONTESTED, ControlKind.BESIEGED)
_UNRECORDED, _PARTIAL_KIND, _JOINT = ControlKind.UNRECORDED, ControlKind.PARTIAL, ControlKind.JOINT
_CONFLICTING, _AMBIGUOUS = ControlKind.CONFLICTING, ControlKind.AMBIGUOUS

Answer = tuple[ControlKind, tuple[str, ...], tuple[str, ...]]


def unrecorded(territory: str) -> ControlState:
    """The state of a territory that nothing covers."""
    return ControlState(territory=territory, kind=ControlKind.UNRECORDED)


def _union(groups: Iterable[Iterable[str]]) -> tuple[str, ...]:
    merged: set[str] = set()
    for group in groups:
        merged.update(group)
    return tuple(sorted(merged))


def _answer(records: Sequence[Control]) -> Answer:
    """Kind, controllers and opponents of a set of records that all hold on one day."""
    if not records:
        return (_UNRECORDED, (), ())
    if len(records) == 1:  # the common case, without the general bookkeeping
        (record,) = records
        holders = tuple(sorted(record.controllers)) if len(record.controllers) > 1 else record.controllers
        if record.status is _PARTIAL:
            return (_PARTIAL_KIND, holders, ())
        rank = _RANK[record.status]
        kind = _JOINT if rank == 0 and len(holders) > 1 else _BY_RANK[rank]
        return (kind, holders, tuple(sorted(record.opponents)))
    exclusive = [r for r in records if r.status is not _PARTIAL]
    if not exclusive:
        return (_PARTIAL_KIND, _union(r.controllers for r in records), ())
    opponents = _union(r.opponents for r in exclusive)
    held = frozenset(exclusive[0].controllers)
    clash = any(frozenset(r.controllers) != held for r in exclusive) or any(
        not held.issuperset(r.controllers) for r in records if r.status is _PARTIAL
    )
    if clash:
        return (_CONFLICTING, _union(r.controllers for r in records), opponents)
    rank = max(_RANK[r.status] for r in exclusive)
    kind = _JOINT if rank == 0 and len(held) > 1 else _BY_RANK[rank]
    return (kind, tuple(sorted(held)), opponents)


def state_from_records(territory: str, certain: Sequence[Control], uncertain: Sequence[Control]) -> ControlState:
    """The state of a territory from its own records on a day.

    ``certain`` are the records that certainly cover the day, ``uncertain`` those that
    only possibly do. The answer is that of the certain records when every reading of the
    uncertain ones (each may or may not cover the day) gives the same answer, which is
    the case exactly when adding all of them changes nothing; otherwise it is
    ``ambiguous``. Records that certainly contradict each other give ``conflicting``
    whatever the uncertain ones do.
    """
    kind, controllers, opponents = _answer(certain)
    if uncertain and kind is not _CONFLICTING:
        everything = [*certain, *uncertain]
        if _answer(everything) != (kind, controllers, opponents):
            kind = _AMBIGUOUS
            controllers = _union(r.controllers for r in everything)
            opponents = _union(r.opponents for r in everything)
    return ControlState(
        territory=territory,
        kind=kind,
        controllers=controllers,
        opponents=opponents,
        records=tuple(sorted(r.id for r in certain)) if len(certain) > 1 else tuple(r.id for r in certain),
        uncertain=tuple(sorted(r.id for r in uncertain)) if len(uncertain) > 1 else tuple(r.id for r in uncertain),
    )


def inherit(territory: str, source: ControlState) -> ControlState:
    """The state ``territory`` takes from an enclosing territory's own state."""
    return attrs.evolve(source, territory=territory, parts=(), inherited_from=source.territory)


def combine_parts(territory: str, parts: Sequence[ControlState]) -> ControlState:
    """The state of a territory without records of its own, from its parts' states.

    * no part recorded: ``unrecorded``;
    * any part ``conflicting``: ``conflicting``; else any part ``ambiguous``: ``ambiguous``;
    * recorded parts held by different controller sets, or a part ``divided``: ``divided``;
    * one controller set, but some part unrecorded or ``partial``: ``partial``;
    * otherwise the parts' common kind, or ``contested`` when they mix held and
      contested or besieged parts.

    Controllers and opponents are the unions over the parts.
    """
    names = tuple(sorted(p.territory for p in parts))
    recorded = [p for p in parts if p.kind is not ControlKind.UNRECORDED]
    if not recorded:
        return ControlState(territory=territory, kind=ControlKind.UNRECORDED, parts=names)
    controllers = _union(p.controllers for p in recorded)
    opponents = _union(p.opponents for p in recorded)
    kinds = {p.kind for p in recorded}
    if ControlKind.CONFLICTING in kinds:
        kind = ControlKind.CONFLICTING
    elif ControlKind.AMBIGUOUS in kinds:
        kind = ControlKind.AMBIGUOUS
    elif len({p.controllers for p in recorded}) > 1 or ControlKind.DIVIDED in kinds:
        kind = ControlKind.DIVIDED
    elif len(recorded) < len(parts) or ControlKind.PARTIAL in kinds:
        kind = ControlKind.PARTIAL
    elif len(kinds) == 1:
        (kind,) = kinds
    else:
        kind = ControlKind.CONTESTED
    return ControlState(territory=territory, kind=kind, controllers=controllers, opponents=opponents, parts=names)
