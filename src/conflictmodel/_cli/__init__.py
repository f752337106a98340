"""The command line: ``conflictmodel`` and its subcommands.

``_main`` parses arguments and runs a subcommand; ``_dayview`` and ``_summary`` turn a
scenario into what the main job and ``summary`` print; ``_import`` runs the importers.
This is the top layer: it may import every other layer, and nothing imports it.
"""

from ._main import main

__all__ = ["main"]
