"""Geodesic areas of polygons: exact on the sphere, against shapes whose area is known."""

import math

import pytest

import conflictmodel as cm
from conflictmodel._model._area import AUTHALIC_RADIUS_KM, area_km2, ring_area_km2

SPHERE = 4 * math.pi * AUTHALIC_RADIUS_KM**2
OCTANT = ((0.0, 0.0), (90.0, 0.0), (0.0, 90.0), (0.0, 0.0))


def polygon(*rings: tuple[tuple[float, float], ...]) -> cm.Geometry:
    return cm.Geometry(type=cm.GeometryType.POLYGON, coordinates=rings)


def cap(lat: float, points: int = 720) -> tuple[tuple[float, float], ...]:
    """A ring along a parallel: with many points, nearly the polar cap above it."""
    ring = tuple((-180.0 + 360.0 * k / points, lat) for k in range(points))
    return (*ring, ring[0])


def test_an_octant_of_the_sphere_is_an_eighth_of_it() -> None:
    assert SPHERE / 8 == pytest.approx(ring_area_km2(OCTANT), rel=1e-12)
    assert SPHERE / 8 == pytest.approx(ring_area_km2(tuple(reversed(OCTANT))), rel=1e-12)  # either orientation


def test_a_ring_near_a_parallel_encloses_the_polar_cap() -> None:
    # a cap above latitude phi has area 2 pi R^2 (1 - sin phi); great-circle edges between
    # points along the parallel bulge poleward, so the ring holds a little less
    expected = 2 * math.pi * AUTHALIC_RADIUS_KM**2 * (1 - math.sin(math.radians(60)))
    assert expected == pytest.approx(ring_area_km2(cap(60.0)), rel=1e-4)


def test_a_small_square_at_the_equator_is_nearly_flat() -> None:
    side = math.radians(0.01) * AUTHALIC_RADIUS_KM
    square = ((0.0, 0.0), (0.01, 0.0), (0.01, 0.01), (0.0, 0.01), (0.0, 0.0))
    assert side * side == pytest.approx(ring_area_km2(square), rel=1e-6)


def test_holes_are_subtracted_and_parts_added() -> None:
    outer = ((0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0), (0.0, 0.0))
    hole = ((0.5, 0.5), (1.0, 0.5), (1.0, 1.0), (0.5, 1.0), (0.5, 0.5))
    other = ((10.0, 0.0), (11.0, 0.0), (11.0, 1.0), (10.0, 1.0), (10.0, 0.0))
    holed = area_km2(polygon(outer, hole))
    assert holed is not None
    assert holed == pytest.approx(ring_area_km2(outer) - ring_area_km2(hole))
    multi = cm.Geometry(type=cm.GeometryType.MULTI_POLYGON, coordinates=((outer, hole), (other,)))
    assert area_km2(multi) == pytest.approx(holed + ring_area_km2(other))


def test_syria_sized_box_has_a_plausible_area() -> None:
    # 35.7E-42.4E, 32.3N-37.3N holds Syria (185,180 km2) and more
    box = ((35.7, 32.3), (42.4, 32.3), (42.4, 37.3), (35.7, 37.3), (35.7, 32.3))
    assert 330_000 < ring_area_km2(box) < 345_000


def test_geometries_without_area_have_none() -> None:
    assert area_km2(cm.Geometry(type=cm.GeometryType.POINT, coordinates=(1.0, 2.0))) is None
    line = cm.Geometry(type=cm.GeometryType.LINE_STRING, coordinates=((1.0, 2.0), (3.0, 4.0)))
    assert area_km2(line) is None
