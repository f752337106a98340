"""Scenario-wide invariants: every rule with a passing and a failing scenario, the rule
catalogue in docs/rules.md, the report, select/ignore, and the control-overlap sweeps
against a brute-force pairwise reference."""

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import conflictmodel as cm
from conflictmodel._model._geometry import contains_point

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules.md"

FULL, PARTIAL = cm.ControlStatus.FULL, cm.ControlStatus.PARTIAL
CONTESTED, BESIEGED = cm.ControlStatus.CONTESTED, cm.ControlStatus.BESIEGED


def period(start: str | None = None, end: str | None = None) -> cm.Period:
    return cm.Period.from_text(start, end)


def actor(aid: str, **fields: Any) -> cm.Actor:
    fields.setdefault("kind", cm.ActorKind.ARMED_GROUP)
    return cm.Actor(id=aid, name=aid.upper(), **fields)


def territory(tid: str, **fields: Any) -> cm.Territory:
    fields.setdefault("kind", cm.TerritoryKind.ADMIN1)
    return cm.Territory(id=tid, name=tid.upper(), **fields)


def control(
    cid: str,
    where: str,
    *controllers: str,
    start: str | None = None,
    end: str | None = None,
    status: cm.ControlStatus = FULL,
    opponents: frozenset[str] = frozenset(),
) -> cm.Control:
    return cm.Control(
        id=cid, territory=where, controllers=controllers, period=period(start, end), status=status, opponents=opponents
    )


def alliance(aid: str, *members: str | cm.Membership, **fields: Any) -> cm.Alliance:
    fields.setdefault("kind", cm.AllianceKind.COALITION)
    listed = tuple(m if isinstance(m, cm.Membership) else cm.Membership(actor=m) for m in members)
    return cm.Alliance(id=aid, name=aid.upper(), members=listed, **fields)


def support(sid: str, supporter: str, recipient: str, **fields: Any) -> cm.Support:
    fields.setdefault("kinds", frozenset({cm.SupportKind.WEAPONS}))
    return cm.Support(id=sid, supporter=supporter, recipient=recipient, **fields)


def agreement(gid: str, **fields: Any) -> cm.Agreement:
    fields.setdefault("kind", cm.AgreementKind.CEASEFIRE)
    return cm.Agreement(id=gid, name=gid.upper(), **fields)


def party(aid: str, *roles: cm.Role) -> cm.AgreementActor:
    return cm.AgreementActor(actor=aid, roles=frozenset(roles or (cm.Role.PARTY,)))


def event(eid: str, day: str, *actors: str, **fields: Any) -> cm.Event:
    fields.setdefault("kind", cm.EventKind.AIR_STRIKE)
    roles = tuple(cm.EventActor(actor=a, role=cm.EventRole.SIDE_A) for a in actors)
    return cm.Event(id=eid, date=period(day, day), actors=roles, **fields)


def world(**collections: Any) -> cm.Scenario:
    return cm.Scenario(meta=cm.Meta(title="test"), **collections)


XY = (actor("x"), actor("y"))
SQUARE = cm.Geometry(
    type=cm.GeometryType.POLYGON, coordinates=(((36.0, 35.0), (37.0, 35.0), (37.0, 36.0), (36.0, 36.0), (36.0, 35.0)),)
)

# code -> (passing scenario, failing scenario, expected (path, subjects) of the findings)
Case = tuple[cm.Scenario, cm.Scenario, list[tuple[str | None, tuple[str, ...]]]]


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
    cases["CM201"] = (
        world(actors=(actor("x", parent="y"), actor("y"))),
        world(actors=(actor("x", parent="x"),)),
        [("$.actors[0].parent", ("x",))],
    )
    cases["CM202"] = (
        world(actors=(actor("x", parent="y"), actor("y"))),
        world(actors=(actor("x", parent="y"), actor("y", parent="x"))),
        [("$.actors[0].parent", ("x", "y"))],
    )
    cases["CM203"] = (
        world(territories=(territory("a", parent="b"), territory("b"))),
        world(territories=(territory("a", parent="b"), territory("b", parent="a"))),
        [("$.territories[0].parent", ("a", "b"))],
    )
    zone = cm.TerritoryKind.ZONE
    cases["CM204"] = (
        world(territories=(territory("a"), territory("z", kind=zone, components=frozenset({"a"})))),
        world(
            territories=(
                territory("y", kind=zone, components=frozenset({"z"})),
                territory("z", kind=zone, components=frozenset({"y"})),
            )
        ),
        [("$.territories[0].components", ("y", "z"))],
    )
    cases["CM205"] = (
        world(actors=XY, alliances=(alliance("al", "x", "y"),)),
        world(actors=XY, alliances=(alliance("al", "x"),)),
        [("$.alliances[0].members", ("al",))],
    )
    cases["CM206"] = (
        world(
            actors=XY,
            alliances=(
                alliance(
                    "al",
                    "y",
                    cm.Membership(actor="x", period=period("2012", "2013")),
                    cm.Membership(actor="x", period=period("2015", None)),
                ),
            ),
        ),
        world(actors=XY, alliances=(alliance("al", "x", "y", "x"),)),
        [("$.alliances[0].members[2]", ("al", "x"))],
    )
    cases["CM207"] = (
        world(
            agreements=(agreement("a", links=(cm.Link(relation=cm.LinkRelation.PART_OF, target="b"),)), agreement("b"))
        ),
        world(
            agreements=(
                agreement("a", links=(cm.Link(relation=cm.LinkRelation.SUPERSEDES, target="b"),)),
                agreement("b", links=(cm.Link(relation=cm.LinkRelation.SUPERSEDES, target="a"),)),
            )
        ),
        [("$.agreements[0].links", ("a", "b"))],
    )
    gone = actor("x", active=period("2012", "2015-06-30"))
    cases["CM301"] = (
        world(
            actors=(gone,), territories=(territory("t"),), controls=(control("c1", "t", "x", start="2013", end="2014"),)
        ),
        world(
            actors=(gone,), territories=(territory("t"),), controls=(control("c1", "t", "x", start="2017", end="2018"),)
        ),
        [("$.controls[0].controllers[0]", ("c1", "x"))],
    )
    cases["CM302"] = (
        world(actors=(gone, actor("y")), alliances=(alliance("al", "x", "y", period=period("2013", "2014")),)),
        world(actors=(gone, actor("y")), alliances=(alliance("al", "x", "y", period=period("2017", None)),)),
        [("$.alliances[0].members[0]", ("al", "x"))],
    )
    cases["CM303"] = (
        world(actors=(gone, actor("y")), supports=(support("s1", "x", "y", period=period("2013", "2014")),)),
        world(actors=(gone, actor("y")), supports=(support("s1", "x", "y", period=period("2016-01", "2016-12")),)),
        [("$.supports[0].supporter", ("s1", "x"))],
    )
    cases["CM304"] = (
        world(actors=(gone,), agreements=(agreement("g", signed=cm.PartialDate(2014), actors=(party("x"),)),)),
        world(actors=(gone,), agreements=(agreement("g", signed=cm.PartialDate(2017, 5, 4), actors=(party("x"),)),)),
        [("$.agreements[0].actors[0].actor", ("g", "x"))],
    )
    cases["CM305"] = (
        world(actors=(gone,), events=(event("e1", "2014-03-01", "x"),)),
        world(actors=(gone,), events=(event("e1", "2017-11-14", "x"),)),
        [("$.events[0].actors[0].actor", ("e1", "x"))],
    )
    person = cm.ActorKind.PERSON
    cases["CM306"] = (
        world(
            actors=(
                actor(
                    "p",
                    kind=person,
                    active=period("1965", "2016"),
                    posts=(cm.Post(title="Envoy", period=period("2014", "2015")),),
                ),
            )
        ),
        world(
            actors=(
                actor(
                    "p",
                    kind=person,
                    active=period("1965", "2016"),
                    posts=(cm.Post(title="Envoy", period=period("2018", None)),),
                ),
            )
        ),
        [("$.actors[0].posts[0]", ("p",))],
    )
    cases["CM307"] = (
        world(
            actors=XY,
            alliances=(
                alliance("al", cm.Membership(actor="x", period=period("2018", None)), "y", period=period("2017", None)),
            ),
        ),
        world(
            actors=XY,
            alliances=(
                alliance(
                    "al", cm.Membership(actor="x", period=period("2015", "2016")), "y", period=period("2017", None)
                ),
            ),
        ),
        [("$.alliances[0].members[0].period", ("al", "x"))],
    )
    cases["CM308"] = (
        world(agreements=(agreement("g", signed=cm.PartialDate(2017, 5, 4), in_force=period("2017-05-06", None)),)),
        world(agreements=(agreement("g", signed=cm.PartialDate(2017, 5, 4), in_force=period("2017-05-01", None)),)),
        [("$.agreements[0].in_force.start", ("g",))],
    )
    t = (territory("t"),)
    cases["CM401"] = (
        world(
            actors=XY,
            territories=t,
            controls=(control("c1", "t", "x", end="2017-03-14"), control("c2", "t", "y", start="2017-03-15")),
        ),
        world(
            actors=XY,
            territories=t,
            controls=(control("c1", "t", "x", end="2017-03-20"), control("c2", "t", "y", start="2017-03-15")),
        ),
        [("$.controls[1]", ("c2", "c1", "t"))],
    )
    cases["CM402"] = (
        world(
            actors=XY,
            territories=t,
            controls=(control("c1", "t", "x", end="2017-02"), control("c2", "t", "y", start="2017-03")),
        ),
        world(
            actors=XY,
            territories=t,
            controls=(control("c1", "t", "x", end="2017-03"), control("c2", "t", "y", start="2017-03")),
        ),
        [("$.controls[1]", ("c2", "c1", "t"))],
    )
    cases["CM403"] = (
        world(
            actors=XY,
            territories=t,
            controls=(
                control("c1", "t", "x", "y", start="2017"),
                control("c2", "t", "x", start="2017", status=PARTIAL),
            ),
        ),
        world(
            actors=XY,
            territories=t,
            controls=(
                control("c1", "t", "x", start="2017"),
                control("c2", "t", "y", start="2017-06-01", status=PARTIAL),
            ),
        ),
        [("$.controls[1]", ("c2", "c1", "t"))],
    )
    cases["CM404"] = (
        world(
            actors=XY,
            territories=t,
            controls=(control("c1", "t", "x", start="2017-04"), control("c2", "t", "y", end="2017-02", status=PARTIAL)),
        ),
        world(
            actors=XY,
            territories=t,
            controls=(control("c1", "t", "x", start="2017-02"), control("c2", "t", "y", end="2017-02", status=PARTIAL)),
        ),
        [("$.controls[1]", ("c2", "c1", "t"))],
    )
    hostile = cm.Hostility(id="h", side_a=("x",), side_b=("y",), period=period("2016-01-01", "2016-12-31"))
    cases["CM501"] = (
        world(actors=XY, alliances=(alliance("al", "x", "y", period=period("2017", None)),), hostilities=(hostile,)),
        world(actors=XY, alliances=(alliance("al", "x", "y", period=period("2015", None)),), hostilities=(hostile,)),
        [("$.hostilities[0]", ("h", "al", "x", "y"))],
    )
    cases["CM502"] = (
        world(actors=XY, supports=(support("s1", "x", "y", period=period("2017", None)),), hostilities=(hostile,)),
        world(
            actors=XY, supports=(support("s1", "y", "x", period=period("2016-05", "2016-06")),), hostilities=(hostile,)
        ),
        [("$.supports[0]", ("s1", "h"))],
    )
    exact = cm.CoordinatePrecision.EXACT
    cases["CM601"] = (
        world(
            territories=(territory("t", geometry=SQUARE), territory("town", parent="t")),
            events=(
                event(
                    "e1", "2017-11-14", location="town", coordinates=cm.Coordinates(lat=35.5, lon=36.5, precision=exact)
                ),
            ),
        ),
        world(
            territories=(territory("t", geometry=SQUARE), territory("town", parent="t")),
            events=(
                event(
                    "e1", "2017-11-14", location="town", coordinates=cm.Coordinates(lat=33.5, lon=36.5, precision=exact)
                ),
            ),
        ),
        [("$.events[0].coordinates", ("e1", "t"))],
    )
    in_force = agreement("g", in_force=period("2017-05-06", "2017-12"))
    cases["CM602"] = (
        world(
            agreements=(in_force,),
            violations=(cm.Violation(id="v", agreement="g", violator="x", date=cm.PartialDate(2017, 11)),),
        ),
        world(
            agreements=(in_force,),
            violations=(cm.Violation(id="v", agreement="g", violator="x", date=cm.PartialDate(2016)),),
        ),
        [("$.violations[0].date", ("v", "g"))],
    )
    return cases


CASES = _cases()


def found(report: cm.Report) -> list[tuple[str | None, tuple[str, ...]]]:
    return [(f.path, f.subjects) for f in report.findings]


# --- the catalogue ------------------------------------------------------------------


def test_every_rule_has_a_passing_and_a_failing_case() -> None:
    assert sorted(cm.RULES) == sorted(CASES)


def test_rule_codes_are_stable_strings_grouped_by_family() -> None:
    for code, rule in cm.RULES.items():
        assert re.fullmatch(r"CM[1-6]\d\d", code)
        assert code == rule.code
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
        assert rule.title
        assert rule.summary
    assert len({rule.name for rule in cm.RULES.values()}) == len(cm.RULES)


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_passes_on_the_passing_scenario(code: str) -> None:
    passing, _, _ = CASES[code]
    assert [] == found(cm.validate(passing, select=code))


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_fails_on_the_failing_scenario(code: str) -> None:
    _, failing, expected = CASES[code]
    report = cm.validate(failing, select=code)
    assert expected == found(report)
    assert {code} == {f.code for f in report.findings}
    assert {cm.RULES[code].severity} == {f.severity for f in report.findings}


@pytest.mark.parametrize("code", sorted(CASES))
def test_passing_scenarios_break_no_rule_of_severity_error(code: str) -> None:
    passing, _, _ = CASES[code]
    assert [] == [str(f) for f in cm.validate(passing, ignore=["CM1"]).errors]


def _doc_sections() -> dict[str, str]:
    text = DOCS.read_text(encoding="utf-8")
    parts = re.split(r"^## (CM\d{3})\b", text, flags=re.MULTILINE)
    return {parts[i]: parts[i] + parts[i + 1] for i in range(1, len(parts), 2)}


def test_every_rule_has_an_entry_in_the_docs() -> None:
    assert sorted(cm.RULES) == sorted(_doc_sections())


@pytest.mark.parametrize("code", sorted(cm.RULES))
def test_docs_entry_names_the_rule_and_its_severity(code: str) -> None:
    section = _doc_sections()[code]
    rule = cm.RULES[code]
    heading = section.splitlines()[0]
    assert rule.name in heading
    assert f"**{rule.severity.value}**" in section


@pytest.mark.parametrize("code", sorted(cm.RULES))
def test_docs_failing_example_fails_with_the_rule(code: str) -> None:
    section = _doc_sections()[code]
    blocks = re.findall(r"```json\n(.*?)```", section, flags=re.DOTALL)
    assert blocks, f"{code} has no JSON example"
    scenario = cm.loads(blocks[0])
    assert code in {f.code for f in cm.validate(scenario).findings}
    json.loads(blocks[0])  # the example is plain JSON a reader can copy
    shown = re.findall(r"```text\n(.*?)```", section, flags=re.DOTALL)
    assert [str(f) for f in cm.validate(scenario, select=code).findings] == shown[0].splitlines()


# --- the report, select and ignore --------------------------------------------------


def test_a_clean_scenario_has_an_ok_report() -> None:
    report = cm.validate(world())
    assert report.ok
    assert () == report.findings
    assert tuple(cm.RULES) == report.checked


def test_errors_and_warnings_are_told_apart() -> None:
    _, failing, _ = CASES["CM401"]
    _, doubtful, _ = CASES["CM402"]
    both = world(
        actors=XY,
        territories=(territory("t"), territory("u")),
        controls=(
            *failing.controls,
            *(
                cm.Control(id=f"u-{c.id}", territory="u", controllers=c.controllers, period=c.period)
                for c in doubtful.controls
            ),
        ),
    )
    report = cm.validate(both)
    assert not report.ok
    assert ["CM401"] == [f.code for f in report.errors]
    assert ["CM402"] == [f.code for f in report.warnings]
    assert report.errors + report.warnings == report.findings
    assert report.by_code("CM402") == report.warnings


def test_warnings_alone_keep_the_report_ok() -> None:
    _, doubtful, _ = CASES["CM402"]
    report = cm.validate(doubtful)
    assert report.ok
    assert 1 == len(report.warnings)


MIXED = world(actors=(actor("x", parent="x"),), territories=(territory("t", parent="x"), territory("x")))


def test_findings_are_ordered_by_rule_code() -> None:
    assert ["CM101", "CM103", "CM201"] == [f.code for f in cm.validate(MIXED).findings]


def test_findings_of_one_rule_are_ordered_by_path() -> None:
    scenario = world(actors=XY, controls=tuple(control(f"c{i}", "nowhere", "zz", start="2017") for i in (10, 2, 1)))
    paths = [f.path for f in cm.validate(scenario, select="CM102").findings]
    assert ["$.controls[0].controllers[0]", "$.controls[0].territory", "$.controls[1].controllers[0]"] == paths[:3]
    assert 6 == len(paths)


def test_select_and_ignore_take_codes_and_prefixes() -> None:
    scenario = MIXED
    assert ["CM201"] == [f.code for f in cm.validate(scenario, select="CM2").findings]
    assert ["CM101", "CM103"] == [f.code for f in cm.validate(scenario, select=["CM101", "CM103"]).findings]
    assert ["CM101"] == [f.code for f in cm.validate(scenario, ignore=["CM103", "CM2"]).findings]
    assert ["CM103"] == [f.code for f in cm.validate(scenario, select="CM1", ignore="CM101").findings]
    assert ("CM401", "CM402", "CM403", "CM404") == cm.validate(scenario, select="CM40").checked


@pytest.mark.parametrize("bad", ["CM999", "CM7", "XX", ""])
def test_unknown_codes_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="unknown rule code"):
        cm.validate(world(), select=[bad])
    with pytest.raises(ValueError, match="unknown rule code"):
        cm.validate(world(), ignore=bad)


def test_finding_text_names_code_severity_and_path() -> None:
    _, failing, _ = CASES["CM401"]
    (finding,) = cm.validate(failing).findings
    assert str(finding).startswith("CM401 error $.controls[1]: control 'c2' (y) and 'c1' (x)")
    lines = list(cm.validate(failing).lines())
    assert "1 error, 0 warnings" == lines[-1]
    assert "0 errors, 0 warnings" == str(cm.validate(world()))
    assert "CM101 error: x" == str(cm.Finding(code="CM101", severity=cm.Severity.ERROR, message="x"))


def test_check_raises_with_the_report_on_errors() -> None:
    _, failing, _ = CASES["CM102"]
    with pytest.raises(cm.InvariantError) as raised:
        failing.check()
    assert ["CM102"] == [f.code for f in raised.value.report.errors]
    assert isinstance(raised.value, ValueError)
    assert isinstance(raised.value, cm.ConflictModelError)
    assert "1 error found" in str(raised.value)
    assert "$.controls[0].territory" in str(raised.value)


def test_check_returns_the_report_when_only_warnings() -> None:
    _, doubtful, _ = CASES["CM402"]
    assert ["CM402"] == [f.code for f in doubtful.check().warnings]
    passing, _, _ = CASES["CM401"]
    assert passing.check().ok


def test_check_honours_select_and_ignore() -> None:
    _, failing, _ = CASES["CM102"]
    assert failing.check(ignore="CM102").ok
    assert failing.check(select="CM2").ok


def test_invariant_error_shows_at_most_twenty_errors() -> None:
    controls = tuple(control(f"c{i:02d}", "nowhere", "x", start="2017") for i in range(25))
    with pytest.raises(cm.InvariantError) as raised:
        world(actors=(actor("x"),), controls=controls).check()
    text = str(raised.value)
    assert "25 errors found" in text
    assert "... and 5 more" in text


# --- more failing shapes of some rules ----------------------------------------------


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
        controls=(control("c", "ct0", "cc0", opponents=frozenset({"co0"}), status=CONTESTED),),
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
        "ga0", "gt0", "gl0", "ea0", "el0", "va0", "vv0", "vb0", "ve0",
    }  # fmt: skip
    assert expected == missing
    paths = {f.subjects[-1]: f.path for f in report.findings}
    assert "$.meta.sources[0]" == paths["s0"]
    assert "$.actors[0].posts[0].organisation" == paths["o0"]
    assert "$.violations[0].events[0]" == paths["ve0"]
    assert ("s0",) == next(f.subjects for f in report.findings if f.path == "$.meta.sources[0]")


@pytest.mark.parametrize(
    ("scenario", "path"),
    [
        (
            world(actors=(actor("p", kind=cm.ActorKind.PERSON, posts=(cm.Post(title="x", organisation="p"),)),)),
            "$.actors[0].posts[0].organisation",
        ),
        (world(territories=(territory("t", parent="t"),)), "$.territories[0].parent"),
        (
            world(territories=(territory("t", components=frozenset({"a", "t"})), territory("a"))),
            "$.territories[1].components[1]",
        ),
        (world(actors=XY, supports=(support("s", "x", "x"),)), "$.supports[0].recipient"),
        (
            world(actors=XY, hostilities=(cm.Hostility(id="h", side_a=("x", "y"), side_b=("y",)),)),
            "$.hostilities[0].side_b[0]",
        ),
        (
            world(agreements=(agreement("g", links=(cm.Link(relation=cm.LinkRelation.RELATED, target="g"),)),)),
            "$.agreements[0].links[0].target",
        ),
    ],
)
def test_every_self_relation_is_reported(scenario: cm.Scenario, path: str) -> None:
    assert [path] == [f.path for f in cm.validate(scenario, select="CM201").findings]


def test_a_longer_parent_cycle_is_reported_once_from_its_smallest_id() -> None:
    scenario = world(
        actors=(actor("c", parent="a"), actor("a", parent="b"), actor("b", parent="c"), actor("d", parent="a"))
    )
    (finding,) = cm.validate(scenario, select="CM202").findings
    assert ("a", "b", "c") == finding.subjects
    assert "a -> b -> c -> a" in finding.message


def test_zone_cycle_through_children_and_components() -> None:
    scenario = world(
        territories=(
            territory("gov"),
            territory("town", parent="gov"),
            territory("z", kind=cm.TerritoryKind.ZONE, parent="town", components=frozenset({"gov"})),
        )
    )
    (finding,) = cm.validate(scenario, select="CM204").findings
    assert ("gov", "town", "z") == finding.subjects
    assert () == cm.validate(scenario, select="CM203").findings


def test_rejoining_an_alliance_after_leaving_is_fine_but_imprecise_rejoin_is_not() -> None:
    rejoin = world(
        actors=XY,
        alliances=(
            alliance(
                "al",
                "y",
                cm.Membership(actor="x", period=period("2012", "2014-03")),
                cm.Membership(actor="x", period=period("2014-03", None)),
            ),
        ),
    )
    (finding,) = cm.validate(rejoin, select="CM206").findings
    assert "$.alliances[0].members[2]" == finding.path


def test_agreement_links_of_kind_related_may_go_both_ways() -> None:
    related = cm.Link(relation=cm.LinkRelation.RELATED, target="b")
    back = cm.Link(relation=cm.LinkRelation.RELATED, target="a")
    assert (
        ()
        == cm.validate(
            world(agreements=(agreement("a", links=(related,)), agreement("b", links=(back,)))), select="CM207"
        ).findings
    )


def test_lifetimes_read_imprecise_dates_generously() -> None:
    # active from some day in 2015: a control from 2015-03-01 may be inside it
    formed = actor("x", active=period("2015", None))
    scenario = world(
        actors=(formed,), territories=(territory("t"),), controls=(control("c", "t", "x", start="2015-03-01"),)
    )
    assert () == cm.validate(scenario, select="CM3").findings
    # a control with no start certainly reaches before the actor existed
    scenario = world(actors=(formed,), territories=(territory("t"),), controls=(control("c", "t", "x", end="2016"),))
    assert ["CM301"] == [f.code for f in cm.validate(scenario, select="CM3").findings]


def test_opponents_and_organisations_are_checked_for_lifetimes() -> None:
    gone = actor("x", active=period("2012", "2015"))
    scenario = world(
        actors=(
            gone,
            actor("y"),
            actor(
                "p",
                kind=cm.ActorKind.PERSON,
                posts=(cm.Post(title="t", organisation="x", period=period("2017", None)),),
            ),
        ),
        territories=(territory("t"),),
        controls=(control("c", "t", "y", start="2017", status=BESIEGED, opponents=frozenset({"x"})),),
        violations=(cm.Violation(id="v", agreement="g", violator="x", date=cm.PartialDate(2017, 11)),),
        hostilities=(cm.Hostility(id="h", side_a=("y",), side_b=("x",), period=period("2017", None)),),
    )
    paths = [f.path for f in cm.validate(scenario, select="CM3").findings]
    assert [
        "$.controls[0].opponents[0]",
        "$.hostilities[0].side_b[0]",
        "$.violations[0].violator",
        "$.actors[0].posts[0].organisation",
    ] == paths


def test_in_force_without_a_start_counts_as_before_signing() -> None:
    scenario = world(agreements=(agreement("g", signed=cm.PartialDate(2017, 5, 4), in_force=period(None, "2017-12")),))
    assert ["$.agreements[0].in_force"] == [f.path for f in cm.validate(scenario, select="CM308").findings]
    month = world(agreements=(agreement("g", signed=cm.PartialDate(2017, 5), in_force=period("2017-05-06", None)),))
    assert () == cm.validate(month, select="CM308").findings


def test_contested_and_besieged_control_are_exclusive() -> None:
    scenario = world(
        actors=XY,
        territories=(territory("t"),),
        controls=(
            control("c1", "t", "x", start="2017", status=CONTESTED, opponents=frozenset({"y"})),
            control("c2", "t", "y", start="2017-06-01", status=BESIEGED, opponents=frozenset({"x"})),
            control("c3", "t", "x", start="2017-07-01", end="2017-07-02"),
        ),
    )
    expected = [("$.controls[0]", ("c1", "c2", "t")), ("$.controls[2]", ("c3", "c2", "t"))]
    assert expected == found(cm.validate(scenario, select="CM401"))


def test_same_controllers_may_overlap_with_different_status() -> None:
    scenario = world(
        actors=XY,
        territories=(territory("t"),),
        controls=(
            control("c1", "t", "x", start="2017"),
            control("c2", "t", "x", start="2017-06-01", status=BESIEGED, opponents=frozenset({"y"})),
        ),
    )
    assert () == cm.validate(scenario, select="CM4").findings


def test_near_coordinates_may_lie_just_outside_and_coarse_ones_are_not_checked() -> None:
    near = cm.CoordinatePrecision.NEAR
    places = (territory("t", geometry=SQUARE),)
    close = world(
        territories=places,
        events=(
            event("e", "2017-01-01", location="t", coordinates=cm.Coordinates(lat=36.1, lon=36.5, precision=near)),
        ),
    )
    far = world(
        territories=places,
        events=(
            event("e", "2017-01-01", location="t", coordinates=cm.Coordinates(lat=37.0, lon=36.5, precision=near)),
        ),
    )
    coarse = world(
        territories=places,
        events=(
            event(
                "e",
                "2017-01-01",
                location="t",
                coordinates=cm.Coordinates(lat=10.0, lon=10.0, precision=cm.CoordinatePrecision.ADMIN1),
            ),
        ),
    )
    assert () == cm.validate(close, select="CM601").findings
    assert ["CM601"] == [f.code for f in cm.validate(far, select="CM601").findings]
    assert () == cm.validate(coarse, select="CM601").findings


def test_points_in_multipolygons_with_holes() -> None:
    outer = ((0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0), (0.0, 0.0))
    hole = ((4.0, 4.0), (6.0, 4.0), (6.0, 6.0), (4.0, 6.0), (4.0, 4.0))
    far = ((20.0, 20.0), (21.0, 20.0), (21.0, 21.0), (20.0, 21.0), (20.0, 20.0))
    shape = cm.Geometry(type=cm.GeometryType.MULTI_POLYGON, coordinates=((outer, hole), (far,)))
    assert contains_point(shape, 1.0, 1.0)
    assert not contains_point(shape, 5.0, 5.0)
    assert contains_point(shape, 20.5, 20.5)
    assert not contains_point(shape, 15.0, 15.0)


def test_point_geometries_give_no_location_check() -> None:
    dot = cm.Geometry(type=cm.GeometryType.POINT, coordinates=(36.0, 35.0))
    scenario = world(
        territories=(territory("t", geometry=dot),),
        events=(event("e", "2017-01-01", location="t", coordinates=cm.Coordinates(lat=10.0, lon=10.0)),),
    )
    assert () == cm.validate(scenario, select="CM601").findings


def test_duplicate_ids_do_not_break_any_rule() -> None:
    scenario = world(
        actors=(actor("x", parent="y"), actor("x", parent="x"), actor("y", parent="x")),
        alliances=(alliance("al", "x", "y"), alliance("al", "x")),
        agreements=(
            agreement("g", links=(cm.Link(relation=cm.LinkRelation.FOLLOWS, target="g2"),)),
            agreement("g"),
            agreement("g2", links=(cm.Link(relation=cm.LinkRelation.FOLLOWS, target="g"),)),
        ),
    )
    codes = [f.code for f in cm.validate(scenario).findings]
    assert {"CM101", "CM201", "CM202", "CM205", "CM207"} <= set(codes)


# --- the control sweeps against a pairwise reference --------------------------------

D = ["2017", "2017-03", "2017-03-14", "2017-03-15", "2017-04", "2018"]


@st.composite
def control_sets(draw: st.DrawFn) -> cm.Scenario:
    count = draw(st.integers(min_value=0, max_value=7))
    controls = []
    for i in range(count):
        start, end = draw(st.sampled_from(D) | st.none()), draw(st.sampled_from(D) | st.none())
        try:
            p = period(start, end)
        except cm.FieldError:
            p = period(end, start)
        status = draw(st.sampled_from([FULL, FULL, PARTIAL, CONTESTED]))
        holders = tuple(draw(st.lists(st.sampled_from("xyz"), min_size=1, max_size=2, unique=True)))
        opponents = frozenset({"w"}) if status is CONTESTED else frozenset()
        where = draw(st.sampled_from(["t", "u"]))
        controls.append(
            cm.Control(id=f"c{i}", territory=where, controllers=holders, period=p, status=status, opponents=opponents)
        )
    return world(controls=tuple(controls))


def _clash(a: cm.Control, b: cm.Control) -> bool:
    if a.territory != b.territory:
        return False
    ea, eb = a.status is not PARTIAL, b.status is not PARTIAL
    if ea and eb:
        return set(a.controllers) != set(b.controllers)
    if ea and not eb:
        return not set(b.controllers) <= set(a.controllers)
    if eb and not ea:
        return not set(a.controllers) <= set(b.controllers)
    return False


def _reference(scenario: cm.Scenario) -> tuple[set[str], set[str]]:
    """Territories with a certain clash, and with a clash that is only possible."""
    certain, possible = set(), set()
    for i, a in enumerate(scenario.controls):
        for b in scenario.controls[i + 1 :]:
            if _clash(a, b):
                if a.period.certainly_overlaps(b.period):
                    certain.add(a.territory)
                elif a.period.possibly_overlaps(b.period):
                    possible.add(a.territory)
    return certain, possible


@given(control_sets())
def test_control_sweeps_agree_with_the_pairwise_reference(scenario: cm.Scenario) -> None:
    certain, possible = _reference(scenario)
    report = cm.validate(scenario, select="CM4")
    by_id = {c.id: c for c in scenario.controls}
    errors = {f.subjects[2] for f in report.errors}
    assert certain == errors
    for finding in report.findings:
        first, second = by_id[finding.subjects[0]], by_id[finding.subjects[1]]
        assert _clash(first, second)
        if finding.severity is cm.Severity.ERROR:
            assert first.period.certainly_overlaps(second.period)
        else:
            assert first.period.possibly_overlaps(second.period)
            assert not first.period.certainly_overlaps(second.period)
    # every territory with only a possible clash gets a warning
    warned = {f.subjects[2] for f in report.warnings}
    assert possible - certain <= warned


@given(
    control_sets(),
    st.sampled_from(["2016-12-31", "2017-01-01", "2017-03-14", "2017-03-15", "2017-06-30", "2018-12-31"]),
)
def test_conflicting_answers_only_where_validate_reports_errors(scenario: cm.Scenario, day: str) -> None:
    territories = world(territories=(territory("t"), territory("u")), controls=scenario.controls)
    errors = {f.subjects[2] for f in cm.validate(territories, select="CM4").errors}
    for where in ("t", "u"):
        if territories.controllers_on(where, day).kind is cm.ControlKind.CONFLICTING:
            assert where in errors


@given(control_sets())
def test_validate_never_raises_and_is_deterministic(scenario: cm.Scenario) -> None:
    assert cm.validate(scenario) == cm.validate(scenario)


def test_records_without_periods_are_not_checked_against_lifetimes() -> None:
    gone = actor("x", active=period("2012", "2015"))
    scenario = world(
        actors=(gone, actor("y"), actor("p", kind=cm.ActorKind.PERSON, posts=(cm.Post(title="Envoy"),))),
        alliances=(alliance("al", "x", "y"),),
        supports=(support("s", "x", "y"),),
        hostilities=(cm.Hostility(id="h", side_a=("x",), side_b=("y",)),),
    )
    assert () == cm.validate(scenario, select="CM3").findings


def test_allied_and_hostile_needs_both_actors_in_alliances() -> None:
    scenario = world(
        actors=(*XY, actor("z")),
        alliances=(alliance("al", "x", "y", period=period("2015-01-01", None)),),
        hostilities=(cm.Hostility(id="h", side_a=("x", "z"), side_b=("z", "y"), period=period("2016-01-01", None)),),
    )
    findings = cm.validate(scenario, select="CM501").findings
    assert [("h", "al", "x", "y")] == [f.subjects for f in findings]


def test_every_event_at_one_location_is_checked_against_its_geometry() -> None:
    exact = cm.CoordinatePrecision.EXACT
    scenario = world(
        territories=(territory("t", geometry=SQUARE),),
        events=tuple(
            event(f"e{i}", "2017-01-01", location="t", coordinates=cm.Coordinates(lat=lat, lon=36.5, precision=exact))
            for i, lat in enumerate((35.5, 30.0, 31.0))
        ),
    )
    assert ["e1", "e2"] == [f.subjects[0] for f in cm.validate(scenario, select="CM601").findings]


def test_violations_of_agreements_never_in_force_are_not_dated_against_them() -> None:
    scenario = world(
        agreements=(agreement("g"),),
        violations=(
            cm.Violation(id="v", agreement="g", violator="x", date=cm.PartialDate(2016)),
            cm.Violation(id="w", agreement="nothing", violator="x", date=cm.PartialDate(2016)),
        ),
    )
    assert () == cm.validate(scenario, select="CM602").findings
