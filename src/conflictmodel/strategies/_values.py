"""Strategies for the value types: ids, texts, dates, periods, geometry, provenance."""

from __future__ import annotations

import datetime as dt
import operator
import string

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from conflictmodel._model._dates import PartialDate, Period, Precision
from conflictmodel._model._events import CoordinatePrecision, Coordinates, Fatalities
from conflictmodel._model._frozenmap import FrozenMap
from conflictmodel._model._geometry import Geometry, GeometryType
from conflictmodel._model._provenance import Origin, RowValue, Source
from conflictmodel._model._scenario import Meta

from ._lazy import check_date, check_size, check_strategy, lazy

__all__ = [
    "coordinates",
    "fatalities",
    "geometries",
    "ids",
    "metas",
    "origins",
    "partial_dates",
    "periods",
    "sources",
    "text_maps",
    "texts",
]

_ID_FIRST = string.ascii_lowercase + string.digits + string.ascii_uppercase
_ID_REST = _ID_FIRST + "._:-"


@lazy
def ids(*, max_size: int = 9) -> st.SearchStrategy[str]:
    """Well-formed ids of 1 to ``max_size`` (at most 64) characters: letters, digits,
    ``.``, ``_``, ``:`` and ``-``, starting with a letter or digit. Shrinks to ``"a"``."""
    check_size("max_size", max_size, 1, 64)
    return st.builds(operator.add, st.sampled_from(_ID_FIRST), st.text(_ID_REST, max_size=max_size - 1))


# Letters from the field's languages, so that code under test meets non-ASCII names.
_LETTERS = string.ascii_letters + string.digits + "éğüşçıöâ" + "إدلبحمص" + "Дамаск"
_TEXT_REST = _LETTERS + " -'.,()"


@lazy
def texts(*, max_size: int = 12) -> st.SearchStrategy[str]:
    """Non-blank text (names, titles) of 1 to ``max_size`` characters, with some
    Arabic, Turkish and Cyrillic letters, spaces and punctuation. Shrinks to ``"a"``."""
    check_size("max_size", max_size, 1)
    return st.builds(operator.add, st.sampled_from(_LETTERS), st.text(_TEXT_REST, max_size=max_size - 1))


@lazy
def text_maps(
    *, keys: st.SearchStrategy[str], values: st.SearchStrategy[str] | None = None, max_size: int = 2
) -> st.SearchStrategy[FrozenMap[str]]:
    """:class:`~conflictmodel.FrozenMap` objects (external ids, names by language) of
    ``keys`` to ``values`` (default: :func:`texts`). Shrinks to the empty map."""
    check_strategy("keys", keys, optional=False)
    check_strategy("values", values)
    check_size("max_size", max_size)
    return st.dictionaries(keys, texts(max_size=8) if values is None else values, max_size=max_size).map(FrozenMap)


def cut(day: dt.date, precision: Precision) -> PartialDate:
    """The date of ``day`` known only to ``precision``."""
    if precision is Precision.YEAR:
        return PartialDate(day.year)
    if precision is Precision.MONTH:
        return PartialDate(day.year, day.month)
    return PartialDate(day.year, day.month, day.day)


@lazy
def partial_dates(
    *,
    min_value: dt.date = dt.date(1946, 1, 1),
    max_value: dt.date = dt.date(2030, 12, 31),
    precisions: st.SearchStrategy[Precision] | None = None,
) -> st.SearchStrategy[PartialDate]:
    """Dates of year, month or day precision (drawn from ``precisions``, default any)
    around a day from ``min_value`` to ``max_value``. A coarse date may denote days
    outside the bounds (``2017`` for a bound in June 2017). Shrinks to a year: 2000
    when the bounds allow it (Hypothesis' dates shrink towards 1 January 2000), else the
    bound nearest to it."""
    check_date("min_value", min_value)
    check_date("max_value", max_value)
    check_strategy("precisions", precisions)
    if min_value > max_value:
        raise InvalidArgument(f"min_value={min_value} is after max_value={max_value}")
    return st.builds(
        cut, st.dates(min_value, max_value), st.sampled_from(Precision) if precisions is None else precisions
    )


def _order(start: PartialDate | None, end: PartialDate | None) -> Period:
    if start is not None and end is not None and end.latest < start.earliest:
        start, end = end, start
    return Period(start=start, end=end)


@lazy
def periods(
    *,
    dates: st.SearchStrategy[PartialDate] | None = None,
    open_start: bool = True,
    open_end: bool = True,
) -> st.SearchStrategy[Period]:
    """Valid periods of two ``dates`` (default :func:`partial_dates`), swapped when the
    second certainly comes first; a side may be open (``None``) when ``open_start`` /
    ``open_end`` allow. Bounds that merely might cross (``2017`` to ``2017-03``) are
    kept, as the model accepts them. Shrinks to the period open on both sides (or to
    one year when a side must be given)."""
    check_strategy("dates", dates)
    if not isinstance(open_start, bool) or not isinstance(open_end, bool):
        raise InvalidArgument(f"open_start={open_start!r} and open_end={open_end!r} must be booleans")
    bound = partial_dates() if dates is None else dates
    start = (st.none() | bound) if open_start else bound
    end = (st.none() | bound) if open_end else bound
    return st.builds(_order, start, end)


def _floats(low: float, high: float) -> st.SearchStrategy[float]:
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


def _positions() -> st.SearchStrategy[tuple[float, float]]:
    return st.tuples(_floats(-180, 180), _floats(-90, 90))


def _ring(points: list[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    return (*points, points[0])


@lazy
def geometries(*, types: st.SearchStrategy[GeometryType] | None = None) -> st.SearchStrategy[Geometry]:
    """GeoJSON geometries of every type (or of ``types``) with valid (lon, lat)
    positions and closed rings; not necessarily simple shapes. Shrinks to the point
    (0, 0)."""
    check_strategy("types", types)
    line = st.lists(_positions(), min_size=2, max_size=4).map(tuple)
    ring = st.lists(_positions(), min_size=3, max_size=4).map(_ring)
    polygon = st.lists(ring, min_size=1, max_size=2).map(tuple)
    coordinates = {
        GeometryType.POINT: _positions(),
        GeometryType.MULTI_POINT: st.lists(_positions(), min_size=1, max_size=3).map(tuple),
        GeometryType.LINE_STRING: line,
        GeometryType.MULTI_LINE_STRING: st.lists(line, min_size=1, max_size=2).map(tuple),
        GeometryType.POLYGON: polygon,
        GeometryType.MULTI_POLYGON: st.lists(polygon, min_size=1, max_size=2).map(tuple),
    }
    kinds = st.sampled_from(GeometryType) if types is None else types
    return kinds.flatmap(lambda kind: coordinates[kind].map(lambda c: Geometry(type=kind, coordinates=c)))  # type: ignore[arg-type]


@lazy
def coordinates(*, precisions: st.SearchStrategy[CoordinatePrecision] | None = None) -> st.SearchStrategy[Coordinates]:
    """WGS 84 points with a precision (from ``precisions``, default any). Shrinks to
    (0, 0), exact."""
    check_strategy("precisions", precisions)
    return st.builds(
        Coordinates,
        lat=_floats(-90, 90),
        lon=_floats(-180, 180),
        precision=st.sampled_from(CoordinatePrecision) if precisions is None else precisions,
    )


def _estimates(values: list[int], keep: tuple[bool, bool, bool]) -> Fatalities:
    low, best, high = sorted(values)
    return Fatalities(low=low if keep[0] else None, best=best if keep[1] else None, high=high if keep[2] else None)


@lazy
def fatalities(*, max_value: int = 5000) -> st.SearchStrategy[Fatalities]:
    """Fatality estimates up to ``max_value`` with ``low <= best <= high`` where known.
    Shrinks to all three unknown."""
    check_size("max_value", max_value)
    flags = st.tuples(st.booleans(), st.booleans(), st.booleans())
    return st.builds(_estimates, st.lists(st.integers(0, max_value), min_size=3, max_size=3), flags)


@lazy
def origins() -> st.SearchStrategy[Origin]:
    """Provenance of imported records, with a verbatim row of JSON scalars (any text,
    integers, floats, booleans, nulls). Shrinks to a dataset named ``"a"`` and an empty row."""
    scalars: st.SearchStrategy[RowValue] = (
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text()
    )
    return st.builds(
        Origin,
        dataset=texts(max_size=8),
        version=st.none() | texts(max_size=6),
        key=st.none() | texts(max_size=6),
        row=st.dictionaries(st.text(max_size=6), scalars, max_size=3).map(FrozenMap),
    )


@lazy
def sources(*, ids: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Source]:
    """Cited sources with an id from ``ids`` (default :func:`ids`). Shrinks to an id
    and a one-character title."""
    check_strategy("ids", ids)
    return st.builds(
        Source,
        id=_default_ids() if ids is None else ids,
        title=texts(),
        publisher=st.none() | texts(),
        date=st.none() | partial_dates(),
        locator=st.none() | texts(),
    )


def _default_ids() -> st.SearchStrategy[str]:
    return ids()


@lazy
def metas(*, refs: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Meta]:
    """Scenario metadata citing sources drawn from ``refs`` (default :func:`ids`).
    Shrinks to a one-character title and nothing else."""
    check_strategy("refs", refs)
    return st.builds(
        Meta,
        title=texts(),
        description=st.none() | texts(),
        as_of=st.none() | partial_dates(),
        sources=st.frozensets(_default_ids() if refs is None else refs, max_size=2),
    )
