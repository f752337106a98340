"""Merging imported scenarios into one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from conflictmodel._model._errors import ConflictModelError
from conflictmodel._model._scenario import COLLECTIONS, Meta, Record, Scenario

from ._report import Imported

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["IdCollisionError", "merge"]


class IdCollisionError(ConflictModelError, ValueError):
    """Two different records of the scenarios being merged have the same id.

    ``ids`` lists every such id. Readers namespace ids by dataset (``pax:…``,
    ``ucdp-actor:…``), so this means the same dataset was imported twice in different
    forms or versions (the GED CSV and the GED JSON, the two ATOP files).
    """

    def __init__(self, ids: Iterable[str]) -> None:
        self.ids = tuple(sorted(ids))
        shown = ", ".join(self.ids[:10]) + (f" and {len(self.ids) - 10} more" if len(self.ids) > 10 else "")
        super().__init__(f"{len(self.ids)} id(s) name different records in the merged scenarios: {shown}")


def merge(*parts: Scenario | Imported, title: str | None = None, description: str | None = None) -> Scenario:
    """One scenario holding every record of ``parts`` (scenarios or reader results).

    A record present in several parts with the same id and equal content is kept once
    (the dataset citation every import adds, the shared parent territories). Different
    records under one id raise :class:`IdCollisionError` listing all of them; nothing is
    renamed silently. The title defaults to the parts' distinct titles joined with ``+``.
    """
    scenarios = [part.scenario if isinstance(part, Imported) else part for part in parts]
    records: dict[str, Record] = {}
    clashes: set[str] = set()
    groups: dict[str, list[Record]] = {name: [] for name in COLLECTIONS}
    for scenario in scenarios:
        for name in COLLECTIONS:
            for record in getattr(scenario, name):
                old = records.get(record.id)
                if old is None:
                    records[record.id] = record
                    groups[name].append(record)
                elif old != record:
                    clashes.add(record.id)
    if clashes:
        raise IdCollisionError(clashes)
    meta = Meta(
        title=title or " + ".join(dict.fromkeys(s.meta.title for s in scenarios)) or "merged scenario",
        description=description,
        sources=frozenset().union(*(s.meta.sources for s in scenarios)),
    )
    return Scenario(meta=meta, **_collections(groups))


def _collections(groups: dict[str, list[Record]]) -> dict[str, Any]:
    """The keyword arguments of :class:`Scenario` for records grouped by collection."""
    return {name: tuple(records) for name, records in groups.items()}
