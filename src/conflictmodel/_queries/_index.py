"""The query indexes of a scenario, each built once, on first use, and then kept.

A :class:`Scenario` is immutable, so an index built from it never goes stale. Each part
is built only when a query first needs it (a ``validate`` run or a ``get`` builds none
of these). Build costs are O(n log n) in the number of records involved.

With duplicate ids (which ``validate`` reports) the first record in format order wins,
as in :meth:`Scenario.get`. References to missing records are ignored; cycles in the
territory or actor hierarchy are cut where they close.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from functools import cached_property
from typing import TYPE_CHECKING

from conflictmodel._model._arguments import id_argument
from conflictmodel._model._collector import pausing_collector
from conflictmodel._model._errors import UnknownIdError
from conflictmodel._model._intervals import IntervalIndex, Span, span_of
from conflictmodel._model._territory import TerritoryKind
from conflictmodel._model._walks import below as everything_below
from conflictmodel._model._walks import chain

from ._control_state import ControlKind, ControlState, state_from_records, unrecorded

if TYPE_CHECKING:
    from conflictmodel._model._actors import Actor
    from conflictmodel._model._agreements import Agreement
    from conflictmodel._model._alignment import Alliance, Hostility, Membership, Support
    from conflictmodel._model._control import Control
    from conflictmodel._model._events import Event
    from conflictmodel._model._scenario import Scenario
    from conflictmodel._model._territory import Territory
    from conflictmodel._model._violations import Violation

__all__ = [
    "ActorIndex",
    "AgreementIndex",
    "AlignmentIndex",
    "ControlIndex",
    "EventIndex",
    "Indexes",
    "TerritoryControls",
    "TerritoryTree",
]


_UNRECORDED = ControlKind.UNRECORDED


class TerritoryTree:
    """The territories by id, their parts (children and zone components) and containers."""

    def __init__(self, territories: tuple[Territory, ...]) -> None:
        by_id: dict[str, Territory] = {}
        for territory in territories:
            by_id.setdefault(territory.id, territory)
        children: dict[str, list[str]] = defaultdict(list)
        for territory in by_id.values():
            parent = territory.parent
            if parent is not None and parent != territory.id and parent in by_id:
                children[parent].append(territory.id)
        parts: dict[str, tuple[str, ...]] = {}
        containers: dict[str, list[str]] = defaultdict(list)
        for tid, territory in by_id.items():
            found = set(children.get(tid, ()))
            found.update(c for c in territory.components if c != tid and c in by_id)
            if found:
                ordered = tuple(sorted(found))
                parts[tid] = ordered
                for part in ordered:
                    containers[part].append(tid)
        self.by_id = by_id
        self._ancestors: dict[str, tuple[str, ...]] = {}
        self.countries = tuple(sorted(tid for tid, t in by_id.items() if t.kind is TerritoryKind.COUNTRY))
        self.children: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in children.items()}
        self.parts = parts
        self.containers: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in containers.items()}

    @cached_property
    def cyclic(self) -> bool:
        """Whether some territory is, through parts of parts, a part of itself."""
        parts = self.parts
        done: set[str] = set()
        for root in parts:
            if root in done:
                continue
            path = {root}
            stack = [(root, iter(parts[root]))]
            while stack:
                node, pending = stack[-1]
                part = next(pending, None)
                if part is None:
                    stack.pop()
                    path.discard(node)
                    done.add(node)
                elif part in path:
                    return True
                elif part not in done:
                    path.add(part)
                    stack.append((part, iter(parts.get(part, ()))))
        return False

    def parent(self, territory: str) -> str | None:
        """The parent, when it is a known territory other than itself."""
        found = self.by_id.get(territory)
        parent = None if found is None else found.parent
        return parent if parent is not None and parent != territory and parent in self.by_id else None

    def ancestors(self, territory: str) -> tuple[str, ...]:
        """The parent, its parent, and so on (a cycle is cut where it closes); walked
        once per territory (the tree does not change)."""
        found = self._ancestors.get(territory)
        if found is None:
            found = self._ancestors[territory] = tuple(chain(territory, self.parent))
        return found

    def below(self, territory: str) -> tuple[str, ...]:
        """Every territory inside this one through parts of parts, sorted, without itself."""
        return tuple(sorted(everything_below(territory, self.parts)))

    def above(self, territory: str) -> tuple[str, ...]:
        """This territory and every territory containing it (parents and zones), sorted."""
        seen = {territory}
        stack = [territory]
        while stack:
            for container in self.containers.get(stack.pop(), ()):
                if container not in seen:
                    seen.add(container)
                    stack.append(container)
        return tuple(sorted(seen))


class TerritoryControls:
    """The control records of one territory, cut into segments of days with one answer.

    Every record contributes its four bounds (earliest day, first certain day, day
    after the last certain day, day after the latest day); between two consecutive
    bounds the sets of records that certainly and possibly cover a day stay the same,
    and so does the territory's own :class:`ControlState`. States are computed on first
    use and cached per segment.
    """

    __slots__ = ("bounds", "index", "layers", "none", "states", "territory")

    def __init__(self, territory: str, entries: list[tuple[Span, Control]], days: dict[int, int]) -> None:
        points: set[int] = set()
        for (earliest, first, last, latest), _ in entries:
            points.add(earliest)
            points.add(latest + 1)
            if first <= last:
                points.add(first)
                points.add(last + 1)
        # one int object per distinct day across the scenario: bounds repeat a lot
        points = {days.setdefault(day, day) for day in points}
        self.territory = territory
        self.bounds: list[int] = sorted(points)
        self.states: list[ControlState | None] = [None] * len(self.bounds)
        self.index: IntervalIndex[tuple[Span, Control]] = IntervalIndex((e[0][0], e[0][3], e) for e in entries)
        self.layers = self.index.layers  # read per new segment: a slot, not the index's property
        self.none = unrecorded(territory)

    def state_at(self, day: int) -> ControlState:
        """The territory's own state on a day ordinal. O(log n), then O(1) once cached."""
        i = bisect_right(self.bounds, day) - 1
        if i < 0:
            return self.none
        return self.states[i] or self._segment(i)

    def answer(self, keys: list[int], out: list[ControlState | None]) -> list[int]:
        """Answer a batch's questions about this territory from its own records.

        ``keys`` are ``ordinal * len(out) + position`` in ascending order (by day, then by
        position); each question the records answer gets its state at ``out[position]``,
        and the keys of days no record covers, not even possibly, are returned. One
        sweep: the days walk the segment bounds forwards, and a segment not yet computed
        gets its state (:meth:`_segment`) once however many days fall in it.
        """
        bounds, states = self.bounds, self.states
        count = len(out)
        rest: list[int] = []
        start = 0
        for key in keys:
            i = bisect_right(bounds, key // count, start) - 1
            if i < 0:
                rest.append(key)
                continue
            start = i
            state = states[i] or self._segment(i)
            if state.kind is _UNRECORDED:
                rest.append(key)
            else:
                out[key % count] = state
        return rest

    def _segment(self, i: int) -> ControlState:
        """Compute, keep and return the state of segment ``i``: the records covering its
        first day, one bisection per layer of the interval index, split into those that
        certainly and those that only possibly cover it."""
        point = self.bounds[i]
        certain: list[Control] = []
        uncertain: list[Control] = []
        for lows, highs, entries in self.layers:
            j = bisect_right(lows, point) - 1
            if j >= 0 and highs[j] >= point:
                (_, first, last, _), control = entries[j]
                (certain if first <= point <= last else uncertain).append(control)
        state = state_from_records(self.territory, certain, uncertain) if certain or uncertain else self.none
        self.states[i] = state
        return state


class ControlIndex:
    """Control records grouped by territory, each group a :class:`TerritoryControls`;
    the records that say how much of their territory they hold, by id; and the records
    of joint control (several controllers) by day."""

    def __init__(self, controls: tuple[Control, ...]) -> None:
        cache: dict[int, Span] = {}
        spans = [span_of(control.period, cache) for control in controls]
        grouped: dict[str, list[int]] = defaultdict(list)
        portions: dict[str, Control] = {}
        joint: list[tuple[int, int, tuple[Control, Span]]] = []
        for i, control in enumerate(controls):
            grouped[control.territory].append(i)
            if control.portion is not None:
                portions.setdefault(control.id, control)
            if len(control.controllers) > 1:
                span = spans[i]
                joint.append((span[0], span[3], (control, span)))
        self.portions = portions
        self.joint: IntervalIndex[tuple[Control, Span]] = IntervalIndex(joint)
        days: dict[int, int] = {}
        # each territory's entries made together, so that its build reads them from one
        # stretch of memory rather than from across the whole scenario's
        self.by_territory = {
            tid: TerritoryControls(tid, [(spans[i], controls[i]) for i in positions], days)
            for tid, positions in grouped.items()
        }

    def own_state(self, territory: str, day: int) -> ControlState:
        """The territory's own state on a day ordinal (``unrecorded`` without records)."""
        found = self.by_territory.get(territory)
        return unrecorded(territory) if found is None else found.state_at(day)


class ActorIndex:
    """The actors by id and their hierarchy."""

    def __init__(self, actors: tuple[Actor, ...]) -> None:
        by_id: dict[str, Actor] = {}
        for actor in actors:
            by_id.setdefault(actor.id, actor)
        self.by_id = by_id
        self._lineages: dict[str, tuple[str, ...]] = {}
        self._trees: dict[str, tuple[str, ...]] | None = None

    def tree_of(self, actor: str) -> tuple[str, ...]:
        """Every actor in the same hierarchy as ``actor`` (sharing the top of its
        lineage: a state, its government and its forces), sorted."""
        trees = self._trees
        if trees is None:
            grouped: dict[str, list[str]] = defaultdict(list)
            for aid in self.by_id:
                grouped[self.lineage(aid)[-1]].append(aid)
            trees = {root: tuple(sorted(members)) for root, members in grouped.items()}
            self._trees = trees
        return trees.get(self.lineage(actor)[-1], (actor,))

    def lineage(self, actor: str) -> tuple[str, ...]:
        """The actor, its parent, the parent's parent and so on (cut where a cycle closes)."""
        found = self._lineages.get(actor)
        if found is not None:
            return found
        chain = [actor]
        seen = {actor}
        record = self.by_id.get(actor)
        parent = None if record is None else record.parent
        while parent is not None and parent not in seen:
            chain.append(parent)
            seen.add(parent)
            record = self.by_id.get(parent)
            parent = None if record is None else record.parent
        result = tuple(chain)
        self._lineages[actor] = result
        return result


MembershipEntry = tuple["Alliance", "Membership", Span, Span]
"""An alliance, one of its memberships, the alliance's span and the membership's span."""
SupportEntry = tuple["Support", Span]
HostilityEntry = tuple["Hostility", Span]


class AlignmentIndex:
    """Alliance memberships, supports and hostilities by actor and by day."""

    def __init__(
        self, alliances: tuple[Alliance, ...], supports: tuple[Support, ...], hostilities: tuple[Hostility, ...]
    ) -> None:
        cache: dict[int, Span] = {}
        memberships: list[tuple[int, int, MembershipEntry]] = []
        for alliance in alliances:
            own = span_of(alliance.period, cache)
            for membership in alliance.members:
                span = own if membership.period is None else span_of(membership.period, cache)
                low, high = max(own[0], span[0]), min(own[3], span[3])
                if low <= high:
                    memberships.append((low, high, (alliance, membership, own, span)))
        by_member: dict[str, list[tuple[int, int, MembershipEntry]]] = defaultdict(list)
        for member_item in memberships:
            by_member[member_item[2][1].actor].append(member_item)
        self.memberships = IntervalIndex(memberships)
        self.memberships_of = {actor: IntervalIndex(items) for actor, items in by_member.items()}

        support_items: list[tuple[int, int, SupportEntry]] = []
        to: dict[str, list[tuple[int, int, SupportEntry]]] = defaultdict(list)
        by: dict[str, list[tuple[int, int, SupportEntry]]] = defaultdict(list)
        for support in supports:
            span = span_of(support.period, cache)
            support_item = (span[0], span[3], (support, span))
            support_items.append(support_item)
            to[support.recipient].append(support_item)
            by[support.supporter].append(support_item)
        self.supports = IntervalIndex(support_items)
        self.supports_to = {actor: IntervalIndex(items) for actor, items in to.items()}
        self.supports_by = {actor: IntervalIndex(items) for actor, items in by.items()}

        hostility_items: list[tuple[int, int, HostilityEntry]] = []
        of: dict[str, list[tuple[int, int, HostilityEntry]]] = defaultdict(list)
        for hostility in hostilities:
            span = span_of(hostility.period, cache)
            hostility_item = (span[0], span[3], (hostility, span))
            hostility_items.append(hostility_item)
            for actor in dict.fromkeys((*hostility.side_a, *hostility.side_b)):
                of[actor].append(hostility_item)
        self.hostilities = IntervalIndex(hostility_items)
        self.hostilities_of = {actor: IntervalIndex(items) for actor, items in of.items()}


AgreementEntry = tuple["Agreement", Span]


class AgreementIndex:
    """Agreements by id, by day in force, by the territories they list as covered, and
    the stored violation records of each."""

    def __init__(self, agreements: tuple[Agreement, ...], violations: tuple[Violation, ...]) -> None:
        by_id: dict[str, Agreement] = {}
        for agreement in agreements:
            by_id.setdefault(agreement.id, agreement)
        cache: dict[int, Span] = {}
        items: list[tuple[int, int, AgreementEntry]] = []
        covering: dict[str, list[Agreement]] = defaultdict(list)
        for agreement in by_id.values():
            if agreement.in_force is not None:
                span = span_of(agreement.in_force, cache)
                items.append((span[0], span[3], (agreement, span)))
            for territory in agreement.covers:
                covering[territory].append(agreement)
        self.by_id = by_id
        self.in_force = IntervalIndex(items)
        self.covering: dict[str, tuple[Agreement, ...]] = {k: tuple(v) for k, v in covering.items()}
        recorded: dict[str, list[Violation]] = defaultdict(list)
        for violation in violations:
            recorded[violation.agreement].append(violation)
        self.violations: dict[str, tuple[Violation, ...]] = {k: tuple(v) for k, v in recorded.items()}


EventEntry = tuple["Event", Span]


class EventIndex:
    """Events by location, each location's events by date.

    The interval layers hold each event's position in ``events``, not the event: a
    container of references to the records would be walked by the cyclic collector's
    next pass, which then reads every record it points to (at a million records, most of
    them out of the processor's cache: 0.3 s for the events alone, benchmarks run K);
    a list of integers is walked without leaving it."""

    __slots__ = ("by_location", "events", "spans")

    def __init__(self, events: tuple[Event, ...]) -> None:
        cache: dict[int, Span] = {}
        spans = [span_of(event.date, cache) for event in events]
        grouped: dict[str, list[int]] = defaultdict(list)
        for k, event in enumerate(events):
            if event.location is not None:
                grouped[event.location].append(k)
        self.events, self.spans = events, spans
        self.by_location = {
            tid: IntervalIndex([(spans[k][0], spans[k][3], k) for k in positions]) for tid, positions in grouped.items()
        }

    def stab(self, location: str, day: int) -> list[EventEntry]:
        """The events at ``location`` whose dates possibly include ``day``, with their spans."""
        index = self.by_location.get(location)
        return [] if index is None else self._entries(index.stab(day))

    def overlapping(self, location: str, low: int, high: int) -> list[EventEntry]:
        """The events at ``location`` whose dates possibly meet ``[low, high]``, with their spans."""
        index = self.by_location.get(location)
        return [] if index is None else self._entries(index.overlapping(low, high))

    def _entries(self, positions: list[int]) -> list[EventEntry]:
        events, spans = self.events, self.spans
        return [(events[k], spans[k]) for k in positions]


class Indexes:
    """Every query index of one scenario, each built on first use (with the cyclic
    garbage collector paused during the build, its state restored after)."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario

    # The one check of an id argument of a query: its type (ArgumentError), then that the
    # scenario has it (UnknownIdError). Hot paths look the id up first and come here on a miss.

    def territory(self, value: object, argument: str = "territory") -> str:
        """``value`` as the id of a territory of the scenario; raise
        :class:`~conflictmodel.ArgumentError` for a value that is not an id and
        :class:`~conflictmodel.UnknownIdError` for an id that is not a territory."""
        territory = id_argument(value, argument)
        if territory not in self.tree.by_id:
            raise UnknownIdError(territory)
        return territory

    def actor(self, value: object, argument: str = "actor") -> str:
        """``value`` as the id of an actor of the scenario (errors as :meth:`territory`)."""
        actor = id_argument(value, argument)
        if actor not in self.actors.by_id:
            raise UnknownIdError(actor)
        return actor

    def agreement(self, value: object, argument: str = "agreement") -> Agreement:
        """The agreement with the id ``value`` (errors as :meth:`territory`)."""
        found = self.agreements.by_id.get(id_argument(value, argument))
        if found is None:
            raise UnknownIdError(str(value))
        return found

    @cached_property
    @pausing_collector
    def tree(self) -> TerritoryTree:
        """Territories, their parts and containers. Build: O(n log n)."""
        return TerritoryTree(self.scenario.territories)

    @cached_property
    @pausing_collector
    def controls(self) -> ControlIndex:
        """Control records by territory and day. Build: O(n log n)."""
        return ControlIndex(self.scenario.controls)

    @cached_property
    @pausing_collector
    def actors(self) -> ActorIndex:
        """Actors by id and their hierarchy. Build: O(n)."""
        return ActorIndex(self.scenario.actors)

    @cached_property
    @pausing_collector
    def alignment(self) -> AlignmentIndex:
        """Memberships, supports and hostilities by actor and day. Build: O(n log n)."""
        s = self.scenario
        return AlignmentIndex(s.alliances, s.supports, s.hostilities)

    @cached_property
    @pausing_collector
    def agreements(self) -> AgreementIndex:
        """Agreements by day in force and by covered territory. Build: O(n log n)."""
        return AgreementIndex(self.scenario.agreements, self.scenario.violations)

    @cached_property
    @pausing_collector
    def events(self) -> EventIndex:
        """Events by location and date. Build: O(n log n)."""
        return EventIndex(self.scenario.events)
