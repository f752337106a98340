"""Opening a reader's input: a path or an open file, text or bytes, named for errors."""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from conflictmodel._model._errors import LoadError, Problem

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["Input", "describe", "open_binary"]

Input = str | os.PathLike[str] | IO[str] | IO[bytes]
"""What a reader accepts: a path, or a file opened in binary or text mode."""


def describe(source: Input) -> str | None:
    """The name errors and reports use for ``source``: the path, or the file's name."""
    if isinstance(source, (str, os.PathLike)):
        return str(Path(source))
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else None


@contextlib.contextmanager
def open_binary(source: Input) -> Iterator[IO[bytes] | IO[str]]:
    """Open a path in binary mode (closing it afterwards), or pass an open file through.

    A missing or unreadable path raises :class:`LoadError` naming it.
    """
    if isinstance(source, (str, os.PathLike)):
        try:
            handle: IO[Any] = Path(source).open("rb")  # noqa: SIM115 - closed below, after the yield
        except OSError as exc:
            raise LoadError([Problem("file", f"cannot read the file: {exc.strerror}")], str(source)) from None
        with handle:
            yield handle
    else:
        yield source


def is_text(handle: IO[Any]) -> bool:
    """Whether an open file yields ``str`` (text mode) rather than ``bytes``."""
    return isinstance(handle, io.TextIOBase) or "b" not in getattr(handle, "mode", "b")
