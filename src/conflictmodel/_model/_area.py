"""The area of a polygonal geometry on the Earth, in square kilometres, in pure Python.

Edges are great-circle arcs between consecutive positions on a sphere of the WGS 84
authalic radius, the sphere with the ellipsoid's surface area. Each ring's area is the
sum over its edges of the exact spherical excess of the quadrilateral between the edge
and the equator (with a hemisphere added back for a ring that goes round a pole), which
stays exact for large rings and rings far from the equator; against the ellipsoid the
error is below 0.5 % at any latitude, far less than the error of any boundary a source
draws. Holes are subtracted from their polygon; the parts of a multipolygon are added.
Ring orientation does not matter.
"""

from __future__ import annotations

import math
from typing import Any

from ._geometry import Geometry, GeometryType

__all__ = ["AUTHALIC_RADIUS_KM", "area_km2", "ring_area_km2"]

AUTHALIC_RADIUS_KM = 6371.0072
"""The radius of the sphere with the WGS 84 ellipsoid's surface area."""


def ring_area_km2(ring: tuple[Any, ...]) -> float:
    """The area enclosed by one closed ring of ``(lon, lat)`` positions, in km².

    Of the two regions a ring bounds on the sphere, the smaller is taken.
    """
    excess = turned = 0.0
    for k in range(len(ring) - 1):
        lon1, lat1 = math.radians(ring[k][0]), math.radians(ring[k][1])
        lon2, lat2 = math.radians(ring[k + 1][0]), math.radians(ring[k + 1][1])
        delta = lon2 - lon1
        # the shorter way round: an edge never spans more than half the globe in longitude
        if delta > math.pi:
            delta -= 2 * math.pi
        elif delta < -math.pi:
            delta += 2 * math.pi
        t1, t2 = math.tan(lat1 / 2), math.tan(lat2 / 2)
        excess += 2 * math.atan2(math.tan(delta / 2) * (t1 + t2), 1 + t1 * t2)
        turned += delta
    # a ring that goes round a pole: the side holding the north pole is a hemisphere less
    round_a_pole = abs(turned) > math.pi
    enclosed = 2 * math.pi - math.copysign(excess, turned) if round_a_pole else abs(excess)
    enclosed = min(enclosed, 4 * math.pi - enclosed)
    return enclosed * AUTHALIC_RADIUS_KM * AUTHALIC_RADIUS_KM


def _polygon_area(rings: tuple[Any, ...]) -> float:
    if not rings:
        return 0.0
    outer = ring_area_km2(rings[0])
    return max(0.0, outer - sum(ring_area_km2(hole) for hole in rings[1:]))


def area_km2(geometry: Geometry) -> float | None:
    """The area of a polygon or multipolygon in km²; ``None`` for a geometry that
    encloses no area (points and lines)."""
    coordinates: Any = geometry.coordinates  # nested by the type, checked at construction
    if geometry.type is GeometryType.POLYGON:
        return _polygon_area(coordinates)
    if geometry.type is GeometryType.MULTI_POLYGON:
        return sum(_polygon_area(polygon) for polygon in coordinates)
    return None
