r"""JSON paths of problems, and the exception trees of a failed decode turned into
:class:`Problem` records.

Every path in a :class:`~conflictmodel.LoadError` is written by the few functions here,
so that a path never lies about where a problem is:

* a member of an object whose name is an identifier is written ``$.meta.title``;
  any other name is quoted in brackets, ``$.meta['a.b']``, ``$.meta['']``,
  ``$.meta['c[0]']`` (the normalized form of JSONPath, RFC 9535);
* an item of an array is written ``$.controls[12]``;
* an entry of a map (external ids, a source row) is written ``$.actors[2].external_ids["cow"]``.

Inside quotes, a backslash, the quote and every character that is not printable ASCII
are escaped (``\\u0000``), so a path is always printable ASCII text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from conflictmodel._model._errors import FieldError, Problem

__all__ = ["entry", "index", "member", "printable", "problems_of"]

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_UNSAFE = re.compile(r"[^\x20-\x7e]|['\\]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in "'\\":
        return "\\" + char
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def member(path: str, name: str) -> str:
    """``path`` extended by the member ``name`` of an object."""
    if _IDENTIFIER.fullmatch(name):
        return f"{path}.{name}"
    return f"{path}['{_UNSAFE.sub(_escape, name)}']"


def index(path: str, position: int) -> str:
    """``path`` extended by the item at ``position`` of an array."""
    return f"{path}[{position}]"


def entry(path: str, key: str) -> str:
    """``path`` extended by the entry ``key`` of a map (JSON-quoted, ASCII only)."""
    return f"{path}[{json.dumps(key, ensure_ascii=True)}]"


_NOT_PRINTABLE = re.compile(r"[^\x20-\x7e\u00a0-\ud7ff\ue000-\ufffd]")


def printable(text: str) -> str:
    """``text`` with control characters, lone surrogates and other unprintable
    characters escaped, so a message can always be shown and written."""
    if text.isprintable():
        return text
    return _NOT_PRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _message(exc: BaseException) -> str:
    if isinstance(exc, FieldError):
        return exc.message
    if isinstance(exc, KeyError):
        return "required field is missing"
    return f"{type(exc).__name__}: {exc}"


def _located(exc: BaseException, path: str) -> str:
    """Extend ``path`` by a field-level error's own field (``period.end``)."""
    if isinstance(exc, FieldError) and exc.field:
        return f"{path}.{exc.field}" if not exc.field.startswith("[") else path + exc.field
    return path


def problems_of(exc: BaseException, path: str = "$") -> Iterator[Problem]:
    """Every leaf problem in ``exc``, with the JSON path where it happened."""
    if isinstance(exc, (ClassValidationError, IterableValidationError)):
        for sub in exc.exceptions:
            sub_path = path
            for note in getattr(sub, "__notes__", ()):
                if isinstance(note, AttributeValidationNote):
                    sub_path = member(path, note.name)
                elif isinstance(note, IterableValidationNote):
                    sub_path = index(path, note.index) if isinstance(note.index, int) else entry(path, note.index)
            yield from problems_of(sub, sub_path)
        return
    if isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(exc.extra_fields):
            yield Problem(member(path, key), "unknown field")
        return
    yield Problem(printable(_located(exc, path)), printable(_message(exc)))
