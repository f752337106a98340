"""The library's own cattrs converters: strict structuring, canonical unstructuring.

Two converters share one set of hooks. The *fast* one (no detailed validation) decodes
the common case, valid input, at full speed; when it fails, the *detailed* one decodes
the same data again to collect every problem with its JSON path. Neither coerces:
``"12"`` is not an integer and ``5`` is not a string.

The model does not know about this module; this module does not know about JSON text.
"""

from __future__ import annotations

import enum
import math
import sys
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from conflictmodel._model._agreements import AgreementActor, Link, Provision
from conflictmodel._model._alignment import Membership
from conflictmodel._model._dates import PartialDate, Period
from conflictmodel._model._errors import FieldError
from conflictmodel._model._events import EventActor, Fatalities
from conflictmodel._model._frozenmap import FrozenMap
from conflictmodel._model._geometry import COORDINATE_DEPTH, Geometry, GeometryType
from conflictmodel._model._provenance import Origin

from ._answers import register_answer_hooks
from ._parse import TooLong
from ._problems import entry, member

__all__ = ["DETAILED", "FAST", "SHARED", "date_text", "expected_type", "geometry_dict", "period_dict"]

StructureHook = Callable[[Any, Any], Any]


def expected_type(value: object, expected: str, field: str = "") -> FieldError:
    """The error for a JSON value that is not of the ``expected`` kind (the path says where)."""
    if type(value) is TooLong:
        return FieldError(field, value, expected, message=value.problem())
    return FieldError(field, value, expected)


# --- scalars ------------------------------------------------------------------------


def _str(value: Any, _: Any) -> str:
    if type(value) is not str:
        raise expected_type(value, "a string")
    # Short strings (ids, codes) recur across records: keep one copy of each.
    return sys.intern(value) if len(value) <= _INTERN_MAX else value


_INTERN_MAX = 64


def _int(value: Any, _: Any) -> int:
    if type(value) is not int:
        raise expected_type(value, "an integer")
    return value


def _float(value: Any, _: Any) -> float:
    kind = type(value)
    if kind is float:
        return typing.cast("float", value)
    if kind is int:
        return float(value)
    raise expected_type(value, "a number")


def _bool(value: Any, _: Any) -> bool:
    if type(value) is not bool:
        raise expected_type(value, "true or false")
    return value is True


# Decoded dates and periods are immutable, so equal texts can share one object: this
# saves memory (a million control records mention a few thousand distinct days) and
# skips re-parsing. The caches only ever hold valid values; they are bounded.
_CACHE_LIMIT = 1 << 16
_dates: dict[str, PartialDate] = {}
_periods: dict[tuple[object, object], Period] = {}


def _partial_date(value: Any, _: Any) -> PartialDate:
    date = _dates.get(value) if type(value) is str else None
    if date is not None:
        return date
    if type(value) is not str:
        raise expected_type(value, "a date as text (YYYY, YYYY-MM or YYYY-MM-DD)")
    try:
        date = PartialDate.from_text(value)
    except FieldError:
        raise expected_type(value, "a valid date (YYYY, YYYY-MM or YYYY-MM-DD)") from None
    if len(_dates) >= _CACHE_LIMIT:
        _dates.clear()
    _dates[value] = date
    return date


_PERIOD_KEYS = frozenset({"start", "end"})
_TEXT_OR_NONE = (str, type(None))


def _relative(path: str) -> str:
    """A path below ``$`` as a field error's own field (``from``, ``['a.b']``)."""
    return path[2:] if path.startswith("$.") else path[1:]


def _unknown_keys(value: dict[str, Any], known: frozenset[str], what: str) -> list[Exception]:
    return [
        FieldError(_relative(member("$", key)), value[key], f"a known field ({what})")
        for key in sorted(value.keys() - known)
    ]


def _bound(value: dict[str, Any], name: str) -> PartialDate | None:
    if name not in value:
        return None
    try:
        return _partial_date(value[name], PartialDate)
    except FieldError as error:
        raise FieldError(name, value[name], error.expected) from None


def _period(value: Any, _: Any) -> Period:
    if type(value) is not dict:
        raise expected_type(value, "an object with 'start' and/or 'end'")
    start, end = value.get("start"), value.get("end")
    # Only a period whose keys are exactly its non-null bounds may come from the cache.
    cacheable = (
        type(start) in _TEXT_OR_NONE
        and type(end) in _TEXT_OR_NONE
        and len(value) == (start is not None) + (end is not None)
    )
    if cacheable:
        period = _periods.get((start, end))
        if period is not None:
            return period
    errors = _unknown_keys(value, _PERIOD_KEYS, "a period has 'start' and 'end'")
    bounds: list[PartialDate | None] = []
    for name in ("start", "end"):
        try:
            bounds.append(_bound(value, name))
        except FieldError as error:
            errors.append(error)
    if errors:
        raise ClassValidationError("While structuring Period", errors, Period)
    period = Period(start=bounds[0], end=bounds[1])
    if cacheable:
        if len(_periods) >= _CACHE_LIMIT:
            _periods.clear()
        _periods[(start, end)] = period
    return period


def _enum_hook(enum_type: type[enum.Enum]) -> StructureHook:
    members = enum_type._value2member_map_
    expected = "one of " + ", ".join(repr(m.value) for m in enum_type)

    def structure(value: Any, _: Any) -> enum.Enum:
        try:
            return members[value]
        except (KeyError, TypeError):
            raise expected_type(value, expected) from None

    return structure


# --- collections --------------------------------------------------------------------


def _items(value: Any, item_hook: StructureHook, item_type: Any, detailed: bool) -> list[Any]:
    if type(value) is not list:
        raise expected_type(value, "an array")
    if not detailed:
        return [item_hook(item, item_type) for item in value]
    out: list[Any] = []
    errors: list[Exception] = []
    for index, item in enumerate(value):
        try:
            out.append(item_hook(item, item_type))
        except Exception as exc:  # noqa: BLE001 - collected and re-raised as a group
            exc.__notes__ = [
                *getattr(exc, "__notes__", []),
                IterableValidationNote(f"@ index {index}", index, item_type),
            ]
            errors.append(exc)
    if errors:
        raise IterableValidationError("While structuring an array", errors, list)
    return out


def _tuple_factory(detailed: bool) -> Callable[[Any, cattrs.Converter], StructureHook]:
    def factory(type_: Any, converter: cattrs.Converter) -> StructureHook:
        item_type = typing.get_args(type_)[0]
        item_hook = converter.get_structure_hook(item_type)

        def structure(value: Any, _: Any) -> tuple[Any, ...]:
            return tuple(_items(value, item_hook, item_type, detailed))

        return structure

    return factory


def _frozenset_factory(detailed: bool) -> Callable[[Any, cattrs.Converter], StructureHook]:
    def factory(type_: Any, converter: cattrs.Converter) -> StructureHook:
        item_type = typing.get_args(type_)[0]
        item_hook = converter.get_structure_hook(item_type)

        shared: dict[tuple[str, ...], frozenset[str]] = {}

        def structure(value: Any, _: Any) -> frozenset[Any]:
            if item_type is str and not detailed and type(value) is list:
                # Sets of ids recur (the same sources, the same covered zones): share them.
                key = tuple(value)
                result = shared.get(key)
                if result is not None:
                    return result
                result = _set_of(value, item_hook, item_type, detailed)
                if len(shared) >= _CACHE_LIMIT:
                    shared.clear()
                shared[key] = result
                return result
            return _set_of(value, item_hook, item_type, detailed)

        return structure

    return factory


def _set_of(value: Any, item_hook: StructureHook, item_type: Any, detailed: bool) -> frozenset[Any]:
    items = _items(value, item_hook, item_type, detailed)
    result = frozenset(items)
    if len(result) != len(items):
        repeated = next(item for index, item in enumerate(items) if item in items[:index])
        shown = repeated.value if isinstance(repeated, enum.Enum) else repeated
        raise FieldError("", value, "", message=f"{shown!r} appears more than once (this array is a set)")
    return result


def _text_map(value: Any, _: Any) -> FrozenMap[str]:
    if type(value) is not dict:
        raise expected_type(value, "an object")
    errors = [FieldError(entry("", key), item, "a string") for key, item in value.items() if type(item) is not str]
    if errors:
        raise ClassValidationError("While structuring a mapping", errors, FrozenMap)
    return FrozenMap(value)


def _row(value: Any, _: Any) -> FrozenMap[Any]:
    if type(value) is not dict:
        raise expected_type(value, "an object")
    errors = [
        expected_type(item, "a string, a number, true, false or null", entry("", key))
        for key, item in value.items()
        if not (item is None or type(item) in (str, int, bool) or (type(item) is float and math.isfinite(item)))
    ]
    if errors:
        raise ClassValidationError("While structuring a row", errors, FrozenMap)
    return FrozenMap(value)


# --- geometry -----------------------------------------------------------------------


def _positions(value: Any, depth: int, path: str = "coordinates") -> Any:
    if type(value) is not list:
        raise FieldError(path, value, "an array of coordinates")
    if depth == 0:
        out = []
        for index, number in enumerate(value):
            kind = type(number)
            if kind is float:
                out.append(number)
            elif kind is int:
                out.append(float(number))
            else:
                raise expected_type(number, "a number", f"{path}[{index}]")
        return tuple(out)
    return tuple(_positions(item, depth - 1, f"{path}[{index}]") for index, item in enumerate(value))


_geometry_type = _enum_hook(GeometryType)


_GEOMETRY_KEYS = frozenset({"type", "coordinates"})


def _geometry(value: Any, _: Any) -> Geometry:
    if type(value) is not dict:
        raise expected_type(value, "a GeoJSON geometry object")
    errors = _unknown_keys(value, _GEOMETRY_KEYS, "a geometry has 'type' and 'coordinates'")
    kind: GeometryType | None = None
    coordinates: Any = None
    for key in ("type", "coordinates"):
        if key not in value:
            errors.append(FieldError(key, None, "present (a geometry needs 'type' and 'coordinates')"))
    try:
        if "type" in value:
            kind = typing.cast("GeometryType", _geometry_type(value["type"], GeometryType))
    except FieldError as error:
        errors.append(FieldError("type", value["type"], error.expected))
    try:
        if kind is not None and "coordinates" in value:
            coordinates = _positions(value["coordinates"], COORDINATE_DEPTH[kind])
    except FieldError as error:
        errors.append(error)
    if errors:
        raise ClassValidationError("While structuring Geometry", errors, Geometry)
    return Geometry(type=kind, coordinates=coordinates)  # type: ignore[arg-type]


# --- unstructuring ------------------------------------------------------------------


def _sorted_values(values: frozenset[Any]) -> list[Any]:
    if not values:
        return []
    if type(next(iter(values))) is str:
        return sorted(values)
    return sorted(v.value if isinstance(v, enum.Enum) else v for v in values)


_texts: dict[PartialDate, str] = {}


def date_text(date: PartialDate) -> str:
    text = _texts.get(date)
    if text is None:
        if len(_texts) >= _CACHE_LIMIT:
            _texts.clear()
        text = _texts[date] = str(date)
    return text


def period_dict(period: Period) -> dict[str, str]:
    start, end = period.start, period.end
    if end is None:
        return {} if start is None else {"start": date_text(start)}
    return {"end": date_text(end)} if start is None else {"start": date_text(start), "end": date_text(end)}


def _as_lists(value: Any) -> Any:
    return [_as_lists(item) for item in value] if type(value) is tuple else value


def geometry_dict(geometry: Geometry) -> dict[str, Any]:
    return {"type": geometry.type.value, "coordinates": _as_lists(geometry.coordinates)}


def _is_optional(type_: Any) -> bool:
    origin = typing.get_origin(type_)
    return origin in (typing.Union, types.UnionType) and type(None) in typing.get_args(type_)


def _optional_factory(type_: Any, converter: cattrs.Converter) -> StructureHook:
    """Optional fields are omitted when absent; an explicit ``null`` is refused."""
    (inner,) = [arg for arg in typing.get_args(type_) if arg is not type(None)]
    hook = converter.get_structure_hook(inner)

    def structure(value: Any, _: Any) -> Any:
        if value is None:
            raise expected_type(value, "allowed here (leave an absent optional field out)")
        return hook(value, inner)

    return structure


def _is_attrs_model(type_: Any) -> bool:
    return attrs.has(type_) and type_ not in (PartialDate, Period, Geometry)


def _is_frozenset(type_: Any) -> bool:
    return typing.get_origin(type_) is frozenset


def _is_tuple(type_: Any) -> bool:
    return typing.get_origin(type_) is tuple


def _is_frozen_map(type_: Any) -> bool:
    return typing.get_origin(type_) is FrozenMap or type_ is FrozenMap


def _noted(exc: Exception, name: str, type_: Any) -> Exception:
    exc.__notes__ = [*getattr(exc, "__notes__", []), AttributeValidationNote(f"@ attribute {name}", name, type_)]
    return exc


def _field_hooks(cls: Any, converter: cattrs.Converter) -> list[tuple[attrs.Attribute[Any], StructureHook, Any]]:
    hints = typing.get_type_hints(cls)
    out = []
    for field in attrs.fields(cls):
        if not field.init:
            continue
        type_ = hints[field.name]
        hook = _row if (cls is Origin and field.name == "row") else converter.get_structure_hook(type_)
        out.append((field, hook, type_))
    return out


def _detailed_class_hook(cls: Any, converter: cattrs.Converter) -> StructureHook:
    """Structure an object collecting every problem: missing and unknown keys, values
    of the wrong type, and each field's own rules, before the object's cross-field rules."""
    fields = _field_hooks(cls, converter)
    known = frozenset(field.name for field, _, _ in fields)
    name = cls.__name__

    def structure(value: Any, _: Any) -> Any:
        if type(value) is not dict:
            raise expected_type(value, "an object")
        errors: list[Exception] = []
        kwargs: dict[str, Any] = {}
        for field, hook, type_ in fields:
            if field.name in value:
                _decode_field(field, hook, type_, value[field.name], kwargs=kwargs, errors=errors)
            elif field.default is attrs.NOTHING:
                errors.append(_noted(KeyError(field.name), field.name, type_))
        extra = value.keys() - known
        if extra:
            errors.append(ForbiddenExtraKeysError("", cls, set(extra)))
        if errors:
            raise ClassValidationError(f"While structuring {name}", errors, cls)
        try:
            return cls(**kwargs)
        except Exception as exc:  # noqa: BLE001 - the object's cross-field rules
            raise ClassValidationError(f"While structuring {name}", [exc], cls) from None

    return structure


def _decode_field(
    field: attrs.Attribute[Any],
    hook: StructureHook,
    type_: Any,
    raw: Any,
    *,
    kwargs: dict[str, Any],
    errors: list[Exception],
) -> None:
    """Decode one field and run its own rules; record the value or the error."""
    try:
        item = hook(raw, type_)
    except Exception as exc:  # noqa: BLE001 - collected, reported by path
        errors.append(_noted(exc, field.name, type_))
        return
    try:
        if field.converter is not None:
            item = field.converter(item)  # type: ignore[operator]
        if field.validator is not None:
            field.validator(None, field, item)
    except FieldError as exc:
        errors.append(exc)
        return
    kwargs[field.alias or field.name] = item


# Small value objects recur with the same content (an actor in the same role, the same
# fatality figures); being immutable they can be shared. The fast path keeps one object
# per distinct input for these classes, keyed by the input's items. Bounded.
_SHARED_LIMIT = 1 << 16
SHARED = frozenset({EventActor, AgreementActor, Membership, Fatalities, Link, Provision})


def _share_key(value: dict[str, Any]) -> tuple[Any, ...] | None:
    key = []
    for name, item in value.items():
        kind = type(item)
        if kind is list:
            if not all(type(x) is str for x in item):
                return None
            item = tuple(item)  # noqa: PLW2901 - the hashable form of the same value
        elif kind not in (str, int):
            return None
        key.append((name, item))
    return tuple(key)


def _fast_class_hook(cls: Any, converter: cattrs.Converter) -> StructureHook:
    overrides: dict[str, Any] = {}
    if cls is Origin:
        overrides["row"] = cattrs.gen.override(struct_hook=_row)
    generated = make_dict_structure_fn(
        cls, converter, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=False, **overrides
    )

    def structure(value: Any, type_: Any) -> Any:
        if type(value) is not dict:
            raise expected_type(value, "an object")
        return generated(value, type_)

    if cls not in SHARED:
        return structure
    shared: dict[tuple[Any, ...], Any] = {}

    def structure_shared(value: Any, type_: Any) -> Any:
        key = _share_key(value) if type(value) is dict else None
        if key is None:
            return structure(value, type_)
        obj = shared.get(key)
        if obj is None:
            obj = structure(value, type_)
            if len(shared) >= _SHARED_LIMIT:
                shared.clear()
            shared[key] = obj
        return obj

    return structure_shared


def _tuple_unstructure_factory(type_: Any, converter: cattrs.Converter) -> Callable[[Any], list[Any]]:
    (item_type, *_) = typing.get_args(type_)
    if item_type is str:
        return list
    item_hook = converter.get_unstructure_hook(item_type)

    def unstructure(value: tuple[Any, ...]) -> list[Any]:
        return [item_hook(item) for item in value]

    return unstructure


def _class_unstructure_factory(cls: Any, converter: cattrs.Converter) -> Callable[[Any], dict[str, Any]]:
    return make_dict_unstructure_fn(cls, converter, _cattrs_omit_if_default=True)


def _make(detailed: bool) -> cattrs.Converter:
    converter = cattrs.Converter(detailed_validation=detailed, forbid_extra_keys=True)
    converter.register_structure_hook(str, _str)
    converter.register_structure_hook(int, _int)
    converter.register_structure_hook(float, _float)
    converter.register_structure_hook(bool, _bool)
    converter.register_structure_hook(PartialDate, _partial_date)
    converter.register_structure_hook(Period, _period)
    converter.register_structure_hook(Geometry, _geometry)
    converter.register_structure_hook_func(_is_frozen_map, _text_map)
    converter.register_structure_hook_factory(lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_hook)
    converter.register_structure_hook_factory(_is_optional, _optional_factory)
    converter.register_structure_hook_factory(_is_tuple, _tuple_factory(detailed))
    converter.register_structure_hook_factory(_is_frozenset, _frozenset_factory(detailed))
    converter.register_structure_hook_factory(_is_attrs_model, _detailed_class_hook if detailed else _fast_class_hook)

    converter.register_unstructure_hook(PartialDate, date_text)
    converter.register_unstructure_hook(Period, period_dict)
    converter.register_unstructure_hook(Geometry, geometry_dict)
    converter.register_unstructure_hook_func(_is_frozen_map, dict)
    converter.register_unstructure_hook_func(_is_frozenset, _sorted_values)
    converter.register_unstructure_hook_factory(_is_tuple, _tuple_unstructure_factory)
    converter.register_unstructure_hook_factory(_is_attrs_model, _class_unstructure_factory)
    register_answer_hooks(converter)
    return converter


FAST = _make(detailed=False)
"""Structures valid input quickly; its errors carry no paths."""
DETAILED = _make(detailed=True)
"""Structures the same input collecting every problem with its path."""
