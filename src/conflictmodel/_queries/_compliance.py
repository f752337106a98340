"""Agreements on a day: which are in force where, who holds roles in them, and which
hostile events inside their coverage may breach them.

An agreement is in force on the days of its ``in_force`` period (an agreement without
one is in force on no day); a round of talks sits on the days of its ``met`` period. It
covers the territories it lists, every territory inside them (children, zone
components, and theirs), and a zone all of whose components it covers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Literal

import attrs

from conflictmodel._model._actors import ActorKind
from conflictmodel._model._agreements import BINDING_ROLES, Agreement, Role
from conflictmodel._model._arguments import choice, enum_member
from conflictmodel._model._dates import DayLike
from conflictmodel._model._events import EventKind, EventRole
from conflictmodel._model._intervals import Span, span_of
from conflictmodel._model._violations import Violation

from ._camps import Tie
from ._control import day_ordinal

if TYPE_CHECKING:
    from ._index import Indexes

__all__ = [
    "HOSTILE_EVENT_KINDS",
    "AgreementViolations",
    "CandidateViolation",
    "InForce",
    "Perpetrators",
    "actors_of",
    "agreements_in_force",
    "bound_by",
    "violations_of",
]

HOSTILE_EVENT_KINDS = frozenset(
    {
        EventKind.BATTLE,
        EventKind.AIR_STRIKE,
        EventKind.SHELLING,
        EventKind.REMOTE_VIOLENCE,
        EventKind.ATTACK_ON_CIVILIANS,
        EventKind.EXPLOSION,
    }
)
"""The event kinds that can breach a ceasefire or de-escalation agreement."""

_PERPETRATOR_ROLES = frozenset({EventRole.SIDE_A, EventRole.ASSOCIATED})
# members as module globals, read per record (a read off the class is slow: docs/performance.md)
_BATTLE, _SIDE_B, _TARGET = EventKind.BATTLE, EventRole.SIDE_B, EventRole.TARGET
_BATTLE_PERPETRATORS = _PERPETRATOR_ROLES | {_SIDE_B}

Perpetrators = Literal["bound", "anyone"]
"""Whose hostile events :func:`violations_of` derives candidates from: perpetrators
bound by the agreement (see :func:`bound_by`), or anyone."""


@attrs.frozen(kw_only=True)
class InForce:
    """An ``agreement`` in force on a day: ``certain`` unless only possibly (imprecise
    dates); ``via`` are the covered territories through which it covers the territory
    asked about (empty when no territory was asked about)."""

    agreement: str
    certain: bool
    via: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class CandidateViolation:
    """A hostile ``event`` inside an agreement's coverage while it may have been in force:
    a candidate violation for a person to review.

    ``territory`` is the event's location; ``actors`` the event's perpetrators (those
    bound by the agreement when only those are asked for), in the event's order;
    ``accountable`` the agreement's parties, signatories and guarantors through which
    the perpetrators are bound (themselves, an actor above them, or the government of
    the state above them); ``guarantors`` the agreement's guarantors that may
    have been backing the perpetrators' side (an actor in the same hierarchy) at the
    time; ``certain`` whether the event certainly falls inside the in-force period;
    ``recorded`` the ids of stored :class:`~conflictmodel.Violation` records that cite
    the event. All id tuples but ``actors`` are sorted.
    """

    event: str
    territory: str
    actors: tuple[str, ...]
    accountable: tuple[str, ...]
    guarantors: tuple[str, ...]
    certain: bool
    recorded: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class AgreementViolations:
    """What is known of breaches of one ``agreement``: the stored violation records
    (``recorded``, by id) and the candidates derived from events (``derived``, by date)."""

    agreement: str
    recorded: tuple[Violation, ...]
    derived: tuple[CandidateViolation, ...]


def _covering(ix: Indexes, territory: str) -> dict[str, set[str]]:
    """The agreements covering ``territory``, each with the listed territories through
    which it does: listed itself or a territory containing it (a parent or a zone, up
    the chain); or, for a territory made of components (a zone), covered through every
    one of its components by the same rule. A cycle of components is cut."""
    tree, by_covered = ix.tree, ix.agreements.covering
    memo: dict[str, dict[str, set[str]]] = {}

    def cover(place: str, path: frozenset[str]) -> dict[str, set[str]]:
        found = memo.get(place)
        if found is not None:
            return found
        found = defaultdict(set)
        for container in tree.above(place):
            for agreement in by_covered.get(container, ()):
                found[agreement.id].add(container)
        components = [c for c in sorted(tree.by_id[place].components) if c in tree.by_id and c not in path]
        if components:
            parts = [cover(c, path | {c}) for c in components]
            for gid in set(parts[0]).intersection(*parts[1:]):
                for part in parts:
                    found[gid] |= part[gid]
        memo[place] = found
        return found

    return cover(territory, frozenset({territory}))


def agreements_in_force(ix: Indexes, day: DayLike, covering: str | None = None) -> tuple[InForce, ...]:
    """Agreements in force on ``day``; see :meth:`Scenario.agreements_in_force`."""
    ordinal = day_ordinal(day)
    entries = ix.agreements.in_force.stab(ordinal)
    if covering is None:
        found = [InForce(agreement=a.id, certain=span[1] <= ordinal <= span[2]) for a, span in entries]
        return tuple(sorted(found, key=lambda item: item.agreement))
    covering = ix.territory(covering, "covering")
    via = _covering(ix, covering)
    found = [
        InForce(agreement=a.id, certain=span[1] <= ordinal <= span[2], via=tuple(sorted(via[a.id])))
        for a, span in entries
        if a.id in via
    ]
    return tuple(sorted(found, key=lambda item: item.agreement))


def _sitting(record: Agreement, ordinal: int) -> bool | None:
    """Whether the agreement certainly (``True``) or only possibly (``False``) is in force
    or sits on a day; ``None`` when neither."""
    found = None
    for period in (record.in_force, record.met):
        if period is not None:
            earliest, first, last, latest = span_of(period)
            if first <= ordinal <= last:
                return True
            if earliest <= ordinal <= latest:
                found = False
    return found


def actors_of(ix: Indexes, agreement: str, day: DayLike, role: Role | None = None) -> tuple[Tie, ...]:
    """Actors holding roles in ``agreement`` on ``day``; see :meth:`Scenario.actors_of`."""
    record = ix.agreement(agreement)
    role = enum_member(role, "role", Role)
    ordinal = day_ordinal(day)
    on = _sitting(record, ordinal)
    if on is None:
        return ()
    actors = ix.actors.by_id
    ties = []
    for entry in record.actors:
        if role is not None and role not in entry.roles:
            continue
        actor = actors.get(entry.actor)
        active: Span = span_of(None if actor is None else actor.active)
        if active[0] <= ordinal <= active[3]:
            certain = on and active[1] <= ordinal <= active[2]
            ties.append(Tie(actor=entry.actor, certain=certain, via=(record.id,)))
    return tuple(sorted(ties, key=lambda tie: tie.actor))


def _perpetrators(kind: EventKind, roles: Iterable[tuple[str, EventRole]]) -> list[str]:
    wanted = _BATTLE_PERPETRATORS if kind is _BATTLE else _PERPETRATOR_ROLES
    return list(dict.fromkeys(actor for actor, role in roles if role in wanted))


def _opponents(actor: str, roles: list[tuple[str, EventRole]]) -> set[str]:
    """Whom ``actor`` acts against in an event: the targets, and the other side (side B
    against side A and the associated actors, and the other way round)."""
    own = {role for who, role in roles if who == actor}
    against = {_TARGET}
    if own & _PERPETRATOR_ROLES:
        against.add(_SIDE_B)
    if _SIDE_B in own:
        against |= _PERPETRATOR_ROLES
    return {who for who, role in roles if role in against and who != actor}


def _spared(
    actor: str, roles: list[tuple[str, EventRole]], excluded: frozenset[str], lineage: Callable[[str], tuple[str, ...]]
) -> bool:
    """Whether the agreement's terms leave ``actor``'s part in an event out: the actor is
    excluded (itself or an actor above it), or everyone it acts against is."""
    if not excluded:
        return False
    if not excluded.isdisjoint(lineage(actor)):
        return True
    opponents = _opponents(actor, roles)
    return bool(opponents) and all(not excluded.isdisjoint(lineage(other)) for other in opponents)


def _backers(ix: Indexes, perpetrators: list[str], guarantors: frozenset[str], span: Span) -> set[str]:
    """The guarantors that may back, during ``span``, an actor in the same hierarchy as
    one of the perpetrators (through themselves or an actor under them)."""
    if not guarantors:
        return set()
    actors, supports_to = ix.actors, ix.alignment.supports_to
    found: set[str] = set()
    for side in {member for p in perpetrators for member in actors.tree_of(p)}:
        index = supports_to.get(side)
        for support, _ in [] if index is None else index.overlapping(span[0], span[3]):
            found.update(guarantors.intersection(actors.lineage(support.supporter)))
    return found


def bound_by(ix: Indexes, record: Agreement) -> dict[str, set[str]]:
    """The actors whose hierarchies an agreement binds, each with the actors holding an
    accountable role (party, signatory, guarantor) through which it is bound: each such
    actor binds itself and everything under it; a government also binds the state it
    belongs to, and so that state's forces (an army under the state its government
    signed for)."""
    actors = ix.actors.by_id
    found: dict[str, set[str]] = defaultdict(set)
    for entry in record.actors:
        if BINDING_ROLES.isdisjoint(entry.roles):
            continue
        found[entry.actor].add(entry.actor)
        actor = actors.get(entry.actor)
        if actor is not None and actor.kind is ActorKind.GOVERNMENT and actor.parent is not None:
            found[actor.parent].add(entry.actor)
    return found


def _candidates(
    ix: Indexes, record: Agreement, citing: dict[str, list[str]], *, by: Perpetrators
) -> list[CandidateViolation]:
    """Hostile events in the agreement's coverage while it may be in force, by
    perpetrators the agreement's exclusions do not spare (:func:`_spared`)."""
    if record.in_force is None:
        return []
    earliest, first, last, latest = span_of(record.in_force)
    answers_to = bound_by(ix, record)
    guarantors = frozenset(record.actors_with(Role.GUARANTOR))
    excluded = frozenset(record.actors_with(Role.EXCLUDED))
    tree, events, lineage = ix.tree, ix.events, ix.actors.lineage
    covered: set[str] = set()
    for territory in record.covers:
        if territory in tree.by_id:
            covered.add(territory)
            covered.update(tree.below(territory))
    found: list[tuple[int, CandidateViolation]] = []
    for place in sorted(covered):
        for event, span in events.overlapping(place, earliest, latest):
            if event.kind not in HOSTILE_EVENT_KINDS:
                continue
            actors, accountable = [], set()
            roles = [(e.actor, e.role) for e in event.actors]
            perpetrators = _perpetrators(event.kind, roles)
            for actor in (p for p in perpetrators if not _spared(p, roles, excluded, lineage)):
                answers = {held for above in lineage(actor) for held in answers_to.get(above, ())}
                if answers or by == "anyone":
                    actors.append(actor)
                    accountable |= answers
            if actors:
                candidate = CandidateViolation(
                    event=event.id,
                    territory=place,
                    actors=tuple(actors),
                    accountable=tuple(sorted(accountable)),
                    guarantors=tuple(sorted(_backers(ix, perpetrators, guarantors, span))),
                    certain=first <= span[0] and span[3] <= last,
                    recorded=tuple(sorted(citing.get(event.id, ()))),
                )
                found.append((span[0], candidate))
    found.sort(key=lambda item: (item[0], item[1].event))
    return [candidate for _, candidate in found]


def violations_of(ix: Indexes, agreement: str, *, by: Perpetrators = "bound") -> AgreementViolations:
    """Stored and derived breaches of ``agreement``; see :meth:`Scenario.violations_of`."""
    by = choice(by, "by", ("bound", "anyone"))  # type: ignore[assignment]
    record = ix.agreement(agreement)
    recorded = tuple(sorted(ix.agreements.violations.get(record.id, ()), key=lambda v: v.id))
    citing: dict[str, list[str]] = defaultdict(list)
    for violation in recorded:
        for event_id in violation.events:
            citing[event_id].append(violation.id)
    derived = _candidates(ix, record, citing, by=by)
    return AgreementViolations(agreement=record.id, recorded=recorded, derived=tuple(derived))
