"""Fuzzing ``loads``, ``validate`` and the queries with mutated canonical documents.

Documents are the bundled scenario and scenarios drawn from ``conflictmodel.strategies``,
mutated where they have structure (see ``fuzz_helpers``). Every text must end in a
``Scenario`` or a ``LoadError``; what is accepted round-trips exactly; ``validate`` and
every query on it end in a result or a documented error. A long run:
``pytest tests/fuzz --hypothesis-profile=fuzz``.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest
from fuzz_helpers import (
    FORMAT_LAYER_HARDENED,
    SIMPLE_HOSTILE,
    check_promise,
    examples,
    hostile_values,
    mutated,
    nested,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import conflictmodel as cm
import conflictmodel.strategies as cst


@cache
def bundled() -> dict[str, Any]:
    document = json.loads(cm.dumps(cm.syria_2017()))
    assert isinstance(document, dict)
    return document


def _small(document: dict[str, Any]) -> dict[str, Any]:
    """The bundled scenario cut to a few records of each kind (so that an example is quick)."""
    return {k: v[:4] if isinstance(v, list) else v for k, v in document.items()}


documents = st.one_of(
    st.builds(lambda: _small(bundled())),
    cst.scenarios(max_actors=4, max_territories=4, max_records=3).map(lambda s: json.loads(cm.dumps(s))),
)


def _text(document: dict[str, Any], **changes: Any) -> str:
    return json.dumps(document | changes)


def _geometry(coordinates: Any) -> str:
    doc = _small(bundled())
    territory = dict(doc["territories"][0]) | {"geometry": {"type": "Polygon", "coordinates": coordinates}}
    return json.dumps(doc | {"territories": [territory, *doc["territories"][1:]]})


FORMAT_LAYER = pytest.mark.xfail(
    not FORMAT_LAYER_HARDENED,
    reason="the JSON format layer's class (bounded-depth parse, lone surrogates)",
    strict=True,
)

_META = '{"schema": "conflictmodel/1", "meta": {"title": "x"'


def _corpus() -> list[Any]:
    """One fixed text per class of hostile input the fuzzing found (see the docs'
    Robustness section), whatever the random run draws."""
    return [
        # 1. Parser limits: nesting past the recursion limit, 5,000 digits, 1e400.
        pytest.param("[" * 100_000, id="deep-array", marks=FORMAT_LAYER),
        pytest.param(
            _META + ', "description": ' + "[" * 100_000 + "]" * 100_000 + "}}", id="deep-field", marks=FORMAT_LAYER
        ),
        pytest.param(_META + '}, "n": ' + "9" * 5000 + "}", id="5000-digits"),
        pytest.param(_META + ', "as_of": 1e400}}', id="1e400"),
        pytest.param(_META + ', "as_of": NaN}}', id="nan"),
        # 2. Text that cannot be written back: lone surrogates, escaped and raw.
        pytest.param(_META[:-3] + '"\\ud800"}}', id="escaped-surrogate", marks=FORMAT_LAYER),
        pytest.param(_META[:-3] + '"\ud800"}}', id="raw-surrogate", marks=FORMAT_LAYER),
        # 3. Keys that are not identifiers: a LoadError whose message can be printed.
        pytest.param(_META + ', "": 1, "a.b": 2, "c[0]": 3, "\\u0007": 4}}', id="odd-keys"),
        # 4. Geometry that may construct and outlines nothing: validate must not raise.
        pytest.param(_geometry([]), id="polygon-no-rings"),
        pytest.param(_geometry([[]]), id="polygon-empty-ring"),
        pytest.param(_geometry([[[0, 0], [0, 0], [0, 0], [0, 0]]]), id="polygon-one-point"),
        # Repeated keys, wrong types at the top.
        pytest.param(_META + ', "title": "y"}}', id="repeated-key"),
        pytest.param('{"schema": "conflictmodel/1", "meta": []}', id="meta-array"),
    ]


@pytest.mark.parametrize("text", _corpus())
def test_each_class_of_hostile_document_ends_in_a_scenario_or_a_load_error(text: str) -> None:
    check_promise(text)


@settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(text=documents.flatmap(mutated))
def test_any_document_ends_in_a_scenario_or_a_load_error(text: str) -> None:
    check_promise(text)


@pytest.mark.parametrize(
    "text",
    [b"", b"\xff\xfe", b"null", b"[]", b'"x"', b"1", b"{}", b'{"schema": "conflictmodel/1"}'],
)
def test_texts_that_are_no_document_are_load_errors(text: bytes) -> None:
    assert check_promise(text) is None


@pytest.mark.xfail(
    not FORMAT_LAYER_HARDENED, reason="the JSON format layer's class: loads(None)", raises=AttributeError, strict=True
)
def test_loads_of_none_is_a_load_error_or_a_type_error() -> None:
    with pytest.raises((cm.LoadError, TypeError)):
        cm.loads(None)  # type: ignore[arg-type]


def test_deep_nesting_in_free_form_fields_ends_in_a_result_or_a_load_error() -> None:
    """Origin rows and external ids are free-form: nesting there is refused, not crashed on."""
    doc = _small(bundled())
    actor = dict(doc["actors"][0])
    for value in (nested(50), {"a": nested(30)}, [1, [2, [3]]]):
        check_promise(_text(doc, actors=[actor | {"external_ids": {"x": value}}, *doc["actors"][1:]]))
        origin = {"dataset": "d", "row": {"cell": value}}
        check_promise(_text(doc, actors=[actor | {"origin": origin}, *doc["actors"][1:]]))


@settings(max_examples=examples(100), deadline=None)
@given(values=st.lists(hostile_values(), min_size=10, max_size=10))
def test_hostile_values_are_fresh_copies(values: list[Any]) -> None:
    # A mutation may write inside a value an earlier one inserted: were the pool's values
    # inserted themselves, a shared ``[None]`` could come to hold itself (no JSON text:
    # "Circular reference detected") and the pool would change between examples.
    containers = [v for v in SIMPLE_HOSTILE if isinstance(v, list | dict)]
    assert not [v for v in values if any(v is c for c in containers)]
