"""Fuzzing every importer with corrupted copies of its fixtures.

A CSV fixture is corrupted cell by cell (hostile numbers, dates, control characters,
quotes), by truncation, by repeated rows or by a header cut short; a JSON fixture by the
structure-aware mutations of ``fuzz_helpers``. Every corrupted file must end in an
import (every row imported or rejected with a reason, the scenario written back exactly,
``validate`` and the queries ending in a result or a documented error) or in a
``LoadError``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fuzz_helpers import check_accepted, examples, mutated
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import conflictmodel as cm
from conflictmodel import io as cio

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

CSV_READERS: list[tuple[Callable[..., cio.Imported], str]] = [
    (cio.read_atop_members, "atop/atop-member-subset.csv"),
    (cio.read_atop_members, "atop/atop-member-concurrent.csv"),
    (cio.read_atop_alliances, "atop/atop-alliance-subset.csv"),
    (cio.read_pax, "pax/pax_subset.csv"),
    (cio.read_ucdp_actors, "ucdp-actor/ucdp-actor-subset.csv"),
    (cio.read_ucdp_acd, "ucdp-prio-acd/acd-subset.csv"),
    (cio.read_ucdp_ged, "ucdp-ged/ged-layout-synthetic.csv"),
    (cio.read_acled, "acled/acled-synthetic.csv"),
]
JSON_READERS: list[tuple[Callable[..., cio.Imported], str]] = [
    (cio.read_ucdp_ged_json, "ucdp-ged/events_sample-subset.json"),
    (cio.read_ocha_admin, "ocha/syr_admin1.geojson"),
    (cio.read_ocha_admin, "ocha/syr_admin2-subset.geojson"),
]

HOSTILE_CELLS = [
    "", " ", "1.9", "١٢", "1_000", "-5", "+5", "nan", "inf", "1e400", "9" * 5000, "0", "99999", "x",
    "2017-02-30", "2017-13-01", "0000-00-00", "\x00", "\u202e", '"', "a,b", "a\nb", "Government of",
]  # fmt: skip


def _records(name: str) -> list[list[str]]:
    with (FIXTURES / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def _csv_text(records: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(records)
    return out.getvalue()


@st.composite
def corrupted_csv(draw: st.DrawFn, name: str) -> bytes:
    records = [list(r) for r in _records(name)]
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["cell", "cell", "cell", "repeat", "short-header", "truncate", "bytes"]))
        if action == "cell" and len(records) > 1:
            row = draw(st.integers(1, len(records) - 1))
            column = draw(st.integers(0, len(records[row]) - 1))
            records[row][column] = draw(st.sampled_from(HOSTILE_CELLS) | st.text(max_size=6))
        elif action == "repeat" and len(records) > 1:
            records.append(list(records[draw(st.integers(1, len(records) - 1))]))
        elif action == "short-header":
            records[0] = records[0][: draw(st.integers(0, len(records[0])))]
    data = _csv_text(records).encode("utf-8", "surrogatepass")
    if draw(st.booleans()) and draw(st.booleans()):
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] + draw(st.sampled_from([b"", b"\xff", b'"', b"\r"]))
    return data


def check_import(reader: Callable[..., cio.Imported], data: bytes) -> None:
    """An import, accounted row by row and safe to use; or a LoadError."""
    try:
        imported = reader(io.BytesIO(data))
    except cm.LoadError as error:
        problems, message = error.problems, str(error)
        assert problems
        message.encode("utf-8")
        return
    report = imported.report
    assert report.rows_read == report.rows_imported + len(report.rejected)
    for rejection in report.rejected:
        assert rejection.reason
        str(rejection).encode("utf-8")
    check_accepted(imported.scenario)


@settings(max_examples=examples(12), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_corrupted_csv_fixture_imports_or_is_a_load_error(data: st.DataObject) -> None:
    reader, name = data.draw(st.sampled_from(CSV_READERS), label="reader")
    check_import(reader, data.draw(corrupted_csv(name), label="file"))


def _small_json(name: str) -> Any:
    document = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    if isinstance(document, list):
        return document[:3]
    return document | {"features": document["features"][:3]}


@settings(
    max_examples=examples(12),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_a_corrupted_json_fixture_imports_or_is_a_load_error(data: st.DataObject) -> None:
    reader, name = data.draw(st.sampled_from(JSON_READERS), label="reader")
    text = data.draw(mutated(_small_json(name)), label="file")
    check_import(reader, text.encode("utf-8", "surrogatepass"))
