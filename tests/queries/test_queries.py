"""Queries on small hand-built scenarios whose answers are obvious: who holds what
(including contested, ambiguous, conflicting and unrecorded territory), time lines,
partition shares, alignment and camps, agreements in force and their violations."""

import bisect
import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import conflictmodel as cm
from conflictmodel import strategies as cst
from conflictmodel._model._area import area_km2
from conflictmodel._model._intervals import IntervalIndex, span_of
from rule_helpers import BESIEGED, CONTESTED, PARTIAL, actor, control, party, period

K = cm.ControlKind

# Records are built with the rule tests' helpers; only territories differ here (districts).


def territory(tid: str, **fields: Any) -> cm.Territory:
    fields.setdefault("kind", cm.TerritoryKind.ADMIN2)
    return cm.Territory(id=tid, name=tid.upper(), **fields)


def world(**collections: Any) -> cm.Scenario:
    collections.setdefault("actors", tuple(actor(a) for a in "uvwxyz"))
    return cm.Scenario(meta=cm.Meta(title="test"), **collections)


def answer(state: cm.ControlState) -> tuple[cm.ControlKind, tuple[str, ...], tuple[str, ...]]:
    return state.answer()


# --- controllers_on: a territory's own records ---------------------------------------


HANDOVER = world(
    territories=(territory("t"),),
    controls=(
        control("c1", "t", "x", start="2015-06-01", end="2017-03"),
        control("c2", "t", "y", start="2017-03", end="2017-12-31"),
    ),
)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2015-05-31", (K.UNRECORDED, (), ())),
        ("2015-06-01", (K.HELD, ("x",), ())),
        ("2017-02-28", (K.HELD, ("x",), ())),
        ("2017-03-01", (K.AMBIGUOUS, ("x", "y"), ())),
        ("2017-03-15", (K.AMBIGUOUS, ("x", "y"), ())),
        ("2017-03-31", (K.AMBIGUOUS, ("x", "y"), ())),
        ("2017-04-01", (K.HELD, ("y",), ())),
        ("2017-12-31", (K.HELD, ("y",), ())),
        ("2018-01-01", (K.UNRECORDED, (), ())),
    ],
)
def test_a_handover_known_to_the_month_is_ambiguous_within_that_month(day: str, expected: Any) -> None:
    assert expected == answer(HANDOVER.controllers_on("t", day))


def test_the_state_names_certain_and_uncertain_records() -> None:
    state = HANDOVER.controllers_on("t", "2017-03-01")
    assert ("c1",) == state.records
    assert ("c2",) == state.uncertain
    assert ("c1", "c2") == HANDOVER.controllers_on("t", "2017-03-15").uncertain
    assert () == HANDOVER.controllers_on("t", "2017-03-15").records
    assert "t" == state.territory
    assert state.recorded
    assert not state.derived
    assert not state.inherited


def test_days_may_be_dates_naive_datetimes_or_iso_text() -> None:
    expected = HANDOVER.controllers_on("t", "2016-01-01")
    assert expected == HANDOVER.controllers_on("t", dt.date(2016, 1, 1))
    assert expected == HANDOVER.controllers_on("t", dt.datetime(2016, 1, 1, 23, 59))  # noqa: DTZ001 - a naive day


@pytest.mark.parametrize("bad", ["2016", "2016-01", "2016-02-30", dt.datetime(2016, 1, 1, 12, 0, tzinfo=dt.UTC)])
def test_days_must_be_whole_days(bad: Any) -> None:
    with pytest.raises(cm.FieldError):
        HANDOVER.controllers_on("t", bad)


def test_unknown_territories_are_refused() -> None:
    with pytest.raises(cm.UnknownIdError):
        HANDOVER.controllers_on("nowhere", "2016-01-01")
    with pytest.raises(cm.UnknownIdError):
        HANDOVER.controllers_on("x", "2016-01-01")


def test_a_record_that_may_not_have_started_yet_makes_the_day_ambiguous() -> None:
    # "since some day in 2017": on 30 November it may not have begun yet
    scenario = world(territories=(territory("t"),), controls=(control("c", "t", "y", start="2017"),))
    state = scenario.controllers_on("t", "2017-11-30")
    assert (K.AMBIGUOUS, ("y",), ()) == answer(state)
    assert (K.HELD, ("y",), ()) == answer(scenario.controllers_on("t", "2017-12-31"))


@pytest.mark.parametrize(
    ("records", "expected"),
    [
        ((control("c", "t", "y", "x"),), (K.JOINT, ("x", "y"), ())),
        (
            (control("c", "t", "x", status=CONTESTED, opponents=frozenset({"z", "y"})),),
            (K.CONTESTED, ("x",), ("y", "z")),
        ),
        ((control("c", "t", "x", status=BESIEGED, opponents=frozenset({"y"})),), (K.BESIEGED, ("x",), ("y",))),
        ((control("c", "t", "x", status=PARTIAL),), (K.PARTIAL, ("x",), ())),
        ((control("c", "t", "x", status=PARTIAL), control("d", "t", "y", status=PARTIAL)), (K.PARTIAL, ("x", "y"), ())),
        ((control("c", "t", "x"), control("d", "t", "x", status=PARTIAL)), (K.HELD, ("x",), ())),
        (
            (control("c", "t", "x"), control("d", "t", "x", status=BESIEGED, opponents=frozenset({"y"}))),
            (K.BESIEGED, ("x",), ("y",)),
        ),
        (
            (
                control("c", "t", "x", status=CONTESTED, opponents=frozenset({"z"})),
                control("d", "t", "x", status=BESIEGED, opponents=frozenset({"y"})),
            ),
            (K.BESIEGED, ("x",), ("y", "z")),
        ),
        ((control("c", "t", "x"), control("d", "t", "y")), (K.CONFLICTING, ("x", "y"), ())),
        ((control("c", "t", "x"), control("d", "t", "y", status=PARTIAL)), (K.CONFLICTING, ("x", "y"), ())),
        ((control("c", "t", "x", "y"), control("d", "t", "y", status=PARTIAL)), (K.JOINT, ("x", "y"), ())),
    ],
)
def test_records_holding_the_same_day_combine(records: tuple[cm.Control, ...], expected: Any) -> None:
    scenario = world(territories=(territory("t"),), controls=records)
    assert expected == answer(scenario.controllers_on("t", "2017-11-30"))


def test_an_uncertain_record_that_changes_nothing_does_not_make_the_day_ambiguous() -> None:
    scenario = world(
        territories=(territory("t"),),
        controls=(control("c", "t", "x", start="2016-01-01"), control("d", "t", "x", start="2017-11", status=PARTIAL)),
    )
    state = scenario.controllers_on("t", "2017-11-15")
    assert (K.HELD, ("x",), ()) == answer(state)
    assert ("d",) == state.uncertain


def test_conflicting_records_stay_conflicting_whatever_the_uncertain_ones_do() -> None:
    scenario = world(
        territories=(territory("t"),),
        controls=(control("c", "t", "x"), control("d", "t", "y"), control("e", "t", "z", start="2017-11")),
    )
    assert K.CONFLICTING == scenario.controllers_on("t", "2017-11-15").kind


# --- derived and inherited states ---------------------------------------------------

TREE = (
    territory("country", kind=cm.TerritoryKind.COUNTRY),
    territory("gov1", kind=cm.TerritoryKind.ADMIN1, parent="country"),
    territory("gov2", kind=cm.TerritoryKind.ADMIN1, parent="country"),
    territory("d1", parent="gov1"),
    territory("d2", parent="gov1"),
    territory("d3", parent="gov2"),
    territory("city", kind=cm.TerritoryKind.CITY, parent="d3"),
    territory("zone", kind=cm.TerritoryKind.ZONE, components=frozenset({"d2", "d3"})),
)


def tree_world(*controls: cm.Control) -> cm.Scenario:
    return world(territories=TREE, controls=controls)


def test_a_territory_without_records_derives_its_state_from_its_parts() -> None:
    scenario = tree_world(control("a", "d1", "x"), control("b", "d2", "x"), control("c", "d3", "y"))
    gov1 = scenario.controllers_on("gov1", "2017-01-01")
    assert (K.HELD, ("x",), ()) == answer(gov1)
    assert ("d1", "d2") == gov1.parts
    assert gov1.derived
    assert () == gov1.records
    assert (K.DIVIDED, ("x", "y"), ()) == answer(scenario.controllers_on("country", "2017-01-01"))
    assert (K.DIVIDED, ("x", "y"), ()) == answer(scenario.controllers_on("zone", "2017-01-01"))


@pytest.mark.parametrize(
    ("controls", "expected"),
    [
        ((), (K.UNRECORDED, (), ())),
        ((control("a", "d1", "x"),), (K.PARTIAL, ("x",), ())),
        ((control("a", "d1", "x"), control("b", "d2", "x", status=PARTIAL)), (K.PARTIAL, ("x",), ())),
        (
            (control("a", "d1", "x"), control("b", "d2", "x", status=BESIEGED, opponents=frozenset({"y"}))),
            (K.CONTESTED, ("x",), ("y",)),
        ),
        (
            (
                control("a", "d1", "x", status=BESIEGED, opponents=frozenset({"z"})),
                control("b", "d2", "x", status=BESIEGED, opponents=frozenset({"y"})),
            ),
            (K.BESIEGED, ("x",), ("y", "z")),
        ),
        ((control("a", "d1", "x", "y"), control("b", "d2", "y", "x")), (K.JOINT, ("x", "y"), ())),
        ((control("a", "d1", "x"), control("b", "d2", "y", start="2017-01")), (K.AMBIGUOUS, ("x", "y"), ())),
        (
            (control("a", "d1", "x"), control("b", "d2", "y"), control("c", "d2", "z")),
            (K.CONFLICTING, ("x", "y", "z"), ()),
        ),
    ],
)
def test_how_parts_combine(controls: tuple[cm.Control, ...], expected: Any) -> None:
    assert expected == answer(tree_world(*controls).controllers_on("gov1", "2017-01-15"))


def test_divided_parts_with_one_unrecorded_part_stay_divided() -> None:
    scenario = tree_world(control("a", "d1", "x"), control("b", "d2", "y"))
    assert (K.DIVIDED, ("x", "y"), ()) == answer(scenario.controllers_on("country", "2017-01-01"))
    assert K.UNRECORDED == scenario.controllers_on("gov2", "2017-01-01").kind


def test_own_records_win_over_parts() -> None:
    scenario = tree_world(control("own", "gov1", "z"), control("a", "d1", "x"))
    assert (K.HELD, ("z",), ()) == answer(scenario.controllers_on("gov1", "2017-01-01"))
    assert (K.HELD, ("x",), ()) == answer(scenario.controllers_on("d1", "2017-01-01"))


def test_a_territory_without_records_inherits_from_the_enclosing_holder() -> None:
    scenario = tree_world(control("g", "gov2", "y", status=CONTESTED, opponents=frozenset({"x"})))
    city = scenario.controllers_on("city", "2017-01-01")
    assert (K.CONTESTED, ("y",), ("x",)) == answer(city)
    assert "gov2" == city.inherited_from
    assert city.inherited
    assert ("g",) == city.records
    assert "city" == city.territory


def test_partial_control_of_the_enclosing_territory_is_not_inherited() -> None:
    scenario = tree_world(control("g", "gov2", "y", status=PARTIAL), control("c", "country", "z"))
    city = scenario.controllers_on("city", "2017-01-01")
    assert (K.HELD, ("z",), ()) == answer(city)
    assert "country" == city.inherited_from


def test_zone_components_inherit_along_their_own_parent_chain() -> None:
    scenario = tree_world(control("g", "gov2", "y"), control("d", "d2", "x"))
    zone = scenario.controllers_on("zone", "2017-01-01")
    assert (K.DIVIDED, ("x", "y"), ()) == answer(zone)
    assert ("d2", "d3") == zone.parts


CYCLES = world(
    territories=(
        territory("a", parent="b"),
        territory("b", parent="a"),
        territory("z", kind=cm.TerritoryKind.ZONE, components=frozenset({"y"})),
        territory("y", kind=cm.TerritoryKind.ZONE, components=frozenset({"z", "leaf"})),
        territory("leaf"),
    ),
    controls=(control("c", "leaf", "x"),),
)


def test_cycles_are_cut_and_do_not_hang() -> None:
    scenario = CYCLES
    # a cycle is cut where it closes, so the answers inside it depend on where one starts
    assert K.UNRECORDED == scenario.controllers_on("a", "2017-01-01").kind
    for zone in ("y", "z"):
        state = scenario.controllers_on(zone, "2017-01-01")
        assert state.kind in {K.HELD, K.PARTIAL}
        assert ("x",) == state.controllers
    assert ("a", "b", "leaf", "y", "z") == tuple(scenario.control_map("2017-01-01"))


def test_deep_trees_need_no_recursion() -> None:
    chain = tuple(territory(f"t{i:04d}", parent=f"t{i - 1:04d}" if i else None) for i in range(3000))
    scenario = world(territories=chain, controls=(control("c", "t2999", "x"),))
    assert (K.HELD, ("x",), ()) == answer(scenario.controllers_on("t0000", "2017-01-01"))


# --- control_map, batches, time lines, changes, territories_in ------------------------


def test_control_map_gives_every_territory_or_the_chosen_ones() -> None:
    scenario = tree_world(control("a", "d1", "x"))
    day = scenario.control_map("2017-01-01")
    assert sorted(t.id for t in TREE) == list(day)
    assert all(day[t] == scenario.controllers_on(t, "2017-01-01") for t in day)
    chosen = scenario.control_map("2017-01-01", territories=["d1", "city"])
    assert ["city", "d1"] == list(chosen)
    with pytest.raises(cm.UnknownIdError):
        scenario.control_map("2017-01-01", territories=["nowhere"])


def test_many_questions_at_once_answer_as_one_at_a_time() -> None:
    controls = (control("a", "d1", "x", start="2016-06"), control("b", "d3", "y", end="2016-12-31"))
    questions = [(t.id, day) for t in TREE for day in ("2016-01-01", "2016-06-15", dt.date(2017, 1, 1))]
    many = tree_world(*controls).controllers_on_many(questions)  # on a fresh scenario: nothing cached yet
    scenario = tree_world(*controls)
    assert tuple(scenario.controllers_on(t, d) for t, d in questions) == many
    # a territory's own records asked about first, in either form
    assert (K.AMBIGUOUS, ("x",), ()) == tree_world(*controls).controllers_on("d1", "2016-06-15").answer()
    assert (K.AMBIGUOUS, ("x",), ()) == tree_world(*controls).controllers_on_many([("d1", "2016-06-15")])[0].answer()
    with pytest.raises(cm.UnknownIdError):
        scenario.controllers_on_many([("nowhere", "2017-01-01")])


def test_states_made_by_the_fast_constructor_are_ordinary_frozen_states() -> None:
    controls = (control("a", "d1", "x", start="2016-06"), control("b", "d3", "y", end="2016-12-31"))
    questions = [(t.id, day) for t in TREE for day in ("2016-01-01", "2016-06-15", "2017-01-01")]
    for state in tree_world(*controls).controllers_on_many(questions):
        assert type(state) is cm.ControlState
        rebuilt = cm.ControlState(**attrs.asdict(state, recurse=False))
        assert rebuilt == state
        assert hash(rebuilt) == hash(state)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            state.kind = K.HELD  # type: ignore[misc]


def test_many_questions_in_a_cycle_answer_as_each_asked_alone() -> None:
    questions = [(t, "2017-01-01") for t in ("y", "z", "a", "b", "leaf", "z", "y", "b")]
    alone = tuple(attrs.evolve(CYCLES).controllers_on(t, d) for t, d in questions)
    assert alone == attrs.evolve(CYCLES).controllers_on_many(questions)
    assert alone[::-1] == attrs.evolve(CYCLES).controllers_on_many(questions[::-1])


def test_many_questions_raise_the_first_error_in_their_order() -> None:
    scenario = tree_world(control("a", "d1", "x", start="2017"))
    asked = [("d1", "2017-06-01"), ("zzz", "2017-06-01"), ("aaa", "2016-01-01"), ("d1", "2017-02-30")]
    with pytest.raises(cm.UnknownIdError) as raised:
        scenario.controllers_on_many(asked)
    assert "zzz" == raised.value.id
    with pytest.raises(cm.FieldError):  # the day comes before the unknown territory
        scenario.controllers_on_many([asked[0], asked[3], asked[1]])
    with pytest.raises(cm.UnknownIdError):  # the unknown territory before a question that is no pair
        scenario.controllers_on_many([asked[0], asked[1], ("d1",)])  # type: ignore[list-item]
    with pytest.raises(cm.ArgumentError, match="pairs"):
        scenario.controllers_on_many([asked[0], ("d1",), asked[1]])  # type: ignore[list-item]
    with pytest.raises(cm.ArgumentError, match="territory"):  # an unhashable territory, after the earlier ones
        scenario.controllers_on_many([asked[0], (["d1"], "2017-01-01"), asked[1]])  # type: ignore[list-item]
    # records of a territory missing from the tree answer where they say something
    ghost = world(territories=TREE, controls=(control("g", "ghost", "x", start="2017-01-01"),))
    assert ("g",) == ghost.controllers_on_many([("ghost", "2017-06-01")])[0].records
    with pytest.raises(cm.UnknownIdError):
        ghost.controllers_on_many([("ghost", "2017-06-01"), ("ghost", "2016-06-01")])


def test_timeline_lists_control_changes_in_order() -> None:
    periods = HANDOVER.timeline("t")
    assert [
        (dt.date(2015, 6, 1), dt.date(2017, 2, 28), (K.HELD, ("x",), ())),
        (dt.date(2017, 3, 1), dt.date(2017, 3, 31), (K.AMBIGUOUS, ("x", "y"), ())),
        (dt.date(2017, 4, 1), dt.date(2017, 12, 31), (K.HELD, ("y",), ())),
    ] == [(p.start, p.end, answer(p.state)) for p in periods]


def test_timeline_merges_records_that_say_the_same_and_keeps_gaps() -> None:
    scenario = world(
        territories=(territory("t"),),
        controls=(
            control("c1", "t", "x", end="2016-12-31"),
            control("c2", "t", "x", start="2017-01-01", end="2017-06-30"),
            control("c3", "t", "y", start="2017-08-01"),
        ),
    )
    periods = scenario.timeline("t")
    assert [
        (None, dt.date(2017, 6, 30), K.HELD, ("c1", "c2")),
        (dt.date(2017, 7, 1), dt.date(2017, 7, 31), K.UNRECORDED, ()),
        (dt.date(2017, 8, 1), None, K.HELD, ("c3",)),
    ] == [(p.start, p.end, p.state.kind, p.state.records) for p in periods]


def test_timeline_of_a_territory_without_records_follows_its_parts() -> None:
    scenario = tree_world(control("a", "d1", "x", start="2017-01-01"), control("b", "d2", "y", start="2017-02-01"))
    periods = scenario.timeline("gov1")
    assert [
        (dt.date(2017, 1, 1), dt.date(2017, 1, 31), K.PARTIAL),
        (dt.date(2017, 2, 1), None, K.DIVIDED),
    ] == [(p.start, p.end, p.state.kind) for p in periods]
    assert () == world(territories=TREE).timeline("gov1")


def test_timeline_leaves_out_unrecorded_stretches_at_either_end() -> None:
    # the partial record of gov2 is a bound of the city's time line, but says nothing of it
    scenario = tree_world(
        control("g", "gov2", "y", status=PARTIAL, start="2016-01-01"),
        control("c", "city", "x", start="2017-01-01", end="2017-06-30"),
    )
    assert [(dt.date(2017, 1, 1), dt.date(2017, 6, 30), K.HELD)] == [
        (p.start, p.end, p.state.kind) for p in scenario.timeline("city")
    ]


def test_changes_between_two_days() -> None:
    changes = HANDOVER.changes_between("2016-01-01", "2017-06-01")
    assert [("t", ("x",), ("y",))] == [(c.territory, c.before.controllers, c.after.controllers) for c in changes]
    assert () == HANDOVER.changes_between("2016-01-01", "2016-02-01")
    scenario = tree_world(control("a", "d1", "x", start="2017-01-01"), control("b", "d3", "y", start="2017-01-01"))
    assert ["d1", "gov1"] == [c.territory for c in scenario.changes_between("2016-01-01", "2017-06-01", within="gov1")]
    assert ["city", "country", "d1", "d3", "gov1", "gov2", "zone"] == [
        c.territory for c in scenario.changes_between("2016-01-01", "2017-06-01")
    ]
    with pytest.raises(cm.UnknownIdError):
        scenario.changes_between("2016-01-01", "2017-06-01", within="nowhere")


def test_territories_in_follows_children_and_components() -> None:
    scenario = world(territories=TREE)
    assert ("city", "d1", "d2", "d3", "gov1", "gov2") == scenario.territories_in("country")
    assert ("city", "d2", "d3") == scenario.territories_in("zone")
    assert () == scenario.territories_in("city")
    with pytest.raises(cm.UnknownIdError):
        scenario.territories_in("nowhere")


# --- partition ----------------------------------------------------------------------

STATE = (
    actor("sy", kind=cm.ActorKind.STATE, country="SYR"),
    actor("gov", kind=cm.ActorKind.GOVERNMENT, country="SYR", parent="sy"),
    actor("army", kind=cm.ActorKind.ARMED_FORCE, parent="sy"),
    actor("militia", kind=cm.ActorKind.MILITIA),
    actor("rebels"),
    actor("kurds"),
)
LAND = (
    territory("c", kind=cm.TerritoryKind.COUNTRY, area_km2=1000, population=100, external_ids={"iso3": "SYR"}),
    territory("a", kind=cm.TerritoryKind.ADMIN1, parent="c", area_km2=400, population=50),
    territory("b", kind=cm.TerritoryKind.ADMIN1, parent="c", area_km2=300, population=30),
    territory("b1", parent="b", area_km2=100, population=10),
    territory("b2", parent="b", area_km2=200, population=20),
    territory("e", kind=cm.TerritoryKind.ADMIN1, parent="c", area_km2=250, population=20),
    territory("town", kind=cm.TerritoryKind.TOWN, parent="e"),
    territory("z", kind=cm.TerritoryKind.ZONE, parent="c", components=frozenset({"a", "b1"})),
)


def shares(partition: cm.Partition) -> list[tuple[tuple[str, ...], float]]:
    return [(s.controllers, round(s.share, 9)) for s in partition.shares]


def land(*controls: cm.Control) -> cm.Scenario:
    return world(actors=STATE, territories=LAND, controls=controls)


def test_partition_by_area_with_a_remainder_left_to_the_country() -> None:
    scenario = land(
        control("1", "a", "army"),
        control("2", "b1", "rebels"),
        control("3", "b2", "army", "militia"),
        control("4", "e", "kurds", status=CONTESTED, opponents=frozenset({"army"})),
    )
    p = scenario.partition("2017-01-01", within="c")
    # pieces: a 400, b1 100, b2 200, e 250 (town has no area), rest of c: 1000 - 950 = 50 unrecorded
    assert 1000 == p.total
    assert [(("army",), 0.4), (("kurds",), 0.25), (("army", "militia"), 0.2), (("rebels",), 0.1)] == shares(p)
    assert pytest.approx(0.05) == p.unrecorded
    assert pytest.approx(0.25) == p.contested
    assert pytest.approx(0.5) == p.share_of("army")
    assert pytest.approx(0.1) == p.share_of("militia")
    assert 0.0 == p.share_of("nobody")
    assert "gov" == p.government
    assert pytest.approx(0.6) == p.government_share
    held = [0.4, 0.25, 0.2, 0.1]
    assert pytest.approx(sum(held) ** 2 / sum(s * s for s in held)) == p.effective_controllers
    assert 5 == p.pieces
    assert ("town",) == p.unweighted  # its share is in the rest of e
    assert dt.date(2017, 1, 1) == p.day
    assert "area" == p.weight


def test_partition_by_population_and_by_count() -> None:
    scenario = land(control("1", "c", "army"), control("2", "b2", "rebels"))
    by_people = scenario.partition("2017-01-01", within="c", weight="population")
    assert [(("army",), 0.8), (("rebels",), 0.2)] == shares(by_people)
    by_count = scenario.partition("2017-01-01", within="c", weight="count")
    # leaves: a, b1, b2, town; no remainders when counting
    assert 4 == by_count.total
    assert [(("army",), 0.75), (("rebels",), 0.25)] == [(s.controllers, s.share) for s in by_count.shares]


def test_partition_reports_ambiguous_undetermined_and_unweighted_pieces() -> None:
    scenario = land(
        control("1", "a", "army", start="2017-01"),
        control("2", "b1", "rebels", status=PARTIAL),
        control("3", "b2", "rebels"),
        control("4", "b2", "kurds"),
    )
    p = scenario.partition("2017-01-15", within="c")
    assert pytest.approx(0.4) == p.ambiguous
    assert pytest.approx(0.3) == p.undetermined
    assert pytest.approx(0.3) == p.unrecorded
    assert () == p.shares
    assert p.effective_controllers is None
    assert 0.0 == p.government_share
    assert pytest.approx(1.0) == p.ambiguous + p.undetermined + p.unrecorded


def test_partition_leaves_without_weight_are_listed() -> None:
    scenario = world(
        actors=STATE,
        territories=(
            territory("c", kind=cm.TerritoryKind.COUNTRY),
            territory("x1", parent="c", area_km2=10),
            territory("x2", parent="c"),
        ),
        controls=(control("1", "x1", "army"),),
    )
    p = scenario.partition("2017-01-01", within="c")
    assert ("x2",) == p.unweighted
    assert 10 == p.total
    assert p.government is None
    assert p.government_share is None


def test_partition_within_a_zone_uses_its_components() -> None:
    scenario = land(control("1", "a", "army"), control("2", "b1", "rebels"))
    p = scenario.partition("2017-01-01", within="z")
    assert 500 == p.total
    assert [(("army",), 0.8), (("rebels",), 0.2)] == shares(p)


def test_partition_ignores_small_remainders_and_inherits_into_pieces() -> None:
    scenario = world(
        actors=STATE,
        territories=(
            territory("c", kind=cm.TerritoryKind.COUNTRY, area_km2=1005),
            territory("p1", parent="c", area_km2=500),
            territory("p2", parent="c", area_km2=500),
        ),
        controls=(control("1", "c", "rebels"), control("2", "p1", "army")),
    )
    p = scenario.partition("2017-01-01", within="c", government="gov")
    assert 1000 == p.total  # the 5 km2 left over is below 1% of the country
    assert [(("army",), 0.5), (("rebels",), 0.5)] == [(s.controllers, s.share) for s in p.shares]
    assert 0.5 == p.government_share


def test_partition_outside_any_country_has_no_government() -> None:
    scenario = world(
        actors=STATE,
        territories=(territory("region", kind=cm.TerritoryKind.REGION, area_km2=10),),
        controls=(control("1", "region", "army"),),
    )
    p = scenario.partition("2017-01-01", within="region")
    assert (None, None) == (p.government, p.government_share)
    assert [(("army",), 1.0)] == shares(p)
    assert 1.0 == p.effective_controllers


def test_partition_refuses_unknown_weights_and_territories() -> None:
    scenario = land()
    with pytest.raises(cm.ArgumentError, match=r"^weight: expected 'area', 'population' or 'count', not 'acres'$"):
        scenario.partition("2017-01-01", within="c", weight="acres")  # type: ignore[arg-type]
    with pytest.raises(cm.UnknownIdError):
        scenario.partition("2017-01-01", within="nowhere")


# --- alignment ----------------------------------------------------------------------

ALIGNED = world(
    actors=(*(actor(a) for a in ("a", "b", "c", "d", "e")), actor("a-force", parent="a")),
    alliances=(
        cm.Alliance(
            id="pact",
            name="Pact",
            kind=cm.AllianceKind.DEFENCE_PACT,
            period=period("2010-01-01", None),
            members=(
                cm.Membership(actor="a"),
                cm.Membership(actor="b", period=period("2015-06", None)),
                cm.Membership(actor="c", period=period("2012-01-01", "2014-12-31")),
            ),
        ),
        cm.Alliance(
            id="talks",
            name="Talks",
            kind=cm.AllianceKind.GUARANTOR_FORMAT,
            members=(cm.Membership(actor="a"), cm.Membership(actor="d")),
        ),
    ),
    supports=(
        cm.Support(
            id="s1",
            supporter="a",
            recipient="e",
            kinds=frozenset({cm.SupportKind.WEAPONS}),
            period=period("2015", None),
        ),
        cm.Support(id="s2", supporter="b", recipient="e", kinds=frozenset({cm.SupportKind.FUNDING}), alleged=True),
        cm.Support(id="s3", supporter="a", recipient="e", kinds=frozenset({cm.SupportKind.TROOPS}), alleged=True),
    ),
    hostilities=(cm.Hostility(id="h", side_a=("d", "b"), side_b=("e",), period=period("2016-01-01", None)),),
)


def ties(found: tuple[cm.Tie, ...]) -> list[tuple[str, bool, tuple[str, ...]]]:
    return [(t.actor, t.certain, t.via) for t in found]


def test_allies_through_alliances_and_memberships_active_that_day() -> None:
    assert [("b", True, ("pact",)), ("d", True, ("talks",))] == ties(ALIGNED.allies_of("a", "2016-01-01"))
    assert [("b", False, ("pact",)), ("d", True, ("talks",))] == ties(ALIGNED.allies_of("a", "2015-06-15"))
    assert [("c", True, ("pact",)), ("d", True, ("talks",))] == ties(ALIGNED.allies_of("a", "2013-01-01"))
    assert [("a", True, ("pact",))] == ties(ALIGNED.allies_of("c", "2013-01-01"))
    assert [] == ties(ALIGNED.allies_of("c", "2016-01-01"))
    assert [("b", True, ("pact",))] == ties(ALIGNED.allies_of("a", "2016-01-01", kinds=[cm.AllianceKind.DEFENCE_PACT]))
    assert [] == ties(ALIGNED.allies_of("a", "2009-01-01", kinds=[cm.AllianceKind.DEFENCE_PACT]))
    assert [] == ties(ALIGNED.allies_of("e", "2016-01-01"))


def test_supporters_and_clients_with_kinds_and_alleged_support() -> None:
    found = ALIGNED.supporters_of("e", "2016-01-01")
    assert [("a", True, ("s1", "s3")), ("b", True, ("s2",))] == ties(found)
    assert [False, True] == [t.alleged for t in found]
    assert frozenset({cm.SupportKind.WEAPONS, cm.SupportKind.TROOPS}) == found[0].kinds
    assert [("a", True, ("s1",))] == ties(ALIGNED.supporters_of("e", "2016-01-01", include_alleged=False))
    assert [("a", False, ("s1",))] == ties(ALIGNED.supporters_of("e", "2015-06-01", include_alleged=False))
    assert [("e", True, ("s1", "s3"))] == ties(ALIGNED.clients_of("a", "2016-01-01"))
    assert [] == ties(ALIGNED.clients_of("b", "2016-01-01", include_alleged=False))


def test_enemies_through_hostilities() -> None:
    assert [("b", True, ("h",)), ("d", True, ("h",))] == ties(ALIGNED.enemies_of("e", "2016-01-01"))
    assert [("e", True, ("h",))] == ties(ALIGNED.enemies_of("d", "2016-01-01"))
    assert [] == ties(ALIGNED.enemies_of("d", "2015-12-31"))


def test_alignment_queries_refuse_unknown_actors() -> None:
    for query in (ALIGNED.allies_of, ALIGNED.supporters_of, ALIGNED.clients_of, ALIGNED.enemies_of):
        with pytest.raises(cm.UnknownIdError):
            query("nobody", "2016-01-01")


def test_camps_split_on_hostility_and_report_the_bridges() -> None:
    camps = ALIGNED.camps("2016-01-01")
    # b and d fight side by side, and a arms e: both outrank the defence pact of a and b,
    # which would put e in a camp with its enemies b and d, so the pact is a bridge; the
    # guarantor format does not join camps by default.
    assert [
        (("a", "e"), ("s1",), ("pact",), ("b", "d")),
        (("b", "d"), ("h",), ("pact",), ("e",)),
    ] == [(c.members, c.ties, c.bridges, c.enemies) for c in camps]


def test_camps_options() -> None:
    with_talks = ALIGNED.camps("2016-01-01", alliance_kinds=list(cm.AllianceKind))
    # the talks (a with d) and the pact (a with b) are of one rank: together they would
    # join e's camp to its enemies', so neither joins
    assert [(("a", "e"), ("pact", "talks")), (("b", "d"), ("pact", "talks"))] == [
        (c.members, c.bridges) for c in with_talks
    ]
    assert () == ALIGNED.camps("2015-01-01")  # nothing certainly holds yet
    before = ALIGNED.camps("2015-12-31")  # no hostility yet
    assert [("a", "b", "e")] == [c.members for c in before]
    possibly = ALIGNED.camps("2015-06-15", reading="possibly", include_alleged=True)
    assert [(("a", "b", "e"), ("pact", "s1", "s2", "s3"))] == [(c.members, c.ties) for c in possibly]
    force = attrs.evolve(
        ALIGNED,
        supports=(
            *ALIGNED.supports,
            cm.Support(id="s4", supporter="a-force", recipient="c", kinds=frozenset({cm.SupportKind.TROOPS})),
        ),
    )
    assert ("a", "a-force", "c", "e") == force.camps("2016-01-01")[0].members  # a force joins its parent
    with pytest.raises(cm.ArgumentError, match=r"^reading: expected 'certainly' or 'possibly', not 'surely'$"):
        ALIGNED.camps("2016-01-01", reading="surely")  # type: ignore[arg-type]


# --- agreements ---------------------------------------------------------------------

G = cm.Role.GUARANTOR
DEAL = world(
    actors=(
        actor("ru", kind=cm.ActorKind.STATE),
        actor("ru-af", kind=cm.ActorKind.ARMED_FORCE, parent="ru"),
        actor("tr", kind=cm.ActorKind.STATE),
        actor("sy", kind=cm.ActorKind.STATE),
        actor("army", kind=cm.ActorKind.ARMED_FORCE, parent="sy"),
        actor("gov", kind=cm.ActorKind.GOVERNMENT, parent="sy"),
        actor("rebels"),
        actor("un", kind=cm.ActorKind.ORGANISATION, active=period("1945", None)),
        actor("old", active=period("1990", "2000")),
    ),
    territories=(
        territory("c", kind=cm.TerritoryKind.COUNTRY),
        territory("g1", kind=cm.TerritoryKind.ADMIN1, parent="c"),
        territory("g2", kind=cm.TerritoryKind.ADMIN1, parent="c"),
        territory("town", kind=cm.TerritoryKind.TOWN, parent="g1"),
        territory("zone", kind=cm.TerritoryKind.ZONE, components=frozenset({"g1"})),
    ),
    supports=(cm.Support(id="s", supporter="ru", recipient="gov", kinds=frozenset({cm.SupportKind.AIR_SUPPORT})),),
    agreements=(
        cm.Agreement(
            id="mou",
            name="MoU",
            kind=cm.AgreementKind.DE_ESCALATION,
            signed=cm.PartialDate(2017, 5, 4),
            in_force=period("2017-05-06", "2017-12"),
            covers=frozenset({"zone"}),
            actors=(
                party("ru", G, cm.Role.SIGNATORY),
                party("tr", G),
                party("rebels", cm.Role.PARTY),
                party("un", cm.Role.OBSERVER),
                party("old", cm.Role.OBSERVER),
            ),
        ),
        cm.Agreement(
            id="truce",
            name="Truce",
            kind=cm.AgreementKind.CEASEFIRE,
            in_force=period("2017-07", None),
            covers=frozenset({"c"}),
        ),
        cm.Agreement(id="talks", name="Talks", kind=cm.AgreementKind.TALKS, covers=frozenset({"c"})),
    ),
    events=(
        cm.Event(
            id="e1",
            kind=cm.EventKind.AIR_STRIKE,
            date=period("2017-11-14", "2017-11-14"),
            location="town",
            actors=(
                cm.EventActor(actor="ru-af", role=cm.EventRole.SIDE_A),
                cm.EventActor(actor="rebels", role=cm.EventRole.TARGET),
            ),
        ),
        cm.Event(
            id="e2",
            kind=cm.EventKind.SHELLING,
            date=period("2017-11-20", "2017-11-20"),
            location="g1",
            actors=(cm.EventActor(actor="army", role=cm.EventRole.SIDE_A),),
        ),
        cm.Event(
            id="e3",
            kind=cm.EventKind.BATTLE,
            date=period("2017-12", "2017-12"),
            location="zone",
            actors=(
                cm.EventActor(actor="army", role=cm.EventRole.SIDE_A),
                cm.EventActor(actor="rebels", role=cm.EventRole.SIDE_B),
            ),
        ),
        cm.Event(
            id="e4",
            kind=cm.EventKind.BATTLE,
            date=period("2017-11-01", "2017-11-01"),
            location="g2",
            actors=(cm.EventActor(actor="rebels", role=cm.EventRole.SIDE_A),),
        ),
        cm.Event(
            id="e5",
            kind=cm.EventKind.MEETING,
            date=period("2017-11-01", "2017-11-01"),
            location="town",
            actors=(cm.EventActor(actor="ru", role=cm.EventRole.PARTICIPANT),),
        ),
        cm.Event(
            id="e6",
            kind=cm.EventKind.AIR_STRIKE,
            date=period("2017-05-01", "2017-05-01"),
            location="town",
            actors=(cm.EventActor(actor="ru-af", role=cm.EventRole.SIDE_A),),
        ),
    ),
    violations=(
        cm.Violation(
            id="v1", agreement="mou", violator="ru", date=cm.PartialDate(2017, 11, 14), events=frozenset({"e1"})
        ),
        cm.Violation(id="v0", agreement="truce", violator="army", date=cm.PartialDate(2017, 11)),
    ),
)


def test_agreements_in_force_on_a_day() -> None:
    assert [("mou", True, ())] == [(a.agreement, a.certain, a.via) for a in DEAL.agreements_in_force("2017-06-01")]
    assert [("mou", False), ("truce", True)] == [
        (a.agreement, a.certain) for a in DEAL.agreements_in_force("2017-12-15")
    ]
    assert [("mou", True), ("truce", False)] == [
        (a.agreement, a.certain) for a in DEAL.agreements_in_force("2017-07-01")
    ]
    assert () == DEAL.agreements_in_force("2017-05-05")


def test_agreements_covering_a_territory_through_zones_and_parents() -> None:
    found = DEAL.agreements_in_force("2017-08-01", covering="town")
    assert [("mou", ("zone",)), ("truce", ("c",))] == [(a.agreement, a.via) for a in found]
    assert ["truce"] == [a.agreement for a in DEAL.agreements_in_force("2017-08-01", covering="g2")]
    assert ["truce"] == [a.agreement for a in DEAL.agreements_in_force("2017-08-01", covering="c")]
    with pytest.raises(cm.UnknownIdError):
        DEAL.agreements_in_force("2017-08-01", covering="nowhere")


def test_actors_of_an_agreement_on_a_day() -> None:
    # "old" observes, but was not active in 2017
    assert ["rebels", "ru", "tr", "un"] == [t.actor for t in DEAL.actors_of("mou", "2017-08-01")]
    assert ["ru", "tr"] == [t.actor for t in DEAL.actors_of("mou", "2017-08-01", role=G)]
    assert [False, False] == [t.certain for t in DEAL.actors_of("mou", "2017-12-15", role=G)]
    assert [("mou",)] == list({t.via for t in DEAL.actors_of("mou", "2017-08-01")})
    assert () == DEAL.actors_of("mou", "2018-01-01")
    assert () == DEAL.actors_of("talks", "2017-08-01")
    with pytest.raises(cm.UnknownIdError):
        DEAL.actors_of("nothing", "2017-08-01")


def test_violations_derived_from_hostile_events_by_bound_actors() -> None:
    found = DEAL.violations_of("mou")
    assert ["v1"] == [v.id for v in found.recorded]
    assert "mou" == found.agreement
    # e1: the Russian air force, under guarantor ru, strikes a town inside the zone.
    # e3: a battle; rebels (a party) are on side B. e2 and e3 by the army: not bound.
    # e4 is outside the zone, e5 is no hostile event, e6 is before entry into force.
    assert [
        ("e1", "town", ("ru-af",), ("ru",), (), True, ("v1",)),
        ("e3", "zone", ("rebels",), ("rebels",), ("ru",), False, ()),
    ] == [(c.event, c.territory, c.actors, c.accountable, c.guarantors, c.certain, c.recorded) for c in found.derived]


def test_violations_by_anyone_include_unbound_perpetrators() -> None:
    found = DEAL.violations_of("mou", by="anyone")
    assert [("e1", ("ru-af",)), ("e2", ("army",)), ("e3", ("army", "rebels"))] == [
        (c.event, c.actors) for c in found.derived
    ]
    # the army's side (its state and government) is backed by guarantor ru
    assert ("ru",) == found.derived[1].guarantors
    assert () == found.derived[1].accountable


A, B, T = cm.EventRole.SIDE_A, cm.EventRole.SIDE_B, cm.EventRole.TARGET


def hostile(eid: str, kind: cm.EventKind, *actors: tuple[str, cm.EventRole]) -> cm.Event:
    return cm.Event(
        id=eid,
        kind=kind,
        date=period("2017-08-01", "2017-08-01"),
        location="z",
        actors=tuple(cm.EventActor(actor=a, role=r) for a, r in actors),
    )


# A truce between the army and the rebels that does not apply to the Islamic State.
EXCLUDING = world(
    actors=(actor("army"), actor("rebels"), actor("is"), actor("is-cell", parent="is"), actor("civilians")),
    territories=(territory("z"),),
    agreements=(
        cm.Agreement(
            id="truce",
            name="Truce",
            kind=cm.AgreementKind.CEASEFIRE,
            in_force=period("2017-07", None),
            covers=frozenset({"z"}),
            actors=(
                party("army", cm.Role.PARTY),
                party("rebels", cm.Role.PARTY),
                party("is", cm.Role.EXCLUDED),
            ),
        ),
    ),
    events=(
        hostile("b1", cm.EventKind.BATTLE, ("army", A), ("is", B)),  # fighting the excluded: no breach
        hostile("b2", cm.EventKind.BATTLE, ("army", A), ("rebels", B)),  # between the parties
        hostile("b3", cm.EventKind.BATTLE, ("is-cell", A), ("army", B)),  # a unit under the excluded
        hostile("b4", cm.EventKind.BATTLE, ("rebels", A), ("is", A), ("army", B)),  # the army fights both
        hostile("s1", cm.EventKind.AIR_STRIKE, ("army", A)),  # no target recorded: whom it hit is unknown
        hostile("s2", cm.EventKind.AIR_STRIKE, ("army", A), ("is", T), ("civilians", T)),
        hostile("s3", cm.EventKind.AIR_STRIKE, ("army", A), ("is-cell", T)),
        hostile("s4", cm.EventKind.ATTACK_ON_CIVILIANS, ("is", A), ("civilians", T)),  # by the excluded
    ),
)


@pytest.mark.parametrize("by", ["bound", "anyone"])
def test_violations_leave_out_what_the_agreement_excludes(by: cm.Perpetrators) -> None:
    found = EXCLUDING.violations_of("truce", by=by)
    assert [
        ("b2", ("army", "rebels")),
        ("b4", ("rebels", "army")),
        ("s1", ("army",)),
        ("s2", ("army",)),
    ] == [(c.event, c.actors) for c in found.derived]
    assert [("army", "rebels"), ("army", "rebels"), ("army",), ("army",)] == [c.accountable for c in found.derived]


def test_an_excluded_actor_is_one_the_agreement_does_not_bind() -> None:
    with pytest.raises(cm.FieldError, match=r"^roles: both excluded and guarantor, party: an agreement does not"):
        cm.AgreementActor(actor="is", roles=frozenset({cm.Role.EXCLUDED, cm.Role.PARTY, cm.Role.GUARANTOR}))
    assert {cm.Role.EXCLUDED, cm.Role.MONITOR} == cm.AgreementActor(
        actor="is", roles=frozenset({cm.Role.EXCLUDED, cm.Role.MONITOR})
    ).roles


def test_violations_of_agreements_without_coverage_or_in_force_period() -> None:
    assert () == DEAL.violations_of("talks").derived
    truce = DEAL.violations_of("truce")
    assert ["v0"] == [v.id for v in truce.recorded]
    assert () == truce.derived  # no actor of the truce is named
    anyone = DEAL.violations_of("truce", by="anyone")
    # by date; e3 is in the zone, which is not inside the country (zones have no parent here)
    assert ["e4", "e1", "e2"] == [c.event for c in anyone.derived]
    assert {()} == {c.guarantors for c in anyone.derived}  # the truce has no guarantors
    missing = attrs.evolve(DEAL.get("truce", cm.Agreement), id="ghost", covers=frozenset({"atlantis"}))
    haunted = attrs.evolve(DEAL, agreements=(*DEAL.agreements, missing))
    assert () == haunted.violations_of("ghost", by="anyone").derived
    with pytest.raises(cm.ArgumentError, match=r"^by: expected 'bound' or 'anyone', not 'everyone'$"):
        DEAL.violations_of("mou", by="everyone")  # type: ignore[arg-type]
    with pytest.raises(cm.UnknownIdError):
        DEAL.violations_of("nothing")


# --- indexes are built once ---------------------------------------------------------


def test_interval_layers_hold_at_most_the_deepest_overlap() -> None:
    index = IntervalIndex([(1, 5, "a"), (2, 3, "b"), (4, 9, "c"), (6, 7, "d"), (10, 10, "e")])
    assert 2 == index.depth
    assert ["a", "b"] == sorted(index.stab(3))
    assert ["c", "d"] == sorted(index.overlapping(6, 6))
    assert ["a", "b", "c", "d", "e"] == sorted(index.overlapping(0, 99))
    assert [] == index.stab(11)


@given(
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 12)), max_size=30),
    st.lists(st.integers(-2, 60), max_size=20),
)
def test_each_interval_layer_is_sorted_and_disjoint_so_one_bisection_stabs_it(
    intervals: list[tuple[int, int]], points: list[int]
) -> None:
    index = IntervalIndex([(low, low + length, i) for i, (low, length) in enumerate(intervals)])
    brute = [sorted(i for i, (low, length) in enumerate(intervals) if low <= p <= low + length) for p in points]
    for lows, highs, _ in index.layers:
        assert all(high < low for high, low in zip(highs, lows[1:], strict=False))
    by_layers = []  # the stab the batch query writes out: one bisection per layer
    for p in points:
        found = []
        for lows, highs, items in index.layers:
            j = bisect.bisect_right(lows, p) - 1
            if j >= 0 and highs[j] >= p:
                found.append(items[j])
        by_layers.append(sorted(found))
    assert brute == by_layers
    assert brute == [sorted(index.stab(p)) for p in points]
    assert sum(len(lows) for lows, _, _ in index.layers) == len(intervals)


def test_indexes_are_built_once_and_not_part_of_equality() -> None:
    scenario = tree_world(control("a", "d1", "x"))
    twin = tree_world(control("a", "d1", "x"))
    scenario.controllers_on("d1", "2017-01-01")
    first = scenario._indexes()
    scenario.partition("2017-01-01", within="country", weight="count")
    assert first is scenario._indexes()
    assert first.controls is scenario._indexes().controls
    assert scenario == twin
    assert hash(scenario) == hash(twin)
    assert "_query_indexes" not in repr(scenario)


# --- who an agreement binds, what it covers, when talks sit ------------------------------

COVER = world(
    territories=(
        territory("c", kind=cm.TerritoryKind.COUNTRY),
        territory("g1", kind=cm.TerritoryKind.ADMIN1, parent="c"),
        territory("g2", kind=cm.TerritoryKind.ADMIN1, parent="c"),
        territory("g3", kind=cm.TerritoryKind.ADMIN1, parent="c"),
        territory("d1", kind=cm.TerritoryKind.ADMIN2, parent="g1"),
        territory("d2", kind=cm.TerritoryKind.ADMIN2, parent="g2"),
        territory("d3", kind=cm.TerritoryKind.ADMIN2, parent="g3"),
        territory("south", kind=cm.TerritoryKind.ZONE, components=frozenset({"d1", "d2"})),
        territory("wide", kind=cm.TerritoryKind.ZONE, components=frozenset({"d2", "d3"})),
        territory("zz", kind=cm.TerritoryKind.ZONE, components=frozenset({"south"})),
    ),
    agreements=tuple(
        cm.Agreement(id=gid, name=gid, kind=cm.AgreementKind.CEASEFIRE, in_force=period("2017", None), covers=covers)
        for gid, covers in (
            ("govs", frozenset({"g1", "g2"})),  # the governorates the southern zone lies in
            ("zone", frozenset({"south"})),
            ("town", frozenset({"d3"})),
        )
    ),
)


def _covering(where: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(a.agreement, a.via) for a in COVER.agreements_in_force("2017-12-31", covering=where)]


def test_an_agreement_covers_what_it_lists_and_what_lies_inside() -> None:
    assert [("govs", ("g1",))] == _covering("g1")  # listed
    assert [("govs", ("g1",)), ("zone", ("south",))] == _covering("d1")  # under a listed one, or in a listed zone


def test_an_agreement_covers_a_zone_lying_within_what_it_lists() -> None:
    # every component of the zone lies in a listed governorate
    assert [("govs", ("g1", "g2")), ("zone", ("south",))] == _covering("south")
    # and so for a zone of zones
    assert [("govs", ("g1", "g2")), ("zone", ("south",))] == _covering("zz")


def test_an_agreement_does_not_cover_a_zone_it_covers_only_in_part() -> None:
    assert [] == _covering("wide")  # d2 through govs, d3 through town: no one agreement covers both
    assert [] == _covering("c")  # a country is not covered by agreements on some of its parts


BOUND = world(
    actors=(
        actor("sy", kind=cm.ActorKind.STATE),
        actor("gov", kind=cm.ActorKind.GOVERNMENT, parent="sy"),
        actor("army", kind=cm.ActorKind.ARMED_FORCE, parent="sy"),
        actor("brigade", kind=cm.ActorKind.ARMED_FORCE, parent="army"),
        actor("ru", kind=cm.ActorKind.STATE),
        actor("ru-af", kind=cm.ActorKind.ARMED_FORCE, parent="ru"),
        actor("rebels"),
        actor("militia"),
    ),
    territories=(territory("z", kind=cm.TerritoryKind.ZONE),),
    agreements=(
        cm.Agreement(
            id="mou",
            name="MoU",
            kind=cm.AgreementKind.DE_ESCALATION,
            in_force=period("2017-05-06", None),
            covers=frozenset({"z"}),
            actors=(
                party("gov", cm.Role.PARTY),
                party("rebels", cm.Role.SIGNATORY),
                party("ru", cm.Role.GUARANTOR),
            ),
        ),
    ),
    events=tuple(
        cm.Event(
            id=f"e-{who}",
            kind=cm.EventKind.AIR_STRIKE,
            date=period("2017-11-14", "2017-11-14"),
            location="z",
            actors=(cm.EventActor(actor=who, role=cm.EventRole.SIDE_A),),
        )
        for who in ("army", "brigade", "gov", "militia", "rebels", "ru-af", "sy")
    ),
)


def test_an_agreement_binds_its_parties_signatories_guarantors_and_those_under_them() -> None:
    found = {c.event: c.accountable for c in BOUND.violations_of("mou").derived}
    assert {
        "e-army": ("gov",),  # an army under the state its government is a party for
        "e-brigade": ("gov",),
        "e-gov": ("gov",),
        "e-rebels": ("rebels",),
        "e-ru-af": ("ru",),  # under a guarantor
        "e-sy": ("gov",),  # the state itself, which the government acts for
    } == found
    assert "e-militia" in {c.event for c in BOUND.violations_of("mou", by="anyone").derived}


def test_talks_rounds_have_their_actors_on_the_days_they_met() -> None:
    mediator = cm.Role.MEDIATOR
    talks = cm.Agreement(
        id="geneva",
        name="Geneva",
        kind=cm.AgreementKind.TALKS,
        met=period("2017-11-28", "2017-12-14"),
        actors=(party("un", mediator),),
    )
    s = world(actors=(actor("un", kind=cm.ActorKind.ORGANISATION),), agreements=(talks,))
    assert [("un", True)] == [(t.actor, t.certain) for t in s.actors_of("geneva", "2017-11-30", role=mediator)]
    assert () == s.actors_of("geneva", "2017-12-15")
    assert () == s.agreements_in_force("2017-11-30")  # sitting is not being in force
    loose = attrs.evolve(s, agreements=(attrs.evolve(talks, met=period("2017-11", "2017-12")),))
    assert [("un", False)] == [(t.actor, t.certain) for t in loose.actors_of("geneva", "2017-11-15")]


# --- partition: portions, grouping, the default territory ------------------------------

BOX = ((36.0, 35.0), (37.0, 35.0), (37.0, 36.0), (36.0, 36.0), (36.0, 35.0))
HALF = ((36.0, 35.0), (36.5, 35.0), (36.5, 36.0), (36.0, 36.0), (36.0, 35.0))


def portioned(*records: cm.Control, area: float = 100.0) -> cm.Scenario:
    return world(
        actors=(actor("x"), actor("y"), actor("z")),
        territories=(
            territory("c", kind=cm.TerritoryKind.COUNTRY, area_km2=area),
            territory("other", kind=cm.TerritoryKind.COUNTRY),
        ),
        controls=records,
    )


def part(cid: str, who: str, fraction: float, geometry: cm.Geometry | None = None) -> cm.Control:
    return cm.Control(
        id=cid,
        territory="c",
        controllers=(who,),
        period=period("2017-01-01", None),
        status=cm.ControlStatus.PARTIAL,
        portion=cm.Portion(fraction=fraction, geometry=geometry),
    )


def test_partial_records_count_their_portions_and_the_rest_is_undetermined() -> None:
    s = portioned(part("p1", "x", 0.5), part("p2", "y", 0.25))
    p = s.partition("2017-06-01", within="c")
    assert [(("x",), 0.5), (("y",), 0.25)] == [(share.controllers, share.share) for share in p.shares]
    assert 0.25 == p.undetermined
    assert 0.0 == p.unrecorded


def test_portions_beyond_the_whole_are_scaled_down() -> None:
    p = portioned(part("p1", "x", 0.8), part("p2", "y", 0.4)).partition("2017-06-01", within="c")
    assert [pytest.approx(2 / 3), pytest.approx(1 / 3)] == [share.share for share in p.shares]
    assert 0.0 == p.undetermined


def test_a_portion_geometry_weighs_by_its_area_but_not_by_count() -> None:
    half = cm.Geometry(type=cm.GeometryType.POLYGON, coordinates=(HALF,))
    whole = area_km2(cm.Geometry(type=cm.GeometryType.POLYGON, coordinates=(BOX,)))
    assert whole is not None
    s = portioned(part("p1", "x", 0.9, geometry=half), area=whole)
    by_area = s.partition("2017-06-01", within="c")
    assert pytest.approx(0.5, rel=1e-3) == by_area.share_of("x")  # the outline's area, not the stated 0.9
    assert 0.9 == s.partition("2017-06-01", within="c", weight="count").share_of("x")


def test_within_defaults_to_the_only_country_and_otherwise_lists_them() -> None:
    s = portioned(part("p1", "x", 0.5))
    with pytest.raises(cm.AmbiguousTerritoryError) as raised:
        s.partition("2017-06-01")
    assert ("c", "other") == raised.value.candidates
    assert "'c', 'other'" in str(raised.value)
    alone = attrs.evolve(s, territories=s.territories[:1])
    assert "c" == alone.partition("2017-06-01").within
    with pytest.raises(cm.AmbiguousTerritoryError, match="no territory of kind 'country'"):
        world().partition("2017-06-01")
    with pytest.raises(cm.ArgumentError, match=r"^by: expected 'controllers', 'actor' or 'camp', not 'bloc'$"):
        alone.partition("2017-06-01", by="bloc")  # type: ignore[arg-type]
    with pytest.raises(cm.UnknownIdError):
        alone.camps("2017-06-01", within="nowhere")


def test_partition_by_camp_groups_the_shares_of_allies() -> None:
    s = attrs.evolve(
        portioned(part("p1", "x", 0.5), part("p2", "y", 0.25), part("p3", "z", 0.25)),
        supports=(cm.Support(id="s", supporter="x", recipient="y", kinds=frozenset({cm.SupportKind.TROOPS})),),
    )
    p = s.partition("2017-06-01", within="c", by="camp")
    assert [(("x", "y"), ("x", "y"), 0.75), (("z",), ("z",), 0.25)] == [
        (share.controllers, share.camp, share.share) for share in p.shares
    ]
    assert "camp" == p.by


@settings(deadline=None)
@given(cst.scenarios())
def test_the_events_index_answers_like_a_scan_and_refers_to_no_event(scenario: cm.Scenario) -> None:
    """Each place's interval layers hold positions in ``scenario.events`` (the collector
    then never walks from the index to the events); stabbing a day and meeting a range
    give the events a scan finds, with their spans."""
    index = scenario._indexes().events
    for layers in (found.layers for found in index.by_location.values()):
        assert all(type(position) is int for _, _, positions in layers for position in positions)
    for event in scenario.events:
        if event.location is None:
            continue
        day = span_of(event.date)[0]
        expected = sorted(
            (e.id, span_of(e.date))
            for e in scenario.events
            if e.location == event.location and span_of(e.date)[0] <= day <= span_of(e.date)[3]
        )
        assert sorted((e.id, span) for e, span in index.stab(event.location, day)) == expected
        met = sorted(
            e.id
            for e in scenario.events
            if e.location == event.location and span_of(e.date)[0] <= day + 30 and span_of(e.date)[3] >= day
        )
        assert sorted(e.id for e, _ in index.overlapping(event.location, day, day + 30)) == met
    assert index.stab("nowhere", 0) == index.overlapping("nowhere", 0, 1) == []
