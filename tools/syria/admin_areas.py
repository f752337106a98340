"""Geodesic areas of Syria's OCHA administrative units, written as a small CSV.

Reads the OCHA COD-AB boundaries of Syria (GeoJSON conversions of the shapefiles
``syr_admin{1,2,3}``; see ``README.md`` beside this script for where they come from) and
writes ``ocha_admin.csv``: one row per governorate, district and sub-district with its
P-code, level, English and Arabic names, parent P-code and area in km², computed on the
WGS 84 ellipsoid with Karney's algorithm (``geographiclib``), outer rings minus holes.
Areas are rounded to 0.1 km². The scenario builder (``build_scenario.py``) reads only
the CSV, so the boundaries are needed only to recompute it::

    python tools/syria/admin_areas.py PATH/TO/syria-admin-ocha > tools/syria/ocha_admin.csv

Requires ``pip install geographiclib`` (a tool dependency, not one of the package's).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from geographiclib.geodesic import Geodesic  # type: ignore[import-untyped]

LEVELS = (
    ("admin0", "syr_admin0.geojson"),
    ("admin1", "syr_admin1.geojson"),
    ("admin2", "syr_admin2.geojson"),
    ("admin3", "syr_admin3.geojson"),
)
PARENT_KEY = {"admin0": "", "admin1": "ADM0_PCODE", "admin2": "ADM1_PCODE", "admin3": "ADM2_PCODE"}
COLUMNS = ("pcode", "level", "name_en", "name_ar", "parent_pcode", "area_km2")


def ring_area_m2(ring: Sequence[Sequence[float]]) -> float:
    """Unsigned geodesic area of one closed ring of (lon, lat) points, in m²."""
    polygon = Geodesic.WGS84.Polygon()
    for lon, lat in ring[:-1]:  # the ring repeats its first point last
        polygon.AddPoint(lat, lon)
    _, _, area = polygon.Compute(False, True)
    return abs(float(area))


def polygons(geometry: dict[str, Any]) -> Iterable[Sequence[Sequence[Sequence[float]]]]:
    """The polygons (lists of rings, outer first) of a Polygon or MultiPolygon."""
    if geometry["type"] == "Polygon":
        yield geometry["coordinates"]
    elif geometry["type"] == "MultiPolygon":
        yield from geometry["coordinates"]
    else:
        raise ValueError(f"unexpected geometry type {geometry['type']!r}")


def area_km2(geometry: dict[str, Any]) -> float:
    """Area of a (multi)polygon: each outer ring less its holes, in km²."""
    total = 0.0
    for rings in polygons(geometry):
        outer, *holes = rings
        total += ring_area_m2(outer) - sum(ring_area_m2(hole) for hole in holes)
    return total / 1e6


def rows(folder: Path) -> list[dict[str, str]]:
    """One row per administrative unit of the three levels, in P-code order."""
    out = []
    for level, name in LEVELS:
        features = json.loads((folder / name).read_text(encoding="utf-8"))["features"]
        for feature in features:
            props = feature["properties"]
            out.append(
                {
                    "pcode": props["PCODE"],
                    "level": level,
                    "name_en": props["NAME_EN"],
                    "name_ar": props["NAME_AR"],
                    "parent_pcode": props.get(PARENT_KEY[level], ""),
                    "area_km2": f"{area_km2(feature['geometry']):.1f}",
                }
            )
    return sorted(out, key=lambda row: (len(row["pcode"]), row["pcode"]))


def main(argv: Sequence[str]) -> int:
    """Write the CSV of ``argv[1]``'s boundaries to standard output."""
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(Path(argv[1])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
