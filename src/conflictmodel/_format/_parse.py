"""JSON text to plain data with the standard library, refusing what the format cannot
hold: repeated keys, nesting deeper than :data:`MAX_DEPTH`, numbers Python cannot read
exactly, and text with lone surrogates (which no UTF-8 file can hold, so it could not be
written back).

This is the reference parse: the fast decoder (:mod:`._fast`) accepts exactly what this
accepts, and falls back to it to explain a refusal.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any

from conflictmodel._model._errors import ParseError, Problem

from ._problems import index, member

__all__ = ["MAX_DEPTH", "TooLong", "as_text", "parse"]

MAX_DEPTH = 64
"""The deepest nesting of arrays and objects a document may have (the format needs 8)."""


class TooLong:
    """An integer with more digits than Python reads (``sys.get_int_max_str_digits``),
    kept as a marker so the field that holds it reports it with its path."""

    __slots__ = ("digits",)

    def __init__(self, digits: int) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return f"a number of {self.digits} digits"

    def problem(self) -> str:
        """The message for a field that holds this number."""
        limit = sys.get_int_max_str_digits() or "any"
        return f"a number of {self.digits} digits is too long (at most {limit} digits are read)"


def _int(text: str) -> int | TooLong:
    limit = sys.get_int_max_str_digits()
    digits = len(text) - text.startswith("-")
    if limit and digits > limit:
        return TooLong(digits)
    return int(text)


def _refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        repeated = sorted({key for key, _ in pairs if key in seen or seen.add(key)})  # type: ignore[func-returns-value]
        raise ValueError(f"repeated key {repeated[0]!r} in one object")
    return result


# NaN and Infinity (which Python's parser accepts) reach the number fields, whose rules
# refuse them with a path.
_decoder = json.JSONDecoder(object_pairs_hook=_refuse_duplicate_keys, parse_int=_int)


def as_text(text: object, source: str | None) -> str:
    """``text`` as a ``str``: UTF-8 ``bytes`` decoded, a byte order mark removed.

    Anything but ``str``, ``bytes``, ``bytearray`` or ``memoryview`` is refused with a
    :class:`ParseError` at ``$`` (a ``LoadError``, so one ``except`` handles every bad input).
    """
    if isinstance(text, (bytes, bytearray, memoryview)):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ParseError([Problem("$", f"not UTF-8 text: {exc.reason} at byte {exc.start}")], source) from None
    if not isinstance(text, str):
        message = f"expected JSON text as str or bytes, got {type(text).__name__}"
        raise ParseError([Problem("$", message)], source)
    return text.removeprefix("\ufeff")


def parse(text: str, source: str | None) -> Any:
    """The plain data of JSON ``text``; :class:`ParseError` with a path when refused."""
    try:
        data = _decoder.decode(text)
    except json.JSONDecodeError as exc:
        message = f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        raise ParseError([Problem("$", message)], source) from None
    except RecursionError:
        raise ParseError([Problem(_too_deep(text), f"nested deeper than {MAX_DEPTH} levels")], source) from None
    except ValueError as exc:  # a repeated key
        raise ParseError([Problem("$", f"not valid JSON for this format: {exc}")], source) from None
    if _may_hold_surrogates(text):
        problems = [Problem(path, _SURROGATE) for path in _surrogates(data, "$")]
        if problems:
            raise ParseError(problems, source)
    return data


_SURROGATE = "text with a lone surrogate (half of a UTF-16 pair) cannot be written as UTF-8"
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


def _may_hold_surrogates(text: str) -> bool:
    if "\\u" in text and _ESCAPED_SURROGATE.search(text):
        return True
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _writable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _surrogates(data: Any, path: str) -> Any:
    """The paths of every string (key or value) in ``data`` that holds a lone surrogate."""
    stack = [(data, path)]
    while stack:
        value, where = stack.pop()
        if type(value) is str:
            if not _writable(value):
                yield where
        elif type(value) is list:
            stack.extend((item, index(where, i)) for i, item in reversed(list(enumerate(value))))
        elif type(value) is dict:
            for key, item in reversed(list(value.items())):
                if not _writable(key):
                    yield member(where, key)
                else:
                    stack.append((item, member(where, key)))


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{},:]')


def _too_deep(text: str) -> str:
    """The path of the first array or object nested deeper than :data:`MAX_DEPTH`."""
    # Each open container: [position in an array, or the last key read in an object].
    stack: list[list[Any]] = []
    path = ["$"]
    for match in _TOKEN.finditer(text):
        piece = match.group()
        if piece in "[{":
            if len(stack) == MAX_DEPTH:
                return path[-1]
            stack.append([0] if piece == "[" else [None])
            path.append(index(path[-1], 0) if piece == "[" else path[-1])
        elif piece in "]}":
            if stack:
                stack.pop()
                path.pop()
        elif piece == ",":
            if stack and type(stack[-1][0]) is int:
                stack[-1][0] += 1
                path[-1] = index(path[-2], stack[-1][0])
        elif piece != ":" and stack and type(stack[-1][0]) is not int and _is_key(text, match.end()):
            stack[-1][0] = json.loads(piece)
            path[-1] = member(path[-2], stack[-1][0])
    return "$"  # pragma: no cover - the parser recursed deeper than the scan found


def _is_key(text: str, end: int) -> bool:
    rest = text[end : end + 64].lstrip()
    return rest.startswith(":")
