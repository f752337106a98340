"""The scenario: the aggregate root that holds every record of one modelled world."""

from __future__ import annotations

import operator
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar, overload

import attrs

from . import _fields as r
from ._actors import Actor
from ._agreements import Agreement, Role
from ._alignment import Alliance, AllianceKind, Hostility, Support
from ._arguments import id_argument
from ._control import Control
from ._dates import DayLike, PartialDate
from ._errors import ArgumentError, UnknownIdError
from ._events import Event
from ._frozenmap import FrozenMap
from ._html import html_table
from ._provenance import Source
from ._territory import Territory
from ._violations import Violation

if TYPE_CHECKING:
    from conflictmodel._queries._camps import Camp, Reading, Tie
    from conflictmodel._queries._compliance import AgreementViolations, InForce, Perpetrators
    from conflictmodel._queries._control_state import ControlChange, ControlPeriod, ControlState
    from conflictmodel._queries._engine import QueryEngine
    from conflictmodel._queries._partition import Grouping, Partition, Weight
    from conflictmodel._rules._report import Report

__all__ = ["COLLECTIONS", "Meta", "Record", "Scenario"]

Record = Source | Actor | Alliance | Support | Hostility | Territory | Control | Agreement | Event | Violation
"""Any top-level object of a scenario."""

R = TypeVar("R", bound=Record)


@attrs.frozen(kw_only=True)
class Meta:
    """What a scenario is about and the day it describes the world as of."""

    title: str = attrs.field(validator=r.text)
    description: str | None = attrs.field(default=None, validator=r.optional_text)
    as_of: PartialDate | None = attrs.field(default=None, validator=r.optional_partial_date)
    sources: frozenset[str] = attrs.field(default=frozenset(), validator=r.id_set())


def _by_id(records: tuple[R, ...]) -> tuple[R, ...]:
    if type(records) is not tuple:
        return records  # the validator explains what is wrong
    try:
        ids = list(map(_id_of, records))  # in C: no Python call per record
    except AttributeError:
        return records
    if not set(map(type, ids)) <= {str}:
        return records
    if ids == sorted(ids):  # a canonical document is already in order
        return records
    return tuple(sorted(records, key=_id_of))


_id_of = operator.attrgetter("id")


def _records(kind: type[Any]) -> Any:
    return attrs.field(default=(), converter=_by_id, validator=r.tuple_of(kind))


@attrs.frozen(kw_only=True, repr=False)
class Scenario:
    """One modelled world: its metadata and its records, each collection ordered by id.

    Immutable: make changes with :func:`attrs.evolve`, which builds a new scenario.
    Lookups and queries build their indexes once, on first use, and keep them (safe
    because the scenario never changes). Its ``repr`` is one line (title, as-of day,
    counts); in a notebook it shows as a table of the counts. A lookup or query given an
    argument of the wrong type (an id that is not a ``str``) raises
    :class:`~conflictmodel.ArgumentError` naming it.
    """

    meta: Meta = attrs.field(validator=r.instance(Meta))
    sources: tuple[Source, ...] = _records(Source)
    actors: tuple[Actor, ...] = _records(Actor)
    alliances: tuple[Alliance, ...] = _records(Alliance)
    supports: tuple[Support, ...] = _records(Support)
    hostilities: tuple[Hostility, ...] = _records(Hostility)
    territories: tuple[Territory, ...] = _records(Territory)
    controls: tuple[Control, ...] = _records(Control)
    agreements: tuple[Agreement, ...] = _records(Agreement)
    events: tuple[Event, ...] = _records(Event)
    violations: tuple[Violation, ...] = _records(Violation)
    _index: dict[str, Record] | None = attrs.field(default=None, init=False, eq=False, repr=False, hash=False)
    # A QueryEngine once built; typed Any because the format layer resolves these annotations
    # at run time, where the queries layer is not imported.
    _query_indexes: Any = attrs.field(default=None, init=False, eq=False, repr=False, hash=False)

    def records(self) -> Iterator[Record]:
        """Every record, collection by collection in format order, each by id."""
        for name in COLLECTIONS:
            yield from getattr(self, name)

    def __len__(self) -> int:
        return sum(len(getattr(self, name)) for name in COLLECTIONS)

    def __repr__(self) -> str:
        as_of = f" as of {self.meta.as_of}" if self.meta.as_of is not None else ""
        counts = ", ".join(f"{len(getattr(self, name))} {name}" for name in COLLECTIONS if getattr(self, name))
        total = len(self)
        return f"<Scenario {self.meta.title!r}{as_of}: {total} record{'s' if total != 1 else ''}" + (
            f" ({counts})>" if counts else ">"
        )

    def _repr_html_(self) -> str:
        """The scenario as a notebook shows it: the records by collection."""
        as_of = f" — as of {self.meta.as_of}" if self.meta.as_of is not None else ""
        rows = [(name, len(getattr(self, name))) for name in COLLECTIONS]
        return html_table(f"{self.meta.title}{as_of}", ("collection", "records"), rows, notes=[f"{len(self)} records"])

    def _ids(self) -> dict[str, Record]:
        index = self._index
        if index is None:
            index = {}
            for record in self.records():
                index.setdefault(record.id, record)
            object.__setattr__(self, "_index", index)
        return index

    @overload
    def get(self, id: str) -> Record: ...
    @overload
    def get(self, id: str, kind: type[R]) -> R: ...
    def get(self, id: str, kind: type[Any] | None = None) -> Any:  # noqa: A002 - the domain's own word
        """The record with this id; raise :class:`UnknownIdError` if there is none.

        With ``kind`` (``s.get("ru", cm.Actor)``) the record must be of that class,
        which also tells a type checker what comes back; a record of another kind
        counts as absent. Cost: O(1) after a one-time O(n) index build. With duplicate
        ids (which validation reports) the first in format order wins.

        Raises :class:`~conflictmodel.ArgumentError` for an ``id`` that is not a ``str``
        or a ``kind`` that is not a record class (``cm.Actor``, ``cm.Territory``, ...).
        """
        record = self.find(id) if kind is None else self.find(id, kind)
        if record is None:
            raise UnknownIdError(id, kind=None if kind is None else kind.__name__)
        return record

    @overload
    def find(self, id: str) -> Record | None: ...
    @overload
    def find(self, id: str, kind: type[R]) -> R | None: ...
    def find(self, id: str, kind: type[Any] | None = None) -> Any:  # noqa: A002
        """The record with this id (of ``kind``, when given), or ``None``. Cost and
        errors: as :meth:`get`."""
        try:
            record = (self._index or self._ids()).get(id)
        except TypeError:  # unhashable: _lookup says what is wrong
            record = None
        if record is not None and (kind is None or type(record) is kind):
            return record
        return self._lookup(id, kind)

    def _lookup(self, id: object, kind: object) -> Record | None:  # noqa: A002
        """The record with this id and of this kind, or ``None``: the one place where
        lookups check their arguments (only on a miss or with a kind, so a hit costs no
        more than the dict lookup)."""
        try:
            record = self._ids().get(id)  # type: ignore[call-overload]
        except TypeError:  # unhashable: no id, as the check below says
            record = None
        if kind is not None and not (isinstance(kind, type) and kind in RECORD_KINDS):
            raise ArgumentError("kind", kind, "a record class (cm.Actor, cm.Territory, ...) or None")
        if record is None:
            id_argument(id, "id")
            return None
        return record if kind is None or type(record) is kind else None

    def __contains__(self, id: object) -> bool:  # noqa: A002 - the domain's own word
        """Whether a record has this id; :class:`~conflictmodel.ArgumentError` for an
        ``id`` that is not a ``str`` (as ``5 in "text"`` is a ``TypeError``)."""
        return self._lookup(id, None) is not None

    # --- invariants and queries (docs/rules.md, docs/queries.md) ------------------

    def _indexes(self) -> QueryEngine:
        indexes: QueryEngine | None = self._query_indexes
        if indexes is None:
            # The one reference from the records layer up to the queries layer, made on
            # first use so that importing the model never loads the queries (see
            # docs/architecture.md). Later calls find the engine in the slot.
            from conflictmodel._queries._engine import QueryEngine  # noqa: PLC0415

            indexes = QueryEngine(self)
            object.__setattr__(self, "_query_indexes", indexes)
        return indexes

    def check(self, *, select: str | Iterable[str] | None = None, ignore: str | Iterable[str] | None = None) -> Report:
        """Validate the scenario (see :func:`~conflictmodel.validate`); raise
        :class:`~conflictmodel.InvariantError` carrying the report if any rule of
        severity ``error`` is broken, else return the report (which may hold warnings).

        Cost: O(n log n).
        """
        from conflictmodel._rules._report import InvariantError  # noqa: PLC0415
        from conflictmodel._rules._validate import validate  # noqa: PLC0415 - see _indexes

        report = validate(self, select=select, ignore=ignore)
        if not report.ok:
            raise InvariantError(report)
        return report

    def controllers_on(self, territory: str, day: DayLike) -> ControlState:
        """Who holds ``territory`` on ``day``: a :class:`~conflictmodel.ControlState`.

        From the territory's own records when any possibly covers the day (``ambiguous``
        when the answer depends on imprecise dates, ``conflicting`` when records
        contradict each other); else derived from its parts (children and zone
        components); else inherited from the nearest enclosing territory whose record
        says who holds all of it; else ``unrecorded``. See ``docs/queries.md``.

        Raises :class:`~conflictmodel.UnknownIdError` for an id that is not a territory.
        Cost: O(log n) for a territory with records (O(1) once the day's segment is
        cached); a derived state visits every territory inside (O(k log n)).
        """
        return (self._query_indexes or self._indexes()).controllers_on(territory, day)

    def controllers_on_many(self, queries: Iterable[tuple[str, DayLike]]) -> tuple[ControlState, ...]:
        """:meth:`controllers_on` for many ``(territory, day)`` pairs, in their order.

        Cost: a sorted sweep. The pairs are grouped by territory and each group's days
        sorted, so each territory's segments are walked once in order, and each segment
        asked about gets its state built once (O(L log n) for the L records that overlap
        on one day); day parsing and derived states are shared between the questions.
        The answers, and the first error raised, are those of :meth:`controllers_on`
        asked pair by pair.
        """
        return self._indexes().controllers_on_many(queries)

    def control_map(self, day: DayLike, *, territories: Iterable[str] | None = None) -> FrozenMap[ControlState]:
        """Territory id to its :class:`~conflictmodel.ControlState` on ``day``, for every
        territory (or those given). Cost: O(t log n) for t territories.
        """
        return self._indexes().control_map(day, territories)

    def timeline(self, territory: str) -> tuple[ControlPeriod, ...]:
        """The control of ``territory`` over time: one :class:`~conflictmodel.ControlPeriod`
        per stretch of days with the same answer, in order, from the first recorded day
        to the last (unrecorded gaps between records included).

        Cost: O(b log n) for a territory with its own records only, b being the number of
        date bounds of its records; with parts or enclosing territories, every bound of
        theirs is evaluated too.
        """
        return self._indexes().timeline(territory)

    def changes_between(
        self, first: DayLike, second: DayLike, *, within: str | None = None
    ) -> tuple[ControlChange, ...]:
        """The territories (all, or ``within`` and those inside it) whose control differs
        between two days, by id: :class:`~conflictmodel.ControlChange` objects.
        Cost: O(t log n) for t territories.
        """
        return self._indexes().changes_between(first, second, within)

    def territories_in(self, territory: str) -> tuple[str, ...]:
        """Every territory inside ``territory`` (children, zone components and theirs),
        sorted, without itself. Cost: O(k) for k territories inside.
        """
        return self._indexes().territories_in(territory)

    def partition(
        self,
        day: DayLike,
        *,
        within: str | None = None,
        weight: Weight = "area",
        by: Grouping = "controllers",
        government: str | None = None,
    ) -> Partition:
        """How ``within`` is divided on ``day``, weighed by ``area`` (``area_km2``),
        ``population`` or ``count`` (one per piece), with the shares grouped ``by`` the
        set of ``controllers`` holding a piece (joint control its own bloc), by
        ``actor`` (joint pieces split equally), or by ``camp`` (the camps of that day
        within the territory, :meth:`camps`). A partial control record's stated
        :class:`~conflictmodel.Portion` of a piece goes to its controllers (by the area
        of the portion's geometry when weighing by area and it has one); only what no
        record accounts for is ``undetermined``. Also the effective number of groups and
        the recognised government's share (``government``, or inferred: the one actor
        of kind ``government`` whose ``country`` is the ``iso3`` external id of the
        country at or above ``within``). See :class:`~conflictmodel.Partition` and
        ``docs/queries.md``.

        ``within`` defaults to the scenario's only territory of kind ``country``; with
        none or several, :class:`~conflictmodel.AmbiguousTerritoryError` lists them.

        Cost: O(t log n) for t territories inside ``within``; ``by="camp"`` adds the
        cost of :meth:`camps` for ``within``.
        """
        return self._indexes().partition(day, within=within, weight=weight, by=by, government=government)

    def allies_of(self, actor: str, day: DayLike, *, kinds: Iterable[AllianceKind] | None = None) -> tuple[Tie, ...]:
        """The actors allied with ``actor`` on ``day`` through alliances (of the given
        ``kinds``, or any) in which both are members that day; one
        :class:`~conflictmodel.Tie` per ally, by id. Direct alliances only; actors above
        or below in the hierarchy are not included.

        Cost: O(log d + m) for d memberships of the actor and m members of its alliances.
        """
        return self._indexes().allies_of(actor, day, kinds)

    def supporters_of(self, actor: str, day: DayLike, *, include_alleged: bool = True) -> tuple[Tie, ...]:
        """The actors supporting ``actor`` on ``day``, one :class:`~conflictmodel.Tie` each
        (with the kinds of support and whether it is only alleged), by id.
        Cost: O(log d + k) for d supports the actor receives.
        """
        return self._indexes().supporters_of(actor, day, include_alleged)

    def clients_of(self, actor: str, day: DayLike, *, include_alleged: bool = True) -> tuple[Tie, ...]:
        """The actors ``actor`` supports on ``day``, one :class:`~conflictmodel.Tie` each,
        by id. Cost: O(log d + k) for d supports the actor gives.
        """
        return self._indexes().clients_of(actor, day, include_alleged)

    def enemies_of(self, actor: str, day: DayLike) -> tuple[Tie, ...]:
        """The actors on the other side of a hostility with ``actor`` on ``day``, one
        :class:`~conflictmodel.Tie` each, by id. Cost: O(log d + k).
        """
        return self._indexes().enemies_of(actor, day)

    def camps(
        self,
        day: DayLike,
        *,
        within: str | None = None,
        reading: Reading = "certainly",
        include_alleged: bool = False,
        alliance_kinds: Iterable[AllianceKind] | None = None,
    ) -> tuple[Camp, ...]:
        """The camps of the war being fought on ``day``, largest first.

        Actors are joined by ties taken in ranks (:data:`~conflictmodel.TIE_RANKS`),
        those that bear most directly on the fighting first: a unit and its parent;
        joint control of territory; the same side of a hostility (a war first); support
        with troops or air support, then with weapons and other military means; a
        coalition; other support (political, funding, ...); then any other alliance (a
        defence pact). Alliances count when of ``alliance_kinds`` (by default every kind
        but the guarantor format), supports when established (or alleged too, with
        ``include_alleged``), each record when it holds on the day by ``reading``. The
        ties of one rank join at once; where they would put actors hostile to each other
        that day into one camp, none of them joins that group and they are reported as
        bridges. The answer depends on the records' kinds, never on their ids or order.

        With ``within``, only the actors holding, contesting or besieging territory in
        it, or taking part in events there, that day, the actors backing them, and the
        actors above either in the hierarchy take part. See
        :class:`~conflictmodel.Camp` and ``docs/queries.md``.

        Cost: O(r log r) for the r records and actor slots (hostility sides, alliance
        members, controllers) holding on the day, plus the size of the answer; with
        ``within``, plus O(t log n) for the t territories inside it.
        """
        return self._indexes().camps(
            day, within=within, reading=reading, include_alleged=include_alleged, alliance_kinds=alliance_kinds
        )

    def agreements_in_force(self, day: DayLike, *, covering: str | None = None) -> tuple[InForce, ...]:
        """The agreements in force on ``day`` (by their ``in_force`` period), optionally
        only those covering territory ``covering``: listed in ``covers``, inside a listed
        territory (a parent or a zone up the chain), or a zone every component of which
        they cover; one :class:`~conflictmodel.InForce` each, by id, with the listed
        territories through which they cover it. See ``docs/queries.md``.

        Cost: O(L log n + k), plus the territories containing ``covering`` and its
        components.
        """
        return self._indexes().agreements_in_force(day, covering)

    def actors_of(self, agreement: str, day: DayLike, *, role: Role | None = None) -> tuple[Tie, ...]:
        """The actors holding a role (``role``, or any) in ``agreement`` on ``day``: none
        unless the agreement may be in force then or, for a round of talks, may be
        sitting (its ``met`` period), and only actors that may be active then. One
        :class:`~conflictmodel.Tie` each, by id. Cost: O(r) for r roles.
        """
        return self._indexes().actors_of(agreement, day, role)

    def violations_of(self, agreement: str, *, by: Perpetrators = "bound") -> AgreementViolations:
        """What is known of breaches of ``agreement``: the stored
        :class:`~conflictmodel.Violation` records naming it, and candidates derived from
        events: hostile events (battle, air strike, shelling, remote violence, attack on
        civilians, explosion) located inside its coverage while it may be in force, by
        perpetrators (side A and associated actors; both sides of a battle) that the
        agreement binds (``by="bound"``: its parties, signatories and guarantors, the
        actors under them, and for a government the state it acts for and that state's
        forces), or by anyone (``by="anyone"``); never a perpetrator the agreement names
        as ``excluded`` (itself or an actor above it), nor one acting only against
        excluded actors (a ceasefire that does not apply to the Islamic State is not
        breached by fighting it). Each :class:`~conflictmodel.CandidateViolation` also
        names the guarantors backing the perpetrators' side at the time.

        Named ``violations_of`` because ``violations`` is the collection of stored
        records. Cost: O(c·L log n + k) for c covered territories.
        """
        return self._indexes().violations_of(agreement, by=by)


RECORD_KINDS: frozenset[type[Any]] = frozenset(
    (Source, Actor, Alliance, Support, Hostility, Territory, Control, Agreement, Event, Violation)
)
"""The record classes, which ``kind`` of :meth:`Scenario.get` and :meth:`Scenario.find` accepts."""

COLLECTIONS: tuple[str, ...] = tuple(a.name for a in attrs.fields(Scenario) if a.init and a.name != "meta")
"""The names of the record collections, in the order the JSON format writes them."""
