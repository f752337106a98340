"""``conflictmodel schema``: the JSON Schema of the file format, on standard output."""

from __future__ import annotations

import argparse

from conflictmodel._format._schema import json_schema

from ._command import EXIT_OK, command
from ._console import Console

__all__: list[str] = []


@command("schema", help="print the JSON Schema of the file format", reports=False)
def _run(_: argparse.Namespace, console: Console) -> int:
    console.json(json_schema())
    return EXIT_OK
