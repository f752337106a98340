"""Walks over a tree given as plain mappings, with cycles cut where they close: the
chain of parents above a node, and everything below it through parts of parts.

The query indexes (over territory records) and the tables layer (over the columns of a
territory table, without building records) walk the same territory tree with these.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

__all__ = ["below", "chain"]


def chain(start: str, parent: Callable[[str], str | None]) -> list[str]:
    """``start``'s parent, its parent, and so on, without ``start``; a cycle is cut
    where it closes."""
    found: list[str] = []
    seen = {start}
    current = parent(start)
    while current is not None and current not in seen:
        found.append(current)
        seen.add(current)
        current = parent(current)
    return found


def below(start: str, parts: Mapping[str, Iterable[str]]) -> set[str]:
    """Every node reached from ``start`` through ``parts`` of parts, without ``start``."""
    seen, stack = {start}, [start]
    while stack:
        for part in parts.get(stack.pop(), ()):
            if part not in seen:
                seen.add(part)
                stack.append(part)
    seen.discard(start)
    return seen
