"""The collector pause used by decoding, encoding and index builds."""

from __future__ import annotations

import gc

import pytest

import conflictmodel as cm
from conflictmodel._model._collector import collector_paused, pausing_collector
from conflictmodel._queries._index import Indexes


@pytest.fixture(params=[True, False], ids=["enabled", "disabled"])
def collector(request: pytest.FixtureRequest) -> object:
    was = gc.isenabled()
    gc.enable() if request.param else gc.disable()
    yield request.param
    gc.enable() if was else gc.disable()


def test_the_pause_restores_the_prior_state_even_on_error(collector: bool) -> None:
    inside = []

    def fail() -> None:
        with collector_paused():
            inside.append(gc.isenabled())
            raise KeyError("x")

    with pytest.raises(KeyError):
        fail()
    assert ([False], collector) == (inside, gc.isenabled())


def test_a_pausing_function_runs_with_the_collector_off(collector: bool) -> None:
    @pausing_collector
    def state(x: int) -> tuple[int, bool]:
        return x, gc.isenabled()

    assert (3, False) == state(3)
    assert collector is gc.isenabled()


def test_index_builds_restore_the_collector_state(collector: bool) -> None:
    scenario = cm.loads(
        '{"schema": "conflictmodel/1", "meta": {"title": "t"}, '
        '"territories": [{"id": "t1", "name": "T", "kind": "country"}]}'
    )
    indexes = Indexes(scenario)
    assert {"t1"} == set(indexes.tree.by_id)
    assert {} == indexes.controls.by_territory
    assert collector is gc.isenabled()


def test_validate_and_batch_queries_pause_the_collector_and_restore_it(
    collector: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conflictmodel._queries import _control  # noqa: PLC0415 - patched below
    from conflictmodel._rules import _context, _validate  # noqa: PLC0415 - patched below

    seen: list[bool] = []
    real_context, real_grouped = _context.Context, _control._grouped

    def context(*args: object) -> object:
        seen.append(gc.isenabled())
        return real_context(*args)  # type: ignore[arg-type]

    def grouped(*args: object) -> object:
        seen.append(gc.isenabled())
        return real_grouped(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(_validate, "Context", context)
    monkeypatch.setattr(_control, "_grouped", grouped)
    scenario = cm.syria_2017()
    assert cm.validate(scenario).checked
    assert len(scenario.controllers_on_many([(scenario.territories[0].id, "2017-01-01")])) == 1
    assert ([False, False], collector) == (seen, gc.isenabled())
