"""The JSON Schema (2020-12) of the file format, generated from the model classes.

Each attrs class becomes a ``$defs`` entry; field types give the shape and each field's
validator contributes the keywords it enforces (see ``_rules.describe``). The schema
checks the shape of a document; rules that relate several fields or several records
(``low <= best <= high``, references that resolve) are checked by the loader and by
``validate``. The generated schema is shipped in the package as
``conflictmodel/schema/conflictmodel-1.schema.json``; a test keeps the two equal.
"""

from __future__ import annotations

import copy
import enum
import types
import typing
from functools import cache
from typing import Any

import attrs

from conflictmodel._model import _fields as r
from conflictmodel._model._control import Control, ControlStatus
from conflictmodel._model._dates import PartialDate
from conflictmodel._model._frozenmap import FrozenMap
from conflictmodel._model._geometry import Geometry, GeometryType
from conflictmodel._model._provenance import Origin
from conflictmodel._model._scenario import COLLECTIONS, Scenario

from ._jsonformat import SCHEMA_VERSION

__all__ = ["json_schema"]

SCHEMA_ID = "https://conflictmodel.readthedocs.io/en/stable/schema/conflictmodel-1.schema.json"
"""Where the schema is published: the documentation build copies the shipped file there."""

# Rules between two fields of one record that the schema can state (``if``/``then``), as
# the record's own ``__attrs_post_init__`` enforces them.
_CROSS_FIELD: dict[type[Any], list[dict[str, Any]]] = {
    Control: [
        {
            "description": "Contested and besieged control name at least one opponent.",
            "if": {
                "required": ["status"],
                "properties": {"status": {"enum": [ControlStatus.CONTESTED.value, ControlStatus.BESIEGED.value]}},
            },
            "then": {"required": ["opponents"], "properties": {"opponents": {"minItems": 1}}},
            "else": {"properties": {"opponents": {"maxItems": 0}}},
        },
        {
            "description": "Only partial control holds a portion.",
            "if": {"required": ["status"], "properties": {"status": {"const": ControlStatus.PARTIAL.value}}},
            "else": {"not": {"required": ["portion"]}},
        },
    ],
}

_PARTIAL_DATE = {
    "type": "string",
    "pattern": r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$",
    "description": "A date known to the year, month or day: YYYY, YYYY-MM or YYYY-MM-DD.",
}
_ID = {
    "type": "string",
    "pattern": f"^{r.ID_PATTERN}$",
    "description": "An id, unique across the scenario: letters, digits, '.', '_', '-', ':'.",
}
_ROW_VALUE = {"type": ["string", "number", "boolean", "null"]}
_SCALARS: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
    PartialDate: {"$ref": "#/$defs/partial_date"},
    Geometry: {"$ref": "#/$defs/geometry"},
}


def _position() -> dict[str, Any]:
    return {
        "type": "array",
        "minItems": 2,
        "maxItems": 3,
        "prefixItems": [
            {"type": "number", "minimum": -180, "maximum": 180},
            {"type": "number", "minimum": -90, "maximum": 90},
        ],
        "items": {"type": "number"},
    }


def _nested(depth: int, min_items: int = 0) -> dict[str, Any]:
    schema: dict[str, Any] = {"$ref": "#/$defs/position"}
    for level in range(depth):
        schema = {"type": "array", "items": schema}
        if level == 0 and min_items:
            schema["minItems"] = min_items
    return schema


def _geometry() -> dict[str, Any]:
    shapes = {
        GeometryType.POINT: _nested(0),
        GeometryType.MULTI_POINT: _nested(1),
        GeometryType.LINE_STRING: _nested(1, 2),
        GeometryType.MULTI_LINE_STRING: _nested(2, 2),
        GeometryType.POLYGON: _nested(2, 4),
        GeometryType.MULTI_POLYGON: _nested(3, 4),
    }
    return {
        "description": "A GeoJSON geometry (RFC 7946); rings must be closed.",
        "oneOf": [
            {
                "type": "object",
                "properties": {"type": {"const": kind.value}, "coordinates": coordinates},
                "required": ["type", "coordinates"],
                "additionalProperties": False,
            }
            for kind, coordinates in shapes.items()
        ],
    }


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {
            "id": _ID,
            "partial_date": _PARTIAL_DATE,
            "position": _position(),
            "geometry": _geometry(),
        }

    def of_type(self, type_: Any) -> dict[str, Any]:
        origin = typing.get_origin(type_)
        args = typing.get_args(type_)
        if origin in (typing.Union, types.UnionType):
            (inner,) = [a for a in args if a is not type(None)]
            return self.of_type(inner)
        if type_ in _SCALARS:
            return dict(_SCALARS[type_])
        if isinstance(type_, type) and issubclass(type_, enum.Enum):
            return {"enum": [member.value for member in type_]}
        if origin in (tuple, frozenset):
            array: dict[str, Any] = {"type": "array", "items": self.of_type(args[0])}
            if origin is frozenset:
                array["uniqueItems"] = True
            return array
        if origin is FrozenMap:
            return {"type": "object", "additionalProperties": {"type": "string"}}
        if attrs.has(type_):
            return self.of_class(type_)
        raise TypeError(f"no JSON Schema for {type_!r}")  # pragma: no cover - a new field type

    def of_class(self, cls: type[Any]) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # reserve the name before recursing
            self.defs[name] = self._class_schema(cls)
        return {"$ref": f"#/$defs/{name}"}

    def _class_schema(self, cls: type[Any]) -> dict[str, Any]:
        properties: dict[str, Any] = {}
        required: list[str] = []
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            if not field.init:
                continue
            schema = self.of_type(hints[field.name])
            if cls is Origin and field.name == "row":
                schema = {"type": "object", "additionalProperties": _ROW_VALUE}
            schema = _merge(schema, getattr(field.validator, "json_constraint", {}))
            properties[field.name] = schema
            if field.default is attrs.NOTHING:
                required.append(field.name)
        doc = (cls.__doc__ or "").strip().split("\n\n")[0]
        out: dict[str, Any] = {"type": "object", "description": " ".join(doc.split()), "properties": properties}
        if required:
            out["required"] = required
        out["additionalProperties"] = False
        if cls in _CROSS_FIELD:
            out["allOf"] = copy.deepcopy(_CROSS_FIELD[cls])
        return out


def _merge(schema: dict[str, Any], constraint: dict[str, Any]) -> dict[str, Any]:
    out = dict(schema)
    for key, value in constraint.items():
        if key == "minItems" and not value:
            continue
        if key == "items" and "items" in out and "$ref" in value:
            out["items"] = value
        elif "$ref" in out and key == "required":
            out = {"allOf": [out, {"required": value}]}
        elif key == "$ref":
            out = {"$ref": value}
        else:
            out[key] = value
    return out


@cache
def _generate() -> dict[str, Any]:
    builder = _Builder()
    top = builder._class_schema(Scenario)  # noqa: SLF001 - the builder's own helper
    properties = {"schema": {"const": SCHEMA_VERSION}, **top["properties"]}
    for name in COLLECTIONS:
        properties[name]["description"] = f"The scenario's {name}, ordered by id."
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "conflictmodel scenario",
        "description": "One modelled world of armed conflict and diplomacy (format conflictmodel/1).",
        "type": "object",
        "properties": properties,
        "required": ["schema", *top.get("required", [])],
        "additionalProperties": False,
        "$defs": dict(sorted(builder.defs.items())),
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a scenario document, as a fresh ``dict``.

    It checks a document's shape (types, enumerations, id and date syntax, required
    and unknown keys); the loader checks the rest and reports it by JSON path.
    """
    return copy.deepcopy(_generate())
