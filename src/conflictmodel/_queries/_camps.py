"""Alignment on a day: allies, supporters, clients and enemies of an actor, and the camps
of the war being fought.

A relation holds on a day when its period (and, for alliances, both the alliance's and
the membership's period) contains the day: *certainly* or *possibly*, in the readings of
:mod:`conflictmodel._model._dates`. Periods left out (``None``) are open on both sides.

Camps join actors by ties taken in ranks, the ties that bear most directly on the
fighting first (:data:`TIE_RANKS`); each rank's ties join at once, so the answer depends
on the records' kinds and never on their ids or order; hostility refuses a join.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Literal, TypeVar

import attrs

from conflictmodel._model._alignment import AllianceKind, Intensity, SupportKind
from conflictmodel._model._arguments import choice, enum_members
from conflictmodel._model._collector import pausing_collector
from conflictmodel._model._dates import DayLike
from conflictmodel._model._intervals import Span, span_of

from ._control import day_ordinal

if TYPE_CHECKING:
    from conflictmodel._model._alignment import Alliance, Hostility, Support
    from conflictmodel._model._control import Control

    from ._index import Indexes

__all__ = [
    "CAMP_ALLIANCE_KINDS",
    "TIE_RANKS",
    "Camp",
    "Reading",
    "Tie",
    "TieRank",
    "allies_of",
    "camps",
    "clients_of",
    "enemies_of",
    "supporters_of",
]

Reading = Literal["certainly", "possibly"]
_READINGS: tuple[Reading, ...] = ("certainly", "possibly")
"""Which reading of imprecise dates decides whether a relation holds on a day."""

CAMP_ALLIANCE_KINDS = frozenset(kind for kind in AllianceKind if kind is not AllianceKind.GUARANTOR_FORMAT)
"""The alliance kinds that join camps by default: all but ``guarantor_format`` (the
Astana guarantors negotiate together while backing opposite sides)."""


@attrs.frozen(kw_only=True)
class Tie:
    """Another ``actor`` related to the one asked about on a day.

    ``certain`` says whether some record certainly holds that day (else every record
    only possibly does, because of imprecise dates); ``via`` are the ids of the records
    (alliances, supports, hostilities, agreements). For support, ``kinds`` are the kinds
    of support of those records and ``alleged`` is true when every one is only alleged.
    """

    actor: str
    certain: bool
    via: tuple[str, ...]
    alleged: bool = False
    kinds: frozenset[SupportKind] = frozenset()


class TieRank(enum.Enum):
    """How directly a tie between two actors bears on the fighting of the day, strongest
    first (see :data:`TIE_RANKS` and ``docs/queries.md``)."""

    HIERARCHY = "hierarchy"
    JOINT_CONTROL = "joint_control"
    CO_BELLIGERENCE_WAR = "co_belligerence_war"
    CO_BELLIGERENCE = "co_belligerence"
    COMBAT_SUPPORT = "combat_support"
    ARMS_SUPPORT = "arms_support"
    COALITION = "coalition"
    OTHER_SUPPORT = "other_support"
    ALLIANCE = "alliance"


TIE_RANKS = tuple(TieRank)
"""The ranks in the order camps take them:

1. ``hierarchy``: a unit and its parent (a force and its state);
2. ``joint_control``: the controllers of one record of joint control;
3. ``co_belligerence_war``: actors on the same side of a hostility of intensity ``war``;
4. ``co_belligerence``: actors on the same side of any other hostility;
5. ``combat_support``: support with troops or air support;
6. ``arms_support``: support with weapons, materiel, training, intelligence or logistics;
7. ``coalition``: members of an alliance of kind ``coalition``;
8. ``other_support``: support of any other kind only (funding, political, access, ...);
9. ``alliance``: members of an alliance of any other kind (a defence pact, a bloc).
"""

_COMBAT = frozenset({SupportKind.TROOPS, SupportKind.AIR_SUPPORT})
_ARMS = frozenset(
    {SupportKind.WEAPONS, SupportKind.MATERIEL, SupportKind.TRAINING, SupportKind.INTELLIGENCE, SupportKind.LOGISTICS}
)


@attrs.frozen(kw_only=True)
class Camp:
    """A bloc of aligned actors on a day.

    ``members`` are sorted actor ids; ``ties`` the ids of the records that hold the camp
    together (alliances, supports, hostilities whose side its members share, joint
    control records, and a member's own id for its tie to its parent); ``bridges`` the
    ids of records whose ties were not followed because, with the other ties of their
    rank, they would have put actors hostile to each other into one camp; ``enemies``
    the actors outside the camp that a member is hostile to that day.
    """

    members: tuple[str, ...]
    ties: tuple[str, ...] = ()
    bridges: tuple[str, ...] = ()
    enemies: tuple[str, ...] = ()


def _certain(span: Span, day: int) -> bool:
    return span[1] <= day <= span[2]


def _possible(span: Span, day: int) -> bool:
    return span[0] <= day <= span[3]


class _Collected:
    """Ties gathered per related actor."""

    def __init__(self) -> None:
        self.certain: dict[str, bool] = defaultdict(bool)
        self.via: dict[str, set[str]] = defaultdict(set)
        self.alleged: dict[str, bool] = {}
        self.kinds: dict[str, set[SupportKind]] = defaultdict(set)

    def add(self, actor: str, record: str, certain: bool) -> None:
        self.certain[actor] = self.certain[actor] or certain
        self.via[actor].add(record)

    def ties(self) -> tuple[Tie, ...]:
        return tuple(
            Tie(
                actor=actor,
                certain=self.certain[actor],
                via=tuple(sorted(self.via[actor])),
                alleged=self.alleged.get(actor, False),
                kinds=frozenset(self.kinds.get(actor, ())),
            )
            for actor in sorted(self.via)
        )


def allies_of(ix: Indexes, actor: str, day: DayLike, kinds: Iterable[AllianceKind] | None = None) -> tuple[Tie, ...]:
    """Allies of ``actor`` on ``day``; see :meth:`Scenario.allies_of`."""
    ordinal = day_ordinal(day)
    actor = ix.actor(actor)
    wanted = None if kinds is None else enum_members(kinds, "kinds", AllianceKind)
    index = ix.alignment.memberships_of.get(actor)
    found = _Collected()
    cache: dict[int, Span] = {}
    for alliance, _, own, span in [] if index is None else index.stab(ordinal):
        if wanted is not None and alliance.kind not in wanted:
            continue
        mine = _certain(own, ordinal) and _certain(span, ordinal)
        for other in alliance.members:
            if other.actor == actor:
                continue
            theirs = own if other.period is None else span_of(other.period, cache)
            if _possible(theirs, ordinal):
                found.add(other.actor, alliance.id, mine and _certain(theirs, ordinal))
    return found.ties()


def _supports(ix: Indexes, actor: str, day: DayLike, include_alleged: bool, *, towards: bool) -> tuple[Tie, ...]:
    ordinal = day_ordinal(day)
    actor = ix.actor(actor)
    table = ix.alignment.supports_to if towards else ix.alignment.supports_by
    index = table.get(actor)
    found = _Collected()
    for support, span in [] if index is None else index.stab(ordinal):
        if support.alleged and not include_alleged:
            continue
        other = support.supporter if towards else support.recipient
        if other == actor:
            continue
        found.add(other, support.id, _certain(span, ordinal))
        found.alleged[other] = found.alleged.get(other, True) and support.alleged
        found.kinds[other].update(support.kinds)
    return found.ties()


def supporters_of(ix: Indexes, actor: str, day: DayLike, include_alleged: bool = True) -> tuple[Tie, ...]:
    """Who backs ``actor`` on ``day``; see :meth:`Scenario.supporters_of`."""
    return _supports(ix, actor, day, include_alleged, towards=True)


def clients_of(ix: Indexes, actor: str, day: DayLike, include_alleged: bool = True) -> tuple[Tie, ...]:
    """Whom ``actor`` backs on ``day``; see :meth:`Scenario.clients_of`."""
    return _supports(ix, actor, day, include_alleged, towards=False)


def enemies_of(ix: Indexes, actor: str, day: DayLike) -> tuple[Tie, ...]:
    """Who ``actor`` is hostile to on ``day``; see :meth:`Scenario.enemies_of`."""
    ordinal = day_ordinal(day)
    actor = ix.actor(actor)
    index = ix.alignment.hostilities_of.get(actor)
    found = _Collected()
    for hostility, span in [] if index is None else index.stab(ordinal):
        certain = _certain(span, ordinal)
        others: set[str] = set()
        if actor in hostility.side_a:
            others.update(hostility.side_b)
        if actor in hostility.side_b:
            others.update(hostility.side_a)
        others.discard(actor)
        for other in others:
            found.add(other, hostility.id, certain)
    return found.ties()


Edge = tuple[str, str, str, int]
"""Two actors a tie joins, the id of the record it comes from, and the number of the
group of actors the record ties together (a hostility ties each of its two sides)."""
Side = tuple[int, int]
"""A side of one of the day's hostilities: its index, and 0 for side A, 1 for side B, or 2
for an actor listed on both sides (hostile to everyone else in it)."""
_OPPOSITE = ((1, 2), (0, 2), (0, 1, 2))


K = TypeVar("K")


def _move(table: dict[str, set[K]], source: str, target: str) -> None:
    """Move the set of ``source`` into that of ``target`` (made only when needed)."""
    moved = table.pop(source, None)
    if moved:
        table.setdefault(target, set()).update(moved)


class _Forest:
    """Union-find over actors. Each camp keeps its members, the hostility sides they
    stand on, and the records of its ties and bridges; merges go small into large, so
    every actor and side moves O(log n) times."""

    def __init__(self, actors: Iterable[str], sides: dict[str, set[Side]]) -> None:
        self.root: dict[str, str] = {actor: actor for actor in actors}
        self.members: dict[str, list[str]] = {actor: [actor] for actor in self.root}
        self.sides: dict[str, set[Side]] = {actor: set(found) for actor, found in sides.items() if actor in self.root}
        self.ties: dict[str, set[str]] = defaultdict(set)
        self.bridges: dict[str, set[str]] = defaultdict(set)

    def find(self, actor: str) -> str:
        root = actor
        while self.root[root] != root:
            root = self.root[root]
        while self.root[actor] != root:
            self.root[actor], actor = root, self.root[actor]
        return root

    def _size(self, root: str) -> int:
        return len(self.members[root]) + len(self.sides.get(root, ()))

    def _hostile(self, roots: list[str]) -> bool:
        """Whether the union of these camps would hold both sides of a hostility. Each
        camp alone never does, so only the sides of the smaller camps are looked at."""
        large = max(roots, key=self._size)
        big = self.sides.get(large, set())
        seen: set[Side] = set()
        for root in roots:
            if root == large:
                continue
            for index, side in self.sides.get(root, ()):
                for other in _OPPOSITE[side]:
                    if (index, other) in big or (index, other) in seen:
                        return True
                seen.add((index, side))
        return False

    def _merge(self, roots: list[str], records: set[str]) -> None:
        large = max(roots, key=self._size)
        members = self.members[large]
        for root in roots:
            if root == large:
                continue
            self.root[root] = large
            members.extend(self.members.pop(root))
            _move(self.sides, root, large)
            _move(self.ties, root, large)
            _move(self.bridges, root, large)
        self.ties[large] |= records

    def _groups(self, edges: list[Edge]) -> list[tuple[list[str], list[Edge]]]:
        """The groups of camps that one rank's ties connect, each with the ties between
        its camps (by their roots). A record whose group of actors lies inside one camp
        already is added to that camp's ties."""
        links: dict[str, str] = {}

        def top(root: str) -> str:
            found = root
            while links.get(found, found) != found:
                found = links[found]
            while links.get(root, root) != found:
                links[root], root = found, links[root]
            return found

        ends = [(self.find(a), self.find(b), record, group) for a, b, record, group in edges]
        across = {group for ra, rb, _, group in ends if ra != rb}
        groups: dict[str, tuple[set[str], list[Edge]]] = {}
        for ra, rb, record, group in ends:
            if group not in across:
                self.ties[ra].add(record)
            elif ra != rb:
                ta, tb = top(ra), top(rb)
                if ta != tb:
                    links[ta] = tb
        for edge in ends:
            if edge[0] != edge[1]:
                roots, ties = groups.setdefault(top(edge[0]), (set(), []))
                roots.update(edge[:2])
                ties.append(edge)
        return [(list(roots), ties) for roots, ties in groups.values()]

    def take(self, edges: list[Edge]) -> None:
        """Join by one rank's ties at once: each group of camps these ties connect
        becomes one camp, unless it would hold actors hostile to each other; then none
        of the group's ties of this rank is followed, and each is a bridge."""
        for roots, ties in self._groups(edges):
            if self._hostile(roots):
                for ra, rb, record, _ in ties:
                    self.bridges[ra].add(record)
                    self.bridges[rb].add(record)
            else:
                self._merge(roots, {record for _, _, record, _ in ties})

    def result(self, hostilities: list[Hostility], keep: Callable[[str], bool]) -> tuple[Camp, ...]:
        found = []
        for root, members in self.members.items():
            inside = set(members)
            enemies: set[str] = set()
            for index, side in self.sides.get(root, ()):
                hostility = hostilities[index]
                if side != 1:
                    enemies.update(a for a in hostility.side_b if keep(a))
                if side != 0:
                    enemies.update(a for a in hostility.side_a if keep(a))
            found.append(
                Camp(
                    members=tuple(sorted(inside)),
                    ties=tuple(sorted(self.ties.get(root, ()))),
                    bridges=tuple(sorted(self.bridges.get(root, ()))),
                    enemies=tuple(sorted(enemies - inside)),
                )
            )
        return tuple(sorted(found, key=lambda camp: (-len(camp.members), camp.members)))


class _Ties:
    """The ties of the day by rank, each group of actors a record ties together
    numbered once."""

    def __init__(self) -> None:
        self.ranks: dict[TieRank, list[Edge]] = defaultdict(list)
        self.groups = 0

    def chain(self, rank: TieRank, actors: Iterable[str], record: str) -> None:
        """Ties that connect every one of ``actors`` (distinct, sorted): a chain, not
        every pair, so a record with m actors costs m - 1 ties. Within a rank only
        connectivity counts, so a chain joins exactly what every pair would."""
        ordered = sorted(set(actors))
        found = self.ranks[rank]
        self.groups += 1
        for i in range(1, len(ordered)):
            found.append((ordered[i - 1], ordered[i], record, self.groups))


def _support_rank(kinds: frozenset[SupportKind]) -> TieRank:
    if not _COMBAT.isdisjoint(kinds):
        return TieRank.COMBAT_SUPPORT
    if not _ARMS.isdisjoint(kinds):
        return TieRank.ARMS_SUPPORT
    return TieRank.OTHER_SUPPORT


class _Day:
    """The records holding on one day (by one reading), read once."""

    def __init__(self, ix: Indexes, ordinal: int, holds: Callable[[Span, int], bool]) -> None:
        self.ix, self.ordinal, self.holds = ix, ordinal, holds

    def hostilities(self) -> list[Hostility]:
        return [h for h, span in self.ix.alignment.hostilities.stab(self.ordinal) if self.holds(span, self.ordinal)]

    def supports(self, include_alleged: bool) -> Iterator[Support]:
        for support, span in self.ix.alignment.supports.stab(self.ordinal):
            if self.holds(span, self.ordinal) and (include_alleged or not support.alleged):
                yield support

    def joint_controls(self) -> Iterator[Control]:
        for control, span in self.ix.controls.joint.stab(self.ordinal):
            if self.holds(span, self.ordinal):
                yield control

    def alliances(self, kinds: frozenset[AllianceKind]) -> Iterator[tuple[Alliance, list[str]]]:
        """Each alliance of ``kinds`` holding on the day, with the members whose
        membership holds too."""
        active: dict[str, tuple[Alliance, list[str]]] = {}
        for alliance, membership, own, span in self.ix.alignment.memberships.stab(self.ordinal):
            if alliance.kind in kinds and self.holds(own, self.ordinal) and self.holds(span, self.ordinal):
                active.setdefault(alliance.id, (alliance, []))[1].append(membership.actor)
        yield from active.values()

    def active_in(self, territory: str, include_alleged: bool) -> set[str]:
        """The actors holding, contesting or besieging territory in ``territory`` (itself
        or any territory inside it), or taking part in an event located there, on the
        day, with every actor in their hierarchies (a state, its government and its
        forces); and the actors supporting any of these that day."""
        ix, ordinal, holds = self.ix, self.ordinal, self.holds
        active: set[str] = set()
        for place in (territory, *ix.tree.below(territory)):
            controls = ix.controls.by_territory.get(place)
            for span, control in [] if controls is None else controls.index.stab(ordinal):
                if holds(span, ordinal):
                    active.update(control.controllers)
                    active.update(control.opponents)
            for event, span in ix.events.stab(place, ordinal):
                if holds(span, ordinal):
                    active.update(entry.actor for entry in event.actors)
        actors = ix.actors
        active = {member for actor in active for member in actors.tree_of(actor)}
        backers: set[str] = set()
        supports_to = ix.alignment.supports_to
        for actor in active:
            index = supports_to.get(actor)
            for support, span in [] if index is None else index.stab(ordinal):
                if holds(span, ordinal) and (include_alleged or not support.alleged):
                    backers.add(support.supporter)
        return active | backers


def _ties_by_rank(
    day: _Day,
    hostilities: list[Hostility],
    kinds: frozenset[AllianceKind],
    include_alleged: bool,
    keep: Callable[[str], bool],
) -> tuple[_Ties, dict[str, set[Side]]]:
    """Every tie of the day by rank (but the hierarchy's), and the hostility sides each
    actor stands on (an actor listed on both sides of one hostility is hostile to all the
    others in it and fights beside none of them)."""
    ties = _Ties()
    sides: dict[str, set[Side]] = defaultdict(set)
    for index, hostility in enumerate(hostilities):
        a = {actor for actor in hostility.side_a if keep(actor)}
        b = {actor for actor in hostility.side_b if keep(actor)}
        both = a & b
        a, b = a - both, b - both
        for side, actors in enumerate((a, b, both)):
            for actor in actors:
                sides[actor].add((index, side))
        rank = TieRank.CO_BELLIGERENCE_WAR if hostility.intensity is Intensity.WAR else TieRank.CO_BELLIGERENCE
        ties.chain(rank, a, hostility.id)
        ties.chain(rank, b, hostility.id)
    for control in day.joint_controls():
        ties.chain(TieRank.JOINT_CONTROL, filter(keep, control.controllers), control.id)
    for support in day.supports(include_alleged):
        if support.supporter != support.recipient and keep(support.supporter) and keep(support.recipient):
            ties.chain(_support_rank(support.kinds), (support.supporter, support.recipient), support.id)
    for alliance, members in day.alliances(kinds):
        rank = TieRank.COALITION if alliance.kind is AllianceKind.COALITION else TieRank.ALLIANCE
        ties.chain(rank, filter(keep, members), alliance.id)
    return ties, sides


@pausing_collector  # it allocates O(r) sets and lists and makes no cycles: no full passes over them
def camps(
    ix: Indexes,
    day: DayLike,
    *,
    within: str | None = None,
    reading: Reading = "certainly",
    include_alleged: bool = False,
    alliance_kinds: Iterable[AllianceKind] | None = None,
) -> tuple[Camp, ...]:
    """The camps of the war being fought on ``day``; see :meth:`Scenario.camps`."""
    reading = choice(reading, "reading", _READINGS)  # type: ignore[assignment]
    if within is not None:
        within = ix.territory(within, "within")
    ordinal = day_ordinal(day)
    holds = _certain if reading == "certainly" else _possible
    kinds = (
        CAMP_ALLIANCE_KINDS if alliance_kinds is None else enum_members(alliance_kinds, "alliance_kinds", AllianceKind)
    )
    today = _Day(ix, ordinal, holds)
    lineage = ix.actors.lineage
    kept: set[str] = set()
    if within is None:
        keep: Callable[[str], bool] = lambda _actor: True  # noqa: E731 - the trivial filter
    else:
        kept = {above for actor in today.active_in(within, include_alleged) for above in lineage(actor)}
        keep = kept.__contains__
    hostilities = today.hostilities()
    ties, sides = _ties_by_rank(today, hostilities, kinds, include_alleged, keep)
    players = set(sides) if within is None else set(kept)
    for edges in ties.ranks.values():
        players.update(edge[0] for edge in edges)
        players.update(edge[1] for edge in edges)
    for actor in sorted(players):
        chain = lineage(actor)
        for i in range(1, len(chain)):
            if chain[i] in players:
                break
            players.add(chain[i])
    for actor in sorted(players):
        parent = lineage(actor)[1:2]
        ties.chain(TieRank.HIERARCHY, (actor, *parent), actor)
    forest = _Forest(sorted(players), sides)
    for rank in TIE_RANKS:
        forest.take(ties.ranks.get(rank, []))
    return forest.result(hostilities, keep)
