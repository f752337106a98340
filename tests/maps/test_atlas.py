"""The bundled atlas: every OCHA unit, a valid coverage with no gaps between neighbours
at every level, towns inside the units they belong to, joined to the scenario by P-code."""

from __future__ import annotations

from collections import Counter

import attrs
import pytest
from maps_helpers import optional

import conflictmodel as cm
from conflictmodel import maps


def test_every_ocha_unit_is_in_the_atlas() -> None:
    kinds = Counter(unit.kind for unit in maps.syria_units())
    assert {
        cm.TerritoryKind.COUNTRY: 1,
        cm.TerritoryKind.ADMIN1: 14,
        cm.TerritoryKind.ADMIN2: 62,
        cm.TerritoryKind.ADMIN3: 272,
    } == kinds


def test_each_unit_nests_in_its_parent_by_pcode() -> None:
    codes = {unit.id: unit for unit in maps.syria_units()}
    for unit in maps.syria_units():
        if unit.parent is not None:
            assert unit.id.startswith(unit.parent if unit.parent != "SY" else "SY")
            assert len(codes[unit.parent].id) == len(unit.id) - 2 or unit.parent == "SY"


@pytest.mark.parametrize("kind", ["admin1", "admin2", "admin3"])
def test_each_level_is_a_valid_coverage_without_gaps(kind: str) -> None:
    shapely = optional("shapely")
    shapes = [shapely.geometry.shape(u.geometry) for u in maps.syria_units() if u.kind.value == kind]
    assert all(shape.is_valid for shape in shapes)
    assert shapely.coverage_is_valid(shapes)  # no overlaps; shared edges vertex-identical
    union = shapely.coverage_union_all(shapes)
    assert not any(p.interiors for p in shapely.get_parts(union))  # a gap would be a hole
    country = shapely.geometry.shape(next(u.geometry for u in maps.syria_units() if u.id == "SY"))
    assert abs(union.area - country.area) < 1e-9


def test_the_levels_share_their_edges() -> None:
    shapely = optional("shapely")
    units = {u.id: shapely.geometry.shape(u.geometry) for u in maps.syria_units()}
    for code, shape in units.items():
        if len(code) == 6:  # a district is the union of its sub-districts
            parts = [s for c, s in units.items() if len(c) == 8 and c.startswith(code)]
            assert shape.symmetric_difference(shapely.union_all(parts)).area < 1e-9, code


def test_the_scenario_joins_the_atlas_by_pcode_and_id() -> None:
    plain, shaped = cm.syria_2017(), cm.syria_2017(geometry=True)
    atlas = {u.id: u.geometry for u in maps.syria_units()}
    for before, after in zip(plain.territories, shaped.territories, strict=True):
        assert attrs.evolve(after, geometry=None) == before
        code = before.external_ids.get("pcode")
        if code in atlas:
            assert atlas[code] == after.geometry
        elif before.kind is cm.TerritoryKind.ZONE:
            assert after.geometry is None  # a zone is the union of its components
        else:
            assert after.geometry is not None, before.id
    assert shaped is cm.syria_2017(geometry=True)


def test_towns_and_zone_pieces_lie_in_their_units() -> None:
    shapely = optional("shapely")
    s = cm.syria_2017(geometry=True)
    for territory in s.territories:
        if territory.geometry is None or territory.parent is None or territory.kind is cm.TerritoryKind.ZONE:
            continue
        parent = s.get(territory.parent, cm.Territory)
        if parent.geometry is None:
            continue
        inner = shapely.geometry.shape(territory.geometry)
        outer = shapely.geometry.shape(parent.geometry)
        assert outer.buffer(1e-5).contains(inner), territory.id  # cut vertices rounded to 5 decimals


def test_the_al_tanf_pieces_cover_their_sub_districts_without_overlap() -> None:
    shapely = optional("shapely")
    s = cm.syria_2017(geometry=True)
    for unit, pieces in (
        ("SY030202", ("tanf-dz-sabe-byar", "sabe-byar-outside-tanf")),
        ("SY040500", ("tanf-dz-tadmor", "tadmor-outside-tanf")),
    ):
        shapes = [shapely.geometry.shape(s.get(p, cm.Territory).geometry) for p in pieces]
        assert shapely.coverage_is_valid(shapes)
        whole = shapely.geometry.shape(s.get(unit, cm.Territory).geometry)
        # the circle crosses the boundary at new vertices, rounded to 5 decimals: slivers of ~0.02 km2
        assert whole.symmetric_difference(shapely.union_all(shapes)).area < 1e-5
