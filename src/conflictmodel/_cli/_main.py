"""The command line: ``conflictmodel`` / ``python -m conflictmodel``.

With no arguments it loads the bundled Syria 2017 scenario, validates it and prints what
it says about its ``as_of`` day (``conflictmodel summary``). Each subcommand lives in a
module of this folder and registers itself (see ``_command``); this module only builds
the parser from them and runs the one asked for.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from conflictmodel._version import __version__

from ._command import Command, commands, output_options
from ._console import Console
from ._guard import guarded
from ._summarize import add_territories_option, run_summary

__all__ = ["main", "parser"]


def parser(registered: dict[str, Command] | None = None) -> argparse.ArgumentParser:
    """The argument parser of the command line and every registered subcommand."""
    top = argparse.ArgumentParser(
        prog="conflictmodel",
        description="Typed, checked models of armed conflicts and their diplomacy. "
        "Without a command: what the bundled Syria 2017 scenario says about its as-of day.",
        epilog="Exit codes: 0 success, 1 problems found, 2 input unusable.",
    )
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    add_territories_option(top)
    subcommands = top.add_subparsers(dest="command", metavar="COMMAND")
    groups: dict[str, Any] = {}
    shared = output_options()
    for item in (commands() if registered is None else registered).values():
        group, _, name = item.name.rpartition(" ")
        where = subcommands
        if group:  # "export geojson": a subcommand of the group "export"
            if group not in groups:
                holder = subcommands.add_parser(group, help=f"{group} (see: conflictmodel {group} --help)")
                groups[group] = holder.add_subparsers(dest=f"{group}_command", metavar="FORMAT", required=True)
            where = groups[group]
        sub = where.add_parser(
            name,
            help=item.help,
            description=item.description or item.help,
            parents=[shared] if item.reports else [],
        )
        item.arguments(sub)
        sub.set_defaults(run=item.run)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code.

    Bad input never ends in a traceback: see :func:`._guard.guarded` for the exit codes of
    unreadable files, closed pipes (141) and interrupts (130).
    """
    args = parser().parse_args(argv)
    console = Console(quiet=getattr(args, "quiet", False), colour=getattr(args, "colour", True))
    if args.command is None:
        return guarded(lambda: run_summary([], None, "text", console, territories=args.territories))
    return guarded(lambda: args.run(args, console))
