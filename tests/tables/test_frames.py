"""pandas DataFrames of a scenario: typed columns, and back again exactly."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings

import conflictmodel as cm
from conflictmodel import strategies as cst
from conflictmodel.tables import from_pandas, to_pandas


def test_columns_are_typed() -> None:
    frames = to_pandas(cm.syria_2017())
    controls = frames["controls"]
    assert isinstance(controls["status"].dtype, pd.CategoricalDtype)
    assert set(controls["status"].cat.categories) <= {"full", "partial", "contested", "besieged"}
    assert str(controls["period.start.earliest"].dtype).startswith("datetime64")
    assert not controls["status"].isna().any()
    events = frames["events"]
    assert isinstance(events["coordinates.precision"].dtype, pd.CategoricalDtype)
    assert len(events) == len(cm.syria_2017().events)


@settings(deadline=None, max_examples=50, suppress_health_check=[HealthCheck.too_slow])
@given(cst.scenarios())
def test_frames_round_trip_exactly(s: cm.Scenario) -> None:
    assert cm.dumps(s) == cm.dumps(from_pandas(to_pandas(s)))


def test_the_bundled_scenario_round_trips_through_frames() -> None:
    s = cm.syria_2017()
    assert s == from_pandas(to_pandas(s))
