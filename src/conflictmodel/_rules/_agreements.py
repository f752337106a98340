"""CM6xx, agreements and events: events located where their coordinates are, violations
dated while their agreement was in force and by actors it binds, and agreements in force
with a period that says when.

Each rule is registered with :func:`~._registry.rule`; ``docs/rules.md`` has its entry and a
failing example.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from conflictmodel._model._agreements import AgreementStatus, Role
from conflictmodel._model._events import CoordinatePrecision
from conflictmodel._model._geometry import Geometry, GeometryType, contains_point
from conflictmodel._model._walks import chain

from ._context import Context, finding
from ._registry import Rule, rule
from ._report import Finding, Severity

__all__ = ["NEAR_MARGIN_DEGREES"]


NEAR_MARGIN_DEGREES = 0.25
"""How far outside a territory's bounding box a point of ``near`` precision may lie
(about 25 km, UCDP's "near")."""


_AREAL = frozenset({GeometryType.POLYGON, GeometryType.MULTI_POLYGON})
# members as module globals, read per record (a read off the class is slow: docs/performance.md)
_EXACT, _NEAR = CoordinatePrecision.EXACT, CoordinatePrecision.NEAR


def _has_positions(geometry: Geometry) -> bool:
    return any(any(ring for ring in polygon) for polygon in _polygons(geometry))


def _polygons(geometry: Geometry) -> tuple[Any, ...]:
    return (geometry.coordinates,) if geometry.type is GeometryType.POLYGON else geometry.coordinates


class _Shapes:
    """The nearest polygonal geometry at or above each territory, found once per territory."""

    def __init__(self, ctx: Context) -> None:
        self.territories = ctx.territories
        self.found: dict[str, tuple[str, Geometry] | None] = {}

    def find(self, territory_id: str) -> tuple[str, Geometry] | None:
        if territory_id in self.found:
            return self.found[territory_id]
        seen: set[str] = set()
        current: str | None = territory_id
        result = None
        while current is not None and current in self.territories and current not in seen:
            seen.add(current)
            territory = self.territories[current][1]
            geometry = territory.geometry
            # A polygon with no positions (which the model may let through) outlines no
            # place: look above it, as for a territory without a geometry.
            if geometry is not None and geometry.type in _AREAL and _has_positions(geometry):
                result = (current, geometry)
                break
            current = territory.parent
        self.found[territory_id] = result
        return result


@rule(
    "CM601",
    "event-outside-location",
    Severity.WARNING,
    "An event's coordinates lie outside its location",
    """When the event's location (or the nearest territory above it) has a polygon
    geometry, coordinates of ``exact`` precision must lie inside it, and coordinates of
    ``near`` precision within about 25 km of its bounding box. Otherwise the location
    or the coordinates are wrong, and the event is counted in the wrong place (for
    example inside or outside a de-escalation zone). Coarser precisions are not
    checked.""",
)
def _event_location(ctx: Context, rule: Rule) -> Iterator[Finding]:
    shapes = _Shapes(ctx)
    for i, event in enumerate(ctx.scenario.events):
        point, location = event.coordinates, event.location
        if point is None or location is None:
            continue
        precision = point.precision
        if precision is not _EXACT and precision is not _NEAR:
            continue
        found = shapes.find(location)
        if found is None:
            continue
        holder, geometry = found
        if precision is _EXACT:
            wrong = not contains_point(geometry, point.lon, point.lat)
        else:
            west, south, east, north = geometry.bbox()
            m = NEAR_MARGIN_DEGREES
            wrong = not (west - m <= point.lon <= east + m and south - m <= point.lat <= north + m)
        if wrong:
            message = (
                f"event {event.id!r} at ({point.lat}, {point.lon}, {point.precision.value}) lies outside "
                f"the geometry of {holder!r}"
            )
            yield finding(rule, message, (event.id, holder), f"$.events[{i}].coordinates")


@rule(
    "CM602",
    "violation-outside-in-force",
    Severity.WARNING,
    "A violation is dated when its agreement was not in force",
    """An agreement can only be breached while it is in force. A stored violation whose
    date certainly lies outside the agreement's ``in_force`` period is dated wrongly or
    names the wrong agreement.""",
)
def _violation_dates(ctx: Context, rule: Rule) -> Iterator[Finding]:
    agreements = {a.id: a for a in reversed(ctx.scenario.agreements)}
    for i, violation in enumerate(ctx.scenario.violations):
        agreement = agreements.get(violation.agreement)
        if agreement is None or agreement.in_force is None:
            continue
        span = ctx.span(agreement.in_force)
        date = violation.date
        if date.latest.toordinal() < span[0] or date.earliest.toordinal() > span[3]:
            message = (
                f"violation {violation.id!r} is dated {date}, outside the period {agreement.in_force} "
                f"in which {agreement.id!r} was in force"
            )
            yield finding(rule, message, (violation.id, agreement.id), f"$.violations[{i}].date")


@rule(
    "CM603",
    "in-force-without-period",
    Severity.WARNING,
    "An agreement's status says it is in force, but it has no in-force period",
    """Queries read when an agreement is in force from its ``in_force`` period alone:
    an agreement without one is in force on no day, so ``agreements_in_force`` never
    lists it and ``violations_of`` derives no candidates, whatever its ``status`` says.
    Give the period (from its signing, or from the date it took effect, open-ended when
    it still holds), or correct the status.""",
)
def _in_force_without_period(ctx: Context, rule: Rule) -> Iterator[Finding]:
    for i, agreement in enumerate(ctx.scenario.agreements):
        if agreement.status is AgreementStatus.IN_FORCE and agreement.in_force is None:
            message = f"agreement {agreement.id!r} has status 'in_force' but no in_force period"
            yield finding(rule, message, (agreement.id,), f"$.agreements[{i}].in_force")


@rule(
    "CM604",
    "violation-by-excluded-actor",
    Severity.WARNING,
    "A violation names as its violator an actor its agreement excludes",
    """An agreement's terms do not bind an actor it names ``excluded`` (a ceasefire that
    does not apply to a designated group), nor the actors under it, so neither can breach
    it: a stored violation by one names the wrong violator or the wrong agreement.
    (``violations_of`` derives no candidate from such an actor's acts either.)""",
)
def _violation_by_excluded(ctx: Context, rule: Rule) -> Iterator[Finding]:
    agreements = {a.id: a for a in reversed(ctx.scenario.agreements)}
    parents = {a.id: a.parent for a in reversed(ctx.scenario.actors)}
    for i, violation in enumerate(ctx.scenario.violations):
        agreement = agreements.get(violation.agreement)
        excluded = frozenset(() if agreement is None else agreement.actors_with(Role.EXCLUDED))
        held = _first_above(violation.violator, parents, excluded) if excluded else None
        if held is not None:
            under = "" if held == violation.violator else f" (under {held!r})"
            message = (
                f"violation {violation.id!r} names {violation.violator!r}{under} as its violator, "
                f"an actor {violation.agreement!r} excludes"
            )
            yield finding(rule, message, (violation.id, violation.agreement), f"$.violations[{i}].violator")


def _first_above(actor: str, parents: dict[str, str | None], wanted: frozenset[str]) -> str | None:
    """The first of ``wanted`` among ``actor`` and the actors above it (a cycle is cut)."""
    return next((a for a in (actor, *chain(actor, parents.get)) if a in wanted), None)
