"""``conflictmodel summary [FILE...]``: what scenario files say about a day.

The counts of each file's records, then its day view (the control map, the partition,
the agreements in force, the camps, the violations) on ``--on DAY`` or the scenario's
``as_of``. Without files: the bundled scenario, which is also the main job (the command
line with no arguments). ``--format json`` writes one document, ``{"files": [...]}``,
for any number of files.
"""

from __future__ import annotations

import argparse
from typing import Any

from conflictmodel._model._errors import FieldError
from conflictmodel._rules._validate import validate

from ._command import EXIT_OK, EXIT_PROBLEMS, command
from ._console import Console
from ._dayview import day_view, day_view_lines
from ._inputs import Input, read_inputs
from ._summary import summarize

__all__ = ["run_summary"]


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="*", metavar="FILE", help="scenario files (default: the bundled one)")
    parser.add_argument("--on", metavar="DAY", help="the day, YYYY-MM-DD (default: the scenario's as_of)")
    add_territories_option(parser)


TERRITORIES_HELP = "also print the control of every territory, one line each"


def add_territories_option(parser: argparse.ArgumentParser) -> None:
    """``--territories``: the per-territory table, which the day view leaves out by default."""
    parser.add_argument("--territories", action="store_true", help=TERRITORIES_HELP)


def _one(
    given: Input, day: str | None, console: Console, *, as_json: bool, territories: bool
) -> tuple[int, dict[str, Any]]:
    """Report one file; its exit code and (for JSON) its entry."""
    scenario = given.scenario
    if scenario is None:
        for problem in given.problems:
            if not as_json:
                console.error(f"{given.source}: {problem}")
        return given.exit_code, {"source": given.source, "ok": False, "problems": given.problems_json()}
    with console.phase(f"summarising {given.source}"):
        report = validate(scenario)
        try:
            view = day_view(scenario, day, report=report)
        except (ValueError, FieldError) as error:
            view = None
            message = str(error)
    if view is None:
        if not as_json:
            console.error(f"{given.source}: {message}")
        return EXIT_PROBLEMS, {"source": given.source, "ok": False, "problems": [{"path": "$", "message": message}]}
    code = EXIT_OK if report.ok else EXIT_PROBLEMS
    if not as_json:
        console.print("\n".join(summarize(scenario).lines()))
        console.print(f"  from {given.source}")
        console.print()
        console.print("\n".join(day_view_lines(scenario, view, territories=territories)))
    return code, {"source": given.source, "ok": report.ok, **view}


def run_summary(files: list[str], day: str | None, output: str, console: Console, *, territories: bool = False) -> int:
    """Summarise ``files`` (the bundled scenario when empty) on ``day``; the exit code.
    With ``territories``, the text also lists the control of every territory."""
    code, entries = EXIT_OK, []
    for given in read_inputs(files, console, default_bundled=True):
        one, entry = _one(given, day, console, as_json=output == "json", territories=territories)
        code = max(code, one)
        entries.append(entry)
    if output == "json":
        console.json({"files": entries})
    return code


@command(
    "summary",
    help="what scenario files say about a day (default: the bundled one)",
    description="Counts, then the control map, partition, agreements, camps and violations of a day.",
    arguments=_arguments,
)
def _run(args: argparse.Namespace, console: Console) -> int:
    return run_summary(args.files, args.on, args.format, console, territories=args.territories)
