"""How far a territory is partitioned on a day: shares per controller by area, population
or count, the effective number of controllers, and the recognised government's share.

The territory is cut into weighed *pieces* along the administrative tree (see
:func:`partition` and ``docs/queries.md``); each piece's control state decides where its
weight goes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING, Literal

import attrs

from conflictmodel._model._actors import ActorKind
from conflictmodel._model._dates import DayLike
from conflictmodel._model._errors import UnknownIdError
from conflictmodel._model._frozenmap import FrozenMap
from conflictmodel._model._territory import TerritoryKind

from ._control import day_ordinal, inherited_state
from ._control_state import ControlKind, ControlState

if TYPE_CHECKING:
    from conflictmodel._model._territory import Territory

    from ._index import Indexes

__all__ = ["Partition", "Share", "Weight", "partition"]

Weight = Literal["area", "population", "count"]
"""What a partition weighs pieces by: ``area_km2``, ``population``, or one per piece."""

REMAINDER_TOLERANCE = 0.01
"""A territory's weight not accounted for by its subdivisions is a piece of its own,
unless it is below this fraction of the territory's weight (rounding in the data)."""

_HOLDING = frozenset({ControlKind.HELD, ControlKind.JOINT, ControlKind.CONTESTED, ControlKind.BESIEGED})
_UNDETERMINED = frozenset({ControlKind.PARTIAL, ControlKind.DIVIDED, ControlKind.CONFLICTING})
_ISO3_KEYS = ("iso3", "iso3166_1", "iso3166_1_alpha3")


@attrs.frozen(kw_only=True)
class Share:
    """The pieces held by one set of ``controllers`` (several: jointly): their total
    ``weight`` and ``share`` of the partition's total weight."""

    controllers: tuple[str, ...]
    weight: float
    share: float


@attrs.frozen(kw_only=True)
class Partition:
    """Who holds how much of ``within`` on ``day``, weighed by ``weight``.

    * ``shares``: one :class:`Share` per set of controllers holding whole pieces (held,
      joint, contested or besieged), largest first; joint control is its own bloc;
    * ``by_actor``: each actor's share, joint pieces split equally among their holders;
    * ``contested``: the share held under contest or siege (already inside ``shares``);
    * ``unrecorded``, ``ambiguous``, ``undetermined``: the shares of pieces nobody is
      recorded to hold, whose holder depends on imprecise dates, and that are held only
      in part, divided or recorded in conflict;
    * ``effective_controllers``: ``(sum of s)**2 / sum of s**2`` over ``shares``, which is
      ``1 / sum of p**2`` for the shares renormalised to the held weight (1 means one
      controller holds everything held; ``None`` when nothing is held);
    * ``government`` and ``government_share``: the recognised government used (given or
      inferred) and the share held by blocs that include it, an actor under it or under
      its state (``None`` when no government is known);
    * ``pieces``: how many pieces were weighed; ``unweighted``: pieces left out because
      they have no weight of the chosen kind.

    Shares are fractions of ``total``, the weight of every piece weighed, so ``shares``,
    ``unrecorded``, ``ambiguous`` and ``undetermined`` add up to 1 (when ``total`` > 0).
    """

    within: str
    day: dt.date
    weight: Weight
    total: float
    shares: tuple[Share, ...]
    by_actor: FrozenMap[float]
    contested: float
    unrecorded: float
    ambiguous: float
    undetermined: float
    effective_controllers: float | None
    government: str | None
    government_share: float | None
    pieces: int
    unweighted: tuple[str, ...]

    def share_of(self, actor: str) -> float:
        """The share of ``actor`` (joint pieces split equally), 0.0 if it holds nothing."""
        return self.by_actor.get(actor, 0.0)


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


def partition(
    ix: Indexes, day: DayLike, *, within: str, weight: Weight = "area", government: str | None = None
) -> Partition:
    """Shares of ``within`` per controller on ``day``; see :meth:`Scenario.partition`."""
    if weight not in ("area", "population", "count"):
        raise ValueError(f"weight must be 'area', 'population' or 'count', not {weight!r}")
    ordinal = day_ordinal(day)
    tree = ix.tree
    if within not in tree.by_id:
        raise UnknownIdError(within)
    order, subdivisions, effective = _cut(ix, within, weight)
    placed: list[tuple[ControlState, float]] = []
    unweighted: list[str] = []
    for node in order:
        subs = subdivisions[node]
        if not subs:
            amount = effective[node]
            if amount is None:
                unweighted.append(node)
            else:
                placed.append((_own_or_inherited(ix, node, ordinal), amount))
            continue
        own = None if weight == "count" else _weight_of(tree.by_id[node], weight)
        if own is not None:
            covered = sum(w for s in subs if (w := effective[s]) is not None)
            if own - covered > REMAINDER_TOLERANCE * own:
                placed.append((_own_or_inherited(ix, node, ordinal), own - covered))
    return _tally(
        ix, within=within, ordinal=ordinal, weight=weight, placed=placed, unweighted=unweighted, government=government
    )


def _tally(
    ix: Indexes,
    *,
    within: str,
    ordinal: int,
    weight: Weight,
    placed: list[tuple[ControlState, float]],
    unweighted: list[str],
    government: str | None,
) -> Partition:
    # Summed by the identity of the controllers tuple first (pieces that inherit one state
    # share it), so that a bloc of c controllers is hashed once, not once per piece.
    by_tuple: dict[int, tuple[tuple[str, ...], float]] = {}
    actors: dict[str, float] = defaultdict(float)
    other = {ControlKind.UNRECORDED: 0.0, ControlKind.AMBIGUOUS: 0.0}
    undetermined = contested = 0.0
    for state, amount in placed:
        if state.kind in _HOLDING:
            key = id(state.controllers)
            found = by_tuple.get(key)
            by_tuple[key] = (state.controllers, amount if found is None else found[1] + amount)
            if state.kind in (ControlKind.CONTESTED, ControlKind.BESIEGED):
                contested += amount
        elif state.kind in _UNDETERMINED:
            undetermined += amount
        else:
            other[state.kind] += amount
    blocs: dict[tuple[str, ...], float] = defaultdict(float)
    for holders, amount in by_tuple.values():
        blocs[holders] += amount
    # Each bloc's weight is shared equally between its controllers, once per bloc rather
    # than once per piece: pieces inheriting one big bloc must not cost pieces x controllers.
    for holders, amount in blocs.items():
        for actor in holders:
            actors[actor] += amount / len(holders)
    total = sum(amount for _, amount in placed)

    def frac(amount: float) -> float:
        return amount / total if total else 0.0

    shares = tuple(
        Share(controllers=holders, weight=amount, share=frac(amount))
        for holders, amount in sorted(blocs.items(), key=lambda item: (-item[1], item[0]))
    )
    held = sum(blocs.values())
    squares = sum(amount * amount for amount in blocs.values())
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
        total=total,
        shares=shares,
        by_actor=FrozenMap({actor: frac(amount) for actor, amount in actors.items()}),
        contested=frac(contested),
        unrecorded=frac(other[ControlKind.UNRECORDED]),
        ambiguous=frac(other[ControlKind.AMBIGUOUS]),
        undetermined=frac(undetermined),
        effective_controllers=held * held / squares if squares else None,
        government=chosen,
        government_share=government_share,
        pieces=len(placed),
        unweighted=tuple(sorted(unweighted)),
    )
