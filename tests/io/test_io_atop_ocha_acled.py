"""The ATOP, OCHA boundary and ACLED readers."""

from pathlib import Path

import pytest

import conflictmodel as cm
from conflictmodel.io import read_acled, read_atop_alliances, read_atop_members, read_ocha_admin
from io_helpers import FIXTURES, check_accounting, check_provenance, check_round_trip

OCHA = FIXTURES / "ocha"


@pytest.fixture(scope="module")
def members() -> cm.io.Imported:
    return read_atop_members(FIXTURES / "atop" / "atop-member-subset.csv")


def test_atop_member_rows_become_memberships(members: cm.io.Imported) -> None:
    check_accounting(members, 104)
    assert members.report.ok
    assert members.report.version == "4.01"
    assert len(members.scenario.alliances) == 5
    check_provenance(members, "atop")
    check_round_trip(members)


def test_atop_arab_league_with_syria(members: cm.io.Imported) -> None:
    league = members.scenario.get("atop:3015")
    assert isinstance(league, cm.Alliance)
    assert league.kind is cm.AllianceKind.ENTENTE
    assert league.obligations == {cm.Obligation.NON_AGGRESSION, cm.Obligation.CONSULTATION}
    syria = next(m for m in league.members if m.actor == "atop:cow652")
    assert syria.period == cm.Period.from_text("1945-03-22", "2011-11-12")
    iraq = next(m for m in league.members if m.actor == "atop:cow645")
    assert iraq.period == cm.Period.from_text("1945-03-22", None)  # still in effect when coded
    assert league.period is not None
    assert league.period.end is None
    actor = members.scenario.get("atop:cow652")
    assert isinstance(actor, cm.Actor)
    assert (actor.name, actor.country) == ("Syria", "SYR")


def test_atop_every_member_row_is_kept_in_the_alliance_origin(members: cm.io.Imported) -> None:
    league = members.scenario.get("atop:3015")
    assert isinstance(league, cm.Alliance)
    assert league.origin is not None
    row = league.origin.row
    assert row["member"] == "652" or any(row.get(f"member#{k}") == "652" for k in range(2, 30))
    assert sum(1 for key in row if key.startswith("member#")) == len(league.members) - 1


def test_atop_alliance_level() -> None:
    alliances = read_atop_alliances(FIXTURES / "atop" / "atop-alliance-subset.csv")
    check_accounting(alliances, 5)
    check_round_trip(alliances)
    league = alliances.scenario.get("atop:3015")
    assert isinstance(league, cm.Alliance)
    assert "atop:cow652" in league.member_ids()
    assert league.period == cm.Period.from_text("1945-03-22", None)


def test_atop_an_imprecise_entry_is_a_partial_date(tmp_path: Path) -> None:
    data = (FIXTURES / "atop" / "atop-alliance-subset.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    data[1] = data[1].replace("1815,1,3,", "1815,0,0,", 1)
    path = tmp_path / "atop.csv"
    path.write_text("".join(data), encoding="utf-8")
    first = read_atop_alliances(path).scenario.get("atop:1005")
    assert isinstance(first, cm.Alliance)
    assert first.period is not None
    assert first.period.start == cm.PartialDate(1815)


@pytest.fixture(scope="module")
def governorates() -> cm.io.Imported:
    return read_ocha_admin(OCHA / "syr_admin0.geojson", OCHA / "syr_admin1.geojson")


def test_ocha_syria_has_its_fourteen_governorates(governorates: cm.io.Imported) -> None:
    check_accounting(governorates, 15)
    check_provenance(governorates, "ocha")
    admin1 = [t for t in governorates.scenario.territories if t.kind is cm.TerritoryKind.ADMIN1]
    assert sorted(t.external_ids["pcode"] for t in admin1) == [f"SY{n:02d}" for n in range(1, 15)]
    assert all(t.parent == "ocha:SY" for t in admin1)
    idleb = governorates.scenario.get("ocha:SY07")
    assert isinstance(idleb, cm.Territory)
    assert idleb.name == "Idleb"
    assert idleb.names["ar"] == "إدلب"
    country = governorates.scenario.get("ocha:SY")
    assert isinstance(country, cm.Territory)
    assert country.kind is cm.TerritoryKind.COUNTRY
    assert country.area_km2 is not None
    assert 185_000 < country.area_km2 < 190_000
    assert sum(t.area_km2 or 0.0 for t in admin1) == pytest.approx(country.area_km2, rel=1e-4)


def test_ocha_round_trip(governorates: cm.io.Imported) -> None:
    check_round_trip(governorates)


def test_ocha_districts_and_sub_districts_hang_under_their_governorates() -> None:
    tree = read_ocha_admin(
        *(OCHA / name for name in ("syr_admin1.geojson", "syr_admin2-subset.geojson", "syr_admin3-subset.geojson"))
    )
    check_accounting(tree, 14 + 3 + 7)
    ids = {t.id for t in tree.scenario.territories}
    for territory in tree.scenario.territories:
        assert territory.parent is None or territory.parent in ids or territory.parent == "ocha:SY"
    quneitra = [t for t in tree.scenario.territories if t.kind is cm.TerritoryKind.ADMIN2 and t.parent == "ocha:SY14"]
    assert len(quneitra) == 2
    assert any("swap" in note for note in tree.report.notes)
    sub = next(t for t in tree.scenario.territories if t.kind is cm.TerritoryKind.ADMIN3)
    assert sub.origin is not None
    assert sub.origin.row["ADM0_EN"] == "الجمهورية العربية السورية"  # the source's swap, kept verbatim


def test_ocha_simplified_geometry_keeps_the_area_of_the_full_one(governorates: cm.io.Imported) -> None:
    simple = read_ocha_admin(OCHA / "syr_admin1.geojson", simplify_tolerance=0.01)
    full = governorates.scenario.get("ocha:SY07")
    small = simple.scenario.get("ocha:SY07")
    assert isinstance(full, cm.Territory)
    assert isinstance(small, cm.Territory)
    assert full.geometry is not None
    assert small.geometry is not None
    assert len(small.geometry.positions()) < len(full.geometry.positions()) / 4
    assert small.area_km2 == full.area_km2
    check_round_trip(simple)


def test_acled_synthetic_export() -> None:
    acled = read_acled(FIXTURES / "acled" / "acled-synthetic.csv")
    check_accounting(acled, 5)
    assert acled.report.ok
    check_provenance(acled, "acled")
    check_round_trip(acled)
    clash = acled.scenario.get("acled:SYR90001")
    assert isinstance(clash, cm.Event)
    assert clash.kind is cm.EventKind.BATTLE
    assert clash.subkind == "Armed clash"
    assert clash.date == cm.Period.from_text("2017-05-04", "2017-05-04")
    assert clash.actors_in(cm.EventRole.SIDE_A) == ("acled:military-forces-of-syria-2000-2024",)
    assert clash.actors_in(cm.EventRole.ASSOCIATED) == (
        "acled:ndf-national-defence-forces",
        "acled:militia-pro-government",
    )
    assert clash.fatalities == cm.Fatalities(best=6)
    assert clash.description is not None
    assert clash.description.startswith("Synthetic: clashes")
    strike = acled.scenario.get("acled:SYR90002")
    assert isinstance(strike, cm.Event)
    assert strike.kind is cm.EventKind.AIR_STRIKE
    assert strike.date == cm.Period.from_text("2017-11", "2017-11")  # the week of 14 November
    assert strike.actors_in(cm.EventRole.TARGET) == ("acled:civilians-syria",)
    assert strike.coordinates is not None
    assert strike.coordinates.precision is cm.CoordinatePrecision.NEAR
    shelling = acled.scenario.get("acled:SYR90003")
    assert isinstance(shelling, cm.Event)
    assert shelling.kind is cm.EventKind.SHELLING
    assert shelling.date == cm.Period.from_text("2017-11", "2017-11")
    russia = acled.scenario.get("acled:military-forces-of-russia-2000")
    assert isinstance(russia, cm.Actor)
    assert russia.kind is cm.ActorKind.ARMED_FORCE


def test_acled_older_date_format_and_bad_codes(tmp_path: Path) -> None:
    text = (FIXTURES / "acled" / "acled-synthetic.csv").read_text(encoding="utf-8")
    text = text.replace("SYR90003,2017-11-15,", "SYR90003,15 November 2017,", 1)
    text = text.replace("Peaceful protest,Protesters (Syria),,6,", "Peaceful protest,Protesters (Syria),,9,", 1)
    path = tmp_path / "acled.csv"
    path.write_text(text, encoding="utf-8")
    imported = read_acled(path)
    check_accounting(imported, 5)
    (rejection,) = imported.report.rejected
    assert (rejection.row, rejection.column) == (5, "inter1")
    assert imported.scenario.find("acled:SYR90003") is not None
