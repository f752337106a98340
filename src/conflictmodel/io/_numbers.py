"""Numbers as the datasets' codebooks write them: one reader per syntax, for every importer.

Python's own readers accept more than any codebook allows: ``int()`` takes ``1_000``,
``١٢`` (Arabic-Indic digits), ``+5`` and surrounding spaces, ``int(float(x))`` turns
``1.9`` into 1, and ``float()`` takes ``nan``, ``inf`` and ``1e400``. A reader here
accepts exactly one syntax and refuses anything else with a :class:`RowError` naming the
column and what was expected, so that a row is rejected rather than its number changed.

* :func:`digits`: an identifier made of ASCII digits (``atopid``, a UCDP id), kept as text;
* :func:`count`: a non-negative integer in ASCII digits (deaths, codes, years, months),
  within a maximum;
* :func:`signed_code`: an integer in ASCII digits with an optional leading ``-``;
* :func:`decimal`: a finite decimal number (``-12.5``, ``36``; no exponent), within bounds;
* :func:`json_count`, :func:`json_decimal` and :func:`json_text`: the same for values of
  a JSON document, by their JSON type (``true`` is not a number, ``"7"`` not a count);
  :func:`flat_row` for a JSON object kept verbatim as an origin row.
"""

from __future__ import annotations

import math
import re

from ._builder import RowError

__all__ = ["count", "decimal", "digits", "flat_row", "json_count", "json_decimal", "json_text", "signed_code"]

_DIGITS = re.compile(r"[0-9]+", re.ASCII)
_SIGNED = re.compile(r"-?[0-9]+", re.ASCII)
_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?", re.ASCII)

LARGEST_COUNT = 10**12
"""The default maximum of a count: more than any death toll or code, far from overflow."""


LONGEST_CODE = 18
"""The most digits of an identifier (a dataset's ids have a handful)."""


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:37]}..."


def digits(value: str, column: str | None, what: str) -> str:
    """``value`` stripped of surrounding spaces when it is ASCII digits (at most
    :data:`LONGEST_CODE` of them); else a RowError."""
    text = value.strip()
    if len(text) > LONGEST_CODE or _DIGITS.fullmatch(text) is None:
        raise RowError(f"{_shown(value)} is not {what} (at most {LONGEST_CODE} ASCII digits)", column)
    return text


def count(value: str, column: str, *, what: str = "a count", maximum: int = LARGEST_COUNT) -> int | None:
    """A non-negative integer written in ASCII digits, at most ``maximum``; ``None`` for
    an empty cell; else a RowError."""
    text = value.strip()
    if not text:
        return None
    if _DIGITS.fullmatch(text) is None:
        raise RowError(f"{_shown(value)} is not {what} (a whole number in ASCII digits)", column)
    if len(text.lstrip("0")) > len(str(maximum)) or int(text) > maximum:
        raise RowError(f"{_shown(value)} is not {what} (at most {maximum:,})", column)
    return int(text)


def signed_code(value: str, column: str, what: str, *, largest: int = LARGEST_COUNT) -> int:
    """An integer in ASCII digits with an optional leading minus, at most ``largest`` in
    size; else a RowError."""
    text = value.strip()
    if _SIGNED.fullmatch(text) is None or len(text.lstrip("-0")) > len(str(largest)) or abs(int(text)) > largest:
        raise RowError(f"{_shown(value)} is not {what} (a whole number in ASCII digits)", column)
    return int(text)


def decimal(value: str, column: str, what: str, *, minimum: float, maximum: float) -> float | None:
    """A decimal number (optional minus, ASCII digits, optional fraction) within
    ``[minimum, maximum]``; ``None`` for an empty cell; else a RowError."""
    text = value.strip()
    if not text:
        return None
    if len(text) > 40 or _DECIMAL.fullmatch(text) is None:
        raise RowError(f"{_shown(value)} is not {what} (a decimal number)", column)
    number = float(text)
    if not minimum <= number <= maximum:
        raise RowError(f"{_shown(value)} is not {what} (from {minimum:g} to {maximum:g})", column)
    return number


def json_count(value: object, column: str, *, what: str = "a count", maximum: int = LARGEST_COUNT) -> int:
    """A JSON integer (not ``true``, not a string, not ``1.0``) from 0 to ``maximum``."""
    if type(value) is not int or not 0 <= value <= maximum:
        raise RowError(f"{_shown(value)} is not {what} (a whole number from 0 to {maximum:,})", column)
    return value


def json_decimal(value: object, column: str, what: str, *, minimum: float, maximum: float) -> float:
    """A finite JSON number (integer or fraction, not ``true``) within ``[minimum, maximum]``."""
    if type(value) is int:
        if not minimum <= value <= maximum:
            raise RowError(f"{_shown(value)} is not {what} (from {minimum:g} to {maximum:g})", column)
        return float(value)
    if type(value) is not float or not math.isfinite(value) or not minimum <= value <= maximum:
        raise RowError(f"{_shown(value)} is not {what} (a number from {minimum:g} to {maximum:g})", column)
    return value


def json_text(value: object, column: str, what: str) -> str | None:
    """A JSON string stripped (``None`` for ``null`` or an empty string); a RowError for
    a number, a boolean, an object or an array."""
    if value is None:
        return None
    if type(value) is not str:
        raise RowError(f"{_shown(value)} is not {what} (a string)", column)
    return value.strip() or None


Scalar = str | int | float | bool | None


def flat_row(item: dict[str, object]) -> dict[str, Scalar]:
    """A JSON object's members as an origin row, verbatim: each a string, number, boolean
    or ``null``. A member holding an object or an array is a RowError naming it (an origin
    row is flat, and writing it as text would change it)."""
    for key, value in item.items():
        if value is not None and type(value) not in (str, int, float, bool):
            kind = "an object" if isinstance(value, dict) else "an array"
            raise RowError(f"{key!r} holds {kind}; a property is a string, a number, a boolean or null", key)
    return item  # type: ignore[return-value]  # checked member by member above
