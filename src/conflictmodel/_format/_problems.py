"""Turn the exception trees of a failed decode into :class:`Problem` records with paths."""

from __future__ import annotations

import json
from collections.abc import Iterator

from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from conflictmodel._model._errors import FieldError, Problem

__all__ = ["problems_of"]


def _index(path: str, key: int | str) -> str:
    return f"{path}[{key}]" if isinstance(key, int) else f"{path}[{json.dumps(key)}]"


def _message(exc: BaseException) -> str:
    if isinstance(exc, FieldError):
        return exc.message
    if isinstance(exc, KeyError):
        return "required field is missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        names = ", ".join(repr(k) for k in sorted(exc.extra_fields))
        return f"unknown field{'s' if len(exc.extra_fields) > 1 else ''} {names}"
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
                    sub_path = f"{path}.{note.name}"
                elif isinstance(note, IterableValidationNote):
                    sub_path = _index(path, note.index)
            yield from problems_of(sub, sub_path)
        return
    if isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(exc.extra_fields):
            yield Problem(f"{path}.{key}", "unknown field")
        return
    yield Problem(_located(exc, path), _message(exc))
