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
import math
import sys
import threading
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs

from conflictmodel._model import _fields as r
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


def _enum_mirror(type_: type[enum.Enum]) -> tuple[Any, Builder | None]:
    """An enumeration whose values are all texts is mirrored as a ``Literal`` of them
    (msgspec checks it in C, and a mirror holding texts hashes in C when it is shared),
    and the builder looks the member up by value; other enumerations are msgspec's own."""
    members = {member.value: member for member in type_}
    if not members or not all(type(value) is str for value in members):
        return type_, None
    return typing.Literal[tuple(members)], members.__getitem__


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
            return _enum_mirror(type_)
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
            shared = args[0] is str or (isinstance(args[0], type) and issubclass(args[0], enum.Enum))
            return tuple[inner, ...], _set_builder(None if args[0] is str else build, shared=shared)  # type: ignore[valid-type]
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
            has_default = optional or field.default is not attrs.NOTHING
            plan = _Field(field, build, has_default=has_default, typed=mirror is not typing.Any)
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
    typed: bool = False
    """Whether the mirror guarantees the value's type (not a fallback to the converter)."""


def _builder(cls: type[Any], plans: list[_Field]) -> Builder:  # noqa: C901, PLR0912, PLR0915 - one code generator
    """A function that makes a ``cls`` object from its mirror struct.

    It does what the class's attrs ``__init__`` does -- each field's converter, each
    validator, ``__attrs_post_init__`` -- except the validators that only check the
    Python type (marked ``type_only``), which the mirror's types already guarantee. A
    validator marked with a sufficient condition (:func:`~conflictmodel._model._fields.accepts`)
    is called only when the condition, tested inline, does not hold; an absent field
    gets its default, which is checked once here rather than per object. Classes this
    cannot mirror faithfully (factory defaults, cached hashes) are built through their
    ``__init__``.
    """
    slots = getattr(cls, "__slots__", ())
    plain = "_attrs_cached_hash" not in slots and all(not isinstance(p.field.default, _FACTORY) for p in plans)
    scope: dict[str, Any] = {"cls": cls, "UNSET": msgspec.UNSET, "keys": _keys, "new": object.__new__}
    code = ["def build(s):"]
    code.append("    o = new(cls)" if plain else "    kw = {}")
    if plain:
        code.append("    k = 0")
    required = 0
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
        value = _converted(field, value, plan.build, number, scope)
        setter = _setter(cls, name, number, scope)
        check = _check(plan, number, scope)
        code.append(f"    v = {read}")
        if plan.has_default:
            default = field.default
            if field.converter is not None:
                default = field.converter(default)  # type: ignore[operator]
            scope[f"d{number}"] = default
            code += ["    if v is UNSET:", f"        {setter}(o, d{number})"]
            if check is not None and not _passes(field, default):
                code.append(f"        val{number}(o, a{number}, d{number})")
            code += ["    else:", f"        v = {value}", f"        {setter}(o, v)", "        k += 1"]
            if check is not None:
                code.append(f"        {check}")
        else:
            required += 1
            code += [f"    v = {value}", f"    {setter}(o, v)"]
            if check is not None:
                code.append(f"    {check}")
    if plain:
        code.append(f"    keys[0] += k + {required}")
        if hasattr(cls, "__attrs_post_init__"):
            code.append("    o.__attrs_post_init__()")
        code.append("    return o")
    else:
        code += ["    keys[0] += len(kw)", "    return cls(**kw)"]
    namespace: dict[str, Any] = {}
    exec("\n".join(code), scope, namespace)  # noqa: S102 - code built from attrs field names only
    return typing.cast("Builder", namespace["build"])


def _converted(
    field: attrs.Attribute[Any], value: str, build: Builder | None, number: int, scope: dict[str, Any]
) -> str:
    """The expression of ``value`` after the field's converter: the library's number
    converters inline (the mirror's ``float`` already holds an integer as a float), the map
    converter left out after a builder that makes a :class:`FrozenMap`."""
    converter: Any = field.converter
    if converter is None or (converter is r.to_frozen_map and build is _map):
        return value
    if converter in (r.to_number, r.to_optional_number) and value == "v":
        return "(0.0 if v == 0.0 else v)"  # -0.0 is stored as 0.0
    scope[f"c{number}"] = converter
    return f"c{number}({value})"


def _check(plan: _Field, number: int, scope: dict[str, Any]) -> str | None:
    """The statement that validates the field's new value ``v``, or ``None``."""
    field = plan.field
    validator = field.validator
    if validator is None or getattr(validator, "type_only", False):
        return None
    scope[f"val{number}"], scope[f"a{number}"] = validator, field
    call = f"val{number}(o, a{number}, v)"
    accept = _accept(getattr(validator, "accepts", None), number, scope) if plan.typed else None
    return call if accept is None else f"if not ({accept}): {call}"


def _accept(spec: tuple[Any, ...] | None, number: int, scope: dict[str, Any]) -> str | None:  # noqa: C901, PLR0911 - one return per kind
    """An expression on ``v`` that implies the validator passes (see ``accepts``)."""
    if spec is None:
        return None
    kind, *params = spec
    scope["K"] = r.KNOWN_IDS
    if kind == "id":
        return "v in K"
    size = f"len(v) >= {int(params[0])} and " if params and params[0] else ""
    if kind == "ids":
        return f"{size}K.issuperset(v)"
    if kind == "distinct_ids":
        return f"{size}K.issuperset(v) and (len(v) == 1 or len(set(v)) == len(v))"
    if kind == "text":
        return "v and not v.isspace()"
    if kind == "texts":
        return "not [x for x in v if not x or x.isspace()]"
    if kind == "range":
        minimum, maximum, exclusive = params
        scope[f"lo{number}"] = float(minimum)
        scope[f"hi{number}"] = math.inf if maximum is None else float(maximum)
        low = "<" if exclusive else "<="
        high = "<" if maximum is None else "<="  # below infinity: finite
        return f"lo{number} {low} v {high} hi{number}"
    if kind == "at_least":
        return f"v >= {int(params[0])}"
    if kind == "started":
        return "v.start is not None"
    if kind == "empty":
        return "not v"
    return None


def _passes(field: attrs.Attribute[Any], value: Any) -> bool:
    """Whether the field's validator accepts ``value`` (a default), tried once."""
    try:
        field.validator(None, field, value)  # type: ignore[misc]
    except Exception:  # noqa: BLE001 - any refusal: the default is then checked per object
        return False
    return True


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


def _value_expression(plan: _Field, number: int, scope: dict[str, Any]) -> str:
    """The expression that turns the mirror's value ``v`` into the field's."""
    if plan.build is _text:
        scope["intern"] = _intern
        return f"(v if len(v) > {_INTERN_MAX} else intern(v))"
    if plan.build is None:
        return "v"
    members = getattr(plan.build, "__self__", None)
    if type(members) is dict:  # an enumeration's members by value
        scope[f"e{number}"] = members
        return f"e{number}[v]"
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
