"""``conflictmodel import FORMAT FILE... -o out.json``: a dataset file to a scenario file.

The import report goes to stdout (to stderr when the scenario itself goes to stdout),
as text or, with ``--format json``, as one JSON document; on a terminal a progress line
on stderr counts the rows read and then times the writing. Exit codes: 0 every row
imported, 1 some rows rejected (the scenario is still written), 2 the file could not be
read as that format.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conflictmodel._format._jsonformat import dumps, to_dict
from conflictmodel._model._errors import LoadError
from conflictmodel.io import (
    read_acled,
    read_atop_alliances,
    read_atop_members,
    read_ocha_admin,
    read_pax,
    read_ucdp_acd,
    read_ucdp_actors,
    read_ucdp_ged,
    read_ucdp_ged_json,
)

from ._command import command
from ._console import Console
from ._tables import run_import_parquet

if TYPE_CHECKING:
    from collections.abc import Callable

    from conflictmodel.io import Imported

__all__ = ["FORMATS", "run_import"]

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_UNREADABLE = 2

FORMATS: dict[str, tuple[Callable[..., Imported], str]] = {
    "acled": (read_acled, "ACLED CSV export"),
    "atop-alliances": (read_atop_alliances, "ATOP alliance-level CSV"),
    "atop-members": (read_atop_members, "ATOP member-level CSV"),
    "ocha": (read_ocha_admin, "OCHA COD-AB boundaries GeoJSON, admin 0-3 (several files: one tree)"),
    "pax": (read_pax, "PA-X peace agreements CSV"),
    "ucdp-acd": (read_ucdp_acd, "UCDP/PRIO Armed Conflict Dataset CSV"),
    "ucdp-actors": (read_ucdp_actors, "UCDP Actor Dataset CSV"),
    "ucdp-ged": (read_ucdp_ged, "UCDP GED CSV (official layout)"),
    "ucdp-ged-json": (read_ucdp_ged_json, "UCDP GED reduced JSON sample"),
}
"""The formats the command reads: name -> (reader, description)."""

_LISTING = "; ".join(f"{name}: {text}" for name, (_, text) in FORMATS.items())
_LISTING += "; parquet: a folder written by `conflictmodel export parquet` (the arrow extra)"
_CHOICES = sorted([*FORMATS, "parquet"])


def _arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("format_name", choices=_CHOICES, metavar="FORMAT", help="one of: " + ", ".join(_CHOICES))
    command.add_argument(
        "files", nargs="+", metavar="FILE", help="the file to read, - for standard input (ocha: one or more layers)"
    )
    command.add_argument("-o", "--output", metavar="OUT", help="the scenario file to write (default: stdout)")
    command.add_argument(
        "--dataset-version", metavar="V", help="the dataset version to record (default: from the file)"
    )
    command.add_argument("--strict", action="store_true", help="stop at the first row that cannot be imported")
    command.add_argument("--simplify", type=float, metavar="DEG", help="ocha: simplify boundaries to DEG degrees")


def _report_json(imported: Imported, args: argparse.Namespace) -> dict[str, Any]:
    report = imported.report
    return {
        "ok": report.ok,
        "format": args.format_name,
        "files": list(args.files),
        "output": None if args.output in (None, "-") else args.output,
        "records": len(imported.scenario),
        "report": to_dict(report),
    }


def _refusal(args: argparse.Namespace, *, to_stdout: bool) -> str | None:
    """Why the command cannot run as asked, checked before a long import; None if it can."""
    if args.format_name != "ocha" and len(args.files) > 1:
        return f"conflictmodel import {args.format_name}: give one file (only ocha reads several)"
    if to_stdout:
        return None
    path = Path(args.output)
    if path.is_dir():
        return f"conflictmodel import: {args.output} is a folder"
    if not path.parent.is_dir():
        return f"conflictmodel import: {args.output} cannot be written: there is no folder {str(path.parent)!r}"
    return None


@command(
    "import",
    help="read a dataset file into a scenario file; exit 0 all rows, 1 rows rejected, 2 unreadable",
    description=f"Read a dataset file into a scenario. Formats: {_LISTING}.",
    arguments=_arguments,
)
def run_import(args: argparse.Namespace, console: Console) -> int:
    """Run ``conflictmodel import`` with parsed ``args``; return the exit code."""
    if args.format_name == "parquet":
        return run_import_parquet(args, console)
    return _import_dataset(args, console)


def _import_dataset(args: argparse.Namespace, console: Console) -> int:
    reader, _ = FORMATS[args.format_name]
    to_stdout = args.output in (None, "-")
    report_stream = sys.stderr if to_stdout else sys.stdout
    refusal = _refusal(args, to_stdout=to_stdout)
    if refusal is not None:
        console.error(refusal)
        return EXIT_UNREADABLE
    files = [sys.stdin.buffer if name == "-" else name for name in args.files]
    with console.phase(f"reading {', '.join(args.files)}") as progress:
        options: dict[str, Any] = {"version": args.dataset_version, "strict": args.strict}
        if progress.active:
            options["progress"] = progress.count
        if args.format_name == "ocha":
            options["simplify_tolerance"] = args.simplify
        try:
            imported = reader(*files, **options)
        except LoadError as error:
            imported = None
            failure = str(error)
    if imported is None:
        console.error(failure)
        return EXIT_UNREADABLE
    with console.phase(f"writing {len(imported.scenario):,} records to {'stdout' if to_stdout else args.output}"):
        text = dumps(imported.scenario)
        if to_stdout:
            sys.stdout.write(text)
        else:
            with open(args.output, "w", encoding="utf-8") as out:  # noqa: PTH123 - a plain text file
                out.write(text)
    if args.format == "json":
        console.json(_report_json(imported, args), stream=report_stream)
    elif not args.quiet:
        print(imported.report, file=report_stream)
        if not to_stdout:
            print(f"  wrote {len(imported.scenario)} records to {args.output}", file=report_stream)
    return EXIT_OK if imported.report.ok else EXIT_REJECTED
