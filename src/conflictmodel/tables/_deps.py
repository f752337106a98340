"""The optional packages behind the tables layer, imported on first use through the
package's one :func:`conflictmodel._model._extras.require`, so a missing one raises
:class:`~conflictmodel.MissingExtraError` naming the extra to install."""

from __future__ import annotations

from typing import TYPE_CHECKING

from conflictmodel._model import _extras

if TYPE_CHECKING:
    from types import ModuleType

__all__ = ["require"]

_EXTRA = {"pyarrow": "arrow", "duckdb": "duckdb", "pyspark": "spark", "pandas": "pandas"}


def require(module: str) -> ModuleType:
    """Import ``module`` (``pyarrow``, ``pyarrow.parquet``, ``duckdb``, ``pandas``, ...),
    or raise :class:`~conflictmodel.MissingExtraError` naming the extra that brings it."""
    top = module.partition(".")[0]
    return _extras.require(module, extra=_EXTRA[top], purpose="conflictmodel.tables")
