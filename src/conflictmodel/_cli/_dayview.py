"""What a scenario says about one day: the main job of the command line.

The control map, the partition of each country, the agreements in force with their
guarantors, the alignment camps, and the violations recorded or derived up to that day,
as plain data (for ``--format json``) and as readable text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from conflictmodel._model._agreements import Role
from conflictmodel._model._dates import DayLike, as_day
from conflictmodel._model._events import Event
from conflictmodel._model._scenario import Scenario
from conflictmodel._model._territory import TerritoryKind
from conflictmodel._rules._report import Report

__all__ = ["day_view", "day_view_lines"]

# Territories are listed country first, then governorates, zones and places.
_KIND_ORDER = {kind: index for index, kind in enumerate(TerritoryKind)}


def _name(scenario: Scenario, id: str) -> str:  # noqa: A002 - the domain's own word
    record = scenario.find(id)
    return getattr(record, "name", None) or id


def _control(scenario: Scenario, day: dt.date) -> list[dict[str, Any]]:
    states = scenario.control_map(day)
    rows = []
    for territory in sorted(scenario.territories, key=lambda t: (_KIND_ORDER[t.kind], t.name, t.id)):
        state = states[territory.id]
        rows.append(
            {
                "territory": territory.id,
                "name": territory.name,
                "kind": territory.kind.value,
                "state": state.kind.value,
                "controllers": list(state.controllers),
                "opponents": list(state.opponents),
                "records": list(state.records),
            }
        )
    return rows


def _partitions(scenario: Scenario, day: dt.date) -> list[dict[str, Any]]:
    out = []
    for country in scenario.territories:
        if country.kind is not TerritoryKind.COUNTRY or country.parent is not None:
            continue
        partition = scenario.partition(day, within=country.id, weight="area")
        out.append(
            {
                "within": country.id,
                "weight": partition.weight,
                "shares": [{"controllers": list(s.controllers), "share": s.share} for s in partition.shares],
                "effective_controllers": partition.effective_controllers,
                "government": partition.government,
                "government_share": partition.government_share,
                "contested": partition.contested,
                "unrecorded": partition.unrecorded,
                "ambiguous": partition.ambiguous,
            }
        )
    return out


def _agreements(scenario: Scenario, day: dt.date) -> list[dict[str, Any]]:
    return [
        {
            "agreement": entry.agreement,
            "certain": entry.certain,
            "guarantors": [tie.actor for tie in scenario.actors_of(entry.agreement, day, role=Role.GUARANTOR)],
        }
        for entry in scenario.agreements_in_force(day)
    ]


def _violations(scenario: Scenario, day: dt.date) -> list[dict[str, Any]]:
    out = []
    for agreement in scenario.agreements:
        found = scenario.violations_of(agreement.id, by="anyone")
        recorded = [v.id for v in found.recorded if v.date.earliest <= day]
        derived = [
            {"event": c.event, "territory": c.territory, "actors": list(c.actors), "certain": c.certain}
            for c in found.derived
            if scenario.get(c.event, Event).date.earliest <= day
        ]
        if recorded or derived:
            out.append({"agreement": agreement.id, "recorded": recorded, "derived": derived})
    return out


def _validation(report: Report) -> dict[str, Any]:
    return {
        "ok": report.ok,
        "errors": [{"code": f.code, "message": f.message, "path": f.path} for f in report.errors],
        "warnings": [{"code": f.code, "message": f.message, "path": f.path} for f in report.warnings],
    }


def day_view(scenario: Scenario, day: DayLike | None = None, *, report: Report | None = None) -> dict[str, Any]:
    """Everything the command line shows about ``day`` (default: the scenario's
    ``as_of``), as JSON-ready data. ``report`` is the validation report to include."""
    when = _day_of(scenario, day)
    view: dict[str, Any] = {
        "title": scenario.meta.title,
        "day": when.isoformat(),
        "control": _control(scenario, when),
        "partition": _partitions(scenario, when),
        "agreements": _agreements(scenario, when),
        "camps": [
            {"members": list(camp.members), "ties": list(camp.ties), "enemies": list(camp.enemies)}
            for camp in scenario.camps(when)
        ],
        "violations": _violations(scenario, when),
    }
    if report is not None:
        view["validation"] = _validation(report)
    return view


def _day_of(scenario: Scenario, day: DayLike | None) -> dt.date:
    if day is not None:
        return as_day(day)
    if scenario.meta.as_of is None:
        raise ValueError("the scenario has no as_of day: give one (--on YYYY-MM-DD)")
    return scenario.meta.as_of.latest


def _names(scenario: Scenario, ids: list[str]) -> str:
    return ", ".join(_name(scenario, i) for i in ids) or "-"


_NAME_WIDTH = 36


def _clip(text: str) -> str:
    return text if len(text) <= _NAME_WIDTH else text[: _NAME_WIDTH - 1] + "…"


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:5.1f}%"


def day_view_lines(scenario: Scenario, view: dict[str, Any]) -> Iterator[str]:
    """The :func:`day_view` data as readable text, one table per section."""
    yield f"{view['title']} — {view['day']}"
    yield ""
    yield "Control (territory: state — controllers [against opponents])"
    width = min(max((len(row["name"]) for row in view["control"]), default=0), _NAME_WIDTH)
    for row in view["control"]:
        against = f" [against {_names(scenario, row['opponents'])}]" if row["opponents"] else ""
        holders = _names(scenario, row["controllers"])
        yield f"  {_clip(row['name']):<{width}}  {row['kind']:<7} {row['state']:<10} {holders}{against}"
    for part in view["partition"]:
        yield ""
        effective = part["effective_controllers"]
        effective_text = "-" if effective is None else f"{effective:.2f}"
        where = _name(scenario, part["within"])
        yield f"Partition of {where} by {part['weight']}: effective number of controllers {effective_text}"
        government = part["government"]
        if government is not None:
            yield f"  recognised government {_name(scenario, government)}: {_percent(part['government_share'])}"
        for share in part["shares"]:
            yield f"  {_percent(share['share'])}  {_names(scenario, share['controllers'])}"
        yield f"  {_percent(part['contested'])}  contested"
        yield f"  {_percent(part['ambiguous'])}  ambiguous (imprecise dates)"
        yield f"  {_percent(part['unrecorded'])}  unrecorded"
    yield ""
    yield "Agreements in force (guarantors)"
    for entry in view["agreements"]:
        maybe = "" if entry["certain"] else " (possibly)"
        yield f"  {_name(scenario, entry['agreement'])}{maybe}: {_names(scenario, entry['guarantors'])}"
    yield ""
    yield "Camps"
    for index, camp in enumerate(view["camps"], start=1):
        yield f"  {index}. {_names(scenario, camp['members'])}"
    yield ""
    yield "Violations (recorded; derived from events)"
    for entry in view["violations"]:
        derived = ", ".join(
            f"{_name(scenario, d['event'])} by {_names(scenario, d['actors'])}" for d in entry["derived"]
        )
        yield f"  {_name(scenario, entry['agreement'])}: recorded {len(entry['recorded'])}; derived: {derived or '-'}"
    if "validation" in view:
        check = view["validation"]
        yield ""
        yield f"Validation: {len(check['errors'])} errors, {len(check['warnings'])} warnings"
        for finding in check["errors"] + check["warnings"]:
            yield f"  {finding['code']} {finding['path']}: {finding['message']}"
