"""Whole worlds that are valid by construction: :func:`scenarios`.

The recipe draws actors first, then the territory tree and zones over it, then every
relation between ids already drawn, each record dated inside the lifetimes of the
actors it involves, so that no rule of :func:`~conflictmodel.validate` of severity
``error`` can fire and nothing is ever rejected (no ``filter``, no ``assume``).

Days are handled as ordinals (:meth:`datetime.date.toordinal`). Every record is first
laid out in whole days, then each bound is made as coarse as the drawn precision allows.
Coarsening a bound never breaks a lifetime, membership or signing rule: it widens what
the record possibly covers and narrows what it certainly covers, and those rules only
fault what a record certainly covers outside what the actor possibly lived. Control
histories are laid out as disjoint runs of days per territory, so that two records of
one territory never certainly overlap (CM401, CM403); coarse bounds of neighbouring
records may still possibly overlap, which is the CM402/CM404 warning that
``allow_warnings=False`` rules out by keeping each bound's span between its neighbours.

The module is kept whole: :class:`_World` is one recipe whose steps read and extend the
same drawn state (the ids drawn so far, each actor's lifetime, each territory's free
days), and splitting it would pass that state between modules without making any step
easier to read.
"""

from __future__ import annotations

import datetime as dt
import enum
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

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
    Provision,
    Role,
)
from conflictmodel._model._alignment import (
    Alliance,
    AllianceKind,
    Hostility,
    Intensity,
    Membership,
    Obligation,
    Support,
    SupportKind,
)
from conflictmodel._model._control import Basis, Control, ControlStatus, Portion
from conflictmodel._model._dates import PartialDate, Period, Precision
from conflictmodel._model._events import CoordinatePrecision, Coordinates, Event, EventActor, EventKind, EventRole
from conflictmodel._model._frozenmap import FrozenMap
from conflictmodel._model._geometry import Geometry, GeometryType
from conflictmodel._model._provenance import Source
from conflictmodel._model._scenario import Meta, Scenario
from conflictmodel._model._territory import Territory, TerritoryKind
from conflictmodel._model._violations import Violation, ViolationStatus
from conflictmodel._model._walks import chain

from ._lazy import check_date, check_sizes, check_strategy
from ._records import agreement_roles
from ._values import cut, fatalities

__all__ = ["scenarios"]

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)

MIN = dt.date.min.toordinal()
MAX = dt.date.max.toordinal()

Window = tuple[int, int]
"""Inclusive day ordinals; ``MIN``/``MAX`` stand for a side left open."""

ALWAYS: Window = (MIN, MAX)

# Names from the field, shortest first so that they shrink to short ones; some are in
# Arabic, Turkish or Russian script so that code under test meets non-ASCII text.
ACTOR_NAMES = (
    "SAA",
    "HTS",
    "SDF",
    "YPG",
    "Hezbollah",
    "Jaysh al-Islam",
    "Ahrar al-Sham",
    "Free Syrian Army",
    "Liwa Fatemiyoun",
    "Syrian Arab Army",
    "Türk Silahlı Kuvvetleri",  # noqa: RUF001 - Turkish spelling (dotless i)
    "Вооружённые силы России",
    "قوات سوريا الديمقراطية",
    "UN Special Envoy for Syria",
)
PLACE_NAMES = (
    "Homs",
    "Hama",
    "Afrin",
    "Idlib",
    "Daraa",
    "Raqqa",
    "Aleppo",
    "Manbij",
    "Douma",
    "Quneitra",
    "Deir ez-Zor",
    "Eastern Ghouta",
    "إدلب",
    "حلب",
    "Şanlıurfa",  # noqa: RUF001 - Turkish spelling (dotless i)
)
AGREEMENT_NAMES = (
    "Truce",
    "Ceasefire",
    "Astana memorandum",
    "Sochi agreement",
    "Southern de-escalation zone",
    "Geneva communiqué",
    "Мемора́ндум",
    "اتفاق وقف إطلاق النار",
)
GROUP_NAMES = ("Astana format", "Coalition", "Global Coalition against Daesh", "Axis of resistance", "Small group")
TITLES = ("World", "Syria, late 2017", "Northern Syria", "A generated world")
COUNTRIES = ("SYR", "TUR", "RUS", "IRN", "JOR", "USA", "IRQ", "LBN")
PROVISION_CODES = ("Ce", "De", "Mon", "Hum", "Wat", "GCh")

_KIND_AT_DEPTH = (TerritoryKind.COUNTRY, TerritoryKind.ADMIN1, TerritoryKind.ADMIN2, TerritoryKind.ADMIN3)
_WITH_COUNTRY = frozenset({ActorKind.STATE, ActorKind.GOVERNMENT, ActorKind.ARMED_FORCE})
_WITH_OPPONENTS = frozenset({ControlStatus.CONTESTED, ControlStatus.BESIEGED})

_ALL: dict[type[Any], tuple[Any, ...]] = {
    kind: tuple(kind)
    for kind in (
        ActorKind,
        AgreementKind,
        AgreementStatus,
        AllianceKind,
        Basis,
        ControlStatus,
        CoordinatePrecision,
        EventKind,
        EventRole,
        Intensity,
        LinkRelation,
        Obligation,
        Role,
        SupportKind,
        ViolationStatus,
    )
}
_NOT_IN_FORCE = tuple(status for status in AgreementStatus if status is not AgreementStatus.IN_FORCE)
"""The statuses an agreement without an in-force period may have (CM603)."""
"""Each enumeration's members in declared order (the first is the simplest)."""
_PRECISIONS = (Precision.YEAR, Precision.MONTH, Precision.DAY)
_INTEGERS: dict[tuple[int, int], st.SearchStrategy[int]] = {}
_CACHE_LIMIT = 1 << 12
_BOOLEANS = st.booleans()
_FATALITIES = st.none() | fatalities()

Box = tuple[float, float, float, float]
"""West, south, east, north."""


def _meet(*windows: Window) -> Window:
    return max(w[0] for w in windows), min(w[1] for w in windows)


def _ring(box: Box) -> tuple[tuple[float, float], ...]:
    west, south, east, north = box
    return ((west, south), (east, south), (east, north), (west, north), (west, south))


def _coarse(day: int, wanted: Precision, zone: Window) -> PartialDate:
    """The date of ``day`` at precision ``wanted``, or finer if the days a coarser date
    may denote would leave ``zone``."""
    on = dt.date.fromordinal(day)
    for precision in (Precision.YEAR, Precision.MONTH):
        if wanted is precision:
            date = cut(on, precision)
            if zone[0] <= date.earliest.toordinal() and date.latest.toordinal() <= zone[1]:
                return date
            wanted = Precision.MONTH if precision is Precision.YEAR else Precision.DAY
    return cut(on, Precision.DAY)


def _centre(box: Box) -> tuple[float, float]:
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2


class _Building(threading.local):
    """The worlds being drawn in this thread, innermost last."""

    def __init__(self) -> None:
        self.stack: list[_World] = []


_BUILDING = _Building()


@st.composite
def _step(draw: st.DrawFn) -> bool:
    """One element of :meth:`_World.repeat`, in a span of its own.

    One strategy serves every world: building a composite strategy per world would cost
    more than the world's draws.
    """
    return _BUILDING.stack[-1].run_step(draw)


_STEP = _step()


@attrs.frozen(kw_only=True)
class Options:
    """The checked arguments of :func:`scenarios`."""

    min_actors: int
    max_actors: int
    min_territories: int
    max_territories: int
    max_records: int
    start: int
    end: int
    names: st.SearchStrategy[str] | None
    precisions: st.SearchStrategy[Precision] | None
    allow_warnings: bool


class _World:
    """One drawing of a world: the records so far and the facts later records need."""

    def __init__(self, draw: st.DrawFn, options: Options) -> None:
        self.draw = draw
        self.o = options
        self.world: Window = (options.start, options.end)
        self.sources: list[Source] = []
        self.actors: list[Actor] = []
        self.lives: list[Window] = []
        self.territories: list[Territory] = []
        self.boxes: dict[str, Box] = {}
        self.roots: dict[str, str] = {}
        self.controls: list[Control] = []
        self.agreements: list[Agreement] = []
        self.alliances: list[Alliance] = []
        self.hostilities: list[Hostility] = []
        self.supports: list[Support] = []
        self.events: list[Event] = []
        self.violations: list[Violation] = []
        self._task: tuple[int, bool, Callable[[int], None]] = (0, False, lambda _: None)
        self.allied: set[tuple[int, int]] = set()
        self.opposed: set[tuple[int, int]] = set()

    # --- small draws --------------------------------------------------------------------
    # Every choice is one integer or boolean draw from a cached strategy: building
    # strategies (``lists``, ``sampled_from``) inside the recipe would cost more than
    # the draws themselves.

    def integer(self, low: int, high: int) -> int:
        key = (low, high)
        strategy = _INTEGERS.get(key)
        if strategy is None:
            if len(_INTEGERS) > _CACHE_LIMIT:  # pragma: no cover - a bound on memory, rarely reached
                _INTEGERS.clear()
            strategy = _INTEGERS[key] = st.integers(low, high)
        return int(self.draw(strategy))

    def name(self, pool: Sequence[str]) -> str:
        if self.o.names is None:
            return pool[self.integer(0, len(pool) - 1)]
        return str(self.draw(self.o.names))

    def count(self, high: int, low: int = 0) -> int:
        return low if high <= low else self.integer(low, high)

    def repeat(self, low: int, high: int, body: Callable[[int], None]) -> None:
        """Call ``body(0)``, ``body(1)``, ...: ``low`` times, then again while a drawn
        "go on" says so, up to ``high`` times. As in Hypothesis' own lists, each call
        is drawn in a span of its own together with its "go on", so that shrinking can
        drop one element whole."""
        _BUILDING.stack.append(self)
        try:
            for k in range(high):
                self._task = (k, k >= low, body)
                if not self.draw(_STEP):
                    return
        finally:
            _BUILDING.stack.pop()

    def run_step(self, draw: st.DrawFn) -> bool:
        """Draw the pending element of :meth:`repeat` with ``draw``."""
        outer, self.draw = self.draw, draw  # the element's choices go to its own span
        try:
            k, optional, body = self._task
            if optional and not self.integer(0, 4):
                return False
            body(k)
            return True
        finally:
            self.draw = outer

    def maybe(self, items: Sequence[T]) -> T | None:
        """``None`` or one of ``items``, in one draw; shrinks to ``None``."""
        if not items:
            return None
        k = self.integer(0, len(items))
        return None if k == 0 else items[k - 1]

    def flag(self) -> bool:
        return bool(self.draw(_BOOLEANS))

    def pick(self, items: Sequence[T]) -> T:
        return items[self.integer(0, len(items) - 1)] if len(items) > 1 else items[0]

    def some(self, items: Sequence[T], low: int, high: int) -> list[T]:
        """``low`` to ``high`` distinct items (``items`` must hold at least ``low``), in
        drawn order; shrinks to the first ``low`` items."""
        size = self.count(min(high, len(items)), low)
        pool = list(range(len(items)))
        return [items[pool.pop(self.integer(0, len(pool) - 1) if len(pool) > 1 else 0)] for _ in range(size)]

    def cite(self) -> frozenset[str]:
        source = self.maybe(self.sources)
        return frozenset() if source is None else frozenset({source.id})

    # --- dates --------------------------------------------------------------------------

    def day(self, window: Window) -> int:
        return self.integer(window[0], window[1])

    def precision(self) -> Precision:
        return _PRECISIONS[self.integer(0, 2)] if self.o.precisions is None else self.draw(self.o.precisions)

    def date(self, day: int, zone: Window = ALWAYS) -> PartialDate:
        """The date of ``day`` at a drawn precision, made finer until the days it may
        denote lie in ``zone``."""
        return _coarse(day, self.precision(), zone)

    def dated(self, window: Window, zone: Window = ALWAYS) -> tuple[int, PartialDate]:
        """A day of ``window`` and its date at a drawn precision (as :meth:`date`); with
        the default precisions, one draw for both, shrinking to the first day's year."""
        if self.o.precisions is not None:
            day = self.day(window)
            return day, self.date(day, zone)
        k = self.integer(0, 3 * (window[1] - window[0]) + 2)
        day = window[0] + k // 3
        return day, _coarse(day, _PRECISIONS[k % 3], zone)

    def runs(self, size: int) -> list[int]:
        """``2 * size`` days in order, the first and last of ``size`` runs: a run may
        last one day, and each run starts after the one before ends."""
        days: list[int] = []
        low = self.o.start
        for k in range(2 * size):
            reserve = size - k // 2 - 1  # each run starting later needs a day of its own
            day = self.integer(low, self.o.end - reserve)
            days.append(day)
            low = day if k % 2 == 0 else day + 1
        return days

    def clip(self, window: Window) -> Window | None:
        """``window`` within the world's days, or ``None`` when they do not meet."""
        lo, hi = _meet(window, self.world)
        return None if lo > hi else (lo, hi)

    def period(
        self,
        window: Window,
        *,
        start_zone: Window = ALWAYS,
        end_zone: Window = ALWAYS,
        open_start: bool = True,
        optional: bool = False,
    ) -> Period | None:
        """A period whose days lie in ``window``, with a side open only where the window
        is open (and, for the start, where ``open_start`` allows); ``None`` when the
        window misses the world, or when ``optional`` and so drawn. One draw picks the
        shape (none, closed, open start, open end, open both); shrinks to ``None``, else
        to a closed period of one day."""
        days = self.clip(window)
        if days is None:
            return None
        shapes = [(False, False)]
        if open_start and window[0] == MIN:
            shapes.append((True, False))
        if window[1] == MAX:
            shapes.append((False, True))
            if len(shapes) == 3:
                shapes.append((True, True))
        k = self.count(len(shapes) if optional else len(shapes) - 1)
        if optional:
            if k == 0:
                return None
            k -= 1
        no_start, no_end = shapes[k]
        if no_start and no_end:
            return Period()
        if no_start:
            return Period(end=self.dated(days, end_zone)[1])
        first, start = self.dated(days, start_zone)
        if no_end:
            return Period(start=start)
        return Period(start=start, end=self.dated((first, days[1]), end_zone)[1])

    def portions(self, count: int) -> list[Portion | None]:
        """The portions of ``count`` partial records that hold their territory at once:
        each ``None`` or a number of quarters, together at most the whole."""
        found: list[Portion | None] = []
        left = 4
        for _ in range(count):
            quarters = self.count(left)
            left -= quarters
            found.append(None if quarters == 0 else Portion(fraction=quarters / 4))
        return found

    def maybe_period(self, window: Window) -> Period | None:
        return self.period(window, optional=True)

    def subset(self, kind: type[E], *, low: int = 0) -> frozenset[E]:
        """Members of an enumeration, in one draw of a bit mask; shrinks to the first
        member (or to none when ``low`` is 0)."""
        members = _ALL[kind]
        mask = self.integer(1 if low else 0, (1 << len(members)) - 1)
        return frozenset(m for bit, m in enumerate(members) if mask >> bit & 1)

    def lives_over(self, actors: Sequence[int]) -> Window:
        return _meet(ALWAYS, *(self.lives[a] for a in actors))

    # --- the recipe, in order -------------------------------------------------------------

    def build(self) -> Scenario:
        self.draw_sources()
        self.draw_actors()
        self.draw_territories()
        self.draw_agreements()
        self.draw_alliances()
        self.draw_hostilities()
        self.draw_supports()
        self.draw_controls()
        self.draw_events()
        self.draw_violations()
        as_of = self.date(self.o.end) if self.flag() else None
        meta = Meta(title=self.name(TITLES), as_of=as_of, sources=self.cite())
        return Scenario(
            meta=meta,
            sources=tuple(self.sources),
            actors=tuple(self.actors),
            alliances=tuple(self.alliances),
            supports=tuple(self.supports),
            hostilities=tuple(self.hostilities),
            territories=tuple(self.territories),
            controls=tuple(self.controls),
            agreements=tuple(self.agreements),
            events=tuple(self.events),
            violations=tuple(self.violations),
        )

    def draw_sources(self) -> None:
        def one(k: int) -> None:
            self.sources.append(Source(id=f"src{k}", title=self.name(TITLES)))

        self.repeat(0, 2, one)

    def draw_actors(self) -> None:
        def one(i: int) -> None:
            kind = self.pick(_ALL[ActorKind])
            parent = self.maybe(self.actors)
            active = self.maybe_period(ALWAYS)
            life: Window = ALWAYS
            if active is not None:
                life = (
                    MIN if active.start is None else active.start.earliest.toordinal(),
                    MAX if active.end is None else active.end.latest.toordinal(),
                )
            country = self.maybe(COUNTRIES) if kind in _WITH_COUNTRY else None
            held: tuple[Post, ...] = ()
            if kind is ActorKind.PERSON and self.flag():
                organisation = self.maybe(range(i))
                within = life if organisation is None else _meet(life, self.lives[organisation])
                held = (
                    Post(
                        title="Envoy",
                        organisation=None if organisation is None else self.actors[organisation].id,
                        period=self.maybe_period(within) if self.clip(within) else None,
                    ),
                )
            self.actors.append(
                Actor(
                    id=f"a{i}",
                    name=self.name(ACTOR_NAMES),
                    kind=kind,
                    parent=None if parent is None else parent.id,
                    active=active,
                    country=country,
                    posts=held,
                    sources=self.cite(),
                )
            )
            self.lives.append(life)

        self.repeat(self.o.min_actors, self.o.max_actors, one)

    def draw_territories(self) -> None:
        # Each unit's choices first, in one stretch (so that shrinking can drop a unit
        # whole), then the tree: ids by position among siblings, nested boxes.
        specs: list[tuple[int | None, str, int, bool]] = []

        def one(i: int) -> None:
            parent = None
            if i:
                k = self.integer(0, i)  # shrinks to the unit before: a deep chain
                parent = None if k == i else i - 1 - k
            specs.append((parent, self.name(PLACE_NAMES), self.count(20), self.flag()))

        self.repeat(self.o.min_territories, self.o.max_territories, one)
        children: dict[int, list[int]] = {}
        for i, (parent, *_) in enumerate(specs):
            if parent is not None:
                children.setdefault(parent, []).append(i)
        made: list[str] = []
        depth: list[int] = []
        roots = 0
        for i, (parent, name, area, shaped) in enumerate(specs):
            if parent is None:
                tid = f"t{roots}"
                west = (35.5 + 10 * roots + 180) % 350 - 180
                box: Box = (west, 32.3, west + 7, 37.3)
                external: FrozenMap[str] = FrozenMap({"iso3": COUNTRIES[roots % len(COUNTRIES)]})
                depth.append(0)
                self.roots[tid] = tid
                roots += 1
            else:
                siblings = children[parent]
                position = siblings.index(i)
                tid = f"{made[parent]}.{position}"
                box = self._slice(self.boxes[made[parent]], position, len(siblings), depth[parent])
                external = FrozenMap()
                depth.append(depth[parent] + 1)
                self.roots[tid] = self.roots[made[parent]]
            made.append(tid)
            self.boxes[tid] = box
            self.territories.append(
                Territory(
                    id=tid,
                    name=name,
                    kind=_KIND_AT_DEPTH[depth[i]] if depth[i] < len(_KIND_AT_DEPTH) else TerritoryKind.TOWN,
                    parent=None if parent is None else made[parent],
                    area_km2=float(area * 250) if area else None,
                    geometry=Geometry(type=GeometryType.POLYGON, coordinates=(_ring(box),)) if shaped else None,
                    external_ids=external,
                )
            )
        self.draw_zones(len(specs), [t for t in made if t not in self.roots.values()])

    @staticmethod
    def _slice(box: Box, position: int, parts: int, depth: int) -> Box:
        west, south, east, north = box
        if depth % 2 == 0:
            step = (east - west) / parts
            return (west + step * position, south, west + step * (position + 1), north)
        step = (north - south) / parts
        return (west, south + step * position, east, south + step * (position + 1))

    def draw_zones(self, size: int, parts: list[str]) -> None:
        if not parts:
            return

        def one(j: int) -> None:
            components = self.some(parts, 1, 3)
            countries = {self.roots[c] for c in components}
            parent = self.maybe(sorted(countries)) if len(countries) == 1 else None
            self.territories.append(
                Territory(
                    id=f"z{j}",
                    name=self.name(PLACE_NAMES),
                    kind=TerritoryKind.ZONE,
                    parent=parent,
                    components=frozenset(components),
                )
            )
            self.boxes[f"z{j}"] = self.boxes[components[0]]

        self.repeat(0, min(2, self.o.max_territories - size), one)

    def draw_agreements(self) -> None:
        places = [t.id for t in self.territories]

        def one(g: int) -> None:
            chosen = self.some(range(len(self.actors)), 0, 3)
            roles = [agreement_roles(self.subset(Role, low=1)) for _ in chosen]
            signed_day = None
            signed = None
            window = self.clip(self.lives_over(chosen))
            if window is not None and self.flag():
                signed_day, signed = self.dated(window)
            in_force = None
            if self.flag():
                reach = ALWAYS if signed_day is None else (signed_day, MAX)
                # an actor the agreement only excludes is active on some day it is in force (CM304)
                only_excluded = [a for a, r in zip(chosen, roles, strict=True) if r == {Role.EXCLUDED}]
                in_force = self.period(
                    _meet(reach, *(self.lives[a] for a in only_excluded)), open_start=signed_day is None
                )
            target = self.maybe(self.agreements)
            link = () if target is None else (Link(relation=self.pick(_ALL[LinkRelation]), target=target.id),)
            code = self.maybe(PROVISION_CODES)
            kind = self.pick(_ALL[AgreementKind])
            self.agreements.append(
                Agreement(
                    id=f"g{g}",
                    name=self.name(AGREEMENT_NAMES),
                    kind=kind,
                    signed=signed,
                    in_force=in_force,
                    met=self.maybe_period(ALWAYS) if kind is AgreementKind.TALKS else None,
                    status=self.maybe(_ALL[AgreementStatus] if in_force is not None else _NOT_IN_FORCE),
                    actors=tuple(
                        AgreementActor(actor=self.actors[a].id, roles=r) for a, r in zip(chosen, roles, strict=True)
                    ),
                    covers=frozenset(self.some(places, 0, 2)),
                    provisions=() if code is None else (Provision(kind=code),),
                    links=link,
                    sources=self.cite(),
                )
            )

        self.repeat(0, self.o.max_records, one)

    def draw_alliances(self) -> None:
        if len(self.actors) < 2:
            return

        def one(k: int) -> None:
            chosen = self.some(range(len(self.actors)), 2, 3)
            period = self.maybe_period(ALWAYS)
            # An open side is date.min or date.max, whose ordinals are MIN and MAX.
            span: Window = ALWAYS if period is None else (period.earliest.toordinal(), period.latest.toordinal())
            members: list[Membership] = []
            kept: list[int] = []
            for a in chosen:
                life = self.lives[a]
                if period is None:  # CM302 and CM307 then only look at the member's own period
                    own = self.maybe_period(life)
                elif life[0] <= span[0] and span[1] <= life[1] and self.flag():
                    own = None  # the alliance's whole period, which the member lived through
                else:
                    own = self.period(_meet(span, life))
                    if own is None:
                        continue
                members.append(Membership(actor=self.actors[a].id, period=own))
                kept.append(a)
            if len(members) < 2:
                return
            self.allied.update((x, y) for x in kept for y in kept if x != y)
            founding = self.maybe(self.agreements)
            self.alliances.append(
                Alliance(
                    id=f"al{k}",
                    name=self.name(GROUP_NAMES),
                    kind=self.pick(_ALL[AllianceKind]),
                    members=tuple(members),
                    obligations=self.subset(Obligation),
                    period=period,
                    founding_agreement=None if founding is None else founding.id,
                )
            )

        self.repeat(0, self.o.max_records, one)

    def draw_hostilities(self) -> None:
        if len(self.actors) < 2:
            return
        everyone = range(len(self.actors))

        def one(k: int) -> None:
            side_a = self.some(everyone, 1, 2)
            others = [
                b
                for b in everyone
                if b not in side_a and (self.o.allow_warnings or not any((a, b) in self.allied for a in side_a))
            ]
            if not others:
                return
            side_b = self.some(others, 1, 2)
            self.opposed.update((a, b) for a in side_a for b in side_b)
            self.opposed.update((b, a) for a in side_a for b in side_b)
            window = self.lives_over(side_a + side_b)
            self.hostilities.append(
                Hostility(
                    id=f"h{k}",
                    side_a=tuple(self.actors[a].id for a in side_a),
                    side_b=tuple(self.actors[b].id for b in side_b),
                    period=self.maybe_period(window) if self.clip(window) else None,
                    intensity=self.maybe(_ALL[Intensity]),
                )
            )

        self.repeat(0, self.o.max_records, one)

    def draw_supports(self) -> None:
        if len(self.actors) < 2:
            return
        everyone = range(len(self.actors))

        def one(k: int) -> None:
            supporter = self.pick(everyone)
            others = [
                b for b in everyone if b != supporter and (self.o.allow_warnings or (supporter, b) not in self.opposed)
            ]
            if not others:
                return
            recipient = self.pick(others)
            window = self.lives_over((supporter, recipient))
            self.supports.append(
                Support(
                    id=f"sp{k}",
                    supporter=self.actors[supporter].id,
                    recipient=self.actors[recipient].id,
                    kinds=self.subset(SupportKind, low=1),
                    period=self.maybe_period(window) if self.clip(window) else None,
                    alleged=self.flag(),
                )
            )

        self.repeat(0, self.o.max_records, one)

    def draw_controls(self) -> None:
        budget = self.o.max_records
        length = self.o.end - self.o.start + 1
        for territory in self.territories:
            if budget <= 0:
                break
            size = self.count(min(3, budget, length // 2))
            if not size:
                continue
            days = self.runs(size)
            for j in range(size):
                first, last = days[2 * j], days[2 * j + 1]
                start_zone, end_zone = ALWAYS, ALWAYS
                if not self.o.allow_warnings:
                    if j > 0:
                        start_zone = ((days[2 * j - 1] + first) // 2 + 1, MAX)
                    if j < size - 1:
                        end_zone = (MIN, (last + days[2 * j + 2]) // 2)
                made = self.draw_history_step(
                    territory.id,
                    days=(first, last),
                    first=j == 0,
                    last=j == size - 1,
                    start_zone=start_zone,
                    end_zone=end_zone,
                    spare=budget - (size - j),
                )
                budget -= made

    def draw_history_step(
        self,
        territory: str,
        *,
        days: Window,
        first: bool,
        last: bool,
        start_zone: Window,
        end_zone: Window,
        spare: int,
    ) -> int:
        """Draw the control record(s) of one run of days (a second, partial one only if
        ``spare`` records are left beyond the history's); return how many were made."""
        able = [a for a in range(len(self.actors)) if self.lives[a][0] <= days[0] and days[1] <= self.lives[a][1]]
        if not able:
            return 0
        holders = self.some(able, 1, 2)
        status = self.pick(_ALL[ControlStatus])
        opponents: list[int] = []
        if status in _WITH_OPPONENTS:
            rest = [a for a in able if a not in holders]
            if rest:
                opponents = self.some(rest, 1, 2)
            else:
                status = ControlStatus.FULL
        made = [(holders, status, opponents)]
        if status is ControlStatus.PARTIAL and spare > 0:
            rest = [a for a in able if a not in holders]
            if rest and self.flag():  # the rest of the territory, held by others at the same time
                made.append((self.some(rest, 1, 1), ControlStatus.PARTIAL, []))
        life = self.lives_over([a for who, _, against in made for a in who + against])
        start = None if first and life[0] == MIN and self.flag() else self.date(days[0], start_zone)
        end = None if last and life[1] == MAX and self.flag() else self.date(days[1], end_zone)
        period = Period(start=start, end=end)
        shares = self.portions(sum(how is ControlStatus.PARTIAL for _, how, _ in made))
        for who, how, against in made:
            confidence = self.count(4)
            self.controls.append(
                Control(
                    portion=shares.pop() if how is ControlStatus.PARTIAL else None,
                    id=f"c{len(self.controls)}",
                    territory=territory,
                    controllers=tuple(self.actors[a].id for a in who),
                    period=period,
                    status=how,
                    opponents=frozenset(self.actors[a].id for a in against),
                    basis=self.pick(_ALL[Basis]),
                    confidence=confidence / 4 if confidence else None,
                    sources=self.cite(),
                )
            )
        return len(made)

    def draw_events(self) -> None:
        places = [t.id for t in self.territories]

        def one(k: int) -> None:
            first, start = self.dated(self.world)
            last, end = self.dated((first, min(first + 30, self.o.end)))
            able = [a for a in range(len(self.actors)) if self.lives[a][0] <= first and last <= self.lives[a][1]]
            taking_part = self.some(able, 0, 3)
            location = self.maybe(places)
            point = None
            if location is not None and self.flag():
                lon, lat = _centre(self.boxes[location])
                point = Coordinates(lat=lat, lon=lon, precision=self.pick(_ALL[CoordinatePrecision]))
            self.events.append(
                Event(
                    id=f"e{k}",
                    kind=self.pick(_ALL[EventKind]),
                    date=Period(start=start, end=end),
                    actors=tuple(
                        EventActor(actor=self.actors[a].id, role=self.pick(_ALL[EventRole])) for a in taking_part
                    ),
                    location=location,
                    coordinates=point,
                    fatalities=self.draw(_FATALITIES),
                    sources=self.cite(),
                )
            )

        self.repeat(0, self.o.max_records, one)

    def draw_violations(self) -> None:
        if not self.agreements or not self.actors:
            return

        parents = {a.id: a.parent for a in self.actors}

        def one(k: int) -> None:
            agreement = self.pick(self.agreements)
            window = ALWAYS
            if agreement.in_force is not None:
                window = (agreement.in_force.earliest.toordinal(), agreement.in_force.latest.toordinal())
            excluded = frozenset(agreement.actors_with(Role.EXCLUDED))  # not bound, so never its violators
            able = [
                a
                for a in range(len(self.actors))
                if self.clip(_meet(window, self.lives[a])) is not None
                and excluded.isdisjoint((self.actors[a].id, *chain(self.actors[a].id, parents.get)))
            ]
            if not able:
                return
            violator = self.pick(able)
            days = self.clip(_meet(window, self.lives[violator]))
            if days is None:  # pragma: no cover - `able` holds only actors with such days
                return
            self.violations.append(
                Violation(
                    id=f"v{k}",
                    agreement=agreement.id,
                    violator=self.actors[violator].id,
                    date=self.dated(days)[1],
                    alleged_by=frozenset(a.id for a in self.some(self.actors, 0, 2)),
                    events=frozenset(e.id for e in self.some(self.events, 0, 2)),
                    status=self.pick(_ALL[ViolationStatus]),
                )
            )

        self.repeat(0, self.o.max_records, one)


@st.composite
def scenarios(
    draw: st.DrawFn,
    *,
    min_actors: int = 1,
    max_actors: int = 5,
    min_territories: int = 1,
    max_territories: int = 6,
    max_records: int = 4,
    start: dt.date = dt.date(2011, 1, 1),
    end: dt.date = dt.date(2020, 12, 31),
    names: st.SearchStrategy[str] | None = None,
    precisions: st.SearchStrategy[Precision] | None = None,
    allow_warnings: bool = True,
) -> Scenario:
    """Whole worlds that are valid by construction: ``cm.validate(s).ok`` always holds.

    * ``min_actors``..``max_actors`` actors of every kind, some under a parent, some
      with an active period (possibly open or imprecise), persons with posts;
    * ``min_territories``..``max_territories`` territories: one or more countries
      (with an ``iso3`` id and a bounding-box polygon) over a tree of nested
      administrative units several levels deep, and up to two zones made of units;
    * up to ``max_records`` records of each other kind: control histories (per
      territory, runs of days that never certainly overlap, every status, joint
      control, partial control shared at the same time, imprecise hand-overs),
      agreements with several roles per actor, signed before they are in force
      (an actor one only excludes active on some day it is), covering units and zones,
      linked to earlier ones; alliances of two or three
      members within the alliance's period and their own lifetimes; hostilities;
      support over time; events inside and outside covered territories (coordinates,
      when given, inside the location's polygon); violations dated while their
      agreement may be in force, by an actor active then;
    * every date from ``start`` to ``end``, at a precision drawn from ``precisions``
      (default any: year, month or day); names from ``names`` (default: short
      names from the field, in several scripts).

    Ids are readable and unique across the world: ``a0`` (actors), ``t0``/``t0.1``
    (territories, dotted by tree position), ``z0`` (zones), ``c0``, ``g0``, ``al0``,
    ``h0``, ``sp0``, ``e0``, ``v0``, ``src0``.

    Warnings (see ``docs/rules.md``) may be reported: imprecise hand-overs (CM402,
    CM404), actors allied and hostile at once (CM501) or supporting an enemy (CM502)
    happen in the field too. With ``allow_warnings=False`` the world has no finding at
    all: ``cm.validate(s).findings == ()``.

    Shrinks to one state (``a0``) and one country (``t0``) and nothing else; a failing
    world shrinks towards few actors, a short chain of territories, the records it
    needs, names from the front of the name lists, dates near ``start`` known only to
    the year.
    """
    check_sizes("actors", min_actors, max_actors, ceiling=1000)
    check_sizes("territories", min_territories, max_territories, ceiling=1000)
    check_sizes("records", 0, max_records, ceiling=1000)
    check_date("start", start)
    check_date("end", end)
    if start > end:
        raise InvalidArgument(f"start={start} is after end={end}")
    check_strategy("names", names)
    check_strategy("precisions", precisions)
    if not isinstance(allow_warnings, bool):
        raise InvalidArgument(f"allow_warnings={allow_warnings!r} must be a boolean")
    options = Options(
        min_actors=min_actors,
        max_actors=max_actors,
        min_territories=min_territories,
        max_territories=max_territories,
        max_records=max_records,
        start=start.toordinal(),
        end=end.toordinal(),
        names=names,
        precisions=precisions,
        allow_warnings=allow_warnings,
    )
    return _World(draw, options).build()
