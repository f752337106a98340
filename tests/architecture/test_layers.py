"""The package's layers import one way: values <- records <- format, rules, queries <- io,
strategies, tables, maps, command line. See docs/architecture.md.

The check reads every module's imports with :mod:`ast` (module level, inside functions and
under ``TYPE_CHECKING`` alike) and refuses any import of a layer the importing module's
layer may not use. The records layer's :class:`~conflictmodel.Scenario` is the one
documented facade over the layers above it: it may name them only inside a function (made
on first use) or for type checking, never when it loads.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parents[2] / "src"

# Within the records layer, these modules are values: they never import a record module.
VALUE_MODULES = frozenset(
    {
        "_arguments",
        "_errors",
        "_extras",
        "_frozenmap",
        "_html",
        "_dates",
        "_intervals",
        "_geometry",
        "_area",
        "_fields",
        "_walks",
    }
)

# Which layers each layer may import (its own included).
ALLOWED: dict[str, frozenset[str]] = {
    "values": frozenset({"values"}),
    "records": frozenset({"values", "records"}),
    "format": frozenset({"values", "records", "format"}),
    "rules": frozenset({"values", "records", "rules"}),
    "queries": frozenset({"values", "records", "queries"}),
    "io": frozenset({"values", "records", "format", "rules", "queries", "io", "package"}),
    "strategies": frozenset({"values", "records", "format", "rules", "queries", "strategies", "package"}),
    "tables": frozenset({"values", "records", "format", "queries", "tables"}),
    "graph": frozenset({"values", "records", "graph"}),
    "cli": frozenset({"values", "records", "format", "rules", "queries", "io", "maps", "tables", "cli", "package"}),
    "maps": frozenset({"values", "records", "format", "queries", "maps"}),
    "package": frozenset({"values", "records", "format", "rules", "queries", "strategies", "cli", "package"}),
}

# Upward names the facade may use, lazily or for type checking only.
FACADES: dict[str, frozenset[str]] = {"conflictmodel._model._scenario": frozenset({"queries", "rules"})}

_FOLDERS = {
    "_model": "records",
    "_format": "format",
    "_rules": "rules",
    "_queries": "queries",
    "io": "io",
    "strategies": "strategies",
    "tables": "tables",
    "graph": "graph",
    "maps": "maps",
    "_cli": "cli",
}


def layer_of(module: str) -> str:
    """The layer of a dotted module name inside the package."""
    parts = module.split(".")
    if len(parts) < 2 or parts[1] not in _FOLDERS:
        return "package"
    layer = _FOLDERS[parts[1]]
    if layer == "records" and len(parts) > 2 and parts[2] in VALUE_MODULES:
        return "values"
    return layer


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(root: Path, module: str, is_package: bool, node: ast.ImportFrom) -> list[str]:
    if node.level == 0:
        base = node.module or ""
    else:
        anchor = module.split(".") if is_package else module.split(".")[:-1]
        anchor = anchor[: len(anchor) - (node.level - 1)]
        base = ".".join([*anchor, node.module] if node.module else anchor)
    folder = root.joinpath(*base.split("."))
    names = []
    for alias in node.names:  # a name may be a submodule (from . import _dates) or a thing in base
        is_module = (folder / f"{alias.name}.py").exists() or (folder / alias.name / "__init__.py").exists()
        names.append(f"{base}.{alias.name}" if is_module else base)
    return names


class _Imports(ast.NodeVisitor):
    """Every import of one module, with whether it runs when the module loads."""

    def __init__(self, root: Path, module: str, is_package: bool) -> None:
        self.root = root
        self.module = module
        self.is_package = is_package
        self.found: list[tuple[int, str, bool]] = []
        self._deferred = 0

    def _defer(self, node: ast.AST) -> None:
        self._deferred += 1
        self.generic_visit(node)
        self._deferred -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = _defer  # noqa: N815 - ast.NodeVisitor's names

    def visit_If(self, node: ast.If) -> None:
        test = node.test
        if (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
            isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
        ):
            self._defer(node)
        else:
            self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        self.found.extend((node.lineno, alias.name, self._deferred > 0) for alias in node.names)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        self.found.extend(
            (node.lineno, name, self._deferred > 0) for name in _resolve(self.root, self.module, self.is_package, node)
        )


def layer_violations(root: Path, package: str = "conflictmodel") -> list[str]:
    """Each import in ``root/package`` that goes against :data:`ALLOWED`, as
    ``file:line: importer (layer) imports imported (layer)``.
    """
    problems = []
    for path in sorted((root / package).rglob("*.py")):
        module = _module_name(path, root)
        visitor = _Imports(root, module, path.name == "__init__.py")
        visitor.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        mine = layer_of(module)
        for line, imported, deferred in visitor.found:
            if imported != package and not imported.startswith(package + "."):
                continue
            theirs = layer_of(imported)
            if theirs in ALLOWED[mine]:
                continue
            if deferred and theirs in FACADES.get(module, frozenset()):
                continue
            relative = path.relative_to(root)
            problems.append(f"{relative}:{line}: {module} ({mine}) imports {imported} ({theirs})")
    return problems


def test_the_package_imports_one_way() -> None:
    assert [] == layer_violations(SRC)


def test_every_module_belongs_to_a_known_layer() -> None:
    folders = {p.name for p in (SRC / "conflictmodel").iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders == set(_FOLDERS)


def _write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for folder in _FOLDERS:
        _write(tmp_path, f"conflictmodel/{folder}/__init__.py", "")
    _write(tmp_path, "conflictmodel/__init__.py", "from ._model._dates import PartialDate\n")
    _write(tmp_path, "conflictmodel/_model/_dates.py", "import datetime\n")
    _write(tmp_path, "conflictmodel/_model/_actors.py", "from ._dates import PartialDate\n")
    _write(tmp_path, "conflictmodel/_queries/_control.py", "from conflictmodel._model import _actors\n")
    _write(
        tmp_path,
        "conflictmodel/_model/_scenario.py",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from conflictmodel._queries._control import x\n"
        "def f():\n    from conflictmodel._rules import _invariants\n",
    )
    return tmp_path


def test_a_clean_tree_passes(tree: Path) -> None:
    assert [] == layer_violations(tree)


def test_a_lower_layer_importing_a_higher_one_fails(tree: Path) -> None:
    _write(tree, "conflictmodel/_model/_actors.py", "from conflictmodel._queries import _control\n")
    assert [
        (
            "conflictmodel/_model/_actors.py:1: conflictmodel._model._actors (records) imports "
            "conflictmodel._queries._control (queries)"
        )
    ] == layer_violations(tree)


def test_a_value_importing_a_record_fails(tree: Path) -> None:
    _write(tree, "conflictmodel/_model/_dates.py", "from . import _actors\n")
    assert [
        (
            "conflictmodel/_model/_dates.py:1: conflictmodel._model._dates (values) imports "
            "conflictmodel._model._actors (records)"
        )
    ] == layer_violations(tree)


def test_siblings_of_the_middle_layers_do_not_import_each_other(tree: Path) -> None:
    _write(tree, "conflictmodel/_format/_x.py", "def f():\n    from conflictmodel._queries._control import y\n")
    assert [
        (
            "conflictmodel/_format/_x.py:2: conflictmodel._format._x (format) imports "
            "conflictmodel._queries._control (queries)"
        )
    ] == layer_violations(tree)


def test_the_facade_may_not_load_the_upper_layers_at_import(tree: Path) -> None:
    _write(tree, "conflictmodel/_model/_scenario.py", "from conflictmodel._queries import _control\n")
    assert [
        (
            "conflictmodel/_model/_scenario.py:1: conflictmodel._model._scenario (records) imports "
            "conflictmodel._queries._control (queries)"
        )
    ] == layer_violations(tree)


def test_relative_imports_resolve_from_packages_and_modules(tree: Path) -> None:
    _write(tree, "conflictmodel/_model/__init__.py", "from .. import _cli\n")
    assert [
        "conflictmodel/_model/__init__.py:1: conflictmodel._model (records) imports conflictmodel._cli (cli)"
    ] == layer_violations(tree)
