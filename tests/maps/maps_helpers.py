"""Helpers of the map tests: optional packages that CI installs, and the model's own
answer to "which bloc holds this territory", computed without the maps package."""

from __future__ import annotations

import importlib
import os
from types import ModuleType

import pytest

import conflictmodel as cm

DAY = "2017-11-30"


def optional(module: str) -> ModuleType:
    """Import ``module``; skip without it locally, but fail in CI, which installs it."""
    if os.environ.get("CI"):
        return importlib.import_module(module)
    found: ModuleType = pytest.importorskip(module)
    return found


def expected_blocs(scenario: cm.Scenario, territory: str, day: str) -> frozenset[str]:
    """The keys (first member by id) of the camps holding ``territory`` on ``day``, by
    ``controllers_on`` and ``camps`` alone; an actor outside every camp counts in its
    nearest ancestor's camp, else alone."""
    camps = [tuple(sorted(camp.members)) for camp in scenario.camps(day)]
    keys = set()
    for actor in scenario.controllers_on(territory, day).controllers:
        seen: str | None = actor
        key = actor
        while seen is not None:
            home = next((members for members in camps if seen in members), None)
            if home is not None:
                key = home[0]
                break
            seen = getattr(scenario.find(seen), "parent", None)
        keys.add(key)
    return frozenset(keys)
