"""Every answer of a query or of ``validate`` is part of the format: ``to_dict``/``dumps``
write it as plain JSON (the same text with and without orjson) and ``from_dict`` reads
it back to an equal object, strictly."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import conflictmodel as cm
from conflictmodel import strategies as cst
from conflictmodel._format import _jsonformat

SYRIA = cm.syria_2017()
DAY = "2017-11-30"

Encoder = Callable[[Any], str]
ENCODERS: dict[str, Encoder] = {"stdlib": _jsonformat._encode_stdlib, "orjson": _jsonformat._encode_orjson}


@pytest.fixture(params=sorted(ENCODERS))
def encoder(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Encoder:
    """Each JSON backend in turn, also as the one ``cm.dumps`` uses."""
    chosen = ENCODERS[request.param]
    monkeypatch.setattr(_jsonformat, "encode", chosen)
    return chosen


def _answers(s: cm.Scenario, day: str) -> Iterator[tuple[Any, Any]]:
    """(declared type, answer) for every query of ``s`` on ``day``."""
    territories = [t.id for t in s.territories]
    actors = [a.id for a in s.actors]
    for territory in territories:
        yield cm.ControlState, s.controllers_on(territory, day)
        yield tuple[cm.ControlPeriod, ...], s.timeline(territory)
    yield cm.FrozenMap[cm.ControlState], s.control_map(day)
    yield tuple[cm.ControlChange, ...], s.changes_between("2011-01-01", day)
    for country in (t.id for t in s.territories if t.kind is cm.TerritoryKind.COUNTRY):
        for weight in ("area", "population", "count"):
            yield cm.Partition, s.partition(day, within=country, weight=weight)
    for actor in actors:
        for ties in (s.allies_of(actor, day), s.supporters_of(actor, day), s.enemies_of(actor, day)):
            yield tuple[cm.Tie, ...], ties
    yield tuple[cm.Camp, ...], s.camps(day, reading="possibly", include_alleged=True)
    yield tuple[cm.InForce, ...], s.agreements_in_force(day)
    for agreement in (a.id for a in s.agreements):
        yield tuple[cm.Tie, ...], s.actors_of(agreement, day)
        yield cm.AgreementViolations, s.violations_of(agreement, by="anyone")
    yield cm.Report, cm.validate(s)


def _round_trips(type_: Any, answer: Any) -> None:
    data = cm.to_dict(answer)
    stdlib, orjson = _jsonformat._encode_stdlib(data), _jsonformat._encode_orjson(data)
    assert stdlib == orjson
    assert answer == cm.from_dict(type_, json.loads(stdlib))


class TestBundledScenario:
    def test_every_answer_round_trips(self, encoder: Encoder) -> None:
        """Every answer on the bundled scenario, on two days, with each backend."""
        seen: set[str] = set()
        for day in ("2016-12-22", DAY):
            for type_, answer in _answers(SYRIA, day):
                text = cm.dumps(answer)
                assert text == encoder(cm.to_dict(answer))
                assert answer == cm.from_dict(type_, json.loads(text))
                shown = answer[0] if isinstance(answer, tuple) and answer else answer
                seen.add(type(shown).__name__)
        assert {
            "ControlState",
            "ControlPeriod",
            "FrozenMap",
            "ControlChange",
            "Partition",
            "Tie",
            "Camp",
            "InForce",
            "AgreementViolations",
            "Report",
        } <= seen

    def test_a_partition_is_plain_json(self, encoder: Encoder) -> None:
        partition = SYRIA.partition(DAY, within="sy")
        data = json.loads(cm.dumps(partition))
        assert DAY == data["day"]
        assert "area" == data["weight"]
        assert partition.share_of("saa") == data["by_actor"]["saa"] > 0
        assert [list(share.controllers) for share in partition.shares] == [s["controllers"] for s in data["shares"]]
        assert encoder is _jsonformat.encode

    def test_open_ends_are_left_out(self) -> None:
        period = cm.ControlPeriod(
            start=dt.date(2017, 1, 2), state=cm.ControlState(territory="t", kind=cm.ControlKind.HELD)
        )
        assert {"start": "2017-01-02", "state": {"territory": "t", "kind": "held"}} == cm.to_dict(period)

    def test_a_report_with_findings_round_trips(self) -> None:
        broken = cm.Scenario(
            meta=cm.Meta(title="t"),
            actors=(cm.Actor(id="a", name="A", kind=cm.ActorKind.STATE, parent="nowhere"),),
        )
        report = cm.validate(broken)
        assert report.findings
        _round_trips(cm.Report, report)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])  # whole worlds per example
@given(scenario=cst.scenarios(), day=st.dates(dt.date(2011, 1, 1), dt.date(2020, 12, 31)))
def test_answers_on_drawn_worlds_round_trip(scenario: cm.Scenario, day: dt.date) -> None:
    """Every answer of every query on generated worlds, identical text on both backends."""
    for type_, answer in _answers(scenario, day.isoformat()):
        _round_trips(type_, answer)


class TestStrictReading:
    def _partition(self) -> dict[str, Any]:
        data: dict[str, Any] = cm.to_dict(SYRIA.partition(DAY, within="sy"))
        return data

    @pytest.mark.parametrize(
        ("key", "value", "path", "message"),
        [
            ("day", "2017-11", "$.day", "'2017-11' is not a valid day (YYYY-MM-DD)"),
            ("day", "2017-02-30", "$.day", "'2017-02-30' is not a valid day (YYYY-MM-DD)"),
            ("day", 20171130, "$.day", "20171130 is not a day as text (YYYY-MM-DD)"),
            ("weight", "areas", "$.weight", "'areas' is not one of 'area', 'population', 'count'"),
            ("effective_controllers", None, "$.effective_controllers", "null is not allowed here"),
        ],
    )
    def test_a_bad_value_is_refused_by_path(self, key: str, value: Any, path: str, message: str) -> None:
        data = self._partition()
        data[key] = value
        with pytest.raises(cm.LoadError) as caught:
            cm.from_dict(cm.Partition, data)
        ((problem,),) = [caught.value.problems]
        assert path == problem.path
        assert problem.message.startswith(message)

    def test_map_values_are_checked_by_key(self) -> None:
        data = self._partition()
        data["by_actor"]["sy-gov"] = "0.5"
        data["by_actor"]["ru"] = True
        with pytest.raises(cm.LoadError) as caught:
            cm.from_dict(cm.Partition, data)
        assert ['$.by_actor["ru"]', '$.by_actor["sy-gov"]'] == sorted(p.path for p in caught.value.problems)

    def test_nested_answers_in_a_map_are_checked_by_key(self) -> None:
        data = cm.to_dict(SYRIA.control_map(DAY))
        data["sy-idlib"]["kind"] = "owned"
        data["sy-idlib"]["extra"] = 1
        with pytest.raises(cm.LoadError) as caught:
            cm.from_dict(cm.FrozenMap[cm.ControlState], data)
        assert [
            cm.Problem('$["sy-idlib"].extra', "unknown field"),
            cm.Problem(
                '$["sy-idlib"].kind', "'owned' is not one of " + ", ".join(repr(k.value) for k in cm.ControlKind)
            ),
        ] == sorted(caught.value.problems, key=lambda p: p.path)

    def test_a_literal_does_not_coerce(self) -> None:
        data = cm.to_dict(SYRIA.camps(DAY)[0])
        assert cm.from_dict(cm.Camp, data) == SYRIA.camps(DAY)[0]
        tie = {"actor": "a", "certain": 1, "via": []}
        with pytest.raises(cm.LoadError, match="certain: 1 is not true or false"):
            cm.from_dict(cm.Tie, tie)


def test_a_process_without_orjson_writes_the_same_text() -> None:
    """Not only the stdlib encoder: a process where orjson cannot be imported at all."""
    script = (
        "import sys\n"
        "if sys.argv[1] == 'without':\n"
        "    sys.modules['orjson'] = None\n"
        "import conflictmodel as cm\n"
        "from conflictmodel._format import _jsonformat\n"
        "s = cm.syria_2017()\n"
        "answers = [s.partition('2017-11-30', within='sy'), s.timeline('sy-idlib'), s.camps('2017-11-30'),\n"
        "           s.control_map('2017-11-30'), s.violations_of('astana-mou'), cm.validate(s)]\n"
        "sys.stdout.write(_jsonformat.encode.__name__ + '\\n' + ''.join(cm.dumps(a) for a in answers))\n"
    )
    runs = {
        which: subprocess.run(
            [sys.executable, "-c", script, which], check=True, capture_output=True, text=True
        ).stdout.split("\n", 1)
        for which in ("with", "without")
    }
    assert ["_encode_orjson", "_encode_stdlib"] == [runs["with"][0], runs["without"][0]]
    assert runs["with"][1] == runs["without"][1]
