"""A day's control map as the pictures and exports draw it: each unit with geometry, its
control state, its blocs with their shares and colours; the legend; the zones in force."""

from __future__ import annotations

import datetime as dt

import attrs

from conflictmodel._model._agreements import Agreement
from conflictmodel._model._dates import DayLike, as_day
from conflictmodel._model._geometry import GeometryType
from conflictmodel._model._scenario import Scenario
from conflictmodel._model._territory import Territory, TerritoryKind
from conflictmodel._queries._control_state import ControlKind, ControlState

from ._blocs import Bloc, Palette, bloc_shares, blocs_on
from ._shapes import planar_area

__all__ = ["AREAL", "DayMap", "Unit", "ZoneInForce", "day_map", "drawn_state"]

AREAL = frozenset({GeometryType.POLYGON, GeometryType.MULTI_POLYGON})
_HOLDING = frozenset(
    {ControlKind.HELD, ControlKind.JOINT, ControlKind.CONTESTED, ControlKind.BESIEGED, ControlKind.PARTIAL}
)


@attrs.frozen(kw_only=True)
class Unit:
    """A territory with geometry on the day: its ``state``, the ``blocs`` holding it
    with their shares (largest first; empty when nobody is recorded to hold it, or the
    answer is ambiguous or conflicting) and the ``colours`` of those blocs."""

    territory: Territory
    state: ControlState
    blocs: tuple[tuple[Bloc, float], ...]
    colours: tuple[str, ...]

    @property
    def colour(self) -> str | None:
        """The colour of the largest bloc, or ``None`` when no bloc holds it."""
        return self.colours[0] if self.colours else None


@attrs.frozen(kw_only=True)
class ZoneInForce:
    """A zone some agreement covering it is in force on the day: its ``number`` on the
    map, the ``agreements`` (ids) and the ``components`` whose outline it is."""

    zone: Territory
    number: int
    agreements: tuple[str, ...]
    components: tuple[Territory, ...]


@attrs.frozen(kw_only=True)
class DayMap:
    """What a map of ``day`` shows.

    ``units`` are the territories with geometry, areal ones first in the order they are
    painted (country, governorates, districts, sub-districts, then what lies inside
    those: coarse levels show wherever finer ones have no record), then points;
    ``legend`` the blocs holding some unit, with their colours, the largest first;
    ``zones`` the zones under an agreement in force.
    """

    scenario: Scenario
    day: dt.date
    units: tuple[Unit, ...]
    legend: tuple[tuple[Bloc, str], ...]
    zones: tuple[ZoneInForce, ...]


def _depth(scenario: Scenario, territory: Territory) -> int:
    depth, seen = 0, territory
    while seen.parent is not None and depth < 64:
        parent = scenario.find(seen.parent, Territory)
        if parent is None:
            break
        depth, seen = depth + 1, parent
    return depth


def drawn_state(state: ControlState) -> bool:
    """Whether a unit is painted with its own state (not one derived from its parts,
    which are painted themselves)."""
    return state.kind in _HOLDING and not state.derived


def _components(scenario: Scenario, zone: Territory, seen: set[str]) -> list[Territory]:
    out: list[Territory] = []
    for member in sorted(zone.components):
        territory = scenario.find(member, Territory)
        if territory is None or member in seen:
            continue
        seen.add(member)
        if territory.geometry is not None and territory.geometry.type in AREAL:
            out.append(territory)
        else:
            out.extend(_components(scenario, territory, seen))
    return out


def _zones(scenario: Scenario, day: DayLike) -> tuple[ZoneInForce, ...]:
    covering: dict[str, list[str]] = {}
    for in_force in scenario.agreements_in_force(day):
        agreement = scenario.get(in_force.agreement, Agreement)
        for covered in agreement.covers:
            covering.setdefault(covered, []).append(agreement.id)
    zones = []
    for zone in sorted(scenario.territories, key=lambda t: (t.name, t.id)):
        if zone.kind is not TerritoryKind.ZONE or zone.id not in covering:
            continue
        parts: tuple[Territory, ...]
        if zone.geometry is not None and zone.geometry.type in AREAL:
            parts = (zone,)
        else:
            parts = tuple(_components(scenario, zone, {zone.id}))
        if parts:
            zones.append((zone, tuple(sorted(covering[zone.id])), parts))
    return tuple(
        ZoneInForce(zone=zone, number=n, agreements=agreements, components=parts)
        for n, (zone, agreements, parts) in enumerate(zones, start=1)
    )


def day_map(scenario: Scenario, day: DayLike, *, palette: Palette | None = None) -> DayMap:
    """The map of ``day``: see :class:`DayMap`. ``palette`` keeps colours across days
    (one :class:`~conflictmodel.maps.Palette` for a sequence of maps)."""
    the_day = as_day(day)
    shaped = [t for t in scenario.territories if t.geometry is not None and t.kind is not TerritoryKind.ZONE]
    states = scenario.control_map(the_day, territories=[t.id for t in shaped])
    blocs = blocs_on(scenario, the_day)
    held: list[tuple[Territory, ControlState, tuple[tuple[Bloc, float], ...]]] = []
    weight: dict[str, float] = {}
    legend_blocs: dict[str, Bloc] = {}
    for territory in shaped:
        state = states[territory.id]
        shares = bloc_shares(scenario, blocs, state) if drawn_state(state) else ()
        held.append((territory, state, shares))
        area = territory.area_km2 or planar_area(territory.geometry)  # type: ignore[arg-type]
        for bloc, share in shares:
            legend_blocs[bloc.key] = bloc
            weight[bloc.key] = weight.get(bloc.key, 0.0) + share * area / (1 + _depth(scenario, territory))
    order = sorted(legend_blocs, key=lambda key: (-weight[key], key))
    colours = (palette or Palette()).colours(legend_blocs[key] for key in order)
    points = sorted((h for h in held if h[0].geometry.type not in AREAL), key=lambda h: h[0].id)  # type: ignore[union-attr]
    areal = sorted(
        (h for h in held if h[0].geometry.type in AREAL),  # type: ignore[union-attr]
        key=lambda h: (_depth(scenario, h[0]), h[0].id),
    )
    units = tuple(
        Unit(territory=t, state=state, blocs=shares, colours=tuple(colours[b.key] for b, _ in shares))
        for t, state, shares in [*areal, *points]
    )
    legend = tuple((legend_blocs[key], colours[key]) for key in order)
    return DayMap(scenario=scenario, day=the_day, units=units, legend=legend, zones=_zones(scenario, the_day))
