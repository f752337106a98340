"""Sphinx configuration for the conflictmodel documentation.

Build the site with warnings as errors, and check the examples::

    python -m sphinx -W --keep-going -b html docs docs/_build/html
    python -m sphinx -W -b doctest docs docs/_build/doctest

No extension here needs the network: intersphinx is deliberately not used.
"""

from __future__ import annotations

import doctest
import importlib.metadata
import shutil
import typing
from pathlib import Path
from typing import Any

project = "conflictmodel"
author = "The conflictmodel developers"
copyright = "The conflictmodel developers"
release = importlib.metadata.version("conflictmodel")
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.napoleon",
    "matplotlib.sphinxext.plot_directive",
]

# --- plots (the notebook page's figure, drawn at build time) -----------------------------
plot_formats = [("png", 110)]
plot_html_show_formats = False
plot_html_show_source_link = False

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
nitpicky = False

# --- MyST ---------------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# --- autodoc ------------------------------------------------------------------------
autodoc_typehints = "description"
autodoc_typehints_description_target = "documented_params"
autodoc_member_order = "bysource"
autodoc_class_signature = "mixed"
autodoc_preserve_defaults = False

napoleon_google_docstring = True
napoleon_numpy_docstring = False

# --- doctest ------------------------------------------------------------------------
# Every doctest group (the pages' ``{doctest}`` blocks and the ``>>>`` examples in the
# docstrings pulled in by autodoc) starts from the package imported both ways. The
# jsonschema package is optional: the examples that use it say ``:skipif: jsonschema is None``.
# Hypothesis runs without its timing checks, as in the test suite (tests/conftest.py): the
# docs build on shared, noisy machines, and speed is measured in benchmarks/, not asserted.
doctest_global_setup = """
import datetime as dt

from hypothesis import HealthCheck
from hypothesis import settings as _settings

_settings.register_profile("docs", deadline=None, suppress_health_check=[HealthCheck.too_slow])
_settings.load_profile("docs")

import conflictmodel as cm
from conflictmodel import *

try:
    import jsonschema
except ImportError:  # examples that need it are skipped
    jsonschema = None
"""
doctest_test_doctest_blocks = "default"
# Exact error messages: Sphinx's default flags include IGNORE_EXCEPTION_DETAIL, which
# would let a documented message drift from the real one unnoticed.
doctest_default_flags = doctest.ELLIPSIS | doctest.DONT_ACCEPT_TRUE_FOR_1

# --- HTML ---------------------------------------------------------------------------
html_theme = "furo"
html_title = f"conflictmodel {release}"


# --- overloads ----------------------------------------------------------------------
# An overloaded function's signatures are rendered one per overload, each with its own
# return type; the implementation's own annotation (``Any``, to cover them all) would
# add a misleading "Return type: Any" under them, so it is dropped.


def _drop_overloaded_return(app: Any, _objtype: str, name: str, obj: Any, *_: Any) -> None:
    if not callable(obj) or not typing.get_overloads(obj):
        return
    document = getattr(app.env, "current_document", None)
    annotations = getattr(document, "autodoc_annotations", None)
    if annotations is None:  # Sphinx before 8.2 kept them here
        annotations = app.env.temp_data.get("annotations", {})
    annotations.get(name, {}).pop("return", None)


# --- the published schema -------------------------------------------------------------
# The schema's ``$id`` is its address on the documentation site: every HTML build
# publishes the shipped file at ``schema/conflictmodel-1.schema.json``.
_SCHEMA = Path(__file__).parents[1] / "src" / "conflictmodel" / "schema" / "conflictmodel-1.schema.json"


def _publish_schema(app: Any, exception: BaseException | None) -> None:
    if exception is None and app.builder.format == "html":
        target = Path(app.outdir) / "schema"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(_SCHEMA, target / _SCHEMA.name)


def setup(app: Any) -> None:
    """Connect the documentation's own hooks."""
    app.connect("autodoc-process-signature", _drop_overloaded_return, priority=600)
    app.connect("build-finished", _publish_schema)
