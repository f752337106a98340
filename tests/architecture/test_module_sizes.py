"""Modules stay small enough to read whole: at most 600 lines, unless the module's
docstring says why it must stay in one piece (the words "kept whole")."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).parents[2] / "src" / "conflictmodel"
LIMIT = 600


def oversized(root: Path, limit: int = LIMIT) -> list[str]:
    """The modules under ``root`` longer than ``limit`` lines whose docstring does not
    say they are kept whole."""
    found = []
    for path in sorted(root.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        lines = text.count("\n")
        if lines > limit and "kept whole" not in (ast.get_docstring(ast.parse(text)) or ""):
            found.append(f"{path.relative_to(root)}: {lines} lines")
    return found


def test_no_module_is_too_long_to_read() -> None:
    assert [] == oversized(SRC)


def test_a_long_module_without_a_reason_is_found(tmp_path: Path) -> None:
    (tmp_path / "long.py").write_text('"""A long module."""\n' + "x = 1\n" * 10, encoding="utf-8")
    (tmp_path / "whole.py").write_text('"""One recipe, kept whole: see why."""\n' + "x = 1\n" * 10, encoding="utf-8")
    assert ["long.py: 11 lines"] == oversized(tmp_path, limit=5)
