"""Streaming CSV reading with row numbers, BOM and encoding handling and column checks.

Rows are read one at a time with the :mod:`csv` module (RFC 4180 quoting, line breaks
inside quoted cells), so an import starts before the whole file is read. Bytes that are
not UTF-8 are caught on the row and column where they stand; a row with fewer or more
fields than the header, or with broken quoting, stops the import with a
:class:`~conflictmodel.LoadError` naming the file, the row and the column.
"""

from __future__ import annotations

import csv
import io
import re
from typing import IO, TYPE_CHECKING, Any, Self

import attrs

from conflictmodel._model._errors import LoadError, Problem

from ._source import is_text

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

__all__ = ["CsvReader", "CsvRow"]

# Bytes that are not UTF-8 decode to lone surrogates under "surrogateescape".
_UNDECODABLE = re.compile("[\udc80-\udcff]")


@attrs.frozen
class CsvRow:
    """One data row: its 1-based number (the header is row 0), the physical line where
    it starts, and its cells by column name, verbatim.
    """

    number: int
    line: int
    values: dict[str, str]


def _header_problems(header: list[str], required: Sequence[str]) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append(Problem(f'header, column "{name}"', "the column appears twice"))
        seen.add(name)
    problems.extend(
        Problem(f'header, column "{name}"', "required column is missing") for name in required if name not in seen
    )
    return problems


def _undecodable(text: str) -> str:
    found = _UNDECODABLE.search(text)
    byte = ord(found.group()) - 0xDC00 if found else 0
    return f"not UTF-8 text (byte 0x{byte:02X} cannot be decoded; is the file in another encoding?)"


class _Lines:
    """The file's lines, remembering which physical lines held undecodable bytes."""

    def __init__(self, text: IO[str]) -> None:
        self._text = text
        self.count = 0
        self.bad: list[int] = []

    def __iter__(self) -> Iterator[str]:
        search = _UNDECODABLE.search
        for line in self._text:
            self.count += 1
            if search(line) is not None:
                self.bad.append(self.count)
            yield line


class CsvReader:
    """The header and then the data rows of a CSV file, one at a time.

    ``handle`` may be binary (decoded as UTF-8, a byte-order mark skipped) or text. The
    header is read and checked on construction; iterating yields :class:`CsvRow`.
    Raises :class:`LoadError` for a missing or repeated column, undecodable bytes, a
    truncated or overlong row and broken quoting. Use as a context manager: on exit a
    binary file given by the caller is left open (so it is when iteration ends).
    """

    def __init__(self, handle: IO[Any], *, source: str | None, required: Sequence[str]) -> None:
        self._wrapper: io.TextIOWrapper | None = None
        if is_text(handle):
            text: IO[str] = handle
        else:
            self._wrapper = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="surrogateescape", newline="")
            text = self._wrapper
        self.source = source
        self._lines = _Lines(text)
        self._reader = csv.reader(self._lines, strict=True)
        self.header = self._read_header(required)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        if self._wrapper is not None:
            self._wrapper.detach()
            self._wrapper = None

    def _read_header(self, required: Sequence[str]) -> list[str]:
        try:
            header = next(self._reader, None)
        except csv.Error as exc:
            raise LoadError([Problem("header", f"malformed CSV: {exc}")], self.source) from None
        if header is None:
            raise LoadError([Problem("header", "the file is empty (no header row)")], self.source)
        if header and header[0].startswith("\ufeff"):
            header[0] = header[0][1:]
        if self._lines.bad:
            raise LoadError([Problem("header", _undecodable(",".join(header)))], self.source)
        problems = _header_problems(header, required)
        if problems:
            raise LoadError(problems, self.source)
        return header

    def __iter__(self) -> Iterator[CsvRow]:
        try:
            yield from self._rows()
        finally:
            self.__exit__()

    def _rows(self) -> Iterator[CsvRow]:
        header, lines, reader, source = self.header, self._lines, self._reader, self.source
        width = len(header)
        number = 0
        start = lines.count + 1
        while True:
            try:
                record = next(reader, None)
            except csv.Error as exc:
                problem = Problem(f"row {number + 1} (line {start})", f"malformed CSV: {exc}")
                raise LoadError([problem], source) from None
            if record is None:
                return
            if not record:  # a blank line holds no row
                start = lines.count + 1
                continue
            number += 1
            if len(record) != width:
                raise LoadError([_width_problem(record, header, number, start)], source)
            if lines.bad and lines.bad[-1] >= start:
                column = next(name for name, cell in zip(header, record, strict=True) if _UNDECODABLE.search(cell))
                problem = Problem(f'row {number} (line {start}), column "{column}"', _undecodable(",".join(record)))
                raise LoadError([problem], source)
            yield CsvRow(number, start, dict(zip(header, record, strict=True)))
            start = lines.count + 1


def _width_problem(record: list[str], header: list[str], number: int, line: int) -> Problem:
    if len(record) < len(header):
        missing = header[len(record)]
        return Problem(
            f'row {number} (line {line}), column "{missing}"',
            f"the row is truncated: it has {len(record)} of the header's {len(header)} fields",
        )
    return Problem(f"row {number} (line {line})", f"the row has {len(record)} fields, the header {len(header)}")
