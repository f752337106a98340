"""Rows and items a reader cannot import are rejected with their column and reason."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest

import conflictmodel as cm
from conflictmodel.io import (
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
from conflictmodel.io._json import JsonStream
from io_helpers import FIXTURES, check_accounting

if TYPE_CHECKING:
    from pathlib import Path

Reader = Callable[..., cm.io.Imported]


def with_cells(source: Path, changes: dict[str, str], tmp_path: Path, row: int = 0) -> Path:
    """A copy of a CSV fixture with cells of one data row changed (a test-made bad file)."""
    with source.open(encoding="utf-8-sig", newline="") as handle:
        records = list(csv.reader(handle))
    header = records[0]
    for column, value in changes.items():
        records[row + 1][header.index(column)] = value
    path = tmp_path / source.name
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(records)
    return path


CASES: list[tuple[Reader, str, dict[str, str], str | None]] = [
    (read_pax, "pax/pax_subset.csv", {"AgtId": "x"}, "AgtId"),
    (read_pax, "pax/pax_subset.csv", {"Agt": " "}, "Agt"),
    (read_pax, "pax/pax_subset.csv", {"Stage": "Zzz"}, "Stage"),
    (read_pax, "pax/pax_subset.csv", {"Status": "Maybe"}, "Status"),
    (read_pax, "pax/pax_subset.csv", {"Loc1ISO": "SY"}, "Loc1ISO"),
    (read_ucdp_actors, "ucdp-actor/ucdp-actor-subset.csv", {"ActorId": "x"}, "ActorId"),
    (read_ucdp_actors, "ucdp-actor/ucdp-actor-subset.csv", {"NameData": ""}, "NameData"),
    (read_ucdp_actors, "ucdp-actor/ucdp-actor-subset.csv", {"Org": "9"}, "Org"),
    (read_ucdp_actors, "ucdp-actor/ucdp-actor-subset.csv", {"GWNOLoc": "x"}, "GWNOLoc"),
    (read_ucdp_acd, "ucdp-prio-acd/acd-subset.csv", {"ID": "x"}, "ID"),
    (read_ucdp_acd, "ucdp-prio-acd/acd-subset.csv", {"YEAR": "x"}, "YEAR"),
    (read_ucdp_acd, "ucdp-prio-acd/acd-subset.csv", {"Incomp": "7"}, "Incomp"),
    (read_ucdp_acd, "ucdp-prio-acd/acd-subset.csv", {"Int": "7"}, "Int"),
    (read_ucdp_acd, "ucdp-prio-acd/acd-subset.csv", {"Startprec2": "9"}, "Startprec2"),
    (read_ucdp_acd, "ucdp-prio-acd/acd-subset.csv", {"GWNOA": "a"}, "GWNOA"),
    (read_ucdp_acd, "ucdp-prio-acd/acd-subset.csv", {"SideB": "A, B, C", "SideBID": "1, 2"}, "SideB"),
    (read_ucdp_acd, "ucdp-prio-acd/acd-subset.csv", {"SideA2nd": "Chad", "GWNOA2nd": ""}, "GWNOA2nd"),
    (read_ucdp_acd, "ucdp-prio-acd/acd-subset.csv", {"GWNOA": "", "SideA": ""}, "SideA"),
    (read_ucdp_ged, "ucdp-ged/ged-layout-synthetic.csv", {"id": ""}, "id"),
    (read_ucdp_ged, "ucdp-ged/ged-layout-synthetic.csv", {"best": "many"}, "best"),
    (read_ucdp_ged, "ucdp-ged/ged-layout-synthetic.csv", {"low": "-1"}, "low"),
    (read_ucdp_ged, "ucdp-ged/ged-layout-synthetic.csv", {"latitude": "north"}, "latitude"),
    (read_ucdp_ged, "ucdp-ged/ged-layout-synthetic.csv", {"latitude": "nan"}, "latitude"),
    (read_ucdp_ged, "ucdp-ged/ged-layout-synthetic.csv", {"date_start": "2017-13-01"}, "date_start"),
    (read_ucdp_ged, "ucdp-ged/ged-layout-synthetic.csv", {"date_end": "2017-01-01"}, "date_end"),
    (read_ucdp_ged, "ucdp-ged/ged-layout-synthetic.csv", {"side_b_new_id": ""}, "side_b_new_id"),
    (read_ucdp_ged, "ucdp-ged/ged-layout-synthetic.csv", {"side_a_new_id": "x"}, "side_a_new_id"),
    (read_atop_members, "atop/atop-member-subset.csv", {"atopid": "x"}, "atopid"),
    (read_atop_members, "atop/atop-member-subset.csv", {"yrent": "0"}, "yrent"),
    (read_atop_members, "atop/atop-member-subset.csv", {"moent": "x"}, "moent"),
    (read_atop_members, "atop/atop-member-subset.csv", {"dayent": "31", "moent": "2"}, "dayent"),
    (read_atop_members, "atop/atop-member-subset.csv", {"member": "x"}, "member"),
    (read_atop_alliances, "atop/atop-alliance-subset.csv", {"atopid": "x"}, "atopid"),
    (read_acled, "acled/acled-synthetic.csv", {"event_id_cnty": ""}, "event_id_cnty"),
    (read_acled, "acled/acled-synthetic.csv", {"event_type": "Fights"}, "event_type"),
    (read_acled, "acled/acled-synthetic.csv", {"time_precision": "4"}, "time_precision"),
    (read_acled, "acled/acled-synthetic.csv", {"geo_precision": "4"}, "geo_precision"),
    (read_acled, "acled/acled-synthetic.csv", {"actor1": ""}, "actor1"),
    (read_acled, "acled/acled-synthetic.csv", {"event_date": "yesterday"}, "event_date"),
]


@pytest.mark.parametrize(("reader", "fixture", "changes", "column"), CASES)
def test_a_bad_cell_rejects_its_row(
    reader: Reader, fixture: str, changes: dict[str, str], column: str, tmp_path: Path
) -> None:
    source = FIXTURES / fixture
    clean = reader(source)
    imported = reader(with_cells(source, changes, tmp_path))
    check_accounting(imported, clean.report.rows_read)
    (rejection,) = imported.report.rejected
    assert rejection.row == 1
    assert rejection.column == column
    assert rejection.reason


def test_an_unknown_cow_state_is_named_by_its_number(tmp_path: Path) -> None:
    imported = read_atop_alliances(with_cells(FIXTURES / "atop/atop-alliance-subset.csv", {"mem1": "9999"}, tmp_path))
    actor = imported.scenario.get("atop:cow9999")
    assert isinstance(actor, cm.Actor)
    assert actor.name == "COW state 9999"
    assert any("9999" in note for note in imported.report.notes)


def test_unexpected_columns_are_kept_and_noted() -> None:
    ged = (FIXTURES / "ucdp-ged/ged-layout-synthetic.csv").read_text(encoding="utf-8")
    with_extra = csv.reader(io.StringIO(ged))
    records = [[*record, "extra" if n == 0 else "x"] for n, record in enumerate(with_extra)]
    out = io.StringIO()
    csv.writer(out).writerows(records)
    imported = read_ucdp_ged(io.StringIO(out.getvalue()))
    assert any("extra" in note for note in imported.report.notes)
    event = imported.scenario.events[0]
    assert event.origin is not None
    assert event.origin.row["extra"] == "x"


def snake_case_acd() -> str:
    text = (FIXTURES / "ucdp-prio-acd/acd-subset.csv").read_text(encoding="utf-8-sig")
    names = {
        "ID": "conflict_id", "Location": "location", "SideA": "side_a", "SideA2nd": "side_a_2nd", "SideB": "side_b",
        "SideBID": "side_b_id", "SideB2nd": "side_b_2nd", "Incomp": "incompatibility", "Terr": "territory_name",
        "YEAR": "year", "Int": "intensity_level", "CumInt": "cumulative_intensity", "Type": "type_of_conflict",
        "Startdate": "start_date", "StartPrec": "start_prec", "StartDate2": "start_date2", "Startprec2": "start_prec2",
        "EpEnd": "ep_end", "EpEndDate": "ep_end_date", "EpEndPrec": "ep_end_prec", "GWNOA": "gwno_a",
        "GWNOA2nd": "gwno_a_2nd", "GWNOB": "gwno_b", "GWNOB2nd": "gwno_b_2nd", "GWNOLoc": "gwno_loc",
        "Region": "region", "Version": "version",
    }  # fmt: skip
    header, rest = text.split("\n", 1)
    return ",".join(names[c] for c in header.strip().split(",")) + "\n" + rest


def test_acd_snake_case_names_of_later_releases() -> None:
    imported = read_ucdp_acd(io.StringIO(snake_case_acd()))
    assert imported.report.rows_imported == 25
    assert imported.report.version == "4-2013"
    missing = snake_case_acd().replace("intensity_level", "intensity", 1)
    with pytest.raises(cm.LoadError) as caught:
        read_ucdp_acd(io.StringIO(missing))
    assert caught.value.problems[0].path == 'header, column "Int"'


def json_items(items: list[Any]) -> io.BytesIO:
    return io.BytesIO(json.dumps(items).encode())


def test_ged_json_bad_items_are_rejected() -> None:
    good = json.loads((FIXTURES / "ucdp-ged/events_sample-subset.json").read_text(encoding="utf-8"))[0]
    items = [
        "not an object",
        {k: v for k, v in good.items() if k != "best"},
        good | {"id": "1"},
        good | {"date": 5},
        good | {"best": -2},
        good | {"type_of_violence": 4},
        good,
    ]
    imported = read_ucdp_ged_json(json_items(items))
    check_accounting(imported, 7)
    assert [r.column for r in imported.report.rejected] == [None, "best", "id", "date", "best", "type_of_violence"]


@pytest.mark.parametrize(
    ("data", "key", "message"),
    [
        (b'{"a": 1}', None, "expected a JSON array"),
        (b"[1, 2", None, "expected ',' or ']'"),
        (b"[1] x", None, "unexpected text"),
        (b'{"type": "FeatureCollection"}', "features", "no 'features'"),
        (b'{"features": 3}', "features", "an array under 'features'"),
        (b'{"features": [1] 2}', "features", "',' or '}'"),
        (b"{3: []}", "features", "expected a member name"),
        (b"[1, \xff]", None, "not UTF-8"),
    ],
)
def test_json_streams_refuse_what_is_not_their_format(data: bytes, key: str | None, message: str) -> None:
    def read() -> None:
        stream = JsonStream(io.BytesIO(data), "x.json")
        list(stream.items(key))
        stream.finish()

    with pytest.raises(cm.LoadError) as caught:
        read()
    assert message in str(caught.value)


def test_json_streams_read_text_and_values_across_chunks() -> None:
    numbers = list(range(30_000))
    stream = JsonStream(io.StringIO(json.dumps(numbers)), None)
    assert [value for _, _, value in stream.items()] == numbers
    empty = JsonStream(io.BytesIO(b'\xef\xbb\xbf{"features": [], "name": "n"}'), None)
    assert list(empty.items("features")) == []
    assert empty.members == {"name": "n"}
    assert list(JsonStream(io.BytesIO(b"[]"), None).items()) == []
    with pytest.raises(cm.LoadError):
        list(JsonStream(io.BytesIO(b"{}"), None).items("features"))


def feature(**properties: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": properties, "geometry": None}


def test_ocha_bad_features_are_rejected() -> None:
    ring = [[0, 0], [1, 0], [1, 1], [0, 0]]
    features = [
        {"type": "Feature"},
        feature(NAME_EN="x"),
        feature(PCODE="SY99"),
        feature(PCODE="SY98", NAME_EN="x") | {"geometry": {"type": "Point", "coordinates": [1, 2]}},
        feature(PCODE="SY91", NAME_EN="x") | {"geometry": {"type": ["Polygon"], "coordinates": [[ring]]}},
        feature(PCODE="SY97", NAME_EN="x")
        | {"geometry": {"type": "Polygon", "coordinates": [[[0, "a"], [1, 0], [1, 1], [0, 0]]]}},
        feature(PCODE="SY96", NAME_EN="x")
        | {"geometry": {"type": "Polygon", "coordinates": [[[0], [1, 0], [1, 1], [0, 0]]]}},
        feature(PCODE="SY95", NAME_EN="x") | {"geometry": {"type": "Polygon", "coordinates": [3]}},
        feature(PCODE="SY94", NAME_EN="x", ADM0_PCODE="SY") | {"geometry": {"type": "Polygon", "coordinates": [ring]}},
        feature(PCODE="SY93", NAM_EN_REF="y", ADM0_PCODE="SY", UPDATE_DAT=["list"]),
        feature(PCODE="SY92", NAM_EN_REF="y", ADM0_PCODE="SY", UPDATE_DAT="2017"),
    ]
    data = io.BytesIO(json.dumps({"type": "FeatureCollection", "features": features}).encode())
    imported = read_ocha_admin(data)
    check_accounting(imported, 11)
    assert [r.column for r in imported.report.rejected] == [
        None,
        "PCODE",
        "NAME_EN",
        "geometry",
        "geometry",  # a type that is no text (found by a long fuzz run: it raised TypeError)
        "geometry",
        "geometry",
        "geometry",
        "UPDATE_DAT",  # an array is not a property: never kept as its Python repr
    ]
    plain = imported.scenario.get("ocha:SY92")
    assert isinstance(plain, cm.Territory)
    assert plain.name == "y"
    assert plain.origin is not None
    assert plain.origin.row["UPDATE_DAT"] == "2017"
    with pytest.raises(TypeError):
        read_ocha_admin()
