"""Dates known to a year, a month or a day, and inclusive periods between them.

Conflict data is often known only to the month or year (UCDP's ``date_prec``, ACLED's
``time_precision``). A :class:`PartialDate` stands for the whole span it may denote:
``2017-11`` is some day from 1 to 30 November 2017. Every question about such dates has
two exact readings, and this module answers both:

* **certainly**: true whichever day within the spans the facts turn out to be;
* **possibly**: true for at least one choice of days within the spans.

For a precise date both readings agree.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import sys
from collections.abc import Callable
from typing import Any, Self

import attrs

from ._errors import FieldError

__all__ = ["DayLike", "PartialDate", "Period", "Precision", "as_day"]

DayLike = dt.date | str
"""A day: a :class:`datetime.date` (a naive :class:`datetime.datetime` or
``pandas.Timestamp`` too) or ISO day text (``"2017-11-30"``); see :func:`as_day`, which
also reads a ``numpy.datetime64``."""


class Precision(enum.Enum):
    """How precisely a :class:`PartialDate` is known."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"


_MIN_YEAR = 1
_MAX_YEAR = 9999


def _check_int(field: str, value: object, low: int, high: int) -> None:
    if type(value) is not int or not low <= value <= high:
        raise FieldError(field, value, f"an integer from {low} to {high}")


@attrs.frozen(order=False, cache_hash=True)
class PartialDate:
    """A calendar date known to a year, a month or a day.

    Its text form is ISO 8601 reduced precision: ``2017``, ``2017-11``, ``2017-11-22``.

    >>> d = PartialDate.from_text("2017-11")
    >>> d.precision, d.earliest, d.latest
    (<Precision.MONTH: 'month'>, datetime.date(2017, 11, 1), datetime.date(2017, 11, 30))
    >>> str(d)
    '2017-11'
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __attrs_post_init__(self) -> None:
        _check_int("year", self.year, _MIN_YEAR, _MAX_YEAR)
        if self.month is not None:
            _check_int("month", self.month, 1, 12)
        if self.day is not None:
            if self.month is None:
                raise FieldError("day", self.day, "given without a month")
            last = calendar.monthrange(self.year, self.month)[1]
            _check_int("day", self.day, 1, last)

    @classmethod
    def from_text(cls, text: str) -> Self:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ``ValueError`` otherwise."""
        parts = text.split("-") if type(text) is str else ()
        widths = tuple(map(len, parts))
        if widths not in ((4,), (4, 2), (4, 2, 2)) or not all(p.isdigit() and p.isascii() for p in parts):
            raise FieldError("date", text, "a date as YYYY, YYYY-MM or YYYY-MM-DD")
        numbers = [int(p) for p in parts]
        try:
            return cls(*numbers)
        except FieldError:
            raise FieldError("date", text, "a valid date") from None

    @classmethod
    def from_date(cls, day: dt.date) -> Self:
        """The precise date of a :class:`datetime.date`."""
        return cls(day.year, day.month, day.day)

    @property
    def precision(self) -> Precision:
        """Whether the date is known to the year, the month or the day."""
        if self.day is not None:
            return Precision.DAY
        return Precision.YEAR if self.month is None else Precision.MONTH

    @property
    def earliest(self) -> dt.date:
        """The first day this date may denote."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        """The last day this date may denote."""
        if self.month is None:
            return dt.date(self.year, 12, 31)
        if self.day is None:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year, self.month, self.day)

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def sort_key(self) -> tuple[int, int, int]:
        """A key that orders dates by their earliest day, coarser dates first on ties."""
        return (self.year, self.month or 0, self.day or 0)


def as_day(day: DayLike) -> dt.date:
    """A :class:`datetime.date` from a day as users hold one; refuse anything else.

    Accepted: a :class:`datetime.date`; ISO day text (``"2017-11-30"``); a naive
    :class:`datetime.datetime` or ``pandas.Timestamp`` (its date: the time of day is
    dropped); a ``numpy.datetime64`` of day precision or finer (its date). Refused, with
    a :class:`FieldError` that says why: a month or a year, a missing value (``NaT``),
    and a timezone-aware datetime, whose calendar day depends on the zone one reads it
    in (``23:00`` in Damascus is the next day in UTC) -- convert it to the day you mean
    first, e.g. ``stamp.astimezone(zone).date()``.

    Neither pandas nor numpy is imported: a ``pandas.Timestamp`` is a
    :class:`datetime.datetime`, and a ``numpy.datetime64`` is recognised only when
    numpy is already loaded.
    """
    if isinstance(day, dt.date):
        if not isinstance(day, dt.datetime):
            return day
        if day.tzinfo is not None and day.utcoffset() is not None:
            raise FieldError("day", day, _AWARE)
        its_date = day.date()
        if type(its_date) is not dt.date:  # pandas.NaT is a datetime whose date is NaT
            raise FieldError("day", day, "a day (NaT is a missing value)")
        return its_date
    if type(day) is not str:
        return _numpy_day(day)
    date = PartialDate.from_text(day)
    if date.precision is not Precision.DAY:
        raise FieldError("day", day, "a full day (YYYY-MM-DD)")
    return date.earliest


_AWARE = (
    "a day: a timezone-aware datetime is an instant, whose day depends on the zone it is read in "
    "(give its date in the zone you mean, e.g. stamp.astimezone(zone).date())"
)
_COARSER_THAN_DAY = frozenset({"Y", "M", "W"})


def _numpy_day(day: object) -> dt.date:
    """The date of a ``numpy.datetime64``; a :class:`FieldError` for anything else."""
    numpy = sys.modules.get("numpy")
    if numpy is None or not isinstance(day, numpy.datetime64):
        raise FieldError("day", day, "a day (a datetime.date, or ISO text YYYY-MM-DD)")
    unit, _ = numpy.datetime_data(day.dtype)
    if numpy.isnat(day):
        raise FieldError("day", day, "a day (NaT is a missing value)")
    if unit in _COARSER_THAN_DAY or unit == "generic":
        raise FieldError("day", day, "a full day (a datetime64 of day precision or finer)")
    text = str(day.astype("datetime64[D]"))
    try:
        return dt.date.fromisoformat(text)
    except ValueError:  # beyond the years a datetime.date holds
        raise FieldError("day", day, "a day from year 1 to 9999") from None


def _partial_date_or_none(field: str) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    def check(_: object, __: attrs.Attribute[Any], value: object) -> None:
        if value is not None and type(value) is not PartialDate:
            raise FieldError(field, value, "a PartialDate or None")

    return check


@attrs.frozen
class Period:
    """An inclusive span from ``start`` to ``end``; ``None`` leaves that side open.

    An open start means the record claims no beginning (it holds since before anything
    recorded); an open end means it is ongoing. Both readings treat open sides as
    unbounded. A period that certainly ends before it starts is refused; one whose
    imprecise bounds merely might cross (``2017-11`` to ``2017-11-05``) is accepted.

    Containment of a day, for a period from ``s`` to ``e``:

    * certainly: ``certain_first <= day <= certain_last``, where ``certain_first`` is
      ``s.latest`` and ``certain_last`` is ``e.earliest``, each clipped by the fact that
      no reading starts after it ends;
    * possibly: ``s.earliest <= day <= e.latest``.

    Two periods certainly overlap when some day certainly lies in both, and possibly
    overlap when some day possibly lies in both.

    >>> p = Period(start=PartialDate.from_text("2017-05"), end=None)
    >>> p.possibly_contains("2017-05-01"), p.certainly_contains("2017-05-01")
    (True, False)
    """

    start: PartialDate | None = attrs.field(default=None, validator=_partial_date_or_none("start"))
    end: PartialDate | None = attrs.field(default=None, validator=_partial_date_or_none("end"))

    def __attrs_post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.end.latest < self.start.earliest:
            raise FieldError("end", str(self.end), f"on or after the start {self.start}")

    @classmethod
    def from_text(cls, start: str | None = None, end: str | None = None) -> Self:
        """A period from ISO texts of its bounds (``None`` for an open side)."""
        return cls(
            start=None if start is None else PartialDate.from_text(start),
            end=None if end is None else PartialDate.from_text(end),
        )

    @property
    def earliest(self) -> dt.date:
        """The first day the period may include (:attr:`datetime.date.min` when open)."""
        return dt.date.min if self.start is None else self.start.earliest

    @property
    def latest(self) -> dt.date:
        """The last day the period may include (:attr:`datetime.date.max` when open)."""
        return dt.date.max if self.end is None else self.end.latest

    @property
    def certain_first(self) -> dt.date:
        """The first day by which the period has begun in every reading of its bounds.

        A reading never puts the start after the end, so a start known to the month is
        certainly reached by an end day inside that month (``2017-11`` to
        ``2017-11-05`` has certainly begun by 5 November).
        """
        if self.start is None:
            return dt.date.min
        return self.start.latest if self.end is None else min(self.start.latest, self.end.latest)

    @property
    def certain_last(self) -> dt.date:
        """The last day until which the period lasts in every reading of its bounds."""
        if self.end is None:
            return dt.date.max
        return self.end.earliest if self.start is None else max(self.end.earliest, self.start.earliest)

    @property
    def is_certain_somewhere(self) -> bool:
        """Whether at least one day is certainly inside the period."""
        return self.certain_first <= self.certain_last

    def possibly_contains(self, day: DayLike) -> bool:
        """Whether ``day`` may lie in the period for some reading of imprecise bounds."""
        d = as_day(day)
        return self.earliest <= d <= self.latest

    def certainly_contains(self, day: DayLike) -> bool:
        """Whether ``day`` lies in the period for every reading of imprecise bounds."""
        d = as_day(day)
        return self.certain_first <= d <= self.certain_last

    def possibly_overlaps(self, other: Period) -> bool:
        """Whether some day may lie in both periods."""
        return max(self.earliest, other.earliest) <= min(self.latest, other.latest)

    def certainly_overlaps(self, other: Period) -> bool:
        """Whether one day lies in both periods in every reading of their bounds."""
        return max(self.certain_first, other.certain_first) <= min(self.certain_last, other.certain_last)

    def __str__(self) -> str:
        return f"{self.start or '..'}/{self.end or '..'}"


ALWAYS = Period()
"""The period open on both sides."""
