"""The code the fast decoder (:mod:`._fast`) generates for each model class: a builder
that makes the object from its mirror struct, or the function that finishes a twin
msgspec made, with the class's validators inlined behind their sufficient conditions
and the values that recur checked once per field (:class:`._fastvalues._Checked`)."""

from __future__ import annotations

import keyword
import math
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs

from conflictmodel._model import _fields as r
from conflictmodel._model._frozenmap import FrozenMap
from conflictmodel._model._provenance import to_row

from ._fastvalues import (
    _FACTORY,
    _INTERN_MAX,
    Builder,
    _Checked,
    _date,
    _intern,
    _keys,
    _map,
    _RawShared,
    _Shared,
    _text,
    msgspec,
)


def _prefill(plans: list[_Field]) -> Callable[[Any], None]:
    """A function that fills the slots of a new twin's optional fields before msgspec
    reads its keys: with the field's default where it :attr:`~_Field.marks_absence`,
    else with ``UNSET``.

    msgspec gives a field the key did not set its default after asking whether the
    object has it: for an empty slot that question raises (and formats) an
    ``AttributeError`` inside CPython, which costs more than setting the slot first."""
    scope: dict[str, Any] = {"UNSET": msgspec.UNSET}
    code = ["def prefill(o):"]
    for number, plan in enumerate(plans):
        if plan.has_default:
            if plan.marks_absence:
                scope[f"d{number}"] = _default(plan.field)
                code.append(f"    o.{plan.field.name} = d{number}")
            else:
                code.append(f"    o.{plan.field.name} = UNSET")
    if len(code) == 1:
        return _nothing
    namespace: dict[str, Any] = {}
    exec("\n".join(code), scope, namespace)  # noqa: S102 - code built from attrs field names only
    return typing.cast("Callable[[Any], None]", namespace["prefill"])


def _default(field: attrs.Attribute[Any]) -> Any:
    """The value an optional field takes when its key is absent: its default, converted."""
    default = field.default
    if field.converter is not None:
        default = field.converter(default)  # type: ignore[operator]
    return default


def never_made(value: Any, mirror: Any) -> bool:
    """Whether msgspec, decoding a value of type ``mirror``, can never return ``value``
    itself: ``None`` (a typed mirror holds no null), or a set or a map (the mirror of a
    set is an array, of a map an object: a new tuple or dict each time). Enumeration
    members, empty tuples, small integers and booleans it can return, so they are not."""
    if value is None:
        return mirror is not typing.Any
    return type(value) in (frozenset, FrozenMap) and typing.get_origin(mirror) in (tuple, dict)


def _nothing(_: Any) -> None:
    return None


@attrs.frozen
class _Field:
    """How one attrs field is filled from its mirror."""

    field: attrs.Attribute[Any]
    build: Builder | None
    has_default: bool
    typed: bool = False
    """Whether the mirror guarantees the value's type (not a fallback to the converter)."""
    marks_absence: bool = False
    """For a twin's optional field: whether the slot of an absent key holds the field's
    default itself, told from a decoded value by identity (:func:`never_made`), so the
    finishing code does nothing for it; else the slot holds ``UNSET`` until then."""
    batched: bool = False
    """For a record's own ``id``: left unchecked by the finishing code, since the one who
    asks for the object checks it (a collection's at once, :func:`._fastvalues._ids_checked`)."""


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
        checked = plain and _checked(plan, number, scope)
        value = _found(number, _key(plan)) if checked else _value_expression(plan, number, scope, inline=plain)
        if not plain:
            target = f"kw[{(field.alias or name)!r}] = {value}"
            if plan.has_default:
                code += [f"    v = {read}", f"    if v is not UNSET: {target}"]
            else:
                code += [f"    v = {read}", f"    {target}"]
            continue
        # the statements that make the mirror's value ``v`` the field's
        lines = [] if value == "v" else [f"v = {value}"]
        counted = isinstance(plan.build, _Shared) and plan.build.counted
        if counted:
            lines += ["k += v[1]", "v = v[0]"]  # a shared result with the keys its input holds
        converted = _converted(field, "v", plan.build, number, scope)
        if converted != "v":
            lines.append(f"v = {converted}")
        # a twin's store is a slot store (its __setattr__ is object's)
        store = f"o.{name} = {{}}" if twin else f"{_setter(cls, name, number, scope)}(o, {{}})"
        check = None if plan.batched else _check(plan, number, scope)
        present_check = None if checked else check
        if twin and not lines:  # msgspec set the value already
            put = []
        elif twin and lines == [f"v = {_ZERO}"]:  # the float is set again only if it is -0.0
            put = [f"if v == 0.0: v = 0.0; {store.format('v')}"]
        elif checked:  # found checked (a counted value beside its key count): stored as found
            put = [f"v = {value}", "k += v[1]", store.format("v[0]")] if counted else [store.format(value)]
        else:
            put = [*lines, store.format("v")]
        if plan.has_default or put or check is not None:
            code.append(f"    v = {read}")
        if plan.has_default:
            default = _default(field)
            scope[f"d{number}"] = default
            checked_default = check is None or _passes(field, default)
            if twin and plan.marks_absence:  # the slot of an absent key holds the default already
                if checked_default:
                    code.append(f"    if v is not d{number}:")
                else:
                    code += [f"    if v is d{number}:", f"        val{number}(o, a{number}, d{number})", "    else:"]
            else:
                code += ["    if v is UNSET:", f"        {store.format(f'd{number}')}"]
                if not checked_default:
                    code.append(f"        val{number}(o, a{number}, d{number})")
                code.append("    else:")
            code += [*(f"        {line}" for line in put), "        k += 1"]
            if present_check is not None:
                code.append(f"        {present_check}")
        else:
            required += 1
            if checked and not counted:  # one statement: read, look up, store
                code[-1] = f"    {store.format(_found(number, read))}"
            else:
                code += [f"    {line}" for line in put]
            if present_check is not None:
                code.append(f"    {present_check}")
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


def _checked(plan: _Field, number: int, scope: dict[str, Any]) -> bool:
    """Whether the field's values are made and checked once per distinct input (a
    :class:`_Checked` put in ``scope`` as ``ok<number>``, read by :func:`_found`): values that recur
    (references, dates, shared values), no converter, and a validator that judges the
    value alone (one with an inline condition) or only its type (which the mirror
    guarantees)."""
    field, build = plan.field, plan.build
    validator = field.validator
    spec = getattr(validator, "accepts", None)
    if field.converter is not None or not plan.typed:
        return False
    if validator is not None and spec is None and not getattr(validator, "type_only", False):
        return False
    make: Builder
    if build is _text and spec is not None and spec[0] == "id":  # references; free text seldom recurs
        make = _text
    elif build is _date:
        make = _date
    elif isinstance(build, _Shared):
        make = build.entry
    else:
        return False
    judge = None if spec is None else validator
    counted = isinstance(build, _Shared) and build.counted
    checked = _Checked(make, judge, field, counted=counted)
    scope[f"ok{number}"], scope[f"okm{number}"] = checked.cache, checked.miss
    return True


def _found(number: int, key: str) -> str:
    """The expression of the checked value of ``key`` in field ``number``'s cache: a plain
    ``dict.get`` (a subscript of a dict subclass with ``__missing__`` goes through a
    Python-level slot, about 20 ns more a lookup), made and checked on a miss. Every
    value kept is true but an empty set or tuple, which is then merely made again."""
    return f"(ok{number}.get({key}) or okm{number}({key}))"


# the converters that pass a FrozenMap unchanged, left out after a builder that made one
_FROZEN_MAP_CONVERTERS = (r.to_frozen_map, to_row)


def _converted(
    field: attrs.Attribute[Any], value: str, build: Builder | None, number: int, scope: dict[str, Any]
) -> str:
    """The expression of ``value`` after the field's converter: the library's number
    converters inline (the mirror's ``float`` already holds an integer as a float), the map
    converter left out after a builder that makes a :class:`FrozenMap`."""
    converter: Any = field.converter
    if converter is None or (converter in _FROZEN_MAP_CONVERTERS and build is _map):
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
    if kind == "id":  # letters and digits alone (the pattern without its regex; isascii is O(1))
        return "v.isascii() and v.isalnum() and len(v) <= 64"
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
        return f"(c{number}.get({_key(plan)}) or m{number}({_key(plan)}))"
    scope[f"b{number}"] = plan.build
    return f"b{number}(v)"


def _key(plan: _Field) -> str:
    """The expression a cache of the field's values is looked up by: the mirror's value
    ``v``, or the bytes of a raw text (:class:`_RawShared`)."""
    return "bytes(v)" if isinstance(plan.build, _RawShared) else "v"


def _plain(name: str) -> bool:
    return name.isidentifier() and not keyword.iskeyword(name)
