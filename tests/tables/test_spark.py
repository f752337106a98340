"""Spark gives the in-memory answers, on the bundled scenario and on seeded drawn worlds.

Run them alone with ``pytest -m spark``; they need Java 17 or later and pyspark.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, seed, settings

import conflictmodel as cm
from conflictmodel import strategies as cst
from conflictmodel.tables import SparkEngine, write_parquet
from engine_checks import check_engine


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    """One local Spark session for the module (starting one takes seconds); skipped
    without pyspark or Java, except in CI, which installs both."""
    if importlib.util.find_spec("pyspark") is None or shutil.which("java") is None:
        if os.environ.get("CI"):
            pytest.fail("CI installs pyspark and a JVM (.ci/run); one is missing")
        pytest.skip("the Spark tests need pyspark (the spark extra) and Java 17 or later")
    from pyspark.sql import SparkSession  # noqa: PLC0415 - only the Spark tests start a JVM

    session = (
        SparkSession.builder.master("local[2]")
        .appName("conflictmodel-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


pytestmark = [
    pytest.mark.spark,
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
]


def rows(frame: Any) -> list[dict[str, Any]]:
    return [row.asDict(recursive=True) for row in frame.collect()]


def spark_check(s: cm.Scenario, engine: SparkEngine, *, every: int = 1) -> None:
    check_engine(s, engine, rows, every=every, spread=3, weights=("area",))


def test_spark_agrees_on_the_bundled_scenario(spark: Any, tmp_path: Path) -> None:
    s = cm.syria_2017()
    write_parquet(s, tmp_path)
    spark_check(s, SparkEngine(spark, str(tmp_path)), every=15)


@seed(20171130)
@settings(max_examples=2, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(cst.scenarios(max_territories=8, max_records=6))
def test_spark_agrees_on_seeded_drawn_worlds(
    spark: Any, tmp_path_factory: pytest.TempPathFactory, s: cm.Scenario
) -> None:
    spark_check(s, SparkEngine(spark, s, workdir=str(tmp_path_factory.mktemp("spark"))))
