"""How a subcommand joins the command line: one module, one decorated function.

A module of this folder registers its subcommand when imported::

    from ._command import command

    def _arguments(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")

    @command("validate", help="check scenario files", arguments=_arguments)
    def _run(args: argparse.Namespace, console: Console) -> int:
        ...
        return 0

A name of two words (``"export geojson"``) makes a subcommand of a group
(``conflictmodel export geojson``): modules that never see each other can add formats to
one ``export`` group. :func:`commands` imports every module of the folder (so a new file is all a new
subcommand needs) and returns the registered commands by name. A command that reports
gets the shared output options -- ``--format text|json``, ``-q/--quiet`` and
``--no-color`` -- with the same meaning everywhere; the run function receives them as
``args.format``, ``args.quiet`` and a :class:`~._console.Console` built from them.
Exit codes are shared too: 0 success, 1 problems found, 2 input unusable.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from collections.abc import Callable

import attrs

from ._console import Console

__all__ = ["EXIT_OK", "EXIT_PROBLEMS", "EXIT_UNUSABLE", "Command", "command", "commands", "output_options"]

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNUSABLE = 2

Arguments = Callable[[argparse.ArgumentParser], None]
Run = Callable[[argparse.Namespace, Console], int]


def _no_arguments(_: argparse.ArgumentParser) -> None:
    return None


@attrs.frozen(kw_only=True)
class Command:
    """A subcommand: its ``name``, one-line ``help``, a longer ``description``, the
    function that adds its own ``arguments``, whether it ``reports`` (and so takes the
    output options), and the ``run`` function that returns the exit code."""

    name: str
    help: str
    run: Run
    arguments: Arguments = _no_arguments
    description: str | None = None
    reports: bool = True


_REGISTERED: dict[str, Command] = {}


def command(
    name: str,
    *,
    help: str,  # noqa: A002 - argparse's own word
    arguments: Arguments = _no_arguments,
    description: str | None = None,
    reports: bool = True,
) -> Callable[[Run], Run]:
    """Register the decorated function as the subcommand ``name``."""

    def register(run: Run) -> Run:
        if name in _REGISTERED and _REGISTERED[name].run is not run:
            raise ValueError(f"two subcommands are named {name!r}")
        _REGISTERED[name] = Command(
            name=name, help=help, run=run, arguments=arguments, description=description, reports=reports
        )
        return run

    return register


def commands() -> dict[str, Command]:
    """Every subcommand, by name: the folder's modules are imported to register theirs."""
    from conflictmodel import _cli  # noqa: PLC0415 - the package of this module, for its path

    for module in sorted(info.name for info in pkgutil.iter_modules(_cli.__path__)):
        importlib.import_module(f"{_cli.__name__}.{module}")
    return dict(sorted(_REGISTERED.items()))


def output_options() -> argparse.ArgumentParser:
    """The options every reporting subcommand shares (a parent parser)."""
    shared = argparse.ArgumentParser(add_help=False)
    group = shared.add_argument_group("output")
    group.add_argument(
        "--format", choices=("text", "json"), default="text", help="text for people, or one JSON document"
    )
    group.add_argument("-q", "--quiet", action="store_true", help="no progress line and no chatter on stderr")
    group.add_argument(
        "--no-color", dest="colour", action="store_false", help="no colour (also off when not a terminal or NO_COLOR)"
    )
    return shared
