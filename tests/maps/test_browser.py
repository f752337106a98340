"""The bundled map in a real browser: headless Chromium takes a screenshot, the legend's
swatches are read from it, and the pixels inside known places must be the swatch
colours of the blocs that the scenario's own queries say hold them.

A deliberately wrong rendering (two blocs' colours swapped on the map but not in the
legend) must fail the same check.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from maps_helpers import DAY, expected_blocs, optional

import conflictmodel as cm
from conflictmodel import maps

SVG = "{http://www.w3.org/2000/svg}"

# Places to look at: a territory, and the point (lon, lat) where its colour shows.
PLACES = {
    "city-raqqa": None,  # towns: the centre of their marker
    "city-idlib": None,
    "city-afrin": None,
    "city-jarabulus": None,
    "city-douma": None,
    "sy-damascus": (36.30, 33.51),  # Damascus governorate (the city), no marker of its own
    "tanf-dz-sabe-byar": (38.75, 33.55),  # inside the al-Tanf 55 km zone
}
# Unambiguous in late 2017, whatever the data's detail: a member of the bloc holding it.
ANCHORS = {
    "city-raqqa": {"sdf"},
    "city-idlib": {"hts", "fsa"},
    "city-afrin": {"ypg", "sdf"},
    "city-jarabulus": {"fsa-es", "tsk", "tr"},
    "sy-damascus": {"saa", "sy-gov"},
}


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail("CI installs chromium (.ci/run); it is missing")
    pytest.skip("no chromium on this machine")


def _screenshot(svg: str, folder: Path, name: str) -> Any:
    image = optional("PIL.Image")
    root = ET.fromstring(svg)
    width, height = int(root.get("width", "0")), int(root.get("height", "0"))
    page = folder / f"{name}.html"
    page.write_text(maps.map_page(svg, title=name), encoding="utf-8")
    png = folder / f"{name}.png"
    subprocess.run(
        [
            _chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            "--force-color-profile=srgb",
            f"--user-data-dir={folder / 'profile'}",
            f"--window-size={width},{height}",
            f"--screenshot={png}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return image.open(png).convert("RGB")


def _projection(root: ET.Element) -> tuple[maps.Projection, float]:
    west, south, east, north, scale, margin, header = (float(v) for v in root.get("data-projection", "").split(","))
    return maps.Projection(bbox=(west, south, east, north), scale=scale, margin=margin), header


def _near(a: tuple[int, ...], b: tuple[int, ...], tolerance: int = 6) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=False))


def mismatches(svg: str, picture: Any, scenario: cm.Scenario) -> list[str]:
    """What is wrong with the screenshot of ``svg``: each place whose pixels are not
    the legend colours of the blocs holding it (an empty list when all is right)."""
    root = ET.fromstring(svg)
    project, header = _projection(root)
    swatches = {
        r.get("data-bloc", ""): picture.getpixel(
            (int(float(r.get("x", 0))) + 8, int(float(r.get("y", 0)) + header) + 8)
        )
        for r in root.iter(f"{SVG}rect")
        if r.get("class") == "cm-swatch"
    }
    if len(set(swatches.values())) != len(swatches):
        return ["two legend swatches show the same colour"]
    wrong = []
    for place, point in PLACES.items():
        territory = scenario.get(place)
        position: Any = point or territory.geometry.coordinates[:2]  # type: ignore[union-attr]
        lon, lat = position
        x, y = project(lon, lat)
        blocs = expected_blocs(scenario, place, DAY)
        seen = set()
        for dx in range(-2, 3):
            for dy in range(-2, 3):
                pixel = picture.getpixel((round(x) + dx, round(y + header) + dy))
                seen |= {key for key, colour in swatches.items() if _near(pixel, colour)}
        if not seen or not seen <= blocs:
            wrong.append(f"{place}: shows {sorted(seen)}, the queries say {sorted(blocs)}")
    return wrong


@pytest.fixture(scope="module")
def world() -> cm.Scenario:
    return cm.syria_2017(geometry=True)


@pytest.fixture(scope="module")
def svg(world: cm.Scenario) -> str:
    return maps.map_svg(
        maps.day_map(world, DAY), background=maps.syria_units(), inset=maps.SYRIA_INSET, source=maps.SYRIA_SOURCE
    )


def test_the_anchors_hold_what_late_2017_saw(world: cm.Scenario) -> None:
    for place, members in ANCHORS.items():
        blocs = expected_blocs(world, place, DAY)
        camps = [set(c.members) | {c.members[0]} for c in world.camps(DAY)]
        holders = set(world.controllers_on(place, DAY).controllers)
        assert holders & members or any(members & camp and holders & camp for camp in camps), place
        assert blocs


def test_the_browser_shows_each_place_in_the_colour_of_its_bloc(world: cm.Scenario, svg: str, tmp_path: Path) -> None:
    picture = _screenshot(svg, tmp_path, "map")
    assert [] == mismatches(svg, picture, world)


def test_a_map_with_two_blocs_swapped_fails_the_check(world: cm.Scenario, svg: str, tmp_path: Path) -> None:
    view = maps.day_map(world, DAY)
    colours = {bloc.key: colour for bloc, colour in view.legend}
    sdf = colours[next(iter(expected_blocs(world, "city-raqqa", DAY)))]
    regime = colours[next(iter(expected_blocs(world, "city-aleppo", DAY)))]
    assert sdf != regime
    drawing, legend = svg.split('<g class="cm-legend"', 1)
    swapped = drawing.replace(sdf, "#SWAP").replace(regime, sdf).replace("#SWAP", regime)
    wrong = swapped + '<g class="cm-legend"' + legend
    picture = _screenshot(wrong, tmp_path, "wrong")
    problems = mismatches(wrong, picture, world)
    assert any(p.startswith("city-raqqa:") for p in problems)
    assert any(p.startswith("sy-damascus:") for p in problems)
