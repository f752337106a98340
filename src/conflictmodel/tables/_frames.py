"""pandas DataFrames of a scenario, built on its Arrow tables (the ``pandas`` extra).

Each table becomes one DataFrame. Struct columns are spread into dotted columns
(``period.start.earliest``, ``coordinates.lat``) wherever that is exact — a struct that
may be NULL must have a child that may not, so that a NULL struct is told from a struct
of NULLs; the others (an optional period, optional fatalities) stay one column of dicts.
Enumerations are categoricals, days are ``datetime64`` columns (NaT for an open side),
lists stay lists, and defaults are filled. :func:`from_pandas` reverses it exactly.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from conflictmodel._model._scenario import Scenario

from ._arrow import from_arrow, schema, to_arrow
from ._deps import require
from ._layout import TABLES, Codec, _Date, _Enum, _Optional, _Struct, table_codecs

__all__ = ["from_pandas", "to_pandas"]


def _children(codec: Codec) -> dict[str, Codec] | None:
    """The child codecs of a struct that is spread into columns, or ``None``."""
    inner = codec.inner if isinstance(codec, _Optional) else codec
    if isinstance(inner, _Date):
        return {"earliest": _Scalar_date, "latest": _Scalar_date}
    if not isinstance(inner, _Struct):
        return None
    if isinstance(codec, _Optional) and all(child.nullable for child in inner.fields.values()):
        return None
    return inner.fields


class _DateMark(Codec):
    """A day inside a spread date pair."""


_Scalar_date = _DateMark()


def _spread(name: str, codec: Codec, array: Any, out: dict[str, Any]) -> None:
    pa = require("pyarrow")
    children = _children(codec)
    if children is None:
        inner = codec.inner if isinstance(codec, _Optional) else codec
        if isinstance(inner, _Enum) and not pa.types.is_dictionary(array.type):
            array = array.dictionary_encode()
        out[name] = array
        return
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    for (child, child_codec), values in zip(children.items(), array.flatten(), strict=True):
        _spread(f"{name}.{child}", child_codec, values, out)


def to_pandas(data: Scenario | Mapping[str, Any]) -> dict[str, Any]:
    """One :class:`pandas.DataFrame` per table (``"meta"`` and each collection) of a
    scenario or of its Arrow tables."""
    pd = require("pandas")
    tables = to_arrow(data) if isinstance(data, Scenario) else data
    frames = {}
    for name in TABLES:
        table = tables[name]
        columns: dict[str, Any] = {}
        for column, codec in table_codecs(name).items():
            _spread(column, codec, table.column(column), columns)
        pa = require("pyarrow")
        flat = pa.table(columns)
        frame = flat.to_pandas(date_as_object=False, types_mapper=None)
        frames[name] = frame if len(frame.columns) else pd.DataFrame()
    return frames


def _gather(name: str, codec: Codec, arrow_type: Any, columns: Mapping[str, Any]) -> Any:
    pa = require("pyarrow")
    children = _children(codec)
    if children is None:
        array = columns[name]
        if isinstance(array, pa.ChunkedArray):
            array = array.combine_chunks()
        if array.type == arrow_type:
            return array
        if pa.types.is_map(arrow_type):  # pandas keeps a map as a list of (key, value) pairs
            pairs = [None if v is None else [tuple(p) for p in v] for v in array.to_pylist()]
            return pa.array(pairs, type=arrow_type)
        return array.cast(arrow_type)
    fields = list(arrow_type)
    arrays = []
    for (child, child_codec), field in zip(children.items(), fields, strict=True):
        if isinstance(child_codec, _DateMark):
            values = columns[f"{name}.{child}"]
            if isinstance(values, pa.ChunkedArray):
                values = values.combine_chunks()
            arrays.append(values.cast(pa.date32()))
        else:
            arrays.append(_gather(f"{name}.{child}", child_codec, field.type, columns))
    mask = None
    if codec.nullable:
        required = [a for a, f in zip(arrays, fields, strict=True) if not f.nullable]
        mask = require("pyarrow.compute").is_null(required[0])
    return pa.StructArray.from_arrays(arrays, fields=fields, mask=mask)


def from_pandas(frames: Mapping[str, Any]) -> Scenario:
    """The scenario of DataFrames made by :func:`to_pandas` (see :func:`~conflictmodel.tables.from_arrow`
    for what is refused)."""
    pa = require("pyarrow")
    tables = {}
    for name, frame in frames.items():
        if name not in TABLES:
            tables[name] = pa.table({})
            continue
        flat = pa.Table.from_pandas(frame, preserve_index=False)
        columns = {column: flat.column(column) for column in flat.column_names}
        target = schema(name)
        codecs = table_codecs(name).values()
        arrays = [_gather(field.name, codec, field.type, columns) for field, codec in zip(target, codecs, strict=True)]
        tables[name] = pa.Table.from_arrays(arrays, schema=target)
    return from_arrow(tables)
