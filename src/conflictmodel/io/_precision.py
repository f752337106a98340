"""How the datasets' precision codes become partial dates and periods.

A source that says "some day between ``start`` and ``end``" becomes a period whose
bounds are the coarsest calendar unit that still contains the window: both bounds the
same month when the window lies in one month, the same year when it lies in one year.
Such a period *possibly* contains every day of the window and *certainly* contains none
(see :class:`conflictmodel.Period`), which is exactly what the source knows. A window
over a year's end keeps the two years as bounds (the only case where the certain
reading claims a day: 31 December to 1 January).
"""

from __future__ import annotations

import datetime as dt

from conflictmodel._model._dates import PartialDate, Period, Precision

from ._builder import RowError

__all__ = ["at", "day", "window"]

_MONTHS = (
    {
        name: number
        for number, names in enumerate(
            (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun")),
            start=1,
        )
        for name in names
    }
    | {
        name: number
        for number, names in enumerate(
            (("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct")),
            start=7,
        )
        for name in names
    }
    | {"november": 11, "nov": 11, "december": 12, "dec": 12}
)


def day(text: str, column: str) -> dt.date:
    """A day from ``YYYY-MM-DD`` (an ISO time after it is ignored) or ``DD Month YYYY``
    (ACLED's older exports); a :class:`RowError` naming ``column`` otherwise.
    """
    value = text.strip()
    try:
        if len(value) >= 10 and value[4] == "-" and value[7] == "-":
            return dt.date.fromisoformat(value[:10])
        parts = value.split()
        if len(parts) == 3 and parts[1].lower() in _MONTHS:
            return dt.date(int(parts[2]), _MONTHS[parts[1].lower()], int(parts[0]))
    except ValueError:
        pass
    raise RowError(f"{text!r} is not a date (YYYY-MM-DD)", column)


def at(date: dt.date, precision: Precision) -> PartialDate:
    """``date`` cut to ``precision``."""
    if precision is Precision.DAY:
        return PartialDate(date.year, date.month, date.day)
    if precision is Precision.MONTH:
        return PartialDate(date.year, date.month)
    return PartialDate(date.year)


_ORDER = {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2}


def window(start: dt.date, end: dt.date, *, at_least: Precision = Precision.MONTH) -> Period:
    """The period for "some day from ``start`` to ``end``": both bounds cut to the
    coarsest of ``at_least`` and the unit the window needs (see the module docstring).
    """
    if end < start:
        raise RowError(f"the end {end} is before the start {start}")
    needed = Precision.DAY if start == end else Precision.MONTH
    if (start.year, start.month) != (end.year, end.month):
        needed = Precision.YEAR
    precision = max(needed, at_least, key=_ORDER.__getitem__)
    return Period(start=at(start, precision), end=at(end, precision))
