"""Alignment on a day: allies, supporters, clients and enemies of an actor, and the camps
of aligned actors.

A relation holds on a day when its period (and, for alliances, both the alliance's and
the membership's period) contains the day: *certainly* or *possibly*, in the readings of
:mod:`conflictmodel._model._dates`. Periods left out (``None``) are open on both sides.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Literal

import attrs

from conflictmodel._model._alignment import AllianceKind, SupportKind
from conflictmodel._model._dates import DayLike
from conflictmodel._model._errors import UnknownIdError
from conflictmodel._model._intervals import Span, span_of

from ._control import day_ordinal

if TYPE_CHECKING:
    from ._index import Indexes

__all__ = [
    "CAMP_ALLIANCE_KINDS",
    "Camp",
    "Reading",
    "Tie",
    "allies_of",
    "camps",
    "clients_of",
    "enemies_of",
    "supporters_of",
]

Reading = Literal["certainly", "possibly"]
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


@attrs.frozen(kw_only=True)
class Camp:
    """A bloc of aligned actors on a day.

    ``members`` are sorted actor ids; ``ties`` the alliances and supports that hold the
    camp together; ``bridges`` the alliances and supports that link a member to a camp
    it is hostile to and were therefore not followed; ``enemies`` the actors outside
    the camp that a member is hostile to that day.
    """

    members: tuple[str, ...]
    ties: tuple[str, ...] = ()
    bridges: tuple[str, ...] = ()
    enemies: tuple[str, ...] = ()


def _certain(span: Span, day: int) -> bool:
    return span[1] <= day <= span[2]


def _possible(span: Span, day: int) -> bool:
    return span[0] <= day <= span[3]


def _require_actor(ix: Indexes, actor: str) -> None:
    if actor not in ix.actors.by_id:
        raise UnknownIdError(actor)


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
    _require_actor(ix, actor)
    wanted = None if kinds is None else frozenset(kinds)
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
    _require_actor(ix, actor)
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
    _require_actor(ix, actor)
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


class _Camps:
    """Union-find over actors where a merge is refused when it would put actors hostile
    to each other into one camp."""

    def __init__(self, hostile: dict[str, set[str]]) -> None:
        self.hostile = hostile
        self.root: dict[str, str] = {}
        self.members: dict[str, set[str]] = {}
        self.enemies: dict[str, set[str]] = {}
        self.ties: dict[str, set[str]] = defaultdict(set)
        self.bridges: dict[str, set[str]] = defaultdict(set)

    def add(self, actor: str) -> None:
        if actor not in self.root:
            self.root[actor] = actor
            self.members[actor] = {actor}
            self.enemies[actor] = set(self.hostile.get(actor, ()))

    def find(self, actor: str) -> str:
        root = actor
        while self.root[root] != root:
            root = self.root[root]
        while self.root[actor] != root:
            self.root[actor], actor = root, self.root[actor]
        return root

    def join(self, a: str, b: str, record: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            self.ties[ra].add(record)
            return
        small, large = (ra, rb) if len(self.members[ra]) <= len(self.members[rb]) else (rb, ra)
        if not self.enemies[large].isdisjoint(self.members[small]):
            self.bridges[ra].add(record)
            self.bridges[rb].add(record)
            return
        self.root[small] = large
        self.members[large] |= self.members.pop(small)
        self.enemies[large] |= self.enemies.pop(small)
        self.ties[large] |= self.ties.pop(small, set()) | {record}
        self.bridges[large] |= self.bridges.pop(small, set())

    def result(self) -> tuple[Camp, ...]:
        found = []
        for root, members in self.members.items():
            found.append(
                Camp(
                    members=tuple(sorted(members)),
                    ties=tuple(sorted(self.ties.get(root, ()))),
                    bridges=tuple(sorted(self.bridges.get(root, ()))),
                    enemies=tuple(sorted(self.enemies[root] - members)),
                )
            )
        return tuple(sorted(found, key=lambda camp: (-len(camp.members), camp.members)))


def _hostilities(ix: Indexes, ordinal: int, holds: Callable[[Span, int], bool]) -> dict[str, set[str]]:
    """Each actor in a hostility that holds on the day, with the actors it is hostile to."""
    hostile: dict[str, set[str]] = defaultdict(set)
    for hostility, span in ix.alignment.hostilities.stab(ordinal):
        if holds(span, ordinal):
            for a in hostility.side_a:
                hostile[a].update(b for b in hostility.side_b if b != a)
            for b in hostility.side_b:
                hostile[b].update(a for a in hostility.side_a if a != b)
    return hostile


def _ties(
    ix: Indexes, ordinal: int, holds: Callable[[Span, int], bool], kinds: frozenset[AllianceKind], include_alleged: bool
) -> list[tuple[str, str, str]]:
    """The pairs to join, in order: alliances by id (members pairwise in listed order),
    then supports by id; each pair with the id of its record."""
    alignment = ix.alignment
    active: dict[str, set[int]] = defaultdict(set)  # alliance id -> ids of its memberships that hold
    alliances = {}
    for alliance, membership, own, span in alignment.memberships.stab(ordinal):
        if alliance.kind in kinds and holds(own, ordinal) and holds(span, ordinal):
            active[alliance.id].add(id(membership))
            alliances[alliance.id] = alliance
    ties: list[tuple[str, str, str]] = []
    for alliance_id in sorted(active):
        listed = alliances[alliance_id].members
        members = list(dict.fromkeys(m.actor for m in listed if id(m) in active[alliance_id]))
        ties.extend((a, b, alliance_id) for i, a in enumerate(members) for b in members[i + 1 :])
    supports = sorted(
        (support for support, span in alignment.supports.stab(ordinal) if holds(span, ordinal)),
        key=lambda support: support.id,
    )
    ties.extend(
        (support.supporter, support.recipient, support.id)
        for support in supports
        if (include_alleged or not support.alleged) and support.supporter != support.recipient
    )
    return ties


def camps(
    ix: Indexes,
    day: DayLike,
    *,
    reading: Reading = "certainly",
    include_alleged: bool = False,
    alliance_kinds: Iterable[AllianceKind] | None = None,
) -> tuple[Camp, ...]:
    """The camps of aligned actors on ``day``; see :meth:`Scenario.camps`."""
    if reading not in ("certainly", "possibly"):
        raise ValueError(f"reading must be 'certainly' or 'possibly', not {reading!r}")
    ordinal = day_ordinal(day)
    holds = _certain if reading == "certainly" else _possible
    kinds = CAMP_ALLIANCE_KINDS if alliance_kinds is None else frozenset(alliance_kinds)
    hostile = _hostilities(ix, ordinal, holds)
    ties = _ties(ix, ordinal, holds, kinds, include_alleged)
    players = {*hostile, *(a for a, _, _ in ties), *(b for _, b, _ in ties)}
    hierarchy: list[tuple[str, str, str]] = []
    for actor in sorted(players):
        lineage = ix.actors.lineage(actor)
        hierarchy.extend((child, parent, child) for child, parent in itertools.pairwise(lineage))
    forest = _Camps(hostile)
    for actor in sorted({*players, *(parent for _, parent, _ in hierarchy)}):
        forest.add(actor)
    for a, b, record in [*hierarchy, *ties]:
        forest.join(a, b, record)
    return forest.result()
