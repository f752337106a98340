"""The optional packages behind the tables layer, imported on first use.

Each missing package raises an :class:`ImportError` that names the extra to install.
"""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["require"]

_EXTRA = {"pyarrow": "arrow", "duckdb": "duckdb", "pyspark": "spark", "pandas": "pandas"}


def require(module: str) -> ModuleType:
    """Import ``module`` (``pyarrow``, ``pyarrow.parquet``, ``duckdb``, ``pandas``, ...) or
    raise an :class:`ImportError` saying which extra brings it."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        top = module.partition(".")[0]
        extra = _EXTRA.get(top, top)
        raise ImportError(f"{top} is needed for this; install it with: pip install 'conflictmodel[{extra}]'") from error
