"""``conflictmodel map`` and ``conflictmodel export geojson``: pictures and GeoJSON of the
control map.

Registered with the command line through ``_command``. Without a FILE they draw the
bundled Syria 2017 scenario with its atlas (the OCHA units it has no record for hatched,
a Damascus inset); a FILE must carry its own geometry. Exit codes: 0 written, 1 the
scenario could not be drawn (a load error, a bad day, nothing with geometry), 2 the file
could not be read.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from conflictmodel._format._bundled import syria_2017, syria_atlas
from conflictmodel._format._jsonformat import load
from conflictmodel._model._errors import FieldError, LoadError, ParseError
from conflictmodel.maps import (
    SYRIA_INSET,
    SYRIA_SOURCE,
    day_geojson,
    dumps_geojson,
    month_days,
    render_day,
    render_days,
)

from ._command import EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE, command
from ._console import Console

if TYPE_CHECKING:
    from collections.abc import Callable

    from conflictmodel._model._scenario import Scenario
    from conflictmodel._model._territory import Territory
    from conflictmodel.maps import Inset

__all__: list[str] = []


def _map_arguments(drawing: argparse.ArgumentParser) -> None:
    drawing.add_argument("file", nargs="?", metavar="FILE", help="a scenario with geometry (default: the bundled one)")
    drawing.add_argument("--on", metavar="DAY", help="the day, YYYY-MM-DD (default: the scenario's as_of)")
    drawing.add_argument("--from", dest="start", metavar="DAY", help="the first day of a slider page")
    drawing.add_argument("--to", dest="end", metavar="DAY", help="the last day of a slider page")
    drawing.add_argument("--every", choices=("month",), default="month", help="the step between the days")
    drawing.add_argument("-o", "--output", required=True, metavar="OUT", help="out.svg or out.html")


def _geojson_arguments(geojson: argparse.ArgumentParser) -> None:
    geojson.add_argument("file", nargs="?", metavar="FILE", help="a scenario with geometry (default: the bundled one)")
    geojson.add_argument("--on", metavar="DAY", help="the day, YYYY-MM-DD (default: the scenario's as_of)")
    geojson.add_argument("-o", "--output", metavar="OUT", help="the file to write (default: standard output)")


def _scenario(file: str | None) -> tuple[Scenario, tuple[Territory, ...], Inset | None, str | None]:
    if file is None:
        return syria_2017(geometry=True), syria_atlas(), SYRIA_INSET, SYRIA_SOURCE
    return load(file), (), None, f"Data: {file}"


def _day(scenario: Scenario, day: str | None) -> str:
    if day is not None:
        return day
    if scenario.meta.as_of is None:
        raise ValueError("the scenario has no as_of day: give one with --on")
    return scenario.meta.as_of.latest.isoformat()


def _guarded(
    run: Callable[[argparse.Namespace, Console], int], args: argparse.Namespace, console: Console, name: str
) -> int:
    try:
        return run(args, console)
    except ParseError as error:
        console.error(str(error))
        return EXIT_UNUSABLE
    except LoadError as error:
        console.error(str(error))
        return EXIT_PROBLEMS
    except (ValueError, FieldError, KeyError) as error:
        console.error(f"conflictmodel {name}: {error}")
        return EXIT_PROBLEMS


def _map(args: argparse.Namespace, _: Console) -> int:
    out = Path(args.output)
    if out.suffix not in (".svg", ".html"):
        raise ValueError(f"-o {args.output}: the output must end in .svg or .html")
    scenario, background, inset, source = _scenario(args.file)
    if (args.start is None) != (args.end is None):
        raise ValueError("--from and --to go together")
    if args.start is not None:
        if out.suffix != ".html":
            raise ValueError("a slider over days is an HTML page: -o must end in .html")
        if args.on is not None:
            raise ValueError("--on draws one day; --from/--to draw a range: give one or the other")
        days = month_days(args.start, args.end)
        text = render_days(scenario, days, background=background, inset=inset, source=source)
    else:
        day = _day(scenario, args.on)
        text = render_day(scenario, day, background=background, inset=inset, source=source, html=out.suffix == ".html")
    out.write_text(text, encoding="utf-8")
    return EXIT_OK


def _export(args: argparse.Namespace, console: Console) -> int:
    scenario, _, _, _ = _scenario(args.file)
    text = dumps_geojson(day_geojson(scenario, _day(scenario, args.on)))
    if args.output is None:
        console.out.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
    return EXIT_OK


@command(
    "map",
    help="draw who holds what on a day (SVG or HTML), or a day slider with the partition chart",
    description="Without --from/--to: the map of one day (--on, default the scenario's as_of), as SVG or "
    "a self-contained HTML page by the extension of -o. With --from and --to: one HTML page with a slider "
    "over the days and the stacked-area chart of the partition by bloc.",
    arguments=_map_arguments,
    reports=False,
)
def _run_map(args: argparse.Namespace, console: Console) -> int:
    return _guarded(_map, args, console, "map")


@command(
    "export geojson",
    help="the control map of a day as an RFC 7946 FeatureCollection",
    arguments=_geojson_arguments,
    reports=False,
)
def _run_export(args: argparse.Namespace, console: Console) -> int:
    return _guarded(_export, args, console, "export geojson")
