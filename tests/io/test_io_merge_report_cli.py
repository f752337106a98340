"""Merging imports, the import report, ids, states, geometry and the import command."""

import io
import json
from pathlib import Path

import pytest

import conflictmodel as cm
from conflictmodel._cli._main import main
from conflictmodel._model._geometry import Geometry, GeometryType
from conflictmodel.io import (
    IdCollisionError,
    ImportReport,
    Rejection,
    merge,
    read_acled,
    read_atop_alliances,
    read_atop_members,
    read_ocha_admin,
    read_pax,
    read_ucdp_acd,
    read_ucdp_actors,
    read_ucdp_ged,
    read_ucdp_ged_json,
)
from conflictmodel.io._geo import area_km2, simplify
from conflictmodel.io._naming import make_id, slug
from conflictmodel.io._states import by_cow, by_gwno, by_name
from io_helpers import FIXTURES


def all_imports() -> list[cm.io.Imported]:
    return [
        read_pax(FIXTURES / "pax" / "pax_subset.csv"),
        read_ucdp_actors(FIXTURES / "ucdp-actor" / "ucdp-actor-subset.csv"),
        read_ucdp_acd(FIXTURES / "ucdp-prio-acd" / "acd-subset.csv"),
        read_ucdp_ged(FIXTURES / "ucdp-ged" / "ged-layout-synthetic.csv"),
        read_atop_members(FIXTURES / "atop" / "atop-member-subset.csv"),
        read_ocha_admin(FIXTURES / "ocha" / "syr_admin1.geojson"),
        read_acled(FIXTURES / "acled" / "acled-synthetic.csv"),
    ]


def test_every_dataset_merges_into_one_scenario_without_collisions() -> None:
    parts = all_imports()
    merged = merge(*parts, title="everything")
    assert len(merged) == sum(len(p.scenario) for p in parts)
    assert len({r.id for r in merged.records()}) == len(merged)
    assert merged.meta.title == "everything"
    assert cm.loads(cm.dumps(merged)) == merged


def test_merging_is_deterministic() -> None:
    assert cm.dumps(merge(*all_imports())) == cm.dumps(merge(*all_imports()))


def test_equal_records_merge_once() -> None:
    actors = read_ucdp_actors(FIXTURES / "ucdp-actor" / "ucdp-actor-subset.csv")
    assert merge(actors, actors.scenario) == merge(actors)


def test_different_records_under_one_id_are_refused() -> None:
    members = read_atop_members(FIXTURES / "atop" / "atop-member-subset.csv")
    alliances = read_atop_alliances(FIXTURES / "atop" / "atop-alliance-subset.csv")
    with pytest.raises(IdCollisionError) as caught:
        merge(members, alliances)
    assert "atop:3015" in caught.value.ids
    assert isinstance(caught.value, ValueError)


def test_the_same_place_known_differently_by_two_forms_of_one_dataset_collides() -> None:
    json_sample = read_ucdp_ged_json(FIXTURES / "ucdp-ged" / "events_sample-subset.json")
    csv_layout = read_ucdp_ged(FIXTURES / "ucdp-ged" / "ged-layout-synthetic.csv")
    with pytest.raises(IdCollisionError) as caught:
        merge(json_sample, csv_layout)  # the CSV knows Syria's GW number, the JSON does not
    assert caught.value.ids == ("ucdp-ged:t:middle-east.Syria",)


def test_a_report_must_account_for_every_row() -> None:
    with pytest.raises(cm.FieldError):
        ImportReport(dataset="x", version=None, source=None, rows_read=3, rows_imported=1)
    report = ImportReport(
        dataset="x",
        version="1",
        source="f.csv",
        rows_read=2,
        rows_imported=1,
        rejected=(Rejection(row=2, reason="bad", column="c"),),
    )
    assert not report.ok
    assert 'rejected row 2, column "c": bad' in str(report)


def test_imported_unpacks_into_scenario_and_report() -> None:
    scenario, report = read_acled(FIXTURES / "acled" / "acled-synthetic.csv")
    assert isinstance(scenario, cm.Scenario)
    assert isinstance(report, ImportReport)


def test_ids_from_names_are_valid_short_and_stable() -> None:
    assert slug("Idlib Governorate") == "idlib-governorate"
    assert make_id("acled", "Military Forces of Syria (2000-2024)") == "acled:military-forces-of-syria-2000-2024"
    long = make_id("x", "a" * 200)
    assert len(long) <= 64
    assert long == make_id("x", "a" * 200)
    assert make_id("x", "a" * 200) != make_id("x", "a" * 199)
    assert make_id("x", "دمشق").startswith("x:")
    assert cm.Actor(id=make_id("x", "دمشق"), name="n", kind=cm.ActorKind.STATE).id


def test_state_table_lookups() -> None:
    syria = by_gwno(652)
    assert syria is not None
    assert syria.iso3 == "SYR"
    germany = by_cow(255)
    assert germany is not None
    assert germany.iso3 == "DEU"
    assert by_gwno(260) == germany
    yemen = by_gwno(678)
    assert yemen is not None
    assert yemen.iso3 == "YEM"
    assert by_name("the Russian Federation") == by_gwno(365)
    assert by_name("Republic of Türkiye") == by_name("Republic of Turkey") == by_gwno(640)
    assert by_name("Atlantis") is None


def test_area_of_a_one_degree_square_at_the_equator() -> None:
    square = Geometry(
        type=GeometryType.POLYGON,
        coordinates=(((0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)),),
    )
    area = area_km2(square)
    assert area == pytest.approx(12_364, rel=2e-3)  # 111.19 km x 111.19 km on the authalic sphere
    assert area_km2(Geometry(type=GeometryType.POINT, coordinates=(1.0, 2.0))) is None
    assert simplify(square, 0.5) == square  # nothing to drop from a square


def test_import_command_writes_the_scenario_and_prints_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "actors.json"
    code = main(["import", "ucdp-actors", str(FIXTURES / "ucdp-actor" / "ucdp-actor-subset.csv"), "-o", str(out)])
    assert code == 0
    assert len(cm.load(out).actors) == 51
    printed = capsys.readouterr().out
    assert "rows read" in printed
    assert "51" in printed


def test_import_command_to_stdout_and_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["import", "acled", str(FIXTURES / "acled" / "acled-synthetic.csv"), "--quiet"])
    assert code == 0
    document = json.loads(capsys.readouterr().out)
    assert document["schema"] == cm.SCHEMA_VERSION
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    assert main(["import", "pax", str(bad), "-o", str(tmp_path / "x.json")]) == 2
    assert "required column is missing" in capsys.readouterr().err
    text = (FIXTURES / "acled" / "acled-synthetic.csv").read_text(encoding="utf-8").replace(",Battles,", ",Fights,", 1)
    rejected = tmp_path / "acled.csv"
    rejected.write_text(text, encoding="utf-8")
    assert main(["import", "acled", str(rejected), "-o", str(tmp_path / "y.json")]) == 1
    two = [str(rejected), str(rejected)]
    assert main(["import", "acled", *two, "-o", str(tmp_path / "z.json")]) == 2


def test_import_command_reads_several_ocha_layers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    layers = [str(FIXTURES / "ocha" / name) for name in ("syr_admin0.geojson", "syr_admin1.geojson")]
    out = tmp_path / "syria.json"
    assert main(["import", "ocha", *layers, "--simplify", "0.01", "-o", str(out)]) == 0
    assert len(cm.load(out).territories) == 15
    assert "rows read" in capsys.readouterr().out


def test_progress_is_reported_for_large_files(capsys: pytest.CaptureFixture[str]) -> None:
    header = ",".join(cm.io.ACLED_COLUMNS)
    seen: list[int] = []
    lines = [header]
    row = (FIXTURES / "acled" / "acled-synthetic.csv").read_text(encoding="utf-8").splitlines()[-1]
    lines.extend(row.replace("SYR90005", f"SYR{n}") for n in range(10_000))
    imported = read_acled(io.StringIO("\n".join(lines) + "\n"), progress=seen.append)
    assert seen == [10_000]
    assert imported.report.rows_imported == 10_000
    assert capsys.readouterr().err == ""
