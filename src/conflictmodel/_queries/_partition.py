"""How far a territory is partitioned on a day: shares per controller set, actor or camp
by area, population or count, the effective number of blocs, and the recognised
government's share.

The territory is cut into weighed *pieces* along the administrative tree (see
:func:`partition` and ``docs/queries.md``); each piece's control state decides where its
weight goes, and a piece held in part goes, in the portions its records state, to their
controllers.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING, Literal

import attrs

from conflictmodel._model._actors import ActorKind
from conflictmodel._model._area import area_km2
from conflictmodel._model._arguments import choice, optional_id
from conflictmodel._model._dates import DayLike
from conflictmodel._model._errors import AmbiguousTerritoryError
from conflictmodel._model._frozenmap import FrozenMap
from conflictmodel._model._html import html_table
from conflictmodel._model._territory import TerritoryKind

from ._camps import camps
from ._control import day_ordinal, inherited_state
from ._control_state import ControlKind, ControlState

if TYPE_CHECKING:
    from conflictmodel._model._control import Control
    from conflictmodel._model._territory import Territory

    from ._index import Indexes

__all__ = ["Grouping", "Partition", "Share", "Weight", "default_country", "partition"]

Weight = Literal["area", "population", "count"]
"""What a partition weighs pieces by: ``area_km2``, ``population``, or one per piece."""

Grouping = Literal["controllers", "actor", "camp"]
"""What a partition's ``shares`` are grouped by: the set of controllers holding a piece
(joint control its own bloc), each actor (joint pieces split equally), or the camps of the
day (:func:`~._camps.camps` restricted to the territory)."""

REMAINDER_TOLERANCE = 0.01
"""A territory's weight not accounted for by its subdivisions is a piece of its own,
unless it is below this fraction of the territory's weight (rounding in the data)."""

_HOLDING = frozenset({ControlKind.HELD, ControlKind.JOINT, ControlKind.CONTESTED, ControlKind.BESIEGED})
_UNDETERMINED = frozenset({ControlKind.PARTIAL, ControlKind.DIVIDED, ControlKind.CONFLICTING})
_UNDER_FIRE = frozenset({ControlKind.CONTESTED, ControlKind.BESIEGED})
# members as module globals, read per record (a read off the class is slow: docs/performance.md)
_PARTIAL, _AMBIGUOUS = ControlKind.PARTIAL, ControlKind.AMBIGUOUS
_GROUPINGS = ("controllers", "actor", "camp")
_ISO3_KEYS = ("iso3", "iso3166_1", "iso3166_1_alpha3")


@attrs.frozen(kw_only=True)
class Share:
    """What one group holds: its total ``weight`` and ``share`` of the partition's total.

    Grouped by ``controllers``, ``controllers`` is the set holding the pieces (several:
    jointly); by ``actor``, it is the one actor; by ``camp``, it is the camp's members
    that hold something, and ``camp`` lists all the camp's members (empty otherwise).
    """

    controllers: tuple[str, ...]
    weight: float
    share: float
    camp: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Partition:
    """Who holds how much of ``within`` on ``day``, weighed by ``weight``.

    * ``shares``: one :class:`Share` per group (``by``): per set of controllers holding
      pieces (held, joint, contested or besieged, or the stated portion of a piece held in
      part), largest first, joint control its own bloc; or per actor; or per camp;
    * ``by_actor``: each actor's share, joint pieces split equally among their holders;
    * ``contested``: the share held under contest or siege (already inside ``shares``);
    * ``unrecorded``, ``ambiguous``, ``undetermined``: the shares of pieces nobody is
      recorded to hold, whose holder depends on imprecise dates, and that no record
      accounts for: the part of a partially held piece that no stated portion covers, and
      pieces divided or recorded in conflict;
    * ``effective_controllers``: ``(sum of s)**2 / sum of s**2`` over ``shares``, which is
      ``1 / sum of p**2`` for the shares renormalised to the held weight (1 means one
      controller holds everything held; ``None`` when nothing is held);
    * ``government`` and ``government_share``: the recognised government used (given or
      inferred) and the share held by blocs that include it, an actor under it or under
      its state (``None`` when no government is known);
    * ``pieces``: how many pieces were weighed; ``unweighted``: pieces left out because
      they have no weight of the chosen kind.

    Shares are fractions of ``total``, the weight of every piece weighed, so ``shares``,
    ``unrecorded``, ``ambiguous`` and ``undetermined`` add up to 1 (when ``total`` > 0),
    whatever the grouping.
    """

    within: str
    day: dt.date
    weight: Weight
    by: Grouping
    total: float
    shares: tuple[Share, ...]
    by_actor: FrozenMap[float]
    contested: float
    unrecorded: float
    ambiguous: float
    undetermined: float
    effective_controllers: float | None = None
    government: str | None = None
    government_share: float | None = None
    pieces: int
    unweighted: tuple[str, ...]

    def share_of(self, actor: str) -> float:
        """The share of ``actor`` (joint pieces split equally), 0.0 if it holds nothing."""
        return self.by_actor.get(actor, 0.0)

    def _repr_html_(self) -> str:
        """The partition as a notebook shows it: the blocs, largest first, and the rest."""
        rows: list[tuple[str, str, str]] = [
            (" + ".join(share.controllers), f"{share.weight:,.6g}", f"{share.share:.1%}") for share in self.shares
        ]
        rest = (("unrecorded", self.unrecorded), ("ambiguous", self.ambiguous), ("undetermined", self.undetermined))
        notes = [f"{name}: {value:.1%}" for name, value in rest if value]
        if self.effective_controllers is not None:
            notes.append(f"effective number of controllers: {self.effective_controllers:.2f}")
        if self.government is not None and self.government_share is not None:
            notes.append(f"held by the government ({self.government}) and those under it: {self.government_share:.1%}")
        notes.append(
            f"{self.pieces} pieces weighed by {self.weight}"
            + (f", {len(self.unweighted)} without weight" if self.unweighted else "")
        )
        return html_table(
            f"Partition of {self.within} on {self.day.isoformat()}",
            ("controllers", self.weight, "share"),
            rows,
            notes=notes,
        )


def _weight_of(territory: Territory, weight: Weight) -> float | None:
    """A territory's own weight by area or population (``count`` weighs pieces, not territories)."""
    if weight == "area":
        return territory.area_km2
    return None if territory.population is None else float(territory.population)


def _country_code(ix: Indexes, within: str) -> str | None:
    tree = ix.tree
    for tid in (within, *tree.ancestors(within)):
        territory = tree.by_id[tid]
        if territory.kind is TerritoryKind.COUNTRY:
            for key in _ISO3_KEYS:
                code = territory.external_ids.get(key)
                if code is not None:
                    return code
            return None
    return None


def infer_government(ix: Indexes, within: str, day: int) -> str | None:
    """The one actor of kind ``government`` whose ``country`` is the ISO 3166-1 alpha-3
    code (external id ``iso3``) of the country at or above ``within`` and that may be
    active on the day; ``None`` when there is not exactly one."""
    code = _country_code(ix, within)
    if code is None:
        return None
    found = [
        actor.id
        for actor in ix.actors.by_id.values()
        if actor.kind is ActorKind.GOVERNMENT
        and actor.country == code
        and (actor.active is None or actor.active.possibly_contains(dt.date.fromordinal(day)))
    ]
    return found[0] if len(found) == 1 else None


def _pieces_of(ix: Indexes, territory: str) -> tuple[str, ...]:
    """What a territory is cut into: its children that are not zones (a zone overlaps
    its siblings), or, for a territory without children, its components."""
    tree = ix.tree
    children = tree.children.get(territory, ())
    if children:
        return tuple(c for c in children if not tree.by_id[c].components)
    components = tree.by_id[territory].components
    return tuple(sorted(c for c in components if c != territory and c in tree.by_id))


def _own_or_inherited(ix: Indexes, territory: str, day: int) -> ControlState:
    """A piece's state: its own records, else the enclosing territory's it inherits.

    A piece is never derived from parts: a leaf has none that are weighed, and the
    remainder of a territory is exactly what its parts do not cover.
    """
    own = ix.controls.own_state(territory, day)
    if own.kind is not ControlKind.UNRECORDED:
        return own
    return inherited_state(ix, territory, day) or own


def _cut(
    ix: Indexes, within: str, weight: Weight
) -> tuple[list[str], dict[str, tuple[str, ...]], dict[str, float | None]]:
    """The pieces tree under ``within`` in pre-order, each node's subdivisions, and each
    node's effective weight: its own, or else the sum of its subdivisions' (``None`` when
    nothing under it is weighed; with ``count``, its number of leaves). Cycles are cut."""
    order: list[str] = []
    seen = {within}
    stack = [within]
    subdivisions: dict[str, tuple[str, ...]] = {}
    while stack:
        node = stack.pop()
        order.append(node)
        subs = tuple(s for s in _pieces_of(ix, node) if s not in seen)
        seen.update(subs)
        subdivisions[node] = subs
        stack.extend(reversed(subs))
    effective: dict[str, float | None] = {}
    for node in reversed(order):
        subs = subdivisions[node]
        if weight == "count":
            effective[node] = float(sum(effective[s] or 0.0 for s in subs)) if subs else 1.0
            continue
        own = _weight_of(ix.tree.by_id[node], weight)
        if own is not None:
            effective[node] = own
            continue
        known = [w for s in subs if (w := effective[s]) is not None]
        effective[node] = sum(known) if known else None
    return order, subdivisions, effective


def default_country(ix: Indexes, argument: str = "within") -> str:
    """The scenario's only territory of kind ``country``; raises
    :class:`~conflictmodel.AmbiguousTerritoryError` listing the countries when there is
    not exactly one."""
    countries = ix.tree.countries
    if len(countries) != 1:
        raise AmbiguousTerritoryError(argument, countries)
    return countries[0]


def _portion_of(record: Control, weight: Weight, whole: float) -> float:
    """The fraction of its territory a partial record with a portion holds: by the
    portion's geometry when weighing by area and it encloses an area, else its
    ``fraction``; at most 1."""
    portion = record.portion
    assert portion is not None  # noqa: S101 - only records with a portion are indexed
    if weight == "area" and portion.geometry is not None and whole > 0:
        measured = area_km2(portion.geometry)
        if measured is not None:
            return min(1.0, measured / whole)
    return portion.fraction


Placed = tuple[ControlState, float, float]
"""A piece's state, its weight, and the whole weight of the territory whose state it is."""


def partition(
    ix: Indexes,
    day: DayLike,
    *,
    within: str | None = None,
    weight: Weight = "area",
    by: Grouping = "controllers",
    government: str | None = None,
) -> Partition:
    """Shares of ``within`` per controller on ``day``; see :meth:`Scenario.partition`."""
    weight = choice(weight, "weight", ("area", "population", "count"))  # type: ignore[assignment]
    by = choice(by, "by", _GROUPINGS)  # type: ignore[assignment]
    government = optional_id(government, "government")
    ordinal = day_ordinal(day)
    tree = ix.tree
    within = default_country(ix) if within is None else ix.territory(within, "within")
    order, subdivisions, effective = _cut(ix, within, weight)
    placed: list[Placed] = []
    unweighted: list[str] = []
    for node in order:
        subs = subdivisions[node]
        if not subs:
            amount = effective[node]
            if amount is None:
                unweighted.append(node)
            else:
                placed.append((_own_or_inherited(ix, node, ordinal), amount, amount))
            continue
        own = None if weight == "count" else _weight_of(tree.by_id[node], weight)
        if own is not None:
            covered = sum(w for s in subs if (w := effective[s]) is not None)
            if own - covered > REMAINDER_TOLERANCE * own:
                placed.append((_own_or_inherited(ix, node, ordinal), own - covered, own))
    return _tally(
        ix,
        within=within,
        ordinal=ordinal,
        weight=weight,
        by=by,
        placed=placed,
        unweighted=unweighted,
        government=government,
    )


def _portions(
    ix: Indexes, state: ControlState, weight: Weight, whole: float
) -> list[tuple[tuple[str, ...], float]] | None:
    """The stated portions of a partially held piece: each record's sorted controllers
    and fraction, scaled down together when they add up to more than the whole (which
    CM405 reports). ``None`` when a record that only possibly covers the day states a
    portion (the split then depends on imprecise dates)."""
    found = ix.controls.portions
    if any(rid in found for rid in state.uncertain):
        return None
    stated = [
        (tuple(sorted(record.controllers)), _portion_of(record, weight, whole))
        for rid in state.records
        if (record := found.get(rid)) is not None
    ]
    total = sum(fraction for _, fraction in stated)
    if total > 1.0:
        stated = [(holders, fraction / total) for holders, fraction in stated]
    return stated


def _distribute(
    ix: Indexes, weight: Weight, placed: list[Placed]
) -> tuple[dict[tuple[str, ...], float], dict[ControlKind, float], float]:
    """Each piece's weight to the controller sets holding it, or to the kind of answer
    that leaves it unheld; and the weight held under contest or siege."""
    blocs: dict[tuple[str, ...], float] = defaultdict(float)
    # Held pieces are summed by the identity of their controllers tuple first (pieces that
    # inherit one state share it), so a bloc of c controllers is hashed once, not per piece.
    held: dict[int, tuple[tuple[str, ...], float]] = {}
    other = {ControlKind.UNRECORDED: 0.0, ControlKind.AMBIGUOUS: 0.0, ControlKind.PARTIAL: 0.0}
    contested = 0.0
    for state, amount, whole in placed:
        kind = state.kind
        if kind in _HOLDING:
            found = held.get(id(state.controllers))
            held[id(state.controllers)] = (state.controllers, amount if found is None else found[1] + amount)
            if kind in _UNDER_FIRE:
                contested += amount
        elif kind is _PARTIAL and not state.derived and not state.inherited:
            stated = _portions(ix, state, weight, whole)
            if stated is None:
                other[_AMBIGUOUS] += amount
                continue
            for holders, fraction in stated:
                blocs[holders] += amount * fraction
            other[_PARTIAL] += amount * max(0.0, 1.0 - sum(f for _, f in stated))
        elif kind in _UNDETERMINED:
            other[_PARTIAL] += amount
        else:
            other[kind] += amount
    for holders, amount in held.values():
        blocs[holders] += amount
    return blocs, other, contested


def _per_actor(blocs: dict[tuple[str, ...], float]) -> dict[str, float]:
    actors: dict[str, float] = defaultdict(float)
    for holders, amount in blocs.items():
        for actor in holders:
            actors[actor] += amount / len(holders)
    return actors


def _groups(
    ix: Indexes, by: Grouping, ordinal: int, within: str, blocs: dict[tuple[str, ...], float]
) -> list[tuple[tuple[str, ...], float, tuple[str, ...]]]:
    """The weight of each group: controller set, actor, or camp (a joint bloc whose
    holders are in different camps is split equally among them, as between actors)."""
    if by == "controllers":
        return [(holders, amount, ()) for holders, amount in blocs.items()]
    actors = _per_actor(blocs)
    if by == "actor":
        return [((actor,), amount, ()) for actor, amount in actors.items()]
    camp_of: dict[str, tuple[str, ...]] = {}
    for camp in camps(ix, dt.date.fromordinal(ordinal), within=within):
        for member in camp.members:
            camp_of[member] = camp.members
    holding: dict[tuple[str, ...], set[str]] = defaultdict(set)
    weights: dict[tuple[str, ...], float] = defaultdict(float)
    for actor, amount in actors.items():
        members = camp_of.get(actor, (actor,))
        holding[members].add(actor)
        weights[members] += amount
    return [(tuple(sorted(holding[members])), amount, members) for members, amount in weights.items()]


def _tally(
    ix: Indexes,
    *,
    within: str,
    ordinal: int,
    weight: Weight,
    by: Grouping,
    placed: list[Placed],
    unweighted: list[str],
    government: str | None,
) -> Partition:
    blocs, other, contested = _distribute(ix, weight, placed)
    total = sum(amount for _, amount, _ in placed)

    def frac(amount: float) -> float:
        return amount / total if total else 0.0

    groups = _groups(ix, by, ordinal, within, blocs)
    shares = tuple(
        Share(controllers=holders, weight=amount, share=frac(amount), camp=members)
        for holders, amount, members in sorted(groups, key=lambda item: (-item[1], item[0]))
    )
    held = sum(amount for _, amount, _ in groups)
    squares = sum(amount * amount for _, amount, _ in groups)
    chosen = government if government is not None else infer_government(ix, within, ordinal)
    government_share = None
    if chosen is not None:
        lineage = ix.actors.lineage
        record = ix.actors.by_id.get(chosen)
        sides = {chosen} if record is None or record.parent is None else {chosen, record.parent}
        government_share = frac(
            sum(amount for holders, amount in blocs.items() if any(sides.intersection(lineage(a)) for a in holders))
        )
    return Partition(
        within=within,
        day=dt.date.fromordinal(ordinal),
        weight=weight,
        by=by,
        total=total,
        shares=shares,
        by_actor=FrozenMap({actor: frac(amount) for actor, amount in _per_actor(blocs).items()}),
        contested=frac(contested),
        unrecorded=frac(other[ControlKind.UNRECORDED]),
        ambiguous=frac(other[ControlKind.AMBIGUOUS]),
        undetermined=frac(other[ControlKind.PARTIAL]),
        effective_controllers=held * held / squares if squares else None,
        government=chosen,
        government_share=government_share,
        pieces=len(placed),
        unweighted=tuple(sorted(unweighted)),
    )
