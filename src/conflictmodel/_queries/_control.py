"""Control queries: who holds a territory on a day, the map of a day, time lines, changes.

How a territory's state is decided on a day (``docs/queries.md`` has the full account):

1. its **own** records, when any possibly covers the day
   (:func:`~conflictmodel._queries._control_state.state_from_records`);
2. else the states of its **parts** (children and zone components), combined
   (:func:`~conflictmodel._queries._control_state.combine_parts`), when any part is recorded;
3. else the own state of the nearest **enclosing** territory up the parent chain whose
   records say who holds all of it (held, joint, contested, besieged), or that are
   ambiguous or conflicting: holding all of a territory is holding each of its parts;
4. else ``unrecorded``.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from conflictmodel._model._arguments import ids_argument, iterable_argument
from conflictmodel._model._collector import pausing_collector
from conflictmodel._model._dates import DayLike, as_day
from conflictmodel._model._errors import ArgumentError, UnknownIdError
from conflictmodel._model._frozenmap import FrozenMap
from conflictmodel._model._intervals import MAX_ORDINAL, MIN_ORDINAL

from ._control_state import (
    ControlChange,
    ControlKind,
    ControlPeriod,
    ControlState,
    combine_parts,
    inherit,
    unrecorded,
)

if TYPE_CHECKING:
    from ._index import Indexes

__all__ = [
    "INHERITABLE",
    "changes_between",
    "control_map",
    "controllers_on",
    "controllers_on_many",
    "day_ordinal",
    "inherited_state",
    "state_on",
    "territories_in",
    "timeline",
]

INHERITABLE = frozenset(
    {
        ControlKind.HELD,
        ControlKind.JOINT,
        ControlKind.CONTESTED,
        ControlKind.BESIEGED,
        ControlKind.AMBIGUOUS,
        ControlKind.CONFLICTING,
    }
)
_UNRECORDED = ControlKind.UNRECORDED
_DATE = dt.date


def day_ordinal(day: DayLike) -> int:
    """The ordinal of a day given as :class:`datetime.date` or ISO day text."""
    if type(day) is _DATE:
        return day.toordinal()
    return as_day(day).toordinal()


def inherited_state(ix: Indexes, territory: str, day: int) -> ControlState | None:
    """The own state of the nearest territory up the parent chain that says who holds all
    of it (or that is ambiguous or conflicting), as ``territory``'s; ``None`` if none."""
    controls = ix.controls
    for ancestor in ix.tree.ancestors(territory):
        own = controls.own_state(ancestor, day)
        if own.kind in INHERITABLE:
            return inherit(territory, own)
    return None


def state_on(ix: Indexes, territory: str, day: int, memo: dict[str, ControlState]) -> ControlState:
    """The state of ``territory`` on a day ordinal; ``memo`` caches states of that day.

    Iterative (no recursion limit on deep trees); a cycle of parts is cut where it closes.
    """
    found = memo.get(territory)
    if found is not None:
        return found
    controls, parts_of = ix.controls, ix.tree.parts
    expanded: dict[str, tuple[str, ...]] = {}
    stack = [territory]
    while stack:
        current = stack[-1]
        if current in memo:
            stack.pop()
            continue
        if current not in expanded:
            own = controls.own_state(current, day)
            if own.kind is not _UNRECORDED:
                memo[current] = own
                stack.pop()
                continue
            # A part expanded but not finished is on the current path: a cycle, cut here.
            parts = tuple(p for p in parts_of.get(current, ()) if p in memo or p not in expanded)
            expanded[current] = parts
            pending = [p for p in parts if p not in memo]
            if pending:
                stack.extend(reversed(pending))
                continue
        stack.pop()
        parts = expanded[current]
        state = combine_parts(current, [memo[p] for p in parts]) if parts else None
        if state is None or state.kind is _UNRECORDED:
            state = inherited_state(ix, current, day) or state or unrecorded(current)
        memo[current] = state
    return memo[territory]


def controllers_on(ix: Indexes, territory: str, day: DayLike) -> ControlState:
    """Who holds ``territory`` on ``day``; see :meth:`Scenario.controllers_on`."""
    ordinal = day.toordinal() if type(day) is _DATE else as_day(day).toordinal()
    try:
        own = ix.controls.by_territory.get(territory)
    except TypeError:  # unhashable, so no id: ix.territory says so below
        own = None
    if own is not None:
        # TerritoryControls.state_at, inlined: this is the hot path of point queries
        i = bisect_right(own.bounds, ordinal) - 1
        state = own.states[i] if i >= 0 else own.none
        if state is None:
            state = own.state_at(ordinal)
        if state.kind is not _UNRECORDED:
            return state
    return state_on(ix, ix.territory(territory), ordinal, {})


@pausing_collector
def controllers_on_many(ix: Indexes, queries: Iterable[tuple[str, DayLike]]) -> tuple[ControlState, ...]:
    """Many (territory, day) questions at once; see :meth:`Scenario.controllers_on_many`.

    A sorted sweep: the questions are grouped by territory and each group's days sorted,
    so that each territory's segments are walked once, in order
    (:meth:`TerritoryControls.answer`), and each segment's state is built once. The
    answers, and the first error raised, are those of asking the questions one by one
    in their order. The first call builds many states, so the cyclic garbage collector
    is paused during the call, as in an index build.
    """
    pairs = queries if isinstance(queries, list | tuple) else list(iterable_argument(queries, "queries", _PAIRS))
    count = len(pairs)
    out: list[ControlState | None] = [None] * count
    by_territory = ix.controls.by_territory
    memos: dict[int, dict[str, ControlState]] = {}
    unknown = count  # the first position asking about a territory the scenario does not have
    for territory, keys in _grouped(ix, pairs).items():
        own = by_territory.get(territory)
        rest = keys if own is None else own.answer(keys, out)
        if not rest:
            continue
        if territory in ix.tree.by_id:
            _derived(ix, territory, rest, out, memos)
        else:
            unknown = min([unknown, *(key % count for key in rest)])
    if unknown < count:
        ix.territory(pairs[unknown][0])  # raises, as asked alone: not an id, or no territory
        raise UnknownIdError(pairs[unknown][0])
    return tuple(state for state in out if state is not None)


def _grouped(ix: Indexes, pairs: Sequence[tuple[str, DayLike]]) -> dict[str, list[int]]:
    """The questions by territory, each a sorted list of keys ``ordinal * len(pairs) +
    position`` (by day, then by position). A question that is not a pair, or whose day
    is not a day, raises as it would asked in order: after the earlier questions' errors."""
    count = len(pairs)
    days: dict[object, int] = {}
    groups: dict[str, list[int]] = {}
    for position, pair in enumerate(pairs):
        try:
            territory, day = pair
            ordinal = days.get(day)
            if ordinal is None:
                ordinal = days[day] = day_ordinal(day)
            keys = groups.get(territory)
        except Exception:
            controllers_on_many(ix, pairs[:position])  # an earlier question's error comes first
            _refuse(ix, pair)  # then this one's, as asked alone
            raise
        if keys is None:
            groups[territory] = [ordinal * count + position]
        else:
            keys.append(ordinal * count + position)
    for keys in groups.values():
        keys.sort()
    return groups


def _refuse(ix: Indexes, pair: object) -> None:
    """Raise what asking ``pair`` alone raises, checked in the same order."""
    territory, day, _, _ = _pair(pair)
    day_ordinal(day)
    ix.territory(territory)


def _derived(
    ix: Indexes,
    territory: str,
    keys: list[int],
    out: list[ControlState | None],
    memos: dict[int, dict[str, ControlState]],
) -> None:
    """The answers from a territory's parts or an enclosing territory, the states of one
    day shared through ``memos`` (not when the parts graph has a cycle: there the answer
    depends on where one starts, so each question starts afresh, as asked alone)."""
    count = len(out)
    if territory not in ix.tree.parts:  # no parts: what it inherits, else unrecorded
        for key in keys:
            ordinal, position = divmod(key, count)
            out[position] = inherited_state(ix, territory, ordinal) or unrecorded(territory)
        return
    fresh = ix.tree.cyclic
    for key in keys:
        ordinal, position = divmod(key, count)
        memo: dict[str, ControlState] = {} if fresh else memos.setdefault(ordinal, {})
        out[position] = state_on(ix, territory, ordinal, memo)


_PAIRS = "an iterable of (territory, day) pairs"


def _pair(pair: object) -> tuple[Any, Any, None, None]:
    """A question of ``controllers_on_many`` that a lookup could not take: refused when
    it is not a pair; else its parts, to be checked (and refused) as arguments."""
    if not isinstance(pair, tuple | list) or len(pair) != 2:
        raise ArgumentError("queries", pair, _PAIRS, item=True)
    return pair[0], pair[1], None, None


def control_map(ix: Indexes, day: DayLike, territories: Iterable[str] | None = None) -> FrozenMap[ControlState]:
    """Territory id to its state on ``day``; see :meth:`Scenario.control_map`."""
    ordinal = day_ordinal(day)
    memo: dict[str, ControlState] = {}
    if territories is None:
        chosen: Iterable[str] = ix.tree.by_id
    else:
        chosen = [ix.territory(t, "territories") for t in ids_argument(territories, "territories")]
    return FrozenMap({t: state_on(ix, t, ordinal, memo) for t in chosen})


def territories_in(ix: Indexes, territory: str) -> tuple[str, ...]:
    """Every territory inside ``territory``; see :meth:`Scenario.territories_in`."""
    return ix.tree.below(ix.territory(territory))


def _relevant(ix: Indexes, territory: str) -> set[str]:
    """The territories whose records can change ``territory``'s state: itself, every
    territory inside it, and every territory up the parent chain of any of those."""
    tree = ix.tree
    inside = {territory, *tree.below(territory)}
    relevant = set(inside)
    for t in inside:
        relevant.update(tree.ancestors(t))
    return relevant


def _date(ordinal: int) -> dt.date | None:
    return None if ordinal in (MIN_ORDINAL, MAX_ORDINAL) else dt.date.fromordinal(ordinal)


def _key(state: ControlState) -> tuple[object, ...]:
    return (state.kind, state.controllers, state.opponents, state.parts, state.inherited_from)


def timeline(ix: Indexes, territory: str) -> tuple[ControlPeriod, ...]:
    """The control changes of ``territory`` in order; see :meth:`Scenario.timeline`."""
    territory = ix.territory(territory)
    by_territory = ix.controls.by_territory
    points: set[int] = set()
    for t in _relevant(ix, territory):
        found = by_territory.get(t)
        if found is not None:
            points.update(found.bounds)
    bounds = sorted(points)
    periods: list[tuple[int, int, ControlState]] = []
    for i, start in enumerate(bounds):
        end = bounds[i + 1] - 1 if i + 1 < len(bounds) else MAX_ORDINAL
        state = state_on(ix, territory, start, {})
        if periods and _key(periods[-1][2]) == _key(state):
            first, _, previous = periods[-1]
            merged = previous
            if state.records != previous.records or state.uncertain != previous.uncertain:
                merged = ControlState(
                    territory=previous.territory,
                    kind=previous.kind,
                    controllers=previous.controllers,
                    opponents=previous.opponents,
                    records=tuple(sorted({*previous.records, *state.records})),
                    uncertain=tuple(sorted({*previous.uncertain, *state.uncertain})),
                    parts=previous.parts,
                    inherited_from=previous.inherited_from,
                )
            periods[-1] = (first, end, merged)
        else:
            periods.append((start, end, state))
    while periods and periods[-1][2].kind is _UNRECORDED:
        periods.pop()
    while periods and periods[0][2].kind is _UNRECORDED:
        periods.pop(0)
    return tuple(ControlPeriod(start=_date(s), end=_date(e), state=state) for s, e, state in periods)


def changes_between(
    ix: Indexes, first: DayLike, second: DayLike, within: str | None = None
) -> tuple[ControlChange, ...]:
    """Territories whose control differs between two days; see :meth:`Scenario.changes_between`."""
    one, two = day_ordinal(first), day_ordinal(second)
    if within is None:
        chosen: Iterable[str] = ix.tree.by_id
    else:
        within = ix.territory(within, "within")
        chosen = (within, *ix.tree.below(within))
    memo_one: dict[str, ControlState] = {}
    memo_two: dict[str, ControlState] = {}
    changes = []
    for territory in sorted(chosen):
        before = state_on(ix, territory, one, memo_one)
        after = state_on(ix, territory, two, memo_two)
        if before.answer() != after.answer():
            changes.append(ControlChange(territory=territory, before=before, after=after))
    return tuple(changes)
