"""Camps depend on what the records say, never on the ids they carry or the order they
come in: relabel every id, shuffle every collection and every list inside a record, and
the camps partition the actors the same way."""

import datetime as dt
import random
from typing import Any, Literal

from hypothesis import given
from hypothesis import strategies as st

import conflictmodel as cm
from conflictmodel._model._scenario import COLLECTIONS
from test_queries_reference import DAYS, scenarios


def _ids(scenario: cm.Scenario) -> list[str]:
    return sorted({record.id for name in COLLECTIONS for record in getattr(scenario, name)})


def _rewrite(value: Any, names: dict[str, str], rng: random.Random) -> Any:
    """The JSON value with every id renamed and every list shuffled."""
    if isinstance(value, dict):
        return {key: _rewrite(item, names, rng) for key, item in value.items()}
    if isinstance(value, list):
        items = [_rewrite(item, names, rng) for item in value]
        rng.shuffle(items)
        return items
    if isinstance(value, str):
        return names.get(value, value)
    return value


def relabelled(scenario: cm.Scenario, seed: int) -> tuple[cm.Scenario, dict[str, str]]:
    """The scenario with ids renamed at random and everything shuffled, and the renaming."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible shuffle, not a secret
    ids = _ids(scenario)
    fresh = [f"n{k:03d}" for k in range(len(ids))]
    rng.shuffle(fresh)
    names = dict(zip(ids, fresh, strict=True))
    data = _rewrite(cm.to_dict(scenario), names, rng)
    return cm.from_dict(cm.Scenario, data), names


def grouping(camps: tuple[cm.Camp, ...], back: dict[str, str]) -> set[frozenset[str]]:
    return {frozenset(back.get(m, m) for m in camp.members) for camp in camps}


@given(scenarios(), st.sampled_from(DAYS), st.integers(0, 2**32 - 1), st.booleans())
def test_camps_do_not_depend_on_ids_or_order(scenario: cm.Scenario, day: dt.date, seed: int, possibly: bool) -> None:
    other, names = relabelled(scenario, seed)
    back = {new: old for old, new in names.items()}
    reading: Literal["certainly", "possibly"] = "possibly" if possibly else "certainly"
    expected = scenario.camps(day, reading=reading, include_alleged=possibly)
    found = other.camps(day, reading=reading, include_alleged=possibly)
    assert grouping(expected, {}) == grouping(found, back)
    # and the records that tie, bridge and divide them are the same records
    assert {(c.members, c.ties, c.bridges, c.enemies) for c in expected} == {
        (
            tuple(sorted(back[m] for m in c.members)),
            tuple(sorted(back[t] for t in c.ties)),
            tuple(sorted(back[b] for b in c.bridges)),
            tuple(sorted(back[e] for e in c.enemies)),
        )
        for c in found
    }


@given(scenarios(), st.sampled_from(DAYS), st.integers(0, 2**32 - 1))
def test_camps_within_a_territory_do_not_depend_on_ids_or_order(scenario: cm.Scenario, day: dt.date, seed: int) -> None:
    other, names = relabelled(scenario, seed)
    back = {new: old for old, new in names.items()}
    for territory in ("r", "t0", "t1"):
        if territory in scenario:
            expected = scenario.camps(day, within=territory)
            assert grouping(expected, {}) == grouping(other.camps(day, within=names[territory]), back)


def test_the_relabelling_renames_and_reorders() -> None:
    scenario = cm.Scenario(
        meta=cm.Meta(title="t"),
        actors=tuple(cm.Actor(id=a, name=a, kind=cm.ActorKind.STATE) for a in ("a", "b", "c")),
        hostilities=(cm.Hostility(id="h", side_a=("a", "b"), side_b=("c",)),),
    )
    other, names = relabelled(scenario, 7)
    assert set(names) == {"a", "b", "c", "h"}
    assert {names["a"], names["b"]} == set(other.hostilities[0].side_a)
    assert not {"a", "b", "c", "h"} & set(_ids(other))
