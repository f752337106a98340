"""The UCDP readers: actors, the Armed Conflict Dataset and GED (CSV and JSON)."""

from pathlib import Path

import pytest

import conflictmodel as cm
from conflictmodel.io import read_ucdp_acd, read_ucdp_actors, read_ucdp_ged, read_ucdp_ged_json
from io_helpers import FIXTURES, check_accounting, check_provenance, check_round_trip


@pytest.fixture(scope="module")
def actors() -> cm.io.Imported:
    return read_ucdp_actors(FIXTURES / "ucdp-actor" / "ucdp-actor-subset.csv")


@pytest.fixture(scope="module")
def acd() -> cm.io.Imported:
    return read_ucdp_acd(FIXTURES / "ucdp-prio-acd" / "acd-subset.csv")


def test_actors_every_row_accounted_for(actors: cm.io.Imported) -> None:
    check_accounting(actors, 51)
    assert actors.report.ok
    assert actors.report.version == "22.1"
    check_provenance(actors, "ucdp-actor")
    check_round_trip(actors)


def test_the_syrian_government(actors: cm.io.Imported) -> None:
    syria = actors.scenario.get("ucdp-actor:118")
    assert isinstance(syria, cm.Actor)
    assert (syria.name, syria.kind, syria.country) == ("Government of Syria", cm.ActorKind.GOVERNMENT, "SYR")
    assert dict(syria.external_ids) == {"ucdp": "118", "gwno": "652"}


def test_name_changes_become_aliases(actors: cm.io.Imported) -> None:
    islamic_state = actors.scenario.get("ucdp-actor:234")
    assert isinstance(islamic_state, cm.Actor)
    assert {"ISIS", "Islamic State", "Jama\u2019at Al-Tawhid wa Al-Jihad"} <= islamic_state.aliases
    russia = actors.scenario.get("ucdp-actor:57")
    assert isinstance(russia, cm.Actor)
    assert russia.country == "RUS"
    assert "Government of Soviet Union" in russia.aliases


def test_stated_alliances_become_coalitions(actors: cm.io.Imported) -> None:
    maoists = actors.scenario.get("ucdp-actor:alliance.195")
    assert isinstance(maoists, cm.Alliance)
    assert maoists.kind is cm.AllianceKind.COALITION
    assert maoists.member_ids() == {"ucdp-actor:195", "ucdp-actor:193", "ucdp-actor:194"}


def test_a_temporary_faction_has_its_group_as_parent(actors: cm.io.Imported) -> None:
    faction = actors.scenario.get("ucdp-actor:628")
    assert isinstance(faction, cm.Actor)
    assert faction.parent == "ucdp-actor:630"


def test_acd_every_conflict_year_is_a_hostility(acd: cm.io.Imported) -> None:
    check_accounting(acd, 25)
    assert acd.report.ok
    assert len(acd.scenario.hostilities) == 25
    check_provenance(acd, "ucdp-acd")
    check_round_trip(acd)


def test_acd_sides_keep_every_state_in_order(acd: cm.io.Imported) -> None:
    war = acd.scenario.get("ucdp-acd:30-1948")
    assert isinstance(war, cm.Hostility)
    assert war.side_a == ("ucdp-acd:gw651", "ucdp-acd:gw645", "ucdp-acd:gw663", "ucdp-acd:gw660", "ucdp-acd:gw652")
    assert war.side_b == ("ucdp-acd:gw666",)
    assert war.incompatibility is cm.Incompatibility.TERRITORY
    assert war.intensity is cm.Intensity.WAR


def test_acd_syria_2011_and_2012(acd: cm.io.Imported) -> None:
    start = acd.scenario.get("ucdp-acd:102-2011")
    assert isinstance(start, cm.Hostility)
    assert start.period == cm.Period.from_text("2011-10-01", "2011-12-31")  # the episode began that day
    both = acd.scenario.get("ucdp-acd:102-2012")
    assert isinstance(both, cm.Hostility)
    assert both.side_b == ("ucdp-acd:a2015", "ucdp-acd:a2057")
    nusra = acd.scenario.get("ucdp-acd:a2057")
    assert isinstance(nusra, cm.Actor)
    assert nusra.name == "Jabhat al-Nusra li al-Sham"


def test_acd_names_with_commas_are_not_split(acd: cm.io.Imported) -> None:
    macedonia = acd.scenario.get("ucdp-acd:gw343")
    assert isinstance(macedonia, cm.Actor)
    assert macedonia.name == "Macedonia, FYR"
    junta = [h for h in acd.scenario.hostilities if h.origin and "Military Junta" in str(h.origin.row["SideB"])]
    assert junta
    assert all(len(h.side_b) == 1 for h in junta)


def test_acd_secondary_states_support_their_side_with_troops(acd: cm.io.Imported) -> None:
    supports = [s for s in acd.scenario.supports if s.id.startswith("ucdp-acd:103-1970.")]
    assert {(s.supporter, s.recipient) for s in supports} >= {("ucdp-acd:gw2", "ucdp-acd:gw811")}
    assert all(s.kinds == frozenset({cm.SupportKind.TROOPS}) for s in supports)


def test_acd_state_names_that_do_not_line_up_with_codes_come_from_the_codes(acd: cm.io.Imported) -> None:
    # 'United Kingdom' listed with the codes 630, 663, 200 (Iran, Jordan, United Kingdom)
    row = next(h for h in acd.scenario.hostilities if h.origin and h.origin.row["GWNOA2nd"] == "630, 663, 200")
    supporters = {s.supporter for s in acd.scenario.supports if s.id.startswith(row.id + ".")}
    assert supporters == {"ucdp-acd:gw630", "ucdp-acd:gw663", "ucdp-acd:gw200"}


def test_ged_csv_layout_on_the_synthetic_file() -> None:
    ged = read_ucdp_ged(FIXTURES / "ucdp-ged" / "ged-layout-synthetic.csv")
    check_accounting(ged, 7)
    check_provenance(ged, "ucdp-ged")
    check_round_trip(ged)
    exact = ged.scenario.get("ucdp-ged:900001")
    assert isinstance(exact, cm.Event)
    assert exact.date == cm.Period.from_text("2017-05-04", "2017-05-04")
    assert exact.coordinates == cm.Coordinates(lat=35.93, lon=36.633, precision=cm.CoordinatePrecision.EXACT)
    assert exact.fatalities == cm.Fatalities(best=12, low=10, high=15)
    assert exact.actors_in(cm.EventRole.SIDE_A) == ("ucdp-ged:a118",)
    assert exact.actors_in(cm.EventRole.SIDE_B) == ("ucdp-ged:a234",)
    expected = {
        "900002": ("2017-05", "2017-05", cm.CoordinatePrecision.NEAR),  # 2-6 days: the month
        "900003": ("2017-11", "2017-11", cm.CoordinatePrecision.ADMIN2),  # the month
        "900004": ("2017", "2017", cm.CoordinatePrecision.ADMIN1),  # the year
        "900005": ("2017", "2018", cm.CoordinatePrecision.REGION),  # a week over the new year
        "900006": ("2017-09-05", "2017-09-06", cm.CoordinatePrecision.COUNTRY),  # exact, two days
    }
    for key, (start, end, precision) in expected.items():
        event = ged.scenario.get(f"ucdp-ged:{key}")
        assert isinstance(event, cm.Event)
        assert event.date == cm.Period.from_text(start, end), key
        assert event.coordinates is not None
        assert event.coordinates.precision is precision
    civilians = ged.scenario.get("ucdp-ged:900003")
    assert isinstance(civilians, cm.Event)
    assert civilians.kind is cm.EventKind.ATTACK_ON_CIVILIANS
    assert civilians.actors_in(cm.EventRole.SIDE_B) == ()
    nowhere = ged.scenario.get("ucdp-ged:900007")
    assert isinstance(nowhere, cm.Event)
    assert nowhere.coordinates is None
    assert exact.origin is not None
    assert exact.origin.row["source_headline"] == "Synthetic headline,\nwith a line break"


def test_ged_csv_bad_code_is_rejected_not_dropped(tmp_path: Path) -> None:
    data = (FIXTURES / "ucdp-ged" / "ged-layout-synthetic.csv").read_text(encoding="utf-8")
    bad = tmp_path / "ged.csv"
    bad.write_text(data.replace(",Middle East,1,1,2017-05-04", ",Middle East,1,9,2017-05-04", 1), encoding="utf-8")
    imported = read_ucdp_ged(bad)
    check_accounting(imported, 7)
    (rejection,) = imported.report.rejected
    assert (rejection.row, rejection.column) == (1, "date_prec")


def test_ged_json_sample() -> None:
    ged = read_ucdp_ged_json(FIXTURES / "ucdp-ged" / "events_sample-subset.json")
    check_accounting(ged, 100)
    assert ged.report.ok
    check_provenance(ged, "ucdp-ged")
    check_round_trip(ged)
    syria = [e for e in ged.scenario.events if e.origin and e.origin.row["country"] == "Syria"]
    assert len(syria) == 40
    first = ged.scenario.get("ucdp-ged:121070")
    assert isinstance(first, cm.Event)
    assert first.date == cm.Period.from_text("1989-05-22", "1989-05-22")
    assert first.fatalities == cm.Fatalities(best=7)
    assert first.location == "ucdp-ged:t:Americas.el-salvador"
    assert first.origin is not None
    assert first.origin.row["combatant_deaths"] == 7


def test_ged_json_truncated_file_is_refused(tmp_path: Path) -> None:
    data = (FIXTURES / "ucdp-ged" / "events_sample-subset.json").read_bytes()
    cut = tmp_path / "cut.json"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(cm.LoadError) as caught:
        read_ucdp_ged_json(cut)
    assert caught.value.source == str(cut)
    assert caught.value.problems[0].path.startswith("item ")
