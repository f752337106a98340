"""What a scenario says about one day: the main job of the command line.

The partition of each country by bloc (the camps of the day), the camps, the agreements
in force with their guarantors and monitors, the violations recorded or derived up to
that day, and the control map, as plain data (for ``--format json``) and as readable
text within 100 columns (the per-territory table only when asked for).
"""

from __future__ import annotations

import datetime as dt
import textwrap
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
        partition = scenario.partition(day, within=country.id, weight="area", by="camp")
        out.append(
            {
                "within": country.id,
                "weight": partition.weight,
                "by": partition.by,
                "shares": [
                    {"controllers": list(s.controllers), "camp": list(s.camp), "share": s.share}
                    for s in partition.shares
                ],
                "by_actor": dict(sorted(partition.by_actor.items())),
                "effective_blocs": partition.effective_controllers,
                "government": partition.government,
                "government_share": partition.government_share,
                "contested": partition.contested,
                "undetermined": partition.undetermined,
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
            "monitors": [tie.actor for tie in scenario.actors_of(entry.agreement, day, role=Role.MONITOR)],
        }
        for entry in scenario.agreements_in_force(day)
    ]


def _violations(scenario: Scenario, day: dt.date) -> list[dict[str, Any]]:
    out = []
    for agreement in scenario.agreements:
        found = scenario.violations_of(agreement.id)
        recorded = [v.id for v in found.recorded if v.date.earliest <= day]
        derived = [
            {
                "event": c.event,
                "territory": c.territory,
                "actors": list(c.actors),
                "accountable": list(c.accountable),
                "certain": c.certain,
            }
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


WIDTH = 100
"""The text view fits in this many columns."""
_NAME_WIDTH = 36


def _clip(text: str, width: int = _NAME_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:5.1f}%"


def _wrapped(first: str, text: str) -> Iterator[str]:
    """``first`` then ``text``, wrapped to :data:`WIDTH` under its own start."""
    yield from textwrap.wrap(
        text, width=WIDTH, initial_indent=first, subsequent_indent=" " * len(first), break_on_hyphens=False
    ) or [first.rstrip()]


def _bloc(scenario: Scenario, share: dict[str, Any], by_actor: dict[str, float]) -> str:
    """A bloc's label: its three largest holders, and how many more hold or belong to it."""
    holders = sorted(share["controllers"], key=lambda a: (-by_actor.get(a, 0.0), a))
    named = _names(scenario, holders[:3])
    more = len(holders) - 3
    label = named + (f" and {more} more" if more > 0 else "")
    rest = len(share["camp"]) - len(holders)
    return label + (f" (a camp of {len(share['camp'])})" if rest > 0 else "")


def _control_lines(scenario: Scenario, view: dict[str, Any]) -> Iterator[str]:
    yield ""
    yield "Control (territory: state — controllers [against opponents])"
    width = min(max((len(row["name"]) for row in view["control"]), default=0), _NAME_WIDTH)
    for row in view["control"]:
        against = f" [against {_names(scenario, row['opponents'])}]" if row["opponents"] else ""
        holders = _names(scenario, row["controllers"])
        line = f"  {_clip(row['name']):<{width}}  {row['kind']:<7} {row['state']:<10} {holders}{against}"
        yield _clip(line, WIDTH)


def _partition_lines(scenario: Scenario, part: dict[str, Any]) -> Iterator[str]:
    yield ""
    effective = part["effective_blocs"]
    effective_text = "-" if effective is None else f"{effective:.2f}"
    where = _name(scenario, part["within"])
    yield f"Partition of {where} by {part['weight']}, by bloc (camps of the day): effective blocs {effective_text}"
    for share in part["shares"]:
        yield from _wrapped(f"  {_percent(share['share'])}  ", _bloc(scenario, share, part["by_actor"]))
    yield f"  {_percent(part['undetermined'])}  undetermined (held in part, no share stated; divided; conflicting)"
    yield f"  {_percent(part['ambiguous'])}  ambiguous (imprecise dates)"
    yield f"  {_percent(part['unrecorded'])}  unrecorded"
    line = f"  contested or besieged: {_percent(part['contested']).strip()}"
    government = part["government"]
    if government is not None:
        line += f"; the recognised government ({_name(scenario, government)}) and the forces of its state:"
        line += f" {_percent(part['government_share']).strip()}"
    yield from _wrapped("  ", line.strip())


def _violation_lines(scenario: Scenario, view: dict[str, Any]) -> Iterator[str]:
    yield ""
    yield "Violations (recorded; derived: hostile events by actors it binds, not against actors it excludes)"
    if not view["violations"]:
        yield "  -"
    for entry in view["violations"]:
        derived = entry["derived"]
        name = _name(scenario, entry["agreement"])
        yield from _wrapped("  ", f"{name}: {len(entry['recorded'])} recorded, {len(derived)} derived")
        by_actor: dict[str, int] = {}
        for candidate in derived:
            for actor in candidate["accountable"] or candidate["actors"]:
                by_actor[actor] = by_actor.get(actor, 0) + 1
        if by_actor:
            counts = ", ".join(
                f"{_name(scenario, a)} {n}" for a, n in sorted(by_actor.items(), key=lambda i: (-i[1], i[0]))
            )
            yield from _wrapped("    by (bound through): ", counts)


def day_view_lines(scenario: Scenario, view: dict[str, Any], *, territories: bool = False) -> Iterator[str]:
    """The :func:`day_view` data as readable text fitting in :data:`WIDTH` columns: the
    partition by bloc, the camps, the agreements in force with their guarantors and
    monitors, and the violations; the per-territory control table only with
    ``territories``."""
    yield _clip(f"{view['title']} — {view['day']}", WIDTH)
    if territories:
        yield from _control_lines(scenario, view)
    for part in view["partition"]:
        yield from _partition_lines(scenario, part)
    yield ""
    yield "Camps (blocs of the war being fought that day)"
    for index, camp in enumerate(view["camps"], start=1):
        yield from _wrapped(f"  {index:>2}. ", _names(scenario, camp["members"]))
    yield ""
    yield "Agreements in force (guarantors; monitors)"
    if not view["agreements"]:
        yield "  -"
    for entry in view["agreements"]:
        maybe = "" if entry["certain"] else " (possibly)"
        roles = f"{_names(scenario, entry['guarantors'])}; {_names(scenario, entry['monitors'])}"
        yield from _wrapped("  ", f"{_name(scenario, entry['agreement'])}{maybe}: {roles}")
    yield from _violation_lines(scenario, view)
    if "validation" in view:
        check = view["validation"]
        yield ""
        yield f"Validation: {len(check['errors'])} errors, {len(check['warnings'])} warnings"
        for finding in check["errors"] + check["warnings"]:
            yield from _wrapped(f"  {finding['code']} ", f"{finding['path']}: {finding['message']}")
