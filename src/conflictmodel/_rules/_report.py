"""What :func:`~conflictmodel.validate` finds: findings with rule codes, and the report of them.

A :class:`Finding` is one breach of a scenario-wide rule (the model's own
:class:`~conflictmodel.Violation` is an agreement breach, hence the different name).
A :class:`Report` holds every finding of one validation, errors and warnings apart.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator

import attrs

from conflictmodel._model._errors import ConflictModelError
from conflictmodel._model._html import html_table

__all__ = ["Finding", "InvariantError", "Report", "Severity"]


class Severity(enum.Enum):
    """How serious a finding is.

    * ``error``: the scenario contradicts itself; queries may give wrong or conflicting
      answers until it is fixed (:meth:`Scenario.check <conflictmodel.Scenario.check>`
      refuses it);
    * ``warning``: the scenario is consistent but suspicious, often only because of
      imprecise dates; worth a look.
    """

    ERROR = "error"
    WARNING = "warning"


@attrs.frozen(kw_only=True)
class Finding:
    """One breach of a scenario rule.

    ``code`` is the stable rule code (``CM401``; see :data:`~conflictmodel.RULES`),
    ``severity`` the rule's severity, ``message`` a sentence a person understands,
    ``subjects`` the ids of the records involved (the record at fault first), and
    ``path`` the JSON path of the record or field at fault (``$.controls[3]``,
    ``$.actors[0].parent``) in the canonical document (:func:`~conflictmodel.dumps`
    order: each collection ordered by id), or ``None`` when no single place is at fault.
    """

    code: str
    severity: Severity
    message: str
    subjects: tuple[str, ...] = ()
    path: str | None = None

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.code} {self.severity.value}{where}: {self.message}"


@attrs.frozen(kw_only=True)
class Report:
    """Every finding of one :func:`~conflictmodel.validate` run, in a deterministic order
    (by rule code, then by position in the document).

    ``checked`` holds the codes of the rules that ran (after ``select`` and ``ignore``).
    """

    findings: tuple[Finding, ...] = ()
    checked: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether no error was found (warnings are allowed)."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings of severity ``error``."""
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The findings of severity ``warning``."""
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    def by_code(self, code: str) -> tuple[Finding, ...]:
        """The findings of one rule."""
        return tuple(f for f in self.findings if f.code == code)

    def lines(self) -> Iterator[str]:
        """The report as lines of text: one per finding, then a count."""
        for finding in self.findings:
            yield str(finding)
        errors, warnings = len(self.errors), len(self.warnings)
        yield f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def _repr_html_(self) -> str:
        """The report as a notebook shows it: one row per finding, then the count."""
        rows = [(f.code, f.severity.value, f.path or "", f.message) for f in self.findings]
        *_, count = self.lines()
        caption = "Validation: " + ("ok" if self.ok else "errors found")
        return html_table(caption, ("code", "severity", "path", "message"), rows, notes=[count])


class InvariantError(ConflictModelError, ValueError):
    """A scenario breaks rules of severity ``error``; ``report`` holds every finding.

    Raised by :meth:`Scenario.check <conflictmodel.Scenario.check>`.
    """

    __module__ = "conflictmodel"  # shown as conflictmodel.InvariantError in tracebacks

    def __init__(self, report: Report) -> None:
        self.report = report
        errors = report.errors
        head = f"{len(errors)} error{'s' if len(errors) != 1 else ''} found"
        shown = [str(f) for f in errors[:20]]
        if len(errors) > len(shown):
            shown.append(f"... and {len(errors) - len(shown)} more")
        super().__init__("\n  ".join([head, *shown]))
