"""The exception hierarchy: one root, each error also a builtin it refines."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

__all__ = [
    "AmbiguousTerritoryError",
    "ArgumentError",
    "ConflictModelError",
    "FieldError",
    "LoadError",
    "ParseError",
    "Problem",
    "UnknownIdError",
]


class ConflictModelError(Exception):
    """Root of every error raised by :mod:`conflictmodel`."""

    __module__ = "conflictmodel"  # shown as conflictmodel.ConflictModelError in tracebacks


class FieldError(ConflictModelError, ValueError):
    """A model object was given a value its field refuses.

    Raised at construction. ``field`` names the field, ``value`` is what was given and
    ``expected`` says what the field accepts.
    """

    __module__ = "conflictmodel"  # shown as conflictmodel.FieldError in tracebacks

    def __init__(self, field: str, value: object, expected: str, *, message: str | None = None) -> None:
        self.field = field
        self.value = value
        self.expected = expected
        self.message = message or f"{_shown(value)} is not {expected}"
        super().__init__(f"{field}: {self.message}" if field else self.message)


class ArgumentError(FieldError, TypeError):
    """A function or query was given an argument it refuses: of the wrong type (an id
    that is not a ``str``, a ``kind`` that is not a record class) or outside the values
    it accepts (a ``reading`` other than ``"certainly"`` or ``"possibly"``).

    A :class:`FieldError` whose ``field`` is the argument's name (also ``argument``),
    and both a :class:`ValueError` and a :class:`TypeError`, so that code catching
    either builtin keeps working. The message names the argument, what it accepts and
    what was given: ``territory: expected an id (a str), not ['x']``; with ``item``,
    ``value`` is one item of an iterable argument (``not an item 5``).
    """

    __module__ = "conflictmodel"  # shown as conflictmodel.ArgumentError in tracebacks

    def __init__(
        self, argument: str, value: object, expected: str, *, item: bool = False, message: str | None = None
    ) -> None:
        shown = repr(value)
        shown = shown if len(shown) <= 80 else shown[:77] + "..."
        given = f"an item {shown}" if item else shown
        super().__init__(argument, value, expected, message=message or f"expected {expected}, not {given}")

    @property
    def argument(self) -> str:
        """The name of the argument refused (the same as ``field``)."""
        return self.field


def _shown(value: object) -> str:
    """A value as a message shows it: JSON containers by kind, scalars by repr."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if value is None:
        return "null"
    if value is True or value is False:
        return str(value).lower()
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


@attrs.frozen
class Problem:
    """One problem found in a document: where it is (a JSON path) and what is wrong."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class LoadError(ConflictModelError, ValueError):
    """A document could not be loaded. ``problems`` lists every problem found, each
    with its JSON path (``$.controls[12].period.end``); ``source`` names the input
    (a file name) when one is known."""

    __module__ = "conflictmodel"  # shown as conflictmodel.LoadError in tracebacks

    def __init__(self, problems: Sequence[Problem], source: str | None = None) -> None:
        self.problems = tuple(problems)
        self.source = source
        where = f"{source}: " if source else ""
        count = len(self.problems)
        head = f"{where}{count} problem{'s' if count != 1 else ''} found"
        super().__init__("\n  ".join([head, *map(str, self.problems)]))


class ParseError(LoadError):
    """The input could not be read or is not JSON text (its single problem says where:
    line and column for broken JSON, byte offset for bad UTF-8)."""

    __module__ = "conflictmodel"  # shown as conflictmodel.ParseError in tracebacks


class UnknownIdError(ConflictModelError, KeyError):
    """No object in the scenario has this id (or none of the requested ``kind``)."""

    __module__ = "conflictmodel"  # shown as conflictmodel.UnknownIdError in tracebacks

    def __init__(self, id: str, *, kind: str | None = None) -> None:  # noqa: A002 - the domain's own word
        self.id = id
        self.kind = kind
        super().__init__(id)

    def __str__(self) -> str:
        return f"no {self.kind or 'object'} with id {self.id!r}"


class AmbiguousTerritoryError(ConflictModelError, ValueError):
    """A query needs a territory and none was given, while the scenario has not exactly
    one country to default to; ``candidates`` are the countries it has (sorted ids)."""

    __module__ = "conflictmodel"  # shown as conflictmodel.AmbiguousTerritoryError in tracebacks

    def __init__(self, argument: str, candidates: tuple[str, ...]) -> None:
        self.argument = argument
        self.candidates = candidates
        super().__init__(argument, candidates)

    def __str__(self) -> str:
        if not self.candidates:
            return f"give {self.argument}=: the scenario has no territory of kind 'country' to default to"
        listed = ", ".join(repr(c) for c in self.candidates)
        return f"give {self.argument}=: the scenario has several countries to choose from ({listed})"
