"""Partial dates and periods: parsing, spans, and the two readings of containment/overlap."""

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import conflictmodel as cm

D = dt.date


def pd(text: str) -> cm.PartialDate:
    return cm.PartialDate.from_text(text)


def period(start: str | None, end: str | None) -> cm.Period:
    return cm.Period.from_text(start, end)


# --- PartialDate.from_text ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017", cm.PartialDate(2017)),
        ("2017-11", cm.PartialDate(2017, 11)),
        ("2017-11-22", cm.PartialDate(2017, 11, 22)),
        ("2016-02-29", cm.PartialDate(2016, 2, 29)),
        ("2000-02-29", cm.PartialDate(2000, 2, 29)),
        ("0001", cm.PartialDate(1)),
        ("9999-12-31", cm.PartialDate(9999, 12, 31)),
    ],
)
def test_from_text_accepts_iso_reduced_precision(text: str, expected: cm.PartialDate) -> None:
    assert expected == pd(text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("2017-02-29", id="feb-29-non-leap"),
        pytest.param("1900-02-29", id="feb-29-century-non-leap"),
        pytest.param("2017-02-30", id="feb-30"),
        pytest.param("2017-11-31", id="nov-31"),
        pytest.param("2017-13", id="month-13"),
        pytest.param("2017-00", id="month-0"),
        pytest.param("2017-11-00", id="day-0"),
        pytest.param("0000", id="year-0"),
        pytest.param("17-11-01", id="two-digit-year"),
        pytest.param("2017-1-01", id="one-digit-month"),
        pytest.param("2017-11-1", id="one-digit-day"),
        pytest.param("20171101", id="basic-format"),
        pytest.param(" 2017", id="leading-space"),
        pytest.param("2017 ", id="trailing-space"),
        pytest.param("2017\n", id="trailing-newline"),
        pytest.param("\uff12\uff10\uff11\uff17", id="full-width-digits"),
        pytest.param("\u0662\u0660\u0661\u0667", id="arabic-indic-digits"),
        pytest.param("2017/11/01", id="slashes"),
        pytest.param("2017-11-22T10:00", id="with-time"),
        pytest.param("+2017", id="signed-year"),
        pytest.param("-2017", id="negative-year"),
        pytest.param("2017-", id="trailing-dash"),
        pytest.param("2017--11", id="double-dash"),
        pytest.param("2017-11-22-01", id="four-parts"),
        pytest.param("12017", id="five-digit-year"),
        pytest.param("", id="empty"),
    ],
)
def test_from_text_refuses_malformed_or_impossible_dates(text: str) -> None:
    with pytest.raises(cm.FieldError) as info:
        pd(text)
    assert info.value.field == "date"
    assert info.value.value == text


@pytest.mark.parametrize("value", [2017, 2017.0, None, b"2017", ["2017"], D(2017, 11, 1)])
def test_from_text_refuses_non_str_input(value: Any) -> None:
    with pytest.raises(cm.FieldError) as info:
        cm.PartialDate.from_text(value)
    assert info.value.field == "date"


def test_from_text_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="2017-13"):
        pd("2017-13")


# --- PartialDate construction -----------------------------------------------------


@pytest.mark.parametrize(
    ("args", "field"),
    [
        pytest.param((0,), "year", id="year-0"),
        pytest.param((10000,), "year", id="year-10000"),
        pytest.param((True,), "year", id="year-bool"),
        pytest.param(("2017",), "year", id="year-str"),
        pytest.param((2017.0,), "year", id="year-float"),
        pytest.param((2017, 0), "month", id="month-0"),
        pytest.param((2017, 13), "month", id="month-13"),
        pytest.param((2017, True), "month", id="month-bool"),
        pytest.param((2017, None, 5), "day", id="day-without-month"),
        pytest.param((2017, 2, 29), "day", id="feb-29-non-leap"),
        pytest.param((2017, 4, 31), "day", id="apr-31"),
        pytest.param((2017, 4, 0), "day", id="day-0"),
    ],
)
def test_partial_date_refuses_bad_parts(args: tuple[Any, ...], field: str) -> None:
    with pytest.raises(cm.FieldError) as info:
        cm.PartialDate(*args)
    assert info.value.field == field


def test_from_date_is_a_day_precision_date() -> None:
    assert cm.PartialDate(2017, 11, 30) == cm.PartialDate.from_date(D(2017, 11, 30))


# --- PartialDate spans --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "precision", "earliest", "latest"),
    [
        ("2017", cm.Precision.YEAR, D(2017, 1, 1), D(2017, 12, 31)),
        ("2016", cm.Precision.YEAR, D(2016, 1, 1), D(2016, 12, 31)),
        ("2017-11", cm.Precision.MONTH, D(2017, 11, 1), D(2017, 11, 30)),
        ("2017-02", cm.Precision.MONTH, D(2017, 2, 1), D(2017, 2, 28)),
        ("2016-02", cm.Precision.MONTH, D(2016, 2, 1), D(2016, 2, 29)),
        ("2000-02", cm.Precision.MONTH, D(2000, 2, 1), D(2000, 2, 29)),
        ("1900-02", cm.Precision.MONTH, D(1900, 2, 1), D(1900, 2, 28)),
        ("2017-12", cm.Precision.MONTH, D(2017, 12, 1), D(2017, 12, 31)),
        ("2017-01", cm.Precision.MONTH, D(2017, 1, 1), D(2017, 1, 31)),
        ("2017-11-22", cm.Precision.DAY, D(2017, 11, 22), D(2017, 11, 22)),
        ("2016-02-29", cm.Precision.DAY, D(2016, 2, 29), D(2016, 2, 29)),
        ("9999", cm.Precision.YEAR, D(9999, 1, 1), D(9999, 12, 31)),
    ],
)
def test_partial_date_span_and_precision(text: str, precision: cm.Precision, earliest: D, latest: D) -> None:
    date = pd(text)
    assert (precision, earliest, latest) == (date.precision, date.earliest, date.latest)


@pytest.mark.parametrize("text", ["2017", "2017-11", "2017-11-22", "0042", "0042-01-05", "2016-02-29"])
def test_str_round_trips_the_text_form(text: str) -> None:
    assert text == str(pd(text))


def test_str_pads_small_years_to_four_digits() -> None:
    assert "0042-01-05" == str(cm.PartialDate(42, 1, 5))


def test_partial_dates_are_frozen_and_hashable() -> None:
    assert len({pd("2017-11"), pd("2017-11"), cm.PartialDate(2017, 11)}) == 1
    with pytest.raises(AttributeError):
        pd("2017").year = 2018  # type: ignore[misc]


# --- Period construction ------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end"),
    [
        pytest.param("2017-11-06", "2017-11-05", id="day-before-day"),
        pytest.param("2017-12", "2017-11", id="month-before-month"),
        pytest.param("2018", "2017", id="year-before-year"),
        pytest.param("2018", "2017-12-31", id="day-before-year"),
        pytest.param("2017-12-01", "2017-11", id="month-before-day"),
        pytest.param("2017-11", "2017-10-31", id="day-just-before-month"),
    ],
)
def test_period_refuses_end_certainly_before_start(start: str, end: str) -> None:
    with pytest.raises(cm.FieldError) as info:
        period(start, end)
    assert info.value.field == "end"


@pytest.mark.parametrize(
    ("start", "end"),
    [
        pytest.param("2017-11-05", "2017-11-05", id="same-day"),
        pytest.param("2017-11", "2017-11-05", id="month-start-day-end-inside"),
        pytest.param("2017-11-30", "2017-11", id="day-start-month-end-inside"),
        pytest.param("2017", "2017-01-01", id="year-start-first-day-end"),
        pytest.param("2017-12-31", "2017", id="last-day-start-year-end"),
        pytest.param("2017", "2017", id="same-year"),
        pytest.param("2017-11", "2017-11", id="same-month"),
    ],
)
def test_period_accepts_imprecise_bounds_that_might_cross(start: str, end: str) -> None:
    p = period(start, end)
    assert (start, end) == (str(p.start), str(p.end))


def test_period_open_ends() -> None:
    assert (None, None) == (cm.Period().start, cm.Period().end)
    assert pd("2017") == cm.Period(start=pd("2017")).start
    assert cm.Period(end=pd("2017")).start is None


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        pytest.param({"start": "2017"}, "start", id="start-text"),
        pytest.param({"end": D(2017, 1, 1)}, "end", id="end-date"),
        pytest.param({"start": 2017}, "start", id="start-int"),
    ],
)
def test_period_refuses_bounds_that_are_not_partial_dates(kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(cm.FieldError) as info:
        cm.Period(**kwargs)
    assert info.value.field == field


def test_period_str_uses_dots_for_open_sides() -> None:
    assert ["2017-11/..", "../2017", "../..", "2017/2018-01-05"] == [
        str(period("2017-11", None)),
        str(period(None, "2017")),
        str(cm.Period()),
        str(period("2017", "2018-01-05")),
    ]


# --- containment ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "day", "possibly", "certainly"),
    [
        # month precision on both sides: possibly Nov 1 .. Dec 31, certainly Nov 30 .. Dec 1
        ("2017-11", "2017-12", "2017-10-31", False, False),
        ("2017-11", "2017-12", "2017-11-01", True, False),
        ("2017-11", "2017-12", "2017-11-29", True, False),
        ("2017-11", "2017-12", "2017-11-30", True, True),
        ("2017-11", "2017-12", "2017-12-01", True, True),
        ("2017-11", "2017-12", "2017-12-02", True, False),
        ("2017-11", "2017-12", "2017-12-31", True, False),
        ("2017-11", "2017-12", "2018-01-01", False, False),
        # year precision: possibly all of 2016-2017, certainly Dec 31 2016 .. Jan 1 2017
        ("2016", "2017", "2015-12-31", False, False),
        ("2016", "2017", "2016-01-01", True, False),
        ("2016", "2017", "2016-12-30", True, False),
        ("2016", "2017", "2016-12-31", True, True),
        ("2016", "2017", "2017-01-01", True, True),
        ("2016", "2017", "2017-01-02", True, False),
        ("2016", "2017", "2017-12-31", True, False),
        ("2016", "2017", "2018-01-01", False, False),
        # one year on both sides: nothing is certain
        ("2017", "2017", "2017-07-01", True, False),
        # February of a leap year as an end
        ("2016-01-15", "2016-02", "2016-02-01", True, True),
        ("2016-01-15", "2016-02", "2016-02-02", True, False),
        ("2016-01-15", "2016-02", "2016-02-29", True, False),
        ("2016-01-15", "2016-02", "2016-03-01", False, False),
        # precise days: both readings agree, both ends inclusive
        ("2017-11-05", "2017-11-07", "2017-11-04", False, False),
        ("2017-11-05", "2017-11-07", "2017-11-05", True, True),
        ("2017-11-05", "2017-11-07", "2017-11-07", True, True),
        ("2017-11-05", "2017-11-07", "2017-11-08", False, False),
        # open start: unbounded in the past
        (None, "2017-11", "0001-01-01", True, True),
        (None, "2017-11", "2017-11-01", True, True),
        (None, "2017-11", "2017-11-02", True, False),
        (None, "2017-11", "2017-11-30", True, False),
        (None, "2017-11", "2017-12-01", False, False),
        # open end: ongoing
        ("2017-11", None, "2017-10-31", False, False),
        ("2017-11", None, "2017-11-01", True, False),
        ("2017-11", None, "2017-11-30", True, True),
        ("2017-11", None, "9999-12-31", True, True),
        # open on both sides
        (None, None, "0001-01-01", True, True),
        (None, None, "9999-12-31", True, True),
    ],
)
def test_possibly_and_certainly_contains(
    start: str | None, end: str | None, day: str, possibly: bool, certainly: bool
) -> None:
    p = period(start, end)
    assert (possibly, certainly) == (p.possibly_contains(day), p.certainly_contains(day))


def test_contains_accepts_datetime_date_and_iso_day_text_alike() -> None:
    p = period("2017-11", "2017-12")
    assert p.possibly_contains(D(2017, 11, 1)) == p.possibly_contains("2017-11-01")
    assert p.certainly_contains(D(2017, 11, 30)) == p.certainly_contains("2017-11-30")
    assert p.possibly_contains(D(2017, 11, 1))
    assert p.certainly_contains(D(2017, 11, 30))


@pytest.mark.parametrize(
    "day",
    [
        pytest.param(dt.datetime(2017, 11, 1, tzinfo=dt.UTC), id="aware-datetime"),
        pytest.param("2017-11", id="month-text"),
        pytest.param("2017", id="year-text"),
        pytest.param("2017-11-31", id="impossible-day"),
        pytest.param("2017-11-01T00:00", id="datetime-text"),
        pytest.param(20171101, id="int"),
        pytest.param(None, id="none"),
    ],
)
def test_contains_refuses_anything_but_a_day(day: Any) -> None:
    p = cm.Period()
    with pytest.raises(cm.FieldError):
        p.possibly_contains(day)
    with pytest.raises(cm.FieldError):
        p.certainly_contains(day)


def test_refused_datetime_names_the_day_field() -> None:
    with pytest.raises(cm.FieldError) as info:
        cm.Period().possibly_contains(dt.datetime(2017, 11, 1, tzinfo=dt.UTC))
    assert info.value.field == "day"


def test_refused_month_text_names_the_day_field() -> None:
    with pytest.raises(cm.FieldError) as info:
        cm.Period().certainly_contains("2017-11")
    assert info.value.field == "day"


@pytest.mark.parametrize(
    ("bounds", "expected"),
    [
        (("2017-11", "2017-12"), (D(2017, 11, 1), D(2017, 12, 31), D(2017, 11, 30), D(2017, 12, 1))),
        ((None, "2017"), (D.min, D(2017, 12, 31), D.min, D(2017, 1, 1))),
        (("2017", None), (D(2017, 1, 1), D.max, D(2017, 12, 31), D.max)),
        ((None, None), (D.min, D.max, D.min, D.max)),
    ],
)
def test_period_bounds(bounds: tuple[str | None, str | None], expected: tuple[D, D, D, D]) -> None:
    p = period(*bounds)
    assert expected == (p.earliest, p.latest, p.certain_first, p.certain_last)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2017", "2017", False),
        ("2017-11", "2017-11", False),
        ("2017-11", "2017-12", True),
        ("2017-11-05", "2017-11-05", True),
        ("2017-11", "2017-11-05", True),  # no reading starts after 5 November
        (None, None, True),
    ],
)
def test_is_certain_somewhere(start: str | None, end: str | None, expected: bool) -> None:
    assert expected == period(start, end).is_certain_somewhere


# --- overlap -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "possibly", "certainly"),
    [
        pytest.param(("2017-01-01", "2017-06-30"), ("2017-06-30", "2017-12-31"), True, True, id="days-touch"),
        pytest.param(("2017-01-01", "2017-06-29"), ("2017-06-30", "2017-12-31"), False, False, id="days-adjacent"),
        pytest.param(("2017-01", "2017-06"), ("2017-06", "2017-12"), True, False, id="months-share-a-month"),
        pytest.param(("2017-01", "2017-05"), ("2017-06", "2017-12"), False, False, id="months-adjacent"),
        pytest.param(("2017-01", "2017-06"), ("2017-06-15", "2017-12"), True, False, id="month-end-vs-day-start"),
        pytest.param(("2017-01", "2017-07"), ("2017-05", "2017-12"), True, True, id="months-certain-overlap"),
        pytest.param(("2016", "2017"), ("2017", "2018"), True, False, id="years-share-a-year"),
        pytest.param(("2016", "2016"), ("2017", "2017"), False, False, id="years-adjacent"),
        pytest.param((None, "2017-01"), ("2017-01", None), True, False, id="open-sides-share-a-month"),
        pytest.param((None, "2017-02"), ("2017-01", None), True, True, id="open-sides-cross"),
        pytest.param((None, "2016"), ("2017", None), False, False, id="open-sides-apart"),
        pytest.param((None, None), ("2017", "2017"), True, False, id="always-vs-uncertain"),
        pytest.param((None, None), ("2017-11", "2017-12"), True, True, id="always-vs-certain"),
        pytest.param((None, None), (None, None), True, True, id="always-vs-always"),
        pytest.param(("2017-11-05", "2017-11-05"), ("2017-11", "2017-11"), True, False, id="day-in-month"),
        pytest.param(("2017-11-30", "2017-11-30"), ("2017-11", "2017-12"), True, True, id="day-certainly-inside"),
    ],
)
def test_possibly_and_certainly_overlaps(
    a: tuple[str | None, str | None], b: tuple[str | None, str | None], possibly: bool, certainly: bool
) -> None:
    pa, pb = period(*a), period(*b)
    assert (possibly, certainly) == (pa.possibly_overlaps(pb), pa.certainly_overlaps(pb))
    assert (possibly, certainly) == (pb.possibly_overlaps(pa), pb.certainly_overlaps(pa))


# --- property tests ------------------------------------------------------------------


@st.composite
def partial_dates(draw: st.DrawFn, min_year: int = 1, max_year: int = 9999) -> cm.PartialDate:
    day = draw(st.dates(D(min_year, 1, 1), D(max_year, 12, 31)))
    precision = draw(st.sampled_from(cm.Precision))
    if precision is cm.Precision.YEAR:
        return cm.PartialDate(day.year)
    if precision is cm.Precision.MONTH:
        return cm.PartialDate(day.year, day.month)
    return cm.PartialDate.from_date(day)


SMALL_FIRST, SMALL_LAST = D(2016, 1, 1), D(2017, 12, 31)
"""Bounds of the small periods the brute-force references enumerate."""


def small_dates() -> st.SearchStrategy[cm.PartialDate]:
    return partial_dates(min_year=2016, max_year=2017)


@st.composite
def small_periods(draw: st.DrawFn) -> cm.Period:
    start = draw(st.none() | small_dates())
    end = draw(st.none() | small_dates())
    if start is not None and end is not None and end.latest < start.earliest:
        start, end = end, start  # swapping a pair that certainly crosses always uncrosses it
    return cm.Period(start=start, end=end)


def small_days() -> st.SearchStrategy[D]:
    return st.dates(SMALL_FIRST - dt.timedelta(days=3), SMALL_LAST + dt.timedelta(days=3))


def days_between(first: D, last: D) -> Iterator[D]:
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


def span(date: cm.PartialDate) -> list[D]:
    """Every concrete day a partial date may denote, enumerated from its parts."""
    if date.day is not None:
        return [D(date.year, date.month or 1, date.day)]
    months = [date.month] if date.month is not None else list(range(1, 13))
    out = []
    for month in months:
        day = D(date.year, month, 1)
        while day.month == month:
            out.append(day)
            day += dt.timedelta(days=1)
    return out


def readings(p: cm.Period) -> tuple[list[D | None], list[D | None]]:
    """The start days and end days of a period's readings: days within each bound's span
    that some reading uses, a reading never starting after it ends (``None``: open)."""
    starts: list[D | None] = [None] if p.start is None else list(span(p.start))
    ends: list[D | None] = [None] if p.end is None else list(span(p.end))
    last_end = None if p.end is None else max(ends)  # type: ignore[type-var]
    first_start = None if p.start is None else min(starts)  # type: ignore[type-var]
    starts = [s for s in starts if s is None or last_end is None or s <= last_end]
    ends = [e for e in ends if e is None or first_start is None or e >= first_start]
    return starts, ends


def reference_possibly_contains(p: cm.Period, day: D) -> bool:
    """Some reading (a start day and an end day within the bounds' spans, the start not
    after the end) has ``start <= day <= end``; an open side always has such a day."""
    starts, ends = readings(p)
    starts_ok = any(s is None or s <= day for s in starts)
    ends_ok = any(e is None or day <= e for e in ends)
    return starts_ok and ends_ok


def reference_certainly_contains(p: cm.Period, day: D) -> bool:
    """Every reading has ``start <= day <= end`` (the documented reading)."""
    starts, ends = readings(p)
    return all(s is None or s <= day for s in starts) and all(e is None or day <= e for e in ends)


WINDOW = list(days_between(SMALL_FIRST - dt.timedelta(days=1), SMALL_LAST + dt.timedelta(days=1)))
"""Every day that matters for periods of small dates (one margin day each side)."""


def test_span_helper_enumerates_every_day() -> None:
    assert [29, 28, 31, 366, 365, 1] == [
        len(span(pd("2016-02"))),
        len(span(pd("2017-02"))),
        len(span(pd("2017-12"))),
        len(span(pd("2016"))),
        len(span(pd("2017"))),
        len(span(pd("2017-11-22"))),
    ]
    assert [D(2017, 12, 1), D(2017, 12, 31)] == [span(pd("2017-12"))[0], span(pd("2017-12"))[-1]]


def test_reference_helpers_on_a_known_case() -> None:
    p = period("2017-11", "2017-12")
    assert [False, True, True, False] == [
        reference_possibly_contains(p, d)
        for d in map(D.fromisoformat, ("2017-10-31", "2017-11-01", "2017-12-31", "2018-01-01"))
    ]
    assert [False, True, True, False] == [
        reference_certainly_contains(p, d)
        for d in map(D.fromisoformat, ("2017-11-29", "2017-11-30", "2017-12-01", "2017-12-02"))
    ]


def test_window_covers_the_small_dates_with_a_margin() -> None:
    assert (D(2015, 12, 31), D(2018, 1, 1), 733) == (WINDOW[0], WINDOW[-1], len(WINDOW))


@given(partial_dates())
def test_text_form_round_trips(date: cm.PartialDate) -> None:
    assert date == cm.PartialDate.from_text(str(date))


@given(partial_dates())
def test_earliest_is_not_after_latest(date: cm.PartialDate) -> None:
    assert date.earliest <= date.latest


@given(partial_dates())
def test_precision_matches_the_span(date: cm.PartialDate) -> None:
    length = (date.latest - date.earliest).days + 1
    expected = {cm.Precision.DAY: {1}, cm.Precision.MONTH: {28, 29, 30, 31}, cm.Precision.YEAR: {365, 366}}
    assert length in expected[date.precision]


@given(small_periods(), small_days())
def test_certainly_contains_implies_possibly_contains(p: cm.Period, day: D) -> None:
    assert not p.certainly_contains(day) or p.possibly_contains(day)


@given(small_periods(), small_days())
def test_possibly_contains_matches_brute_force(p: cm.Period, day: D) -> None:
    assert reference_possibly_contains(p, day) == p.possibly_contains(day)


@given(small_periods(), small_days())
def test_certainly_contains_matches_brute_force(p: cm.Period, day: D) -> None:
    assert reference_certainly_contains(p, day) == p.certainly_contains(day)


@given(small_periods(), small_periods())
def test_certainly_overlaps_implies_possibly_overlaps(a: cm.Period, b: cm.Period) -> None:
    assert not a.certainly_overlaps(b) or a.possibly_overlaps(b)


@given(small_periods(), small_periods())
def test_overlaps_are_symmetric(a: cm.Period, b: cm.Period) -> None:
    assert (a.possibly_overlaps(b), a.certainly_overlaps(b)) == (b.possibly_overlaps(a), b.certainly_overlaps(a))


@given(small_periods(), small_periods())
def test_possibly_overlaps_means_some_day_possibly_in_both(a: cm.Period, b: cm.Period) -> None:
    expected = any(a.possibly_contains(d) and b.possibly_contains(d) for d in WINDOW)
    assert expected == a.possibly_overlaps(b)


@given(small_periods(), small_periods())
def test_certainly_overlaps_means_some_day_certainly_in_both(a: cm.Period, b: cm.Period) -> None:
    expected = any(a.certainly_contains(d) and b.certainly_contains(d) for d in WINDOW)
    assert expected == a.certainly_overlaps(b)


@given(small_periods())
def test_a_period_possibly_overlaps_itself(p: cm.Period) -> None:
    assert p.possibly_overlaps(p)
    assert p.is_certain_somewhere == p.certainly_overlaps(p)
