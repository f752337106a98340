"""Thin runners of the SQL: DuckDB in-process, and Spark through a session the user passes."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from conflictmodel._model._dates import DayLike
from conflictmodel._queries._partition import Weight

from ._deps import require
from ._pieces import pieces_table, portions_table
from ._sources import Tables, arrow_tables, days_table, parquet_folder, partitions_table, tree_height, tree_of
from ._sql import Dialect, control_states_sql, events_control_sql, partition_sql, steps

__all__ = ["DuckDBEngine", "SparkEngine"]

_DATA = ("controls", "events", "territories")
_PROPAGATION = "spark.sql.constraintPropagation.enabled"
_ASOF_LOOP = "asof_loop_join_threshold"


class _Engine:
    """The three queries over one scenario's tables; subclasses run the SQL."""

    dialect: Dialect

    def __init__(self, data: Tables) -> None:
        self.data = data
        self.tree = tree_of(data)
        self.height = tree_height(self.tree)

    def _run(self, sql: str, inputs: Mapping[str, Any]) -> Any:
        raise NotImplementedError

    def control_states(self, days: Iterable[tuple[str, DayLike]] | Any) -> Any:
        """Who holds each ``(territory, day)``: see :func:`~conflictmodel.tables.control_states_sql`."""
        return self._run(control_states_sql(self.dialect, self.height), {"days": days_table(days)})

    def events_control(self) -> Any:
        """Each event with who held its location: see :func:`~conflictmodel.tables.events_control_sql`."""
        return self._run(events_control_sql(self.dialect, self.height), {})

    def partition(self, questions: Iterable[tuple[str, DayLike]], *, weight: Weight = "area") -> Any:
        """The partition of each ``(within, day)``: see :func:`~conflictmodel.tables.partition_sql`."""
        asked = partitions_table(questions)
        folder = parquet_folder(self.data)
        if folder is not None:
            pq = require("pyarrow.parquet")
            territories = pq.read_table(folder / "territories.parquet")
            controls = pq.read_table(folder / "controls.parquet", columns=["id", "portion"])
        else:
            tables = arrow_tables(self.data)
            territories, controls = tables["territories"], tables["controls"]
        pieces = pieces_table(territories, asked.column("within").to_pylist(), weight)
        inputs = {"partitions": asked, "territory_pieces": pieces, "control_portions": portions_table(controls)}
        return self._run(partition_sql(self.dialect), inputs)


class DuckDBEngine(_Engine):
    """The queries on an in-process DuckDB (the ``duckdb`` extra); answers are Arrow tables.

    ``data`` is a scenario, its Arrow tables, or a Parquet folder (read in place by
    DuckDB, never loaded into Python). ``connection`` is an open DuckDB connection to use
    (default: a new in-memory one).

    With ``stepwise`` (the default) each step of the query is made a temporary table
    named after it and dropped as soon as no later step reads it: on the benchmark's
    1,000,000 control records a third of the peak memory of running the text as one
    query (1.9 against 6.1 GB), for about 30 % more time; the connection must then have
    no temporary table of a step's name (``spans``, ``points``, ...).
    ``stepwise=False`` runs the text as one query.
    """

    dialect: Dialect = "duckdb"

    def __init__(self, data: Tables, *, connection: Any = None, stepwise: bool = True) -> None:
        super().__init__(data)
        self.stepwise = stepwise
        duckdb = require("duckdb")
        if connection is None:
            connection = duckdb.connect()
            connection.execute("SET enable_progress_bar = false")
        self.connection = connection
        folder = parquet_folder(data)
        if folder is not None:
            for name in _DATA:
                path = str(folder / f"{name}.parquet").replace("'", "''")
                self.connection.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS SELECT * FROM read_parquet('{path}')")
        else:
            tables = arrow_tables(data)
            for name in _DATA:
                self.connection.register(name, tables[name])
        for name, table in self.tree.items():
            self.connection.register(name, table)

    def _run(self, sql: str, inputs: Mapping[str, Any]) -> Any:
        connection = self.connection
        for name, table in inputs.items():
            connection.register(name, table)
        # DuckDB plans an ASOF join whose left side it estimates small as a nested loop; the
        # estimate is often far too small here (20,000 records: 34 s instead of 0.2 s), so
        # the loop is switched off while the query runs, and the setting restored.
        (before,) = connection.execute(f"SELECT current_setting('{_ASOF_LOOP}')").fetchone()
        connection.execute(f"SET {_ASOF_LOOP} = 0")
        made: list[str] = []
        try:
            if not self.stepwise:
                return connection.sql(sql).to_arrow_table()
            named, final = steps(sql)
            last = _last_uses(named, final)
            for index, (name, body) in enumerate(named):
                connection.execute(f"CREATE TEMP TABLE {name} AS {body}")
                made.append(name)
                for done in [n for n in made if last[n] == index]:  # no later step reads it
                    connection.execute(f"DROP TABLE {done}")
                    made.remove(done)
            return connection.sql(final).to_arrow_table()
        finally:
            for name in made:
                connection.execute(f"DROP TABLE IF EXISTS {name}")
            connection.execute(f"SET {_ASOF_LOOP} = {int(before)}")
            for name in inputs:
                connection.unregister(name)


class SparkEngine(_Engine):
    """The queries on Spark through the ``spark`` session given (any Spark 3.4+ or 4
    cluster; the library does not pin pyspark); answers are Spark DataFrames.

    ``data`` is a Parquet folder that the cluster can read (a path or URI for
    ``spark.read.parquet``), or a scenario or its Arrow tables (then written to
    ``workdir``, default a local temporary folder, which suits ``local[*]`` sessions).
    The small territory-tree tables are sent from the driver.
    """

    dialect: Dialect = "spark"

    def __init__(self, spark: Any, data: Tables, *, workdir: str | None = None) -> None:
        self.spark = spark
        folder = parquet_folder(data)
        if folder is None:
            tables = arrow_tables(data)
            pq = require("pyarrow.parquet")
            target = Path(workdir or tempfile.mkdtemp(prefix="conflictmodel-spark-"))
            target.mkdir(parents=True, exist_ok=True)
            for name in _DATA:
                pq.write_table(tables[name], target / f"{name}.parquet")
            folder = target
        super().__init__(folder)  # the engine reads everything from the folder it was given or wrote
        self.folder = folder
        for name in _DATA:
            spark.read.parquet(str(folder / f"{name}.parquet")).createOrReplaceTempView(name)
        for name, table in self.tree.items():
            self._view(name, table)

    def _view(self, name: str, table: Any) -> None:
        if not table.num_rows:
            frame = self.spark.createDataFrame([], _spark_schema(table.schema))
        else:
            try:  # Spark 4 takes an Arrow table as it is
                frame = self.spark.createDataFrame(table)
            except TypeError:  # pragma: no cover - Spark 3.x takes pandas
                frame = self.spark.createDataFrame(table.to_pandas())
        frame.createOrReplaceTempView(name)

    def _run(self, sql: str, inputs: Mapping[str, Any]) -> Any:
        for name, table in inputs.items():
            self._view(name, table)
        named, final = steps(sql)
        # Spark's constraint propagation fails on the union of the tree levels (an internal
        # "key not found" error), so it is switched off while the steps run.
        conf = self.spark.conf
        before = conf.get(_PROPAGATION, "true")
        conf.set(_PROPAGATION, "false")
        try:
            uses = _uses(named, final)
            for name, body in named:
                frame = self.spark.sql(body)
                if uses[name] > 1:  # computed once: Spark would inline and plan it again for every use
                    frame = frame.localCheckpoint()
                frame.createOrReplaceTempView(name)
            return self.spark.sql(final).localCheckpoint()
        finally:
            conf.set(_PROPAGATION, before)


def _words(named: list[tuple[str, str]], final: str) -> list[set[str]]:
    return [set(re.findall(r"\w+", body)) for _, body in named] + [set(re.findall(r"\w+", final))]


def _uses(named: list[tuple[str, str]], final: str) -> dict[str, int]:
    """How many later steps (and the final query) read each step."""
    words = _words(named, final)
    return {name: sum(name in later for later in words[index + 1 :]) for index, (name, _) in enumerate(named)}


def _last_uses(named: list[tuple[str, str]], final: str) -> dict[str, int]:
    """The index of the last step that reads each step (``len(named)``: the final query)."""
    words = _words(named, final)
    return {
        name: max((i for i in range(index + 1, len(words)) if name in words[i]), default=index)
        for index, (name, _) in enumerate(named)
    }


def _spark_schema(schema: Any) -> str:
    names = {"string": "STRING", "int32": "INT", "bool": "BOOLEAN", "date32[day]": "DATE", "double": "DOUBLE"}
    return ", ".join(f"{field.name} {names[str(field.type)]}" for field in schema)
