"""The JSON format: canonical text, strict decoding, every problem reported by path.

``dumps`` is canonical: object keys sorted, collections ordered by id, defaults omitted,
two-space indentation, UTF-8 text, a trailing newline. Numbers are written as Python's
``repr`` writes floats, whichever JSON backend is used, so the text is byte-identical
with and without :mod:`orjson`.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, TypeVar

import attrs

from conflictmodel._model._collector import collector_paused, pausing_collector
from conflictmodel._model._errors import LoadError, ParseError, Problem
from conflictmodel._model._scenario import Scenario

from . import _converter, _fast
from ._parse import as_text, parse
from ._problems import problems_of
from ._unstructure import shared_data, unstructure_of

try:  # pragma: no cover - exercised by whichever environment runs the tests
    import orjson
except ImportError:  # pragma: no cover
    orjson = None  # type: ignore[assignment]

__all__ = ["SCHEMA_VERSION", "dump", "dumpb", "dumps", "from_dict", "load", "loads", "to_dict"]

SCHEMA_VERSION = "conflictmodel/1"
"""The format version every document declares in its ``schema`` key."""

T = TypeVar("T")
_MODEL = "conflictmodel._model."
PathLike = str | os.PathLike[str]


# --- objects <-> plain data ---------------------------------------------------------


def to_dict(obj: Any) -> Any:
    """The plain JSON data of a model object (a ``dict`` for records and scenarios).

    For a :class:`Scenario` this is the whole document, with its ``schema`` key.
    """
    cls = type(obj)
    if attrs.has(cls) and cls.__module__.startswith(_MODEL):
        data = unstructure_of(cls)(obj)
    else:
        data = _converter.FAST.unstructure(obj)
    if isinstance(obj, Scenario):
        return {"schema": SCHEMA_VERSION, **data}
    return data


def from_dict(cls: type[T], data: Any, *, source: str | None = None) -> T:
    """Build a ``cls`` object from plain JSON data, strictly.

    Raises :class:`LoadError` listing every problem with its JSON path; nothing is
    half-built. For :class:`Scenario`, ``data`` is the whole document.
    """
    if cls is Scenario:
        return _scenario_from_dict(data, source)  # type: ignore[return-value]
    return _structure(cls, data, source, "$")


def _structure(cls: type[T], data: Any, source: str | None, path: str) -> T:
    try:
        return _converter.FAST.structure(data, cls)
    except Exception:  # noqa: BLE001 - the detailed path explains it
        problems = _explain(cls, data, path)
    raise LoadError(problems, source)


def _explain(cls: type[Any], data: Any, path: str) -> list[Problem]:
    """Every problem in ``data``, found by the detailed (slower) decoder."""
    try:
        _converter.DETAILED.structure(data, cls)
    except Exception as exc:  # noqa: BLE001 - every failure becomes problems
        return list(problems_of(exc, path))
    # The fast path refused what the detailed one accepts: a bug, reported honestly.
    return [Problem(path, "refused by the fast decoder only; please report this as a bug")]  # pragma: no cover


def _scenario_from_dict(data: Any, source: str | None) -> Scenario:
    if type(data) is not dict:
        raise LoadError([Problem("$", "a scenario document must be a JSON object")], source)
    version = data.get("schema")
    if version != SCHEMA_VERSION:
        message = (
            "required field is missing (expected 'conflictmodel/1')"
            if "schema" not in data
            else f"{version!r} is not a supported format version (expected {SCHEMA_VERSION!r})"
        )
        raise LoadError([Problem("$.schema", message)], source)
    body = {key: value for key, value in data.items() if key != "schema"}
    return _structure(Scenario, body, source, "$")


# --- text ---------------------------------------------------------------------------


def loads(text: str | bytes, *, source: str | None = None) -> Scenario:
    """A :class:`Scenario` from JSON text (``str`` or UTF-8 ``bytes``).

    Raises :class:`LoadError` for broken JSON (with line and column) and for every
    problem in the document (with its JSON path). Repeated keys, nesting deeper than
    64 levels, integers of more digits than Python reads and text with lone surrogates
    are refused; so is an argument that is not ``str`` or ``bytes`` (a
    :class:`ParseError` at ``$``).
    """
    with collector_paused():
        if _fast.available:
            found = _fast.decode(text)
            if found is not None:
                return found
        return from_dict(Scenario, parse(as_text(text, source), source), source=source)


def load(file: PathLike | IO[str] | IO[bytes]) -> Scenario:
    """A :class:`Scenario` from a path or an open file (anything else is a
    :class:`ParseError` at ``$``)."""
    if isinstance(file, (str, os.PathLike)):
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ParseError([Problem("$", f"cannot read the file: {exc.strerror}")], str(path)) from None
        return loads(data, source=str(path))
    read = getattr(file, "read", None)
    if read is None:
        message = f"expected a path or an open file, got {type(file).__name__}"
        raise ParseError([Problem("$", message)], None)
    return loads(read(), source=getattr(file, "name", None))


# Python writes floats below 1e-4 with an exponent of at least two digits (1e-05);
# orjson writes 0.00001 or 1e-7. This finds those numbers outside strings, which in
# indented output stand at the end of a line, alone or after a key.
_ORJSON_FLOAT = re.compile(
    r'^(?P<head>\s*(?:"(?:[^"\\\n]|\\.)*": )?)(?P<number>-?(?:0\.0000\d*|\d+(?:\.\d+)?e-\d))(?P<tail>,?)$',
    re.MULTILINE,
)


# Cheap tests for whether such a number can be in the text at all: literal searches.
_ORJSON_TINY = "0.0000"
_ORJSON_SHORT_EXPONENT = re.compile(r"e-[5-9][,\n]")


def _python_float(match: re.Match[str]) -> str:
    return f"{match['head']}{float(match['number'])!r}{match['tail']}"


def _encode_stdlib(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False) + "\n"


_ORJSON_OPTIONS = 0 if orjson is None else orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE
# For data whose keys are in sorted order already (about a quarter of orjson's time is sorting).
_ORJSON_SORTED = 0 if orjson is None else orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE


def _encode_orjson(data: Any) -> str:  # pragma: no cover - runs only where orjson is installed
    try:
        text = orjson.dumps(data, option=_ORJSON_OPTIONS).decode("utf-8")
    except orjson.JSONEncodeError:  # integers beyond 64 bits, which JSON allows
        return _encode_stdlib(data)
    if _ORJSON_TINY not in text and _ORJSON_SHORT_EXPONENT.search(text) is None:
        return text
    return _ORJSON_FLOAT.sub(_python_float, text)


encode: Callable[[Any], str] = _encode_orjson if orjson is not None else _encode_stdlib
"""The JSON encoder in use: orjson when installed, else the standard library."""


def dumps(obj: Any) -> str:
    """Canonical JSON text of a scenario (or of any model object).

    The cyclic garbage collector is paused while the text is built (its prior state is
    restored): the plain data of a large scenario is millions of new objects and no cycles.
    """
    return _canonical(obj, as_bytes=False)  # type: ignore[return-value]


def dumpb(obj: Any) -> bytes:
    """:func:`dumps` as UTF-8 bytes, without the text: ``dumpb(s) == dumps(s).encode()``.

    For writing to a file, a socket or a compressor, which take bytes anyway: with
    orjson installed the bytes are its output as it is, so a large scenario skips the
    decoding of its text into a ``str`` (2-18 % of ``dumps``' time in the benchmarks).
    """
    return _canonical(obj, as_bytes=True)  # type: ignore[return-value]


# Paused around the call, not inside it: the plain data (millions of new containers) is
# freed when the function returns, before the collector is back on; otherwise the
# collector's first pass would walk all of it just before it is freed.
@pausing_collector
def _canonical(obj: Any, *, as_bytes: bool) -> str | bytes:
    cls = type(obj)
    if not (attrs.has(cls) and cls.__module__.startswith(_MODEL)):
        text = encode(to_dict(obj))
        return text.encode("utf-8") if as_bytes else text
    data, tiny = shared_data(cls, obj)
    if cls is Scenario:
        data = dict(sorted({"schema": SCHEMA_VERSION, **data}.items()))
    if orjson is not None and not tiny:  # keys sorted, and no float orjson writes differently
        try:
            out = orjson.dumps(data, option=_ORJSON_SORTED)
        except orjson.JSONEncodeError:  # integers beyond 64 bits
            pass
        else:
            return out if as_bytes else out.decode("utf-8")
    text = encode(data)
    return text.encode("utf-8") if as_bytes else text


def dump(obj: Any, file: PathLike | IO[str]) -> None:
    """Write :func:`dumps` of ``obj`` to a path (as the bytes of :func:`dumpb`) or an
    open text file."""
    if isinstance(file, (str, os.PathLike)):
        Path(file).write_bytes(dumpb(obj))
    else:
        file.write(dumps(obj))
