"""The command line's last word: bad input ends in a message and an exit code, never a
traceback.

:func:`guarded` runs a command and turns what bad input can cause into a line on
standard error and a documented exit code: a file that cannot be read or written (2),
a file that is not a scenario or dataset of the format, or nested too deeply to
read (2), a closed output pipe
(``conflictmodel validate … | head``: quiet, 141 as for a process ended by SIGPIPE), an
interrupt (Ctrl-C: 130). Output that the terminal's encoding cannot show is escaped
rather than failing.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable

from conflictmodel._model._errors import ConflictModelError, LoadError

from ._command import EXIT_PROBLEMS
from ._command import EXIT_UNUSABLE as EXIT_UNREADABLE

__all__ = ["EXIT_INTERRUPTED", "EXIT_PIPE", "guarded"]

EXIT_INTERRUPTED = 130
EXIT_PIPE = 141


def _escape_unencodable() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _say(prog: str, message: str) -> None:
    with contextlib.suppress(OSError, ValueError):  # no standard error to speak to
        print(f"{prog}: {message}", file=sys.stderr)


def _quiet_stdout() -> None:
    """After a closed pipe: point standard output at nothing, so that Python's own
    flush at exit does not complain again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def guarded(run: Callable[[], int], prog: str = "conflictmodel") -> int:  # noqa: PLR0911 - one exit per kind of failure
    """Run ``run`` and return its exit code, or the documented code of what stopped it."""
    _escape_unencodable()
    try:
        code = run()
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_PIPE
    except KeyboardInterrupt:
        _say(prog, "interrupted")
        return EXIT_INTERRUPTED
    except LoadError as error:
        _say(prog, str(error))
        return EXIT_UNREADABLE
    except RecursionError:  # a parser without a depth bound, on input nested too deeply
        _say(prog, "the input is nested too deeply to read")
        return EXIT_UNREADABLE
    except OSError as error:
        where = f"{error.filename}: " if error.filename is not None else ""
        _say(prog, f"{where}{error.strerror or error}")
        return EXIT_UNREADABLE
    except (ConflictModelError, UnicodeError) as error:
        _say(prog, str(error))
        return EXIT_PROBLEMS
    return code
