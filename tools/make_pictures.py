"""Regenerate the pictures of the README and the docs from the bundled scenario.

Run from anywhere: ``python tools/make_pictures.py``. ``tests/maps/test_pictures.py``
fails when a picture in the repository differs from what this script makes, so the
pictures never go stale: after a change to the scenario or the maps, run it and commit.
"""

from __future__ import annotations

from pathlib import Path

import conflictmodel as cm
from conflictmodel import maps

ROOT = Path(__file__).resolve().parent.parent
DAY = "2017-11-30"


def pictures() -> dict[Path, str]:
    """Each picture's path in the repository and its SVG text."""
    world = cm.syria_2017(geometry=True)
    palette = maps.Palette()  # from the last day backwards, as the slider page does: the colours of the map
    months = [maps.day_map(world, day, palette=palette) for day in reversed(maps.month_days("2017-01-30", DAY))]
    months.reverse()
    the_day = maps.day_map(world, DAY)
    return {
        ROOT / "docs" / "_static" / "syria-2017-11-30.svg": maps.map_svg(
            the_day, background=maps.syria_units(), inset=maps.SYRIA_INSET, source=maps.SYRIA_SOURCE
        ),
        ROOT / "docs" / "_static" / "syria-2017-partition.svg": maps.partition_chart_svg(maps.partition_series(months)),
    }


def main() -> None:
    """Write every picture."""
    for path, text in pictures().items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)} ({len(text.encode()):,} bytes)")


if __name__ == "__main__":
    main()
