"""Maps: attaching the atlas, one day's SVG map, a twelve-month slider page, and a day's
GeoJSON, with geopandas writing the same FeatureCollection as the peer.

    python benchmarks/bench_maps.py --repeat 7            # collector on
    python benchmarks/bench_maps.py --repeat 7 --gc-off   # collector off, for every library

Median seconds of ``--repeat`` runs, ``gc.collect()`` before each; one process, libraries
in rotated order. Sizes of the atlas and of each output are printed too.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import statistics
import time
from collections.abc import Callable
from importlib.resources import files
from typing import Any

import conflictmodel as cm
from conflictmodel import maps
from conflictmodel._format import _bundled

DAY = "2017-11-30"


def _time(function: Callable[[], Any], repeat: int, gc_off: bool) -> float:
    runs = []
    for _ in range(repeat):
        gc.collect()
        if gc_off:
            gc.disable()
        try:
            start = time.perf_counter()
            function()
            runs.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--gc-off", action="store_true")
    args = parser.parse_args()
    world = cm.syria_2017(geometry=True)
    units = maps.syria_units()
    months = maps.month_days("2016-12-30", DAY)[-12:]

    def attach() -> None:
        _bundled._atlas.cache_clear()  # noqa: SLF001 - measure the join from the file
        _bundled.syria_atlas.cache_clear()
        _bundled._with_geometry.__wrapped__()  # noqa: SLF001

    def one_day() -> None:
        maps.map_svg(maps.day_map(world, DAY), background=units, inset=maps.SYRIA_INSET)

    def year() -> None:
        maps.render_days(world, months, background=units, inset=maps.SYRIA_INSET)

    def geojson() -> None:
        maps.dumps_geojson(maps.day_geojson(world, DAY))

    cases: dict[str, Callable[[], None]] = {
        "attach the atlas (read, build, evolve)": attach,
        "one day: day_map + map_svg": one_day,
        "twelve-month slider page": year,
        "one day's GeoJSON text (conflictmodel)": geojson,
    }
    try:
        geopandas = importlib.import_module("geopandas")  # the peer is optional (the geo extra)
        frame = geopandas.GeoDataFrame.from_features(maps.day_geojson(world, DAY)["features"])
        cases["the same features' GeoJSON text (geopandas to_json)"] = frame.to_json
    except ImportError:
        print("geopandas missing: no peer for the GeoJSON export")
    names = list(cases)
    results: dict[str, list[float]] = {name: [] for name in names}
    for turn in range(len(names)):  # rotated order
        for name in names[turn:] + names[:turn]:
            results[name].append(_time(cases[name], args.repeat, args.gc_off))
    print(f"collector {'off' if args.gc_off else 'on'}; median of {args.repeat} per round, median of rounds")
    for name in names:
        print(f"  {name:55s} {statistics.median(results[name]) * 1000:9.1f} ms")
    atlas = files("conflictmodel").joinpath("data", "syria_atlas.json").read_bytes()
    print(f"atlas: {len(atlas):,} bytes")
    svg = maps.map_svg(maps.day_map(world, DAY), background=units, inset=maps.SYRIA_INSET)
    print(f"one day's SVG: {len(svg.encode()):,} bytes")
    page = maps.render_days(world, months, background=units, inset=maps.SYRIA_INSET)
    print(f"twelve-month page: {len(page.encode()):,} bytes")
    print(f"one day's GeoJSON: {len(json.dumps(maps.day_geojson(world, DAY)).encode()):,} bytes")


if __name__ == "__main__":
    main()
