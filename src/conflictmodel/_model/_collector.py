"""Pausing Python's cyclic garbage collector around bulk allocation."""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Callable, Iterator
from typing import ParamSpec, TypeVar

__all__ = ["collector_paused", "pausing_collector"]

P = ParamSpec("P")
R = TypeVar("R")


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector, then restore the state it had.

    Decoding, encoding and index builds allocate millions of small objects and make no
    reference cycles; the collector would otherwise run many full passes over them for
    nothing. Reference counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def pausing_collector(function: Callable[P, R]) -> Callable[P, R]:
    """``function`` run with the collector paused (see :func:`collector_paused`)."""

    @functools.wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        with collector_paused():
            return function(*args, **kwargs)

    return paused
