"""The command line: ``conflictmodel`` and its subcommands.

``_main`` builds the parser and runs a subcommand; ``_command`` is how a subcommand
registers itself (one module per subcommand: ``_validate``, ``_summarize``, ``_schema``,
``_import``); ``_console`` is where output goes (colour, the progress line, JSON);
``_inputs`` reads the files given; ``_dayview`` and ``_summary`` turn a scenario into
what the main job and ``summary`` print. This is the top layer: it may import every
other layer, and nothing imports it.
"""

from ._main import main

__all__ = ["main"]
