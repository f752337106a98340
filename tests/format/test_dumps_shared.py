"""``dumps`` writes the text of the shared data (each recurring value object's data made
once per call) and, when no float below 1e-4 can be in it, lets orjson write it without
the search for floats orjson writes differently: the text must be the standard library's
text of ``to_dict``, always."""

from __future__ import annotations

import threading
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import conflictmodel as cm
from conflictmodel import strategies as cst
from conflictmodel._format import _jsonformat
from conflictmodel._format._unstructure import shared_data

PERIOD = cm.Period.from_text("2017", "2018")


def reference(obj: Any) -> str:
    """The canonical text written by the standard library from fresh data."""
    return _jsonformat._encode_stdlib(cm.to_dict(obj))


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)  # big scenarios; a busy machine
@given(cst.scenarios())
def test_dumps_of_a_scenario_is_the_standard_librarys_text(scenario: cm.Scenario) -> None:
    assert reference(scenario) == cm.dumps(scenario)
    assert reference(scenario) == cm.dumps(cm.loads(cm.dumps(scenario)))  # shared values
    assert reference(scenario).encode("utf-8") == cm.dumpb(scenario)


tiny = st.one_of(
    st.sampled_from([1e-05, -3e-07, 9.99e-05, 1e-4, 5e-324, 0.5]),
    st.floats(min_value=-1e-3, max_value=1e-3, allow_nan=False),
)


def _event(lat: float, lon: float) -> cm.Event:
    coordinates = cm.Coordinates(lat=lat, lon=lon)
    return cm.Event(id="e", kind=cm.EventKind.BATTLE, date=PERIOD, coordinates=coordinates)


@given(lat=tiny, lon=tiny, share=tiny.filter(lambda v: 0 < v <= 1))
def test_small_floats_at_any_depth_are_written_as_python_writes_them(lat: float, lon: float, share: float) -> None:
    control = cm.Control(
        id="c",
        territory="t",
        controllers=("a",),
        period=PERIOD,
        status=cm.ControlStatus.PARTIAL,
        portion=cm.Portion(fraction=share),
        confidence=share,
    )
    scenario = cm.Scenario(meta=cm.Meta(title="t"), events=(_event(lat, lon),), controls=(control,))
    for obj in (cm.Coordinates(lat=lat, lon=lon), _event(lat, lon), control, scenario):
        assert reference(obj) == cm.dumps(obj)
        assert reference(obj).encode("utf-8") == cm.dumpb(obj)


def test_dumpb_of_what_is_not_a_record_is_the_text_of_its_data() -> None:
    """Query answers and plain values take the converter's way, as in ``dumps``."""
    answer = cm.syria_2017().controllers_on("sy", "2017-11-30")
    assert cm.dumpb(answer) == cm.dumps(answer).encode("utf-8")
    assert cm.dumpb({"b": [1e-05, "إدلب"], "a": 2**70}) == reference({"b": [1e-05, "إدلب"], "a": 2**70}).encode()


def test_the_fast_write_is_taken_only_without_small_floats() -> None:
    """Otherwise the test above would pass by always searching."""
    assert shared_data(cm.Event, _event(1.0, 2.0))[1] is False
    assert shared_data(cm.Event, _event(1e-05, 2.0))[1] is True
    assert shared_data(cm.Coordinates, cm.Coordinates(lat=2.0, lon=-3e-07))[1] is True


row_values = st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.text(max_size=5), tiny)


@given(st.dictionaries(st.text(max_size=4), row_values, max_size=4))
def test_a_source_rows_floats_are_looked_at_one_by_one(row: dict[str, Any]) -> None:
    """Imported records keep their source rows: a row without a float below 1e-4 takes
    the fast write, one with such a float is searched, and both are written canonically."""
    event = cm.Event(id="e", kind=cm.EventKind.BATTLE, date=PERIOD, origin=cm.Origin(dataset="d", row=row))
    has_tiny = any(type(v) is float and v and abs(v) < 1e-4 for v in row.values())
    assert shared_data(cm.Event, event)[1] is has_tiny
    assert reference(event) == cm.dumps(event)
    assert reference(event).encode("utf-8") == cm.dumpb(event)


def test_data_of_types_it_does_not_make_itself_is_always_searched() -> None:
    square = cm.Geometry(type=cm.GeometryType.POLYGON, coordinates=(((0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 0.0)),))
    territory = cm.Territory(id="t", name="T", kind=cm.TerritoryKind.ADMIN1, geometry=square)
    assert shared_data(cm.Territory, territory)[1] is True
    assert reference(territory) == cm.dumps(territory)


def test_shared_data_is_not_mixed_between_threads() -> None:
    scenarios = [
        cm.Scenario(meta=cm.Meta(title=f"t{i}"), events=tuple(_event(i / 10, -i / 10) for _ in range(1)))
        for i in range(8)
    ]
    expected = [reference(s) for s in scenarios]
    found: list[str] = [""] * len(scenarios)

    def run(i: int) -> None:
        for _ in range(20):
            found[i] = cm.dumps(scenarios[i])

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(scenarios))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert expected == found


def test_a_write_inside_a_write_keeps_the_outer_ones_floats() -> None:
    """A finalizer may write while a write runs: the inner call must not lose the outer
    call's note of a small float."""
    from conflictmodel._format import _unstructure  # noqa: PLC0415 - only this test

    inner = _event(1.0, 2.0)
    written: list[str] = []
    coordinates = _unstructure._shared_function(cm.Coordinates)

    class Holder:
        pass

    def small_float_then_write(_: Any) -> Any:
        data = coordinates(cm.Coordinates(lat=1e-05, lon=0.0))  # notes a small float
        written.append(cm.dumps(inner))  # a write inside this one
        return data

    _unstructure._shared_functions[Holder] = small_float_then_write
    found: list[bool] = []
    # In a thread, so that a lock that is not reentrant fails the test instead of hanging it.
    thread = threading.Thread(target=lambda: found.append(shared_data(Holder, Holder())[1]), daemon=True)
    try:
        thread.start()
        thread.join(timeout=60)
    finally:
        del _unstructure._shared_functions[Holder]
    assert found == [True]
    assert [reference(inner)] == written


def _unsorted_dicts(data: Any) -> list[list[str]]:
    """The key lists of the dicts in ``data`` whose keys are not in sorted order."""
    found: list[list[str]] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if list(item) != sorted(item):
                found.append(list(item))
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(cst.scenarios())
def test_data_written_without_sorting_has_its_keys_sorted(scenario: cm.Scenario) -> None:
    """orjson writes the shared data without sorting keys unless it is flagged, so every
    dict of unflagged data must be in sorted order already."""
    data, flagged = shared_data(cm.Scenario, scenario)
    if not flagged:
        assert _unsorted_dicts(data) == []
