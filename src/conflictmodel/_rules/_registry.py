"""The rule registry: what a rule is, how it is registered, and how it reports a finding."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import attrs

from ._report import Finding, Severity

if TYPE_CHECKING:
    from ._context import Context

__all__ = ["REGISTRY", "Check", "Rule", "rule"]


@attrs.frozen(kw_only=True)
class Rule:
    """A scenario rule: its stable ``code`` (``CM401``), a short ``name``
    (``exclusive-control-overlap``), its ``severity``, a one-line ``title`` and a
    ``summary`` of what it means and why it matters."""

    code: str
    name: str
    severity: Severity
    title: str
    summary: str


Check = Callable[["Context", "Rule"], Iterator[Finding]]
REGISTRY: dict[str, tuple[Rule, Check]] = {}


def rule(code: str, name: str, severity: Severity, title: str, summary: str) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        if code in REGISTRY:  # pragma: no cover - a programming error caught at import
            raise RuntimeError(f"rule {code} registered twice")
        rule = Rule(code=code, name=name, severity=severity, title=title, summary=" ".join(summary.split()))
        REGISTRY[code] = (rule, check)
        return check

    return register
