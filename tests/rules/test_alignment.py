"""Rules CM5xx, alignment: each with a passing and a failing scenario, and the shapes
that are easy to get wrong."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

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


_NAMES = ("p", "q", "r", "s")
_YEARS = st.one_of(st.none(), st.sampled_from(("2015", "2016", "2017", "2016-06", "2016-06-15")))


@st.composite
def _periods(draw: st.DrawFn) -> cm.Period | None:
    start, end = draw(_YEARS), draw(_YEARS)
    if start is not None and end is not None and period(start).latest > period(None, end).earliest:
        start, end = end, start
    try:
        return period(start, end)
    except cm.FieldError:
        return None


@st.composite
def _alignment_worlds(draw: st.DrawFn) -> cm.Scenario:
    side = st.lists(st.sampled_from(_NAMES), min_size=1, max_size=4, unique=True)
    members = st.lists(st.builds(cm.Membership, actor=st.sampled_from(_NAMES), period=_periods()), max_size=5)
    alliances = [alliance(f"al{i}", *draw(members), period=draw(_periods())) for i in range(draw(st.integers(0, 2)))]
    hostilities = [
        cm.Hostility(id=f"h{i}", side_a=tuple(draw(side)), side_b=tuple(draw(side)), period=draw(_periods()))
        for i in range(draw(st.integers(0, 3)))
    ]
    pairs = st.tuples(st.sampled_from(_NAMES), st.sampled_from(_NAMES))
    supports = [
        support(f"s{i}", x, y, period=draw(_periods())) for i, (x, y) in enumerate(draw(st.lists(pairs, max_size=4)))
    ]
    return world(
        actors=tuple(actor(n) for n in _NAMES),
        alliances=tuple(alliances),
        hostilities=tuple(hostilities),
        supports=tuple(supports),
    )


def _certain(p: cm.Period | None) -> set[int]:
    """The certain days of a period, clipped to the years drawn (2014 to 2018)."""
    low, high = dt.date(2014, 1, 1).toordinal(), dt.date(2018, 12, 31).toordinal()
    if p is None:
        return set(range(low, high + 1))
    return set(range(max(low, p.certain_first.toordinal()), min(high, p.certain_last.toordinal()) + 1))


@given(_alignment_worlds())
@settings(max_examples=60, deadline=None)
def test_allied_and_hostile_agrees_with_the_pairwise_reference(s: cm.Scenario) -> None:
    """CM501 names, per hostility and alliance, exactly the members of each side that
    share a certain day of membership and hostility with a member on the other side."""
    expected = []
    for h in s.hostilities:
        for al in sorted(s.alliances, key=lambda a: a.id):
            days: dict[str, set[int]] = {m.actor: set() for m in al.members}
            for m in al.members:
                days[m.actor] |= _certain(al.period) & _certain(m.period if m.period is not None else al.period)
            pairs = [
                (a, b)
                for a in h.side_a
                for b in h.side_b
                if a != b and a in days and b in days and days[a] & days[b] & _certain(h.period)
            ]
            if pairs:
                side_a = [a for a in dict.fromkeys(h.side_a) if any(a == x for x, _ in pairs)]
                side_b = [b for b in dict.fromkeys(h.side_b) if any(b == y for _, y in pairs)]
                expected.append((h.id, al.id, *side_a, *side_b))
    assert expected == [f.subjects for f in cm.validate(s, select="CM501").findings]


@given(_alignment_worlds())
@settings(max_examples=60, deadline=None)
def test_supports_an_enemy_agrees_with_the_pairwise_reference(s: cm.Scenario) -> None:
    """CM502 names each support to an actor on the other side of a hostility that shares
    a certain day with it, with the first such hostility."""
    expected = []
    for sup in s.supports:
        for h in s.hostilities:
            x, y = sup.supporter, sup.recipient
            opposite = (x in h.side_a and y in h.side_b) or (x in h.side_b and y in h.side_a)
            if x != y and opposite and _certain(sup.period) & _certain(h.period):
                expected.append((sup.id, h.id))
                break
    assert expected == [f.subjects for f in cm.validate(s, select="CM502").findings]


def test_allied_and_hostile_reports_one_finding_for_a_whole_alliance_across_sides() -> None:
    """A hostility between two halves of one alliance is one finding, not one per pair."""
    names = [f"m{i}" for i in range(6)]
    scenario = world(
        actors=tuple(actor(n) for n in names),
        alliances=(alliance("al", *names),),
        hostilities=(cm.Hostility(id="h", side_a=tuple(names[:3]), side_b=tuple(names[3:])),),
    )
    (found,) = cm.validate(scenario, select="CM501").findings
    assert ("h", "al", *names) == found.subjects
    assert "'m0', 'm1', 'm2' (side A) and 'm3', 'm4', 'm5' (side B) are allied in 'al'" in found.message
