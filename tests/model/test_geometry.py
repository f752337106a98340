"""Geometry refuses what RFC 7946 refuses, and speaks the ``__geo_interface__`` protocol."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given

import conflictmodel as cm
from conflictmodel import strategies as cst

P = cm.GeometryType
SQUARE = ((36.0, 35.0), (37.0, 35.0), (37.0, 36.0), (36.0, 36.0), (36.0, 35.0))


@pytest.mark.parametrize(
    ("kind", "coordinates", "field"),
    [
        (P.MULTI_POINT, (), "coordinates"),
        (P.LINE_STRING, (), "coordinates"),
        (P.MULTI_LINE_STRING, (), "coordinates"),
        (P.MULTI_LINE_STRING, ((),), "coordinates[0]"),
        (P.POLYGON, (), "coordinates"),
        (P.POLYGON, ((),), "coordinates[0]"),
        (P.MULTI_POLYGON, (), "coordinates"),
        (P.MULTI_POLYGON, ((),), "coordinates[0]"),
        (P.MULTI_POLYGON, ((SQUARE, ()),), "coordinates[0][1]"),
    ],
)
def test_empty_coordinate_arrays_are_refused_by_path(kind: cm.GeometryType, coordinates: Any, field: str) -> None:
    with pytest.raises(cm.FieldError) as raised:
        cm.Geometry(type=kind, coordinates=coordinates)
    assert field == raised.value.field
    assert "non-empty" in raised.value.expected


def test_the_loader_reports_an_empty_polygon_by_json_path() -> None:
    text = cm.dumps(
        cm.Scenario(
            meta=cm.Meta(title="t"),
            territories=(cm.Territory(id="a", name="A", kind=cm.TerritoryKind.ZONE),),
        )
    ).replace('"kind": "zone"', '"geometry": {"type": "Polygon", "coordinates": [[]]},\n      "kind": "zone"')
    with pytest.raises(cm.LoadError) as raised:
        cm.loads(text)
    assert ["$.territories[0].geometry.coordinates[0]"] == [p.path for p in raised.value.problems]


@given(cst.geometries())
def test_geo_interface_round_trips(geometry: cm.Geometry) -> None:
    interface = geometry.__geo_interface__
    assert geometry.type.value == interface["type"]
    assert geometry == cm.Geometry.from_geo_interface(interface)
    assert geometry == cm.Geometry.from_geo_interface(geometry)


def test_from_geo_interface_takes_lists_and_integers() -> None:
    geometry = cm.Geometry.from_geo_interface({"type": "LineString", "coordinates": [[36, 35], [37.5, 36]]})
    assert ((36.0, 35.0), (37.5, 36.0)) == geometry.coordinates


@pytest.mark.parametrize(
    ("value", "field"),
    [
        ({"type": "Circle", "coordinates": [0, 0]}, "type"),
        ({"type": "Point"}, ""),
        ("POINT (1 2)", ""),
        ({"type": "Point", "coordinates": [0, 95]}, "coordinates"),
        ({"type": "Point", "coordinates": ["0", 5]}, "coordinates"),
    ],
)
def test_from_geo_interface_refuses_what_is_not_rfc_7946(value: Any, field: str) -> None:
    with pytest.raises(cm.FieldError) as raised:
        cm.Geometry.from_geo_interface(value)
    assert field == raised.value.field


def test_a_territory_is_a_feature() -> None:
    territory = cm.Territory(
        id="SY0203",
        name="Afrin",
        kind=cm.TerritoryKind.ADMIN2,
        parent="SY02",
        area_km2=1840.0,
        population=172000,
        names={"ar": "عفرين"},
        external_ids={"pcode": "SY0203"},
        geometry=cm.Geometry(type=P.POLYGON, coordinates=(SQUARE,)),
    )
    assert {
        "type": "Feature",
        "id": "SY0203",
        "geometry": {"type": "Polygon", "coordinates": (SQUARE,)},
        "properties": {
            "name": "Afrin",
            "kind": "admin2",
            "parent": "SY02",
            "area_km2": 1840.0,
            "population": 172000,
            "names": {"ar": "عفرين"},
            "external_ids": {"pcode": "SY0203"},
        },
    } == territory.__geo_interface__


def test_a_zone_without_geometry_is_a_feature_with_null_geometry() -> None:
    zone = cm.Territory(id="z", name="Z", kind=cm.TerritoryKind.ZONE, components=frozenset({"b", "a"}))
    assert {
        "type": "Feature",
        "id": "z",
        "geometry": None,
        "properties": {"name": "Z", "kind": "zone", "parent": None, "components": ["a", "b"]},
    } == zone.__geo_interface__
