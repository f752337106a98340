"""Days as users hold them: dates, naive datetimes, ISO text, pandas and numpy stamps;
timezone-aware instants and missing values refused with a reason."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import zoneinfo
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import conflictmodel as cm
from conflictmodel._model._dates import as_day

DAMASCUS = zoneinfo.ZoneInfo("Asia/Damascus")
days = st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))
times = st.times()


@given(day=days, time=times)
def test_every_form_of_a_day_is_the_same_day(day: dt.date, time: dt.time) -> None:
    moment = dt.datetime.combine(day, time)
    forms: list[Any] = [
        day,
        day.isoformat(),
        moment,
        np.datetime64(day.isoformat(), "D"),
        np.datetime64(moment.isoformat(), "us"),
        np.datetime64(moment.isoformat(), "s"),
    ]
    assert [day] * len(forms) == [as_day(form) for form in forms]


@given(day=st.dates(dt.date(1678, 1, 1), dt.date(2261, 12, 31)), time=times)
def test_a_pandas_timestamp_is_its_date(day: dt.date, time: dt.time) -> None:
    stamp = pd.Timestamp(dt.datetime.combine(day, time))
    assert day == as_day(stamp)
    assert day == as_day(stamp.to_datetime64())  # type: ignore[arg-type]  # DayLike does not name numpy types


def test_queries_accept_every_form() -> None:
    s = cm.syria_2017()
    expected = s.controllers_on("sy-idlib", "2017-11-30")
    for day in (dt.date(2017, 11, 30), pd.Timestamp("2017-11-30 18:00"), np.datetime64("2017-11-30")):
        assert expected == s.controllers_on("sy-idlib", day)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "aware",
    [
        dt.datetime(2017, 11, 30, 23, 0, tzinfo=dt.UTC),
        dt.datetime(2017, 11, 30, 1, 0, tzinfo=DAMASCUS),
        pd.Timestamp("2017-11-30 01:00", tz="Asia/Damascus"),
    ],
)
def test_an_aware_datetime_is_refused_with_the_reason(aware: dt.datetime) -> None:
    with pytest.raises(cm.FieldError) as caught:
        as_day(aware)
    assert "day" == caught.value.field
    assert caught.value.expected.startswith("a day: a timezone-aware datetime is an instant, whose day depends on")
    # the ambiguity the refusal avoids: the instant falls on different days in the two zones
    assert aware.astimezone(dt.UTC).date() != aware.astimezone(DAMASCUS).date()


def test_a_tzinfo_without_an_offset_is_naive() -> None:
    class NoOffset(dt.tzinfo):
        def utcoffset(self, _: dt.datetime | None) -> None:
            return None

        def dst(self, _: dt.datetime | None) -> None:
            return None

        def tzname(self, _: dt.datetime | None) -> str:
            return "nowhere"

    assert dt.date(2017, 1, 2) == as_day(dt.datetime(2017, 1, 2, 5, tzinfo=NoOffset()))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (pd.NaT, "a day (NaT is a missing value)"),
        (np.datetime64("NaT"), "a day (NaT is a missing value)"),
        (np.datetime64("NaT", "ns"), "a day (NaT is a missing value)"),
        (np.datetime64("2017-11"), "a full day (a datetime64 of day precision or finer)"),
        (np.datetime64("2017"), "a full day (a datetime64 of day precision or finer)"),
        (np.datetime64("2017-11-27", "W"), "a full day (a datetime64 of day precision or finer)"),
        (np.datetime64("12017-01-01"), "a day from year 1 to 9999"),
        (np.int64(20171130), "a day (a datetime.date, or ISO text YYYY-MM-DD)"),
        (np.str_("2017-11-30"), "a day (a datetime.date, or ISO text YYYY-MM-DD)"),
        (20171130, "a day (a datetime.date, or ISO text YYYY-MM-DD)"),
        ("2017-11", "a full day (YYYY-MM-DD)"),
    ],
)
def test_what_is_not_a_day_is_refused(value: object, expected: str) -> None:
    with pytest.raises(cm.FieldError) as caught:
        as_day(value)  # type: ignore[arg-type]
    assert ("day", expected) == (caught.value.field, caught.value.expected)


def test_reading_days_imports_neither_pandas_nor_numpy() -> None:
    script = (
        "import sys, datetime as dt, conflictmodel as cm\n"
        "s = cm.syria_2017()\n"
        "s.controllers_on('sy-idlib', dt.datetime(2017, 11, 30, 12))\n"
        "try:\n"
        "    s.controllers_on('sy-idlib', object())\n"
        "except cm.FieldError:\n"
        "    pass\n"
        "print(sorted({'numpy', 'pandas'} & set(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True).stdout
    assert "[]\n" == out
