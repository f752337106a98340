"""Where facts come from: cited sources, and the origin of imported records."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from . import _fields as r
from ._dates import PartialDate
from ._errors import FieldError
from ._frozenmap import FrozenMap

__all__ = ["Origin", "Source"]

RowValue = str | int | float | bool | None


@attrs.frozen(kw_only=True)
class Source:
    """A document a fact comes from: report, dataset, treaty text, article.

    Model objects cite sources by id in their ``sources`` field.
    """

    id: str = attrs.field(validator=r.valid_id)
    title: str = attrs.field(validator=r.text)
    publisher: str | None = attrs.field(default=None, validator=r.optional_text)
    date: PartialDate | None = attrs.field(default=None, validator=r.optional_partial_date)
    locator: str | None = attrs.field(default=None, validator=r.optional_text)
    """A URL, DOI or citation that finds the document."""


_A_MAP = r.instance(FrozenMap)  # made once: making the check is dearer than running it
_ROW_TYPES = frozenset({str, int, float, bool, type(None)})
_KEY_TYPES = frozenset({str})


def _row_values(_: object, attribute: attrs.Attribute[Any], value: FrozenMap[Any]) -> None:
    _A_MAP(_, attribute, value)
    # The types of all keys and values at once, in C (a row has dozens of columns);
    # the loop below only runs to say which one is wrong.
    if _ROW_TYPES.issuperset(map(type, value.values())) and _KEY_TYPES.issuperset(map(type, value)):
        return
    for key, item in value.items():
        if type(key) is not str:
            raise FieldError(attribute.name, key, "a column name (str)")
        if item is not None and type(item) not in (str, int, float, bool):
            raise FieldError(f"{attribute.name}[{key!r}]", item, "a str, int, float, bool or None")


def to_row(value: Mapping[str, RowValue]) -> FrozenMap[RowValue]:
    """Freeze a plain ``dict`` row into a :class:`FrozenMap` (other values pass unchanged)."""
    if type(value) is dict:
        return FrozenMap(value)
    return value  # type: ignore[return-value] # a FrozenMap, or a wrong value for the validator


@attrs.frozen(kw_only=True)
class Origin:
    """The origin of an imported object: the dataset, its version, the record's own key
    there, and the source row verbatim (column -> value), so that renamed or unknown
    columns survive and releases can be compared."""

    dataset: str = attrs.field(validator=r.text)
    version: str | None = attrs.field(default=None, validator=r.optional_text)
    key: str | None = attrs.field(default=None, validator=r.optional_text)
    row: FrozenMap[RowValue] = attrs.field(default=r.EMPTY_MAP, converter=to_row, validator=_row_values)
