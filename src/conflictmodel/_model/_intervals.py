"""A static index of closed integer intervals, for stabbing and range queries.

Items are stored in *layers*: greedy chains of pairwise disjoint intervals, each chain
sorted, so that every layer answers with one or two bisections. The number of layers
``L`` is the largest number of intervals that overlap at one point (greedy interval
partitioning is optimal), which for time lines of control, membership or support is a
small number. Build: O(n log n). Stab: O(L log n + k). Range: O(L log n + k).

Days are day ordinals (:meth:`datetime.date.toordinal`); open bounds are the ordinals
of :attr:`datetime.date.min` and one past :attr:`datetime.date.max`'s.
"""

from __future__ import annotations

import datetime as dt
import heapq
import operator
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from typing import Generic, TypeVar

from ._dates import Period

__all__ = ["MAX_ORDINAL", "MIN_ORDINAL", "IntervalIndex", "Span", "span_of"]

T = TypeVar("T")

MIN_ORDINAL = dt.date.min.toordinal()
MAX_ORDINAL = dt.date.max.toordinal()

Span = tuple[int, int, int, int]
"""The four day ordinals of a period: earliest, certain first, certain last, latest."""

_OPEN: Span = (MIN_ORDINAL, MIN_ORDINAL, MAX_ORDINAL, MAX_ORDINAL)


def span_of(period: Period | None, cache: dict[int, Span] | None = None) -> Span:
    """The :data:`Span` of a period (``None`` is the period open on both sides), read
    from the period's own :attr:`~conflictmodel.Period.earliest`,
    :attr:`~conflictmodel.Period.certain_first`, :attr:`~conflictmodel.Period.certain_last`
    and :attr:`~conflictmodel.Period.latest`.

    ``cache`` (keyed by object id, valid while the periods are alive) saves recomputing
    the spans of periods shared between records.
    """
    if period is None:
        return _OPEN
    if cache is not None:
        key = id(period)
        found = cache.get(key)
        if found is not None:
            return found
    earliest = period.earliest.toordinal()
    certain_first = period.certain_first.toordinal()
    certain_last = period.certain_last.toordinal()
    latest = period.latest.toordinal()
    result = (earliest, certain_first, certain_last, latest)
    if cache is not None:
        cache[id(period)] = result
    return result


_BOUNDS = operator.itemgetter(0, 1)
"""An item's interval as a sort key (in C: a lambda costs a Python call per item)."""


class IntervalIndex(Generic[T]):
    """Items with closed intervals ``[low, high]`` of integers, queried by point or range."""

    __slots__ = ("_layers", "size")

    def __init__(self, items: Iterable[tuple[int, int, T]]) -> None:
        ordered = sorted(items, key=_BOUNDS)
        self.size = len(ordered)
        layers: list[tuple[list[int], list[int], list[T]]] = []
        free: list[tuple[int, int]] = []  # (last high, layer number), smallest first
        for low, high, item in ordered:
            if free and free[0][0] < low:
                number = free[0][1]
                heapq.heapreplace(free, (high, number))
            else:
                number = len(layers)
                layers.append(([], [], []))
                heapq.heappush(free, (high, number))
            lows, highs, values = layers[number]
            lows.append(low)
            highs.append(high)
            values.append(item)
        self._layers = tuple(layers)

    @property
    def layers(self) -> tuple[tuple[list[int], list[int], list[T]], ...]:
        """The layers, each ``(lows, highs, items)``: pairwise disjoint intervals in
        ascending order, for callers that stab in a loop of their own."""
        return self._layers

    @property
    def depth(self) -> int:
        """The number of layers (the most intervals overlapping at one point)."""
        return len(self._layers)

    def stab(self, point: int) -> list[T]:
        """The items whose interval contains ``point``, layer by layer."""
        found: list[T] = []
        for lows, highs, values in self._layers:
            i = bisect_right(lows, point) - 1
            if i >= 0 and highs[i] >= point:
                found.append(values[i])
        return found

    def overlapping(self, low: int, high: int) -> list[T]:
        """The items whose interval meets ``[low, high]``, layer by layer."""
        found: list[T] = []
        for lows, highs, values in self._layers:
            first = bisect_left(highs, low)
            last = bisect_right(lows, high)
            found.extend(values[first:last])
        return found
