"""The generated unstructuring functions give exactly the converter's plain data."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, find, given, settings
from test_jsonformat import RECORD_STRATEGIES

import conflictmodel as cm
from conflictmodel import strategies as cst
from conflictmodel._format import _converter
from conflictmodel._format._unstructure import unstructure_of


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)  # big scenarios; a busy machine
@given(cst.scenarios())
def test_to_dict_of_a_scenario_is_the_converters_data(scenario: cm.Scenario) -> None:
    expected = {"schema": "conflictmodel/1", **_converter.FAST.unstructure(scenario)}
    assert expected == cm.to_dict(scenario)


def test_every_record_class_unstructures_like_the_converter() -> None:
    for cls, strategy in RECORD_STRATEGIES.items():
        record: Any = find(strategy, lambda _: True)
        assert _converter.FAST.unstructure(record) == unstructure_of(cls)(record)


def test_to_dict_gives_fresh_containers_each_call() -> None:
    period = cm.Period.from_text("2017", "2018")
    first = cm.to_dict(period)
    first["start"] = "changed"
    assert {"start": "2017", "end": "2018"} == cm.to_dict(period)
    control = cm.Control(id="c", territory="t", controllers=("a",), period=period)
    data = cm.to_dict(control)
    data["period"]["end"] = "x"
    assert "2018" == cm.to_dict(control)["period"]["end"]


def test_value_types_unstructure_to_their_own_form() -> None:
    date, geometry = cm.PartialDate(2017, 11), cm.Geometry(type=cm.GeometryType.POINT, coordinates=(36.0, 35.0))
    period = cm.Period(start=date)
    assert ["2017-11", {"start": "2017-11"}, {"type": "Point", "coordinates": [36.0, 35.0]}] == [
        cm.to_dict(date),
        cm.to_dict(period),
        cm.to_dict(geometry),
    ]
    for value in (date, period, geometry):
        assert _converter.FAST.unstructure(value) == cm.to_dict(value)
