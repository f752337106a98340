"""The rule catalogue as a whole: every rule has cases and a docs entry whose example
fails with it; the report, select and ignore."""

import json
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import conflictmodel as cm
import test_agreements
import test_alignment
import test_control
import test_identity
import test_structure
import test_time
from conflictmodel._rules._validate import _parsed_place, _place
from rule_helpers import DOCS, XY, actor, agreement, alliance, control, territory, world

CASES = {
    **test_identity.CASES,
    **test_structure.CASES,
    **test_time.CASES,
    **test_control.CASES,
    **test_alignment.CASES,
    **test_agreements.CASES,
}


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


# paths near the one form read without a regex, ``$.<collection>[<index>]``
_PATHS = st.builds(
    "{}{}{}{}{}".format,
    st.sampled_from(["$.", "$", "", "#.", "$.."]),
    st.sampled_from(["meta", "actors", "controls", "events", "controls2", "", "x.y", "٣"]),
    st.sampled_from(["[", "", "]"]),
    st.sampled_from(["0", "7", "12", "", "٣", "²", "-1", "a"]),
    st.sampled_from(["]", "", "].parent", "][2]", "].zones[1]"]),
)


@given(path=st.none() | _PATHS)
@example(path="$.controls[3]")
@example(path="$.controls[\u00b2]")  # a digit, not a decimal: no number
@example(path="$.controls[\u0663]")  # an Arabic-Indic three: a decimal
@example(path="$.x.y[7]")
def test_a_findings_place_read_without_a_regex_is_the_one_the_regex_reads(path: str | None) -> None:
    finding = cm.Finding(code="CM101", severity=cm.Severity.ERROR, message="m", subjects=("a",), path=path)
    assert _parsed_place(finding) == _place(finding)


def test_select_and_ignore_take_codes_and_prefixes() -> None:
    scenario = MIXED
    assert ["CM201"] == [f.code for f in cm.validate(scenario, select="CM2").findings]
    assert ["CM101", "CM103"] == [f.code for f in cm.validate(scenario, select=["CM101", "CM103"]).findings]
    assert ["CM101"] == [f.code for f in cm.validate(scenario, ignore=["CM103", "CM2"]).findings]
    assert ["CM103"] == [f.code for f in cm.validate(scenario, select="CM1", ignore="CM101").findings]
    assert ("CM401", "CM402", "CM403", "CM404", "CM405") == cm.validate(scenario, select="CM40").checked


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


@pytest.mark.parametrize("select", [5, [5], b"CM1", {"CM1": 1}, [None]])
def test_a_select_that_is_not_rule_codes_is_a_value_error_naming_it(select: object) -> None:
    scenario = cm.Scenario(meta=cm.Meta(title="empty"))
    with pytest.raises(ValueError, match=r"^select: expected a rule code"):
        cm.validate(scenario, select=select)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"^ignore: expected a rule code"):
        cm.validate(scenario, ignore=select)  # type: ignore[arg-type]
