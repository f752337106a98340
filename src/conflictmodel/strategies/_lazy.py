"""Checking a strategy's arguments when it is first drawn from, as Hypothesis' own do.

A strategy built with bad arguments is refused with :class:`InvalidArgument` at draw
time (or by ``.validate()``), not when it is built: test modules build strategies at
import, and a mistake there should fail the test that uses it, with Hypothesis' own
error, rather than break the collection of the whole module.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

__all__ = ["check_date", "check_size", "check_sizes", "check_strategy", "lazy"]

P = ParamSpec("P")
T = TypeVar("T")


def lazy(build: Callable[P, st.SearchStrategy[T]]) -> Callable[P, st.SearchStrategy[T]]:
    """Defer ``build`` (and the checks it makes) to the first draw.

    The strategy's repr names the call (``deferred(texts(max_size=0))``), so that
    Hypothesis' messages say which strategy was meant.
    """

    @functools.wraps(build)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> st.SearchStrategy[T]:
        def definition() -> st.SearchStrategy[T]:
            return build(*args, **kwargs)

        shown = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
        definition.__name__ = definition.__qualname__ = f"{build.__name__}({', '.join(shown)})"
        return st.deferred(definition)

    return wrapper


def check_size(name: str, value: Any, low: int = 0, high: int | None = None) -> int:
    """Refuse a size argument that is not an integer in ``[low, high]``."""
    if type(value) is not int or value < low or (high is not None and value > high):
        upper = "" if high is None else f" and at most {high}"
        raise InvalidArgument(f"{name}={value!r} must be an integer at least {low}{upper}")
    return value


def check_sizes(prefix: str, low: Any, high: Any, *, floor: int = 0, ceiling: int | None = None) -> tuple[int, int]:
    """Refuse ``min_<prefix>``/``max_<prefix>`` that are not sizes or not in order."""
    check_size(f"min_{prefix}", low, floor, ceiling)
    check_size(f"max_{prefix}", high, floor, ceiling)
    if low > high:
        raise InvalidArgument(f"min_{prefix}={low} is larger than max_{prefix}={high}")
    return low, high


def check_strategy(name: str, value: Any, *, optional: bool = True) -> None:
    """Refuse an argument that should be a strategy (or ``None`` for the default)."""
    if value is None and optional:
        return
    if not isinstance(value, st.SearchStrategy):
        raise InvalidArgument(f"{name}={value!r} must be a Hypothesis strategy (pass st.just(x) to fix a value)")


def check_date(name: str, value: Any) -> dt.date:
    """Refuse a bound that is not a :class:`datetime.date` (a ``datetime`` is refused)."""
    if type(value) is not dt.date:
        raise InvalidArgument(f"{name}={value!r} must be a datetime.date")
    return value
