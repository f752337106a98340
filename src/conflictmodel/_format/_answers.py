"""Converter hooks for the value types that only the answers of queries and rules use.

The records of a scenario hold partial dates, periods, enums, tuples, frozensets and
text maps, which the converter already handles. The answers of the queries and of
``validate`` (control states, partitions, camps, reports…) are attrs classes built from
the same value types plus a few more: plain days (:class:`datetime.date`), ``Literal``
options (a partition's ``weight``) and maps of numbers or of answers
(``Partition.by_actor``, ``Scenario.control_map``). The hooks here make those types part
of the format, generically, so that every attrs class built from the model's value types
round-trips through :func:`~conflictmodel.to_dict` and :func:`~conflictmodel.from_dict`
with no import of the layers that define them:

* a day is its ISO text (``"2017-11-30"``), read back strictly (a full day, text only);
* a ``Literal`` is its value, read back only when it is one of the listed values;
* a ``FrozenMap`` of anything but text is a JSON object whose values use their own
  hooks (a map whose type is not known, as returned by a query, unstructures each
  value by its own class).

The text a ``dumps`` of an answer writes is therefore plain JSON, identical with and
without :mod:`orjson`.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Callable
from typing import Any

import cattrs
from cattrs.errors import ClassValidationError, IterableValidationNote

from conflictmodel._model._errors import FieldError
from conflictmodel._model._frozenmap import FrozenMap

__all__ = ["register_answer_hooks"]

Hook = Callable[[Any, Any], Any]


def _day(value: Any, _: Any) -> dt.date:
    if type(value) is not str:
        raise FieldError("", value, "a day as text (YYYY-MM-DD)")
    try:
        if len(value) != 10:
            raise ValueError(value)  # noqa: TRY301 - one message for every malformed day
        return dt.date.fromisoformat(value)
    except ValueError:
        raise FieldError("", value, "a valid day (YYYY-MM-DD)") from None


def _day_text(value: dt.date) -> str:
    return value.isoformat()


def _is_literal(type_: Any) -> bool:
    return typing.get_origin(type_) is typing.Literal


def _literal_factory(type_: Any, _: cattrs.Converter) -> Hook:
    allowed = typing.get_args(type_)
    expected = "one of " + ", ".join(repr(item) for item in allowed)

    def structure(value: Any, _: Any) -> Any:
        # ``True == 1``: compare types too, so that no value is coerced into another.
        for item in allowed:
            if type(value) is type(item) and value == item:
                return item
        raise FieldError("", value, expected)

    return structure


def _is_value_map(type_: Any) -> bool:
    """A ``FrozenMap[X]`` whose values are not plain text (text maps keep their hook)."""
    if typing.get_origin(type_) is not FrozenMap:
        return False
    (item_type,) = typing.get_args(type_)
    return item_type not in (str, Any)


def _value_map_factory(type_: Any, converter: cattrs.Converter) -> Hook:
    (item_type,) = typing.get_args(type_)
    item_hook = converter.get_structure_hook(item_type)

    def structure(value: Any, _: Any) -> FrozenMap[Any]:
        if type(value) is not dict:
            raise FieldError("", value, "an object")
        items: dict[str, Any] = {}
        errors: list[Exception] = []
        for key, item in value.items():
            try:
                items[key] = item_hook(item, item_type)
            except Exception as exc:  # noqa: BLE001 - collected, reported under the key's path
                exc.__notes__ = [
                    *getattr(exc, "__notes__", []),
                    IterableValidationNote(f"@ key {key!r}", key, item_type),
                ]
                errors.append(exc)
        if errors:
            raise ClassValidationError("While structuring a mapping", errors, FrozenMap)
        return FrozenMap(items)

    return structure


def _value_map_unstructure_factory(type_: Any, converter: cattrs.Converter) -> Callable[[Any], dict[str, Any]]:
    (item_type,) = typing.get_args(type_)
    item_hook = converter.get_unstructure_hook(item_type)

    def unstructure(value: FrozenMap[Any]) -> dict[str, Any]:
        return {key: item_hook(item) for key, item in value.items()}

    return unstructure


def _any_map_unstructure(converter: cattrs.Converter) -> Callable[[Any], dict[str, Any]]:
    """A map whose declared type is unknown (a query's answer): each value by its class."""
    unstructure = converter.unstructure

    def unstructure_map(value: FrozenMap[Any]) -> dict[str, Any]:
        return {key: unstructure(item) for key, item in value.items()}

    return unstructure_map


def register_answer_hooks(converter: cattrs.Converter) -> None:
    """Teach ``converter`` the value types of the answers (after its own hooks, which
    these take precedence over only where they overlap: maps of non-text values)."""
    converter.register_structure_hook(dt.date, _day)
    converter.register_unstructure_hook(dt.date, _day_text)
    converter.register_structure_hook_factory(_is_literal, _literal_factory)
    converter.register_structure_hook_factory(_is_value_map, _value_map_factory)
    converter.register_unstructure_hook_factory(_is_value_map, _value_map_unstructure_factory)
    converter.register_unstructure_hook(FrozenMap, _any_map_unstructure(converter))
