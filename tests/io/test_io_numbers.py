"""Numbers in dataset files are read exactly as their codebook writes them: anything
else rejects the row with its row, column and reason, and nothing is coerced."""

from __future__ import annotations

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
    read_ucdp_acd,
    read_ucdp_actors,
    read_ucdp_ged,
    read_ucdp_ged_json,
)
from conflictmodel.io._builder import RowError
from conflictmodel.io._json import JsonStream
from conflictmodel.io._numbers import count, decimal, digits, json_count, json_decimal, signed_code
from io_helpers import FIXTURES, check_accounting
from test_io_bad_rows import with_cells

if TYPE_CHECKING:
    from pathlib import Path

Reader = Callable[..., cm.io.Imported]

# What Python's int() and float() accept and no codebook writes.
NOT_COUNTS = ["1.9", "١٢", "1_000", "-5", "+5", "1e3", "nan", "inf", "1e400", "9" * 5000, "0x10", "²", "1 000"]
NOT_DECIMALS = ["nan", "inf", "-inf", "1e400", "1e5", "\u0661\u0662.\u0665", "1_0.5", "9" * 5000, "1.", ".5", "1,5"]


@pytest.mark.parametrize("text", NOT_COUNTS)
def test_count_refuses_what_int_accepts(text: str) -> None:
    with pytest.raises(RowError) as caught:
        count(text, "best")
    assert caught.value.column == "best"
    assert len(caught.value.reason) < 200  # a 5,000-digit value is not echoed whole


@pytest.mark.parametrize(("text", "expected"), [("0", 0), (" 12 ", 12), ("007", 7), ("", None)])
def test_count_reads_ascii_digits(text: str, expected: int | None) -> None:
    assert expected == count(text, "best")


def test_count_keeps_to_its_maximum() -> None:
    assert 9999 == count("9999", "yrent", maximum=9999)
    with pytest.raises(RowError):
        count("10000", "yrent", maximum=9999)


@pytest.mark.parametrize("text", NOT_DECIMALS)
def test_decimal_refuses_what_float_accepts(text: str) -> None:
    with pytest.raises(RowError):
        decimal(text, "latitude", "a latitude", minimum=-90, maximum=90)


def test_decimal_reads_plain_decimals_in_range() -> None:
    assert -12.5 == decimal("-12.5", "latitude", "a latitude", minimum=-90, maximum=90)
    assert 36.0 == decimal("36", "latitude", "a latitude", minimum=-90, maximum=90)
    with pytest.raises(RowError):
        decimal("90.5", "latitude", "a latitude", minimum=-90, maximum=90)


def test_codes_are_ascii_digits_with_a_sign_only_where_allowed() -> None:
    assert "0652" == digits(" 0652 ", "ID", "an id")
    assert -99 == signed_code("-99", "GWNOA", "a GW number")
    for text in ("١٢", "1.0", "", "-", "1-2"):
        with pytest.raises(RowError):
            signed_code(text, "GWNOA", "a GW number")
    with pytest.raises(RowError):
        digits("-5", "ID", "an id")


@pytest.mark.parametrize("value", [True, 1.0, "7", None, -1, 10**13, [], {}])
def test_json_count_takes_json_integers_only(value: object) -> None:
    with pytest.raises(RowError):
        json_count(value, "best")


@pytest.mark.parametrize("value", [True, "1", None, float("nan"), float("inf"), 10**400, 91])
def test_json_decimal_takes_finite_numbers_in_range(value: object) -> None:
    with pytest.raises(RowError):
        json_decimal(value, "latitude", "a latitude", minimum=-90, maximum=90)


# --- every CSV importer, through its own columns --------------------------------------

COUNT_COLUMNS: list[tuple[Reader, str, str]] = [
    (read_ucdp_ged, "ucdp-ged/ged-layout-synthetic.csv", "best"),
    (read_ucdp_ged, "ucdp-ged/ged-layout-synthetic.csv", "low"),
    (read_ucdp_ged, "ucdp-ged/ged-layout-synthetic.csv", "high"),
    (read_acled, "acled/acled-synthetic.csv", "fatalities"),
    (read_atop_members, "atop/atop-member-subset.csv", "member"),
    (read_atop_members, "atop/atop-member-subset.csv", "yrent"),
    (read_atop_members, "atop/atop-member-subset.csv", "moexit"),
    (read_atop_members, "atop/atop-member-subset.csv", "defense"),
    (read_atop_members, "atop/atop-member-subset.csv", "atopid"),
    (read_atop_alliances, "atop/atop-alliance-subset.csv", "mem1"),
    (read_atop_alliances, "atop/atop-alliance-subset.csv", "begyr"),
    (read_ucdp_acd, "ucdp-prio-acd/acd-subset.csv", "ID"),
    (read_ucdp_acd, "ucdp-prio-acd/acd-subset.csv", "YEAR"),
    (read_ucdp_acd, "ucdp-prio-acd/acd-subset.csv", "GWNOA"),
    (read_ucdp_actors, "ucdp-actor/ucdp-actor-subset.csv", "ActorId"),
    (read_ucdp_actors, "ucdp-actor/ucdp-actor-subset.csv", "GWNOLoc"),
]
COORDINATE_COLUMNS: list[tuple[Reader, str, str]] = [
    (read_ucdp_ged, "ucdp-ged/ged-layout-synthetic.csv", "latitude"),
    (read_ucdp_ged, "ucdp-ged/ged-layout-synthetic.csv", "longitude"),
    (read_acled, "acled/acled-synthetic.csv", "latitude"),
    (read_acled, "acled/acled-synthetic.csv", "longitude"),
]
SIGNED = {"GWNOA", "GWNOLoc"}  # UCDP writes -99 style codes in these lists


def _one_rejection(reader: Reader, fixture: str, column: str, value: str, tmp_path: Path) -> None:
    source = FIXTURES / fixture
    clean = reader(source)
    imported = reader(with_cells(source, {column: value}, tmp_path))
    check_accounting(imported, clean.report.rows_read)
    assert [(1, column)] == [(r.row, r.column) for r in imported.report.rejected], value
    assert imported.report.rejected[0].reason


@pytest.mark.parametrize(("reader", "fixture", "column"), COUNT_COLUMNS)
@pytest.mark.parametrize("value", ["1.9", "١٢", "1_000", "-5", "nan", "1e400", "9" * 5000])
def test_a_count_that_is_not_ascii_digits_rejects_its_row(
    reader: Reader, fixture: str, column: str, value: str, tmp_path: Path
) -> None:
    if column in SIGNED and value == "-5":
        return  # a negative code is the codebook's own syntax there
    _one_rejection(reader, fixture, column, value, tmp_path)


@pytest.mark.parametrize(("reader", "fixture", "column"), COORDINATE_COLUMNS)
@pytest.mark.parametrize("value", ["nan", "inf", "1e400", "\u0661\u0662.\u0665", "400", "9" * 5000])
def test_a_coordinate_that_is_not_a_decimal_in_range_rejects_its_row(
    reader: Reader, fixture: str, column: str, value: str, tmp_path: Path
) -> None:
    _one_rejection(reader, fixture, column, value, tmp_path)


# --- JSON importers -------------------------------------------------------------------


def _ged_items(*changes: dict[str, Any]) -> io.BytesIO:
    good = json.loads((FIXTURES / "ucdp-ged/events_sample-subset.json").read_text(encoding="utf-8"))[0]
    return io.BytesIO(json.dumps([good | change for change in changes]).encode())


@pytest.mark.parametrize(
    ("change", "column"),
    [
        ({"best": 1.9}, "best"),
        ({"best": "12"}, "best"),
        ({"best": True}, "best"),
        ({"id": -5}, "id"),
        ({"type_of_violence": 1.0}, "type_of_violence"),
        ({"country": {}}, "country"),
        ({"region": 5}, "region"),
        ({"latitude": 1e300}, "latitude"),
        ({"longitude": "36.5"}, "longitude"),
        ({"extra": {"nested": [1]}}, "extra"),
    ],
)
def test_a_ged_json_value_of_the_wrong_json_type_rejects_its_item(change: dict[str, Any], column: str) -> None:
    imported = read_ucdp_ged_json(_ged_items(change))
    check_accounting(imported, 1)
    assert [(1, column)] == [(r.row, r.column) for r in imported.report.rejected]


def test_repeated_ged_json_items_are_rejected_naming_the_first() -> None:
    """The first of repeated items is imported; each repeat is a rejection (never a
    silent merge) that names the row it repeats."""
    imported = read_ucdp_ged_json(_ged_items({}, {}, {"best": 99}))
    check_accounting(imported, 3)
    assert 1 == len(imported.scenario.events)
    assert [2, 3] == [r.row for r in imported.report.rejected]
    assert all("row 1" in r.reason and r.column == "id" for r in imported.report.rejected)


def test_repeated_ged_csv_rows_are_rejected(tmp_path: Path) -> None:
    text = (FIXTURES / "ucdp-ged/ged-layout-synthetic.csv").read_text(encoding="utf-8")
    header, rest = text.split("\n", 1)
    doubled = tmp_path / "doubled.csv"
    doubled.write_text(header + "\n" + rest + rest, encoding="utf-8")
    clean = read_ucdp_ged(FIXTURES / "ucdp-ged/ged-layout-synthetic.csv")
    imported = read_ucdp_ged(doubled)
    check_accounting(imported, 2 * clean.report.rows_read)
    assert clean.report.rows_read == len(imported.report.rejected)
    assert len(clean.scenario.events) == len(imported.scenario.events)


def _ocha(**properties: Any) -> io.BytesIO:
    feature = {"type": "Feature", "geometry": None, "properties": {"NAME_EN": "x", "ADM0_PCODE": "SY"} | properties}
    return io.BytesIO(json.dumps({"type": "FeatureCollection", "features": [feature]}).encode())


@pytest.mark.parametrize(
    ("properties", "column"),
    [({"PCODE": 14}, "PCODE"), ({"PCODE": "SY14", "NAME_EN": 5}, "NAME_EN"), ({"PCODE": "SY14", "X": {}}, "X")],
)
def test_an_ocha_property_of_the_wrong_json_type_rejects_its_feature(properties: dict[str, Any], column: str) -> None:
    imported = read_ocha_admin(_ocha(**properties))
    check_accounting(imported, 1)
    assert [column] == [r.column for r in imported.report.rejected]


@pytest.mark.parametrize(
    "text",
    [
        b"[NaN]",
        b"[Infinity]",
        b"[1e400]",
        b"[" + b"9" * 5000 + b"]",
        b"[" * 100_000,
        b'[{"a": [' + b"[" * 100_000 + b"]}]",
        b'["\\ud800"]',
        b'[{"\\udc00": 1}]',
    ],
)
def test_json_a_reader_cannot_take_is_a_load_error(text: bytes) -> None:
    with pytest.raises(cm.LoadError):
        list(JsonStream(io.BytesIO(text), "file.json").items())


def test_a_lone_surrogate_in_a_text_stream_is_a_load_error() -> None:
    with pytest.raises(cm.LoadError):
        list(JsonStream(io.StringIO('["\ud800"]'), None).items())
