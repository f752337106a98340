"""The catalogue of rules, and :func:`validate`, which runs them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from conflictmodel._model._collector import pausing_collector
from conflictmodel._model._errors import ArgumentError
from conflictmodel._model._frozenmap import FrozenMap

from . import _agreements, _alignment, _control, _identity, _structure, _time  # noqa: F401 - each registers its rules
from ._context import SINGULAR, Context
from ._registry import REGISTRY, Rule
from ._report import Finding, Report

if TYPE_CHECKING:
    from conflictmodel._model._scenario import Scenario

__all__ = ["RULES", "Rule", "validate"]


RULES: FrozenMap[Rule] = FrozenMap({code: REGISTRY[code][0] for code in sorted(REGISTRY)})
"""Every rule :func:`validate` checks, by code (a read-only mapping in code order)."""


def _selectors(value: str | Iterable[str] | None, argument: str) -> list[str] | None:
    if value is None:
        return None
    several = isinstance(value, Iterable) and not isinstance(value, (str, bytes, Mapping))
    chosen: list[object] = list(value) if several else [value]
    wrong = [c for c in chosen if not isinstance(c, str)]
    if wrong:
        raise ArgumentError(argument, wrong[0], "a rule code or an iterable of rule codes")
    codes = [c for c in chosen if isinstance(c, str)]
    unknown = [c for c in codes if not any(code.startswith(c) for code in RULES) or not c]
    if unknown:
        listed = ", ".join(map(repr, unknown))
        message = f"unknown rule code{'s' if len(unknown) > 1 else ''} {listed}"
        raise ArgumentError(argument, unknown[0], "a rule code or prefix of cm.RULES", message=message)
    return codes


@pausing_collector  # its findings and indexes are O(n) objects without cycles: no full passes over them
def validate(
    scenario: Scenario, *, select: str | Iterable[str] | None = None, ignore: str | Iterable[str] | None = None
) -> Report:
    """Check every scenario-wide rule and report what breaks them; never raises for a bad
    scenario.

    ``select`` and ``ignore`` take rule codes or code prefixes (``"CM4"`` is every control
    rule, ``"CM40"`` the first ten): only selected rules run (all when ``select`` is
    ``None``), minus the ignored ones. A code or prefix that matches no rule, or a value
    that is not a rule code, raises :class:`~conflictmodel.ArgumentError` (a
    :class:`ValueError`). See :data:`RULES` and ``docs/rules.md`` for the catalogue.

    Cost: O(n log n) in the number of records.

    >>> report = validate(Scenario(meta=Meta(title="empty")))
    >>> report.ok, report.findings
    (True, ())
    """
    selected = _selectors(select, "select")
    ignored = _selectors(ignore, "ignore") or []
    codes = [
        code
        for code in RULES
        if (selected is None or any(code.startswith(c) for c in selected))
        and not any(code.startswith(c) for c in ignored)
    ]
    ctx = Context(scenario)
    findings: list[Finding] = []
    for code in codes:
        rule, check = REGISTRY[code]
        findings.extend(sorted(check(ctx, rule), key=_place))
    return Report(findings=tuple(findings), checked=tuple(codes))


_STEP = re.compile(r"\.(\w+)|\[(\d+)\]")
_HEAD = re.compile(r"\$\.(\w+)(?:\[(\d+)\])?(.*)")
_RANK = {name: rank for rank, name in enumerate(("meta", *SINGULAR))}


def _place(finding: Finding) -> tuple[int, int, tuple[tuple[int, int, str], ...], tuple[str, ...]]:
    """Where a finding points, as a sort key: collections in format order, records by
    index, then the fields inside (names alphabetically, indexes as numbers); then its
    subjects. A path to a whole record (``$.controls[3]``, most findings) is read
    without a regular expression; any other through :func:`_parsed_place`."""
    path = finding.path
    if path is not None and path[-1:] == "]" and path[:2] == "$.":
        head, bracket, number = path[2:-1].partition("[")
        rank = _RANK.get(head)
        if rank is not None and bracket and number.isdecimal():
            return rank, int(number), (), finding.subjects
    return _parsed_place(finding)


def _parsed_place(finding: Finding) -> tuple[int, int, tuple[tuple[int, int, str], ...], tuple[str, ...]]:
    """:func:`_place` of any path, by its regular expressions."""
    found = _HEAD.match(finding.path or "")
    head, number, tail = found.groups() if found else ("", None, "")
    steps = tuple((0, int(index), "") if index else (1, 0, name) for name, index in _STEP.findall(tail))
    return _RANK.get(head, -1), -1 if number is None else int(number), steps, finding.subjects
