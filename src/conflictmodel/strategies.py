"""Hypothesis strategies for every model class (``pip install conflictmodel[hypothesis]``).

Each strategy draws objects that construct without error and shrinks towards small,
readable values: short ids and names, the simplest enum member (the first declared),
year-precision dates, empty optional parts. Arguments are keyword-only; arguments that
vary content are strategies themselves (pass ``st.just(x)`` to fix one).

>>> from hypothesis import given
>>> from conflictmodel import strategies as cst
>>> @given(cst.partial_dates())
... def test_text_round_trip(d):
...     assert type(d).from_text(str(d)) == d
"""

from __future__ import annotations

import datetime as dt
import operator
import string
from typing import Any, TypeVar

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from ._actors import Actor, ActorKind, Post
from ._agreements import Agreement, AgreementActor, AgreementKind, AgreementStatus, Link, LinkRelation, Provision, Role
from ._alignment import (
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
from ._control import Basis, Control, ControlStatus
from ._dates import PartialDate, Period
from ._events import CoordinatePrecision, Coordinates, Event, EventActor, EventKind, EventRole, Fatalities
from ._frozenmap import FrozenMap
from ._geometry import Geometry, GeometryType
from ._provenance import Origin, Source
from ._scenario import Meta, Scenario
from ._territory import Territory, TerritoryKind
from ._violations import Violation, ViolationStatus

__all__ = [
    "actors",
    "agreements",
    "alliances",
    "controls",
    "coordinates",
    "events",
    "fatalities",
    "geometries",
    "hostilities",
    "ids",
    "metas",
    "origins",
    "partial_dates",
    "periods",
    "record_sets",
    "sources",
    "supports",
    "territories",
    "texts",
    "violations",
]

T = TypeVar("T")

_ID_FIRST = string.ascii_lowercase + string.digits
_ID_REST = _ID_FIRST + "._:-"


def ids() -> st.SearchStrategy[str]:
    """Well-formed ids; shrinks to ``"a"``."""
    return st.builds(operator.add, st.sampled_from(_ID_FIRST), st.text(_ID_REST, max_size=12))


_LETTERS = string.ascii_letters + string.digits + "éğüşçıöâ" + "إدلبحمص" + "Дамаск"
_TEXT_REST = _LETTERS + " -'.,()"


def texts(*, max_size: int = 24) -> st.SearchStrategy[str]:
    """Non-blank text (names, titles) with some non-ASCII letters; shrinks to ``"a"``."""
    if max_size < 1:
        raise InvalidArgument(f"max_size={max_size} must be at least 1")
    return st.builds(operator.add, st.sampled_from(_LETTERS), st.text(_TEXT_REST, max_size=max_size - 1))


def partial_dates(
    *, min_value: dt.date = dt.date(1946, 1, 1), max_value: dt.date = dt.date(2030, 12, 31)
) -> st.SearchStrategy[PartialDate]:
    """Dates of year, month or day precision within the bounds; shrinks to a year."""
    if min_value > max_value:
        raise InvalidArgument(f"min_value={min_value} is after max_value={max_value}")

    def cut(day: dt.date, precision: int) -> PartialDate:
        return PartialDate(day.year, day.month if precision > 0 else None, day.day if precision > 1 else None)

    return st.builds(cut, st.dates(min_value, max_value), st.integers(0, 2))


def periods(
    *,
    dates: st.SearchStrategy[PartialDate] | None = None,
    open_start: bool = True,
    open_end: bool = True,
) -> st.SearchStrategy[Period]:
    """Valid periods (the end never certainly before the start); shrinks to the open
    period when open sides are allowed."""
    dates = partial_dates() if dates is None else dates

    def order(a: PartialDate | None, b: PartialDate | None) -> Period:
        if a is not None and b is not None and b.latest < a.earliest:
            a, b = b, a
        return Period(start=a, end=b)

    start = (st.none() | dates) if open_start else dates
    end = (st.none() | dates) if open_end else dates
    return st.builds(order, start, end)


def _id_sets(
    pool: st.SearchStrategy[str], *, min_size: int = 0, max_size: int = 3
) -> st.SearchStrategy[frozenset[str]]:
    return st.frozensets(pool, min_size=min_size, max_size=max_size)


def _id_tuples(
    pool: st.SearchStrategy[str], *, min_size: int = 0, max_size: int = 3
) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(pool, min_size=min_size, max_size=max_size, unique=True).map(tuple)


def _maps(keys: st.SearchStrategy[str]) -> st.SearchStrategy[FrozenMap[str]]:
    return st.dictionaries(keys, texts(max_size=8), max_size=2).map(FrozenMap)


_SCHEMES = st.sampled_from(["ucdp", "acled", "cow", "gwno", "iso3", "wikidata", "pax", "pcode"])


def sources(*, ids: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Source]:
    """Sources; shrinks to an id and a one-character title."""
    return st.builds(
        Source,
        id=globals()["ids"]() if ids is None else ids,
        title=texts(),
        publisher=st.none() | texts(),
        date=st.none() | partial_dates(),
        locator=st.none() | texts(),
    )


def origins() -> st.SearchStrategy[Origin]:
    """Provenance of imported records, with a verbatim row of JSON scalars."""
    scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text()
    return st.builds(
        Origin,
        dataset=texts(max_size=8),
        version=st.none() | texts(max_size=6),
        key=st.none() | texts(max_size=6),
        row=st.dictionaries(st.text(max_size=6), scalars, max_size=3).map(FrozenMap),
    )


def _common(refs: st.SearchStrategy[str]) -> dict[str, Any]:
    return {"sources": _id_sets(refs), "origin": st.none() | origins()}


def actors(
    *, ids: st.SearchStrategy[str] | None = None, refs: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Actor]:
    """Actors of every kind; persons may hold posts. ``refs`` draws the ids an actor
    refers to (parent, post organisations, sources). Shrinks to a state with a short
    id and name and nothing else."""
    own = globals()["ids"]() if ids is None else ids
    refs = globals()["ids"]() if refs is None else refs

    def build(kind: ActorKind, posts: tuple[Post, ...], **fields: Any) -> Actor:
        return Actor(kind=kind, posts=posts if kind is ActorKind.PERSON else (), **fields)

    posts = st.lists(
        st.builds(Post, title=texts(), organisation=st.none() | refs, period=st.none() | periods()), max_size=2
    ).map(tuple)
    return st.builds(
        build,
        kind=st.sampled_from(ActorKind),
        posts=posts,
        id=own,
        name=texts(),
        aliases=st.frozensets(texts(max_size=8), max_size=2),
        parent=st.none() | refs,
        active=st.none() | periods(),
        country=st.none() | st.text(string.ascii_uppercase, min_size=3, max_size=3),
        external_ids=_maps(_SCHEMES),
        **_common(refs),
    )


def alliances(
    *, ids: st.SearchStrategy[str] | None = None, refs: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Alliance]:
    """Alliances with members over their own periods; shrinks to a nameless-looking
    defence pact with no members."""
    own = globals()["ids"]() if ids is None else ids
    refs = globals()["ids"]() if refs is None else refs
    members = st.lists(st.builds(Membership, actor=refs, period=st.none() | periods()), max_size=3).map(tuple)
    return st.builds(
        Alliance,
        id=own,
        name=texts(),
        kind=st.sampled_from(AllianceKind),
        members=members,
        obligations=st.frozensets(st.sampled_from(Obligation), max_size=3),
        period=st.none() | periods(),
        founding_agreement=st.none() | refs,
        **_common(refs),
    )


def supports(
    *, ids: st.SearchStrategy[str] | None = None, refs: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Support]:
    """Support relations; shrinks to troops with no period."""
    own = globals()["ids"]() if ids is None else ids
    refs = globals()["ids"]() if refs is None else refs
    return st.builds(
        Support,
        id=own,
        supporter=refs,
        recipient=refs,
        kinds=st.frozensets(st.sampled_from(SupportKind), min_size=1, max_size=3),
        period=st.none() | periods(),
        alleged=st.booleans(),
        description=st.none() | texts(),
        **_common(refs),
    )


def hostilities(
    *, ids: st.SearchStrategy[str] | None = None, refs: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Hostility]:
    """Conflict dyads with ordered sides of one to three actors."""
    own = globals()["ids"]() if ids is None else ids
    refs = globals()["ids"]() if refs is None else refs
    return st.builds(
        Hostility,
        id=own,
        side_a=_id_tuples(refs, min_size=1),
        side_b=_id_tuples(refs, min_size=1),
        name=st.none() | texts(),
        period=st.none() | periods(),
        intensity=st.none() | st.sampled_from(Intensity),
        incompatibility=st.none() | st.sampled_from(Incompatibility),
        **_common(refs),
    )


def _floats(low: float, high: float) -> st.SearchStrategy[float]:
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


def geometries() -> st.SearchStrategy[Geometry]:
    """Points, lines and polygons (closed rings) with valid positions; shrinks to a point."""
    position = st.tuples(_floats(-180, 180), _floats(-90, 90))
    line = st.lists(position, min_size=2, max_size=4).map(tuple)
    ring = st.lists(position, min_size=3, max_size=5).map(lambda ps: (*ps, ps[0]))

    point = position.map(lambda p: Geometry(type=GeometryType.POINT, coordinates=p))
    lines = line.map(lambda c: Geometry(type=GeometryType.LINE_STRING, coordinates=c))
    polygons = st.lists(ring, min_size=1, max_size=2).map(
        lambda rings: Geometry(type=GeometryType.POLYGON, coordinates=tuple(rings))
    )
    return point | lines | polygons


def territories(
    *, ids: st.SearchStrategy[str] | None = None, refs: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Territory]:
    """Territories of every kind; shrinks to a country with nothing optional."""
    own = globals()["ids"]() if ids is None else ids
    refs = globals()["ids"]() if refs is None else refs
    return st.builds(
        Territory,
        id=own,
        name=texts(),
        kind=st.sampled_from(TerritoryKind),
        parent=st.none() | refs,
        components=_id_sets(refs),
        area_km2=st.none() | _floats(0.001, 1e7),
        population=st.none() | st.integers(0, 10**9),
        geometry=st.none() | geometries(),
        aliases=st.frozensets(texts(max_size=8), max_size=2),
        names=_maps(st.sampled_from(["ar", "en", "fr", "ku", "ru", "tr"])),
        external_ids=_maps(_SCHEMES),
        **_common(refs),
    )


def controls(
    *, ids: st.SearchStrategy[str] | None = None, refs: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Control]:
    """Control records of every status, contested and besieged ones with opponents
    distinct from the controllers; shrinks to full control by one actor."""
    own = globals()["ids"]() if ids is None else ids
    refs = globals()["ids"]() if refs is None else refs

    @st.composite
    def build(draw: st.DrawFn) -> Control:
        status = draw(st.sampled_from(ControlStatus))
        controllers = draw(_id_tuples(refs, min_size=1))
        opponents: frozenset[str] = frozenset()
        if status in (ControlStatus.CONTESTED, ControlStatus.BESIEGED):
            opponents = draw(_id_sets(refs, min_size=1)).difference(controllers)
            if not opponents:  # every drawn opponent was a controller: name a fresh one
                opponents = frozenset({"-".join(controllers) + "-foe"})
        return Control(
            id=draw(own),
            territory=draw(refs),
            controllers=controllers,
            period=draw(periods()),
            status=status,
            opponents=opponents,
            basis=draw(st.sampled_from(Basis)),
            confidence=draw(st.none() | _floats(0, 1)),
            note=draw(st.none() | texts()),
            sources=draw(_id_sets(refs)),
            origin=draw(st.none() | origins()),
        )

    return build()


def agreements(
    *, ids: st.SearchStrategy[str] | None = None, refs: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Agreement]:
    """Agreements whose actors hold one or several roles; shrinks to a bare ceasefire."""
    own = globals()["ids"]() if ids is None else ids
    refs = globals()["ids"]() if refs is None else refs
    entries = st.lists(refs, max_size=3, unique=True).flatmap(
        lambda actor_ids: st.tuples(
            *(
                st.builds(
                    AgreementActor, actor=st.just(a), roles=st.frozensets(st.sampled_from(Role), min_size=1, max_size=3)
                )
                for a in actor_ids
            )
        )
    )
    return st.builds(
        Agreement,
        id=own,
        name=texts(),
        kind=st.sampled_from(AgreementKind),
        signed=st.none() | partial_dates(),
        in_force=st.none() | periods(),
        status=st.none() | st.sampled_from(AgreementStatus),
        actors=entries,
        covers=_id_sets(refs),
        provisions=st.lists(st.builds(Provision, kind=texts(max_size=6), text=st.none() | texts()), max_size=2).map(
            tuple
        ),
        links=st.lists(st.builds(Link, relation=st.sampled_from(LinkRelation), target=refs), max_size=2).map(tuple),
        process=st.none() | texts(),
        verbatim_parties=st.lists(texts(), max_size=2).map(tuple),
        verbatim_third_parties=st.lists(texts(), max_size=2).map(tuple),
        description=st.none() | texts(),
        **_common(refs),
    )


def coordinates() -> st.SearchStrategy[Coordinates]:
    """WGS 84 points with a precision; shrinks to (0, 0), exact."""
    return st.builds(
        Coordinates, lat=_floats(-90, 90), lon=_floats(-180, 180), precision=st.sampled_from(CoordinatePrecision)
    )


def fatalities() -> st.SearchStrategy[Fatalities]:
    """Fatality estimates with ``low <= best <= high`` where known; shrinks to all unknown."""

    def build(values: list[int], keep: tuple[bool, bool, bool]) -> Fatalities:
        low, best, high = sorted(values)
        return Fatalities(low=low if keep[0] else None, best=best if keep[1] else None, high=high if keep[2] else None)

    flags = st.tuples(st.booleans(), st.booleans(), st.booleans())
    return st.builds(build, st.lists(st.integers(0, 5000), min_size=3, max_size=3), flags)


def events(
    *, ids: st.SearchStrategy[str] | None = None, refs: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Event]:
    """Events of every kind with a started date period; shrinks to a battle on a year."""
    own = globals()["ids"]() if ids is None else ids
    refs = globals()["ids"]() if refs is None else refs
    roles = st.lists(st.builds(EventActor, actor=refs, role=st.sampled_from(EventRole)), max_size=3).map(tuple)
    return st.builds(
        Event,
        id=own,
        kind=st.sampled_from(EventKind),
        date=periods(open_start=False),
        subkind=st.none() | texts(max_size=10),
        actors=roles,
        location=st.none() | refs,
        coordinates=st.none() | coordinates(),
        fatalities=st.none() | fatalities(),
        description=st.none() | texts(),
        **_common(refs),
    )


def violations(
    *, ids: st.SearchStrategy[str] | None = None, refs: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Violation]:
    """Alleged or established breaches of agreements; shrinks to a bare allegation."""
    own = globals()["ids"]() if ids is None else ids
    refs = globals()["ids"]() if refs is None else refs
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
        **_common(refs),
    )


def metas() -> st.SearchStrategy[Meta]:
    """Scenario metadata; shrinks to a one-character title."""
    return st.builds(Meta, title=texts(), description=st.none() | texts(), as_of=st.none() | partial_dates())


def record_sets(*, max_size: int = 2) -> st.SearchStrategy[Scenario]:
    """Scenarios holding arbitrary records of every kind, each well-formed on its own
    but with references that need not resolve (for format tests, not for ``validate``).
    Shrinks to an empty scenario."""
    if max_size < 0:
        raise InvalidArgument(f"max_size={max_size} must be at least 0")

    def many(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[tuple[T, ...]]:
        return st.lists(strategy, max_size=max_size).map(tuple)

    return st.builds(
        Scenario,
        meta=metas(),
        sources=many(sources()),
        actors=many(actors()),
        alliances=many(alliances()),
        supports=many(supports()),
        hostilities=many(hostilities()),
        territories=many(territories()),
        controls=many(controls()),
        agreements=many(agreements()),
        events=many(events()),
        violations=many(violations()),
    )
