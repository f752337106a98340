"""The installed version of conflictmodel, read from the package metadata."""

from __future__ import annotations

import importlib.metadata

__all__ = ["__version__"]

try:
    __version__ = importlib.metadata.version("conflictmodel")
except importlib.metadata.PackageNotFoundError:  # pragma: no cover - run from a source tree without installing
    __version__ = "0+unknown"
