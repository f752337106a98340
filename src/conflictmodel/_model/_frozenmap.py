"""An immutable, hashable mapping of text keys, kept sorted by key."""

from __future__ import annotations

import math
from collections.abc import ItemsView, Iterator, KeysView, Mapping, ValuesView
from typing import TypeVar

__all__ = ["FrozenMap", "adopted"]

V_co = TypeVar("V_co", covariant=True)


def _same(a: object, b: object) -> bool:
    """Whether two equal values are also written the same (same type; same sign of zero)."""
    if type(a) is not type(b):
        return False
    if type(a) is float:
        return math.copysign(1.0, a) == math.copysign(1.0, b)  # type: ignore[arg-type]
    return True


class FrozenMap(Mapping[str, V_co]):
    """A read-only mapping with sorted keys that can sit inside frozen, hashable objects.

    Used for external ids (scheme -> value), names by language and the verbatim rows
    kept in provenance. Equality is by content; iteration is in key order.
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, items: Mapping[str, V_co] | None = None) -> None:
        self._data: dict[str, V_co] = _in_key_order(dict(items)) if items else {}
        self._hash: int | None = None

    def __getitem__(self, key: str) -> V_co:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    # The dict's own read-only views: iterated in C, where Mapping's run a Python
    # generator that looks each key up again (a verbatim row of 42 columns was checked
    # in 23 µs that way).
    def keys(self) -> KeysView[str]:
        """The keys, in order."""
        return self._data.keys()

    def values(self) -> ValuesView[V_co]:
        """The values, in key order."""
        return self._data.values()

    def items(self) -> ItemsView[str, V_co]:
        """The (key, value) pairs, in key order."""
        return self._data.items()

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(tuple(self._data.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            # Equal as the JSON format writes them: 1 and True, 0.0 and -0.0 are equal in
            # Python and not in the text, so values must also agree in type and sign.
            theirs = other._data
            return self._data == theirs and all(_same(value, theirs[key]) for key, value in self._data.items())
        if isinstance(other, Mapping):
            return self._data == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"


def _in_key_order(data: dict[str, V_co]) -> dict[str, V_co]:
    """``data`` itself when its keys are already in order (as the JSON format writes
    them: no sort of its pairs), else a copy in key order."""
    keys = list(data)
    ordered = sorted(keys)
    return data if ordered == keys else dict(zip(ordered, map(data.__getitem__, ordered), strict=True))


def adopted(data: dict[str, V_co]) -> FrozenMap[V_co]:
    """A map of ``data`` itself, which the caller gives up (a decoder's fresh ``dict``):
    not copied when its keys are already in order."""
    made: FrozenMap[V_co] = object.__new__(FrozenMap)
    made._data = _in_key_order(data)  # noqa: SLF001 - the map's own constructor, without the copy
    made._hash = None  # noqa: SLF001
    return made


EMPTY: FrozenMap[str] = FrozenMap()
