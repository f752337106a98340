"""``conflictmodel map`` and ``conflictmodel export geojson``: files written, days and
ranges, and clear errors with exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import conflictmodel as cm
from conflictmodel._cli._main import main

SMALL = {
    "schema": "conflictmodel/1",
    "meta": {"title": "Two fields", "as_of": "2017-11-30"},
    "actors": [
        {"id": "a", "name": "Side A", "kind": "armed_group"},
        {"id": "b", "name": "Side B", "kind": "armed_group"},
    ],
    "hostilities": [{"id": "h", "side_a": ["a"], "side_b": ["b"]}],
    "territories": [
        {
            "id": "east",
            "name": "East",
            "kind": "admin1",
            "geometry": {"type": "Polygon", "coordinates": [[[1, 0], [2, 0], [2, 1], [1, 1], [1, 0]]]},
        },
        {
            "id": "west",
            "name": "West",
            "kind": "admin1",
            "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]},
        },
    ],
    "controls": [
        {"id": "c1", "territory": "east", "controllers": ["a"], "period": {"start": "2017-01-01"}},
        {"id": "c2", "territory": "west", "controllers": ["b"], "period": {"start": "2017-01-01"}},
    ],
}


def _small(tmp_path: Path) -> Path:
    path = tmp_path / "small.json"
    path.write_text(cm.dumps(cm.loads(json.dumps(SMALL))), encoding="utf-8")
    return path


def test_map_of_the_bundled_scenario_as_svg_and_html(tmp_path: Path) -> None:
    assert 0 == main(["map", "--on", "2017-11-30", "-o", str(tmp_path / "m.svg")])
    svg = (tmp_path / "m.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg")
    assert 'data-day="2017-11-30"' in svg
    assert 0 == main(["map", "-o", str(tmp_path / "m.html")])  # the as_of day
    page = (tmp_path / "m.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert 'data-day="2017-11-30"' in page


def test_a_slider_page_over_months(tmp_path: Path) -> None:
    out = tmp_path / "year.html"
    assert 0 == main(["map", "--from", "2017-01-30", "--to", "2017-12-30", "--every", "month", "-o", str(out)])
    page = out.read_text(encoding="utf-8")
    assert 12 == page.count('class="cm-day"')
    assert 'class="cm-chart"' in page


def test_a_file_with_its_own_geometry(tmp_path: Path) -> None:
    out = tmp_path / "small.svg"
    assert 0 == main(["map", str(_small(tmp_path)), "-o", str(out)])
    svg = out.read_text(encoding="utf-8")
    assert 2 == svg.count('class="cm-unit"')
    assert "Side A" in svg
    assert "Side B" in svg


def test_export_geojson_to_a_file_and_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    small = _small(tmp_path)
    out = tmp_path / "day.geojson"
    assert 0 == main(["export", "geojson", str(small), "--on", "2017-06-01", "-o", str(out)])
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert ["east", "west"] == [f["id"] for f in collection["features"]]
    assert [["a"], ["b"]] == [f["properties"]["controllers"] for f in collection["features"]]
    assert 0 == main(["export", "geojson", "--on", "2017-11-30"])
    expected = len(cm.syria_2017(geometry=True).territories)  # one feature per territory
    assert expected == len(json.loads(capsys.readouterr().out)["features"])


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["map", "-o", "out.png"], "must end in .svg or .html"),
        (["map", "--from", "2017-01-01", "-o", "out.html"], "--from and --to go together"),
        (["map", "--from", "2017-01-01", "--to", "2017-03-01", "-o", "out.svg"], "HTML page"),
        (["map", "--on", "2017-01-01", "--from", "2017-01-01", "--to", "2017-03-01", "-o", "o.html"], "one or the"),
        (["map", "--on", "2017-02-30", "-o", "out.svg"], "2017-02-30"),
        (["map", "--from", "2017-03-01", "--to", "2017-01-01", "-o", "o.html"], "before"),
    ],
)
def test_bad_arguments_exit_1_with_a_clear_message(
    argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert 1 == main(argv)
    assert message in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_a_scenario_without_geometry_or_as_of(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bare = {**SMALL, "meta": {"title": "No day"}, "territories": [{"id": "t", "name": "T", "kind": "admin1"}]}
    bare["controls"] = []
    path = tmp_path / "bare.json"
    path.write_text(json.dumps(bare), encoding="utf-8")
    assert 1 == main(["map", str(path), "-o", str(tmp_path / "x.svg")])
    assert "--on" in capsys.readouterr().err
    assert 1 == main(["map", str(path), "--on", "2017-01-01", "-o", str(tmp_path / "x.svg")])
    assert "no territory" in capsys.readouterr().err


def test_unreadable_and_invalid_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert 2 == main(["export", "geojson", str(broken)])
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({**SMALL, "actors": "none"}), encoding="utf-8")
    assert 1 == main(["export", "geojson", str(wrong)])
    assert "$.actors" in capsys.readouterr().err
