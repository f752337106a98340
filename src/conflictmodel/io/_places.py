"""Territories named by event datasets: region, country and administrative units by name.

GED and ACLED name where an event happened (``country``, ``adm_1``, ``admin2``, …) but
give no codes for the units below the country. Each distinct path of names becomes one
territory whose id is built from the names (``ucdp-ged:t:syria.idlib``), whose parent is
the path one level up, and whose kind is the level's. Equal paths give equal ids, so
the same place named by many events is one territory.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conflictmodel._model._frozenmap import FrozenMap
from conflictmodel._model._territory import Territory, TerritoryKind

from ._naming import make_id

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._builder import Builder

__all__ = ["place"]


def place(
    builder: Builder,
    levels: Sequence[tuple[TerritoryKind, str]],
    *,
    external_ids: dict[int, dict[str, str]] | None = None,
) -> str | None:
    """The id of the most specific named territory in ``levels`` (kind, name) pairs
    from the largest unit down, creating the territories on the way; empty names are
    skipped. ``external_ids`` gives codes for the level at that index.
    """
    memo_key = (tuple(levels), None if external_ids is None else repr(sorted(external_ids.items())))
    if memo_key in builder.memo:
        known = builder.memo[memo_key]
        return known if isinstance(known, str) else None
    parent: str | None = None
    keys: list[str] = []
    for index, (kind, given) in enumerate(levels):
        name = given.strip()
        if not name:
            continue
        keys.append(name)
        id_ = make_id(f"{builder.dataset}:t", *keys)
        if builder.find(id_) is None:
            codes = (external_ids or {}).get(index, {})
            builder.update(
                Territory(
                    id=id_,
                    name=name,
                    kind=kind,
                    parent=parent,
                    external_ids=FrozenMap({k: v for k, v in codes.items() if v}),
                    sources=builder.sources,
                    origin=builder.origin(" / ".join(keys), None),
                )
            )
        parent = id_
    builder.memo[memo_key] = parent
    return parent
