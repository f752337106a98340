"""The command line: ``conflictmodel`` / ``python -m conflictmodel``.

With no arguments it loads the bundled Syria 2017 scenario, validates it and prints what
it says about its ``as_of`` day: the control map, the partition, the agreements in force
with their guarantors, the alignment camps and the violations.

* ``conflictmodel summary [FILE...] [--on DAY] [--format text|json]`` does the same for
  files (default: the bundled scenario).
* ``conflictmodel validate FILE... [--select CODE] [--ignore CODE]`` prints every
  problem of each file (load problems by JSON path, then rule findings) and exits 0
  when none is an error, 1 when problems were found, 2 when a file is unreadable
  (missing, not UTF-8, not JSON).
* ``conflictmodel schema`` prints the JSON Schema; ``conflictmodel import FORMAT FILE
  -o OUT`` reads a dataset of the field.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from conflictmodel._format._bundled import syria_2017
from conflictmodel._format._jsonformat import load
from conflictmodel._format._schema import json_schema
from conflictmodel._model._errors import FieldError, LoadError, ParseError
from conflictmodel._model._scenario import Scenario
from conflictmodel._rules._validate import validate

from ._dayview import day_view, day_view_lines
from ._import import add_import_command, run_import
from ._summary import summarize
from ._tables import COMMANDS as TABLE_COMMANDS
from ._tables import add_table_commands, run_table_command

__all__ = ["main"]

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNREADABLE = 2
BUNDLED = "the bundled scenario (conflictmodel.syria_2017())"


def _load_all(files: Sequence[str]) -> tuple[list[tuple[str, Scenario]], int]:
    """Load each file, printing load errors to stderr; the exit code so far."""
    if not files:
        return [(BUNDLED, syria_2017())], EXIT_OK
    loaded, code = [], EXIT_OK
    for name in files:
        try:
            loaded.append((name, load(name)))
        except LoadError as error:
            print(error, file=sys.stderr)
            code = max(code, EXIT_UNREADABLE if isinstance(error, ParseError) else EXIT_PROBLEMS)
    return loaded, code


def _summary(files: Sequence[str], day: str | None, output: str) -> int:
    scenarios, code = _load_all(files)
    for name, scenario in scenarios:
        report = validate(scenario)
        try:
            view = day_view(scenario, day, report=report)
        except (ValueError, FieldError) as error:
            print(f"{name}: {error}", file=sys.stderr)
            code = max(code, EXIT_PROBLEMS)
            continue
        if output == "json":
            print(json.dumps({"source": name, **view}, indent=2, ensure_ascii=False))
        else:
            print("\n".join(summarize(scenario).lines()))
            print(f"  from {name}")
            print()
            print("\n".join(day_view_lines(scenario, view)))
        if not report.ok:
            code = max(code, EXIT_PROBLEMS)
    return code


def _validate(files: Sequence[str], select: list[str] | None, ignore: list[str] | None) -> int:
    code = EXIT_OK
    for name in files:
        try:
            scenario = load(name)
        except ParseError as error:
            for problem in error.problems:
                print(f"{name}: {problem.message}")
            code = EXIT_UNREADABLE
            continue
        except LoadError as error:
            for problem in error.problems:
                print(f"{name}: {problem}")
            code = max(code, EXIT_PROBLEMS)
            continue
        report = validate(scenario, select=select, ignore=ignore)
        for finding in report.findings:
            print(f"{name}: {finding.path}: {finding.code} {finding.severity.value}: {finding.message}")
        if report.ok:
            print(f"{name}: ok" + (f" ({len(report.warnings)} warnings)" if report.warnings else ""))
        else:
            code = max(code, EXIT_PROBLEMS)
    return code


def _schema() -> int:
    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="conflictmodel",
        description="Typed, checked models of armed conflicts and their diplomacy. "
        "Without a command: what the bundled Syria 2017 scenario says about its as-of day.",
    )
    commands = parser.add_subparsers(dest="command")
    check = commands.add_parser("validate", help="check scenario files; exit 0 clean, 1 problems, 2 unreadable")
    check.add_argument("files", nargs="+", metavar="FILE")
    check.add_argument("--select", action="append", metavar="CODE", help="check only these rules (repeatable)")
    check.add_argument("--ignore", action="append", metavar="CODE", help="skip these rules (repeatable)")
    summary = commands.add_parser("summary", help="what scenario files say about a day (default: the bundled one)")
    summary.add_argument("files", nargs="*", metavar="FILE")
    summary.add_argument("--on", metavar="DAY", help="the day, YYYY-MM-DD (default: the scenario's as_of)")
    summary.add_argument("--format", choices=("text", "json"), default="text", help="text tables or JSON")
    commands.add_parser("schema", help="print the JSON Schema of the file format")
    add_import_command(commands)
    add_table_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:  # noqa: PLR0911 - one return per command
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    args = _parser().parse_args(argv)
    if args.command == "validate":
        try:
            return _validate(args.files, args.select, args.ignore)
        except ValueError as error:  # an unknown rule code
            print(f"conflictmodel validate: {error}", file=sys.stderr)
            return EXIT_UNREADABLE
    if args.command == "schema":
        return _schema()
    if args.command == "import":
        return run_import(args)
    if args.command in TABLE_COMMANDS:
        return run_table_command(args)
    if args.command == "summary":
        return _summary(args.files, args.on, args.format)
    return _summary([], None, "text")
