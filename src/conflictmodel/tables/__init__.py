"""A scenario as Arrow tables and Parquet files, and its control queries as SQL.

The **tables** layer: one Arrow schema per collection, derived from the attrs classes
(:func:`schema`), a scenario to tables and back (:func:`to_arrow`, :func:`from_arrow`), a
whole scenario as a folder of Parquet files (:func:`write_parquet`,
:func:`read_parquet`), pandas DataFrames on top of the tables (:func:`to_pandas`,
:func:`from_pandas`), and the point-in-time control queries as SQL text
(:func:`control_states_sql`, :func:`events_control_sql`, :func:`partition_sql`) with thin
runners for DuckDB (:class:`DuckDBEngine`) and Spark (:class:`SparkEngine`).

It may import every layer below it (values, records, format, queries) and nothing above.
Its packages are optional extras imported on first use: ``arrow`` (pyarrow), ``duckdb``,
``spark`` (pyspark) and ``pandas``; a missing one raises an :class:`ImportError` naming
the extra. See ``docs/tables.md``.
"""

from ._arrow import from_arrow, schema, to_arrow
from ._engines import DuckDBEngine, SparkEngine
from ._frames import from_pandas, to_pandas
from ._layout import LAYOUT_VERSION, TABLES
from ._parquet import read_parquet, read_tables, write_parquet
from ._pieces import pieces_table, portions_table
from ._sql import DIALECTS, Dialect, control_states_sql, events_control_sql, partition_sql
from ._tree import tree_tables

__all__ = [
    "DIALECTS",
    "LAYOUT_VERSION",
    "TABLES",
    "Dialect",
    "DuckDBEngine",
    "SparkEngine",
    "control_states_sql",
    "events_control_sql",
    "from_arrow",
    "from_pandas",
    "partition_sql",
    "pieces_table",
    "portions_table",
    "read_parquet",
    "read_tables",
    "schema",
    "to_arrow",
    "to_pandas",
    "tree_tables",
    "write_parquet",
]
