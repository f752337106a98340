"""What an import did: rows read, rows turned into objects, rows rejected and why."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from conflictmodel._model._errors import FieldError
from conflictmodel._model._frozenmap import FrozenMap

if TYPE_CHECKING:
    from collections.abc import Iterator

    from conflictmodel._model._scenario import Scenario

__all__ = ["ImportReport", "Imported", "Rejection"]


@attrs.frozen(kw_only=True)
class Rejection:
    """A source row that did not become part of any object, and why.

    ``row`` is the 1-based data row (the header is not counted; for JSON, the 1-based
    position in the array), ``line`` the physical line where the row starts when known
    (a CSV row may span several lines), ``column`` the column at fault when one is.
    """

    row: int
    reason: str
    line: int | None = None
    column: str | None = None
    source: str | None = None

    def __str__(self) -> str:
        where = f"row {self.row}" + (f" (line {self.line})" if self.line is not None else "")
        if self.column is not None:
            where += f', column "{self.column}"'
        return f"{where}: {self.reason}"


def _check_total(report: ImportReport) -> None:
    if report.rows_read != report.rows_imported + len(report.rejected):
        raise FieldError(
            "rows_read",
            report.rows_read,
            f"rows_imported + rejected ({report.rows_imported} + {len(report.rejected)})",
        )


@attrs.frozen(kw_only=True)
class ImportReport:
    """The account of one import. Every row read is either imported (it made an object
    or contributed to one, as a member-level ATOP row does to its alliance) or rejected
    with a reason: ``rows_read == rows_imported + len(rejected)`` always holds.

    ``made`` counts the objects in the resulting scenario by collection (``actors``,
    ``events``, …); ``notes`` records facts about the file worth knowing (known quirks
    met, columns the reader did not expect and kept verbatim).
    """

    dataset: str
    version: str | None
    source: str | None
    rows_read: int
    rows_imported: int
    rejected: tuple[Rejection, ...] = ()
    made: FrozenMap[int] = attrs.field(factory=FrozenMap)
    notes: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        _check_total(self)

    @property
    def ok(self) -> bool:
        """Whether every row was imported."""
        return not self.rejected

    def lines(self) -> Iterator[str]:
        """The report as lines of text."""
        version = f" {self.version}" if self.version else ""
        yield f"{self.dataset}{version}" + (f" from {self.source}" if self.source else "")
        yield f"  rows read      {self.rows_read:>9}"
        yield f"  rows imported  {self.rows_imported:>9}"
        yield f"  rows rejected  {len(self.rejected):>9}"
        made = ", ".join(f"{name} {count}" for name, count in self.made.items() if count)
        yield f"  objects made   {sum(self.made.values()):>9}" + (f"  ({made})" if made else "")
        for rejection in self.rejected:
            yield f"  rejected {rejection}"
        for note in self.notes:
            yield f"  note: {note}"

    def __str__(self) -> str:
        return "\n".join(self.lines())


@attrs.frozen(kw_only=True)
class Imported:
    """A reader's result: the scenario it built and the report of how."""

    scenario: Scenario
    report: ImportReport

    def __iter__(self) -> Iterator[Any]:
        """Unpack as ``scenario, report = read_…(path)``."""
        return iter((self.scenario, self.report))
