"""Every fixture of a real dataset imports into a scenario that validates with no
errors: an importer must not make a scenario that fails its own checks."""

from __future__ import annotations

import csv
import io as stdio
from collections.abc import Callable
from pathlib import Path

import pytest

import conflictmodel as cm
from conflictmodel import io
from io_helpers import FIXTURES

OCHA = ("syr_admin0.geojson", "syr_admin1.geojson", "syr_admin2-subset.geojson", "syr_admin3-subset.geojson")

IMPORTS: dict[str, Callable[[], io.Imported]] = {
    "atop members": lambda: io.read_atop_members(FIXTURES / "atop" / "atop-member-subset.csv"),
    "atop concurrent phases": lambda: io.read_atop_members(FIXTURES / "atop" / "atop-member-concurrent.csv"),
    "atop alliances": lambda: io.read_atop_alliances(FIXTURES / "atop" / "atop-alliance-subset.csv"),
    "pax": lambda: io.read_pax(FIXTURES / "pax" / "pax_subset.csv"),
    "ucdp actors": lambda: io.read_ucdp_actors(FIXTURES / "ucdp-actor" / "ucdp-actor-subset.csv"),
    "ucdp acd": lambda: io.read_ucdp_acd(FIXTURES / "ucdp-prio-acd" / "acd-subset.csv"),
    "ucdp ged json": lambda: io.read_ucdp_ged_json(FIXTURES / "ucdp-ged" / "events_sample-subset.json"),
    "ucdp ged csv": lambda: io.read_ucdp_ged(FIXTURES / "ucdp-ged" / "ged-layout-synthetic.csv"),
    "acled": lambda: io.read_acled(FIXTURES / "acled" / "acled-synthetic.csv"),
    "ocha, every level": lambda: io.read_ocha_admin(*(FIXTURES / "ocha" / name for name in OCHA)),
}


@pytest.mark.parametrize("name", sorted(IMPORTS))
def test_fixture_imports_into_a_scenario_without_errors(name: str) -> None:
    imported = IMPORTS[name]()
    report = cm.validate(imported.scenario)
    assert [] == [str(f) for f in report.errors]


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(stdio.StringIO(path.read_text(encoding="utf-8"))))


def test_atop_phases_that_share_a_boundary_day_become_one_membership() -> None:
    """Alliance 1020 has three phases; its members' first two meet on 1820-05-15."""
    imported = io.read_atop_members(FIXTURES / "atop" / "atop-member-subset.csv")
    alliance = imported.scenario.get("atop:1020", cm.Alliance)
    prussia = [m.period for m in alliance.members if m.actor == "atop:cow255"]
    assert [cm.Period.from_text("1815-06-08", "1848-03-31"), cm.Period.from_text("1850-11-29", "1866-06-15")] == prussia
    notes = [n for n in imported.report.notes if n.startswith("alliance atop:1020:") and "atop:cow255" in n]
    assert 1 == len(notes)
    assert "1815-06-08/1848-03-31" in notes[0]


def test_atop_concurrent_phases_are_joined_and_every_row_kept() -> None:
    path = FIXTURES / "atop" / "atop-member-concurrent.csv"
    imported = io.read_atop_members(path)
    alliance = imported.scenario.get("atop:4070", cm.Alliance)
    assert [cm.Period.from_text("1991-10-01", "1992-12-31"), cm.Period.from_text("1993-01-01", None)] == [
        m.period for m in alliance.members if m.actor == "atop:cow220"
    ]
    assert alliance.origin is not None
    assert alliance.origin.row is not None
    rows = _rows(path)
    # The first row verbatim, and each later row under <column>#<k> where it differs.
    assert rows[0]["phase"] == alliance.origin.row["phase"]
    assert {f"phase#{k}" for k in range(2, len(rows) + 1) if rows[k - 1]["phase"] != rows[0]["phase"]} <= set(
        alliance.origin.row
    )
    assert any("rows" in n and "atop:cow220" in n for n in imported.report.notes)
