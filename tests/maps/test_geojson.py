"""A day's GeoJSON is RFC 7946 (closed rings, right-hand rule, longitude first), says
what the queries say, and round-trips through shapely and geopandas."""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest
from maps_helpers import DAY, expected_blocs, optional

import conflictmodel as cm
from conflictmodel import maps


@pytest.fixture(scope="module")
def world() -> cm.Scenario:
    return cm.syria_2017(geometry=True)


@pytest.fixture(scope="module")
def collection(world: cm.Scenario) -> dict[str, Any]:
    text = maps.dumps_geojson(maps.day_geojson(world, DAY))
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _signed_area(ring: list[list[float]]) -> float:
    return 0.5 * sum(a[0] * b[1] - b[0] * a[1] for a, b in itertools.pairwise(ring))


def _polygons(geometry: dict[str, Any]) -> list[list[list[list[float]]]]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


def test_one_feature_per_territory_by_id(world: cm.Scenario, collection: dict[str, Any]) -> None:
    assert "FeatureCollection" == collection["type"]
    assert [t.id for t in world.territories] == [f["id"] for f in collection["features"]]
    assert all("Feature" == f["type"] for f in collection["features"])


def test_rings_are_closed_and_follow_the_right_hand_rule(collection: dict[str, Any]) -> None:
    rings = 0
    for feature in collection["features"]:
        if feature["geometry"] is None:
            continue
        for polygon in _polygons(feature["geometry"]):
            for k, ring in enumerate(polygon):
                rings += 1
                assert len(ring) >= 4
                assert ring[0] == ring[-1]
                area = _signed_area(ring)
                assert (area > 0) if k == 0 else (area < 0), (feature["id"], k)
    assert rings > 200


def test_positions_are_longitude_then_latitude_inside_syria(collection: dict[str, Any]) -> None:
    for feature in collection["features"]:
        geometry = feature["geometry"]
        if geometry is None:
            continue
        points = [geometry["coordinates"]] if geometry["type"] == "Point" else None
        if points is None:
            points = [p for polygon in _polygons(geometry) for ring in polygon for p in ring]
        for lon, lat in points:
            assert 35.5 < lon < 42.5  # Syria's longitudes; latitudes first would fail here
            assert 32.3 < lat < 37.4


def test_properties_say_what_the_queries_say(world: cm.Scenario, collection: dict[str, Any]) -> None:
    for feature in collection["features"]:
        state = world.controllers_on(feature["id"], DAY)
        properties = feature["properties"]
        assert state.kind.value == properties["status"]
        assert list(state.controllers) == properties["controllers"]
        assert list(state.opponents) == properties["opponents"]
        if properties["blocs"]:
            assert expected_blocs(world, feature["id"], DAY) == {b["key"] for b in properties["blocs"]}
            assert properties["colour"] == properties["blocs"][0]["colour"]
            assert abs(1.0 - sum(properties["shares"].values())) < 1e-5  # shares written to 6 decimals


def test_a_feature_names_its_sources_and_how_it_is_known(collection: dict[str, Any]) -> None:
    raqqa = next(f for f in collection["features"] if f["id"] == "city-raqqa")["properties"]
    assert ["sdf"] == raqqa["controllers"]
    assert raqqa["records"]
    assert raqqa["how_known"]
    assert raqqa["sources"]


def test_features_round_trip_through_shapely(world: cm.Scenario, collection: dict[str, Any]) -> None:
    shapely = optional("shapely")
    shaped = 0
    for feature in collection["features"]:
        if feature["geometry"] is None:
            continue
        shape = shapely.geometry.shape(feature["geometry"])
        assert shape.is_valid, feature["id"]
        back = cm.Geometry.from_geo_interface(shape)
        assert world.get(feature["id"], cm.Territory).geometry == back
        shaped += 1
    assert shaped == sum(1 for t in world.territories if t.geometry is not None)


def test_model_objects_go_straight_into_shapely_and_geopandas(world: cm.Scenario) -> None:
    shapely = optional("shapely")
    geopandas = optional("geopandas")
    raqqa = world.get("SY1101", cm.Territory)
    assert raqqa.geometry is not None
    assert shapely.geometry.shape(raqqa.geometry).contains(
        shapely.geometry.shape(world.get("city-raqqa", cm.Territory).geometry)
    )
    frame = geopandas.GeoDataFrame.from_features([t for t in world.territories if t.geometry is not None])
    assert len(frame) == sum(1 for t in world.territories if t.geometry is not None)
    day = geopandas.GeoDataFrame.from_features(maps.day_geojson(world, DAY)["features"], crs="EPSG:4326")
    assert "sdf" in day.set_index(day.index)["controllers"].explode().to_numpy()
    assert bool(day.geometry.dropna().is_valid.all())
