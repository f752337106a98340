"""Field rules shared by the model classes, as attrs validators and converters.

Each validator raises :class:`~conflictmodel.FieldError` naming the field and the value.
They are written for speed (``type(x) is str`` rather than ``isinstance``) because every
decoded object passes through them, and they refuse coercion: ``True`` is not an integer
and ``5`` is not a string.
"""

from __future__ import annotations

import enum
import json
import math
import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs

from ._dates import PartialDate, Period
from ._errors import FieldError
from ._frozenmap import FrozenMap

__all__ = [
    "EMPTY_MAP",
    "ID_PATTERN",
    "ID_SCHEMA",
    "KNOWN_IDS",
    "TEXT_SCHEMA",
    "accepts",
    "describe",
    "enum_set",
    "id_set",
    "id_tuple",
    "instance",
    "member_of",
    "number",
    "optional_id",
    "optional_int",
    "optional_text",
    "text",
    "text_map",
    "text_set",
    "text_tuple",
    "to_frozen_map",
    "to_number",
    "to_optional_number",
    "tuple_of",
    "type_only",
    "valid_id",
]

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]
V = TypeVar("V")

ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}"
_ID = re.compile(ID_PATTERN)
_ID_EXPECTED = "an id (1 to 64 letters, digits, '.', '_', '-' or ':', starting with a letter or digit)"
EMPTY_MAP: FrozenMap[Any] = FrozenMap()


def describe(constraint: dict[str, Any]) -> Callable[[Validator], Validator]:
    """Attach the JSON Schema keywords a validator enforces (read by the schema generator)."""

    def mark(validator: Validator) -> Validator:
        validator.json_constraint = constraint  # type: ignore[attr-defined]
        return validator

    return mark


def type_only(validator: Validator) -> Validator:
    """Mark a validator that checks only the Python type of the value (a decoder that
    already guarantees the type may skip it)."""
    validator.type_only = True  # type: ignore[attr-defined]
    return validator


def accepts(kind: str, *params: Any) -> Callable[[Validator], Validator]:
    """Attach a *sufficient* condition for the validator to pass, for a decoder that
    already guarantees the value's Python type (a ``str`` for an id field, a
    ``frozenset`` of ``str`` for an id set, a ``float`` for a number): the decoder may
    test the condition inline and call the validator only when it does not hold, so the
    validator stays the only judge of a refusal and the one source of its message. A
    marked validator judges the value alone, never the instance it is given: the decoder
    checks a recurring value once per field (with no instance) and keeps it as checked.

    The kinds (read by the fast decoder, ``conflictmodel._format._fast``): ``"id"`` (a
    member of :data:`KNOWN_IDS`), ``"ids"`` and ``"distinct_ids"`` (``min_size``; all
    members of :data:`KNOWN_IDS`, and distinct), ``"text"`` (not empty or blank),
    ``"texts"`` (each not empty or blank), ``"range"`` (``minimum``, ``maximum`` or
    ``None``, ``exclusive_minimum``), ``"at_least"`` (``minimum``), ``"started"`` (a
    period with a start), ``"empty"`` (an empty collection).
    """

    def mark(validator: Validator) -> Validator:
        validator.accepts = (kind, *params)  # type: ignore[attr-defined]
        return validator

    return mark


ID_SCHEMA: dict[str, Any] = {"$ref": "#/$defs/id"}
TEXT_SCHEMA: dict[str, Any] = {"type": "string", "pattern": r"\S"}


# Ids recur across records (every control names its territory and controllers), so the
# ids already found well-formed are remembered: a set lookup instead of a regex match.
_KNOWN_IDS: set[str] = set()
_KNOWN_IDS_LIMIT = 1 << 18
KNOWN_IDS = _KNOWN_IDS
"""Ids already found well-formed (bounded: cleared when full, never replaced)."""


def _check_id(field: str, value: object) -> None:
    if value in _KNOWN_IDS:
        return
    if type(value) is not str or _ID.fullmatch(value) is None:
        raise FieldError(field, value, _ID_EXPECTED)
    if len(_KNOWN_IDS) >= _KNOWN_IDS_LIMIT:
        _KNOWN_IDS.clear()
    _KNOWN_IDS.add(value)


# --- converters: they only normalise values of the right type, never coerce ---------
# (Interning of ids happens where data is decoded, in the converter module.)


def to_frozen_map(value: Mapping[str, str]) -> FrozenMap[str]:
    """Freeze a plain ``dict`` into a :class:`FrozenMap` (other values pass unchanged)."""
    if type(value) is dict:
        return FrozenMap(value) if value else EMPTY_MAP
    return value  # type: ignore[return-value] # a FrozenMap, or a wrong value for the validator


def to_number(value: float) -> float:
    """Store an integer given for a number field as ``float`` (lossless), and ``-0.0`` as
    ``0.0`` (equal numbers, so that equal records write equal text). An integer too large
    for a float becomes infinity, which the field's validator refuses by name."""
    if type(value) is int:
        try:
            return float(value)
        except OverflowError:
            return math.inf if value > 0 else -math.inf
    if type(value) is float and value == 0.0:
        return 0.0
    return value


def to_optional_number(value: float | None) -> float | None:
    """:func:`to_number` for an optional field."""
    return None if value is None else to_number(value)


# --- validators --------------------------------------------------------------------


@accepts("id")
@describe(ID_SCHEMA)
def valid_id(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A required, well-formed id."""
    _check_id(attribute.name, value)


@accepts("id")
@describe(ID_SCHEMA)
def optional_id(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A well-formed id or ``None``."""
    if value is not None:
        _check_id(attribute.name, value)


def _collection(kind: str, min_size: int, of: str) -> str:
    return f"{kind} of at least {min_size} {of}" if min_size else f"{kind} of {of}"


def id_set(*, min_size: int = 0) -> Validator:
    """A ``frozenset`` of ids."""
    expected = _collection("a frozenset", min_size, "ids")

    @accepts("ids", min_size)
    @describe({"items": ID_SCHEMA, "minItems": min_size})
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not frozenset or len(value) < min_size:
            raise FieldError(attribute.name, value, expected)
        for item in value:
            _check_id(attribute.name, item)

    return check


def id_tuple(*, min_size: int = 0) -> Validator:
    """A ``tuple`` of distinct ids, in a meaningful order."""
    expected = _collection("a tuple", min_size, "ids")

    @accepts("distinct_ids", min_size)
    @describe({"items": ID_SCHEMA, "minItems": min_size, "uniqueItems": True})
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not tuple or len(value) < min_size:
            raise FieldError(attribute.name, value, expected)
        for item in value:
            _check_id(attribute.name, item)
        if len(set(value)) != len(value):
            raise FieldError(attribute.name, value, "a tuple of distinct ids")

    return check


def _is_text(value: object) -> bool:
    return type(value) is str and not value.isspace() and value != ""


@accepts("text")
@describe(TEXT_SCHEMA)
def text(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A string that is not empty or blank."""
    if not _is_text(value):
        raise FieldError(attribute.name, value, "a non-empty string")


@accepts("text")
@describe(TEXT_SCHEMA)
def optional_text(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A non-empty string or ``None``."""
    if value is not None and not _is_text(value):
        raise FieldError(attribute.name, value, "a non-empty string or None")


@accepts("texts")
@describe({"items": TEXT_SCHEMA})
def text_set(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A ``frozenset`` of non-empty strings."""
    if type(value) is not frozenset or not all(map(_is_text, value)):
        raise FieldError(attribute.name, value, "a frozenset of non-empty strings")


@accepts("texts")
@describe({"items": TEXT_SCHEMA})
def text_tuple(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A ``tuple`` of non-empty strings."""
    if type(value) is not tuple or not all(map(_is_text, value)):
        raise FieldError(attribute.name, value, "a tuple of non-empty strings")


def text_map(*, key_pattern: str = r"[a-z][a-z0-9_]{0,31}") -> Validator:
    """A :class:`FrozenMap` of keys matching ``key_pattern`` to non-empty strings."""
    keys = re.compile(key_pattern)

    @accepts("empty")
    @describe({"propertyNames": {"pattern": f"^{key_pattern}$"}, "additionalProperties": TEXT_SCHEMA})
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not FrozenMap:
            raise FieldError(attribute.name, value, "a FrozenMap of strings")
        for key, item in value.items():
            if type(key) is not str or keys.fullmatch(key) is None:
                raise FieldError(attribute.name, key, f"a key matching {key_pattern}")
            if not _is_text(item):
                raise FieldError(f"{attribute.name}[{json.dumps(key)}]", item, "a non-empty string")

    return check


def member_of(enum_type: type[enum.Enum]) -> Validator:
    """A member of ``enum_type`` (not its value)."""
    expected = "one of " + ", ".join(f"{enum_type.__name__}.{m.name}" for m in enum_type)

    @type_only
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not enum_type:
            raise FieldError(attribute.name, value, expected)

    return check


def enum_set(enum_type: type[enum.Enum], *, min_size: int = 0) -> Validator:
    """A ``frozenset`` of ``enum_type`` members."""
    expected = _collection("a frozenset", min_size, f"{enum_type.__name__} members")

    @describe({"minItems": min_size})
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not frozenset or len(value) < min_size or any(type(v) is not enum_type for v in value):
            raise FieldError(attribute.name, value, expected)

    return type_only(check) if min_size == 0 else check


def optional_int(*, minimum: int = 0) -> Validator:
    """An integer at least ``minimum``, or ``None`` (``bool`` is refused)."""
    expected = f"an integer >= {minimum} or None"

    @accepts("at_least", minimum)
    @describe({"minimum": minimum})
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None and (type(value) is not int or value < minimum):
            raise FieldError(attribute.name, value, expected)

    return check


def number(
    *, minimum: float, maximum: float | None = None, exclusive_minimum: bool = False, optional: bool = False
) -> Validator:
    """A finite ``float`` in a range (use with :func:`to_number` to accept integers)."""
    low = f"> {minimum}" if exclusive_minimum else f">= {minimum}"
    high = "" if maximum is None else f" and <= {maximum}"
    expected = f"a finite number {low}{high}" + (" or None" if optional else "")
    bounds: dict[str, Any] = {"exclusiveMinimum" if exclusive_minimum else "minimum": minimum}
    if maximum is not None:
        bounds["maximum"] = maximum

    @accepts("range", minimum, maximum, exclusive_minimum)
    @describe(bounds)
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if (
            type(value) is not float
            or not math.isfinite(value)
            or value < minimum
            or (exclusive_minimum and value == minimum)
            or (maximum is not None and value > maximum)
        ):
            raise FieldError(attribute.name, value, expected)

    return check


def instance(cls: type[Any], *, optional: bool = False) -> Validator:
    """An instance of exactly ``cls`` (or ``None`` when ``optional``)."""
    expected = f"a {cls.__name__}" + (" or None" if optional else "")

    @type_only
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not cls and not (optional and value is None):
            raise FieldError(attribute.name, value, expected)

    return check


def tuple_of(item_type: type[Any], *, min_size: int = 0) -> Validator:
    """A ``tuple`` of ``item_type`` instances."""
    expected = _collection("a tuple", min_size, f"{item_type.__name__} objects")

    @describe({"minItems": min_size})
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not tuple or len(value) < min_size or any(type(v) is not item_type for v in value):
            raise FieldError(attribute.name, value, expected)

    return type_only(check) if min_size == 0 else check


partial_date = instance(PartialDate)
optional_partial_date = instance(PartialDate, optional=True)
optional_period = instance(Period, optional=True)


@accepts("started")
@describe({"required": ["start"]})
def started_period(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A :class:`Period` with a start date."""
    if type(value) is not Period:
        raise FieldError(attribute.name, value, "a Period")
    if value.start is None:
        raise FieldError(f"{attribute.name}.start", None, "a start date (this period needs one)")
