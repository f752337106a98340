"""The UCDP readers' actors met under several names: the first name seen is the actor's
name, every other name an alias, whatever the number of names or their order.

Checked against a reference computed from the rows alone: for each actor id, the names
in row order.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import conflictmodel as cm
from conflictmodel.io import read_ucdp_acd, read_ucdp_ged
from io_helpers import FIXTURES, check_accounting, check_round_trip

NAMES = ["IS", "ISIS", "Islamic State", "Daesh", "IS\u2019s name", "Jabhat al-Nusra"]
IDS = ["234", "235", "236"]

sides = st.lists(st.tuples(st.sampled_from(IDS), st.sampled_from(NAMES)), min_size=1, max_size=15)


def _template(path: Path) -> tuple[list[str], dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header = list(reader.fieldnames or [])
        return header, next(reader)


def _csv(header: list[str], rows: list[dict[str, str]]) -> io.StringIO:
    out = io.StringIO()
    writer = csv.DictWriter(out, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    out.seek(0)
    return out


def _reference(pairs: list[tuple[str, str]]) -> dict[str, tuple[str, frozenset[str]]]:
    """For each UCDP actor id: its first name, and the other names met."""
    names: dict[str, list[str]] = {}
    for key, name in pairs:
        names.setdefault(key, []).append(name)
    return {key: (met[0], frozenset(met) - {met[0]}) for key, met in names.items()}


def _by_ucdp_id(imported: cm.io.Imported) -> dict[str, tuple[str, frozenset[str]]]:
    return {
        a.external_ids["ucdp"]: (a.name, a.aliases)
        for a in imported.scenario.actors
        if "ucdp" in a.external_ids and a.external_ids["ucdp"] in IDS
    }


@settings(max_examples=30, deadline=None)
@given(pairs=sides)
def test_ged_side_names_become_the_name_and_aliases_of_their_actor(pairs: list[tuple[str, str]]) -> None:
    header, template = _template(FIXTURES / "ucdp-ged" / "ged-layout-synthetic.csv")
    rows = [
        template | {"id": str(900000 + i), "relid": f"SYR-2017-1-{900000 + i}", "side_b_new_id": key, "side_b": name}
        for i, (key, name) in enumerate(pairs)
    ]
    imported = read_ucdp_ged(_csv(header, rows))
    check_accounting(imported, len(rows))
    assert imported.report.ok, imported.report.rejected
    assert _reference(pairs) == _by_ucdp_id(imported)
    check_round_trip(imported)


@settings(max_examples=30, deadline=None)
@given(pairs=sides)
def test_acd_side_names_become_the_name_and_aliases_of_their_actor(pairs: list[tuple[str, str]]) -> None:
    header, template = _template(FIXTURES / "ucdp-prio-acd" / "acd-subset.csv")
    rows = [
        template | {"YEAR": str(1946 + i), "SideBID": key, "SideB": name, "EpEnd": "0", "GWNOB": ""}
        for i, (key, name) in enumerate(pairs)
    ]
    imported = read_ucdp_acd(_csv(header, rows))
    check_accounting(imported, len(rows))
    assert imported.report.ok, imported.report.rejected
    assert _reference(pairs) == _by_ucdp_id(imported)
    check_round_trip(imported)


def test_many_names_of_one_actor_are_all_kept() -> None:
    """2,000 names of one id (the shape whose aliases were copied once per name)."""
    header, template = _template(FIXTURES / "ucdp-ged" / "ged-layout-synthetic.csv")
    names = [f"Name {i}" for i in range(2000)]
    rows = [
        template | {"id": str(900000 + i), "relid": f"r{i}", "side_b_new_id": "234", "side_b": name}
        for i, name in enumerate(names)
    ]
    imported = read_ucdp_ged(_csv(header, rows))
    assert imported.report.ok
    assert {"234": (names[0], frozenset(names[1:]))} == _by_ucdp_id(imported)
