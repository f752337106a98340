"""Optional dependencies: a missing one is an ImportError that names the extra to install."""

from __future__ import annotations

import subprocess
import sys

import pytest

import conflictmodel as cm
from conflictmodel._model._extras import MissingExtraError, require


def test_an_installed_module_is_returned() -> None:
    assert sys.modules["json"] is require("json", extra="none", purpose="a test")


def test_a_missing_module_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "shapely", None)  # an import of it now fails as if absent
    with pytest.raises(MissingExtraError) as caught:
        require("shapely", extra="maps", purpose="conflictmodel.maps")
    error = caught.value
    assert (error.name, error.extra, error.purpose) == ("shapely", "maps", "conflictmodel.maps")
    assert str(error) == (
        "conflictmodel.maps needs the optional dependency 'shapely', which is not installed; "
        "install it with: pip install 'conflictmodel[maps]'"
    )
    assert isinstance(error, ModuleNotFoundError)
    assert isinstance(error, cm.ConflictModelError)


def test_a_missing_submodule_counts_as_the_package_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.delitem(sys.modules, "pyarrow.parquet", raising=False)  # imported by an earlier test
    with pytest.raises(MissingExtraError, match=r"pip install 'conflictmodel\[arrow\]'"):
        require("pyarrow.parquet", extra="arrow", purpose="Parquet files")


def test_a_broken_dependency_keeps_its_own_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """An installed package that fails importing something else is not reported as missing."""
    monkeypatch.setitem(sys.modules, "json.decoder", None)
    monkeypatch.delitem(sys.modules, "json")
    with pytest.raises(ModuleNotFoundError) as caught:
        require("json", extra="none", purpose="a test")
    assert not isinstance(caught.value, MissingExtraError)


def test_strategies_without_hypothesis_say_how_to_install_it() -> None:
    script = (
        "import sys; sys.modules['hypothesis'] = None\n"
        "try:\n"
        "    import conflictmodel.strategies\n"
        "except ImportError as error:\n"
        "    print(type(error).__name__, '|', error)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True).stdout
    assert out == (
        "MissingExtraError | conflictmodel.strategies needs the optional dependency 'hypothesis', "
        "which is not installed; install it with: pip install 'conflictmodel[hypothesis]'\n"
    )


def test_the_core_needs_no_extra() -> None:
    script = (
        "import sys\n"
        "for name in ('hypothesis', 'orjson', 'networkx', 'numpy', 'pandas'):\n"
        "    sys.modules[name] = None\n"
        "import conflictmodel as cm\n"
        "s = cm.loads(cm.dumps(cm.syria_2017()))\n"
        "print(cm.validate(s).ok, s.partition('2017-11-30', within='sy').day, cm.__version__ != '')\n"
    )
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True).stdout
    assert "True 2017-11-30 True\n" == out
