"""The Hypothesis strategies downstream tests build on (``conflictmodel.strategies``).

What they promise: every drawn object constructs and round-trips through the JSON
format; ``scenarios()`` draws worlds that validate, look like the field and shrink to
small ones; ``invalid_scenarios(rule=X)`` breaks exactly rule X; bad arguments raise
``InvalidArgument`` when drawn from; the entry-point hook registers every model class
for ``st.from_type``; and the queries agree with their brute-force references on the
generated worlds.
"""

from __future__ import annotations

import datetime as dt
import itertools
import subprocess
import sys
from collections.abc import Callable, Iterator
from typing import Any, Literal

import attrs
import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import conflictmodel as cm
import test_queries_reference as ref
from conflictmodel import strategies as cst
from conflictmodel._hypothesis_plugin import _hypothesis_setup_hook
from conflictmodel.strategies._invalid import BREAKERS
from conflictmodel.strategies._registry import FOR_TYPE

MODEL_TYPES = sorted(FOR_TYPE, key=lambda t: t.__name__)
RECORD_TYPES = [t for t in MODEL_TYPES if t is not cm.Scenario]
TYPE_NAMES = [t.__name__ for t in MODEL_TYPES]
DRAWN = {kind: FOR_TYPE[kind]() for kind in RECORD_TYPES}  # built once: building costs more than drawing
RULES = list(cm.RULES)
EMPTY = cm.Scenario(meta=cm.Meta(title="empty"))
BROKEN = {code: cst.invalid_scenarios(rule=code) for code in RULES}
NO_DATABASE = settings(database=None)
FIRST = settings(database=None, max_examples=1, phases=[Phase.generate])
"""Only the first example, which Hypothesis draws from the simplest choices: what a
strategy shrinks to."""
SEARCH = settings(database=None, max_examples=3000, phases=[Phase.generate])
"""Look for an example, without shrinking it."""


def partial_dates_in(scenario: cm.Scenario) -> Iterator[cm.PartialDate]:
    """Every partial date anywhere in a scenario."""

    def walk(value: Any) -> Iterator[cm.PartialDate]:
        if isinstance(value, cm.PartialDate):
            yield value
        elif attrs.has(type(value)):
            for field in attrs.fields(type(value)):
                yield from walk(getattr(value, field.name))
        elif isinstance(value, tuple | frozenset):
            for item in value:
                yield from walk(item)

    yield from walk(scenario.meta)
    for record in scenario.records():
        yield from walk(record)


def depth(scenario: cm.Scenario, territory: cm.Territory) -> int:
    by_id = {t.id: t for t in scenario.territories}
    steps = 0
    while territory.parent is not None:
        territory = by_id[territory.parent]
        steps += 1
    return steps


# --- one class at a time -----------------------------------------------------------


class TestEachClass:
    @pytest.mark.parametrize("kind", RECORD_TYPES, ids=[t.__name__ for t in RECORD_TYPES])
    @given(data=st.data())
    def test_objects_are_of_the_class_and_round_trip(self, kind: type[Any], data: st.DataObject) -> None:
        """``from_dict(to_dict(x)) == x`` for every model class, and the JSON data of the
        copy is the same."""
        value = data.draw(DRAWN[kind])
        assert kind is type(value)
        copy = cm.from_dict(kind, cm.to_dict(value))
        assert value == copy
        assert cm.to_dict(value) == cm.to_dict(copy)
        assert hash(value) == hash(copy)

    @given(cst.record_sets(max_size=1))
    def test_record_sets_round_trip_canonically(self, scenario: cm.Scenario) -> None:
        text = cm.dumps(scenario)
        assert scenario == cm.loads(text)
        assert text == cm.dumps(cm.loads(text))

    @given(cst.partial_dates(min_value=dt.date(2017, 3, 1), max_value=dt.date(2017, 3, 31)))
    def test_partial_dates_are_around_the_bounds(self, date: cm.PartialDate) -> None:
        assert date.earliest <= dt.date(2017, 3, 31)
        assert date.latest >= dt.date(2017, 3, 1)

    @given(cst.periods(open_start=False, open_end=False))
    def test_periods_can_be_closed_on_both_sides(self, period: cm.Period) -> None:
        assert period.start is not None
        assert period.end is not None

    @given(cst.alliances(min_members=2, max_members=2))
    def test_alliance_sizes(self, alliance: cm.Alliance) -> None:
        assert len(alliance.members) == 2

    @given(cst.controls(statuses=st.just(cm.ControlStatus.BESIEGED)))
    def test_besieged_control_has_opponents_apart_from_the_controllers(self, control: cm.Control) -> None:
        assert control.opponents
        assert not control.opponents & set(control.controllers)

    @given(cst.actors(ids=st.just("ru"), kinds=st.just(cm.ActorKind.PERSON), names=st.just("Lavrov")))
    def test_content_arguments_are_strategies(self, actor: cm.Actor) -> None:
        assert ("ru", "Lavrov", cm.ActorKind.PERSON) == (actor.id, actor.name, actor.kind)

    @pytest.mark.parametrize(
        ("strategy", "expected"),
        [
            (cst.actors(), cm.Actor(id="a", name="a", kind=cm.ActorKind.STATE)),
            (cst.territories(), cm.Territory(id="a", name="a", kind=cm.TerritoryKind.COUNTRY)),
            (cst.periods(), cm.Period()),
            (cst.geometries(), cm.Geometry(type=cm.GeometryType.POINT, coordinates=(0.0, 0.0))),
            (cst.fatalities(), cm.Fatalities()),
            (cst.ids(), "a"),
            (cst.texts(), "a"),
        ],
        ids=lambda v: type(v).__name__,
    )
    def test_shrinks_to_what_the_docstring_says(self, strategy: st.SearchStrategy[Any], expected: Any) -> None:
        assert expected == find(strategy, lambda _: True, settings=FIRST)


# --- whole worlds --------------------------------------------------------------------


def _changes_hands(scenario: cm.Scenario) -> bool:
    by_territory: dict[str, set[tuple[str, ...]]] = {}
    for control in scenario.controls:
        by_territory.setdefault(control.territory, set()).add(control.controllers)
    return any(len(holders) > 1 for holders in by_territory.values())


def _has_precision(scenario: cm.Scenario, precision: cm.Precision) -> bool:
    bounds = [b for c in scenario.controls for b in (c.period.start, c.period.end) if b is not None]
    return any(b.precision is precision for b in bounds)


def _event_in_cover(scenario: cm.Scenario, *, inside: bool) -> bool:
    covered = ref.covered(scenario, [t for g in scenario.agreements for t in g.covers])
    return any(e.location is not None and (e.location in covered) is inside for e in scenario.events)


class TestScenarios:
    @given(cst.scenarios())
    def test_every_world_validates_and_round_trips(self, scenario: cm.Scenario) -> None:
        """The contract downstream tests rely on: ``validate(s).ok``, and an exact,
        canonical JSON round trip."""
        report = cm.validate(scenario)
        assert [] == [str(f) for f in report.errors]
        text = cm.dumps(scenario)
        assert scenario == cm.loads(text)
        assert text == cm.dumps(cm.loads(text))

    @given(cst.scenarios(allow_warnings=False))
    def test_without_warnings_nothing_is_reported(self, scenario: cm.Scenario) -> None:
        assert [] == [str(f) for f in cm.validate(scenario).findings]

    @given(st.data())
    def test_sizes_and_dates_are_respected(self, data: st.DataObject) -> None:
        actors = sorted(data.draw(st.lists(st.integers(0, 4), min_size=2, max_size=2)))
        places = sorted(data.draw(st.lists(st.integers(0, 5), min_size=2, max_size=2)))
        records = data.draw(st.integers(0, 3))
        start = data.draw(st.dates(dt.date(1990, 1, 1), dt.date(2030, 1, 1)))
        end = start + dt.timedelta(days=data.draw(st.integers(0, 800)))
        scenario = data.draw(
            cst.scenarios(
                min_actors=actors[0],
                max_actors=actors[1],
                min_territories=places[0],
                max_territories=places[1],
                max_records=records,
                start=start,
                end=end,
            )
        )
        assert actors[0] <= len(scenario.actors) <= actors[1]
        assert places[0] <= len(scenario.territories) <= places[1]
        for name in ("alliances", "supports", "hostilities", "controls", "agreements", "events", "violations"):
            assert len(getattr(scenario, name)) <= records
        for date in partial_dates_in(scenario):  # drawn from the range; a coarse date may reach beyond
            assert date.latest >= start
            assert date.earliest <= end
        assert cm.validate(scenario).ok

    @given(cst.scenarios(names=st.just("X"), precisions=st.just(cm.Precision.DAY)))
    def test_names_and_precisions_can_be_chosen(self, scenario: cm.Scenario) -> None:
        named: list[cm.Actor | cm.Territory | cm.Agreement | cm.Alliance] = [
            *scenario.actors,
            *scenario.territories,
            *scenario.agreements,
            *scenario.alliances,
        ]
        assert {"X"} >= {record.name for record in named}
        assert {cm.Precision.DAY} >= {date.precision for date in partial_dates_in(scenario)}
        assert cm.validate(scenario).ok

    @given(cst.scenarios())
    def test_ids_are_readable_and_zones_are_made_of_units(self, scenario: cm.Scenario) -> None:
        ids = [record.id for record in scenario.records()]
        assert len(ids) == len(set(ids))
        for territory in scenario.territories:
            if territory.kind is cm.TerritoryKind.ZONE:
                assert territory.components
                assert all(c in scenario for c in territory.components)
            elif territory.parent is not None:
                assert territory.id.startswith(territory.parent + ".")

    def test_shrinks_to_one_actor_and_one_country(self) -> None:
        smallest = find(cst.scenarios(), lambda _: True, settings=FIRST)
        assert 1 == len(smallest.actors)
        assert [cm.TerritoryKind.COUNTRY] == [t.kind for t in smallest.territories]
        assert len(smallest) == 2

    def test_a_failing_world_shrinks_to_the_records_it_needs(self) -> None:
        # Shrinking runs in a fresh process: in the middle of the whole suite, state that
        # earlier tests leave in Hypothesis can stop the shrinker one step short.
        script = (
            "import json\n"
            "from hypothesis import HealthCheck, find, settings\n"
            "import conflictmodel as cm\n"
            "from conflictmodel import strategies as cst\n"
            "s = find(cst.scenarios(), lambda s: len(s.controls) >= 2,"
            " settings=settings(database=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]))\n"
            "print(cm.dumps(s))\n"
        )
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=300)
        smallest = cm.loads(done.stdout)
        assert 2 == len(smallest.controls)
        assert 1 == len(smallest.actors)
        assert [] == [r for r in smallest.records() if not isinstance(r, cm.Actor | cm.Territory | cm.Control)]
        assert {cm.Precision.YEAR} >= {d.precision for d in partial_dates_in(smallest)}

    @pytest.mark.parametrize(
        ("feature", "holds"),
        [
            ("a territory tree three levels deep", lambda s: any(depth(s, t) >= 3 for t in s.territories)),
            ("a zone of several units", lambda s: any(len(t.components) > 1 for t in s.territories)),
            ("a control history with a change of hands", _changes_hands),
            ("contested control", lambda s: any(c.status is cm.ControlStatus.CONTESTED for c in s.controls)),
            ("besieged control", lambda s: any(c.status is cm.ControlStatus.BESIEGED for c in s.controls)),
            ("joint control", lambda s: any(len(c.controllers) > 1 for c in s.controls)),
            ("a control period known to the month", lambda s: _has_precision(s, cm.Precision.MONTH)),
            ("an alliance of three", lambda s: any(len(a.member_ids()) == 3 for a in s.alliances)),
            ("a membership of its own period", lambda s: any(m.period for a in s.alliances for m in a.members)),
            ("support over a period", lambda s: any(p.period is not None for p in s.supports)),
            ("an actor in several roles", lambda s: any(len(e.roles) > 1 for g in s.agreements for e in g.actors)),
            ("an agreement signed and in force", lambda s: any(g.signed and g.in_force for g in s.agreements)),
            ("an event inside a covered zone", lambda s: _event_in_cover(s, inside=True)),
            ("an event outside any covered zone", lambda s: _event_in_cover(s, inside=False)),
            ("a violation backed by events", lambda s: any(v.events for v in s.violations)),
            ("a person with a post", lambda s: any(a.posts for a in s.actors)),
            ("an actor with a lifetime", lambda s: any(a.active for a in s.actors)),
        ],
        ids=lambda v: v if isinstance(v, str) else "",
    )
    def test_worlds_look_like_the_field(self, feature: str, holds: Callable[[cm.Scenario], bool]) -> None:
        found = find(cst.scenarios(), holds, settings=SEARCH)
        assert cm.validate(found).ok, feature


# --- worlds that break one rule ------------------------------------------------------


class TestInvalidScenarios:
    def test_every_rule_has_a_breaker(self) -> None:
        assert sorted(cm.RULES) == sorted(BREAKERS)

    @pytest.mark.parametrize("code", RULES)
    @given(data=st.data())
    def test_each_world_breaks_exactly_its_rule(self, code: str, data: st.DataObject) -> None:
        scenario = data.draw(BROKEN[code])
        report = cm.validate(scenario)
        assert {code} == {f.code for f in report.findings}
        assert {cm.RULES[code].severity} == {f.severity for f in report.findings}
        assert report.ok is (cm.RULES[code].severity is cm.Severity.WARNING)

    @given(cst.invalid_scenarios())
    def test_without_a_rule_one_rule_is_drawn(self, scenario: cm.Scenario) -> None:
        assert 1 == len({f.code for f in cm.validate(scenario).findings})

    @given(cst.invalid_scenarios(rule="CM401", base=cst.scenarios(max_actors=2, allow_warnings=False)))
    def test_a_base_of_ones_own_can_be_broken(self, scenario: cm.Scenario) -> None:
        assert {"CM401"} == {f.code for f in cm.validate(scenario).findings}

    @pytest.mark.parametrize("code", RULES)
    @settings(max_examples=10)
    @given(data=st.data())
    def test_even_an_empty_world_can_be_broken(self, code: str, data: st.DataObject) -> None:
        scenario = data.draw(cst.invalid_scenarios(rule=code, base=st.just(EMPTY)))
        assert {code} == {f.code for f in cm.validate(scenario).findings}

    def test_a_base_with_findings_is_refused(self) -> None:
        warned = find(cst.invalid_scenarios(rule="CM501"), lambda _: True, settings=FIRST)

        @given(cst.invalid_scenarios(rule="CM101", base=st.just(warned)))
        def draw(_: cm.Scenario) -> None:
            pass

        with pytest.raises(InvalidArgument, match="not clean"):
            draw()


# --- arguments -------------------------------------------------------------------------


BAD_ARGUMENTS: list[tuple[Callable[..., st.SearchStrategy[Any]], dict[str, Any]]] = [
    (cst.texts, {"max_size": 0}),
    (cst.ids, {"max_size": 65}),
    (cst.partial_dates, {"min_value": dt.date(2018, 1, 1), "max_value": dt.date(2017, 1, 1)}),
    (cst.partial_dates, {"min_value": "2017"}),
    (cst.periods, {"dates": [cm.PartialDate(2017)]}),
    (cst.periods, {"open_start": 1}),
    (cst.actors, {"kinds": cm.ActorKind.STATE}),
    (cst.alliances, {"min_members": 3, "max_members": 2}),
    (cst.record_sets, {"max_size": -1}),
    (cst.text_maps, {"keys": "ucdp"}),
    (cst.scenarios, {"min_actors": 3, "max_actors": 2}),
    (cst.scenarios, {"max_records": -1}),
    (cst.scenarios, {"start": dt.date(2018, 1, 1), "end": dt.date(2017, 1, 1)}),
    (cst.scenarios, {"start": dt.datetime(2017, 1, 1, tzinfo=dt.UTC)}),
    (cst.scenarios, {"names": "Idlib"}),
    (cst.scenarios, {"allow_warnings": "no"}),
    (cst.invalid_scenarios, {"rule": "CM999"}),
    (cst.invalid_scenarios, {"base": cm.Scenario(meta=cm.Meta(title="t"))}),
]


@pytest.mark.parametrize(
    ("factory", "arguments"), BAD_ARGUMENTS, ids=[f"{f.__name__}-{min(a)}" for f, a in BAD_ARGUMENTS]
)
def test_bad_arguments_are_refused_when_drawn_from(
    factory: Callable[..., st.SearchStrategy[Any]], arguments: dict[str, Any]
) -> None:
    strategy = factory(**arguments)  # building it is fine: test modules build strategies at import

    @given(strategy)
    def draw(_: object) -> None:
        pass

    with pytest.raises(InvalidArgument):
        draw()


def test_a_deferred_strategy_names_its_call() -> None:
    assert "texts(max_size=3)" in repr(cst.texts(max_size=3))


# --- registration for st.from_type ----------------------------------------------------


@attrs.frozen
class Dossier:
    """A downstream class with model-typed fields."""

    subject: cm.Actor
    place: cm.Territory
    when: cm.Period
    codes: cm.FrozenMap[str]


attrs.resolve_types(Dossier)  # this module's annotations are strings (PEP 563)


class TestRegistration:
    @pytest.fixture(autouse=True)
    def _registered(self) -> None:
        _hypothesis_setup_hook()  # what the entry point does when Hypothesis is imported

    @pytest.mark.parametrize("kind", MODEL_TYPES, ids=TYPE_NAMES)
    @settings(max_examples=10)
    @given(data=st.data())
    def test_from_type_draws_the_class(self, kind: type[Any], data: st.DataObject) -> None:
        assert kind is type(data.draw(st.from_type(kind)))

    @settings(max_examples=20)
    @given(st.from_type(cm.Scenario))
    def test_from_type_of_scenario_draws_valid_worlds(self, scenario: cm.Scenario) -> None:
        assert cm.validate(scenario).ok

    @settings(max_examples=20)
    @given(st.builds(Dossier), st.from_type(cm.FrozenMap[int]))
    def test_builds_fills_model_typed_fields(self, dossier: Dossier, numbers: cm.FrozenMap[int]) -> None:
        assert isinstance(dossier.subject, cm.Actor)
        assert isinstance(dossier.codes, cm.FrozenMap)
        assert all(type(v) is int for v in numbers.values())

    def test_the_hook_only_registers(self) -> None:
        """The hook builds no strategy and does not import the strategies module."""
        code = (
            "import sys\n"
            "from conflictmodel._hypothesis_plugin import _hypothesis_setup_hook\n"
            "_hypothesis_setup_hook()\n"
            "assert 'conflictmodel.strategies' not in sys.modules, 'strategies imported'\n"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
        assert 0 == done.returncode, done.stderr


# --- the queries against their references, on generated worlds --------------------------


def days_of(scenario: cm.Scenario) -> list[dt.date]:
    """Days where answers change: the bounds of every dated record, and the days around."""
    found: set[dt.date] = set()
    for date in partial_dates_in(scenario):
        for day in (date.earliest, date.latest):
            found.update({day - dt.timedelta(days=1), day, day + dt.timedelta(days=1)})
    return sorted(found) or [dt.date(2017, 1, 1)]


WORLDS = cst.scenarios(max_actors=4, max_territories=5)
WEIGHTS: list[Literal["area", "count"]] = ["area", "count"]
BOUND = {cm.Role.PARTY, cm.Role.SIGNATORY, cm.Role.GUARANTOR}


class TestQueriesAgreeWithTheReferences:
    @given(WORLDS, st.data())
    def test_controllers_on(self, scenario: cm.Scenario, data: st.DataObject) -> None:
        for day in data.draw(st.lists(st.sampled_from(days_of(scenario)), min_size=1, max_size=4)):
            for territory in scenario.territories:
                state = scenario.controllers_on(territory.id, day)
                expected = ref.full_answer(scenario, territory.id, day)
                assert expected == (state.answer(), state.parts, state.inherited_from)

    @given(WORLDS, st.data())
    def test_partition(self, scenario: cm.Scenario, data: st.DataObject) -> None:
        day = data.draw(st.sampled_from(days_of(scenario)))
        weight = data.draw(st.sampled_from(WEIGHTS))
        for root in (t for t in scenario.territories if t.kind is cm.TerritoryKind.COUNTRY):
            found, missing = ref.pieces(scenario, root.id, weight)
            partition = scenario.partition(day, within=root.id, weight=weight)
            assert sorted(missing) == list(partition.unweighted)
            assert len(found) == partition.pieces
            blocs, _ = ref.reference_shares(scenario, day, found)  # portions of partial pieces included
            total = sum(amount for _, amount, _ in found)
            expected = {k: round(v / total, 6) for k, v in blocs.items()} if total else {}
            assert expected == {s.controllers: round(s.share, 6) for s in partition.shares}

    @given(WORLDS, st.data())
    def test_alignment(self, scenario: cm.Scenario, data: st.DataObject) -> None:
        day = data.draw(st.sampled_from(days_of(scenario)))
        for actor in (a.id for a in scenario.actors):
            assert ref.reference_allies(scenario, actor, day) == [
                (t.actor, t.certain, t.via) for t in scenario.allies_of(actor, day)
            ]
            assert ref.reference_supports(scenario, actor, day, towards=True) == [
                (t.actor, t.certain, t.via, t.alleged) for t in scenario.supporters_of(actor, day)
            ]
            assert ref.reference_supports(scenario, actor, day, towards=False) == [
                (t.actor, t.certain, t.via, t.alleged) for t in scenario.clients_of(actor, day)
            ]
            assert ref.reference_enemies(scenario, actor, day) == [
                (t.actor, t.certain, t.via) for t in scenario.enemies_of(actor, day)
            ]
        assert ref.reference_camps(scenario, day) == [
            (c.members, c.ties, c.bridges, c.enemies) for c in scenario.camps(day)
        ]

    @given(WORLDS, st.data())
    def test_agreements_in_force(self, scenario: cm.Scenario, data: st.DataObject) -> None:
        day = data.draw(st.sampled_from(days_of(scenario)))
        expected = [
            (g.id, g.in_force.certainly_contains(day))
            for g in scenario.agreements
            if g.in_force is not None and g.in_force.possibly_contains(day)
        ]
        assert expected == [(a.agreement, a.certain) for a in scenario.agreements_in_force(day)]
        for territory in scenario.territories:
            found = [a.agreement for a in scenario.agreements_in_force(day, covering=territory.id)]
            covering = [g for g, _ in expected if ref.covers(scenario, scenario.get(g, cm.Agreement), territory.id)]
            assert covering == found

    @given(WORLDS)
    def test_violations(self, scenario: cm.Scenario) -> None:
        hostile = {
            cm.EventKind.BATTLE,
            cm.EventKind.AIR_STRIKE,
            cm.EventKind.SHELLING,
            cm.EventKind.REMOTE_VIOLENCE,
            cm.EventKind.ATTACK_ON_CIVILIANS,
            cm.EventKind.EXPLOSION,
        }
        parents = {a.id: a.parent for a in scenario.actors}

        def up(actor: str) -> set[str]:
            chain = {actor}
            while parents.get(actor) is not None:
                actor = parents[actor]  # type: ignore[assignment] # not None, checked above
                chain.add(actor)
            return chain

        for agreement in scenario.agreements:
            found = scenario.violations_of(agreement.id)
            assert [v.id for v in scenario.violations if v.agreement == agreement.id] == [v.id for v in found.recorded]
            expected = []
            if agreement.in_force is not None:
                bound = {e.actor for e in agreement.actors if e.roles & BOUND}
                places = ref.covered(scenario, agreement.covers)
                for event in scenario.events:
                    if event.kind not in hostile or event.location not in places:
                        continue
                    if not event.date.possibly_overlaps(agreement.in_force):
                        continue
                    roles = {cm.EventRole.SIDE_A, cm.EventRole.ASSOCIATED}
                    if event.kind is cm.EventKind.BATTLE:
                        roles.add(cm.EventRole.SIDE_B)
                    perpetrators = list(dict.fromkeys(e.actor for e in event.actors if e.role in roles))
                    actors = [p for p in perpetrators if up(p) & bound]
                    if actors:
                        accountable = tuple(sorted(set().union(*(up(p) & bound for p in actors))))
                        expected.append((event.id, tuple(actors), accountable))
            assert sorted(expected) == sorted((c.event, c.actors, c.accountable) for c in found.derived)

    @given(WORLDS)
    def test_timeline_agrees_with_the_point_queries(self, scenario: cm.Scenario) -> None:
        days = days_of(scenario)
        for territory in scenario.territories:
            periods = scenario.timeline(territory.id)
            for before, after in itertools.pairwise(periods):
                assert before.end is not None
                assert after.start == before.end + dt.timedelta(days=1)
            for day in days[:: max(1, len(days) // 6)]:
                covering = [p for p in periods if (p.start or dt.date.min) <= day <= (p.end or dt.date.max)]
                expected = scenario.controllers_on(territory.id, day)
                if covering:
                    assert expected.answer() == covering[0].state.answer()
                else:
                    assert cm.ControlKind.UNRECORDED == expected.kind
