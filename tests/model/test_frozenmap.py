"""FrozenMap: an immutable, hashable, sorted mapping of text keys."""

import copy
import pickle
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import conflictmodel as cm
from conflictmodel._model._frozenmap import adopted

FM = cm.FrozenMap


# --- equality ------------------------------------------------------------------------


def test_equals_a_dict_with_the_same_items_both_ways() -> None:
    fm = FM({"ucdp": "220", "cow": "652"})
    assert fm == {"cow": "652", "ucdp": "220"}
    assert {"cow": "652", "ucdp": "220"} == fm


def test_equals_other_mappings_with_the_same_items() -> None:
    assert FM({"a": "1"}) == MappingProxyType({"a": "1"})


@pytest.mark.parametrize(
    "other",
    [{"cow": "652", "ucdp": "221"}, {"cow": "652"}, {"cow": "652", "ucdp": "220", "x": "1"}, {}],
)
def test_differs_from_a_dict_with_other_items(other: dict[str, str]) -> None:
    fm = FM({"ucdp": "220", "cow": "652"})
    assert fm != other
    assert other != fm


@pytest.mark.parametrize("other", [[("a", "1")], "a", None, 1, ("a",)])
def test_is_never_equal_to_a_non_mapping(other: Any) -> None:
    fm = FM({"a": "1"})
    assert fm != other
    assert not fm == other  # noqa: SIM201 - == and != are tested separately


def test_equals_another_frozen_map_regardless_of_insertion_order() -> None:
    assert FM({"a": "1", "b": "2"}) == FM({"b": "2", "a": "1"})


def test_empty_forms_are_equal() -> None:
    assert [FM(), FM(None), FM({})] == [{}, {}, {}]
    assert 0 == len(FM())


# --- hashing -------------------------------------------------------------------------


def test_equal_maps_hash_equal() -> None:
    assert hash(FM({"a": "1", "b": "2"})) == hash(FM({"b": "2", "a": "1"}))


def test_hash_is_stable() -> None:
    fm = FM({"a": "1"})
    assert hash(fm) == hash(fm)


def test_equal_maps_collapse_in_a_set() -> None:
    assert 1 == len({FM({"a": "1", "b": "2"}), FM({"b": "2", "a": "1"})})
    assert 2 == len({FM({"a": "1"}), FM({"a": "2"})})


def test_usable_as_a_dict_key() -> None:
    table = {FM({"a": "1"}): "x"}
    assert "x" == table[FM({"a": "1"})]


def test_models_holding_a_frozen_map_are_hashable() -> None:
    fields: dict[str, Any] = {"id": "ru", "name": "Russia", "kind": cm.ActorKind.STATE}
    from_dict: dict[str, Any] = {**fields, "external_ids": {"cow": "365"}}
    from_map: dict[str, Any] = {**fields, "external_ids": FM({"cow": "365"})}
    one, other = cm.Actor(**from_dict), cm.Actor(**from_map)
    assert one == other
    assert hash(one) == hash(other)


# --- immutability --------------------------------------------------------------------


def test_items_cannot_be_set() -> None:
    fm: Any = FM({"a": "1"})
    with pytest.raises(TypeError):
        fm["b"] = "2"


def test_items_cannot_be_deleted() -> None:
    fm: Any = FM({"a": "1"})
    with pytest.raises(TypeError):
        del fm["a"]


@pytest.mark.parametrize("method", ["update", "pop", "popitem", "clear", "setdefault", "__setitem__", "__delitem__"])
def test_has_no_mutating_methods(method: str) -> None:
    assert not hasattr(FM({"a": "1"}), method)


def test_new_attributes_cannot_be_added() -> None:
    fm: Any = FM({"a": "1"})
    with pytest.raises(AttributeError):
        fm.extra = 1


def test_changing_the_source_dict_does_not_change_the_map() -> None:
    source = {"a": "1"}
    fm = FM(source)
    source["b"] = "2"
    source["a"] = "changed"
    assert {"a": "1"} == fm


def test_is_a_read_only_mapping() -> None:
    fm = FM({"a": "1"})
    assert isinstance(fm, Mapping)
    assert ("1", None, "d", True, False) == (fm["a"], fm.get("z"), fm.get("z", "d"), "a" in fm, "z" in fm)
    with pytest.raises(KeyError):
        fm["z"]


# --- sorted iteration ----------------------------------------------------------------


def test_iterates_in_key_order_whatever_the_insertion_order() -> None:
    fm = FM({"wikidata": "Q858", "iso3": "SYR", "cow": "652", "gwno": "652"})
    assert ["cow", "gwno", "iso3", "wikidata"] == list(fm)
    assert ["cow", "gwno", "iso3", "wikidata"] == list(fm.keys())
    assert ["652", "652", "SYR", "Q858"] == list(fm.values())
    assert [("cow", "652"), ("gwno", "652"), ("iso3", "SYR"), ("wikidata", "Q858")] == list(fm.items())


@given(st.dictionaries(st.text(max_size=4), st.integers() | st.none(), max_size=12), st.booleans())
def test_views_are_the_sorted_items_however_given(items: dict[str, int | None], presorted: bool) -> None:
    given_ = dict(sorted(items.items())) if presorted else items
    fm = FM(given_)
    expected = sorted(items.items())
    assert expected == list(fm.items())
    assert [k for k, _ in expected] == list(fm.keys()) == list(fm)
    assert [v for _, v in expected] == list(fm.values())
    assert all(key in fm for key in items)
    assert "\x00not a key" not in fm


@given(st.dictionaries(st.text(max_size=4), st.integers(), max_size=12), st.booleans())
def test_a_map_of_a_dict_given_up_is_the_map_of_a_copy(items: dict[str, int], presorted: bool) -> None:
    """What the decoder makes of msgspec's new dicts: the same map, keys in order."""
    given_ = dict(sorted(items.items())) if presorted else dict(items)
    made = adopted(given_)
    assert FM(items) == made
    assert sorted(items) == list(made)
    assert hash(FM(items)) == hash(made)


def test_views_do_not_open_a_way_to_change_the_map() -> None:
    fm = FM({"a": "1"})
    for view in (fm.keys(), fm.values(), fm.items()):
        behind: Any = getattr(view, "mapping", None)  # what a view lets one reach
        assert isinstance(behind, MappingProxyType)  # read-only, as the map
        with pytest.raises(TypeError):
            behind["a"] = "2"  # type: ignore[index]
    assert {"a": "1"} == fm


def test_keys_that_do_not_compare_are_refused_as_before() -> None:
    with pytest.raises(TypeError):
        FM({"a": "1", 2: "x"})  # type: ignore[dict-item]


def test_key_order_is_by_code_point() -> None:
    assert ["B", "a", "b", "\u00e4"] == list(FM({"b": "1", "\u00e4": "2", "a": "3", "B": "4"}))


def test_repr_shows_sorted_items() -> None:
    assert "FrozenMap({'a': '1', 'b': '2'})" == repr(FM({"b": "2", "a": "1"}))


# --- copying -------------------------------------------------------------------------


def test_survives_pickle_and_copy() -> None:
    fm = FM({"b": "2", "a": "1"})
    for clone in (pickle.loads(pickle.dumps(fm)), copy.copy(fm), copy.deepcopy(fm)):  # noqa: S301 - our own data
        assert fm == clone
        assert hash(fm) == hash(clone)
        assert ["a", "b"] == list(clone)


@pytest.mark.parametrize(
    ("one", "other"),
    [({"x": 1}, {"x": True}), ({"x": 0.0}, {"x": -0.0}), ({"x": 1}, {"x": 1.0}), ({"x": 0}, {"x": False})],
)
def test_maps_that_the_format_writes_differently_are_not_equal(
    one: dict[str, object], other: dict[str, object]
) -> None:
    """``a == b`` agrees with ``dumps(a) == dumps(b)``: 1 and True are equal in Python,
    not in JSON."""
    assert cm.FrozenMap(one) != cm.FrozenMap(other)
    assert cm.FrozenMap(one) == cm.FrozenMap(dict(one))


_Row = dict[str, str | int | float | bool | None]


def test_scenarios_equal_exactly_when_their_text_is_equal() -> None:
    def scenario(row: dict[str, str | int | float | bool | None], confidence: float) -> cm.Scenario:
        return cm.Scenario(
            meta=cm.Meta(title="t"),
            actors=(cm.Actor(id="a", name="A", kind=cm.ActorKind.STATE, origin=cm.Origin(dataset="d", row=row)),),
            territories=(cm.Territory(id="t", name="T", kind=cm.TerritoryKind.COUNTRY),),
            controls=(
                cm.Control(
                    id="c",
                    territory="t",
                    controllers=("a",),
                    period=cm.Period.from_text("2017", None),
                    confidence=confidence,
                ),
            ),
        )

    one: _Row = {"x": 1}
    other: _Row = {"x": True}
    pairs: list[tuple[tuple[_Row, float], tuple[_Row, float]]] = [((one, 0.0), (other, 0.0)), ((one, 0.0), (one, -0.0))]
    for (row_a, conf_a), (row_b, conf_b) in pairs:
        a, b = scenario(row_a, conf_a), scenario(row_b, conf_b)
        assert (a == b) == (cm.dumps(a) == cm.dumps(b))
