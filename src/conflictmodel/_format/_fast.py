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
import json
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


class _Shared:
    """A builder that makes one result per distinct input and then shares it.

    Generated code looks the input up in ``cache`` inline and calls :meth:`miss` only
    for an input it has not seen (``cache.get(v) or miss(v)``: every result is true,
    or else merely made again). A ``counted`` result is stored with the number of keys
    its input holds, which the code that looks it up adds to the document's count."""

    __slots__ = ("cache", "counted", "make")

    def __init__(self, make: Builder, *, counted: bool) -> None:
        self.cache: dict[Any, Any] = {}
        self.make = make
        self.counted = counted

    def miss(self, value: Any) -> Any:
        """Make the result of a new input and keep it (with its key count if counted)."""
        before = _keys[0]
        found = self.make(value)
        if self.counted:
            found = (found, _keys[0] - before)
            _keys[0] = before
        if len(self.cache) >= _CACHE_LIMIT:
            self.cache.clear()
        self.cache[value] = found
        return found

    def __call__(self, value: Any) -> Any:
        found = self.cache.get(value) or self.miss(value)
        if self.counted:
            _keys[0] += found[1]
            return found[0]
        return found


def _set_builder(item: Builder | None, shared: bool) -> Builder:
    def build(value: tuple[Any, ...]) -> frozenset[Any]:
        result = frozenset(value if item is None else [item(v) for v in value])
        if len(result) != len(value):
            raise _RefusedError("repeated item in a set")
        return result

    return _Shared(build, counted=False) if shared else build


def _tuple_builder(item: Builder) -> Builder:
    def build(value: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple([item(v) for v in value])

    # a tuple of shared objects is shared whole (its mirror is hashable)
    return _Shared(build, counted=True) if isinstance(item, _Shared) else build


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
        self.twins: dict[type[Any], Any] = {}
        self.period = self._period()

    def _period(self) -> tuple[Any, Builder]:
        struct = msgspec.defstruct(
            "Period",
            [("start", str | msgspec.UnsetType, msgspec.UNSET), ("end", str | msgspec.UnsetType, msgspec.UNSET)],
            forbid_unknown_fields=True,
            frozen=True,
            kw_only=True,
        )
        unset = msgspec.UNSET

        def build(value: Any) -> Period:
            start, end = value.start, value.end
            _keys[0] += (start is not unset) + (end is not unset)
            return Period(start=None if start is unset else _date(start), end=None if end is unset else _date(end))

        return struct, _Shared(build, counted=True)

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
            return tuple[inner, ...], (None if build is None else _tuple_builder(build))  # type: ignore[valid-type]
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
            twin = self.twin(type_)
            if twin is not None:
                return twin, None
            return self.struct(type_), self.builder(type_)
        return typing.Any, _fallback_builder(type_)

    def struct(self, cls: type[Any]) -> Any:
        """The type msgspec decodes ``cls`` into: its twin, or else its mirror struct."""
        twin = self.twin(cls)
        if twin is not None:
            return twin
        if cls not in self.structs:
            self._make(cls)
        return self.structs[cls]

    def builder(self, cls: type[Any]) -> Builder:
        """What makes the ``cls`` object from what msgspec decoded (a twin is one already)."""
        if self.twin(cls) is not None:
            return _same
        if cls not in self.builders:
            self._make(cls)
        return self.builders[cls]

    def decode(self, cls: type[Any], data: bytes) -> Any:
        """One ``cls`` object from its JSON text, or an exception (any: a document's
        decode then asks the reference path), its unknown and repeated keys refused."""
        with _lock:
            _keys[0] = 0
            found = self.builder(cls)(msgspec.json.decode(data, type=self.struct(cls)))
            if _keys_in(data) != _keys[0]:
                raise _RefusedError("an unknown or repeated key")
            return found

    def twin(self, cls: type[Any]) -> Any:
        """The twin of ``cls`` (see :func:`_twin`), or ``None`` if it cannot have one."""
        if cls not in self.twins:
            self.twins[cls] = None  # while it is made: a class that holds itself is mirrored
            if cls not in _converter.SHARED and _can_twin(cls):
                fields, plans = self._plans(cls, twin=True)
                self.twins[cls] = _twin(cls, fields, plans)
        return self.twins[cls]

    def _plans(self, cls: type[Any], *, twin: bool) -> tuple[list[tuple[Any, ...]], list[_Field]]:
        """The msgspec fields of ``cls``'s mirror or twin, and how each is made the model's.

        A twin's enumeration fields are the enumeration itself (msgspec finds the member by
        value in C); a mirror holds their texts, which hash in C when it is shared."""
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
            if field.name == "id" and type_ is str:
                mirror, build = str, None  # an object's own id is unique: interning it saves nothing
            elif cls.__name__ == "Origin" and field.name == "row":
                mirror, build = dict[str, str | int | float | bool | None], _map
            elif twin and isinstance(type_, type) and issubclass(type_, enum.Enum):
                mirror, build = type_, None
            elif cls is Scenario and _is_records(type_):
                mirror, build = self._records(typing.get_args(type_)[0])
            else:
                mirror, build = self.of(type_)
            has_default = optional or field.default is not attrs.NOTHING
            plan = _Field(field, build, has_default=has_default, typed=mirror is not typing.Any)
            plans.append(plan)
            if plan.has_default:
                fields.append((field.name, mirror | msgspec.UnsetType, msgspec.UNSET))
            else:
                fields.append((field.name, mirror))
        return fields, plans

    def _make(self, cls: type[Any]) -> None:
        fields, plans = self._plans(cls, twin=False)
        self.structs[cls] = msgspec.defstruct(
            cls.__name__, fields, forbid_unknown_fields=True, kw_only=True, frozen=cls in _converter.SHARED
        )
        build_one = _builder(cls, plans)
        self.builders[cls] = _Shared(build_one, counted=True) if cls in _converter.SHARED else build_one

    def _records(self, cls: type[Any]) -> tuple[Any, Builder | None]:
        """A scenario's collection: decoded straight into its twins when the record class
        has one; else decoded and built one record at a time from its raw text, each
        record's mirror freed as soon as its object is built. Either way the peak memory
        of a decode stays near the memory the scenario holds."""
        twin = self.twin(cls)
        if twin is not None:
            return tuple[twin, ...], None  # type: ignore[valid-type]
        decoder = msgspec.json.Decoder(self.struct(cls))
        decode, build = decoder.decode, self.builder(cls)

        def build_records(raws: tuple[Any, ...]) -> tuple[Any, ...]:
            return tuple([build(decode(raw)) for raw in raws])

        return tuple[msgspec.Raw, ...], build_records


def _unset_all(names: list[str]) -> Callable[[Any], None]:
    """A function that sets ``UNSET`` in the named slots of a new twin.

    msgspec gives a field the key did not set its default after asking whether the
    object has it: for an empty slot that question raises (and formats) an
    ``AttributeError`` inside CPython, which costs more than setting the slot first."""
    code = ["def unset_all(o):", *(f"    o.{name} = UNSET" for name in names)] if names else []
    if not code:
        return _nothing
    namespace: dict[str, Any] = {}
    exec("\n".join(code), {"UNSET": msgspec.UNSET}, namespace)  # noqa: S102 - code built from attrs field names only
    return typing.cast("Callable[[Any], None]", namespace["unset_all"])


def _nothing(_: Any) -> None:
    return None


def _same(value: Any) -> Any:
    return value


def _can_twin(cls: type[Any]) -> bool:
    """Whether ``cls`` can have a twin: slotted, every field set by ``__init__`` with no
    factory default, no cached hash, no ``__attrs_pre_init__``, and field names that are
    identifiers (the twin's code names them)."""
    return (
        "__slots__" in cls.__dict__
        and "_attrs_cached_hash" not in cls.__slots__
        and not hasattr(cls, "__attrs_pre_init__")
        and all(
            field.init and _plain(field.name) and not isinstance(field.default, _FACTORY) for field in attrs.fields(cls)
        )
    )


def _twin(cls: type[Any], fields: list[tuple[Any, ...]], plans: list[_Field]) -> Any:
    """A subclass of ``cls`` that adds no slots, which msgspec decodes as an attrs class.

    msgspec makes the object in C and sets every slot it read (unknown keys are skipped:
    the document's key count catches them), then calls the twin's
    ``__attrs_post_init__``: a generated function that makes each value the model's
    (shared dates and periods, interned texts, sets), runs the checks the builder of a
    mirror runs, turns the object into a ``cls`` object (``__class__`` assignment: the
    twin adds nothing to its layout) and runs ``cls``'s own ``__attrs_post_init__``. The
    twin's attributes have no validators (msgspec would call each one) and ``UNSET`` for
    every default (an absent field then tells itself from a given one). ``None`` when
    CPython refuses the assignment."""
    by_name = {field[0]: field for field in fields}
    attributes = tuple(
        plan.field.evolve(
            default=msgspec.UNSET if plan.has_default else attrs.NOTHING,
            validator=None,
            converter=None,
            type=by_name[plan.field.name][1],
        )
        for plan in plans
    )
    namespace = {
        "__slots__": (),
        "__module__": __name__,
        "__qualname__": f"twin of {cls.__qualname__}",
        "__attrs_attrs__": attributes,
        "__annotations__": {name: type_ for name, type_, *_ in fields},
        "__attrs_pre_init__": _unset_all([plan.field.name for plan in plans if plan.has_default]),
        # object's own: the twin's stores are then the interpreter's fastest (a slot store)
        "__setattr__": object.__setattr__,
        "__delattr__": object.__delattr__,
        "__attrs_post_init__": _builder(cls, plans, twin=True),
    }
    twin = type(cls.__name__, (cls,), namespace)
    probe = object.__new__(twin)
    try:
        object.__setattr__(probe, "__class__", cls)
    except TypeError:  # pragma: no cover - every model class has a layout its twin can share
        return None
    return twin


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


def _builder(cls: type[Any], plans: list[_Field], *, twin: bool = False) -> Builder:  # noqa: C901, PLR0912, PLR0915 - one code generator
    """A function that makes a ``cls`` object from its mirror struct, or (``twin``) that
    finishes a twin msgspec made into a ``cls`` object.

    It does what the class's attrs ``__init__`` does -- each field's converter, each
    validator, ``__attrs_post_init__`` -- except the validators that only check the
    Python type (marked ``type_only``), which the mirror's types already guarantee. A
    validator marked with a sufficient condition (:func:`~conflictmodel._model._fields.accepts`)
    is called only when the condition, tested inline, does not hold; an absent field
    gets its default, which is checked once here rather than per object. A twin's field
    is set again only when its value changes (a shared or interned value, a converter).
    Classes this cannot mirror faithfully (factory defaults, cached hashes) are built
    through their ``__init__``.
    """
    slots = getattr(cls, "__slots__", ())
    plain = "_attrs_cached_hash" not in slots and all(not isinstance(p.field.default, _FACTORY) for p in plans)
    scope: dict[str, Any] = {"cls": cls, "UNSET": msgspec.UNSET, "keys": _keys, "new": object.__new__}
    source = "o" if twin else "s"
    code = [f"def build({source}):"]
    if not twin:
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
        read = f"{source}.{name}" if _plain(name) else f"getattr({source}, {name!r})"
        value = _value_expression(plan, number, scope, inline=plain)
        if not plain:
            target = f"kw[{(field.alias or name)!r}] = {value}"
            if plan.has_default:
                code += [f"    v = {read}", f"    if v is not UNSET: {target}"]
            else:
                code += [f"    v = {read}", f"    {target}"]
            continue
        # the statements that make the mirror's value ``v`` the field's
        lines = [] if value == "v" else [f"v = {value}"]
        if isinstance(plan.build, _Shared) and plan.build.counted:
            lines += ["k += v[1]", "v = v[0]"]  # a shared result with the keys its input holds
        converted = _converted(field, "v", plan.build, number, scope)
        if converted != "v":
            lines.append(f"v = {converted}")
        if twin:  # a slot store: the twin's __setattr__ is object's
            store = f"o.{name} = {{}}"
        else:
            store = f"{_setter(cls, name, number, scope)}(o, {{}})"
        check = _check(plan, number, scope)
        if twin and not lines:  # msgspec set the value already
            put = []
        elif twin and lines == [f"v = {_ZERO}"]:  # the float is set again only if it is -0.0
            put = [f"if v == 0.0: v = 0.0; {store.format('v')}"]
        else:
            put = [*lines, store.format("v")]
        if plan.has_default or put or check is not None:
            code.append(f"    v = {read}")
        if plan.has_default:
            default = field.default
            if field.converter is not None:
                default = field.converter(default)  # type: ignore[operator]
            scope[f"d{number}"] = default
            code += ["    if v is UNSET:", f"        {store.format(f'd{number}')}"]
            if check is not None and not _passes(field, default):
                code.append(f"        val{number}(o, a{number}, d{number})")
            code += ["    else:", *(f"        {line}" for line in put), "        k += 1"]
            if check is not None:
                code.append(f"        {check}")
        else:
            required += 1
            code += [f"    {line}" for line in put]
            if check is not None:
                code.append(f"    {check}")
    if plain:
        code.append(f"    keys[0] += k + {required}")
        if twin:
            code.append("    o.__class__ = cls")
        if hasattr(cls, "__attrs_post_init__"):
            code.append("    o.__attrs_post_init__()")
        code.append("    return o")
    else:
        code += ["    keys[0] += len(kw)", "    return cls(**kw)"]
    namespace: dict[str, Any] = {}
    exec("\n".join(code), scope, namespace)  # noqa: S102 - code built from attrs field names only
    return typing.cast("Builder", namespace["build"])


_ZERO = "(0.0 if v == 0.0 else v)"


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
        return _ZERO  # -0.0 is stored as 0.0
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
    if kind == "id":  # known, or letters and digits alone (the pattern without its regex)
        return "v in K or (v.isalnum() and v.isascii() and len(v) <= 64)"
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


def _value_expression(plan: _Field, number: int, scope: dict[str, Any], *, inline: bool) -> str:
    """The expression that turns the mirror's value ``v`` into the field's (``inline``:
    a shared result looked up in place, a counted one with its key count)."""
    if plan.build is _text:
        scope["intern"] = _intern
        return f"(v if len(v) > {_INTERN_MAX} else intern(v))"
    if plan.build is None:
        return "v"
    members = getattr(plan.build, "__self__", None)
    if type(members) is dict:  # an enumeration's members by value
        scope[f"e{number}"] = members
        return f"e{number}[v]"
    if inline and isinstance(plan.build, _Shared):
        scope[f"c{number}"], scope[f"m{number}"] = plan.build.cache, plan.build.miss
        return f"(c{number}.get(v) or m{number}(v))"
    scope[f"b{number}"] = plan.build
    return f"b{number}(v)"


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
        _keys[0] = 1  # the schema key; the twins count theirs as msgspec makes them
        document: Any = self.decoder.decode(data)
        if document.schema != _SCHEMA_VERSION:
            return None
        scenario = typing.cast("Scenario", self.build(document))
        if data.count(b":") != _keys[0] and _keys_in(data) != _keys[0]:
            return None
        return scenario


def _keys_in(data: bytes) -> int:
    """The number of keys of every object in the text (each occurrence, repeated or not)."""
    count = [0]

    def pairs(items: list[tuple[str, Any]]) -> None:
        count[0] += len(items)

    json.loads(data, object_pairs_hook=pairs)
    return count[0]


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
