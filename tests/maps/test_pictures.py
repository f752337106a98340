"""The README's and the docs' pictures are what ``tools/make_pictures.py`` makes today."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


def _script() -> object:
    spec = importlib.util.spec_from_file_location("make_pictures", ROOT / "tools" / "make_pictures.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PICTURES = _script().pictures()  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", sorted(PICTURES), ids=lambda p: p.name)
def test_the_picture_is_up_to_date(path: Path) -> None:
    assert path.exists(), f"run python tools/make_pictures.py to make {path.name}"
    assert PICTURES[path] == path.read_text(encoding="utf-8"), f"run python tools/make_pictures.py: {path.name}"


@pytest.mark.parametrize("picture", ["syria-2017-11-30.svg", "syria-2017-partition.svg"])
def test_the_readme_and_the_docs_show_the_picture(picture: str) -> None:
    assert f"docs/_static/{picture}" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"_static/{picture}" in (ROOT / "docs" / "maps.md").read_text(encoding="utf-8")
