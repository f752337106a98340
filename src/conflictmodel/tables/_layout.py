"""The table layout: one Arrow schema per collection, derived from the attrs classes.

Every field of a record class becomes a column, and every field of a nested class a
field of a struct, by its annotation:

* ``str``, ``int``, ``float``, ``bool`` -> ``string``, ``int64``, ``float64``, ``bool``;
* an enumeration -> its lower-case value as a string (dictionary-encoded in a top-level
  column);
* a :class:`~conflictmodel.PartialDate` -> ``struct<earliest: date32, latest: date32>``,
  the first and last day it may denote (a year, a month or a day, recovered exactly);
* ``tuple[T, ...]`` and ``frozenset[T]`` -> ``list<T>`` (sets sorted);
* ``FrozenMap[str]`` -> ``map<string, string>`` (keys sorted);
* the verbatim source row of an :class:`~conflictmodel.Origin` -> a list of
  ``struct<column, text, integer, number, boolean>`` with the one slot of the value's
  type set (all empty for a null cell), so every cell keeps its JSON type;
* a :class:`~conflictmodel.Geometry` -> its GeoJSON text (exactly as the JSON format
  writes it);
* any other attrs class -> a struct of its fields (a :class:`~conflictmodel.Period` is
  ``struct<start: date pair, end: date pair>``, an open side NULL);
* ``X | None`` -> a nullable ``X``; everything else is non-nullable, and defaults are
  written out, never NULL.

A field of a type not listed raises :class:`TypeError` when the schema is built, so a new
field either shows up as a column or fails loudly.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import types
import typing
from collections.abc import Mapping
from typing import Any

import attrs

from conflictmodel._format._jsonformat import from_dict, to_dict
from conflictmodel._model._dates import PartialDate
from conflictmodel._model._errors import ConflictModelError, FieldError
from conflictmodel._model._frozenmap import FrozenMap
from conflictmodel._model._geometry import Geometry
from conflictmodel._model._scenario import COLLECTIONS, Meta, Scenario

from ._deps import require

__all__ = ["LAYOUT_VERSION", "TABLES", "BadCellError", "Codec", "record_class", "table_codecs"]

LAYOUT_VERSION = "conflictmodel-tables/1"
"""The version of the table layout, kept in each table's schema metadata."""

TABLES: tuple[str, ...] = ("meta", *COLLECTIONS)
"""The tables of a scenario: its metadata (one row) and one per collection."""


class BadCellError(ConflictModelError, ValueError):
    """A cell the layout cannot turn back into a model value; ``where`` is the path inside
    the cell (``.start.latest``, ``[2]``), ``message`` what is wrong."""

    def __init__(self, where: str, message: str) -> None:
        self.where = where
        self.message = message
        super().__init__(f"{where}: {message}" if where else message)


def _shown(value: object) -> str:
    return "null" if value is None else repr(value)


class Codec:
    """How one annotated type is laid out: its Arrow type and the two directions."""

    nullable = False

    def arrow(self, *, top: bool = False) -> Any:
        """The Arrow type (``top``: for a top-level column)."""
        raise NotImplementedError

    def encode(self, value: Any) -> Any:
        """The model value as the Python value pyarrow builds the cell from."""
        raise NotImplementedError

    def decode(self, value: Any) -> Any:
        """The cell (as ``to_pylist`` gives it) as the model value; :class:`BadCellError` if wrong."""
        raise NotImplementedError


class _Scalar(Codec):
    _ARROW: typing.ClassVar[dict[type, str]] = {str: "string", int: "int64", float: "float64", bool: "bool_"}
    _NAMES: typing.ClassVar[dict[type, str]] = {
        str: "a string",
        int: "an integer",
        float: "a number",
        bool: "a boolean",
    }

    def __init__(self, kind: type) -> None:
        self.kind = kind

    def arrow(self, *, top: bool = False) -> Any:  # noqa: ARG002 - same for every position
        return getattr(require("pyarrow"), self._ARROW[self.kind])()

    def encode(self, value: Any) -> Any:
        return value

    def decode(self, value: Any) -> Any:
        if self.kind is float and type(value) is int:
            return float(value)
        if type(value) is not self.kind:
            raise BadCellError("", f"{_shown(value)} is not {self._NAMES[self.kind]}")
        return value


class _Optional(Codec):
    nullable = True

    def __init__(self, inner: Codec) -> None:
        self.inner = inner

    def arrow(self, *, top: bool = False) -> Any:
        return self.inner.arrow(top=top)

    def encode(self, value: Any) -> Any:
        return None if value is None else self.inner.encode(value)

    def decode(self, value: Any) -> Any:
        return None if value is None else self.inner.decode(value)


class _Enum(Codec):
    def __init__(self, kind: type[enum.Enum]) -> None:
        self.kind = kind
        self.by_value = {member.value: member for member in kind}

    def arrow(self, *, top: bool = False) -> Any:
        pa = require("pyarrow")
        return pa.dictionary(pa.int32(), pa.string()) if top else pa.string()

    def encode(self, value: Any) -> Any:
        return value._value_  # the member's value; ``.value`` is a property, 30 times slower per cell

    def decode(self, value: Any) -> Any:
        found = self.by_value.get(value) if type(value) is str else None
        if found is None:
            raise BadCellError("", f"{_shown(value)} is not one of {', '.join(map(repr, self.by_value))}")
        return found


class _List(Codec):
    def __init__(self, inner: Codec, *, is_set: bool) -> None:
        self.inner = inner
        self.is_set = is_set

    def arrow(self, *, top: bool = False) -> Any:  # noqa: ARG002 - same for every position
        pa = require("pyarrow")
        return pa.list_(pa.field("item", self.inner.arrow(), nullable=self.inner.nullable))

    def encode(self, value: Any) -> Any:
        items = [self.inner.encode(item) for item in value]
        return sorted(items) if self.is_set else items

    def decode(self, value: Any) -> Any:
        if type(value) is not list:
            raise BadCellError("", f"{_shown(value)} is not a list")
        items = []
        for index, item in enumerate(value):
            try:
                items.append(self.inner.decode(item))
            except BadCellError as error:
                raise BadCellError(f"[{index}]{error.where}", error.message) from None
        return frozenset(items) if self.is_set else tuple(items)


class _TextMap(Codec):
    def arrow(self, *, top: bool = False) -> Any:  # noqa: ARG002 - same for every position
        pa = require("pyarrow")
        return pa.map_(pa.string(), pa.string())

    def encode(self, value: Any) -> Any:
        return sorted(value.items())

    def decode(self, value: Any) -> Any:
        if type(value) is not list or not all(
            type(pair) is tuple and len(pair) == 2 and type(pair[0]) is str and type(pair[1]) is str for pair in value
        ):
            raise BadCellError("", f"{_shown(value)} is not a map of strings to strings")
        if len({key for key, _ in value}) != len(value):
            raise BadCellError("", "a map with a key given twice")
        return FrozenMap(dict(value))


_SLOTS = (("text", str), ("integer", int), ("number", float), ("boolean", bool))


class _Row(Codec):
    """A verbatim source row: one struct per cell, the slot of the cell's type set."""

    def arrow(self, *, top: bool = False) -> Any:  # noqa: ARG002 - same for every position
        pa = require("pyarrow")
        cell = pa.struct(
            [
                pa.field("column", pa.string(), nullable=False),
                pa.field("text", pa.string()),
                pa.field("integer", pa.int64()),
                pa.field("number", pa.float64()),
                pa.field("boolean", pa.bool_()),
            ]
        )
        return pa.list_(pa.field("item", cell, nullable=False))

    def encode(self, value: Any) -> Any:
        cells = []
        for column, item in value.items():
            cell: dict[str, Any] = {"column": column, "text": None, "integer": None, "number": None, "boolean": None}
            for slot, kind in _SLOTS:
                if type(item) is kind:
                    cell[slot] = item
            cells.append(cell)
        return cells

    def decode(self, value: Any) -> Any:
        if type(value) is not list:
            raise BadCellError("", f"{_shown(value)} is not a list of cells")
        row: dict[str, Any] = {}
        for index, cell in enumerate(value):
            if type(cell) is not dict or type(cell.get("column")) is not str:
                raise BadCellError(f"[{index}]", f"{_shown(cell)} is not a cell with a column name")
            filled = [slot for slot, _ in _SLOTS if cell.get(slot) is not None]
            if len(filled) > 1:
                raise BadCellError(
                    f"[{index}]", f"cell {cell['column']!r} has more than one value ({', '.join(filled)})"
                )
            if cell["column"] in row:
                raise BadCellError(f"[{index}]", f"column {cell['column']!r} given twice")
            row[cell["column"]] = cell[filled[0]] if filled else None
        return FrozenMap(row)


class _Date(Codec):
    """A partial date as the first and last day it may denote."""

    def arrow(self, *, top: bool = False) -> Any:  # noqa: ARG002 - same for every position
        pa = require("pyarrow")
        return pa.struct(
            [pa.field("earliest", pa.date32(), nullable=False), pa.field("latest", pa.date32(), nullable=False)]
        )

    def encode(self, value: Any) -> Any:
        return {"earliest": value.earliest, "latest": value.latest}

    def decode(self, value: Any) -> Any:
        if type(value) is not dict:
            raise BadCellError("", f"{_shown(value)} is not an earliest/latest pair")
        first, last = value.get("earliest"), value.get("latest")
        if type(first) is not dt.date or type(last) is not dt.date:
            raise BadCellError("", f"earliest {_shown(first)} and latest {_shown(last)} are not two days")
        for candidate in (
            PartialDate(first.year, first.month, first.day),
            PartialDate(first.year, first.month),
            PartialDate(first.year),
        ):
            if candidate.earliest == first and candidate.latest == last:
                return candidate
        raise BadCellError("", f"{first} to {last} is not one day, one calendar month or one calendar year")


class _Geometry(Codec):
    def arrow(self, *, top: bool = False) -> Any:  # noqa: ARG002 - same for every position
        return require("pyarrow").string()

    def encode(self, value: Any) -> Any:
        return json.dumps(to_dict(value), separators=(",", ":"), sort_keys=True)

    def decode(self, value: Any) -> Any:
        if type(value) is not str:
            raise BadCellError("", f"{_shown(value)} is not GeoJSON text")
        try:
            return from_dict(Geometry, json.loads(value))
        except (ValueError, ConflictModelError) as error:
            raise BadCellError("", f"not a GeoJSON geometry ({error})") from None


class _Struct(Codec):
    def __init__(self, cls: type) -> None:
        self.cls = cls
        self.fields = fields_of(cls)

    def arrow(self, *, top: bool = False) -> Any:  # noqa: ARG002 - same for every position
        pa = require("pyarrow")
        return pa.struct(
            [pa.field(name, codec.arrow(), nullable=codec.nullable) for name, codec in self.fields.items()]
        )

    def encode(self, value: Any) -> Any:
        return {name: codec.encode(getattr(value, name)) for name, codec in self.fields.items()}

    def decode(self, value: Any) -> Any:
        if type(value) is not dict:
            raise BadCellError("", f"{_shown(value)} is not a {self.cls.__name__} struct")
        unknown = sorted(set(value) - set(self.fields))
        if unknown:
            raise BadCellError("", f"unknown field(s) {', '.join(unknown)} of {self.cls.__name__}")
        return build(self.cls, self.fields, value)


def build(cls: type, fields: Mapping[str, Codec], value: Mapping[str, Any], prefix: str = ".") -> Any:
    """An instance of ``cls`` from its cells, decoded by ``fields``; :class:`BadCellError` naming the field."""
    kwargs = {}
    for name, codec in fields.items():
        if name not in value:
            raise BadCellError(f"{prefix}{name}", "missing")
        try:
            kwargs[name] = codec.decode(value[name])
        except BadCellError as error:
            raise BadCellError(f"{prefix}{name}{error.where}", error.message) from None
    try:
        return cls(**kwargs)
    except FieldError as error:
        raise BadCellError(f"{prefix}{error.field}" if error.field else "", error.message) from None


def _codec(owner: type, name: str, hint: Any) -> Codec:  # noqa: C901, PLR0911 - one branch per kind of annotation
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1:
            return _Optional(_codec(owner, name, rest[0]))
    if hint in (str, int, float, bool):
        return _Scalar(hint)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return _Enum(hint)
    if hint is PartialDate:
        return _Date()
    if hint is Geometry:
        return _Geometry()
    if origin in (tuple, frozenset) and args and (origin is frozenset or args[-1] is Ellipsis):
        return _List(_codec(owner, name, args[0]), is_set=origin is frozenset)
    if origin is FrozenMap and args == (str,):
        return _TextMap()
    if origin is FrozenMap and set(typing.get_args(args[0])) == {str, int, float, bool, type(None)}:
        return _Row()
    if isinstance(hint, type) and attrs.has(hint):
        return _Struct(hint)
    raise TypeError(f"{owner.__name__}.{name}: the table layout has no column type for {hint!r}")


_FIELDS: dict[type, dict[str, Codec]] = {}


def fields_of(cls: type) -> dict[str, Codec]:
    """The codec of each field of an attrs class (its init fields), in declaration order."""
    found = _FIELDS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        found = {f.name: _codec(cls, f.name, hints[f.name]) for f in attrs.fields(cls) if f.init}
        _FIELDS[cls] = found
    return found


def record_class(table: str) -> type:
    """The class of the rows of ``table`` (``"meta"``: :class:`~conflictmodel.Meta`)."""
    if table == "meta":
        return Meta
    hint = typing.get_type_hints(Scenario)[table]
    return typing.cast("type", typing.get_args(hint)[0])


def table_codecs(table: str) -> dict[str, Codec]:
    """The column codecs of ``table``."""
    return fields_of(record_class(table))
