"""Where the command line writes, and how: colour, a progress line, JSON documents.

* **Colour** only when the stream is a terminal, ``NO_COLOR`` is not set (to anything
  but the empty text), ``TERM`` is not ``dumb`` and ``--no-color`` was not given.
* **Progress**: one line on standard error, redrawn in place (a carriage return), only when standard
  error is a terminal and ``--quiet`` was not given; it names the phase (reading a file,
  writing one), counts rows where the reader reports them, shows the elapsed seconds,
  and is erased when the phase ends, so that nothing of it stays in a scrollback or a
  log.
* **JSON**: one document per run, two-space indented, keys in the order given.

Streams are looked up when written to, so tests that replace ``sys.stdout`` see the
output.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Self, TextIO

__all__ = ["Console", "Progress", "colour_wanted"]

_STYLES = {"error": "31", "warning": "33", "ok": "32", "bold": "1", "dim": "2"}


def colour_wanted(stream: TextIO, environ: Mapping[str, str]) -> bool:
    """Whether to colour what goes to ``stream``: a terminal, no ``NO_COLOR``, not ``dumb``."""
    if environ.get("NO_COLOR", "") != "" or environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty is not None and isatty())


class Progress:
    """One line of progress on a terminal: ``label`` and a count, redrawn in place.

    ``count`` may be called from the work itself (a reader's row callback); a
    background thread redraws the elapsed time every ``interval`` seconds while the
    phase lasts (the work may run for minutes between two counts).
    """

    def __init__(self, stream: TextIO | None, label: str, *, interval: float = 0.25) -> None:
        self._stream = stream
        self._label = label
        self._count: str = ""
        self._start = time.monotonic()
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._interval = interval
        self._thread: threading.Thread | None = None
        self._width = 0

    @property
    def active(self) -> bool:
        """Whether anything is drawn (standard error is a terminal and not quiet)."""
        return self._stream is not None

    def count(self, done: int, unit: str = "rows") -> None:
        """Show that ``done`` ``unit`` are done so far."""
        self._count = f"{done:,} {unit}"
        self._draw()

    def _draw(self) -> None:
        stream = self._stream
        if stream is None:
            return
        elapsed = time.monotonic() - self._start
        text = f"{self._label}{': ' + self._count if self._count else ''} … {elapsed:.1f} s"
        with self._lock:
            pad = " " * max(0, self._width - len(text))
            stream.write(f"\r{text}{pad}")
            stream.flush()
            self._width = len(text)

    def _tick(self) -> None:
        while not self._done.wait(self._interval):
            self._draw()

    def __enter__(self) -> Self:
        if self._stream is not None:
            self._draw()
            self._thread = threading.Thread(target=self._tick, name="conflictmodel-progress", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._done.set()
        if self._thread is not None:
            self._thread.join()
        if self._stream is not None:
            with self._lock:
                self._stream.write("\r" + " " * self._width + "\r")
                self._stream.flush()


class Console:
    """The command line's output: ``quiet`` silences progress and chatter (never
    results or errors); ``colour`` is ``False`` to refuse it, else decided per stream."""

    def __init__(self, *, quiet: bool = False, colour: bool = True, environ: Mapping[str, str] | None = None) -> None:
        self.quiet = quiet
        self._colour = colour
        self._environ = os.environ if environ is None else environ

    @property
    def out(self) -> TextIO:
        """Standard output, as it is now."""
        return sys.stdout

    @property
    def err(self) -> TextIO:
        """Standard error, as it is now."""
        return sys.stderr

    def paint(self, text: str, style: str, *, stream: TextIO | None = None) -> str:
        """``text`` in ``style`` (error, warning, ok, bold, dim) when ``stream`` (default:
        standard output) takes colour; else ``text`` unchanged."""
        if not self._colour or not colour_wanted(stream or self.out, self._environ):
            return text
        return f"\x1b[{_STYLES[style]}m{text}\x1b[0m"

    def print(self, text: str = "") -> None:
        """A line of results on standard output."""
        print(text, file=self.out)

    def error(self, text: str) -> None:
        """A line on standard error (problems; shown even when quiet)."""
        print(text, file=self.err)

    def json(self, document: Any, *, stream: TextIO | None = None) -> None:
        """One JSON document, indented, on standard output (or ``stream``)."""
        (stream or self.out).write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")

    def progress(self, label: str) -> Progress:
        """A progress line for one phase of work (drawn only on a terminal, when not quiet)."""
        err = self.err
        isatty: Callable[[], bool] | None = getattr(err, "isatty", None)
        drawn = not self.quiet and isatty is not None and isatty()
        return Progress(err if drawn else None, label)

    @contextlib.contextmanager
    def phase(self, label: str) -> Iterator[Progress]:
        """``with console.phase("reading x.json"):`` shows progress while the block runs."""
        with self.progress(label) as progress:
            yield progress
