"""The scenarios bundled with the package."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from conflictmodel._model._scenario import Scenario

from ._jsonformat import loads

__all__ = ["syria_2017"]


@cache
def syria_2017() -> Scenario:
    """Syria in late 2017: the bundled, sourced example scenario (as of 30 November 2017).

    The same document as ``examples/syria_2017.json`` in the repository. Loaded once
    and cached; the scenario is immutable, so every caller can share it.
    """
    text = files("conflictmodel").joinpath("data", "syria_2017.json").read_bytes()
    return loads(text, source="conflictmodel/data/syria_2017.json")
