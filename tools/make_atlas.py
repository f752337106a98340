"""Build ``src/conflictmodel/data/syria_atlas.json`` from the OCHA COD-AB boundaries.

Reproducible: the same input files give the same bytes. Run from the repository root::

    python tools/make_atlas.py /path/to/syria-admin-ocha

It needs shapely 2.2 or later (``pip install 'conflictmodel[geo]'``) for the coverage
cleaning. The steps, each needed for the next:

1. read the 272 OCHA admin3 sub-districts and round every vertex to 5 decimals *as a
   vertex* (the same vertex rounds the same way in every polygon that has it, unlike a
   per-feature precision snap, which moves shared edges apart); repair the polygons
   that are not valid (the two self-intersecting rings of the original data, Taldu
   ``SY040101`` and Qourqeena ``SY070304``, and a few that rounding pinched) with
   ``make_valid``, keeping only their polygonal part;
2. clean them into a polygonal coverage (``coverage_clean``): overlaps merged into the
   neighbour with the longest shared border, slivers narrower than 0.0005 degrees
   closed, shared edges made vertex-identical;
3. simplify the coverage as one (``coverage_simplify``, topology-preserving, 0.004
   degrees), so neighbours keep one shared edge; it keeps a subset of the vertices, so
   they stay rounded (rounded again all the same, and checked);
4. orient rings by the right-hand rule (outer counter-clockwise, holes clockwise);
5. dissolve districts, governorates and the country out of the sub-districts
   (``coverage_union_all``), so every level shares the same edges;
6. add the points of the bundled scenario's cities and the pieces of the al-Tanf
   55 km deconfliction zone (a 55 km circle around the garrison cut by the Sabe Byar
   and Tadmor sub-districts, and what is left of each).

Every step is checked (valid polygons, a valid coverage: no overlaps, shared edges
vertex-identical;
a gap between neighbours shows as a hole in their union); the script fails rather than
write a broken atlas.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import mapping, shape

TOLERANCE = 0.004  # degrees, about 400 m: a country map at 1:2,000,000
DECIMALS = 5  # about 1 m
GAP = 0.0005  # degrees: slivers narrower than this between neighbours are closed

# Town centres (longitude, latitude) to 0.01 degree, each checked to fall inside the
# OCHA unit the scenario places it in.
PLACES = {
    "city-abukamal": (40.92, 34.45),
    "city-afrin": (36.87, 36.51),
    "city-albab": (37.52, 36.37),
    "city-aleppo": (37.16, 36.20),
    "city-azaz": (37.05, 36.59),
    "city-daraa": (36.10, 32.62),
    "city-deirezzor": (40.14, 35.34),
    "city-douma": (36.40, 33.57),
    "city-idlib": (36.63, 35.93),
    "city-jarabulus": (38.01, 36.82),
    "city-manbij": (37.95, 36.53),
    "city-mayadin": (40.45, 35.02),
    "city-palmyra": (38.27, 34.56),
    "city-raqqa": (39.01, 35.95),
    "city-tabqa": (38.55, 35.84),
    "town-fuah": (36.70, 35.97),
}
TANF_GARRISON = (38.63, 33.50)  # lon, lat of the al-Tanf base
TANF_RADIUS_KM = 55.0
TANF_PIECES = {  # territory id -> (sub-district, inside the zone?)
    "tanf-dz-sabe-byar": ("SY030202", True),
    "sabe-byar-outside-tanf": ("SY030202", False),
    "tanf-dz-tadmor": ("SY040500", True),
    "tadmor-outside-tanf": ("SY040500", False),
}


def _fail(message: str) -> None:
    sys.exit(f"make_atlas: {message}")


def _round(geometry: Any) -> Any:
    rounded = shapely.transform(geometry, lambda xy: xy.round(DECIMALS))
    return shapely.remove_repeated_points(rounded)


def _check_coverage(name: str, geometries: list[Any]) -> None:
    for geometry in geometries:
        if not geometry.is_valid:
            _fail(f"{name}: invalid polygon: {shapely.is_valid_reason(geometry)}")
    if not shapely.coverage_is_valid(geometries):
        _fail(f"{name}: not a valid coverage (overlapping polygons or unmatched shared edges)")
    union = shapely.coverage_union_all(geometries)
    if any(polygon.interiors for polygon in shapely.get_parts(union)):
        _fail(f"{name}: a gap between neighbours (a hole in their union)")


def _circle(lon: float, lat: float, radius_km: float) -> Any:
    """A 256-gon of the circle on the sphere, in degrees (equirectangular offsets)."""
    points = []
    for k in range(256):
        angle = 2 * math.pi * k / 256
        dlat = radius_km / 111.32 * math.sin(angle)
        dlon = radius_km / (111.32 * math.cos(math.radians(lat))) * math.cos(angle)
        points.append((lon + dlon, lat + dlat))
    return shapely.Polygon(points)


def _feature(level: int, props: dict[str, Any], geometry: Any) -> dict[str, Any]:
    return {
        "level": level,
        "name": props["NAME_EN"],
        "parent": props.get("ADM2_PCODE") if level == 3 else props.get("ADM1_PCODE") if level == 2 else None,
        "geometry": mapping(shapely.orient_polygons(geometry)),
    }


def build(source: Path) -> dict[str, Any]:
    """The atlas as a JSON-ready dict."""
    admin = {n: json.loads((source / f"syr_admin{n}.geojson").read_text("utf-8"))["features"] for n in (1, 2, 3)}
    props3 = [f["properties"] for f in admin[3]]
    raw = [_round(shape(f["geometry"])) for f in admin[3]]
    repaired = [g if g.is_valid else shapely.make_valid(g, method="structure", keep_collapsed=False) for g in raw]
    cleaned = list(shapely.coverage_clean(repaired, gap_width=GAP))
    simplified = list(shapely.coverage_simplify(cleaned, TOLERANCE))
    rounded = [_round(g) for g in simplified]
    _check_coverage("sub-districts", rounded)

    units: dict[str, dict[str, Any]] = {}
    for props, geometry in zip(props3, rounded, strict=True):
        units[props["PCODE"]] = _feature(3, props, geometry)
    for level, key in ((2, "ADM2_PCODE"), (1, "ADM1_PCODE")):
        names = {f["properties"]["PCODE"]: f["properties"] for f in admin[level]}
        groups: dict[str, list[Any]] = {}
        for props, geometry in zip(props3, rounded, strict=True):
            groups.setdefault(props[key], []).append(geometry)
        if set(groups) != set(names):
            _fail(f"admin{level}: P-codes of the sub-districts and of the layer differ")
        dissolved = {code: shapely.coverage_union_all(parts) for code, parts in groups.items()}
        _check_coverage(f"admin{level}", list(dissolved.values()))
        for code in sorted(dissolved):
            units[code] = _feature(level, names[code], dissolved[code])
    country = shapely.coverage_union_all(rounded)
    units["SY"] = {
        "level": 0,
        "name": "Syrian Arab Republic",
        "parent": None,
        "geometry": mapping(shapely.orient_polygons(country)),
    }

    places: dict[str, dict[str, Any]] = {}
    circle = _circle(*TANF_GARRISON, TANF_RADIUS_KM)
    for place, (code, inside) in sorted(TANF_PIECES.items()):
        unit = shape(units[code]["geometry"])
        piece = unit.intersection(circle) if inside else unit.difference(circle)
        places[place] = {"geometry": mapping(shapely.orient_polygons(_round(piece)))}
    for code in {code for code, _ in TANF_PIECES.values()}:
        pieces = [shape(places[p]["geometry"]) for p, (c, _) in TANF_PIECES.items() if c == code]
        _check_coverage(f"al-Tanf pieces of {code}", pieces)
    for place, (lon, lat) in sorted(PLACES.items()):
        places[place] = {"geometry": {"type": "Point", "coordinates": [lon, lat]}}
    return {
        "about": (
            "Syria's OCHA COD-AB admin0-3 boundaries (admin3 of 2016-09-05) made into a clean "
            f"coverage, simplified at {TOLERANCE} degrees and rounded to {DECIMALS} decimals; "
            "town points and the al-Tanf zone pieces of the bundled scenario. Made by tools/make_atlas.py."
        ),
        "units": dict(sorted(units.items())),
        "places": dict(sorted(places.items())),
    }


def main() -> None:
    """Write the atlas next to the bundled scenario."""
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "../../shared/data/real/syria-admin-ocha")
    atlas = build(source)
    out = Path(__file__).resolve().parent.parent / "src" / "conflictmodel" / "data" / "syria_atlas.json"
    text = json.dumps(atlas, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    out.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {out} ({len(text.encode()) + 1:,} bytes, {len(atlas['units'])} units, {len(atlas['places'])} places)")


if __name__ == "__main__":
    main()
