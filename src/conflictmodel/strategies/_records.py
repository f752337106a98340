"""Strategies for each record class, one at a time.

Each record is valid on its own (it constructs), but the ids it refers to are drawn
from ``refs`` and need not resolve: these are for tests of one record's behaviour or of
the file format. :func:`~conflictmodel.strategies.scenarios` draws records that fit
together.
"""

from __future__ import annotations

import string
from typing import Any, TypeVar

from hypothesis import strategies as st

from conflictmodel._model._actors import Actor, ActorKind, Post
from conflictmodel._model._agreements import (
    BINDING_ROLES,
    Agreement,
    AgreementActor,
    AgreementKind,
    AgreementStatus,
    Link,
    LinkRelation,
    Provision,
    Role,
)
from conflictmodel._model._alignment import (
    Alliance,
    AllianceKind,
    Hostility,
    Incompatibility,
    Intensity,
    Membership,
    Obligation,
    Support,
    SupportKind,
)
from conflictmodel._model._control import Basis, Control, ControlStatus, Portion
from conflictmodel._model._events import Event, EventActor, EventKind, EventRole
from conflictmodel._model._scenario import Scenario
from conflictmodel._model._territory import Territory, TerritoryKind
from conflictmodel._model._violations import Violation, ViolationStatus

from ._lazy import check_size, check_strategy, lazy
from ._values import (
    coordinates,
    fatalities,
    geometries,
    ids,
    metas,
    origins,
    partial_dates,
    periods,
    sources,
    text_maps,
    texts,
)

__all__ = [
    "actors",
    "agreement_actors",
    "agreements",
    "alliances",
    "controls",
    "event_actors",
    "events",
    "hostilities",
    "links",
    "memberships",
    "posts",
    "provisions",
    "record_sets",
    "supports",
    "territories",
    "violations",
]

T = TypeVar("T")

SCHEMES = ("ucdp", "acled", "cow", "gwno", "iso3", "wikidata", "pax", "pcode")
LANGUAGES = ("ar", "en", "fr", "ku", "ru", "tr")


def _own_and_refs(
    own: st.SearchStrategy[str] | None, refs: st.SearchStrategy[str] | None
) -> tuple[st.SearchStrategy[str], st.SearchStrategy[str]]:
    check_strategy("ids", own)
    check_strategy("refs", refs)
    return (ids() if own is None else own), (ids() if refs is None else refs)


def _enum(name: str, given: st.SearchStrategy[T] | None, kind: Any) -> st.SearchStrategy[T]:
    check_strategy(name, given)
    return st.sampled_from(kind) if given is None else given


def _id_sets(
    pool: st.SearchStrategy[str], *, min_size: int = 0, max_size: int = 3
) -> st.SearchStrategy[frozenset[str]]:
    return st.frozensets(pool, min_size=min_size, max_size=max_size)


def _id_tuples(
    pool: st.SearchStrategy[str], *, min_size: int = 0, max_size: int = 3
) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(pool, min_size=min_size, max_size=max_size, unique=True).map(tuple)


def _tuples(items: st.SearchStrategy[T], max_size: int) -> st.SearchStrategy[tuple[T, ...]]:
    return st.lists(items, max_size=max_size).map(tuple)


def _cited(refs: st.SearchStrategy[str]) -> dict[str, Any]:
    return {"sources": _id_sets(refs, max_size=2), "origin": st.none() | origins()}


def _identified(refs: st.SearchStrategy[str]) -> dict[str, Any]:
    return {"external_ids": text_maps(keys=st.sampled_from(SCHEMES)), **_cited(refs)}


# --- actors ---------------------------------------------------------------------------


@lazy
def posts(*, refs: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Post]:
    """A person's posts, in an organisation drawn from ``refs`` or in none. Shrinks to a
    one-character title with no organisation and no period."""
    check_strategy("refs", refs)
    return st.builds(
        Post, title=texts(), organisation=st.none() | (ids() if refs is None else refs), period=st.none() | periods()
    )


def _actor(kind: ActorKind, held: tuple[Post, ...], **fields: Any) -> Actor:
    return Actor(kind=kind, posts=held if kind is ActorKind.PERSON else (), **fields)


@lazy
def actors(
    *,
    ids: st.SearchStrategy[str] | None = None,
    refs: st.SearchStrategy[str] | None = None,
    kinds: st.SearchStrategy[ActorKind] | None = None,
    names: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Actor]:
    """Actors of every kind (or of ``kinds``); persons may hold posts. ``refs`` draws the
    ids an actor refers to (parent, post organisations, sources). Shrinks to a state
    with a one-character id and name and nothing else."""
    own, refs = _own_and_refs(ids, refs)
    check_strategy("names", names)
    return st.builds(
        _actor,
        kind=_enum("kinds", kinds, ActorKind),
        held=_tuples(posts(refs=refs), 2),
        id=own,
        name=texts() if names is None else names,
        aliases=st.frozensets(texts(max_size=8), max_size=2),
        parent=st.none() | refs,
        active=st.none() | periods(),
        country=st.none() | st.text(string.ascii_uppercase, min_size=3, max_size=3),
        external_ids=text_maps(keys=st.sampled_from(SCHEMES)),
        **_cited(refs),
    )


# --- alignment -----------------------------------------------------------------------


@lazy
def memberships(*, refs: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Membership]:
    """Alliance memberships of an actor drawn from ``refs``, over their own period or
    the alliance's (``None``). Shrinks to actor ``"a"`` for the alliance's whole period."""
    check_strategy("refs", refs)
    return st.builds(Membership, actor=ids() if refs is None else refs, period=st.none() | periods())


@lazy
def alliances(
    *,
    ids: st.SearchStrategy[str] | None = None,
    refs: st.SearchStrategy[str] | None = None,
    kinds: st.SearchStrategy[AllianceKind] | None = None,
    min_members: int = 0,
    max_members: int = 3,
) -> st.SearchStrategy[Alliance]:
    """Alliances of every kind with ``min_members`` to ``max_members`` memberships (the
    same actor may appear twice, as when it leaves and joins again). Shrinks to a
    defence pact with no members."""
    own, refs = _own_and_refs(ids, refs)
    check_size("min_members", min_members)
    check_size("max_members", max_members, min_members)
    return st.builds(
        Alliance,
        id=own,
        name=texts(),
        kind=_enum("kinds", kinds, AllianceKind),
        members=st.lists(memberships(refs=refs), min_size=min_members, max_size=max_members).map(tuple),
        obligations=st.frozensets(st.sampled_from(Obligation), max_size=3),
        period=st.none() | periods(),
        founding_agreement=st.none() | refs,
        **_identified(refs),
    )


@lazy
def supports(
    *, ids: st.SearchStrategy[str] | None = None, refs: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Support]:
    """Support relations of one to three kinds between actors drawn from ``refs``
    (possibly the same one: that is for ``validate`` to report). Shrinks to troops from
    ``"a"`` to ``"a"`` with no period."""
    own, refs = _own_and_refs(ids, refs)
    return st.builds(
        Support,
        id=own,
        supporter=refs,
        recipient=refs,
        kinds=st.frozensets(st.sampled_from(SupportKind), min_size=1, max_size=3),
        period=st.none() | periods(),
        alleged=st.booleans(),
        description=st.none() | texts(),
        **_identified(refs),
    )


@lazy
def hostilities(
    *, ids: st.SearchStrategy[str] | None = None, refs: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Hostility]:
    """Conflict dyads with ordered sides of one to three actors each. Shrinks to ``"a"``
    against ``"a"`` with nothing else."""
    own, refs = _own_and_refs(ids, refs)
    return st.builds(
        Hostility,
        id=own,
        side_a=_id_tuples(refs, min_size=1),
        side_b=_id_tuples(refs, min_size=1),
        name=st.none() | texts(),
        period=st.none() | periods(),
        intensity=st.none() | st.sampled_from(Intensity),
        incompatibility=st.none() | st.sampled_from(Incompatibility),
        **_identified(refs),
    )


# --- territory and control -----------------------------------------------------------


@lazy
def territories(
    *,
    ids: st.SearchStrategy[str] | None = None,
    refs: st.SearchStrategy[str] | None = None,
    kinds: st.SearchStrategy[TerritoryKind] | None = None,
    names: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Territory]:
    """Territories of every kind (or of ``kinds``) with optional parent, components,
    weights, geometry, names by language and external ids. Shrinks to a country with a
    one-character id and name and nothing optional."""
    own, refs = _own_and_refs(ids, refs)
    check_strategy("names", names)
    return st.builds(
        Territory,
        id=own,
        name=texts() if names is None else names,
        kind=_enum("kinds", kinds, TerritoryKind),
        parent=st.none() | refs,
        components=_id_sets(refs),
        area_km2=st.none() | st.floats(0.001, 1e7, allow_nan=False, allow_infinity=False),
        population=st.none() | st.integers(0, 10**9),
        geometry=st.none() | geometries(),
        aliases=st.frozensets(texts(max_size=8), max_size=2),
        names=text_maps(keys=st.sampled_from(LANGUAGES)),
        external_ids=text_maps(keys=st.sampled_from(SCHEMES)),
        **_cited(refs),
    )


_WITH_OPPONENTS = (ControlStatus.CONTESTED, ControlStatus.BESIEGED)


@lazy
def controls(
    *,
    ids: st.SearchStrategy[str] | None = None,
    refs: st.SearchStrategy[str] | None = None,
    statuses: st.SearchStrategy[ControlStatus] | None = None,
) -> st.SearchStrategy[Control]:
    """Control records of every status (or of ``statuses``); contested and besieged
    ones name opponents distinct from the controllers; partial ones may state the
    :class:`~conflictmodel.Portion` they hold (a fraction, sometimes with the outline of
    the part). Shrinks to full control of ``"a"`` by ``"a"`` over the open period,
    observed."""
    own, refs = _own_and_refs(ids, refs)
    status_of = _enum("statuses", statuses, ControlStatus)

    holders = _id_tuples(refs, min_size=1)
    against = _id_sets(refs, min_size=1)
    period = periods()
    basis = st.sampled_from(Basis)
    confidence = st.none() | st.floats(0, 1)
    note = st.none() | texts()
    cited = _id_sets(refs, max_size=2)
    origin = st.none() | origins()
    portion = st.none() | st.builds(
        Portion,
        fraction=st.floats(0, 1, exclude_min=True),
        basis=basis,
        note=note,
        sources=cited,
        geometry=st.none() | geometries(),
    )

    @st.composite
    def build(draw: st.DrawFn) -> Control:
        status = draw(status_of)
        controllers = draw(holders)
        opponents: frozenset[str] = frozenset()
        if status in _WITH_OPPONENTS:
            opponents = draw(against).difference(controllers)
            if not opponents:  # every drawn opponent was a controller: name one that is not
                opponents = frozenset({"-".join(controllers)[:60] + "-foe"})
        return Control(
            id=draw(own),
            territory=draw(refs),
            controllers=controllers,
            period=draw(period),
            status=status,
            opponents=opponents,
            portion=draw(portion) if status is ControlStatus.PARTIAL else None,
            basis=draw(basis),
            confidence=draw(confidence),
            note=draw(note),
            sources=draw(cited),
            origin=draw(origin),
        )

    return build()


# --- agreements ----------------------------------------------------------------------


@lazy
def agreement_actors(
    *, refs: st.SearchStrategy[str] | None = None, max_roles: int = 3
) -> st.SearchStrategy[AgreementActor]:
    """An actor drawn from ``refs`` with one to ``max_roles`` roles. Shrinks to ``"a"``
    as a party."""
    check_strategy("refs", refs)
    check_size("max_roles", max_roles, 1)
    return st.builds(
        AgreementActor,
        actor=ids() if refs is None else refs,
        roles=st.frozensets(st.sampled_from(Role), min_size=1, max_size=max_roles).map(agreement_roles),
    )


def agreement_roles(roles: frozenset[Role]) -> frozenset[Role]:
    """Roles an actor can hold together: ``excluded`` is dropped beside a role that binds
    the actor to the agreement (which it contradicts)."""
    if Role.EXCLUDED in roles and not BINDING_ROLES.isdisjoint(roles):
        return roles - {Role.EXCLUDED}
    return roles


@lazy
def provisions() -> st.SearchStrategy[Provision]:
    """Coded provisions (an open vocabulary of kinds, such as PA-X codes). Shrinks to kind
    ``"a"`` with no text."""
    return st.builds(Provision, kind=texts(max_size=6), text=st.none() | texts())


@lazy
def links(*, refs: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Link]:
    """Links to agreements drawn from ``refs``. Shrinks to "part of ``"a"``"."""
    check_strategy("refs", refs)
    return st.builds(Link, relation=st.sampled_from(LinkRelation), target=ids() if refs is None else refs)


def _distinct_actors(entries: list[AgreementActor]) -> tuple[AgreementActor, ...]:
    seen: dict[str, AgreementActor] = {}
    for entry in entries:
        seen.setdefault(entry.actor, entry)
    return tuple(seen.values())


@lazy
def agreements(
    *,
    ids: st.SearchStrategy[str] | None = None,
    refs: st.SearchStrategy[str] | None = None,
    kinds: st.SearchStrategy[AgreementKind] | None = None,
) -> st.SearchStrategy[Agreement]:
    """Agreements of every kind (or of ``kinds``) whose actors hold one or several roles
    (each actor listed once), with covered territories, provisions, links and verbatim
    party strings. Shrinks to a bare ceasefire."""
    own, refs = _own_and_refs(ids, refs)
    return st.builds(
        Agreement,
        id=own,
        name=texts(),
        kind=_enum("kinds", kinds, AgreementKind),
        signed=st.none() | partial_dates(),
        in_force=st.none() | periods(),
        met=st.none() | periods(),
        status=st.none() | st.sampled_from(AgreementStatus),
        actors=st.lists(agreement_actors(refs=refs), max_size=3).map(_distinct_actors),
        covers=_id_sets(refs),
        provisions=_tuples(provisions(), 2),
        links=_tuples(links(refs=refs), 2),
        process=st.none() | texts(),
        verbatim_parties=_tuples(texts(), 2),
        verbatim_third_parties=_tuples(texts(), 2),
        description=st.none() | texts(),
        **_identified(refs),
    )


# --- events and violations -----------------------------------------------------------


@lazy
def event_actors(*, refs: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[EventActor]:
    """An actor drawn from ``refs`` in one role of an event. Shrinks to ``"a"`` on side A."""
    check_strategy("refs", refs)
    return st.builds(EventActor, actor=ids() if refs is None else refs, role=st.sampled_from(EventRole))


@lazy
def events(
    *,
    ids: st.SearchStrategy[str] | None = None,
    refs: st.SearchStrategy[str] | None = None,
    kinds: st.SearchStrategy[EventKind] | None = None,
) -> st.SearchStrategy[Event]:
    """Events of every kind (or of ``kinds``) dated by a period with a start, with actors
    in roles, a location, coordinates and fatalities. Shrinks to a battle from the year
    2000 on, with nothing else."""
    own, refs = _own_and_refs(ids, refs)
    return st.builds(
        Event,
        id=own,
        kind=_enum("kinds", kinds, EventKind),
        date=periods(open_start=False),
        subkind=st.none() | texts(max_size=10),
        actors=_tuples(event_actors(refs=refs), 3),
        location=st.none() | refs,
        coordinates=st.none() | coordinates(),
        fatalities=st.none() | fatalities(),
        description=st.none() | texts(),
        **_identified(refs),
    )


@lazy
def violations(
    *, ids: st.SearchStrategy[str] | None = None, refs: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Violation]:
    """Alleged, confirmed or disputed breaches of agreements. Shrinks to ``"a"``
    allegedly breaching ``"a"`` in the year 2000."""
    own, refs = _own_and_refs(ids, refs)
    return st.builds(
        Violation,
        id=own,
        agreement=refs,
        violator=refs,
        date=partial_dates(),
        alleged_by=_id_sets(refs),
        events=_id_sets(refs),
        status=st.sampled_from(ViolationStatus),
        description=st.none() | texts(),
        **_cited(refs),
    )


# --- loose collections ---------------------------------------------------------------

_REFERENCE_POOL = ("a", "b", "c", "sy", "ru", "tr", "ir", "us", "src-1", "zone:1")


@lazy
def record_sets(*, max_size: int = 2) -> st.SearchStrategy[Scenario]:
    """Scenarios holding up to ``max_size`` arbitrary records of every kind, each valid
    on its own, with references drawn from a small pool that need not resolve and ids
    that may repeat: for tests of the file format, not of ``validate`` (use
    :func:`~conflictmodel.strategies.scenarios` for consistent worlds). Shrinks to an
    empty scenario."""
    check_size("max_size", max_size)

    def many(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[tuple[T, ...]]:
        return _tuples(strategy, max_size)

    refs = st.sampled_from(_REFERENCE_POOL)  # references need not resolve here; keep them cheap
    return st.builds(
        Scenario,
        meta=metas(refs=refs),
        sources=many(sources()),
        actors=many(actors(refs=refs)),
        alliances=many(alliances(refs=refs)),
        supports=many(supports(refs=refs)),
        hostilities=many(hostilities(refs=refs)),
        territories=many(territories(refs=refs)),
        controls=many(controls(refs=refs)),
        agreements=many(agreements(refs=refs)),
        events=many(events(refs=refs)),
        violations=many(violations(refs=refs)),
    )
