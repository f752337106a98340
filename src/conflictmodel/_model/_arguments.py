"""The checks of the arguments of lookups and queries: what a bad argument raises.

Every check of a Python argument's type or value that a query or a lookup makes is one
of these, so that a bad argument always ends in :class:`ArgumentError` naming it, what
it accepts and what was given, never in whatever a dict lookup or a loop raises first
(``TypeError: unhashable type: 'list'``). The days of queries are checked by
:func:`~conflictmodel._model._dates.as_day` (a :class:`FieldError` naming ``day``).

The checks are cheap (an ``isinstance``), and the hot paths of point queries make them
only once a lookup has missed.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeVar

from ._errors import ArgumentError

__all__ = ["choice", "enum_member", "enum_members", "id_argument", "ids_argument", "iterable_argument", "optional_id"]

E = TypeVar("E", bound=enum.Enum)

ID = "an id (a str)"


def id_argument(value: object, argument: str) -> str:
    """``value`` if it is an id (a ``str``); else raise :class:`ArgumentError` naming
    ``argument``."""
    if isinstance(value, str):
        return value
    raise ArgumentError(argument, value, ID)


def optional_id(value: object, argument: str) -> str | None:
    """``value`` if it is ``None`` or an id; else raise :class:`ArgumentError`."""
    if value is None or isinstance(value, str):
        return value
    raise ArgumentError(argument, value, f"{ID} or None")


def iterable_argument(value: object, argument: str, expected: str) -> Iterator[Any]:
    """An iterator over ``value``, which must be an iterable other than text (one id
    given where several are expected is refused, not read letter by letter) or a
    mapping; else raise :class:`ArgumentError` saying it expected ``expected``."""
    if isinstance(value, Iterable) and not isinstance(value, (str, bytes, bytearray, Mapping)):
        return iter(value)
    raise ArgumentError(argument, value, expected)


def ids_argument(values: object, argument: str) -> list[str]:
    """The ids of an iterable of ids, in order; :class:`ArgumentError` for anything
    else or for an item that is not an id."""
    expected = "an iterable of ids (str)"
    found: list[str] = []
    for value in iterable_argument(values, argument, expected):
        if not isinstance(value, str):
            raise ArgumentError(argument, value, expected, item=True)
        found.append(value)
    return found


def choice(value: object, argument: str, allowed: tuple[str, ...]) -> str:
    """``value`` if it is one of the ``allowed`` words; else raise :class:`ArgumentError`
    listing them."""
    if isinstance(value, str) and value in allowed:
        return value
    listed = [repr(word) for word in allowed]
    expected = listed[0] if len(listed) == 1 else f"{', '.join(listed[:-1])} or {listed[-1]}"
    raise ArgumentError(argument, value, expected)


def enum_member(value: object, argument: str, kind: type[E]) -> E | None:
    """``value`` if it is ``None`` or a member of ``kind``; else :class:`ArgumentError`."""
    if value is None or isinstance(value, kind):
        return value
    raise ArgumentError(argument, value, f"a {kind.__name__} or None")


def enum_members(values: object, argument: str, kind: type[E]) -> frozenset[E]:
    """The members of ``kind`` in an iterable of them; :class:`ArgumentError` for
    anything else or for an item that is not a member."""
    expected = f"an iterable of {kind.__name__} members (cm.{kind.__name__}.…)"
    found: set[E] = set()
    for value in iterable_argument(values, argument, expected):
        if not isinstance(value, kind):
            raise ArgumentError(argument, value, expected, item=True)
        found.add(value)
    return frozenset(found)
