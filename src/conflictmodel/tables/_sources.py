"""Where the engines read a scenario from: a Scenario, Arrow tables, or a Parquet folder."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from conflictmodel._model._dates import DayLike, as_day
from conflictmodel._model._scenario import Scenario

from ._arrow import to_arrow
from ._deps import require
from ._tree import tree_tables

__all__ = ["Tables", "arrow_tables", "days_table", "parquet_folder", "partitions_table", "tree_height"]

Tables = Scenario | Mapping[str, Any] | str | os.PathLike[str]
"""A scenario, its Arrow tables (:func:`~conflictmodel.tables.to_arrow`), or a folder of
Parquet files (:func:`~conflictmodel.tables.write_parquet`)."""


def parquet_folder(data: Tables) -> Path | None:
    """The folder, when ``data`` names one."""
    return Path(data) if isinstance(data, str | os.PathLike) else None


def arrow_tables(data: Tables) -> Mapping[str, Any]:
    """Arrow tables of ``data`` (for a folder: only the territory tree is read)."""
    if isinstance(data, Scenario):
        return to_arrow(data)
    folder = parquet_folder(data)
    if folder is not None:
        pq = require("pyarrow.parquet")
        return {"territories": pq.read_table(folder / "territories.parquet", columns=["id", "parent", "components"])}
    return data  # type: ignore[return-value] # a mapping of Arrow tables


def tree_height(tree: Mapping[str, Any]) -> int:
    """The height of the territory tree (0 when no territory has parts)."""
    heights = tree["territory_levels"].column("height").to_pylist()
    return max(heights, default=0)


def tree_of(data: Tables) -> dict[str, Any]:
    """The helper tables of :func:`tree_tables` for ``data``."""
    return tree_tables(arrow_tables(data)["territories"])


def days_table(days: Iterable[tuple[str, DayLike]] | Any) -> Any:
    """``days(territory, day)`` as an Arrow table, from pairs or an Arrow table."""
    pa = require("pyarrow")
    if isinstance(days, pa.Table):
        return days
    pairs = [(territory, as_day(day)) for territory, day in days]
    return pa.table({"territory": [p[0] for p in pairs], "day": pa.array([p[1] for p in pairs], pa.date32())})


def partitions_table(questions: Iterable[tuple[str, DayLike]]) -> Any:
    """``partitions(within, day)`` as an Arrow table."""
    pa = require("pyarrow")
    pairs: list[tuple[str, dt.date]] = [(within, as_day(day)) for within, day in questions]
    return pa.table({"within": [p[0] for p in pairs], "day": pa.array([p[1] for p in pairs], pa.date32())})
