"""The schema says what the loader refuses where JSON Schema can say it: distinct ids in
ordered id lists, the status <-> opponents rule, portions only for partial control, and
a real ``$id``. Every document the loader accepts validates."""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import conflictmodel as cm
from conflictmodel import strategies as cst

SCHEMA = cm.json_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

BASE: dict[str, Any] = {
    "schema": "conflictmodel/1",
    "meta": {"title": "t"},
    "actors": [
        {"id": "a", "name": "A", "kind": "state"},
        {"id": "b", "name": "B", "kind": "armed_group"},
    ],
    "territories": [{"id": "t", "name": "T", "kind": "city"}],
    "controls": [{"id": "k", "territory": "t", "controllers": ["a"], "period": {"start": "2017"}}],
    "hostilities": [{"id": "h", "side_a": ["a"], "side_b": ["b"]}],
}


def _with(path: tuple[str, int], **changes: Any) -> dict[str, Any]:
    document = copy.deepcopy(BASE)
    collection, index = path
    document[collection][index].update(changes)
    return document


def test_the_base_document_is_accepted_by_both() -> None:
    assert [] == [e.message for e in VALIDATOR.iter_errors(BASE)]
    cm.from_dict(cm.Scenario, BASE)


BROKEN = {
    "controllers repeated (uniqueItems)": _with(("controls", 0), controllers=["a", "a"]),
    "side_a repeated (uniqueItems)": _with(("hostilities", 0), side_a=["a", "a"]),
    "side_b repeated (uniqueItems)": _with(("hostilities", 0), side_b=["b", "b"]),
    "contested without opponents (if/then)": _with(("controls", 0), status="contested"),
    "besieged with no opponent (if/then minItems)": _with(("controls", 0), status="besieged", opponents=[]),
    "full control with opponents (if/else)": _with(("controls", 0), opponents=["b"]),
    "partial status given, opponents too (if/else)": _with(("controls", 0), status="partial", opponents=["b"]),
    "a portion of full control (if/else)": _with(("controls", 0), status="full", portion={"fraction": 0.5}),
    "a portion without a status (if/else)": _with(("controls", 0), portion={"fraction": 0.5}),
}


@pytest.mark.parametrize("document", BROKEN.values(), ids=list(BROKEN))
def test_each_tightened_keyword_rejects_its_broken_example(document: dict[str, Any]) -> None:
    assert list(VALIDATOR.iter_errors(document))
    with pytest.raises(cm.LoadError):
        cm.from_dict(cm.Scenario, document)


def test_the_tightened_examples_pass_when_mended() -> None:
    mended = [
        _with(("controls", 0), status="contested", opponents=["b"]),
        _with(("controls", 0), status="partial", portion={"fraction": 0.5}),
        _with(("controls", 0), status="full", opponents=[]),
        _with(("hostilities", 0), side_a=["a"], side_b=["b"]),
    ]
    for document in mended:
        cm.from_dict(cm.Scenario, document)
        assert [] == [e.message for e in VALIDATOR.iter_errors(document)]


def test_the_id_is_where_the_documentation_publishes_the_schema() -> None:
    assert "https://conflictmodel.readthedocs.io/en/stable/schema/conflictmodel-1.schema.json" == SCHEMA["$id"]
    assert ".invalid" not in json.dumps(SCHEMA)


def _loosened(document: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    """The same scenario as a person might write it: defaults spelled out, arrays of
    records and sets in another order. The loader accepts all of it."""
    out = copy.deepcopy(document)
    for control in out.get("controls", []):
        if data.draw(st.booleans(), label="explicit status"):
            control.setdefault("status", "full")
        if data.draw(st.booleans(), label="explicit opponents"):
            control.setdefault("opponents", [])
        if data.draw(st.booleans(), label="explicit basis"):
            control.setdefault("basis", "reported")
    for name in cm._model._scenario.COLLECTIONS:
        if name in out:
            out[name] = data.draw(st.permutations(out[name]), label=f"order of {name}")
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])  # whole worlds per example
@given(scenario=cst.scenarios(), data=st.data())
def test_every_document_the_loader_accepts_validates(scenario: cm.Scenario, data: st.DataObject) -> None:
    document = _loosened(json.loads(cm.dumps(scenario)), data)
    assert scenario == cm.from_dict(cm.Scenario, document)
    assert [] == [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(document)]
