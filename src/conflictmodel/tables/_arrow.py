"""A scenario as Arrow tables and back: :func:`to_arrow`, :func:`from_arrow`, :func:`schema`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from conflictmodel._model._errors import LoadError, Problem
from conflictmodel._model._scenario import COLLECTIONS, Scenario

from ._deps import require
from ._layout import LAYOUT_VERSION, TABLES, BadCellError, build, record_class, table_codecs

__all__ = ["from_arrow", "records_of", "schema", "to_arrow"]

_MAX_PROBLEMS = 100


def schema(table: str) -> Any:
    """The Arrow schema of one table of the layout (``"meta"`` or a collection name)."""
    if table not in TABLES:
        raise ValueError(f"no table {table!r}; the tables are {', '.join(TABLES)}")
    pa = require("pyarrow")
    fields = [
        pa.field(name, codec.arrow(top=True), nullable=codec.nullable) for name, codec in table_codecs(table).items()
    ]
    metadata = {"conflictmodel.layout": LAYOUT_VERSION, "conflictmodel.table": table}
    return pa.schema(fields, metadata=metadata)


def _table(table: str, rows: Any) -> Any:
    pa = require("pyarrow")
    target = schema(table)
    codecs = table_codecs(table)
    columns = [
        pa.array([codec.encode(getattr(row, name)) for row in rows], type=target.field(name).type)
        for name, codec in codecs.items()
    ]
    return pa.Table.from_arrays(columns, schema=target)


def to_arrow(scenario: Scenario) -> dict[str, Any]:
    """The scenario as Arrow tables: ``"meta"`` (one row) and one table per collection,
    in the layout of :func:`schema`, records ordered by id."""
    tables = {"meta": _table("meta", [scenario.meta])}
    for name in COLLECTIONS:
        tables[name] = _table(name, getattr(scenario, name))
    return tables


def _rows(table: str, data: Any, problems: list[Problem]) -> list[Any]:
    codecs = table_codecs(table)
    names = list(data.column_names)
    missing = [name for name in codecs if name not in names]
    unknown = [name for name in names if name not in codecs]
    problems.extend(Problem(f"{table}.{name}", "missing column") for name in missing)
    columns = ", ".join(codecs)
    problems.extend(Problem(f"{table}.{name}", f"unknown column (the columns are {columns})") for name in unknown)
    if missing or unknown:
        return []
    cls = record_class(table)
    records = []
    for index, cells in enumerate(data.to_pylist()):
        try:
            records.append(build(cls, codecs, cells))
        except BadCellError as error:
            problems.append(Problem(f"{table}[{index}]{error.where}", error.message))
            if len(problems) >= _MAX_PROBLEMS:
                break
    return records


def records_of(table: str, data: Any) -> tuple[Any, ...]:
    """The records of one Arrow table of the layout; :class:`~conflictmodel.LoadError` if any is bad."""
    problems: list[Problem] = []
    records = _rows(table, data, problems)
    if problems:
        raise LoadError(problems)
    return tuple(records)


def from_arrow(tables: Mapping[str, Any], *, source: str | None = None) -> Scenario:
    """The scenario of Arrow tables in the layout of :func:`schema` (a mapping of table
    name to :class:`pyarrow.Table`; ``"meta"`` is required, a missing collection is
    empty).

    Refuses unknown tables and columns, and any cell that is not a valid value, with
    :class:`~conflictmodel.LoadError` listing every problem by table, row and field
    (``controls[3].period.start``); nothing is half-loaded.
    """
    problems: list[Problem] = [
        Problem(name, f"unknown table (the tables are {', '.join(TABLES)})") for name in tables if name not in TABLES
    ]
    loaded: dict[str, list[Any]] = {}
    for name in TABLES:
        data = tables.get(name)
        if data is None:
            if name == "meta":
                problems.append(Problem("meta", "missing table (one row: the scenario's metadata)"))
            continue
        loaded[name] = _rows(name, data, problems)
    meta = loaded.get("meta", [])
    if "meta" in tables and not problems and len(meta) != 1:
        problems.append(Problem("meta", f"{len(meta)} rows, expected exactly one"))
    if problems:
        raise LoadError(problems, source)
    return Scenario(meta=meta[0], **{name: tuple(loaded.get(name, ())) for name in COLLECTIONS})
