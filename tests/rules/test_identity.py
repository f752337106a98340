"""Rules CM1xx, identity and references: each with a passing and a failing scenario, and the shapes
that are easy to get wrong."""

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import conflictmodel as cm
from conflictmodel import strategies as cst
from conflictmodel._rules._context import SINGULAR, ordered_apart
from conflictmodel._rules._identity import _references_of, _set_refs
from rule_helpers import (
    CONTESTED,
    XY,
    Case,
    actor,
    agreement,
    alliance,
    case_tests,
    control,
    event,
    party,
    support,
    territory,
    world,
)


def _cases() -> dict[str, Case]:
    cases: dict[str, Case] = {}
    cases["CM101"] = (
        world(actors=(actor("x"),), territories=(territory("t"),)),
        world(actors=(actor("x"),), territories=(territory("x"),)),
        [("$.territories[0]", ("x",))],
    )
    cases["CM102"] = (
        world(actors=XY, territories=(territory("t"),), controls=(control("c1", "t", "x", start="2017"),)),
        world(actors=XY, controls=(control("c1", "nowhere", "x", start="2017"),)),
        [("$.controls[0].territory", ("c1", "nowhere"))],
    )
    cases["CM103"] = (
        world(actors=XY, territories=(territory("t"),), controls=(control("c1", "t", "x", start="2017"),)),
        world(actors=XY, territories=(territory("t"),), controls=(control("c1", "t", "t", start="2017"),)),
        [("$.controls[0].controllers[0]", ("c1", "t"))],
    )
    return cases


CASES = _cases()
(
    test_rule_passes_on_the_passing_scenario,
    test_rule_fails_on_the_failing_scenario,
    test_passing_scenarios_break_no_rule_of_severity_error,
) = case_tests(CASES)


def test_every_kind_of_reference_is_checked() -> None:
    scenario = cm.Scenario(
        meta=cm.Meta(title="t", sources=frozenset({"s0"})),
        actors=(
            actor(
                "a",
                parent="p0",
                sources=frozenset({"s1"}),
                kind=cm.ActorKind.PERSON,
                posts=(cm.Post(title="x", organisation="o0"),),
            ),
        ),
        alliances=(alliance("al", "m0", "a", founding_agreement="g0"),),
        supports=(support("su", "sp0", "r0"),),
        hostilities=(cm.Hostility(id="h", side_a=("ha0",), side_b=("hb0",)),),
        territories=(territory("t", parent="tp0", components=frozenset({"tc0"})),),
        controls=(
            control("c", "ct0", "cc0", opponents=frozenset({"co0"}), status=CONTESTED),
            cm.Control(
                id="cp",
                territory="t",
                controllers=("a",),
                period=cm.Period(),
                status=cm.ControlStatus.PARTIAL,
                portion=cm.Portion(fraction=0.5, sources=frozenset({"ps0"})),
            ),
        ),
        agreements=(
            agreement(
                "g",
                actors=(party("ga0"),),
                covers=frozenset({"gt0"}),
                links=(cm.Link(relation=cm.LinkRelation.FOLLOWS, target="gl0"),),
            ),
        ),
        events=(event("e", "2017-01-01", "ea0", location="el0"),),
        violations=(
            cm.Violation(
                id="v",
                agreement="va0",
                violator="vv0",
                date=cm.PartialDate(2017),
                alleged_by=frozenset({"vb0"}),
                events=frozenset({"ve0"}),
            ),
        ),
    )
    report = cm.validate(scenario, select="CM102")
    missing = {f.subjects[-1] for f in report.findings}
    expected = {
        "s0", "s1", "p0", "o0", "m0", "g0", "sp0", "r0", "ha0", "hb0", "tp0", "tc0", "ct0", "cc0", "co0",
        "ps0", "ga0", "gt0", "gl0", "ea0", "el0", "va0", "vv0", "vb0", "ve0",
    }  # fmt: skip
    assert expected == missing
    paths = {f.subjects[-1]: f.path for f in report.findings}
    assert "$.meta.sources[0]" == paths["s0"]
    assert "$.actors[0].posts[0].organisation" == paths["o0"]
    assert "$.violations[0].events[0]" == paths["ve0"]
    assert "$.controls[1].portion.sources[0]" == paths["ps0"]
    assert ("s0",) == next(f.subjects for f in report.findings if f.path == "$.meta.sources[0]")


def test_a_shared_id_names_the_collection_of_its_first_record() -> None:
    # "x" is an actor and, later in the document, a territory and an event: references
    # resolve to the first, so a control held by "x" is fine and one of territory "x"
    # names an actor, whichever collection repeats the id.
    controls = (control("c1", "x", "x", start="2017"), control("c2", "t", "x", start="2017"))
    scenario = world(
        actors=(actor("x"), actor("x")),
        territories=(territory("t"), territory("x")),
        controls=controls,
        events=(event("x", "2017-01-01", "x"),),
    )
    report = cm.validate(scenario, select=["CM101", "CM103"])
    assert [(f.code, f.path) for f in report.findings] == [
        ("CM101", "$.actors[1]"),
        ("CM101", "$.territories[1]"),
        ("CM101", "$.events[0]"),
        ("CM103", "$.controls[0].territory"),
    ]


def _brute_identity(scenario: cm.Scenario) -> list[tuple[str, str | None, tuple[str, ...]]]:
    """CM101-CM103 the slow way: a walk of every record, the first record of each id
    naming its collection, and every reference resolved against that map."""
    first: dict[str, str] = {}  # each id's collection: that of its first record, in document order
    found: list[tuple[str, str | None, tuple[str, ...]]] = []
    for name in SINGULAR:
        for i, record in enumerate(getattr(scenario, name)):
            if record.id in first:
                found.append(("CM101", f"$.{name}[{i}]", (record.id,)))
            else:
                first[record.id] = name
    held = [("", ref) for ref in _set_refs("$.meta.sources", scenario.meta.sources, "sources")]
    for name in SINGULAR:
        for i, record in enumerate(getattr(scenario, name)):
            held += [(record.id, ref) for ref in _references_of(name, i, record)]
    for holder, (ref, path, expected) in held:
        subjects = (holder, ref) if holder else (ref,)
        if ref not in first:
            found.append(("CM102", path, subjects))
        elif first[ref] != expected:
            found.append(("CM103", path, subjects))
    return sorted(found)


@st.composite
def _clashing(draw: st.DrawFn) -> cm.Scenario:
    """A valid world with some records given ids already in use, and some controls
    pointed at ids of any kind (or none)."""
    scenario = draw(cst.scenarios(max_records=3))
    pool = [record.id for record in scenario.records()] + ["nowhere"]
    changes: dict[str, list[Any]] = {name: list(getattr(scenario, name)) for name in SINGULAR}
    for _ in range(draw(st.integers(0, 3))):
        name = draw(st.sampled_from([n for n in SINGULAR if changes[n]]))
        i = draw(st.integers(0, len(changes[name]) - 1))
        changes[name][i] = attrs.evolve(changes[name][i], id=draw(st.sampled_from(pool)))
    controls = changes["controls"]
    for i in draw(st.lists(st.integers(0, len(controls) - 1), max_size=2)) if controls else []:
        target = draw(st.sampled_from(pool))
        holder = draw(st.sampled_from([p for p in pool if p not in controls[i].opponents]))
        controls[i] = attrs.evolve(controls[i], territory=target, controllers=(holder,))
    collections: dict[str, Any] = {name: tuple(records) for name, records in changes.items()}
    return attrs.evolve(scenario, **collections)


@given(_clashing())
def test_identity_rules_agree_with_a_brute_force_walk(scenario: cm.Scenario) -> None:
    report = cm.validate(scenario, select=["CM101", "CM102", "CM103"])
    assert sorted((f.code, f.path, f.subjects) for f in report.findings) == _brute_identity(scenario)


_ID_LISTS = st.dictionaries(
    st.sampled_from(sorted(SINGULAR)),
    st.lists(st.sampled_from(["a1", "a2", "b1", "b2", "b3", "c1"]), max_size=4).map(
        lambda ids: ids if len(ids) % 2 else sorted(ids)  # sorted half the time, repeats allowed
    ),
)


@given(_ID_LISTS)
def test_ids_told_apart_by_their_order_are_unique(ids: dict[str, list[str]]) -> None:
    everything = [i for values in ids.values() for i in values]
    if ordered_apart(ids):
        assert len(set(everything)) == len(everything)


def test_collections_in_id_order_with_a_prefix_each_are_told_apart_without_a_set() -> None:
    ids = {"actors": ["a1", "a2"], "territories": ["t1", "t9"], "controls": ["c1", "c2", "c3"], "events": []}
    assert ordered_apart(ids)
    assert not ordered_apart({**ids, "events": ["c3"]})  # a range that meets another's
    assert not ordered_apart({**ids, "actors": ["a2", "a1"]})  # out of order: the set decides
    assert not ordered_apart({**ids, "actors": ["a1", "a1"]})


def _one_broken_field(field: str) -> tuple[cm.Scenario, str]:
    """Twenty valid controls and events, and one reference of the twelfth changed to an
    id nothing has: the scenario and the path of that reference."""
    source = cm.Source(id="s", title="S")
    cited = frozenset({"s"})
    controls = [
        attrs.evolve(control(f"c{i:02}", "t", "x", opponents=frozenset({"y"}), status=CONTESTED), sources=cited)
        for i in range(19)
    ]
    controls.append(
        cm.Control(
            id="c19",
            territory="t",
            controllers=("x",),
            period=cm.Period(),
            status=cm.ControlStatus.PARTIAL,
            portion=cm.Portion(fraction=0.5, sources=cited),
        )
    )
    events = [attrs.evolve(event(f"e{i:02}", "2017-01-01", "x", "y", location="t"), sources=cited) for i in range(20)]
    collection, _, name = field.partition(".")
    records: list[Any] = controls if collection == "controls" else events
    i = 19 if name == "portion.sources" else 11
    record = records[i]
    if name == "portion.sources":
        record = attrs.evolve(record, portion=attrs.evolve(record.portion, sources=frozenset({"nowhere"})))
    elif name == "actors":
        record = attrs.evolve(record, actors=(record.actors[0], attrs.evolve(record.actors[1], actor="nowhere")))
    elif name == "controllers":
        record = attrs.evolve(record, controllers=("nowhere",))
    elif name in ("territory", "location"):
        record = attrs.evolve(record, **{name: "nowhere"})
    else:  # a set of references
        record = attrs.evolve(record, **{name: frozenset({"nowhere"})})
    records[i] = record
    path = f"$.{collection}[{i}].{name}" + {"territory": "", "location": "", "actors": "[1].actor"}.get(name, "[0]")
    scenario = attrs.evolve(
        world(actors=XY, territories=(territory("t"),), controls=tuple(controls), events=tuple(events)),
        sources=(source,),
    )
    return scenario, path


@pytest.mark.parametrize(
    "field",
    [
        "controls.territory",
        "controls.controllers",
        "controls.opponents",
        "controls.portion.sources",
        "controls.sources",
        "events.actors",
        "events.location",
        "events.sources",
    ],
)
def test_one_bad_reference_among_many_good_ones_is_found(field: str) -> None:
    # controls and events are first checked a whole collection at a time: each field's
    # check has to fail on its own for the record-by-record walk to place the reference
    scenario, path = _one_broken_field(field)
    report = cm.validate(scenario, select="CM102")
    assert [f.path for f in report.findings] == [path]
    assert report.findings[0].subjects[-1] == "nowhere"
