"""The event x control join at scale: DuckDB, Spark and the in-memory batch query.

``python benchmarks/bench_tables.py CONTROLS EVENTS [--spark] [--memory] [--no-duckdb]
[--duckdb-memory 12GB] [--spark-memory 6g]``
generates the Parquet folder (``tables_generate.py``, seeded), then runs each engine in its own
subprocess and prints wall time and peak resident memory (VmHWM; for Spark, the driver
JVM's too):

* ``duckdb``: ``DuckDBEngine(folder).events_control()``, the whole answer as Arrow;
* ``spark``: ``SparkEngine(local[2] session, folder).events_control()`` written to
  Parquet (session start timed apart);
* ``memory``: ``read_parquet`` into a Scenario (timed apart), then
  ``controllers_on_many`` for every located event on the first day it may have happened
  (one point query per event: less than the SQL answers, which cover every day).

The garbage collector is on for all (the engines' own runtimes do not use it).
``--duckdb-memory`` caps DuckDB's memory (its ``memory_limit``) and lets it spill the rest
to a temporary folder, for sizes beyond the machine's memory; ``--spark-memory`` is the
Spark driver's memory (default 6g; in ``local`` mode the driver does all the work).
``--no-duckdb`` leaves DuckDB out (it runs by default).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent


def _peak(pid: str = "self") -> float:
    """Peak resident memory of a process in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_duckdb(folder: str, limit: str | None = None) -> dict[str, float]:
    import duckdb

    from conflictmodel.tables import DuckDBEngine

    start = time.perf_counter()
    connection = duckdb.connect()
    if limit is not None:  # spill what does not fit to a temporary folder
        connection.execute(f"SET memory_limit = '{limit}'")
        connection.execute(f"SET temp_directory = '{tempfile.mkdtemp(prefix='bench-duckdb-spill-')}'")
    engine = DuckDBEngine(folder, connection=connection)
    tree = time.perf_counter() - start
    rows = engine.events_control().num_rows
    return {"tree_s": tree, "query_s": time.perf_counter() - start - tree, "rows": rows, "peak_mb": _peak()}


def run_spark(folder: str, memory: str | None = None) -> dict[str, float]:
    from pyspark.sql import SparkSession

    from conflictmodel.tables import SparkEngine

    start = time.perf_counter()
    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", memory or "6g")
        .config("spark.sql.shuffle.partitions", "8")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    session = time.perf_counter() - start
    engine = SparkEngine(spark, folder)
    out = tempfile.mkdtemp(prefix="bench-spark-")
    engine.events_control().write.mode("overwrite").parquet(out)
    query = time.perf_counter() - start - session
    gateway: Any = spark.sparkContext._gateway  # noqa: SLF001 - the local JVM's process, for its memory
    jvm = gateway.proc.pid
    result = {"session_s": session, "query_s": query, "peak_mb": _peak(), "jvm_peak_mb": _peak(str(jvm))}
    spark.stop()
    return result


def run_memory(folder: str, _: str | None = None) -> dict[str, float]:
    from conflictmodel.tables import read_parquet

    start = time.perf_counter()
    s = read_parquet(folder)
    load = time.perf_counter() - start
    known = {t.id for t in s.territories}
    pairs = [(e.location, e.date.earliest) for e in s.events if e.location in known]
    begin = time.perf_counter()
    s.controllers_on_many(pairs)
    return {"load_s": load, "query_s": time.perf_counter() - begin, "rows": len(pairs), "peak_mb": _peak()}


def _option(name: str) -> str | None:
    """The value given after ``name`` on the command line, if it is there."""
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else None


RUNNERS = {"duckdb": run_duckdb, "spark": run_spark, "memory": run_memory}


def main() -> None:
    if sys.argv[1] == "--run":
        print(json.dumps(RUNNERS[sys.argv[2]](sys.argv[3], *sys.argv[4:5])))
        return
    n_controls, n_events = int(sys.argv[1]), int(sys.argv[2])
    engines = [] if "--no-duckdb" in sys.argv else ["duckdb"]
    engines += [name for name in ("spark", "memory") if f"--{name}" in sys.argv]
    folder = Path(tempfile.mkdtemp(prefix="bench-tables-"))
    sys.path.insert(0, str(HERE))
    from tables_generate import generate

    start = time.perf_counter()
    sizes = generate(n_controls, n_events, folder)
    print(
        f"generated {n_controls:,} controls, {n_events:,} events in {time.perf_counter() - start:.1f} s: "
        f"controls {sizes['controls'] / 1e6:.1f} MB, events {sizes['events'] / 1e6:.1f} MB, "
        f"territories {sizes['territories'] / 1e6:.1f} MB (zstd)"
    )
    limits = {"duckdb": _option("--duckdb-memory"), "spark": _option("--spark-memory"), "memory": None}
    try:
        for name in engines:
            limit = limits[name]
            done = subprocess.run(  # noqa: S603 - this script, by path
                [sys.executable, __file__, "--run", name, str(folder), *([limit] if limit else [])],
                capture_output=True,
                text=True,
                check=True,
            )
            print(name, done.stdout.strip().splitlines()[-1])
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
