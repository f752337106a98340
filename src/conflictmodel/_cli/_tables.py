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

import argparse
import datetime as dt
import json
import sys
from typing import Any

from conflictmodel._format._jsonformat import dumps, load
from conflictmodel._model._errors import FieldError, LoadError, ParseError
from conflictmodel._model._scenario import Scenario

from ._command import EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE, command
from ._console import Console

__all__ = ["run_import_parquet"]

_QUESTIONS = {
    "events-control": "each event with who held its location (certainly and possibly)",
    "control-states": "who holds each territory on a day",
}


def _fail(console: Console, name: str, error: Exception) -> int:
    console.error(f"conflictmodel {name}: {error}")
    if isinstance(error, ImportError | ParseError):
        return EXIT_UNUSABLE
    return EXIT_PROBLEMS


def run_import_parquet(args: argparse.Namespace, console: Console) -> int:
    """``conflictmodel import parquet DIR -o out.json``."""
    if len(args.files) != 1:
        return _fail(console, "import parquet", LoadError([], "give one folder"))
    try:
        from conflictmodel.tables import read_parquet  # noqa: PLC0415 - pyarrow only when asked for

        with console.phase(f"reading {args.files[0]}"):
            scenario = read_parquet(args.files[0])
    except (LoadError, ImportError) as error:
        return _fail(console, "import parquet", error)
    to_stdout = args.output in (None, "-")
    with console.phase(f"writing {len(scenario):,} records to {'stdout' if to_stdout else args.output}"):
        _write_text(dumps(scenario), args.output, console)
    if not args.quiet and not to_stdout:
        console.print(f"  wrote {len(scenario)} records to {args.output}")
    return EXIT_OK


def _write_text(text: str, output: str | None, console: Console) -> None:
    if output in (None, "-"):
        console.out.write(text)
    else:
        with open(output, "w", encoding="utf-8") as out:  # noqa: PTH123 - a plain text file
            out.write(text)


def _export_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the scenario file (canonical JSON), - for standard input")
    parser.add_argument("-o", "--output", required=True, metavar="DIR", help="the folder to write")


@command(
    "export parquet",
    help="a folder of Parquet files, one per table of the layout (docs/tables.md)",
    arguments=_export_arguments,
    reports=False,
)
def _export(args: argparse.Namespace, console: Console) -> int:
    try:
        from conflictmodel.tables import write_parquet  # noqa: PLC0415 - pyarrow only when asked for

        scenario: Scenario = load(sys.stdin.buffer if args.file == "-" else args.file)
        written = write_parquet(scenario, args.output)
    except (LoadError, ImportError) as error:
        return _fail(console, "export parquet", error)
    console.print(f"  wrote {len(written)} tables ({len(scenario)} records) to {args.output}")
    return EXIT_OK


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _query_arguments(name: str) -> Any:
    def arguments(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("folder", metavar="DIR", help="a folder written by `export parquet`")
        parser.add_argument("--engine", choices=("duckdb", "spark"), default="duckdb", help="where the SQL runs")
        parser.add_argument(
            "-o", "--output", metavar="OUT", help="OUT.parquet or OUT.csv (default: JSON Lines on stdout)"
        )
        if name == "control-states":
            parser.add_argument("--on", required=True, metavar="DAY", help="the day, YYYY-MM-DD")

    return arguments


def _answer(args: argparse.Namespace, question: str) -> Any:
    from conflictmodel.tables import DuckDBEngine, SparkEngine  # noqa: PLC0415 - the extras only when asked for

    if args.engine == "duckdb":
        engine: Any = DuckDBEngine(args.folder)
    else:
        from pyspark.sql import SparkSession  # noqa: PLC0415

        engine = SparkEngine(SparkSession.builder.getOrCreate(), args.folder)
    if question == "events-control":
        answer = engine.events_control()
    else:
        territories = engine.tree["territory_levels"].column("territory").to_pylist()
        answer = engine.control_states([(t, args.on) for t in territories])
    return answer if args.engine == "duckdb" else answer.toArrow()


def _write_answer(table: Any, output: str | None, console: Console) -> None:
    table = table.sort_by([(table.column_names[0], "ascending")])
    if output and output.endswith(".parquet"):
        import pyarrow.parquet as pq  # noqa: PLC0415

        pq.write_table(table, output)
    elif output and output.endswith(".csv"):
        import pyarrow.compute as pc  # noqa: PLC0415
        import pyarrow.csv as pcsv  # noqa: PLC0415

        flat = table
        for index, name in enumerate(table.column_names):
            if str(table.schema.field(name).type).startswith("list"):
                flat = flat.set_column(index, name, pc.binary_join(table.column(name), ";"))
        pcsv.write_csv(flat, output)
    else:
        for row in table.to_pylist():
            console.out.write(json.dumps({k: _plain(v) for k, v in row.items()}, ensure_ascii=False) + "\n")


def _query(question: str) -> Any:
    def run(args: argparse.Namespace, console: Console) -> int:
        try:
            with console.phase(f"running {question} on {args.engine}"):
                table = _answer(args, question)
        except (LoadError, FieldError, ImportError, OSError) as error:
            return _fail(console, f"query {question}", error)
        _write_answer(table, args.output, console)
        return EXIT_OK

    return run


for _name, _text in _QUESTIONS.items():
    command(f"query {_name}", help=_text, arguments=_query_arguments(_name), reports=False)(_query(_name))
