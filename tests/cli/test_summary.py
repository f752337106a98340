"""The readable summary of a scenario."""

from __future__ import annotations

import datetime as dt

import conflictmodel as cm
from conflictmodel._cli._summary import summarize


def test_counts_kinds_and_date_span() -> None:
    scenario = cm.Scenario(
        meta=cm.Meta(title="t", as_of=cm.PartialDate(2017, 11, 30)),
        actors=(
            cm.Actor(id="a", name="A", kind=cm.ActorKind.STATE),
            cm.Actor(id="b", name="B", kind=cm.ActorKind.STATE),
            cm.Actor(id="c", name="C", kind=cm.ActorKind.MILITIA, active=cm.Period.from_text("2012-03", "2019")),
        ),
        events=(cm.Event(id="e", kind=cm.EventKind.BATTLE, date=cm.Period.from_text("2011")),),
    )
    summary = summarize(scenario)
    assert summary.counts["actors"] == 3
    assert summary.counts["controls"] == 0
    assert summary.kinds["actors"] == {"state": 2, "militia": 1}
    assert (summary.first, summary.last) == (dt.date(2011, 1, 1), dt.date(2019, 12, 31))
    lines = list(summary.lines())
    assert lines[:4] == ["t", "  as of 2017-11-30", "  dates from 2011-01-01 to 2019-12-31", "  4 records"]
    assert "    actors            3  (state 2, militia 1)" in lines


def test_empty_scenario_has_no_dates() -> None:
    summary = summarize(cm.Scenario(meta=cm.Meta(title="empty")))
    assert (summary.first, summary.last) == (None, None)
    assert list(summary.lines()) == ["empty", "  0 records"]
