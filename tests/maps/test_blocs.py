"""Blocs come from the camps query, stripe shares are equal per controller, and the
palette keeps a bloc's colour across days without ever giving one colour to two blocs
of a day."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from maps_helpers import DAY, expected_blocs

import conflictmodel as cm
from conflictmodel import maps


def test_every_camp_member_maps_to_its_camp() -> None:
    s = cm.syria_2017()
    blocs = maps.blocs_on(s, DAY)
    for camp in s.camps(DAY):
        for member in camp.members:
            assert tuple(sorted(camp.members)) == blocs[member].members


def test_an_actor_outside_every_camp_joins_its_ancestors_camp_or_stands_alone() -> None:
    s = cm.Scenario(
        meta=cm.Meta(title="a state, its army and an enemy"),
        actors=(
            cm.Actor(id="tr", name="State", kind=cm.ActorKind.STATE),
            cm.Actor(id="tsk", name="Its army", kind=cm.ActorKind.ARMED_FORCE, parent="tr"),
            cm.Actor(id="x", name="Enemy", kind=cm.ActorKind.ARMED_GROUP),
        ),
        hostilities=(cm.Hostility(id="h", side_a=("tr",), side_b=("x",), period=cm.Period.from_text("2016", None)),),
    )
    blocs = maps.blocs_on(s, DAY)
    assert "tsk" not in blocs  # the army is in no relation of its own
    assert "tr" in maps.bloc_of(s, blocs, "tsk").members
    alone = maps.bloc_of(s, blocs, "nobody-at-all")
    assert ("nobody-at-all",) == alone.members


def test_units_are_held_by_the_blocs_the_queries_name() -> None:
    s = cm.syria_2017(geometry=True)
    view = maps.day_map(s, DAY)
    for unit in view.units:
        if unit.blocs:
            assert expected_blocs(s, unit.territory.id, DAY) == {bloc.key for bloc, _ in unit.blocs}


def test_controller_shares_follow_the_portions_and_add_up_to_one() -> None:
    s = cm.syria_2017()
    stated = 0
    for state in s.control_map(DAY).values():
        if not state.controllers:
            continue
        shares = maps.controller_shares(s, state)
        assert [a for a, _ in shares] == list(state.controllers)
        assert abs(1.0 - sum(share for _, share in shares)) < 1e-9
        records = [s.get(r, cm.Control) for r in state.records]
        if records and all(r.portion is not None for r in records):
            stated += 1
            expected = dict.fromkeys(state.controllers, 0.0)
            for r in records:
                for a in r.controllers:
                    expected[a] += r.portion.fraction / len(r.controllers)  # type: ignore[union-attr]
            total = sum(expected.values())
            assert [pytest.approx(expected[a] / total) for a in state.controllers] == [v for _, v in shares]
        else:
            assert len({share for _, share in shares}) == 1
    assert stated > 0  # the bundled scenario states portions for its divided units


def _bloc(members: list[str]) -> maps.Bloc:
    ordered = tuple(sorted(set(members)))
    return maps.Bloc(key=ordered[0], members=ordered, names=ordered)


member_sets = st.lists(st.sampled_from("abcdefghijklmnop"), min_size=1, max_size=4)
days = st.lists(st.lists(member_sets, min_size=1, max_size=8), min_size=1, max_size=5)


@given(days)
def test_two_blocs_of_one_day_never_share_a_colour(sequence: list[list[list[str]]]) -> None:
    palette = maps.Palette()
    for day in sequence:
        blocs = {b.members: b for b in map(_bloc, day)}.values()  # one bloc per member set
        disjoint: list[maps.Bloc] = []
        taken: set[str] = set()
        for bloc in blocs:  # camps of a day are disjoint
            if not taken & set(bloc.members):
                disjoint.append(bloc)
                taken |= set(bloc.members)
        colours = palette.colours(disjoint)
        assert len(set(colours.values())) == len(disjoint)


@given(days)
def test_a_bloc_seen_again_keeps_its_colour(sequence: list[list[list[str]]]) -> None:
    palette = maps.Palette()
    bloc = _bloc(["a", "b"])
    first = palette.colours([bloc])[bloc.key]
    for day in sequence:
        others = [b for b in map(_bloc, day) if not set(b.members) & {"a", "b"}]
        palette.colours(others)
    assert first == palette.colours([bloc])[bloc.key]


def test_a_camp_that_grows_keeps_its_colour() -> None:
    palette = maps.Palette()
    before = palette.colours([_bloc(["ru", "sy"]), _bloc(["sdf"])])
    after = palette.colours([_bloc(["ir", "ru", "sy"]), _bloc(["sdf", "us"])])
    assert before["ru"] == after["ir"]
    assert before["sdf"] == after["sdf"]


def test_past_the_palette_blocs_share_the_others_colour() -> None:
    palette = maps.Palette(colours=("#000001", "#000002"))
    colours = palette.colours([_bloc([c]) for c in "abc"])
    assert ["#000001", "#000002", maps.OTHERS] == [colours[c] for c in "abc"]


def test_the_palette_colours_are_distinct() -> None:
    assert len(set(maps.PALETTE)) == len(maps.PALETTE)
    assert maps.OTHERS not in maps.PALETTE
