"""Optional dependencies: import one by name, or say which extra installs it.

The core needs only attrs and cattrs. Everything else (Hypothesis for the strategies,
networkx for graphs, and the table, map and engine libraries) is an optional *extra*,
imported where it is first needed through :func:`require`, which turns a missing
package into a :class:`MissingExtraError` naming the command that installs it. Every
layer may import this module.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from ._errors import ConflictModelError

__all__ = ["MissingExtraError", "require"]


class MissingExtraError(ConflictModelError, ModuleNotFoundError):
    """An optional dependency is not installed. ``extra`` is the name of the extra
    that installs it (``pip install 'conflictmodel[EXTRA]'``), ``name`` the missing
    module (as for :exc:`ModuleNotFoundError`) and ``purpose`` what needs it."""

    __module__ = "conflictmodel"  # shown as conflictmodel.MissingExtraError in tracebacks

    def __init__(self, module: str, *, extra: str, purpose: str) -> None:
        self.extra = extra
        self.purpose = purpose
        super().__init__(
            f"{purpose} needs the optional dependency {module!r}, which is not installed; "
            f"install it with: pip install 'conflictmodel[{extra}]'",
            name=module,
        )


def require(module: str, *, extra: str, purpose: str) -> ModuleType:
    """Import ``module``, or raise :class:`MissingExtraError` naming ``extra``.

    Only the absence of ``module`` itself (or of its top-level package) becomes that
    error; an installed package that fails to import raises its own error unchanged.
    """
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        top = module.partition(".")[0]
        if exc.name not in (module, top):
            raise
        raise MissingExtraError(module, extra=extra, purpose=purpose) from exc
