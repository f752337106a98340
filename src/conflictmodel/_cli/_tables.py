"""The table commands: ``export parquet``, ``import parquet`` and ``query``.

* ``conflictmodel export parquet FILE -o DIR`` writes a scenario file as a folder of
  Parquet files, one per table of the layout (``docs/tables.md``);
* ``conflictmodel import parquet DIR -o out.json`` reads such a folder back into a
  scenario file (canonical JSON);
* ``conflictmodel query events-control --engine duckdb DIR [-o OUT]`` answers, for each
  event, who held its location over the days it may have happened, and
  ``conflictmodel query control-states --on DAY DIR`` who holds each territory on a day;
  the answer goes to ``OUT`` (Parquet for ``.parquet``, CSV for ``.csv``) or to stdout
  as JSON Lines.

Exit codes: 0 done, 1 the input was refused (every problem is printed), 2 unreadable or
a needed extra is missing.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import TYPE_CHECKING, Any

from conflictmodel._format._jsonformat import dumps, load
from conflictmodel._model._errors import FieldError, LoadError, ParseError
from conflictmodel._model._scenario import Scenario

if TYPE_CHECKING:
    import argparse

__all__ = ["COMMANDS", "add_table_commands", "run_import_parquet", "run_table_command"]

COMMANDS = frozenset({"export", "query"})
EXIT_OK, EXIT_REFUSED, EXIT_UNREADABLE = 0, 1, 2


def add_table_commands(subparsers: Any) -> None:
    """Add ``export`` and ``query`` to the command line's sub-parsers."""
    export = subparsers.add_parser("export", help="write a scenario file in another format")
    formats = export.add_subparsers(dest="export_format", required=True, metavar="FORMAT")
    parquet = formats.add_parser("parquet", help="a folder of Parquet files, one per table")
    parquet.add_argument("file", metavar="FILE", help="the scenario file (canonical JSON)")
    parquet.add_argument("-o", "--output", required=True, metavar="DIR", help="the folder to write")
    query = subparsers.add_parser("query", help="run a control query as SQL on a Parquet folder")
    questions = query.add_subparsers(dest="question", required=True, metavar="QUERY")
    for name, text in (
        ("events-control", "each event with who held its location (certainly and possibly)"),
        ("control-states", "who holds each territory on a day"),
    ):
        one = questions.add_parser(name, help=text)
        one.add_argument("folder", metavar="DIR", help="a folder written by `export parquet`")
        one.add_argument("--engine", choices=("duckdb", "spark"), default="duckdb", help="where the SQL runs")
        one.add_argument("-o", "--output", metavar="OUT", help="OUT.parquet or OUT.csv (default: JSON Lines on stdout)")
        if name == "control-states":
            one.add_argument("--on", required=True, metavar="DAY", help="the day, YYYY-MM-DD")


def _fail(command: str, error: Exception) -> int:
    print(f"conflictmodel {command}: {error}", file=sys.stderr)
    if isinstance(error, ImportError | ParseError):
        return EXIT_UNREADABLE
    return EXIT_REFUSED


def run_import_parquet(args: argparse.Namespace) -> int:
    """``conflictmodel import parquet DIR -o out.json``."""
    try:
        from conflictmodel.tables import read_parquet  # noqa: PLC0415 - pyarrow only when asked for

        (folder,) = args.files
        scenario = read_parquet(folder)
    except ValueError as error:
        if not isinstance(error, LoadError):
            error = LoadError([], "give one folder")
        return _fail("import parquet", error)
    except ImportError as error:
        return _fail("import parquet", error)
    _write_text(dumps(scenario), args.output)
    if not args.quiet and args.output not in (None, "-"):
        print(f"  wrote {len(scenario)} records to {args.output}")
    return EXIT_OK


def _write_text(text: str, output: str | None) -> None:
    if output in (None, "-"):
        sys.stdout.write(text)
    else:
        with open(output, "w", encoding="utf-8") as out:  # noqa: PTH123 - a plain text file
            out.write(text)


def _export(args: argparse.Namespace) -> int:
    try:
        from conflictmodel.tables import write_parquet  # noqa: PLC0415 - pyarrow only when asked for

        scenario: Scenario = load(args.file)
        written = write_parquet(scenario, args.output)
    except (LoadError, ImportError) as error:
        return _fail("export parquet", error)
    print(f"  wrote {len(written)} tables ({len(scenario)} records) to {args.output}")
    return EXIT_OK


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _query(args: argparse.Namespace) -> int:
    try:
        from conflictmodel.tables import DuckDBEngine, SparkEngine  # noqa: PLC0415 - the extras only when asked for

        if args.engine == "duckdb":
            engine: Any = DuckDBEngine(args.folder)
        else:
            from pyspark.sql import SparkSession  # noqa: PLC0415

            engine = SparkEngine(SparkSession.builder.getOrCreate(), args.folder)
        if args.question == "events-control":
            answer = engine.events_control()
        else:
            territories = engine.tree["territory_levels"].column("territory").to_pylist()
            answer = engine.control_states([(t, args.on) for t in territories])
    except (LoadError, FieldError, ImportError, OSError) as error:
        return _fail(f"query {args.question}", error)
    table = answer if args.engine == "duckdb" else answer.toArrow()
    table = table.sort_by([(table.column_names[0], "ascending")])
    if args.output and args.output.endswith(".parquet"):
        import pyarrow.parquet as pq  # noqa: PLC0415

        pq.write_table(table, args.output)
    elif args.output and args.output.endswith(".csv"):
        import pyarrow.compute as pc  # noqa: PLC0415
        import pyarrow.csv as pcsv  # noqa: PLC0415

        flat = table
        for index, name in enumerate(table.column_names):
            if str(table.schema.field(name).type).startswith("list"):
                flat = flat.set_column(index, name, pc.binary_join(table.column(name), ";"))
        pcsv.write_csv(flat, args.output)
    else:
        for row in table.to_pylist():
            print(json.dumps({k: _plain(v) for k, v in row.items()}, ensure_ascii=False))
    return EXIT_OK


def run_table_command(args: argparse.Namespace) -> int:
    """Run ``export`` or ``query`` with parsed ``args``; return the exit code."""
    if args.command == "export":
        return _export(args)
    return _query(args)
