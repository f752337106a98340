"""Worlds that break exactly one rule: :func:`invalid_scenarios`.

Each rule has a *breaker*: it takes a clean world (no finding at all) and adds a few
records, built from fresh ids and from the world's own actors and territories, that
break that rule and no other. Records the breaker adds live in their own corner of the
world (fresh territories, fresh actors, or existing actors that were active at any
time), so they cannot meet the world's other records in any other rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from conflictmodel._model._actors import Actor, ActorKind, Post
from conflictmodel._model._agreements import (
    Agreement,
    AgreementActor,
    AgreementKind,
    AgreementStatus,
    Link,
    LinkRelation,
    Role,
)
from conflictmodel._model._alignment import Alliance, AllianceKind, Hostility, Membership, Support, SupportKind
from conflictmodel._model._control import Control, ControlStatus, Portion
from conflictmodel._model._dates import PartialDate, Period
from conflictmodel._model._events import CoordinatePrecision, Coordinates, Event, EventActor, EventKind, EventRole
from conflictmodel._model._geometry import Geometry, GeometryType
from conflictmodel._model._provenance import Source
from conflictmodel._model._scenario import COLLECTIONS, Scenario
from conflictmodel._model._territory import Territory, TerritoryKind
from conflictmodel._model._violations import Violation
from conflictmodel._rules._validate import validate

from ._lazy import check_strategy
from ._worlds import scenarios

__all__ = ["BREAKERS", "invalid_scenarios"]

_DIRECTED = tuple(r for r in LinkRelation if r is not LinkRelation.RELATED)
_EXCLUSIVE = (ControlStatus.FULL, ControlStatus.CONTESTED, ControlStatus.BESIEGED)


def _day(year: int, month: int = 1, day: int = 1) -> PartialDate:
    return PartialDate(year, month, day)


def _years(first: int, last: int) -> Period:
    """From 1 January of ``first`` to 31 December of ``last``, to the day."""
    return Period(start=_day(first), end=_day(last, 12, 31))


class _Breaker:
    """Additions and replacements to one clean world."""

    def __init__(self, draw: st.DrawFn, world: Scenario) -> None:
        self.draw = draw
        self.world = world
        self.taken = {record.id for record in world.records()}
        self.added: dict[str, list[Any]] = {name: [] for name in COLLECTIONS}
        self.replaced: dict[str, dict[int, Any]] = {name: {} for name in COLLECTIONS}
        self.meta = world.meta

    def fresh(self, stem: str) -> str:
        """An id not used in the world (nor by anything added so far)."""
        candidate, n = stem, 1
        while candidate in self.taken:
            n += 1
            candidate = f"{stem}-{n}"
        self.taken.add(candidate)
        return candidate

    def add(self, collection: str, *records: Any) -> None:
        self.added[collection].extend(records)

    def option(self, count: int) -> int:
        """Which of ``count`` ways to break the rule; shrinks to the first."""
        return int(self.draw(st.integers(0, count - 1)))

    def flag(self) -> bool:
        return bool(self.draw(st.booleans()))

    def year(self) -> int:
        return int(self.draw(st.integers(1990, 2030)))

    def actor(
        self, *, active: Period | None = None, kind: ActorKind = ActorKind.ARMED_GROUP, parent: str | None = None
    ) -> str:
        """A fresh actor."""
        aid = self.fresh("x")
        self.add("actors", Actor(id=aid, name=aid, kind=kind, active=active, parent=parent))
        return aid

    def open_actor(self) -> str:
        """An actor active at any time: one of the world's, or a fresh one."""
        timeless = [a.id for a in self.world.actors if a.active is None]
        if timeless and self.flag():
            return str(self.draw(st.sampled_from(timeless)))
        return self.actor()

    def some_id(self, collection: str) -> str:
        """The id of a record of ``collection``: one of the world's, or a fresh one."""
        records = getattr(self.world, collection)
        if records and self.flag():
            return str(self.draw(st.sampled_from([r.id for r in records])))
        if collection == "actors":
            return self.actor()
        return self.territory()

    def territory(self, *, geometry: Geometry | None = None) -> str:
        """A fresh territory, perhaps under one of the world's."""
        parents = [t.id for t in self.world.territories if not t.components]
        parent = str(self.draw(st.sampled_from(parents))) if parents and self.flag() else None
        tid = self.fresh("xt")
        self.add("territories", Territory(id=tid, name=tid, kind=TerritoryKind.CITY, parent=parent, geometry=geometry))
        return tid

    def control(
        self, where: str, controllers: Iterable[str], period: Period, status: ControlStatus, **extra: Any
    ) -> None:
        extra["period"] = period
        opponents: frozenset[str] = frozenset()
        if status in (ControlStatus.CONTESTED, ControlStatus.BESIEGED):
            opponents = frozenset({self.actor()})
        extra.update(status=status, opponents=opponents)
        self.add("controls", Control(id=self.fresh("xc"), territory=where, controllers=tuple(controllers), **extra))

    def agreement(self, **fields: Any) -> str:
        gid = self.fresh("xg")
        self.add("agreements", Agreement(id=gid, name=gid, kind=AgreementKind.CEASEFIRE, **fields))
        return gid

    def event(self, **fields: Any) -> str:
        eid = self.fresh("xe")
        self.add("events", Event(id=eid, kind=EventKind.BATTLE, **fields))
        return eid

    def replace(self, collection: str, index: int, record: Any) -> None:
        self.replaced[collection][index] = record

    def result(self) -> Scenario:
        changes: dict[str, Any] = {"meta": self.meta}
        for name in COLLECTIONS:
            records = list(getattr(self.world, name))
            for index, record in self.replaced[name].items():
                records[index] = record
            changes[name] = tuple(records) + tuple(self.added[name])
        return attrs.evolve(self.world, **changes)


def _lifetime(b: _Breaker) -> tuple[str, int]:
    """A fresh actor active for one year, and that year."""
    year = b.year()
    return b.actor(active=_years(year, year)), year


def _outside(b: _Breaker, year: int) -> Period:
    """A period that lies wholly outside ``year``, before or after it."""
    if b.flag():
        return _years(year - 3, year - 2)
    return _years(year + 1, year + 1 + b.option(3))


# --- CM1xx -----------------------------------------------------------------------------


def _cm101(b: _Breaker) -> None:
    filled = [name for name in COLLECTIONS if getattr(b.world, name)]
    if not filled:
        source = Source(id=b.fresh("xs"), title="twice")
        b.add("sources", source, source)
        return
    name = b.draw(st.sampled_from(filled))
    records = getattr(b.world, name)
    b.add(name, records[b.option(len(records))])


def _cm102(b: _Breaker) -> None:
    ghost = b.fresh("ghost")
    choice = b.option(5)
    if choice == 0:
        aid = b.fresh("x")
        b.add("actors", Actor(id=aid, name=aid, kind=ActorKind.ARMED_FORCE, parent=ghost))
    elif choice == 1:
        b.event(date=_years(2017, 2017), location=ghost)
    elif choice == 2:
        b.agreement(covers=frozenset({ghost}))
    elif choice == 3:
        b.control(ghost, [b.open_actor()], _years(2017, 2017), ControlStatus.FULL)
    else:
        _cite(b, ghost)


def _cite(b: _Breaker, wrong: str) -> None:
    """Make one record (or the metadata) cite ``wrong`` as a source."""
    filled = [name for name in COLLECTIONS if name != "sources" and getattr(b.world, name)]
    if not filled or b.flag():
        b.meta = attrs.evolve(b.meta, sources=b.meta.sources | {wrong})
        return
    name = b.draw(st.sampled_from(filled))
    records = getattr(b.world, name)
    index = b.option(len(records))
    b.replace(name, index, attrs.evolve(records[index], sources=records[index].sources | {wrong}))


def _cm103(b: _Breaker) -> None:
    choice = b.option(4)
    if choice == 0:
        aid = b.fresh("x")
        b.add("actors", Actor(id=aid, name=aid, kind=ActorKind.ARMED_FORCE, parent=b.some_id("territories")))
    elif choice == 1:
        b.event(date=_years(2017, 2017), location=b.some_id("actors"))
    elif choice == 2:
        b.agreement(covers=frozenset({b.some_id("actors")}))
    else:
        _cite(b, b.some_id("actors"))


# --- CM2xx -----------------------------------------------------------------------------


def _cm201(b: _Breaker) -> None:
    choice = b.option(7)
    if choice == 0:
        actor = b.open_actor()
        b.add("supports", Support(id=b.fresh("xsp"), supporter=actor, recipient=actor, kinds=frozenset(SupportKind)))
    elif choice == 1:
        aid = b.fresh("x")
        b.add("actors", Actor(id=aid, name=aid, kind=ActorKind.MILITIA, parent=aid))
    elif choice == 2:
        tid = b.fresh("xt")
        b.add("territories", Territory(id=tid, name=tid, kind=TerritoryKind.REGION, parent=tid))
    elif choice == 3:
        tid = b.fresh("xz")
        b.add("territories", Territory(id=tid, name=tid, kind=TerritoryKind.ZONE, components=frozenset({tid})))
    elif choice == 4:
        actor = b.open_actor()
        b.add("hostilities", Hostility(id=b.fresh("xh"), side_a=(actor,), side_b=(actor,)))
    elif choice == 5:
        gid = b.fresh("xg")
        link = Link(relation=b.draw(st.sampled_from(LinkRelation)), target=gid)
        b.add("agreements", Agreement(id=gid, name=gid, kind=AgreementKind.TALKS, links=(link,)))
    else:
        aid = b.fresh("x")
        post = Post(title="Chair", organisation=aid)
        b.add("actors", Actor(id=aid, name=aid, kind=ActorKind.PERSON, posts=(post,)))


def _ring(ids: list[str]) -> list[tuple[str, str]]:
    """Each id with the next, the last with the first."""
    return [(ids[k], ids[(k + 1) % len(ids)]) for k in range(len(ids))]


def _cm202(b: _Breaker) -> None:
    loop = [b.fresh("x") for _ in range(2 + b.option(2))]
    parents = dict(_ring(loop))
    if b.world.actors and b.flag():  # close the loop through one of the world's actors
        index = b.option(len(b.world.actors))
        actor = b.world.actors[index]
        parents[loop[-1]] = actor.id
        b.replace("actors", index, attrs.evolve(actor, parent=loop[0]))
    for aid in loop:
        b.add("actors", Actor(id=aid, name=aid, kind=ActorKind.ARMED_GROUP, parent=parents[aid]))


def _cm203(b: _Breaker) -> None:
    loop = [b.fresh("xt") for _ in range(2 + b.option(2))]
    for tid, parent in _ring(loop):
        b.add("territories", Territory(id=tid, name=tid, kind=TerritoryKind.ADMIN1, parent=parent))


def _cm204(b: _Breaker) -> None:
    if b.flag():  # two zones made of each other
        first, second = b.fresh("xz"), b.fresh("xz")
        for zid, other in ((first, second), (second, first)):
            b.add(
                "territories",
                Territory(id=zid, name=zid, kind=TerritoryKind.ZONE, components=frozenset({other})),
            )
        return
    # A zone under the territory it is made of: the territory contains the zone, and
    # the zone contains the territory.
    holder = b.territory()
    zid = b.fresh("xz")
    b.add(
        "territories",
        Territory(id=zid, name=zid, kind=TerritoryKind.ZONE, parent=holder, components=frozenset({holder})),
    )


def _alliance(b: _Breaker, members: Iterable[Membership], period: Period | None = None) -> None:
    aid = b.fresh("xal")
    b.add(
        "alliances",
        Alliance(id=aid, name=aid, kind=AllianceKind.COALITION, members=tuple(members), period=period),
    )


def _cm205(b: _Breaker) -> None:
    members = [Membership(actor=b.open_actor())] if b.flag() else []
    _alliance(b, members)


def _cm206(b: _Breaker) -> None:
    twice = b.open_actor()
    other = b.actor()
    _alliance(b, [Membership(actor=twice), Membership(actor=other), Membership(actor=twice)])


def _cm207(b: _Breaker) -> None:
    loop = [b.fresh("xg") for _ in range(2 + b.option(2))]
    targets = dict(_ring(loop))
    if b.world.agreements and b.flag():  # through one of the world's agreements
        index = b.option(len(b.world.agreements))
        agreement = b.world.agreements[index]
        targets[loop[-1]] = agreement.id
        link = Link(relation=b.draw(st.sampled_from(_DIRECTED)), target=loop[0])
        b.replace("agreements", index, attrs.evolve(agreement, links=(*agreement.links, link)))
    for gid in loop:
        link = Link(relation=b.draw(st.sampled_from(_DIRECTED)), target=targets[gid])
        b.add("agreements", Agreement(id=gid, name=gid, kind=AgreementKind.PEACE, links=(link,)))


# --- CM3xx -----------------------------------------------------------------------------


def _cm301(b: _Breaker) -> None:
    mortal, year = _lifetime(b)
    place = b.territory()
    if b.flag():
        b.control(place, [mortal], _outside(b, year), ControlStatus.FULL)
        return
    # The actor outside its life is the opponent of a contested control.
    holder = b.open_actor()
    b.add(
        "controls",
        Control(
            id=b.fresh("xc"),
            territory=place,
            controllers=(holder,),
            period=_outside(b, year),
            status=ControlStatus.CONTESTED,
            opponents=frozenset({mortal}),
        ),
    )


def _cm302(b: _Breaker) -> None:
    mortal, year = _lifetime(b)
    other = b.actor()
    if b.flag():
        _alliance(b, [Membership(actor=mortal, period=_outside(b, year)), Membership(actor=other)])
    else:  # the member's period is the alliance's
        period = _outside(b, year)
        _alliance(b, [Membership(actor=mortal), Membership(actor=other)], period)


def _cm303(b: _Breaker) -> None:
    mortal, year = _lifetime(b)
    other = b.actor()
    if b.flag():
        b.add(
            "supports",
            Support(
                id=b.fresh("xsp"),
                supporter=mortal,
                recipient=other,
                kinds=frozenset({SupportKind.WEAPONS}),
                period=_outside(b, year),
            ),
        )
    else:
        b.add("hostilities", Hostility(id=b.fresh("xh"), side_a=(other,), side_b=(mortal,), period=_outside(b, year)))


def _cm304(b: _Breaker) -> None:
    mortal, year = _lifetime(b)
    signed = _outside(b, year).start
    b.agreement(signed=signed, actors=(AgreementActor(actor=mortal, roles=frozenset({Role.GUARANTOR, Role.PARTY})),))


def _cm305(b: _Breaker) -> None:
    mortal, year = _lifetime(b)
    when = _outside(b, year)
    if b.flag():
        b.event(date=when, actors=(EventActor(actor=mortal, role=EventRole.SIDE_A),))
        return
    agreement = b.agreement()
    assert when.start is not None  # noqa: S101 - _outside gives both bounds
    b.add("violations", Violation(id=b.fresh("xv"), agreement=agreement, violator=mortal, date=when.start))


def _cm306(b: _Breaker) -> None:
    mortal, year = _lifetime(b)
    if b.flag():  # a post of a person outside the person's life
        pid = b.fresh("xp")
        post = Post(title="Envoy", period=_outside(b, year))
        b.add("actors", Actor(id=pid, name=pid, kind=ActorKind.PERSON, active=_years(year, year), posts=(post,)))
        return
    # a post in an organisation outside the organisation's life
    pid = b.fresh("xp")
    post = Post(title="Envoy", organisation=mortal, period=_outside(b, year))
    b.add("actors", Actor(id=pid, name=pid, kind=ActorKind.PERSON, posts=(post,)))


def _cm307(b: _Breaker) -> None:
    year = b.year()
    member, other = b.open_actor(), b.actor()
    _alliance(b, [Membership(actor=member, period=_outside(b, year)), Membership(actor=other)], _years(year, year))


def _cm308(b: _Breaker) -> None:
    year = b.year()
    signed = _day(year, 6, 15)
    in_force = Period(start=None if b.flag() else _day(year, 1, 1 + b.option(28)), end=None)
    b.agreement(signed=signed, in_force=in_force)


# --- CM4xx -----------------------------------------------------------------------------


def _two_holders(b: _Breaker) -> tuple[str, str, str]:
    """A fresh territory and two different actors active at any time."""
    first = b.open_actor()
    second = b.actor()
    return b.territory(), first, second


def _cm401(b: _Breaker) -> None:
    place, first, second = _two_holders(b)
    year = b.year()
    b.control(place, [first], _years(year, year + 1), b.draw(st.sampled_from(_EXCLUSIVE)))
    b.control(place, [second], _years(year + 1, year + 2), b.draw(st.sampled_from(_EXCLUSIVE)))


def _handover(b: _Breaker) -> tuple[Period, Period]:
    """Two periods that meet in one month or year, given to that precision only."""
    year = b.year()
    if b.flag():
        month = 1 + b.option(12)
        shared = PartialDate(year, month)
    else:
        shared = PartialDate(year)
    return Period(start=_day(year - 2), end=shared), Period(start=shared, end=_day(year + 2))


def _cm402(b: _Breaker) -> None:
    place, first, second = _two_holders(b)
    before, after = _handover(b)
    b.control(place, [first], before, b.draw(st.sampled_from(_EXCLUSIVE)))
    b.control(place, [second], after, b.draw(st.sampled_from(_EXCLUSIVE)))


def _cm403(b: _Breaker) -> None:
    place, first, second = _two_holders(b)
    year = b.year()
    b.control(place, [first], _years(year, year + 1), ControlStatus.PARTIAL)
    b.control(place, [second], _years(year + 1, year + 2), b.draw(st.sampled_from(_EXCLUSIVE)))


def _cm404(b: _Breaker) -> None:
    place, first, second = _two_holders(b)
    before, after = _handover(b)
    if b.flag():
        before, after = after, before
    b.control(place, [first], before, ControlStatus.PARTIAL)
    b.control(place, [second], after, b.draw(st.sampled_from(_EXCLUSIVE)))


def _cm405(b: _Breaker) -> None:
    place, first, second = _two_holders(b)
    year = b.year()
    held = b.draw(st.sampled_from([0.5, 0.6, 0.9, 1.0]))
    more = b.draw(st.sampled_from([0.6, 0.75, 1.0]))
    b.control(place, [first], _years(year, year + 1), ControlStatus.PARTIAL, portion=Portion(fraction=held))
    b.control(place, [second], _years(year + 1, year + 2), ControlStatus.PARTIAL, portion=Portion(fraction=more))


# --- CM5xx -----------------------------------------------------------------------------


def _cm501(b: _Breaker) -> None:
    first, second = b.actor(), b.actor()
    _alliance(b, [Membership(actor=first), Membership(actor=second)])
    b.add("hostilities", Hostility(id=b.fresh("xh"), side_a=(first,), side_b=(second,)))


def _cm502(b: _Breaker) -> None:
    first, second = b.actor(), b.actor()
    b.add("hostilities", Hostility(id=b.fresh("xh"), side_a=(first,), side_b=(second,)))
    supporter, recipient = (first, second) if b.flag() else (second, first)
    b.add(
        "supports",
        Support(id=b.fresh("xsp"), supporter=supporter, recipient=recipient, kinds=frozenset({SupportKind.FUNDING})),
    )


# --- CM6xx -----------------------------------------------------------------------------


def _cm601(b: _Breaker) -> None:
    ring = ((36.0, 35.0), (37.0, 35.0), (37.0, 36.0), (36.0, 36.0), (36.0, 35.0))
    place = b.territory(geometry=Geometry(type=GeometryType.POLYGON, coordinates=(ring,)))
    precision = b.draw(st.sampled_from((CoordinatePrecision.EXACT, CoordinatePrecision.NEAR)))
    point = Coordinates(lat=-10.0 - b.option(50), lon=10.0, precision=precision)
    b.event(date=_years(2017, 2017), location=place, coordinates=point)


def _cm602(b: _Breaker) -> None:
    year = b.year()
    agreement = b.agreement(in_force=_years(year, year))
    when = _outside(b, year)
    assert when.start is not None  # noqa: S101 - _outside gives both bounds
    b.add("violations", Violation(id=b.fresh("xv"), agreement=agreement, violator=b.open_actor(), date=when.start))


def _cm603(b: _Breaker) -> None:
    b.agreement(status=AgreementStatus.IN_FORCE, signed=_day(b.year()) if b.flag() else None)


def _cm604(b: _Breaker) -> None:
    excluded = b.open_actor()  # the violator: the excluded actor itself, or an actor under it
    violator = b.actor(parent=excluded) if b.flag() else excluded
    agreement = b.agreement(actors=(AgreementActor(actor=excluded, roles=frozenset({Role.EXCLUDED})),))
    b.add("violations", Violation(id=b.fresh("xv"), agreement=agreement, violator=violator, date=_day(b.year())))


BREAKERS: dict[str, Callable[[_Breaker], None]] = {
    "CM101": _cm101,
    "CM102": _cm102,
    "CM103": _cm103,
    "CM201": _cm201,
    "CM202": _cm202,
    "CM203": _cm203,
    "CM204": _cm204,
    "CM205": _cm205,
    "CM206": _cm206,
    "CM207": _cm207,
    "CM301": _cm301,
    "CM302": _cm302,
    "CM303": _cm303,
    "CM304": _cm304,
    "CM305": _cm305,
    "CM306": _cm306,
    "CM307": _cm307,
    "CM308": _cm308,
    "CM401": _cm401,
    "CM402": _cm402,
    "CM403": _cm403,
    "CM404": _cm404,
    "CM405": _cm405,
    "CM501": _cm501,
    "CM502": _cm502,
    "CM601": _cm601,
    "CM602": _cm602,
    "CM603": _cm603,
    "CM604": _cm604,
}
"""How to break each rule alone, by code."""

_CLEAN = scenarios(max_actors=3, max_territories=4, max_records=2, allow_warnings=False)


@st.composite
def invalid_scenarios(
    draw: st.DrawFn, *, rule: str | None = None, base: st.SearchStrategy[Scenario] | None = None
) -> Scenario:
    """Worlds that break exactly one rule: ``cm.validate(s)`` reports findings of code
    ``rule`` and of no other code (an error or a warning, by the rule's severity; see
    :data:`conflictmodel.RULES`). With ``rule=None`` the rule is drawn too (shrinking to
    the first code, CM101).

    The world is drawn from ``base`` (default: small :func:`scenarios` with
    ``allow_warnings=False``), which must draw worlds without any finding; a few
    records are then added, or changed, to break the rule: fresh records with ids not
    used in the world (``x``, ``xt``, ``xg``, ...), tied to the world's own actors and
    territories where that cannot touch another rule. Every rule can be broken alone.

    Shrinks to the smallest clean world with the simplest way of breaking the rule.
    """
    if rule is not None and rule not in BREAKERS:
        known = ", ".join(sorted(BREAKERS))
        raise InvalidArgument(f"rule={rule!r} is not a rule code; expected one of {known}")
    check_strategy("base", base)
    code = rule if rule is not None else draw(st.sampled_from(sorted(BREAKERS)))
    world = draw(_CLEAN if base is None else base)
    if base is not None:
        findings = validate(world).findings
        if findings:
            raise InvalidArgument(f"base drew a scenario that is not clean: {findings[0]}")
    breaker = _Breaker(draw, world)
    BREAKERS[code](breaker)
    return breaker.result()
