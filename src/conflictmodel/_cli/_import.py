"""``conflictmodel import FORMAT FILE... -o out.json``: a dataset file to a scenario file.

Wired into the command line by ``_cli``: ``add_import_command(commands)`` in the parser
and ``run_import(args)`` for the ``import`` command. The import report goes to stdout
(to stderr when the scenario itself goes to stdout); progress goes to stderr every
10,000 rows. Exit codes: 0 every row imported, 1 some rows rejected (the scenario is
still written), 2 the file could not be read as that format.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from conflictmodel._format._jsonformat import dumps
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

from ._tables import run_import_parquet

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

    from conflictmodel.io import Imported

__all__ = ["FORMATS", "add_import_command", "run_import"]

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


def add_import_command(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``import`` command to the command line's sub-parsers."""
    listing = "; ".join(f"{name}: {text}" for name, (_, text) in FORMATS.items())
    listing += "; parquet: a folder written by `conflictmodel export parquet`"
    command: argparse.ArgumentParser = subparsers.add_parser(
        "import",
        help="read a dataset file into a scenario file; exit 0 all rows, 1 rows rejected, 2 unreadable",
        description=f"Read a dataset file into a scenario. Formats: {listing}.",
    )
    command.add_argument(
        "format",
        choices=sorted([*FORMATS, "parquet"]),
        metavar="FORMAT",
        help="one of: " + ", ".join(sorted([*FORMATS, "parquet"])),
    )
    command.add_argument("files", nargs="+", metavar="FILE", help="the file to read (ocha: one or more layers)")
    command.add_argument("-o", "--output", metavar="OUT", help="the scenario file to write (default: stdout)")
    command.add_argument(
        "--dataset-version", metavar="V", help="the dataset version to record (default: from the file)"
    )
    command.add_argument("--strict", action="store_true", help="stop at the first row that cannot be imported")
    command.add_argument("--simplify", type=float, metavar="DEG", help="ocha: simplify boundaries to DEG degrees")
    command.add_argument("--quiet", action="store_true", help="no progress and no report")
    return command


def run_import(args: argparse.Namespace) -> int:
    """Run ``conflictmodel import`` with parsed ``args``; return the exit code."""
    if args.format == "parquet":
        return run_import_parquet(args)
    reader, _ = FORMATS[args.format]
    to_stdout = args.output in (None, "-")
    report_stream = sys.stderr if to_stdout else sys.stdout

    def progress(rows: int) -> None:
        print(f"  {rows:,} rows read…", file=sys.stderr, flush=True)

    options: dict[str, Any] = {"version": args.dataset_version, "strict": args.strict}
    if not args.quiet:
        options["progress"] = progress
    if args.format == "ocha":
        options["simplify_tolerance"] = args.simplify
    elif len(args.files) > 1:
        print(f"conflictmodel import {args.format}: give one file (only ocha reads several)", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        imported = reader(*args.files, **options)
    except LoadError as error:
        print(error, file=sys.stderr)
        return EXIT_UNREADABLE
    text = dumps(imported.scenario)
    if to_stdout:
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8") as out:  # noqa: PTH123 - a plain text file
            out.write(text)
    if not args.quiet:
        print(imported.report, file=report_stream)
        if not to_stdout:
            print(f"  wrote {len(imported.scenario)} records to {args.output}", file=report_stream)
    return EXIT_OK if imported.report.ok else EXIT_REJECTED
