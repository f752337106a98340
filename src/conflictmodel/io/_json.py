"""Streaming JSON: the items of a top-level array, or of one array member of a top-level
object (a GeoJSON FeatureCollection's ``features``), one at a time.

The standard library parses whole documents; this module feeds it one item at a time
from a growing buffer, so a reader starts working before the file is read and never
holds more than one item (plus a read chunk) as text.
"""

from __future__ import annotations

import codecs
import json
import math
import re
from typing import IO, TYPE_CHECKING, Any

from conflictmodel._model._errors import LoadError, Problem

from ._source import is_text

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["JsonStream"]

_CHUNK = 1 << 16
_WHITESPACE = " \t\n\r"
_LONGEST_NUMBER = 40
"""The most characters of a JSON number read: no dataset codes more, and Python's own
limits (4,300 digits for an integer, overflow to infinity for a float) lie far beyond."""
_SURROGATE = re.compile("[\ud800-\udfff]")


class _RefusedError(ValueError):
    """JSON text this reader refuses (a number out of range, ``NaN``), with the reason."""


def _integer(text: str) -> int:
    if len(text) > _LONGEST_NUMBER:
        raise _RefusedError(f"a number of {len(text)} characters is out of range")
    return int(text)


def _fraction(text: str) -> float:
    number = float(text) if len(text) <= _LONGEST_NUMBER else math.inf
    if not math.isfinite(number):
        raise _RefusedError(f"the number {text[:20]}{'...' if len(text) > 20 else ''} is out of range")
    return number


def _constant(text: str) -> object:
    raise _RefusedError(f"{text} is not JSON (numbers are finite)")


def _has_surrogate(text: str, value: object) -> bool:
    """Whether the JSON ``text`` of ``value`` holds a lone surrogate, raw or escaped
    (a backslash-u escape of U+D800 to U+DFFF), which no UTF-8 file can hold and no writer can write back."""
    if "\\u" in text:
        text = json.dumps(value, ensure_ascii=False)
    return _SURROGATE.search(text) is not None


_DECODER = json.JSONDecoder(parse_int=_integer, parse_float=_fraction, parse_constant=_constant)


class JsonStream:
    """A cursor over JSON text read in chunks from ``handle`` (text or UTF-8 bytes)."""

    def __init__(self, handle: IO[Any], source: str | None) -> None:
        self._handle = handle
        self._text = is_text(handle)
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")("strict")
        self._source = source
        self._buffer = ""
        self._pos = 0
        self._eof = False
        self._line = 1  # line number at self._counted in the buffer
        self._counted = 0
        self._bytes = 0
        self.members: dict[str, Any] = {}
        """Top-level members met before (and, once read to the end, after) the array."""

    # --- low level ----------------------------------------------------------------

    def _error(self, where: str, message: str) -> LoadError:
        return LoadError([Problem(where, message)], self._source)

    def _fill(self, size: int = _CHUNK) -> bool:
        if self._eof:
            return False
        data = self._handle.read(size)
        if not data:
            self._eof = True
            if not self._text:
                self._buffer += self._decoder.decode(b"", final=True)
            return False
        if self._text:
            chunk = data
        else:
            try:
                chunk = self._decoder.decode(data)
            except UnicodeDecodeError as exc:
                offset = self._bytes + exc.start
                raise self._error(f"line {self.line}", f"not UTF-8 text (byte {offset})") from None
            self._bytes += len(data)
        # Drop what has been consumed, counting its lines.
        self._line = self.line
        self._buffer = self._buffer[self._pos :] + chunk
        self._pos = 0
        self._counted = 0
        if self._line == 1 and self._buffer.startswith("\ufeff"):
            self._buffer = self._buffer[1:]
        return True

    @property
    def line(self) -> int:
        """The line of the cursor."""
        if self._pos > self._counted:
            self._line += self._buffer.count("\n", self._counted, self._pos)
            self._counted = self._pos
        return self._line

    def _peek(self) -> str:
        while True:
            buffer, pos = self._buffer, self._pos
            while pos < len(buffer) and buffer[pos] in _WHITESPACE:
                pos += 1
            self._pos = pos
            if pos < len(buffer):
                return buffer[pos]
            if not self._fill():
                return ""

    def _expect(self, chars: str, what: str) -> str:
        char = self._peek()
        if char == "" or char not in chars:
            found = "the end of the file" if char == "" else repr(char)
            raise self._error(f"line {self.line}", f"expected {what}, found {found} (truncated or not this format?)")
        self._pos += 1
        return char

    def _value(self, where: str) -> Any:
        self._peek()
        size = _CHUNK
        while True:
            try:
                value, end = _DECODER.raw_decode(self._buffer, self._pos)
            except _RefusedError as exc:
                raise self._error(where, f"{exc} (line {self.line})") from None
            except RecursionError:
                raise self._error(where, f"nested too deeply to read (line {self.line})") from None
            except json.JSONDecodeError as exc:
                # Incomplete text may only need more input; at the end it is an error.
                if self._fill(size):
                    size *= 2
                    continue
                raise self._error(where, f"not valid JSON: {exc.msg} (line {self.line}; truncated?)") from None
            # A number at the end of the buffer may continue in the next chunk.
            if end == len(self._buffer) and not self._eof and self._fill(size):
                continue
            if _has_surrogate(self._buffer[self._pos : end], value):
                raise self._error(where, f"a string holds a lone surrogate: not Unicode text (line {self.line})")
            self._pos = end
            return value

    # --- structure ----------------------------------------------------------------

    def items(self, key: str | None = None) -> Iterator[tuple[int, int, Any]]:
        """Yield ``(number, line, value)`` for each item of the array: the top-level
        array, or the array under ``key`` in a top-level object. Numbers are 1-based.
        """
        if key is None:
            self._expect("[", "a JSON array")
            yield from self._array()
            return
        self._expect("{", "a JSON object")
        found = False
        if self._peek() == "}":
            self._pos += 1
        else:
            while True:
                name = self._value(f"line {self.line}")
                if not isinstance(name, str):
                    raise self._error(f"line {self.line}", "expected a member name")
                self._expect(":", "':'")
                if name == key:
                    found = True
                    self._expect("[", f"an array under {key!r}")
                    yield from self._array()
                else:
                    self.members[name] = self._value(f"$.{name}")
                if self._expect(",}", "',' or '}'") == "}":
                    break
        if not found:
            raise self._error("$", f"the document has no {key!r} array")
        self._end()

    def _array(self) -> Iterator[tuple[int, int, Any]]:
        number = 0
        if self._peek() == "]":
            self._pos += 1
            return
        while True:
            number += 1
            line = self.line
            yield number, line, self._value(f"item {number} (line {line})")
            if self._expect(",]", "',' or ']'") == "]":
                return

    def _end(self) -> None:
        if self._peek() != "":
            raise self._error(f"line {self.line}", "unexpected text after the JSON document")

    def finish(self) -> None:
        """Check that nothing follows a top-level array."""
        self._end()
