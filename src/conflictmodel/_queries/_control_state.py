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
from conflictmodel._model._fastmake import maker

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
        return self.kind is not _UNRECORDED

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


Answer = tuple[ControlKind, tuple[str, ...], tuple[str, ...]]

_own_state = maker(
    ControlState,
    ("territory", "kind", "controllers", "opponents", "records", "uncertain", "parts", "inherited_from"),
    fixed={"parts": (), "inherited_from": None},
)
"""``_own_state(territory, kind, controllers, opponents, records, uncertain)``: the state
of a territory from its own records (no parts, inherited from nothing), made without
``ControlState.__init__`` (see :func:`~conflictmodel._model._fastmake.maker`)."""


_PARTIAL = ControlStatus.PARTIAL
# Tables by a status's value (its ``_value_``, a text whose hash is kept), not by the
# member: a member's hash is a Python call (``enum.Enum.__hash__``), about 100 ns, and the
# first batch call over 10,000 questions made 11,785 of them here.
_RANK = {ControlStatus.FULL.value: 0, ControlStatus.CONTESTED.value: 1, ControlStatus.BESIEGED.value: 2}
_BY_RANK = (ControlKind.HELD, ControlKind.CONTESTED, ControlKind.BESIEGED)
_UNRECORDED, _PARTIAL_KIND, _JOINT = ControlKind.UNRECORDED, ControlKind.PARTIAL, ControlKind.JOINT
_CONFLICTING, _AMBIGUOUS = ControlKind.CONFLICTING, ControlKind.AMBIGUOUS
_DIVIDED, _CONTESTED_KIND = ControlKind.DIVIDED, ControlKind.CONTESTED


_UNRECORDED_STATES: dict[str, ControlState] = {}


def unrecorded(territory: str) -> ControlState:
    """The state of a territory that nothing covers (one shared object per territory:
    states are immutable, and a batch query asks for it thousands of times)."""
    found = _UNRECORDED_STATES.get(territory)
    if found is None:
        if len(_UNRECORDED_STATES) >= _UNRECORDED_LIMIT:
            _UNRECORDED_STATES.clear()
        found = _UNRECORDED_STATES[territory] = _own_state(territory, _UNRECORDED, (), (), (), ())
    return found


_UNRECORDED_LIMIT = 1 << 16


def _union(groups: Iterable[Iterable[str]]) -> tuple[str, ...]:
    merged: set[str] = set()
    for group in groups:
        merged.update(group)
    return tuple(sorted(merged))


def _alone(record: Control) -> Answer:
    """Kind, controllers and opponents of one record alone.

    Full and partial records have no opponents (a record checks that when it is made).
    """
    holders = record.controllers
    opponents = tuple(sorted(record.opponents)) if record.opponents else ()
    if len(holders) > 1:
        return (_KIND_OF_SEVERAL[record.status._value_], tuple(sorted(holders)), opponents)
    return (_KIND_OF_ONE[record.status._value_], holders, opponents)


_KIND_OF_ONE = {  # by the status's value, as _RANK
    ControlStatus.FULL.value: ControlKind.HELD,
    ControlStatus.PARTIAL.value: ControlKind.PARTIAL,
    ControlStatus.CONTESTED.value: ControlKind.CONTESTED,
    ControlStatus.BESIEGED.value: ControlKind.BESIEGED,
}
_KIND_OF_SEVERAL = {**_KIND_OF_ONE, ControlStatus.FULL.value: ControlKind.JOINT}


def _answer(records: Sequence[Control]) -> Answer:
    """Kind, controllers and opponents of a set of records that all hold on one day."""
    if not records:
        return (_UNRECORDED, (), ())
    if len(records) == 1:  # the common case, without the general bookkeeping
        return _alone(records[0])
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
    rank = max(_RANK[r.status._value_] for r in exclusive)
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
    if not uncertain:  # the common case, without the general bookkeeping
        if len(certain) == 1:
            record = certain[0]
            return _own_state(territory, *_alone(record), (record.id,), ())
        if not certain:
            return _own_state(territory, _UNRECORDED, (), (), (), ())
        return _own_state(territory, *_answer(certain), tuple(sorted([r.id for r in certain])), ())
    doubtful = (uncertain[0].id,) if len(uncertain) == 1 else tuple(sorted([r.id for r in uncertain]))
    if len(certain) == 1:
        record = certain[0]
        answer = _ambiguous(certain, uncertain) if _changes(record, uncertain) else _alone(record)
        return _own_state(territory, *answer, (record.id,), doubtful)
    if certain:
        answer = _answer(certain)
        if answer[0] is not _CONFLICTING and _answer([*certain, *uncertain]) != answer:
            answer = _ambiguous(certain, uncertain)
        return _own_state(territory, *answer, tuple(sorted([r.id for r in certain])), doubtful)
    # some reading covers the day and another does not
    if len(uncertain) == 1:
        _, holders, opponents = _alone(uncertain[0])
        answer = (_AMBIGUOUS, holders, opponents)
    else:
        answer = _ambiguous(certain, uncertain)
    return _own_state(territory, *answer, (), doubtful)


def _changes(record: Control, uncertain: Sequence[Control]) -> bool:
    """Whether adding ``uncertain`` to the one certain ``record`` changes its answer.

    A partial record added changes it exactly when it names a controller that ``record``
    does not (a clash, or a larger union of partial holders). An exclusive record added
    to a partial one always does (the kind is no longer partial); added to an exclusive
    one, it does unless it names the same controllers, no stronger status (full, then
    contested, then besieged) and no other opponents.
    """
    held = frozenset(record.controllers)
    rank = _RANK.get(record.status._value_, -1)
    opponents = record.opponents
    for other in uncertain:
        if other.status is _PARTIAL:
            if not held.issuperset(other.controllers):
                return True
        elif (  # a partial record's rank is -1: any exclusive one added changes its kind
            _RANK[other.status._value_] > rank
            or len(other.controllers) != len(held)
            or not held.issuperset(other.controllers)
            or not opponents.issuperset(other.opponents)
        ):
            return True
    return False


def _ambiguous(certain: Sequence[Control], uncertain: Sequence[Control]) -> Answer:
    """Everyone who may hold the territory, and everyone who may fight for it."""
    if len(certain) + len(uncertain) == 2:  # the common case, in a third of the time
        first, second = (*certain, *uncertain)
        held, other = first.controllers, second.controllers
        holders: tuple[str, ...]
        if len(held) == 1 and len(other) == 1:
            a, b = held[0], other[0]
            holders = held if a == b else (a, b) if a < b else (b, a)
        else:
            holders = tuple(sorted({*held, *other}))
        fought, against = first.opponents, second.opponents
        return (_AMBIGUOUS, holders, tuple(sorted(fought | against)) if fought or against else ())
    controllers: set[str] = set()
    opponents: set[str] = set()
    for records in (certain, uncertain):
        for record in records:
            controllers.update(record.controllers)
            if record.opponents:
                opponents.update(record.opponents)
    return (_AMBIGUOUS, tuple(sorted(controllers)), tuple(sorted(opponents)) if opponents else ())


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
    recorded = [p for p in parts if p.kind is not _UNRECORDED]
    if not recorded:
        return ControlState(territory=territory, kind=_UNRECORDED, parts=names)
    controllers = _union(p.controllers for p in recorded)
    opponents = _union(p.opponents for p in recorded)
    kinds = {p.kind for p in recorded}
    if _CONFLICTING in kinds:
        kind = _CONFLICTING
    elif _AMBIGUOUS in kinds:
        kind = _AMBIGUOUS
    elif len({p.controllers for p in recorded}) > 1 or _DIVIDED in kinds:
        kind = _DIVIDED
    elif len(recorded) < len(parts) or _PARTIAL_KIND in kinds:
        kind = _PARTIAL_KIND
    elif len(kinds) == 1:
        (kind,) = kinds
    else:
        kind = _CONTESTED_KIND
    return ControlState(territory=territory, kind=kind, controllers=controllers, opponents=opponents, parts=names)
