"""Rules CM4xx, control of territory: each with a passing and a failing scenario, and the shapes
that are easy to get wrong."""

import attrs
from hypothesis import given
from hypothesis import strategies as st

import conflictmodel as cm
from rule_helpers import (
    BESIEGED,
    CONTESTED,
    FULL,
    PARTIAL,
    XY,
    Case,
    case_tests,
    control,
    found,
    period,
    territory,
    world,
)


def _cases() -> dict[str, Case]:
    cases: dict[str, Case] = {}
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
    cases["CM405"] = (
        world(
            actors=XY,
            territories=t,
            controls=(
                held("c1", "x", 0.6, start="2017-01-01"),
                held("c2", "y", 0.41, start="2017-06-01"),  # 1.01: within the tolerance
                held("c3", "y", 0.5, start="2016", end="2016-12-31"),
            ),
        ),
        world(
            actors=XY,
            territories=t,
            controls=(held("c1", "x", 0.6, start="2017-01-01"), held("c2", "y", 0.5, start="2017-06-01")),
        ),
        [("$.controls[1].portion.fraction", ("c2", "c1", "t"))],
    )
    return cases


def held(cid: str, who: str, fraction: float, *, start: str | None = None, end: str | None = None) -> cm.Control:
    """A partial record of territory ``t`` that holds ``fraction`` of it."""
    return attrs.evolve(
        control(cid, "t", who, start=start, end=end, status=PARTIAL), portion=cm.Portion(fraction=fraction)
    )


CASES = _cases()
(
    test_rule_passes_on_the_passing_scenario,
    test_rule_fails_on_the_failing_scenario,
    test_passing_scenarios_break_no_rule_of_severity_error,
) = case_tests(CASES)


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
def test_each_partial_record_in_a_certain_clash_is_reported_once(scenario: cm.Scenario) -> None:
    """CM403 names every partial record that certainly overlaps an exclusive record
    holding without some of its controllers, each once, beside one such record."""
    expected = {
        a.id
        for a in scenario.controls
        for b in scenario.controls
        if a.status is PARTIAL and b.status is not PARTIAL and _clash(a, b) and a.period.certainly_overlaps(b.period)
    }
    findings = cm.validate(scenario, select="CM403").findings
    assert sorted(f.subjects[0] for f in findings) == sorted(expected)
    by_id = {c.id: c for c in scenario.controls}
    for finding in findings:
        partial, exclusive = by_id[finding.subjects[0]], by_id[finding.subjects[1]]
        assert exclusive.status is not PARTIAL
        assert _clash(partial, exclusive)
        assert partial.period.certainly_overlaps(exclusive.period)


@given(control_sets())
def test_validate_never_raises_and_is_deterministic(scenario: cm.Scenario) -> None:
    assert cm.validate(scenario) == cm.validate(scenario)


FRACTIONS = st.sampled_from([0.2, 0.3, 0.5, 0.6, 0.9, 1.0])


@st.composite
def partial_sets(draw: st.DrawFn) -> cm.Scenario:
    controls = []
    for i in range(draw(st.integers(min_value=0, max_value=6))):
        start, end = draw(st.sampled_from(D) | st.none()), draw(st.sampled_from(D) | st.none())
        try:
            p = period(start, end)
        except cm.FieldError:
            p = period(end, start)
        where = draw(st.sampled_from(["t", "u"]))
        portion = draw(st.none() | FRACTIONS.map(lambda f: cm.Portion(fraction=f)))
        controls.append(
            cm.Control(id=f"c{i}", territory=where, controllers=("x",), period=p, status=PARTIAL, portion=portion)
        )
    return world(controls=tuple(controls))


def _overfull(scenario: cm.Scenario) -> set[str]:
    """Territories where, on the first certain day of some record, the portions of the
    records certainly covering that day add up to more than 1.01."""
    found = set()
    for a in scenario.controls:
        if a.portion is None or a.period.certain_first > a.period.certain_last:
            continue
        day = a.period.certain_first
        total = sum(
            b.portion.fraction
            for b in scenario.controls
            if b.territory == a.territory and b.portion is not None and b.period.certainly_contains(day)
        )
        if total > 1.01:
            found.add(a.territory)
    return found


def test_a_record_written_twice_counts_its_portion_once() -> None:
    twice = held("c1", "x", 0.75, start="2017-01-01")
    s = world(actors=XY, territories=(territory("t"),), controls=(twice, twice))
    assert {f.code for f in cm.validate(s).findings} == {"CM101"}


@given(partial_sets())
def test_overfull_portions_agree_with_the_day_by_day_reference(scenario: cm.Scenario) -> None:
    report = cm.validate(scenario, select="CM405")
    assert _overfull(scenario) == {f.subjects[-1] for f in report.findings}
