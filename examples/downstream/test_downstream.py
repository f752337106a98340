"""A downstream project's tests, written against ``conflictmodel.strategies``.

Imagine a small map-making tool built on conflictmodel: it colours each territory by who
holds it on a day, and it admits only scenarios without errors. Its property-based tests
do not hand-write fixtures; they draw whole worlds, and worlds broken in chosen ways::

    pip install "conflictmodel[hypothesis]" pytest
    python -m pytest examples/downstream

(The tool's code sits at the top of this file to keep the example in one place; in a
real project it would be imported from the project's package.)
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import conflictmodel as cm
from conflictmodel import strategies as cst

# --- the project's code --------------------------------------------------------------

UNKNOWN = "grey"
_SOLID = (cm.ControlKind.HELD, cm.ControlKind.JOINT)
_FOUGHT_OVER = (cm.ControlKind.CONTESTED, cm.ControlKind.BESIEGED)


def map_legend(scenario: cm.Scenario, day: dt.date) -> dict[str, str]:
    """Territory id -> legend key of a multicoloured map on ``day``: the holders
    (``"a0+a2"``), ``"contested:a0"`` or ``"besieged:a0"``, or grey when the records
    do not say who holds all of it."""
    legend = {}
    for territory, state in scenario.control_map(day).items():
        holders = "+".join(state.controllers)
        if state.kind in _SOLID:
            legend[territory] = holders
        elif state.kind in _FOUGHT_OVER:
            legend[territory] = f"{state.kind.value}:{holders}"
        else:
            legend[territory] = UNKNOWN
    return legend


class RefusedError(ValueError):
    """A scenario with errors; ``codes`` are the rules it breaks."""

    def __init__(self, codes: list[str]) -> None:
        self.codes = codes
        super().__init__("refused: " + ", ".join(codes))


def admit(scenario: cm.Scenario) -> cm.Scenario:
    """Accept a scenario for the map, or refuse it naming every rule it breaks."""
    report = cm.validate(scenario)
    if not report.ok:
        raise RefusedError(sorted({finding.code for finding in report.errors}))
    return scenario


@attrs.frozen
class Caption:
    """A caption under the map: who, where, since when."""

    actor: cm.Actor
    place: cm.Territory
    period: cm.Period

    def text(self) -> str:
        """The caption's text."""
        since = f" since {self.period.start}" if self.period.start else ""
        return f"{self.place.name}: held by {self.actor.name}{since}"


attrs.resolve_types(Caption)  # st.builds reads the field types; resolve the PEP 563 strings first


# --- the project's tests -------------------------------------------------------------

DAYS = st.dates(dt.date(2011, 1, 1), dt.date(2020, 12, 31))  # the default range of cst.scenarios()


@given(cst.scenarios(), DAYS)
def test_every_territory_gets_a_legend_key(scenario: cm.Scenario, day: dt.date) -> None:
    """The map colours every territory, recorded or not."""
    legend = map_legend(scenario, day)
    assert {t.id for t in scenario.territories} == set(legend)


@given(cst.scenarios(), DAYS)
def test_legend_keys_name_only_actors_of_the_scenario(scenario: cm.Scenario, day: dt.date) -> None:
    """A legend key never names an actor the scenario does not have."""
    actors = {a.id for a in scenario.actors}
    for key in map_legend(scenario, day).values():
        if key != UNKNOWN:
            assert set(key.split(":")[-1].split("+")) <= actors


@given(cst.scenarios(precisions=st.just(cm.Precision.DAY)), DAYS)
def test_with_dates_known_to_the_day_no_territory_is_ambiguous(scenario: cm.Scenario, day: dt.date) -> None:
    """Ambiguity comes only from imprecise dates; contradictions only from errors."""
    kinds = {state.kind for state in scenario.control_map(day).values()}
    assert cm.ControlKind.AMBIGUOUS not in kinds
    assert cm.ControlKind.CONFLICTING not in kinds  # valid worlds never contradict themselves


@given(cst.scenarios())
def test_every_valid_world_is_admitted(scenario: cm.Scenario) -> None:
    """Worlds without errors are never refused."""
    assert scenario == admit(scenario)


@given(cst.invalid_scenarios())
def test_a_broken_world_is_refused_exactly_when_the_rule_is_an_error(scenario: cm.Scenario) -> None:
    """Errors keep a world off the map, naming the rule; warnings do not."""
    (code,) = {finding.code for finding in cm.validate(scenario).findings}  # one rule, by construction
    if cm.RULES[code].severity is cm.Severity.ERROR:
        with pytest.raises(RefusedError) as refused:
            admit(scenario)
        assert [code] == refused.value.codes
    else:  # warnings do not keep a world off the map
        assert scenario == admit(scenario)


@pytest.mark.parametrize("rule", ["CM301", "CM401"])
@given(data=st.data())
def test_the_refusal_names_the_rule(rule: str, data: st.DataObject) -> None:
    """The refusal says which rule the world breaks."""
    scenario = data.draw(cst.invalid_scenarios(rule=rule))
    with pytest.raises(RefusedError, match=rule):
        admit(scenario)


@given(st.builds(Caption))  # model-typed fields are filled through conflictmodel's registration
def test_captions_name_the_place_and_the_holder(caption: Caption) -> None:
    """Any actor, territory and period make a caption that names them."""
    assert caption.text().startswith(caption.place.name)
    assert caption.actor.name in caption.text()
