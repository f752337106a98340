"""Reading the scenario files a subcommand is given, with progress and without stopping
at the first bad one: each file is loaded, or its problems are kept to report."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import attrs

from conflictmodel._format._bundled import syria_2017
from conflictmodel._format._jsonformat import load
from conflictmodel._model._errors import LoadError, ParseError, Problem
from conflictmodel._model._scenario import Scenario

from ._command import EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE
from ._console import Console

__all__ = ["BUNDLED", "Input", "read_inputs"]

BUNDLED = "the bundled scenario (conflictmodel.syria_2017())"


@attrs.frozen(kw_only=True)
class Input:
    """One file given on the command line: its ``scenario`` when it loaded, else its
    load ``problems`` (``unreadable`` when it is no JSON text at all)."""

    source: str
    scenario: Scenario | None = None
    problems: tuple[Problem, ...] = ()
    unreadable: bool = False

    @property
    def exit_code(self) -> int:
        """0 loaded, 1 load problems, 2 unreadable."""
        if self.unreadable:
            return EXIT_UNUSABLE
        return EXIT_PROBLEMS if self.problems else EXIT_OK

    def problems_json(self) -> list[dict[str, str]]:
        """The load problems as JSON data."""
        return [{"path": p.path, "message": p.message} for p in self.problems]


def read_inputs(files: Sequence[str], console: Console, *, default_bundled: bool = False) -> list[Input]:
    """Load every file (the bundled scenario when none is given and ``default_bundled``);
    ``-`` is standard input."""
    if not files and default_bundled:
        return [Input(source=BUNDLED, scenario=syria_2017())]
    inputs = []
    for name in files:
        with console.phase(f"reading {name}"):
            try:
                inputs.append(Input(source=name, scenario=load(sys.stdin.buffer if name == "-" else name)))
            except LoadError as error:
                unreadable = isinstance(error, ParseError)
                inputs.append(Input(source=name, problems=error.problems, unreadable=unreadable))
    return inputs
