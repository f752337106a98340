"""Rules CM3xx, time and lifetimes: each with a passing and a failing scenario, and the shapes
that are easy to get wrong."""

import conflictmodel as cm
from rule_helpers import (
    BESIEGED,
    XY,
    Case,
    actor,
    agreement,
    alliance,
    case_tests,
    control,
    event,
    party,
    period,
    support,
    territory,
    world,
)


def _cases() -> dict[str, Case]:
    cases: dict[str, Case] = {}
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
    return cases


CASES = _cases()
(
    test_rule_passes_on_the_passing_scenario,
    test_rule_fails_on_the_failing_scenario,
    test_passing_scenarios_break_no_rule_of_severity_error,
) = case_tests(CASES)


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


def test_records_without_periods_are_not_checked_against_lifetimes() -> None:
    gone = actor("x", active=period("2012", "2015"))
    scenario = world(
        actors=(gone, actor("y"), actor("p", kind=cm.ActorKind.PERSON, posts=(cm.Post(title="Envoy"),))),
        alliances=(alliance("al", "x", "y"),),
        supports=(support("s", "x", "y"),),
        hostilities=(cm.Hostility(id="h", side_a=("x",), side_b=("y",)),),
    )
    assert () == cm.validate(scenario, select="CM3").findings


def test_an_excluded_actor_need_only_be_active_while_the_agreement_is_in_force() -> None:
    # The ceasefire of 29 December 2016 excludes "the groups linked to" Jabhat Fateh
    # al-Sham, and so HTS, formed on 28 January 2017 while it was in force.
    formed = actor("hts", active=period("2017-01-28", None))
    gone = actor("jfs", active=period("2016-07", "2017-01-28"))
    excluded = cm.Role.EXCLUDED
    from_30_december = period("2016-12-30", None)

    def ceasefire(*actors: cm.AgreementActor, in_force: cm.Period | None = from_30_december) -> cm.Scenario:
        record = agreement("g", signed=cm.PartialDate(2016, 12, 29), in_force=in_force, actors=actors)
        return world(actors=(formed, gone), agreements=(record,))

    assert () == cm.validate(ceasefire(party("hts", excluded), party("jfs", excluded)), select="CM304").findings
    # a party must exist when it signs, whatever else it is
    late_party = cm.validate(ceasefire(party("hts")), select="CM304").findings
    assert ["$.agreements[0].actors[0].actor"] == [f.path for f in late_party]
    # without an in-force period, an exclusion is read at the signing too
    unknown = cm.validate(ceasefire(party("hts", excluded), in_force=None), select="CM304").findings
    assert ["$.agreements[0].actors[0].actor"] == [f.path for f in unknown]
    # an actor gone before the agreement came into force cannot be what it leaves out
    later = period("2017-03-01", None)
    dissolved = cm.validate(ceasefire(party("jfs", excluded), in_force=later), select="CM304").findings
    assert ["$.agreements[0].actors[0].actor"] == [f.path for f in dissolved]
