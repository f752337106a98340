"""The loop every reader shares: read rows, turn each into records or a rejection,
collect the records by id, count everything, and build the scenario and its report.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Any

import attrs

from conflictmodel._model._actors import Actor
from conflictmodel._model._errors import FieldError, LoadError, Problem
from conflictmodel._model._frozenmap import FrozenMap
from conflictmodel._model._provenance import Origin, Source
from conflictmodel._model._scenario import COLLECTIONS, Meta, Record, Scenario

from ._report import Imported, ImportReport, Rejection

__all__ = ["Builder", "Progress", "RowError"]

Progress = Callable[[int], None]
"""Called with the number of rows read so far, every :data:`PROGRESS_EVERY` rows."""

PROGRESS_EVERY = 10_000

_COLLECTION_OF: dict[str, str] = {
    "Source": "sources",
    "Actor": "actors",
    "Alliance": "alliances",
    "Support": "supports",
    "Hostility": "hostilities",
    "Territory": "territories",
    "Control": "controls",
    "Agreement": "agreements",
    "Event": "events",
    "Violation": "violations",
}


class RowError(Exception):
    """A row that cannot become a record: the reason, and the column at fault if one is."""

    def __init__(self, reason: str, column: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.column = column


class Builder:
    """Collects the records of one import and accounts for its rows.

    Records are kept by id. Adding a record whose id is already taken by an equal record
    is a no-op; :meth:`update` replaces a record (a reader adding an alias it met later).
    """

    def __init__(
        self,
        *,
        dataset: str,
        title: str,
        version: str | None,
        source: str | None,
        strict: bool = False,
        progress: Progress | None = None,
        citation: Source | None = None,
        keep_rows: bool = True,
    ) -> None:
        self.dataset = dataset
        self.title = title
        self.version = version
        self.source = source
        self.strict = strict
        self.keep_rows = keep_rows
        self._progress = progress
        self.rows_read = 0
        self.rows_imported = 0
        self.rejected: list[Rejection] = []
        self.notes: dict[str, None] = {}
        """The report's notes, in the order first made (a dict: each is kept once)."""
        self._records: dict[str, Record] = {}
        self.memo: dict[object, object] = {}
        """A reader's cache of work already done (places by name, actors by key)."""
        self._aliases: dict[str, set[str]] = {}
        """Names met for an actor after its first sight, by id, applied by :meth:`finish`."""
        self.citation = citation
        if citation is not None:
            self._records[citation.id] = citation

    @property
    def sources(self) -> frozenset[str]:
        """The ids every imported record cites (the dataset's own source record)."""
        return frozenset() if self.citation is None else frozenset({self.citation.id})

    def origin(self, key: str | None, row: dict[str, Any] | None) -> Origin:
        """The provenance of a record made from ``row`` (kept verbatim unless the reader
        was asked not to keep rows).
        """
        kept = FrozenMap(row) if row is not None and self.keep_rows else FrozenMap()
        return Origin(dataset=self.dataset, version=self.version, key=key, row=kept)

    # --- rows ---------------------------------------------------------------------

    def read(self) -> None:
        """Count one row read (and report progress)."""
        self.rows_read += 1
        if self._progress is not None and self.rows_read % PROGRESS_EVERY == 0:
            self._progress(self.rows_read)

    def imported(self) -> None:
        """Count the current row as imported."""
        self.rows_imported += 1

    def reject(self, row: int, reason: str, *, line: int | None = None, column: str | None = None) -> None:
        """Record the current row as rejected; in strict mode, stop with a LoadError."""
        rejection = Rejection(row=row, reason=reason, line=line, column=column, source=self.source)
        if self.strict:
            where = f"row {row}" + (f" (line {line})" if line is not None else "")
            if column is not None:
                where += f', column "{column}"'
            raise LoadError([Problem(where, reason)], self.source)
        self.rejected.append(rejection)

    def convert(self, row: int, line: int | None, make: Callable[[], list[Record]]) -> None:
        """Count a row, build its records with ``make`` and add them, or reject the row
        with the reason ``make`` gives (a :class:`RowError` or a model FieldError).
        """
        self.read()
        try:
            records = make()
        except RowError as error:
            self.reject(row, error.reason, line=line, column=error.column)
            return
        except FieldError as error:
            self.reject(row, str(error), line=line)
            return
        for record in records:
            old = self._records.get(record.id)
            if old is not None and old is not record and old != record:
                self.reject(row, f"another row already made a different record with the id {record.id!r}", line=line)
                return
        for record in records:
            self._records[record.id] = record
        self.imported()

    def claim(self, key: str, row: int, column: str | None = None) -> None:
        """Take ``key`` (a row's own id in the file) for ``row``; a RowError when an
        earlier row took it, so that a repeated row is rejected, never merged silently."""
        claims = self.memo.setdefault("claims", {})
        assert isinstance(claims, dict)  # noqa: S101 - the memo entry is only ever this dict
        first = claims.setdefault(key, row)
        if first != row:
            raise RowError(f"{key!r} is the id of row {first} too: a repeated row is not imported twice", column)

    # --- records ------------------------------------------------------------------

    def find(self, id: str) -> Record | None:  # noqa: A002 - the domain's own word
        """The record collected under ``id``, if any."""
        return self._records.get(id)

    def records(self) -> list[Record]:
        """Every record collected so far, in the order first collected."""
        return list(self._records.values())

    def update(self, record: Record) -> None:
        """Collect ``record``, replacing any record under its id."""
        self._records[record.id] = record

    def alias(self, id: str, name: str) -> None:  # noqa: A002 - the domain's own word
        """Give the actor collected under ``id`` the alias ``name`` (unless it is its name).

        The names are collected per actor and each actor is rebuilt once, by
        :meth:`finish`: adding them one at a time would copy the set of aliases each
        time, O(n²) for n names of one actor.
        """
        self._aliases.setdefault(id, set()).add(name)

    def _apply_aliases(self) -> None:
        for id_, names in self._aliases.items():
            actor = self._records.get(id_)
            if isinstance(actor, Actor):
                names.discard(actor.name)
                if not names <= actor.aliases:
                    self._records[id_] = attrs.evolve(actor, aliases=actor.aliases | names)
        self._aliases.clear()

    def note(self, text: str) -> None:
        """Record a fact about the file for the report (once)."""
        self.notes.setdefault(text, None)

    def note_undocumented(self, header: Sequence[str], documented: Collection[str], layout: str) -> None:
        """Note the columns of ``header`` outside the ``documented`` ones: they are kept
        verbatim in each record's origin, and the report says so."""
        extra = [column for column in header if column not in documented]
        if extra:
            self.note(f"columns outside the {layout} kept verbatim: {', '.join(extra)}")

    def finish(self, description: str | None = None) -> Imported:
        """The scenario of every record collected, and the report."""
        self._apply_aliases()
        groups: dict[str, list[Record]] = {name: [] for name in COLLECTIONS}
        for record in self._records.values():
            groups[_COLLECTION_OF[type(record).__name__]].append(record)
        name = ", ".join(Path(part).name for part in self.source.split(", ")) if self.source else None
        title = f"{self.title} ({name})" if name else self.title
        meta = Meta(title=title, description=description, sources=self.sources)
        scenario = Scenario(meta=meta, **_collections(groups))
        report = ImportReport(
            dataset=self.dataset,
            version=self.version,
            source=self.source,
            rows_read=self.rows_read,
            rows_imported=self.rows_imported,
            rejected=tuple(self.rejected),
            made=FrozenMap({key: len(value) for key, value in groups.items()}),
            notes=tuple(self.notes),
        )
        return Imported(scenario=scenario, report=report)


def _collections(groups: dict[str, list[Record]]) -> dict[str, Any]:
    """The keyword arguments of :class:`Scenario` for records grouped by collection."""
    return {name: tuple(records) for name, records in groups.items()}
