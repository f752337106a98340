"""Geometry helpers for the boundary importer: geodesic area and line simplification.

Area: each ring's area on the sphere of the WGS 84 authalic radius (6,371,007.2 m),
by the spherical-excess line integral ``A = R^2 / 2 * |sum (lon2 - lon1) *
(2 + sin lat1 + sin lat2)|`` (Chamberlain & Duquette 2007, the formula d3-geo and Turf
use); holes are subtracted. For polygons the size of a country its error against the
ellipsoid is a few tenths of a percent.

Simplification: Douglas-Peucker per ring with a tolerance in degrees, keeping each ring
closed and at least four positions (a ring that would collapse is kept as it was).
"""

from __future__ import annotations

import itertools
import math
from typing import Any

from conflictmodel._model._geometry import Geometry, GeometryType

__all__ = ["area_km2", "simplify"]

_RADIUS_KM = 6371.0072


def _ring_area(ring: tuple[tuple[float, ...], ...]) -> float:
    total = 0.0
    rad = math.radians
    for (lon1, lat1, *_), (lon2, lat2, *_) in itertools.pairwise(ring):
        total += rad(lon2 - lon1) * (2.0 + math.sin(rad(lat1)) + math.sin(rad(lat2)))
    return abs(total) * _RADIUS_KM * _RADIUS_KM / 2.0


def _polygons(geometry: Geometry) -> tuple[Any, ...]:
    if geometry.type is GeometryType.POLYGON:
        return (geometry.coordinates,)
    if geometry.type is GeometryType.MULTI_POLYGON:
        return geometry.coordinates
    return ()


def area_km2(geometry: Geometry) -> float | None:
    """The area in square kilometres of a (multi)polygon; ``None`` for other types."""
    polygons = _polygons(geometry)
    if not polygons:
        return None
    area = 0.0
    for polygon in polygons:
        outer, *holes = polygon
        area += _ring_area(outer) - sum(_ring_area(hole) for hole in holes)
    return area if area > 0.0 else None


def _douglas_peucker(points: list[tuple[float, ...]], tolerance: float) -> list[tuple[float, ...]]:
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1, *_), (x2, y2, *_) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy)
        worst, index = -1.0, -1
        for i in range(first + 1, last):
            px, py = points[i][0], points[i][1]
            if norm == 0.0:
                distance = math.hypot(px - x1, py - y1)
            else:
                distance = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / norm
            if distance > worst:
                worst, index = distance, i
        if index != -1 and worst > tolerance:
            keep[index] = True
            stack.extend(((first, index), (index, last)))
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _simplify_ring(ring: tuple[tuple[float, ...], ...], tolerance: float) -> tuple[tuple[float, ...], ...]:
    # Split the closed ring at its farthest point from the start so that both halves
    # are open lines, as Douglas-Peucker needs.
    points = list(ring)
    x0, y0 = points[0][0], points[0][1]
    far = max(range(len(points)), key=lambda i: (points[i][0] - x0) ** 2 + (points[i][1] - y0) ** 2)
    if far in (0, len(points) - 1):
        return ring
    first = _douglas_peucker(points[: far + 1], tolerance)
    second = _douglas_peucker(points[far:], tolerance)
    result = tuple(first[:-1] + second)
    return result if len(result) >= 4 else ring


def simplify(geometry: Geometry, tolerance: float) -> Geometry:
    """``geometry`` with each polygon ring simplified to within ``tolerance`` degrees."""
    if tolerance <= 0.0 or not _polygons(geometry):
        return geometry
    given: Any = geometry.coordinates  # rings, or polygons of rings, by the type
    if geometry.type is GeometryType.POLYGON:
        coordinates: Any = tuple(_simplify_ring(ring, tolerance) for ring in given)
    else:
        coordinates = tuple(tuple(_simplify_ring(ring, tolerance) for ring in polygon) for polygon in given)
    return Geometry(type=geometry.type, coordinates=coordinates)
