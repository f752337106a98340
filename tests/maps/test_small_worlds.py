"""Maps of small made-up worlds: a zone with its own shape, a zone with an unknown or
shapeless component, a territory whose parent is missing, one-day charts, and the
errors for nothing to draw."""

from __future__ import annotations

import json
from typing import Any

import pytest

import conflictmodel as cm
from conflictmodel import maps


def _square(west: float, south: float, size: float = 1.0) -> dict[str, Any]:
    ring = [[west, south], [west + size, south], [west + size, south + size], [west, south + size], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def _world(**changes: Any) -> cm.Scenario:
    document: dict[str, Any] = {
        "schema": "conflictmodel/1",
        "meta": {"title": "Two fields", "as_of": "2017-11-30"},
        "actors": [
            {"id": "a", "name": "Side A", "kind": "armed_group"},
            {"id": "b", "name": "Side B", "kind": "armed_group"},
            {"id": "m", "name": "Mediator", "kind": "state"},
        ],
        "hostilities": [{"id": "h", "side_a": ["a"], "side_b": ["b"]}],
        "territories": [
            {"id": "land", "name": "Land", "kind": "country", "area_km2": 2.0},
            {"id": "east", "name": "East", "kind": "admin1", "parent": "land", "geometry": _square(1, 0)},
            {"id": "west", "name": "West", "kind": "admin1", "parent": "land", "geometry": _square(0, 0)},
            {"id": "zone", "name": "Zone", "kind": "zone", "components": ["east", "ghost"]},
            {"id": "drawn-zone", "name": "Drawn zone", "kind": "zone", "geometry": _square(0.2, 0.2, 0.5)},
            {"id": "empty-zone", "name": "Empty zone", "kind": "zone", "components": ["land-note"]},
            {"id": "land-note", "name": "A note", "kind": "other", "parent": "nowhere"},
        ],
        "controls": [
            {"id": "c1", "territory": "east", "controllers": ["a"], "period": {"start": "2017-01-01"}},
            {"id": "c2", "territory": "west", "controllers": ["b"], "period": {"start": "2017-01-01"}},
        ],
        "agreements": [
            {
                "id": "truce",
                "name": "Truce",
                "kind": "ceasefire",
                "in_force": {"start": "2017-06-01"},
                "covers": ["zone", "drawn-zone", "empty-zone"],
            }
        ],
    }
    document.update(changes)
    return cm.loads(json.dumps(document))


def test_zones_are_outlined_from_their_own_shape_or_their_known_components() -> None:
    view = maps.day_map(_world(), "2017-11-30")
    zones = {z.zone.id: z for z in view.zones}
    assert {"zone", "drawn-zone"} == set(zones)  # the empty zone has nothing to draw
    assert ["drawn-zone"] == [c.id for c in zones["drawn-zone"].components]
    assert ["east"] == [c.id for c in zones["zone"].components]
    assert ("truce",) == zones["zone"].agreements
    svg = maps.map_svg(view)
    assert 2 == svg.count('class="cm-zone"')


def test_no_zone_before_the_agreement() -> None:
    assert () == maps.day_map(_world(), "2017-02-01").zones


def test_a_territory_whose_parent_is_missing_still_gets_a_depth() -> None:
    world = _world()
    view = maps.day_map(world, "2017-11-30")
    assert {"east", "west"} == {u.territory.id for u in view.units}


def test_a_one_day_chart_and_its_errors() -> None:
    view = maps.day_map(_world(), "2017-11-30")
    series = maps.partition_series([view])
    assert ("2017-11-30",) == series.days
    assert 'class="cm-band"' in maps.partition_chart_svg(series)
    with pytest.raises(ValueError, match="at least one day"):
        maps.partition_series([])
    nowhere = _world(territories=[{"id": "t", "name": "T", "kind": "admin1", "geometry": _square(0, 0)}], controls=[])
    with pytest.raises(ValueError, match="no country"):
        maps.partition_series([maps.day_map(nowhere, "2017-11-30")])


def test_pages_need_days() -> None:
    with pytest.raises(ValueError, match="at least one day"):
        maps.slider_page([], "<svg/>", title="t")
    with pytest.raises(ValueError, match="at least one day"):
        maps.render_days(_world(), [])


@pytest.mark.parametrize(
    ("coordinates", "field"),
    [
        ([[0.0, 1.0], "x"], "coordinates[1]"),
        ("x", "coordinates"),
        ([[0.0, "1"], [1.0, 1.0]], "coordinates[0]"),
        ([[0, 1, 2], [1, 1, 2]], None),
    ],
)
def test_from_geo_interface_reports_bad_positions_by_path(coordinates: Any, field: str | None) -> None:
    value = {"type": "LineString", "coordinates": coordinates}
    if field is None:
        assert ((0.0, 1.0, 2.0), (1.0, 1.0, 2.0)) == cm.Geometry.from_geo_interface(value).coordinates
        return
    with pytest.raises(cm.FieldError) as raised:
        cm.Geometry.from_geo_interface(value)
    assert field == raised.value.field
