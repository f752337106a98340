"""The SVG map and the HTML pages, read as XML: every unit painted as the queries say,
a legend naming each bloc's members, zones in force outlined and numbered, towns as
points, and pages that fetch nothing."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from maps_helpers import DAY, expected_blocs

import conflictmodel as cm
from conflictmodel import maps

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def world() -> cm.Scenario:
    return cm.syria_2017(geometry=True)


@pytest.fixture(scope="module")
def view(world: cm.Scenario) -> maps.DayMap:
    return maps.day_map(world, DAY)


@pytest.fixture(scope="module")
def root(view: maps.DayMap) -> ET.Element:
    svg = maps.map_svg(view, background=maps.syria_units(), inset=maps.SYRIA_INSET, source=maps.SYRIA_SOURCE)
    return ET.fromstring(svg)


def _patterns(root: ET.Element) -> dict[str, list[str]]:
    return {p.get("id", ""): [r.get("fill", "") for r in p.iter(f"{SVG}rect")] for p in root.iter(f"{SVG}pattern")}


def _colours(fill: str, patterns: dict[str, list[str]]) -> set[str]:
    match = re.fullmatch(r"url\(#(.+)\)", fill)
    return set(patterns[match.group(1)]) if match else {fill}


def test_every_unit_is_painted_in_the_colours_of_the_blocs_holding_it(
    world: cm.Scenario, view: maps.DayMap, root: ET.Element
) -> None:
    legend = {r.get("data-bloc"): r.get("fill") for r in root.iter(f"{SVG}rect") if r.get("class") == "cm-swatch"}
    patterns = _patterns(root)
    painted = 0
    for element in root.iter(f"{SVG}path"):
        if element.get("class") != "cm-unit":
            continue
        territory = element.get("data-id") or ""
        expected = {legend[key] for key in expected_blocs(world, territory, DAY)}
        assert expected == _colours(element.get("fill", ""), patterns), territory
        painted += 1
    areal = [u for u in view.units if u.territory.geometry is not None and u.territory.geometry.type.value != "Point"]
    assert painted == sum(1 for u in areal if u.blocs)


def test_towns_are_points_filled_by_their_holders(world: cm.Scenario, root: ET.Element) -> None:
    legend = {r.get("data-bloc"): r.get("fill") for r in root.iter(f"{SVG}rect") if r.get("class") == "cm-swatch"}
    patterns = _patterns(root)
    towns = [g for g in root.iter(f"{SVG}g") if g.get("class") == "cm-city"]
    assert {t.id for t in world.territories if t.kind in (cm.TerritoryKind.CITY, cm.TerritoryKind.TOWN)} == {
        g.get("data-id") for g in towns
    }
    for town in towns:
        circle = town.find(f"{SVG}circle")
        assert circle is not None
        expected = {legend[key] for key in expected_blocs(world, town.get("data-id", ""), DAY)}
        assert expected == _colours(circle.get("fill", ""), patterns)


def test_the_legend_names_every_member_of_each_bloc(world: cm.Scenario, view: maps.DayMap, root: ET.Element) -> None:
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "cm-legend")
    text = " ".join(t.text or "" for t in legend.iter(f"{SVG}text"))
    for bloc, _ in view.legend:
        for member in bloc.members:
            for word in world.get(member, cm.Actor).name.split():  # a name may wrap over two lines
                assert word in text, member
    for words in ("no record", "contested", "besieged", "Stripes"):
        assert words in text


def test_zones_under_an_agreement_in_force_are_outlined_and_numbered(world: cm.Scenario, root: ET.Element) -> None:
    zones = {g.get("data-id"): g for g in root.iter(f"{SVG}g") if g.get("class") == "cm-zone"}
    in_force = {
        zone
        for entry in world.agreements_in_force(DAY)
        for zone in world.get(entry.agreement, cm.Agreement).covers
        if world.get(zone, cm.Territory).kind is cm.TerritoryKind.ZONE
    }
    assert in_force == set(zones)
    assert {"zone-idlib", "sy-ghouta", "zone-north-homs", "zone-south"} <= set(zones)
    numbers = sorted(int(g.find(f"{SVG}text").text or "0") for g in zones.values())  # type: ignore[union-attr]
    assert list(range(1, len(zones) + 1)) == numbers
    for zone in zones.values():
        outline = zone.find(f"{SVG}path")
        assert outline is not None
        assert outline.get("stroke-dasharray")
        assert outline.get("d", "").count("M") >= 1


def test_no_zone_is_outlined_on_a_day_before_any_agreement() -> None:
    svg = maps.map_svg(maps.day_map(cm.syria_2017(geometry=True), "2016-06-01"), background=maps.syria_units())
    assert 'class="cm-zone"' not in svg


def test_units_without_a_record_are_hatched_with_a_title(root: ET.Element) -> None:
    hatched = [p for p in root.iter(f"{SVG}path") if p.get("class") == "cm-none"]
    assert hatched
    for path in hatched:
        assert "url(#cm-none)" == path.get("fill")
        title = path.find(f"{SVG}title")
        assert title is not None
        assert "no record" in (title.text or "")


def test_every_painted_unit_has_a_hover_title(world: cm.Scenario, root: ET.Element) -> None:
    for path in root.iter(f"{SVG}path"):
        if path.get("class") == "cm-unit":
            title = path.find(f"{SVG}title")
            assert title is not None
            assert world.get(path.get("data-id", ""), cm.Territory).name in (title.text or "")


def test_title_date_source_and_inset(root: ET.Element) -> None:
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert "Syria, late 2017" in texts
    assert any(DAY in t for t in texts)
    assert maps.SYRIA_SOURCE in texts
    inset = [s for s in root.iter(f"{SVG}svg") if s.get("class") == "cm-inset"]
    assert 1 == len(inset)
    assert inset[0].find(f"{SVG}use") is not None


def test_a_scenario_without_geometry_cannot_be_drawn() -> None:
    with pytest.raises(ValueError, match="no territory"):
        maps.map_svg(maps.day_map(cm.syria_2017(), DAY))


def test_the_pages_fetch_nothing(world: cm.Scenario) -> None:
    one = maps.render_day(world, DAY, background=maps.syria_units(), html=True)
    many = maps.render_days(world, maps.month_days("2017-09-30", "2017-11-30"), background=maps.syria_units())
    for page in (one, many):
        urls = set(re.findall(r"(?:https?:)?//[^\s\"'<>)]+", page))
        assert {"http://www.w3.org/2000/svg"} == urls
        assert not re.search(r"<(?:link|img|iframe|object|embed)\b|<script[^>]+src=|@import|url\((?!#)", page)
    assert 3 == many.count('class="cm-day"')
    assert 'type="range"' in many
    assert 'class="cm-chart"' in many


def test_month_days_step_by_month_and_keep_the_last_day_of_short_months() -> None:
    assert (dt.date(2017, 1, 31), dt.date(2017, 2, 28), dt.date(2017, 3, 31)) == maps.month_days(
        "2017-01-31", "2017-03-31"
    )
    assert (dt.date(2017, 11, 30),) == maps.month_days("2017-11-30", "2017-12-29")
    with pytest.raises(ValueError, match="before"):
        maps.month_days("2017-02-01", "2017-01-01")


def test_the_partition_chart_stacks_to_one_on_each_day(world: cm.Scenario) -> None:
    palette = maps.Palette()
    views = [maps.day_map(world, d, palette=palette) for d in maps.month_days("2017-01-30", "2017-11-30")]
    series = maps.partition_series(views)
    assert "sy" == series.within
    for i, day in enumerate(series.days):
        total = sum(shares[i] for shares in series.shares) + series.undetermined[i] + series.unrecorded[i]
        assert abs(1.0 - total) < 1e-9, day
        held = sum(world.partition(day, within="sy").by_actor.values())
        assert abs(held - sum(shares[i] for shares in series.shares)) < 1e-9, day
    chart = ET.fromstring(maps.partition_chart_svg(series))
    assert len(series.blocs) + 2 == sum(1 for p in chart.iter(f"{SVG}polygon"))


def test_a_slider_page_defines_each_id_once_and_every_reference_resolves(world: cm.Scenario) -> None:
    page = maps.render_days(
        world, maps.month_days("2017-09-30", "2017-11-30"), background=maps.syria_units(), inset=maps.SYRIA_INSET
    )
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    references = set(re.findall(r'href="#([^"]+)"', page)) | set(re.findall(r"url\(#([^)]+)\)", page))
    assert references <= set(ids)
    assert any(r.startswith("cm-g") for r in references)  # shapes defined once, drawn by <use>
    assert {"cm0-none", "cm1-none", "cm2-none"} <= references  # each map its own patterns


def test_shared_and_inline_shapes_draw_the_same_map(view: maps.DayMap) -> None:
    inline = maps.map_svg(view, background=maps.syria_units())
    cache = maps.map_frame(view, background=maps.syria_units(), shared=True)
    shared = maps.map_svg(view, background=maps.syria_units(), cache=cache)
    paths = dict(re.findall(r'<path id="([^"]+)" d="([^"]+)"/>', cache.defs()))

    def expand(match: re.Match[str]) -> str:
        return f'<path{match.group(1)} d="{paths[match.group(2)]}">{match.group(3)}</path>'

    assert inline == re.sub(r'<use([^>]*) href="#([^"]+)">(.*?)</use>', expand, shared)
