"""The documentation's examples check exact error messages."""

from __future__ import annotations

import doctest
import runpy
from pathlib import Path

ROOT = Path(__file__).parents[2]


def test_sphinx_doctest_flags_do_not_ignore_exception_details() -> None:
    conf = runpy.run_path(str(ROOT / "docs" / "conf.py"))
    assert not conf["doctest_default_flags"] & doctest.IGNORE_EXCEPTION_DETAIL
    assert conf["doctest_default_flags"] & doctest.ELLIPSIS


def test_no_example_opts_out_of_exact_messages() -> None:
    texts = [*ROOT.joinpath("docs").glob("*.md"), *ROOT.joinpath("src").rglob("*.py")]
    offenders = [p.name for p in texts if "IGNORE_EXCEPTION_DETAIL" in p.read_text(encoding="utf-8")]
    assert [] == offenders
