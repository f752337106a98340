"""A whole scenario as a folder of Parquet files, one per table."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from conflictmodel._model._errors import LoadError, Problem
from conflictmodel._model._scenario import Scenario

from ._arrow import from_arrow, to_arrow
from ._deps import require
from ._layout import TABLES

__all__ = ["read_parquet", "read_tables", "write_parquet"]


def write_parquet(scenario: Scenario, directory: str | os.PathLike[str], *, compression: str = "zstd") -> list[Path]:
    """Write the scenario as ``DIR/<table>.parquet``, one file per table (empty
    collections too); return the paths written. The folder is made if needed."""
    pq = require("pyarrow.parquet")
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in to_arrow(scenario).items():
        path = folder / f"{name}.parquet"
        pq.write_table(table, path, compression=compression)
        written.append(path)
    return written


def read_tables(directory: str | os.PathLike[str]) -> dict[str, Any]:
    """The Arrow tables of a folder written by :func:`write_parquet`, by table name.

    Every ``*.parquet`` file must be a table of the layout: an unknown one raises
    :class:`~conflictmodel.LoadError` rather than being left out.
    """
    pq = require("pyarrow.parquet")
    folder = Path(directory)
    if not folder.is_dir():
        raise LoadError([Problem(str(folder), "not a folder of Parquet files")], str(folder))
    found = {path.stem: path for path in sorted(folder.glob("*.parquet"))}
    unknown = [Problem(f"{name}.parquet", "not a table of the layout") for name in found if name not in TABLES]
    if unknown:
        raise LoadError(unknown, str(folder))
    return {name: pq.read_table(path) for name, path in found.items()}


def read_parquet(directory: str | os.PathLike[str]) -> Scenario:
    """The scenario of a folder written by :func:`write_parquet` (see :func:`from_arrow`)."""
    return from_arrow(read_tables(directory), source=str(directory))
