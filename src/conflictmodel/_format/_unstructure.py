"""Plain JSON data of model objects, by functions generated from their attrs fields.

The same output as the converter's cattrs unstructuring (a test holds them equal), a few
times faster: each class gets one generated function that reads its fields in order,
leaves out those equal to their defaults, writes enumerations by value, sets as sorted
arrays, dates as ISO text, and calls the functions of nested classes directly. A field
whose type it does not know is unstructured by the converter, so new fields work at once.
"""

from __future__ import annotations

import enum
import keyword
import threading
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs

from conflictmodel._model._dates import PartialDate, Period
from conflictmodel._model._frozenmap import FrozenMap
from conflictmodel._model._geometry import Geometry

from . import _converter

__all__ = ["shared_data", "unstructure_of"]

Unstructure = Callable[[Any], Any]
_FACTORY: type[Any] = attrs.Factory  # type: ignore[assignment]
_functions: dict[type[Any], Unstructure] = {}
_shared_functions: dict[type[Any], Unstructure] = {}


def unstructure_of(cls: type[Any]) -> Unstructure:
    """The generated function that gives the plain data of a ``cls`` object."""
    found = _functions.get(cls)
    if found is None:
        value = _VALUES.get(cls)
        found = _functions[cls] = value() if value is not None else _generate(cls, shared=False)
    return found


# --- shared data, for writing text ------------------------------------------------------
#
# A decoded scenario holds one object per distinct period, id set and small value object
# (an event's actors, its fatalities), shared by many records. For writing text, the
# data of each such object is made once per call and the same dict or list is put
# wherever the object recurs (the writer does not care; ``to_dict`` callers get fresh
# containers from the functions above). The caches are keyed by object identity, which is
# stable while the object being written is alive, and emptied at the end of every call.

_caches: list[dict[int, Any]] = []
_lock = threading.RLock()
_SHARED_LIMIT = 1 << 18


def shared_data(cls: type[Any], obj: Any) -> tuple[Any, bool]:
    """The plain data of ``obj`` (of class ``cls``), each recurring value object's data
    made once and shared: only for writing it out at once. Every dict these functions
    make has its keys in sorted order already.

    Also whether the data may not be written canonically by orjson as it is, without
    sorting keys: a float of magnitude below 1e-4, which orjson writes differently from
    Python (in a field typed ``float``), or any value of a type whose data these
    functions do not make themselves (such as a geometry), whose floats and key order
    they do not know."""
    function = _shared_functions.get(cls)
    if function is None:
        function = _shared_functions[cls] = _generate(cls, shared=True)
    with _lock:  # reentrant (a finalizer may write while a write runs): state saved
        outer = _tiny[0]
        _tiny[0] = False
        _depth[0] += 1
        try:
            return function(obj), _tiny[0]
        finally:
            _tiny[0] = _tiny[0] or outer
            _depth[0] -= 1
            if not _depth[0]:
                for cache in _caches:
                    cache.clear()


_tiny = [False]
_depth = [0]


def _float_note(type_: Any, scope: dict[str, Any]) -> list[str]:
    """The line that records, for the value ``v`` of a field of ``type_``, whether its
    data may hold a float below 1e-4 (see :func:`shared_data`)."""
    scope["T"] = _tiny
    if type_ is float:
        return ["    if v and -0.0001 < v < 0.0001: T[0] = True"]
    if _is_scalar_map(type_):  # a verbatim source row: its floats looked at one by one
        scope["tiny_in"] = _tiny_in
        return ["    if v and tiny_in(v): T[0] = True"]
    if _floats_seen(type_):
        return []
    return ["    if v is not None: T[0] = True"]


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _is_scalar_map(type_: Any) -> bool:
    """Whether ``type_`` is a :class:`FrozenMap` of JSON scalars (a source row)."""
    args = typing.get_args(type_)
    values = typing.get_args(args[0]) if len(args) == 1 else ()  # a union of value types
    return typing.get_origin(type_) is FrozenMap and bool(values) and set(values) <= _SCALARS


def _tiny_in(row: FrozenMap[Any]) -> bool:
    """Whether a map of scalars holds a float of magnitude below 1e-4."""
    values = row.values()
    if float not in set(map(type, values)):  # in C: a row read from CSV holds only text
        return False
    return any(type(x) is float and x and -0.0001 < x < 0.0001 for x in values)


def _floats_seen(type_: Any) -> bool:
    """Whether every float in the data of a ``type_`` value passes a ``_float_note``."""
    if type_ in (str, int, bool, PartialDate, Period) or (isinstance(type_, type) and issubclass(type_, enum.Enum)):
        return True
    origin, args = typing.get_origin(type_), typing.get_args(type_)
    if origin is FrozenMap:
        return args == (str,)
    if origin in (tuple, frozenset) and args and (origin is frozenset or args[-1] is Ellipsis):
        item = args[0]
        if item in (str, int, bool) or (isinstance(item, type) and issubclass(item, enum.Enum)):
            return True
        # a tuple of records or value objects: each item's data made by a shared function
        return origin is tuple and attrs.has(item) and item not in _VALUES
    return attrs.has(type_) and type_ not in _VALUES  # made by its own shared function


def _cached(function: Unstructure) -> tuple[dict[int, Any], Unstructure]:
    """An identity cache of ``function``'s results, and the function that fills it."""
    cache: dict[int, Any] = {}
    _caches.append(cache)

    def miss(value: Any) -> Any:
        if len(cache) >= _SHARED_LIMIT:
            cache.clear()
        data = cache[id(value)] = function(value)
        return data

    return cache, miss


def _shared_expression(type_: Any, scope: dict[str, Any], number: int) -> str | None:
    """The expression of the shared data of ``v`` for a value type that recurs, else ``None``."""
    origin, args = typing.get_origin(type_), typing.get_args(type_)
    function: Unstructure | None = None
    if type_ is Period:
        function = _period_fresh
    elif origin is frozenset and args:
        function = _function(type_)
    elif type_ in _converter.SHARED:
        function = _shared_function(type_)
    elif attrs.has(type_) and type_ not in _VALUES:
        scope[f"f{number}"] = _shared_function(type_)
        return f"f{number}(v)"
    elif origin is tuple and len(args) == 2 and args[1] is Ellipsis and attrs.has(args[0]):
        item = args[0]
        if item in _converter.SHARED:
            scope[f"c{number}"], scope[f"m{number}"] = _cached(_shared_function(item))
            return f"[c{number}.get(id(x)) or m{number}(x) for x in v]"
        if item not in (PartialDate, Period, Geometry):
            scope[f"f{number}"] = _shared_function(item)
            return f"[f{number}(x) for x in v]"
        return None
    if function is None:
        return None
    scope[f"c{number}"], scope[f"m{number}"] = _cached(function)
    return f"(c{number}.get(id(v)) or m{number}(v))"


def _shared_function(cls: type[Any]) -> Unstructure:
    found = _shared_functions.get(cls)
    if found is None:
        found = _shared_functions[cls] = _generate(cls, shared=True)
    return found


def _enum_values(value: Any) -> list[Any]:
    return [item._value_ for item in value]


def _sorted_enum_values(value: frozenset[Any]) -> list[Any]:
    return sorted([item._value_ for item in value])


# Decoded scenarios share one object per distinct date and period, so their texts are
# remembered by object identity (the object is kept in the entry, so its id cannot be
# reused while the entry lives): no attrs __hash__ call per record. Bounded.
_CACHE_LIMIT = 1 << 16
_period_data: dict[int, tuple[Period, dict[str, str]]] = {}
_date_texts: dict[int, tuple[PartialDate, str]] = {}


def _period(period: Period) -> dict[str, str]:
    found = _period_data.get(id(period))
    if found is None or found[0] is not period:
        if len(_period_data) >= _CACHE_LIMIT:
            _period_data.clear()
        found = _period_data[id(period)] = (period, _period_fresh(period))
    return found[1].copy()


def _period_fresh(period: Period) -> dict[str, str]:
    """The data of a period, its keys in sorted order (``end`` first), as it is written."""
    start, end = period.start, period.end
    data = {}
    if end is not None:
        data["end"] = _date(end)
    if start is not None:
        data["start"] = _date(start)
    return data


def _date(date: PartialDate) -> str:
    found = _date_texts.get(id(date))
    if found is None or found[0] is not date:
        if len(_date_texts) >= _CACHE_LIMIT:
            _date_texts.clear()
        found = _date_texts[id(date)] = (date, str(date))
    return found[1]


# Value types have their own text or data form, not one key per attrs field.
_VALUES: dict[type[Any], Callable[[], Unstructure]] = {
    PartialDate: lambda: _date,
    Period: lambda: _period,
    Geometry: lambda: _converter.geometry_dict,
}


def _map(value: FrozenMap[Any]) -> dict[str, Any]:
    return dict(value._data)  # noqa: SLF001 - the map's own sorted dict, copied


def _each(function: Unstructure) -> Unstructure:
    def unstructure(value: Any) -> list[Any]:
        return [function(item) for item in value]

    return unstructure


def _expression(type_: Any, scope: dict[str, Any], number: int) -> str:
    """The expression that gives the plain data of a field value ``v`` of ``type_``."""
    if type_ in (str, int, float, bool):
        return "v"
    if isinstance(type_, type) and issubclass(type_, enum.Enum):
        return "v._value_"
    function = _function(type_)
    if function is None:
        scope["converter"], scope[f"t{number}"] = _converter.FAST, type_
        return f"converter.unstructure(v, t{number})"
    scope[f"f{number}"] = function
    return f"f{number}(v)"


def _function(type_: Any) -> Unstructure | None:  # noqa: PLR0911 - one return per kind of type
    if type_ is PartialDate:
        return _date
    if type_ is Period:
        return _period
    if type_ is Geometry:
        return _converter.geometry_dict
    origin, args = typing.get_origin(type_), typing.get_args(type_)
    if origin is FrozenMap or type_ is FrozenMap:
        return _map
    if origin in (tuple, frozenset) and args and (origin is frozenset or args[-1] is Ellipsis):
        item = args[0]
        if item is str:
            return sorted if origin is frozenset else list
        if isinstance(item, type) and issubclass(item, enum.Enum):
            return _sorted_enum_values if origin is frozenset else _enum_values
        if origin is tuple and attrs.has(item) and item not in (PartialDate, Period, Geometry):
            return _each(unstructure_of(item))
        return None
    if attrs.has(type_):
        return unstructure_of(type_)
    return None


def _is_optional(type_: Any) -> bool:
    origin = typing.get_origin(type_)
    return origin in (typing.Union, types.UnionType) and type(None) in typing.get_args(type_)


def _generate(cls: type[Any], *, shared: bool) -> Unstructure:
    hints = typing.get_type_hints(cls)
    scope: dict[str, Any] = {}
    code = ["def unstructure(o):", "    d = {}"]
    fields = list(enumerate(attrs.fields(cls)))
    if shared:  # the keys in sorted order, so the writer need not sort them
        fields.sort(key=lambda item: item[1].name)
    for number, field in fields:
        if not field.init:
            continue
        name = field.name
        type_ = hints[name]
        if _is_optional(type_):
            (type_,) = [a for a in typing.get_args(type_) if a is not type(None)]
        read = f"o.{name}" if name.isidentifier() and not keyword.iskeyword(name) else f"getattr(o, {name!r})"
        value = (_shared_expression(type_, scope, number) if shared else None) or _expression(type_, scope, number)
        default = field.default
        if isinstance(default, _FACTORY):
            default = default.factory() if not default.takes_self else attrs.NOTHING
        code.append(f"    v = {read}")
        if shared:
            code += _float_note(type_, scope)
        if default is attrs.NOTHING:
            code.append(f"    d[{name!r}] = {value}")
        elif default is None:
            code.append(f"    if v is not None: d[{name!r}] = {value}")
        else:
            scope[f"d{number}"] = default
            code.append(f"    if v is not d{number} and v != d{number}: d[{name!r}] = {value}")
    code.append("    return d")
    namespace: dict[str, Any] = {}
    exec("\n".join(code), scope, namespace)  # noqa: S102 - code built from attrs field names only
    return typing.cast("Unstructure", namespace["unstructure"])
