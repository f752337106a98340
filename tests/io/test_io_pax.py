"""The PA-X reader on a verbatim subset of the agreements file."""

from pathlib import Path

import pytest

import conflictmodel as cm
from conflictmodel.io import read_pax
from io_helpers import FIXTURES, check_accounting, check_provenance, check_round_trip

ROWS = 38  # data rows in tests/fixtures/pax/pax_subset.csv


@pytest.fixture(scope="module")
def pax() -> cm.io.Imported:
    return read_pax(FIXTURES / "pax" / "pax_subset.csv")


def test_every_row_becomes_an_agreement(pax: cm.io.Imported) -> None:
    check_accounting(pax, ROWS)
    assert pax.report.ok
    assert len(pax.scenario.agreements) == ROWS
    check_provenance(pax, "pax")


def test_the_astana_memorandum(pax: cm.io.Imported) -> None:
    agreement = pax.scenario.get("pax:2093")
    assert isinstance(agreement, cm.Agreement)
    assert agreement.name == "Memorandum on the Creation of De-escalation areas in the Syrian Arab Republic"
    assert agreement.signed == cm.PartialDate(2017, 5, 4)
    assert agreement.kind is cm.AgreementKind.DE_ESCALATION
    assert agreement.status is cm.AgreementStatus.SIGNED
    assert agreement.process == "Syrian peace process"
    assert agreement.covers == frozenset({"pax:t.SYR"})
    assert agreement.verbatim_parties == ("Islamic Republic of Iran", "Russian Federation", "Republic of Turkey")
    assert agreement.actors_with(cm.Role.GUARANTOR) == ("pax:state.IRN", "pax:state.RUS", "pax:state.TUR")
    assert agreement.actors_with(cm.Role.PARTY) == ("pax:state.IRN", "pax:state.RUS", "pax:state.TUR")
    iran = pax.scenario.get("pax:state.IRN")
    assert isinstance(iran, cm.Actor)
    assert (iran.name, iran.kind, iran.country) == ("Iran", cm.ActorKind.STATE, "IRN")
    assert iran.external_ids["gwno"] == "630"


def test_provisions_are_the_coded_columns(pax: cm.io.Imported) -> None:
    agreement = pax.scenario.get("pax:2093")
    assert isinstance(agreement, cm.Agreement)
    kinds = [p.kind for p in agreement.provisions]
    assert kinds[:3] == ["GRef", "GRefRhet", "StDef"]
    assert cm.Provision(kind="Ce", text="3") in agreement.provisions
    assert len(kinds) == 15


def test_the_source_row_is_kept_verbatim(pax: cm.io.Imported) -> None:
    agreement = pax.scenario.get("pax:2093")
    assert isinstance(agreement, cm.Agreement)
    assert agreement.origin is not None
    row = agreement.origin.row
    assert row["Part"] == "Islamic Republic of Iran;\r\nRussian Federation;\r\nRepublic of Turkey;"
    assert row["UcdpCon"] == "299"
    assert len(row) == 266
    assert agreement.origin.key == "2093"


def test_only_a_ceasefire_signed_by_outside_states_alone_makes_them_guarantors(pax: cm.io.Imported) -> None:
    statement = pax.scenario.get("pax:2092")  # a joint statement of the same three states
    assert isinstance(statement, cm.Agreement)
    assert statement.actors_with(cm.Role.GUARANTOR) == ()
    assert statement.actors_with(cm.Role.PARTY) == ("pax:state.IRN", "pax:state.RUS", "pax:state.TUR")


def test_third_party_headings_give_roles(pax: cm.io.Imported) -> None:
    colombia = pax.scenario.get("pax:1736")
    assert isinstance(colombia, cm.Agreement)
    assert colombia.actors_with(cm.Role.GUARANTOR) == ("pax:state.CUB", "pax:state.NOR")
    assert colombia.actors_with(cm.Role.OBSERVER) == ("pax:state.VEN", "pax:state.CHL")
    moldova = pax.scenario.get("pax:454")
    assert isinstance(moldova, cm.Agreement)
    assert moldova.actors_with(cm.Role.GUARANTOR) == ("pax:state.RUS", "pax:state.UKR")


def test_round_trip_and_determinism(pax: cm.io.Imported) -> None:
    check_round_trip(pax)
    again = read_pax(FIXTURES / "pax" / "pax_subset.csv")
    assert cm.dumps(again.scenario) == cm.dumps(pax.scenario)


def test_an_open_binary_file_is_read_too() -> None:
    with (FIXTURES / "pax" / "pax_subset.csv").open("rb") as handle:
        imported = read_pax(handle, version="test")
    assert imported.report.rows_read == ROWS
    assert imported.report.version == "test"


def test_a_bad_row_is_rejected_with_its_number_and_column(tmp_path: Path) -> None:
    data = (FIXTURES / "pax" / "pax_subset.csv").read_bytes().replace(b",2017-05-04,", b",2017-05-44,", 1)
    bad = tmp_path / "pax.csv"
    bad.write_bytes(data)
    imported = read_pax(bad)
    check_accounting(imported, ROWS)
    (rejection,) = imported.report.rejected
    assert rejection.column == "Dat"
    assert "2017-05-44" in rejection.reason
    assert imported.scenario.find("pax:2093") is None
    with pytest.raises(cm.LoadError) as caught:
        read_pax(bad, strict=True)
    assert caught.value.problems[0].path == f'row {rejection.row} (line {rejection.line}), column "Dat"'
