"""Builders of small worlds for the rule tests, and the checks every rule's pair of
passing and failing scenarios goes through."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import conflictmodel as cm

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


def found(report: cm.Report) -> list[tuple[str | None, tuple[str, ...]]]:
    return [(f.path, f.subjects) for f in report.findings]


def case_tests(cases: dict[str, Case]) -> tuple[Callable[[str], None], Callable[[str], None], Callable[[str], None]]:
    """The three tests of a family's cases: each passing scenario passes its rule, each
    failing one fails it with the expected findings, and no passing scenario breaks any
    rule of severity ``error``."""
    codes = pytest.mark.parametrize("code", sorted(cases))

    @codes
    def test_rule_passes_on_the_passing_scenario(code: str) -> None:
        passing, _, _ = cases[code]
        assert [] == found(cm.validate(passing, select=code))

    @codes
    def test_rule_fails_on_the_failing_scenario(code: str) -> None:
        _, failing, expected = cases[code]
        report = cm.validate(failing, select=code)
        assert expected == found(report)
        assert {code} == {f.code for f in report.findings}
        assert {cm.RULES[code].severity} == {f.severity for f in report.findings}

    @codes
    def test_passing_scenarios_break_no_rule_of_severity_error(code: str) -> None:
        passing, _, _ = cases[code]
        assert [] == [str(f) for f in cm.validate(passing, ignore=["CM1"]).errors]

    return (
        test_rule_passes_on_the_passing_scenario,
        test_rule_fails_on_the_failing_scenario,
        test_passing_scenarios_break_no_rule_of_severity_error,
    )
