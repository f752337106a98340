"""The JSON format: canonical text, exact round trips, backends, files."""

from __future__ import annotations

import contextlib
import gc
import io
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import conflictmodel as cm
from conflictmodel import strategies as cst
from conflictmodel._format import _jsonformat

EXAMPLE = Path(__file__).parents[2] / "examples" / "syria_2017.json"

RECORD_STRATEGIES: dict[type[Any], st.SearchStrategy[Any]] = {
    cm.Source: cst.sources(),
    cm.Actor: cst.actors(),
    cm.Alliance: cst.alliances(),
    cm.Support: cst.supports(),
    cm.Hostility: cst.hostilities(),
    cm.Territory: cst.territories(),
    cm.Control: cst.controls(),
    cm.Agreement: cst.agreements(),
    cm.Event: cst.events(),
    cm.Violation: cst.violations(),
    cm.Meta: cst.metas(),
    cm.Origin: cst.origins(),
    cm.Geometry: cst.geometries(),
    cm.Coordinates: cst.coordinates(),
    cm.Fatalities: cst.fatalities(),
    cm.Period: cst.periods(),
}


class TestGoldenFixture:
    def test_example_is_canonical_byte_for_byte(self) -> None:
        """The shipped example is canonical: loading and dumping it gives the same bytes."""
        text = EXAMPLE.read_text(encoding="utf-8")
        assert cm.dumps(cm.loads(text)) == text

    def test_bundled_scenario_is_the_example(self) -> None:
        """``syria_2017()`` returns the same scenario as ``examples/syria_2017.json``."""
        assert cm.syria_2017() == cm.load(EXAMPLE)

    def test_bundled_copy_is_identical(self) -> None:
        bundled = Path(cm.__file__).parent / "data" / "syria_2017.json"
        assert bundled.read_bytes() == EXAMPLE.read_bytes()


class TestRoundTrip:
    @given(cst.record_sets(max_size=1))
    def test_scenario_survives_dumps_and_loads(self, scenario: cm.Scenario) -> None:
        """``loads(dumps(s)) == s`` for every scenario."""
        assert cm.loads(cm.dumps(scenario)) == scenario

    @given(cst.record_sets(max_size=1))
    def test_canonical_text_is_a_fixed_point(self, scenario: cm.Scenario) -> None:
        """``dumps(loads(t)) == t`` for canonical ``t``."""
        text = cm.dumps(scenario)
        assert cm.dumps(cm.loads(text)) == text

    @pytest.mark.parametrize("cls", list(RECORD_STRATEGIES), ids=lambda c: c.__name__)
    @given(data=st.data())
    def test_every_class_round_trips_through_dicts(self, cls: type[Any], data: st.DataObject) -> None:
        obj = data.draw(RECORD_STRATEGIES[cls])
        plain = cm.to_dict(obj)
        assert json.loads(json.dumps(plain)) == plain or cls is cm.Geometry  # plain JSON data
        assert cm.from_dict(cls, json.loads(json.dumps(plain))) == obj


class TestCanonicalText:
    def test_keys_sorted_defaults_omitted_trailing_newline(self) -> None:
        actor = cm.Actor(id="ru", name="Russia", kind=cm.ActorKind.STATE)
        scenario = cm.Scenario(meta=cm.Meta(title="t"), actors=(actor,))
        expected = (
            "{\n"
            '  "actors": [\n'
            "    {\n"
            '      "id": "ru",\n'
            '      "kind": "state",\n'
            '      "name": "Russia"\n'
            "    }\n"
            "  ],\n"
            '  "meta": {\n'
            '    "title": "t"\n'
            "  },\n"
            '  "schema": "conflictmodel/1"\n'
            "}\n"
        )
        assert cm.dumps(scenario) == expected

    def test_collections_are_written_in_id_order(self) -> None:
        names = ["zz", "a1", "m"]
        scenario = cm.Scenario(
            meta=cm.Meta(title="t"),
            sources=tuple(cm.Source(id=i, title=i) for i in names),
        )
        assert [s["id"] for s in cm.to_dict(scenario)["sources"]] == sorted(names)

    def test_sets_are_written_sorted(self) -> None:
        support = cm.Support(
            id="s",
            supporter="a",
            recipient="b",
            kinds=frozenset({cm.SupportKind.WEAPONS, cm.SupportKind.AIR_SUPPORT, cm.SupportKind.TROOPS}),
            sources=frozenset({"z", "b", "k"}),
        )
        plain = cm.to_dict(support)
        assert plain["kinds"] == ["air_support", "troops", "weapons"]
        assert plain["sources"] == ["b", "k", "z"]

    def test_non_ascii_text_is_written_as_utf8(self) -> None:
        territory = cm.Territory(id="sy-idlib", name="Idlib", kind=cm.TerritoryKind.ADMIN1, names={"ar": "إدلب"})
        assert '"ar": "إدلب"' in cm.dumps(territory)


class TestBackends:
    @given(st.floats(allow_nan=False, allow_infinity=False), st.floats(-90, 90), st.text())
    def test_orjson_and_stdlib_write_identical_bytes(self, number: float, lat: float, label: str) -> None:
        """The optional orjson backend gives byte-identical output, floats included."""
        data = {"n": number, "list": [number, lat], "label": label, "nested": {"x": [lat]}}
        assert _jsonformat._encode_orjson(data) == _jsonformat._encode_stdlib(data)

    @given(cst.record_sets(max_size=1))
    def test_backends_agree_on_scenarios(self, scenario: cm.Scenario) -> None:
        data = cm.to_dict(scenario)
        assert _jsonformat._encode_orjson(data) == _jsonformat._encode_stdlib(data)

    def test_tiny_floats_use_python_spelling(self) -> None:
        coordinates = cm.Coordinates(lat=1e-05, lon=-3e-07)
        assert _jsonformat._encode_orjson(cm.to_dict(coordinates)) == '{\n  "lat": 1e-05,\n  "lon": -3e-07\n}\n'

    def test_float_lookalikes_inside_strings_are_left_alone(self) -> None:
        data = {"a": "0.00001", "b": '": 1e-5', "c": 1e-5}
        assert _jsonformat._encode_orjson(data) == _jsonformat._encode_stdlib(data)


class TestFiles:
    def test_dump_and_load_through_a_path(self, tmp_path: Path) -> None:
        scenario = cm.Scenario(meta=cm.Meta(title="t", as_of=cm.PartialDate(2017, 11, 30)))
        target = tmp_path / "world.json"
        cm.dump(scenario, target)
        assert cm.load(target) == scenario
        assert cm.load(str(target)) == scenario
        assert target.read_bytes() == cm.dumps(scenario).encode("utf-8")  # no newline translation

    def test_dump_and_load_through_open_files(self) -> None:
        scenario = cm.Scenario(meta=cm.Meta(title="t"))
        buffer = io.StringIO()
        cm.dump(scenario, buffer)
        assert cm.load(io.StringIO(buffer.getvalue())) == scenario
        assert cm.load(io.BytesIO(buffer.getvalue().encode())) == scenario

    def test_errors_name_the_file(self, tmp_path: Path) -> None:
        target = tmp_path / "bad.json"
        target.write_text('{"schema": "conflictmodel/1", "meta": {}}', encoding="utf-8")
        with pytest.raises(cm.LoadError) as caught:
            cm.load(target)
        assert caught.value.source == str(target)
        assert str(target) in str(caught.value)
        assert [p.path for p in caught.value.problems] == ["$.meta.title"]

    def test_to_dict_of_a_scenario_is_the_document(self) -> None:
        scenario = cm.Scenario(meta=cm.Meta(title="t"))
        assert cm.to_dict(scenario) == {"schema": "conflictmodel/1", "meta": {"title": "t"}}
        assert cm.from_dict(cm.Scenario, cm.to_dict(scenario)) == scenario


def test_evolve_makes_a_new_scenario() -> None:
    """Scenarios are immutable; attrs.evolve builds a changed copy and sorts it."""
    scenario = cm.Scenario(meta=cm.Meta(title="t"))
    changed = attrs.evolve(scenario, sources=(cm.Source(id="b", title="B"), cm.Source(id="a", title="A")))
    assert scenario.sources == ()
    assert [s.id for s in changed.sources] == ["a", "b"]


@pytest.mark.parametrize("enabled", [True, False])
@pytest.mark.parametrize("text", ['{"schema": "conflictmodel/1", "meta": {"title": "t"}}', "{broken"])
def test_loads_restores_the_garbage_collector_state(enabled: bool, text: str) -> None:
    """Decoding pauses the cyclic collector and restores its state, even on failure."""
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        with contextlib.suppress(cm.LoadError):
            cm.loads(text)
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
