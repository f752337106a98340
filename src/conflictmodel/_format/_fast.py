r"""The fast decoder for valid documents, when :mod:`msgspec` is installed.

For every model class (read from its attrs fields, so a new field is picked up without
a change here) a *mirror* :class:`msgspec.Struct` is generated that msgspec decodes in C
with the format's own strictness: unknown keys refused (``forbid_unknown_fields``),
optional fields without ``null`` (an absent field is ``UNSET``; ``null`` is a type
error), no coercion (msgspec is strict), enumerations by value, arrays of the declared
item types. A generated builder then turns each mirror into the model object through
the class's own ``__init__``, so every attrs validator and ``__attrs_post_init__`` runs
exactly as in the reference path: dates, periods, id sets and small value objects are
shared between equal inputs, as the reference converter does.

What msgspec cannot tell is handled around it:

* **Repeated keys** (msgspec keeps the last one): the text's colons are counted in C;
  every key is followed by one colon, so when the count equals the number of keys
  decoded, no key was repeated. When strings hold colons too, the counts differ and the
  reference parser decides (its duplicate-key hook then costs one more parse).
* **Repeated items of a set** are found by the builders, which compare lengths.
* **Lone surrogates**: ``\\ud800`` escapes fail in msgspec; raw surrogates in a ``str``
  fail its encoding to UTF-8.

Any failure -- of msgspec, of a builder, of a check -- returns ``None``: the caller then
runs the reference path, which either accepts the document (the fast path is only ever
an optimisation) or explains every problem with its path.
"""

from __future__ import annotations

import enum
import keyword
import sys
import threading
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs

from conflictmodel._model._dates import PartialDate, Period
from conflictmodel._model._errors import LoadError
from conflictmodel._model._fields import EMPTY_MAP
from conflictmodel._model._frozenmap import FrozenMap
from conflictmodel._model._geometry import Geometry
from conflictmodel._model._scenario import Scenario

from . import _converter
from ._parse import parse

try:  # pragma: no cover - exercised by whichever environment runs the tests
    import msgspec
except ImportError:  # pragma: no cover
    msgspec = None  # type: ignore[assignment]

__all__ = ["available", "decode", "decoder_of"]

available = msgspec is not None
"""Whether the fast decoder can run (msgspec is installed)."""

Builder = Callable[[Any], Any]
_SCHEMA_VERSION = "conflictmodel/1"
_INTERN_MAX = 64
_CACHE_LIMIT = 1 << 16
_intern = sys.intern

# The number of keys the builders have seen in the document being decoded.
_keys = [0]
_FACTORY: type[Any] = attrs.Factory  # type: ignore[assignment]


class _RefusedError(Exception):
    """The fast path cannot decide: let the reference path decide and explain."""


# --- values -------------------------------------------------------------------------


def _text(value: str) -> str:
    return _intern(value) if len(value) <= _INTERN_MAX else value


def _texts(value: tuple[str, ...]) -> tuple[str, ...]:
    return tuple([_intern(v) if len(v) <= _INTERN_MAX else v for v in value])


_dates: dict[str, PartialDate] = {}


def _date(value: str) -> PartialDate:
    date = _dates.get(value)
    if date is None:
        date = _converter.FAST.structure(value, PartialDate)
        if len(_dates) >= _CACHE_LIMIT:
            _dates.clear()
        _dates[value] = date
    return date


def _map(value: dict[str, Any]) -> FrozenMap[Any]:
    _keys[0] += len(value)
    return FrozenMap(value) if value else EMPTY_MAP


def _count_keys(value: Any) -> int:
    """The number of keys in plain JSON data."""
    total = 0
    stack = [value]
    while stack:
        item = stack.pop()
        if type(item) is dict:
            total += len(item)
            stack.extend(item.values())
        elif type(item) is list:
            stack.extend(item)
    return total


def _geometry(value: dict[str, Any]) -> Geometry:
    _keys[0] += len(value)
    return _converter.FAST.structure(value, Geometry)


def _set_builder(item: Builder | None, shared: bool) -> Builder:
    cache: dict[tuple[Any, ...], frozenset[Any]] = {}

    def build(value: tuple[Any, ...]) -> frozenset[Any]:
        found = cache.get(value) if shared else None
        if found is not None:
            return found
        items = value if item is None else [item(v) for v in value]
        result = frozenset(items)
        if len(result) != len(value):
            raise _RefusedError("repeated item in a set")
        if shared:
            if len(cache) >= _CACHE_LIMIT:
                cache.clear()
            cache[value] = result
        return result

    return build


def _tuple_builder(item: Builder) -> Builder:
    def build(value: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple([item(v) for v in value])

    return build


def _fallback_builder(type_: Any) -> Builder:
    def build(value: Any) -> Any:
        _keys[0] += _count_keys(value)
        return _converter.FAST.structure(value, type_)

    return build


# --- mirrors ------------------------------------------------------------------------


class _Mirrors:
    """Mirror structs and builders for the model classes, made once per class."""

    def __init__(self) -> None:
        self.structs: dict[type[Any], Any] = {}
        self.builders: dict[type[Any], Builder] = {}
        self.period = self._period()

    def _period(self) -> tuple[Any, Builder]:
        struct = msgspec.defstruct(
            "Period",
            [("start", str | msgspec.UnsetType, msgspec.UNSET), ("end", str | msgspec.UnsetType, msgspec.UNSET)],
            forbid_unknown_fields=True,
            frozen=True,
            kw_only=True,
        )
        cache: dict[Any, tuple[Period, int]] = {}
        unset = msgspec.UNSET
        keys = _keys

        def build(value: Any) -> Period:
            found = cache.get(value)
            if found is None:
                start, end = value.start, value.end
                period = Period(
                    start=None if start is unset else _date(start), end=None if end is unset else _date(end)
                )
                found = (period, (start is not unset) + (end is not unset))
                if len(cache) >= _CACHE_LIMIT:
                    cache.clear()
                cache[value] = found
            keys[0] += found[1]
            return found[0]

        return struct, build

    def of(self, type_: Any) -> tuple[Any, Builder | None]:  # noqa: C901, PLR0911 - one branch per kind of type
        """The mirror type of a field type, and how its decoded value becomes the model's."""
        if type_ is str:
            return str, _text
        if type_ in (int, float, bool):
            return type_, None
        if isinstance(type_, type) and issubclass(type_, enum.Enum):
            return type_, None
        if type_ is PartialDate:
            return str, _date
        if type_ is Period:
            return self.period
        if type_ is Geometry:
            return dict[str, typing.Any], _geometry
        origin, args = typing.get_origin(type_), typing.get_args(type_)
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            inner, build = self.of(args[0])
            if type_ == tuple[str, ...]:
                return tuple[str, ...], _texts
            return tuple[inner, ...], (tuple if build is None else _tuple_builder(build))  # type: ignore[valid-type]
        if origin is frozenset:
            inner, build = self.of(args[0])
            return tuple[inner, ...], _set_builder(None if args[0] is str else build, shared=args[0] is str)  # type: ignore[valid-type]
        if origin is FrozenMap or type_ is FrozenMap:
            value = args[0] if args else typing.Any
            if value not in (str, typing.Any):
                value = typing.Any
            return dict[str, value], _map  # type: ignore[valid-type]
        if attrs.has(type_):
            return self.struct(type_), self.builder(type_)
        return typing.Any, _fallback_builder(type_)

    def struct(self, cls: type[Any]) -> Any:
        if cls not in self.structs:
            self._make(cls)
        return self.structs[cls]

    def builder(self, cls: type[Any]) -> Builder:
        if cls not in self.builders:
            self._make(cls)
        return self.builders[cls]

    def _make(self, cls: type[Any]) -> None:
        hints = typing.get_type_hints(cls)
        fields: list[tuple[Any, ...]] = []
        plans: list[_Field] = []
        for field in attrs.fields(cls):
            if not field.init:
                plans.append(_Field(field, None, has_default=True))
                continue
            type_ = hints[field.name]
            optional = _is_optional(type_)
            if optional:
                (type_,) = [a for a in typing.get_args(type_) if a is not type(None)]
            build: Builder | None
            mirror: Any
            if cls.__name__ == "Origin" and field.name == "row":
                mirror, build = dict[str, str | int | float | bool | None], _map
            elif cls is Scenario and _is_records(type_):
                mirror, build = tuple[msgspec.Raw, ...], self._records(typing.get_args(type_)[0])
            else:
                mirror, build = self.of(type_)
            plan = _Field(field, build, has_default=optional or field.default is not attrs.NOTHING)
            plans.append(plan)
            if plan.has_default:
                fields.append((field.name, mirror | msgspec.UnsetType, msgspec.UNSET))
            else:
                fields.append((field.name, mirror))
        self.structs[cls] = msgspec.defstruct(
            cls.__name__, fields, forbid_unknown_fields=True, kw_only=True, frozen=cls in _converter.SHARED
        )
        build_one = _builder(cls, plans)
        self.builders[cls] = _shared(build_one) if cls in _converter.SHARED else build_one

    def _records(self, cls: type[Any]) -> Builder:
        """A scenario's collection, decoded and built one record at a time from its raw
        text: each record's mirror is freed as soon as its object is built, so the peak
        memory of a decode stays near the memory the scenario holds."""
        decoder = msgspec.json.Decoder(self.struct(cls))
        decode, build = decoder.decode, self.builder(cls)

        def build_records(raws: tuple[Any, ...]) -> tuple[Any, ...]:
            return tuple([build(decode(raw)) for raw in raws])

        return build_records


def _is_records(type_: Any) -> bool:
    args = typing.get_args(type_)
    return typing.get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis and attrs.has(args[0])


@attrs.frozen
class _Field:
    """How one attrs field is filled from its mirror."""

    field: attrs.Attribute[Any]
    build: Builder | None
    has_default: bool


def _builder(cls: type[Any], plans: list[_Field]) -> Builder:  # noqa: C901, PLR0912 - one code generator
    """A function that makes a ``cls`` object from its mirror struct.

    It does what the class's attrs ``__init__`` does -- each field's converter, each
    validator, ``__attrs_post_init__`` -- except the validators that only check the
    Python type (marked ``type_only``), which the mirror's types already guarantee.
    Classes this cannot mirror faithfully (factory defaults, cached hashes) are built
    through their ``__init__``.
    """
    slots = getattr(cls, "__slots__", ())
    plain = "_attrs_cached_hash" not in slots and all(not isinstance(p.field.default, _FACTORY) for p in plans)
    scope: dict[str, Any] = {"cls": cls, "UNSET": msgspec.UNSET, "keys": _keys, "new": object.__new__}
    code = ["def build(s):"]
    code.append("    o = new(cls)" if plain else "    kw = {}")
    checks: list[str] = []
    for number, plan in enumerate(plans):
        field = plan.field
        name = field.name
        if not field.init:
            if plain:
                scope[f"d{number}"] = field.default
                code.append(f"    {_setter(cls, name, number, scope)}(o, d{number})")
            continue
        read = f"s.{name}" if _plain(name) else f"getattr(s, {name!r})"
        value = _value_expression(plan, number, scope)
        if not plain:
            target = f"kw[{(field.alias or name)!r}] = {value}"
            if plan.has_default:
                code += [f"    v = {read}", f"    if v is not UNSET: {target}"]
            else:
                code += [f"    v = {read}", f"    {target}"]
            continue
        if field.converter is not None:
            scope[f"c{number}"] = field.converter
            value = f"c{number}({value})"
        if plan.has_default:
            default = field.default
            if field.converter is not None:
                default = field.converter(default)  # type: ignore[operator]
            scope[f"d{number}"] = default
            code += [f"    v = {read}", f"    v = d{number} if v is UNSET else {value}"]
        else:
            code += [f"    v = {read}", f"    v = {value}"]
        code.append(f"    {_setter(cls, name, number, scope)}(o, v)")
        validator = field.validator
        if validator is not None and not getattr(validator, "type_only", False):
            scope[f"val{number}"], scope[f"a{number}"] = validator, field
            current = f"o.{name}" if _plain(name) else f"getattr(o, {name!r})"
            checks.append(f"    val{number}(o, a{number}, {current})")
    if plain:
        code += checks
        code.append("    keys[0] += " + (" + ".join(_present(p) for p in plans if p.field.init) or "0"))
        if hasattr(cls, "__attrs_post_init__"):
            code.append("    o.__attrs_post_init__()")
        code.append("    return o")
    else:
        code += ["    keys[0] += len(kw)", "    return cls(**kw)"]
    namespace: dict[str, Any] = {}
    exec("\n".join(code), scope, namespace)  # noqa: S102 - code built from attrs field names only
    return typing.cast("Builder", namespace["build"])


def _setter(cls: type[Any], name: str, number: int, scope: dict[str, Any]) -> str:
    """The name in ``scope`` of a function that sets field ``name`` of a new object: the
    slot's own descriptor when there is one (no attribute lookup), else ``setattr``."""
    for klass in cls.__mro__:
        slot = klass.__dict__.get(name)
        if slot is not None and type(slot) is types.MemberDescriptorType:
            scope[f"set{number}"] = slot.__set__
            return f"set{number}"
    scope[f"set{number}"] = lambda obj, value: object.__setattr__(obj, name, value)
    return f"set{number}"


def _present(plan: _Field) -> str:
    name = plan.field.name
    if not plan.has_default:
        return "1"
    read = f"s.{name}" if _plain(name) else f"getattr(s, {name!r})"
    return f"({read} is not UNSET)"


def _value_expression(plan: _Field, number: int, scope: dict[str, Any]) -> str:
    """The expression that turns the mirror's value ``v`` into the field's."""
    if plan.build is _text:
        scope["intern"] = _intern
        return f"(v if len(v) > {_INTERN_MAX} else intern(v))"
    if plan.build is None:
        return "v"
    scope[f"b{number}"] = plan.build
    return f"b{number}(v)"


def _shared(build: Builder) -> Builder:
    """One model object per distinct input, for small value objects that recur."""
    cache: dict[Any, tuple[Any, int]] = {}
    keys = _keys

    def build_shared(value: Any) -> Any:
        found = cache.get(value)
        if found is None:
            before = keys[0]
            found = (build(value), keys[0] - before)
            if len(cache) >= _CACHE_LIMIT:
                cache.clear()
            cache[value] = found
        else:
            keys[0] += found[1]
        return found[0]

    return build_shared


def _plain(name: str) -> bool:
    return name.isidentifier() and not keyword.iskeyword(name)


def _is_optional(type_: Any) -> bool:
    origin = typing.get_origin(type_)
    return origin in (typing.Union, types.UnionType) and type(None) in typing.get_args(type_)


# --- documents ----------------------------------------------------------------------


class _Document:
    """The decoder of whole documents: a mirror of :class:`Scenario` with its ``schema``."""

    def __init__(self) -> None:
        mirrors = _Mirrors()
        scenario = mirrors.struct(Scenario)
        self.build = mirrors.builder(Scenario)
        fields = [
            (f.name, f.type, f.default) if f.default is not msgspec.NODEFAULT else (f.name, f.type)
            for f in msgspec.structs.fields(scenario)
        ]
        document = msgspec.defstruct("Document", [("schema", str), *fields], forbid_unknown_fields=True, kw_only=True)
        self.decoder = msgspec.json.Decoder(document)

    def __call__(self, data: bytes) -> Scenario | None:
        document: Any = self.decoder.decode(data)
        if document.schema != _SCHEMA_VERSION:
            return None
        _keys[0] = 1  # the schema key
        scenario = typing.cast("Scenario", self.build(document))
        if data.count(b":") != _keys[0] and _has_repeated_keys(data):
            return None
        return scenario


def _has_repeated_keys(data: bytes) -> bool:
    """Whether an object of the document repeats a key (its colons could not tell)."""
    try:
        parse(data.decode("utf-8"), None)
    except LoadError:
        return True
    return False


_document: _Document | None = None
_lock = threading.RLock()


def decoder_of() -> _Document:
    """The document decoder, built on first use."""
    global _document  # noqa: PLW0603 - built once, on first use
    if _document is None:
        _document = _Document()
    return _document


def decode(text: object) -> Scenario | None:
    """The scenario of a valid document, or ``None`` for the reference path to decide."""
    if type(text) is str:
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            return None
    elif type(text) is bytes:
        data = text
    else:
        return None
    data = data.removeprefix(b"\xef\xbb\xbf")
    # One decode at a time: the builders count keys in one shared counter.
    with _lock:
        try:
            return decoder_of()(data)
        except Exception:  # noqa: BLE001 - the reference path explains any refusal
            return None
