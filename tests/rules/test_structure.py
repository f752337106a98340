"""Rules CM2xx, structure: each with a passing and a failing scenario, and the shapes
that are easy to get wrong."""

import pytest

import conflictmodel as cm
from rule_helpers import XY, Case, actor, agreement, alliance, case_tests, period, support, territory, world


def _cases() -> dict[str, Case]:
    cases: dict[str, Case] = {}
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
    return cases


CASES = _cases()
(
    test_rule_passes_on_the_passing_scenario,
    test_rule_fails_on_the_failing_scenario,
    test_passing_scenarios_break_no_rule_of_severity_error,
) = case_tests(CASES)


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
