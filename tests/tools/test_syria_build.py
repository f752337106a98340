"""The bundled Syria scenario is exactly what ``tools/syria/build_scenario.py`` makes of
it: no record of the parts the scripts own was edited by hand, and the territories carry
OCHA's P-codes and the areas computed from OCHA's boundaries."""

import csv
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

import conflictmodel as cm

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT / "tools" / "syria"
EXAMPLE = ROOT / "examples" / "syria_2017.json"


def load_tool(name: str) -> ModuleType:
    sys.path.insert(0, str(TOOLS))
    try:
        spec = importlib.util.spec_from_file_location(name, TOOLS / f"{name}.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(TOOLS))


@pytest.fixture(scope="module")
def ocha() -> list[dict[str, str]]:
    with (TOOLS / "ocha_admin.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_rebuilding_the_scenario_changes_nothing() -> None:
    build = load_tool("build_scenario")
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text == cm.dumps(build.build(json.loads(text)))


def test_the_ocha_table_has_every_unit_once(ocha: list[dict[str, str]]) -> None:
    levels = [row["level"] for row in ocha]
    assert {"admin0": 1, "admin1": 14, "admin2": 62, "admin3": 272} == {lv: levels.count(lv) for lv in set(levels)}
    assert len({row["pcode"] for row in ocha}) == len(ocha)


def test_the_territories_carry_the_ocha_pcodes_parents_and_areas(ocha: list[dict[str, str]]) -> None:
    s = cm.syria_2017()
    by_pcode = {t.external_ids["pcode"]: t for t in s.territories if "pcode" in t.external_ids}
    assert {row["pcode"] for row in ocha} == set(by_pcode)
    for row in ocha:
        territory = by_pcode[row["pcode"]]
        assert float(row["area_km2"]) == territory.area_km2
        if row["parent_pcode"]:
            assert territory.parent is not None
            assert by_pcode[row["parent_pcode"]].id == territory.parent


def test_concurrent_portions_never_exceed_the_whole() -> None:
    build = load_tool("build_scenario")
    assert [] == build.overfull(cm.syria_2017())
