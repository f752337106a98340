"""The command line: ``conflictmodel`` / ``python -m conflictmodel``.

With no arguments it loads the bundled Syria 2017 scenario and prints a summary.

``conflictmodel validate FILE...`` prints every problem of each file with its JSON path
and exits 0 when all are clean, 1 when problems were found, 2 when a file is unreadable
(missing, not UTF-8, not JSON). ``conflictmodel summary [FILE]`` summarises a file (or
the bundled scenario); ``conflictmodel schema`` prints the JSON Schema;
``conflictmodel import FORMAT FILE -o OUT`` reads a dataset of the field.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from ._bundled import syria_2017
from ._cli_import import add_import_command, run_import
from ._errors import LoadError, ParseError
from ._jsonformat import load
from ._scenario import Scenario
from ._schema import json_schema
from ._summary import summarize

__all__ = ["main"]

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNREADABLE = 2


def _print_summary(scenario: Scenario, where: str) -> None:
    print("\n".join(summarize(scenario).lines()))
    print(f"  loaded from {where}: the document is well-formed and every field is valid")


def _summary(files: Sequence[str]) -> int:
    if not files:
        _print_summary(syria_2017(), "the bundled scenario (conflictmodel.syria_2017())")
        return EXIT_OK
    code = EXIT_OK
    for name in files:
        try:
            scenario = load(name)
        except LoadError as error:
            print(error, file=sys.stderr)
            code = max(code, EXIT_UNREADABLE if isinstance(error, ParseError) else EXIT_PROBLEMS)
            continue
        _print_summary(scenario, name)
    return code


def _validate(files: Sequence[str]) -> int:
    code = EXIT_OK
    for name in files:
        try:
            load(name)
        except ParseError as error:
            for problem in error.problems:
                print(f"{name}: {problem.message}")
            code = EXIT_UNREADABLE
        except LoadError as error:
            for problem in error.problems:
                print(f"{name}: {problem}")
            code = max(code, EXIT_PROBLEMS)
        else:
            print(f"{name}: ok")
    return code


def _schema() -> int:
    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="conflictmodel",
        description="Typed, checked models of armed conflicts and their diplomacy. "
        "Without a command: summarise the bundled Syria 2017 scenario.",
    )
    commands = parser.add_subparsers(dest="command")
    check = commands.add_parser("validate", help="check scenario files; exit 0 clean, 1 problems, 2 unreadable")
    check.add_argument("files", nargs="+", metavar="FILE")
    summary = commands.add_parser("summary", help="summarise scenario files (default: the bundled scenario)")
    summary.add_argument("files", nargs="*", metavar="FILE")
    commands.add_parser("schema", help="print the JSON Schema of the file format")
    add_import_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    args = _parser().parse_args(argv)
    if args.command == "validate":
        return _validate(args.files)
    if args.command == "schema":
        return _schema()
    if args.command == "import":
        return run_import(args)
    return _summary(getattr(args, "files", []))
