"""The territory tree as small tables the SQL joins: parts, ancestors, sources, levels.

They are derived from the ``territories`` table alone (ids, parents and components), so
they can be made for data that was never a :class:`~conflictmodel.Scenario`. Parts and
parents follow the in-memory queries: a parent or component that is not a territory, or
the territory itself, is left out, and a cycle is cut where it closes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from conflictmodel._model._walks import below as everything_below
from conflictmodel._model._walks import chain

from ._deps import require

__all__ = ["Tree", "tree_tables"]


class Tree:
    """Parts (children and zone components) and parent chains of a set of territories."""

    def __init__(self, rows: Iterable[tuple[str, str | None, Iterable[str]]]) -> None:
        parent_of: dict[str, str | None] = {}
        components: dict[str, list[str]] = {}
        for tid, parent, parts in rows:
            if tid not in parent_of:
                parent_of[tid] = parent
                components[tid] = list(parts)
        self.parent_of = {t: p for t, p in parent_of.items() if p is not None and p != t and p in parent_of}
        found: dict[str, set[str]] = defaultdict(set)
        for tid, parent in self.parent_of.items():
            found[parent].add(tid)
        for tid, parts in components.items():
            found[tid].update(c for c in parts if c != tid and c in parent_of)
        self.ids = sorted(parent_of)
        self.parts = {t: tuple(sorted(p)) for t, p in found.items() if p}

    def ancestors(self, territory: str) -> list[str]:
        """The parent, its parent, and so on (a cycle cut where it closes)."""
        return chain(territory, self.parent_of.get)

    def below(self, territory: str) -> set[str]:
        """Every territory inside this one through parts of parts, without itself."""
        return everything_below(territory, self.parts)

    def heights(self) -> dict[str, int]:
        """0 for a territory without parts, else one more than its highest part (a cycle is cut)."""
        height: dict[str, int] = {}
        for root in self.ids:
            stack, on_path = [root], set()
            while stack:
                node = stack[-1]
                if node in height:
                    stack.pop()
                elif node not in on_path:
                    on_path.add(node)
                    stack.extend(p for p in self.parts.get(node, ()) if p not in height and p not in on_path)
                else:
                    done = [height[p] for p in self.parts.get(node, ()) if p in height]
                    height[node] = 1 + max(done, default=-1)
                    on_path.discard(node)
                    stack.pop()
        return height


def tree_tables(territories: Any) -> dict[str, Any]:
    """The helper tables of the SQL, as Arrow tables, from a ``territories`` table.

    Only its ``id``, ``parent`` and ``components`` columns are read. The tables:

    * ``territory_parts(territory, part)``: the parts of each territory;
    * ``territory_ancestors(territory, ancestor, distance)``: its parent chain (1 = parent);
    * ``territory_levels(territory, height, parts)``: 0 for no parts, else one more than
      its highest part, and its number of parts;
    * ``territory_sources(territory, source, needs_state, height)``: the territories whose
      records can decide its state: itself and everything inside it (``needs_state``:
      their whole state is needed), and every territory up the parent chain of those.
    """
    pa = require("pyarrow")
    columns = territories.select(["id", "parent", "components"]).to_pydict()
    tree = Tree(zip(columns["id"], columns["parent"], columns["components"], strict=True))
    heights = tree.heights()
    parts = [(t, p) for t, ps in tree.parts.items() for p in ps]
    ancestors = {t: tree.ancestors(t) for t in tree.ids}
    sources: list[tuple[str, str, bool, int]] = []
    for territory in tree.ids:
        inside = {territory, *tree.below(territory)}
        above = {a for t in inside for a in ancestors[t]} - inside
        sources.extend((territory, s, True, heights[s]) for s in sorted(inside))
        sources.extend((territory, s, False, heights[s]) for s in sorted(above))

    def table(names: list[str], types: list[Any], rows: list[tuple[Any, ...]]) -> Any:
        arrays = [pa.array([row[i] for row in rows], type=kind) for i, kind in enumerate(types)]
        return pa.Table.from_arrays(
            arrays, schema=pa.schema([pa.field(n, k, nullable=False) for n, k in zip(names, types, strict=True)])
        )

    text, small = pa.string(), pa.int32()
    return {
        "territory_parts": table(["territory", "part"], [text, text], parts),
        "territory_ancestors": table(
            ["territory", "ancestor", "distance"],
            [text, text, small],
            [(t, a, i + 1) for t, chain in ancestors.items() for i, a in enumerate(chain)],
        ),
        "territory_levels": table(
            ["territory", "height", "parts"],
            [text, small, small],
            [(t, heights[t], len(tree.parts.get(t, ()))) for t in tree.ids],
        ),
        "territory_sources": table(
            ["territory", "source", "needs_state", "height"], [text, text, pa.bool_(), small], sources
        ),
    }
