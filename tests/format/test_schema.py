"""The JSON Schema: generated from the model, shipped, and agreeing with the loader."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given

import conflictmodel as cm
from conflictmodel import strategies as cst

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.json"))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(cm.json_schema(), format_checker=jsonschema.FormatChecker())


def test_schema_is_a_valid_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(cm.json_schema())


def test_shipped_schema_is_the_generated_one() -> None:
    """The file in the package never drifts from the model (`conflictmodel schema` writes it)."""
    shipped = files("conflictmodel").joinpath("schema", "conflictmodel-1.schema.json").read_text(encoding="utf-8")
    assert json.loads(shipped) == cm.json_schema()


def test_callers_cannot_change_the_schema() -> None:
    cm.json_schema()["properties"].clear()
    assert cm.json_schema()["properties"]


def test_every_model_class_has_a_definition() -> None:
    defs = cm.json_schema()["$defs"]
    for name in ("Actor", "Alliance", "Support", "Hostility", "Territory", "Control", "Agreement", "Event"):
        assert defs[name]["additionalProperties"] is False


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_fixture_validates(path: Path, validator: jsonschema.Draft202012Validator) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    assert [e.message for e in validator.iter_errors(document)] == []


def test_examples_exist() -> None:
    assert [p.name for p in EXAMPLES] == ["syria_2017.json"]


@given(cst.record_sets(max_size=1))
def test_every_dumped_scenario_validates(scenario: cm.Scenario) -> None:
    """Whatever the library writes, the schema accepts."""
    document = json.loads(cm.dumps(scenario))
    errors = list(jsonschema.Draft202012Validator(cm.json_schema()).iter_errors(document))
    assert [e.message for e in errors] == []


REFUSED: list[tuple[str, Any]] = [
    ("unknown top-level key", {"extra": 1}),
    ("missing title", {"meta": {}}),
    ("bad enum", {"actors": [{"id": "a", "name": "A", "kind": "robot"}]}),
    ("bad id", {"actors": [{"id": "a b", "name": "A", "kind": "state"}]}),
    ("bad date", {"meta": {"title": "t", "as_of": "2017-13"}}),
    ("string for integer", {"territories": [{"id": "t", "name": "T", "kind": "city", "population": "12"}]}),
    ("null for optional", {"actors": [{"id": "a", "name": "A", "kind": "state", "parent": None}]}),
    ("repeated set item", {"meta": {"title": "t", "sources": ["s", "s"]}}),
    ("wrong version", {"schema": "conflictmodel/2"}),
]


@pytest.mark.parametrize(("label", "change"), REFUSED, ids=[label for label, _ in REFUSED])
def test_schema_and_loader_refuse_the_same_documents(
    label: str, change: dict[str, Any], validator: jsonschema.Draft202012Validator
) -> None:
    document: dict[str, Any] = {"schema": "conflictmodel/1", "meta": {"title": "t"}, **change}
    assert list(validator.iter_errors(document)), label
    with pytest.raises(cm.LoadError):
        cm.from_dict(cm.Scenario, document)
