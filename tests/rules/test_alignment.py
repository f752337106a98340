"""Rules CM5xx, alignment: each with a passing and a failing scenario, and the shapes
that are easy to get wrong."""

import conflictmodel as cm
from rule_helpers import XY, Case, actor, alliance, case_tests, period, support, world


def _cases() -> dict[str, Case]:
    cases: dict[str, Case] = {}
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
    return cases


CASES = _cases()
(
    test_rule_passes_on_the_passing_scenario,
    test_rule_fails_on_the_failing_scenario,
    test_passing_scenarios_break_no_rule_of_severity_error,
) = case_tests(CASES)


def test_allied_and_hostile_needs_both_actors_in_alliances() -> None:
    scenario = world(
        actors=(*XY, actor("z")),
        alliances=(alliance("al", "x", "y", period=period("2015-01-01", None)),),
        hostilities=(cm.Hostility(id="h", side_a=("x", "z"), side_b=("z", "y"), period=period("2016-01-01", None)),),
    )
    findings = cm.validate(scenario, select="CM501").findings
    assert [("h", "al", "x", "y")] == [f.subjects for f in findings]
