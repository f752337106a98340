"""The values of the fast decoder (:mod:`._fast`): how a value msgspec decoded becomes
the model's (interned texts, shared dates, periods, sets and small objects), and the
count of the keys the document's builders have seen."""

from __future__ import annotations

import enum
import operator
import re
import sys
import typing
from collections.abc import Callable
from typing import Any

import attrs

from conflictmodel._model._dates import PartialDate
from conflictmodel._model._fields import EMPTY_MAP, ID_PATTERN, valid_id
from conflictmodel._model._frozenmap import FrozenMap, adopted
from conflictmodel._model._geometry import Geometry

from . import _converter

try:  # pragma: no cover - exercised by whichever environment runs the tests
    import msgspec as msgspec  # noqa: PLC0414 - the one optional import, re-exported to the decoder's modules
except ImportError:  # pragma: no cover - the fast decoder is then off (``_fast.available``)
    msgspec = None  # type: ignore[assignment]

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
    return adopted(value) if value else EMPTY_MAP  # msgspec's new dict, no one else's


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


# A record's own id is unique, so no cache of checked values helps it; the twins of the
# record kinds leave it unchecked and their collection is checked at once: one regex over
# the ids joined by newlines, which no well-formed id holds (2 ms for 50,000 ids, where
# the inline test of each cost 15 ms in all at 100,000 records).
_ID_OF = operator.attrgetter("id")
# possessive (``*+``): the engine keeps no way back into each id it has passed, which a
# plain ``*`` keeps at about 135 bytes an id (6.7 MB of peak memory for 50,000 ids)
_IDS = re.compile(f"(?:{ID_PATTERN})(?:\n(?:{ID_PATTERN}))*+")


def _ids_checked(records: tuple[Any, ...]) -> tuple[Any, ...]:
    """``records`` (objects of twins that left their own ``id`` unchecked), their ids
    checked; when the joined ids fail, each id by its validator, which raises for the
    first bad one (a newline inside an id shows as one newline too many)."""
    if records:
        ids = list(map(_ID_OF, records))
        text = "\n".join(ids)
        if text.count("\n") != len(ids) - 1 or _IDS.fullmatch(text) is None:
            for record in records:
                _id_checked(record)
    return records


def _id_checked(record: Any) -> Any:
    """``record`` (of a twin that left its own ``id`` unchecked), its id checked."""
    valid_id(record, attrs.fields(type(record)).id, record.id)
    return record


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

    def entry(self, value: Any) -> Any:
        """The cached result of ``value`` as stored: with its key count if counted."""
        return self.cache.get(value) or self.miss(value)

    def __call__(self, value: Any) -> Any:
        found = self.entry(value)
        if self.counted:
            _keys[0] += found[1]
            return found[0]
        return found


class _Checked:
    """One field's model values by the input msgspec decoded: each made once and
    checked once by the field's validator, then found with one lookup in ``cache``
    (``cache.get(v) or miss(v)``). For fields whose values recur (references, dates,
    periods, id sets) and whose validator judges the value alone; a refusal raises, and
    the document goes to the reference path."""

    __slots__ = ("attribute", "cache", "counted", "make", "validator")

    def __init__(self, make: Builder, validator: Any, attribute: Any, *, counted: bool) -> None:
        self.cache: dict[Any, Any] = {}
        self.make, self.validator, self.attribute, self.counted = make, validator, attribute, counted

    def miss(self, value: Any) -> Any:
        """Make and check the value of a new input, and keep it."""
        found = self.make(value)
        if self.validator is not None:  # a counted result is (value, key count)
            self.validator(None, self.attribute, found[0] if self.counted else found)
        if len(self.cache) >= _CACHE_LIMIT:
            self.cache.clear()
        self.cache[value] = found
        return found


# one tuple per distinct sequence of texts (controllers recur record after record)
_SHARED_TEXTS = _Shared(_texts, counted=False)


def _set_builder(item: Builder | None, shared: bool) -> Builder:
    def build(value: tuple[Any, ...]) -> frozenset[Any]:
        result = frozenset(value if item is None else [item(v) for v in value])
        if len(result) != len(value):
            raise _RefusedError("repeated item in a set")
        return result

    return _Shared(build, counted=False) if shared else build


class _RawShared(_Shared):
    """A :class:`_Shared` whose input is a value's raw JSON text (a ``msgspec.Raw``),
    looked up by its bytes; a text not seen yet is decoded (strictly, into ``type_``)
    and handed to ``shared``, which keeps one result per distinct value.

    For a tuple of small shared objects (an event's actors): reading it as raw text
    makes one object where the typed decode makes the tuple and a struct and its texts
    per item, which then, being found in the cache, are freed at once (about half the
    time per value, measured)."""

    __slots__ = ()

    def __init__(self, type_: Any, shared: _Shared) -> None:
        decode = msgspec.json.Decoder(type_).decode
        super().__init__(lambda text: shared(decode(text)), counted=shared.counted)

    def entry(self, value: Any) -> Any:
        key = bytes(value)  # of a Raw, its text; of bytes, the same object
        return self.cache.get(key) or self.miss(key)


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
