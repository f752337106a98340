"""Plane geometry for drawing: the projection, SVG paths, areas, and the outline of a
union of coverage polygons."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from conflictmodel._model._geometry import Geometry, GeometryType

__all__ = ["PathCache", "Projection", "bbox_of", "label_point", "outline", "planar_area", "polygons_of"]

Ring = tuple[tuple[float, ...], ...]


def polygons_of(geometry: Geometry) -> tuple[tuple[Ring, ...], ...]:
    """The polygons of an areal geometry (one for a Polygon), each its rings."""
    coordinates: Any = geometry.coordinates  # nested by the type, checked at construction
    if geometry.type is GeometryType.POLYGON:
        return (coordinates,)
    if geometry.type is GeometryType.MULTI_POLYGON:
        return coordinates  # type: ignore[no-any-return]
    return ()


def _ring_area(ring: Ring) -> float:
    return 0.5 * sum(ring[k][0] * ring[k + 1][1] - ring[k + 1][0] * ring[k][1] for k in range(len(ring) - 1))


def planar_area(geometry: Geometry) -> float:
    """The area in square degrees, scaled by the cosine of the latitude (a weight for
    ordering, not a measurement); 0 for points and lines."""
    total = 0.0
    for polygon in polygons_of(geometry):
        lat = polygon[0][0][1]
        total += (abs(_ring_area(polygon[0])) - sum(abs(_ring_area(h)) for h in polygon[1:])) * math.cos(
            math.radians(lat)
        )
    return total


@attrs.frozen(kw_only=True)
class Projection:
    """Longitude and latitude to SVG pixels: equirectangular, scaled by the cosine of the
    middle latitude so that shapes keep their proportions, ``scale`` pixels per degree
    of latitude, north up, ``margin`` pixels around ``bbox`` (west, south, east, north)."""

    bbox: tuple[float, float, float, float]
    scale: float
    margin: float = 10.0

    @classmethod
    def fitting(cls, bbox: tuple[float, float, float, float], width: float, margin: float = 10.0) -> Projection:
        """The projection that draws ``bbox`` ``width`` pixels wide."""
        west, south, east, north = bbox
        stretch = math.cos(math.radians((south + north) / 2))
        return cls(bbox=bbox, scale=(width - 2 * margin) / ((east - west) * stretch), margin=margin)

    @property
    def _stretch(self) -> float:
        return math.cos(math.radians((self.bbox[1] + self.bbox[3]) / 2))

    @property
    def size(self) -> tuple[float, float]:
        """Width and height in pixels."""
        west, south, east, north = self.bbox
        return (
            (east - west) * self._stretch * self.scale + 2 * self.margin,
            (north - south) * self.scale + 2 * self.margin,
        )

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        """The pixel of a position."""
        return (
            self.margin + (lon - self.bbox[0]) * self._stretch * self.scale,
            self.margin + (self.bbox[3] - lat) * self.scale,
        )


class PathCache:
    """SVG path data of geometries under one projection, made once per geometry (kept
    by identity: geometries are immutable, and the cache lives no longer than a page)."""

    def __init__(self, project: Projection, *, shared: bool = False) -> None:
        self.project = project
        self.shared = shared
        self._paths: dict[int, tuple[Geometry, str]] = {}
        self._ids: dict[int, str] = {}
        a = project._stretch * project.scale  # noqa: SLF001 - the projection's own constant
        self._x = (project.margin - project.bbox[0] * a, a)
        self._y = (project.margin + project.bbox[3] * project.scale, project.scale)

    def _line(self, points: Iterable[tuple[float, ...]]) -> str:
        x0, a = self._x
        y0, b = self._y
        parts = []
        last = ""
        for point in points:
            here = "%.1f,%.1f" % (x0 + point[0] * a, y0 - point[1] * b)  # noqa: UP031 - twice as fast as an f-string
            if here != last:
                parts.append(here)
                last = here
        return "M" + "L".join(parts)

    def rings(self, geometry: Geometry) -> str:
        """The path data of an areal geometry (even-odd holes)."""
        kept = self._paths.get(id(geometry))
        if kept is None or kept[0] is not geometry:
            d = "".join(self._line(ring) + "Z" for polygon in polygons_of(geometry) for ring in polygon)
            kept = (geometry, d)
            self._paths[id(geometry)] = kept
        return kept[1]

    def shape(self, geometry: Geometry, attributes: str, inner: str) -> str:
        """An SVG element drawing an areal geometry with ``attributes`` and ``inner``
        content: a ``<path>``, or in a shared cache a ``<use>`` of the path defined once."""
        space = " " if attributes else ""
        if not self.shared:
            return f'<path{space}{attributes} d="{self.rings(geometry)}">{inner}</path>'
        self.rings(geometry)
        ident = self._ids.setdefault(id(geometry), f"cm-g{len(self._ids)}")
        return f'<use{space}{attributes} href="#{ident}">{inner}</use>'

    def defs(self) -> str:
        """The paths a shared cache's ``<use>`` elements refer to, as an invisible SVG."""
        paths = "".join(f'<path id="{ident}" d="{self._paths[key][1]}"/>' for key, ident in self._ids.items())
        return f'<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>{paths}</defs></svg>'

    def lines(self, lines: Iterable[Iterable[tuple[float, ...]]]) -> str:
        """The path data of open lines."""
        return "".join(self._line(line) for line in lines)


def bbox_of(geometries: Iterable[Geometry]) -> tuple[float, float, float, float]:
    """The bounds (west, south, east, north) of areal geometries' outer rings."""
    lons: list[float] = []
    lats: list[float] = []
    for geometry in geometries:
        for polygon in polygons_of(geometry):
            ring_lons = [p[0] for p in polygon[0]]
            ring_lats = [p[1] for p in polygon[0]]
            lons += (min(ring_lons), max(ring_lons))
            lats += (min(ring_lats), max(ring_lats))
    return (min(lons), min(lats), max(lons), max(lats))


def outline(geometries: Iterable[Geometry]) -> list[list[tuple[float, ...]]]:
    """The boundary of the union of coverage polygons (neighbours share vertex-identical
    edges): the edges that only one polygon has, chained into lines."""
    count: dict[tuple[tuple[float, ...], tuple[float, ...]], int] = {}
    for geometry in geometries:
        for polygon in polygons_of(geometry):
            for ring in polygon:
                for a, b in itertools.pairwise(ring):
                    key = (a, b) if a <= b else (b, a)
                    count[key] = count.get(key, 0) + 1
    edges = [key for key, n in count.items() if n == 1]
    return list(_chains(edges))


def _chains(edges: list[tuple[tuple[float, ...], tuple[float, ...]]]) -> Iterator[list[tuple[float, ...]]]:
    around: dict[tuple[float, ...], list[tuple[float, ...]]] = {}
    for a, b in edges:
        around.setdefault(a, []).append(b)
        around.setdefault(b, []).append(a)
    used: set[tuple[tuple[float, ...], tuple[float, ...]]] = set()
    for a, b in edges:
        if (a, b) in used:
            continue
        used.add((a, b))
        line = [a, b]
        here = b
        while True:
            step = next((n for n in around[here] if (here, n) not in used and (n, here) not in used), None)
            if step is None:
                break
            used.add((here, step) if here <= step else (step, here))
            line.append(step)
            here = step
        yield line


def label_point(geometries: Iterable[Geometry]) -> tuple[float, float]:
    """A point to label a group of polygons: the middle of the largest ring's bounds."""
    best: Any = None
    best_area = -1.0
    for geometry in geometries:
        for polygon in polygons_of(geometry):
            area = abs(_ring_area(polygon[0]))
            if area > best_area:
                best, best_area = polygon[0], area
    lons = [p[0] for p in best]
    lats = [p[1] for p in best]
    return ((min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2)
