"""``conflictmodel validate FILE...``: every load problem and rule finding of each file.

Exit 0 when no file has an error (warnings are allowed), 1 when problems were found, 2
when a file is unreadable (missing, not UTF-8, not JSON) or a rule code is unknown.
"""

from __future__ import annotations

import argparse
from typing import Any

from conflictmodel._format._jsonformat import to_dict
from conflictmodel._rules._report import Report, Severity
from conflictmodel._rules._validate import validate

from ._command import EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE, command
from ._console import Console
from ._inputs import Input, read_inputs

__all__: list[str] = []


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="scenario files to check")
    parser.add_argument("--select", action="append", metavar="CODE", help="check only these rules (repeatable)")
    parser.add_argument("--ignore", action="append", metavar="CODE", help="skip these rules (repeatable)")


def _text(console: Console, given: Input, report: Report | None) -> None:
    name = given.source
    for problem in given.problems:
        shown = problem.message if given.unreadable else str(problem)
        console.print(f"{name}: {console.paint(shown, 'error')}")
    if report is None:
        return
    for finding in report.findings:
        style = "error" if finding.severity is Severity.ERROR else "warning"
        severity = console.paint(finding.severity.value, style)
        console.print(f"{name}: {finding.path}: {finding.code} {severity}: {finding.message}")
    if report.ok:
        warnings = f" ({len(report.warnings)} warnings)" if report.warnings else ""
        console.print(f"{name}: {console.paint('ok', 'ok')}{warnings}")


def _json(given: Input, report: Report | None) -> dict[str, Any]:
    entry: dict[str, Any] = {"source": given.source, "ok": report is not None and report.ok}
    if report is None:
        entry["readable"] = not given.unreadable
        entry["problems"] = given.problems_json()
        return entry
    entry.update(to_dict(report))
    return entry


@command(
    "validate",
    help="check scenario files; exit 0 clean, 1 problems, 2 unreadable",
    description="Load each file and check every rule; print each problem with its JSON path.",
    arguments=_arguments,
)
def _run(args: argparse.Namespace, console: Console) -> int:
    inputs = read_inputs(args.files, console)
    code, entries = EXIT_OK, []
    for given in inputs:
        report = None
        if given.scenario is not None:
            try:
                with console.phase(f"checking {given.source}"):
                    report = validate(given.scenario, select=args.select, ignore=args.ignore)
            except ValueError as error:  # an unknown rule code
                console.error(f"conflictmodel validate: {error}")
                return EXIT_UNUSABLE
        code = max(code, given.exit_code, EXIT_OK if report is None or report.ok else EXIT_PROBLEMS)
        if args.format == "json":
            entries.append(_json(given, report))
        else:
            _text(console, given, report)
    if args.format == "json":
        console.json({"ok": code == EXIT_OK, "files": entries})
    return code
