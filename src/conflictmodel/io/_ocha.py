"""OCHA common operational administrative boundaries (COD-AB) as GeoJSON, admin 0-3."""

from __future__ import annotations

import math
import re
from functools import partial
from typing import TYPE_CHECKING, Any

from conflictmodel._model._frozenmap import FrozenMap
from conflictmodel._model._geometry import Geometry, GeometryType
from conflictmodel._model._provenance import Source
from conflictmodel._model._territory import Territory, TerritoryKind

from ._builder import Builder, Progress, RowError
from ._geo import area_km2, simplify
from ._json import JsonStream
from ._numbers import flat_row, json_text
from ._source import Input, describe, open_binary

if TYPE_CHECKING:
    from conflictmodel._model._scenario import Record

    from ._report import Imported

__all__ = ["read_ocha_admin"]

DATASET = "ocha"

CITATION = Source(
    id="ocha:dataset",
    title="Common Operational Datasets: administrative boundaries (COD-AB)",
    publisher="UN OCHA, distributed on the Humanitarian Data Exchange",
    locator="https://data.humdata.org/",
)

_KINDS = (TerritoryKind.COUNTRY, TerritoryKind.ADMIN1, TerritoryKind.ADMIN2, TerritoryKind.ADMIN3)
_ARABIC = re.compile("[\u0600-\u06ff]")


def _level(properties: dict[str, Any]) -> int:
    for level in (3, 2, 1):
        if f"ADM{level - 1}_PCODE" in properties:
            return level
    return 0


def _text(properties: dict[str, Any], key: str) -> str | None:
    """A text property: a JSON string (``null``, empty or absent: none)."""
    return json_text(properties.get(key), key, "a text property")


def _floats(value: Any, depth: int) -> Any:
    if depth == 0:
        if type(value) is not list or len(value) not in (2, 3):
            raise RowError("the geometry holds a position that is not [lon, lat]", "geometry")
        out = []
        for number in value:
            if type(number) not in (int, float) or not math.isfinite(number):
                raise RowError("the geometry holds a coordinate that is not a number", "geometry")
            out.append(float(number))
        return tuple(out)
    if type(value) is not list:
        raise RowError("the geometry's coordinates are not nested arrays", "geometry")
    return tuple(_floats(item, depth - 1) for item in value)


_DEPTH = {"Polygon": 2, "MultiPolygon": 3}


def _geometry(feature: dict[str, Any]) -> Geometry | None:
    geometry = feature.get("geometry")
    if geometry is None:
        return None
    if not isinstance(geometry, dict) or not isinstance(geometry.get("type"), str) or geometry["type"] not in _DEPTH:
        raise RowError("the geometry is not a Polygon or MultiPolygon", "geometry")
    kind = GeometryType(geometry["type"])
    return Geometry(type=kind, coordinates=_floats(geometry.get("coordinates"), _DEPTH[kind.value]))


def _territory(builder: Builder, number: int, feature: Any, tolerance: float | None) -> list[Record]:
    if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
        raise RowError("the feature has no properties object")
    properties: dict[str, Any] = feature["properties"]
    row = flat_row(properties)
    code = _text(properties, "PCODE")
    if code is None:
        raise RowError("the feature has no P-code", "PCODE")
    name = _text(properties, "NAME_EN") or _text(properties, "NAM_EN_REF")
    if name is None:
        raise RowError("the feature has no English name", "NAME_EN")
    level = _level(properties)
    parent = _text(properties, f"ADM{level - 1}_PCODE") if level else None
    names = {"ar": arabic} if (arabic := _text(properties, "NAME_AR")) else {}
    aliases = {alias for key in ("NAM_EN_REF",) if (alias := _text(properties, key)) and alias != name}
    if level == 3 and _ARABIC.search(str(properties.get("ADM0_EN", ""))):
        builder.note("ADM0_EN holds Arabic and ADM0_AR Latin text (the known swap in the admin3 layer); kept verbatim")
    geometry = _geometry(feature)
    area = area_km2(geometry) if geometry is not None else None
    if geometry is not None and tolerance is not None:
        geometry = simplify(geometry, tolerance)
    builder.claim(code, number, "PCODE")
    external = {"pcode": code}
    if level == 0 and len(code) == 2:
        external["iso2"] = code
    return [
        Territory(
            id=f"{DATASET}:{code}",
            name=name,
            kind=_KINDS[level],
            parent=None if parent is None else f"{DATASET}:{parent}",
            area_km2=area,
            geometry=geometry,
            aliases=frozenset(aliases),
            names=FrozenMap(names),
            external_ids=FrozenMap(external),
            sources=builder.sources,
            origin=builder.origin(code, row),
        )
    ]


def read_ocha_admin(
    *sources: Input,
    version: str | None = None,
    simplify_tolerance: float | None = None,
    strict: bool = False,
    progress: Progress | None = None,
    keep_rows: bool = True,
) -> Imported:
    """Read OCHA COD-AB boundary layers (GeoJSON FeatureCollections, admin 0 to 3) into
    one territory tree.

    Each feature becomes a :class:`~conflictmodel.Territory` ``ocha:<PCODE>`` with its
    English name, its Arabic name in ``names["ar"]``, ``external_ids["pcode"]``, its
    parent ``ocha:<ADMn-1_PCODE>``, its area (geodesic, computed from the full
    geometry before any simplification) and its geometry, simplified with
    Douglas-Peucker when ``simplify_tolerance`` (degrees) is given. The level is read
    from the properties (a layer with ``ADM2_PCODE`` is admin 3). Pass several layers
    to get the whole tree in one scenario; a layer alone refers to parents it does not
    hold. Features are read one at a time; properties are kept verbatim in the origin.
    """
    if not sources:
        raise TypeError("read_ocha_admin needs at least one file")
    names = [describe(s) for s in sources]
    label = names[0] if len(names) == 1 else ", ".join(n or "?" for n in names)
    builder = Builder(
        dataset=DATASET,
        title="OCHA administrative boundaries",
        version=version,
        source=label,
        strict=strict,
        progress=progress,
        citation=CITATION,
        keep_rows=keep_rows,
    )
    for source, name in zip(sources, names, strict=True):
        with open_binary(source) as handle:
            stream = JsonStream(handle, name)
            offset = builder.rows_read
            for number, line, feature in stream.items("features"):
                builder.convert(
                    offset + number, line, partial(_territory, builder, offset + number, feature, simplify_tolerance)
                )
    return builder.finish()
