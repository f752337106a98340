"""GeoJSON geometries (RFC 7946), immutable: nested tuples of ``(lon, lat)`` positions."""

from __future__ import annotations

import enum
import math
from typing import Any

import attrs

from . import _fields as r
from ._errors import FieldError

__all__ = ["COORDINATE_DEPTH", "Geometry", "GeometryCoordinates", "GeometryType", "Position", "contains_point"]

Position = tuple[float, ...]
"""One GeoJSON position: ``(longitude, latitude)`` or ``(longitude, latitude, altitude)``."""

GeometryCoordinates = (
    Position | tuple[Position, ...] | tuple[tuple[Position, ...], ...] | tuple[tuple[tuple[Position, ...], ...], ...]
)
"""The ``coordinates`` of a :class:`Geometry`, nested by its type: a position (Point), a
tuple of positions (MultiPoint, LineString), of lines or rings (MultiLineString, Polygon),
or of polygons (MultiPolygon)."""


class GeometryType(enum.Enum):
    """The GeoJSON geometry types (GeometryCollection is not supported)."""

    POINT = "Point"
    MULTI_POINT = "MultiPoint"
    LINE_STRING = "LineString"
    MULTI_LINE_STRING = "MultiLineString"
    POLYGON = "Polygon"
    MULTI_POLYGON = "MultiPolygon"


COORDINATE_DEPTH = {
    GeometryType.POINT: 0,
    GeometryType.MULTI_POINT: 1,
    GeometryType.LINE_STRING: 1,
    GeometryType.MULTI_LINE_STRING: 2,
    GeometryType.POLYGON: 2,
    GeometryType.MULTI_POLYGON: 3,
}
"""How deeply each geometry type nests its coordinates array: 0 is one position."""


def _check_position(path: str, value: Any) -> None:
    if type(value) is not tuple or len(value) not in (2, 3):
        raise FieldError(path, value, "a position (lon, lat) or (lon, lat, altitude)")
    for item in value:
        if type(item) is not float or not math.isfinite(item):
            raise FieldError(path, value, "a position of finite floats")
    lon, lat = value[0], value[1]
    if not -180.0 <= lon <= 180.0 or not -90.0 <= lat <= 90.0:
        raise FieldError(path, value, "a position with longitude in [-180, 180] and latitude in [-90, 90]")


def _plain_position(item: Any) -> bool:
    """Whether ``item`` is a valid (lon, lat) pair of floats, in one cheap test."""
    return (
        type(item) is tuple
        and len(item) == 2
        and type(item[0]) is float
        and type(item[1]) is float
        and -180.0 <= item[0] <= 180.0
        and -90.0 <= item[1] <= 90.0
    )


def _check_positions(path: str, value: Any, depth: int) -> None:
    if depth == 0:
        _check_position(path, value)
        return
    if type(value) is not tuple:
        raise FieldError(path, value, f"a tuple nested {depth} deep around positions")
    if not value:
        raise FieldError(path, value, "a non-empty array (RFC 7946 has no empty parts)")
    if depth == 1 and all(_plain_position(item) for item in value):
        return  # the common case, checked in one pass; anything else is explained below
    for index, item in enumerate(value):
        _check_positions(f"{path}[{index}]", item, depth - 1)


def _check_line(path: str, line: tuple[Any, ...]) -> None:
    if len(line) < 2:
        raise FieldError(path, line, "a line of at least 2 positions")


def _check_ring(path: str, ring: tuple[Any, ...]) -> None:
    if len(ring) < 4 or ring[0] != ring[-1]:
        raise FieldError(path, ring, "a closed ring of at least 4 positions (first == last)")


def _check_shape(kind: GeometryType, coordinates: tuple[Any, ...]) -> None:
    path = "coordinates"
    if kind is GeometryType.LINE_STRING:
        _check_line(path, coordinates)
    elif kind is GeometryType.MULTI_LINE_STRING:
        for i, line in enumerate(coordinates):
            _check_line(f"{path}[{i}]", line)
    elif kind is GeometryType.POLYGON:
        for i, ring in enumerate(coordinates):
            _check_ring(f"{path}[{i}]", ring)
    elif kind is GeometryType.MULTI_POLYGON:
        for i, polygon in enumerate(coordinates):
            for j, ring in enumerate(polygon):
                _check_ring(f"{path}[{i}][{j}]", ring)


@attrs.frozen(kw_only=True)
class Geometry:
    """A GeoJSON geometry: its ``type`` and ``coordinates`` as nested tuples of floats,
    positions in (longitude, latitude) order as RFC 7946 requires."""

    type: GeometryType = attrs.field(validator=r.member_of(GeometryType))
    coordinates: GeometryCoordinates = attrs.field()

    def __attrs_post_init__(self) -> None:
        _check_positions("coordinates", self.coordinates, COORDINATE_DEPTH[self.type])
        _check_shape(self.type, self.coordinates)

    @classmethod
    def from_geo_interface(cls, value: Any) -> Geometry:
        """A geometry from a GeoJSON geometry mapping or any object with a
        ``__geo_interface__`` (shapely, geopandas, …): lists become tuples and integer
        coordinates floats; anything not valid RFC 7946 raises :class:`FieldError`."""
        mapping = getattr(value, "__geo_interface__", value)
        if not isinstance(mapping, dict) or "type" not in mapping or "coordinates" not in mapping:
            raise FieldError("", value, "a GeoJSON geometry with 'type' and 'coordinates'")
        try:
            kind = GeometryType(mapping["type"])
        except ValueError:
            names = ", ".join(member.value for member in GeometryType)
            raise FieldError("type", mapping["type"], f"one of {names}") from None
        return cls(type=kind, coordinates=_as_tuples(mapping["coordinates"]))

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """The geometry as a GeoJSON mapping, as shapely, geopandas and folium read it."""
        return {"type": self.type.value, "coordinates": self.coordinates}

    def positions(self) -> list[tuple[float, ...]]:
        """Every position of the geometry, in order."""
        out: list[tuple[float, ...]] = []

        def walk(value: Any, depth: int) -> None:
            if depth == 0:
                out.append(value)
            else:
                for item in value:
                    walk(item, depth - 1)

        walk(self.coordinates, COORDINATE_DEPTH[self.type])
        return out

    def bbox(self) -> tuple[float, float, float, float]:
        """``(west, south, east, north)`` of the positions."""
        points = self.positions()
        lons = [p[0] for p in points]
        lats = [p[1] for p in points]
        return (min(lons), min(lats), max(lons), max(lats))


def _as_tuples(value: Any) -> Any:
    if not isinstance(value, list | tuple):
        return value
    if value and isinstance(value[0], list | tuple) and value[0] and not isinstance(value[0][0], list | tuple):
        return tuple(_as_position(item) for item in value)  # a line or ring: positions in one pass
    if value and not isinstance(value[0], list | tuple):
        return _as_position(value)
    return tuple(_as_tuples(item) for item in value)


def _as_position(item: Any) -> Any:
    if not isinstance(item, list | tuple):
        return item  # not a position: the constructor explains why
    if len(item) == 2 and type(item[0]) is float and type(item[1]) is float:
        return (item[0], item[1])
    return tuple(float(n) if type(n) is int else n for n in item)


# --- predicates -------------------------------------------------------------------


def _in_ring(lon: float, lat: float, ring: tuple[Any, ...]) -> bool:
    inside = False
    for k in range(len(ring) - 1):
        x1, y1 = ring[k][0], ring[k][1]
        x2, y2 = ring[k + 1][0], ring[k + 1][1]
        if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def _in_polygon(lon: float, lat: float, rings: tuple[Any, ...]) -> bool:
    return bool(rings) and _in_ring(lon, lat, rings[0]) and not any(_in_ring(lon, lat, h) for h in rings[1:])


def contains_point(geometry: Geometry, lon: float, lat: float) -> bool:
    """Whether a polygonal geometry contains a point (even-odd rule; holes excluded)."""
    coordinates: Any = geometry.coordinates  # nested by the type, checked at construction
    if geometry.type is GeometryType.POLYGON:
        return _in_polygon(lon, lat, coordinates)
    return any(_in_polygon(lon, lat, polygon) for polygon in coordinates)
