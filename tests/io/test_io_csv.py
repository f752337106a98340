"""Reading CSV files: encodings, byte-order marks, quoting and bad files."""

import io
from pathlib import Path

import pytest

import conflictmodel as cm
from conflictmodel.io import read_ucdp_acd, read_ucdp_actors
from conflictmodel.io._csv import CsvReader
from io_helpers import FIXTURES


def rows(data: bytes, required: tuple[str, ...] = ()) -> tuple[list[str], list[dict[str, str]]]:
    reader = CsvReader(io.BytesIO(data), source="test.csv", required=required)
    return reader.header, [row.values for row in reader]


def test_a_byte_order_mark_is_not_part_of_the_first_column() -> None:
    header, values = rows(b"\xef\xbb\xbfa,b\r\n1,2\r\n")
    assert header == ["a", "b"]
    assert values == [{"a": "1", "b": "2"}]


def test_line_breaks_inside_quoted_cells_stay_in_the_cell() -> None:
    _, values = rows(b'a,b\n"one\r\ntwo",2\n3,4\n')
    assert values == [{"a": "one\r\ntwo", "b": "2"}, {"a": "3", "b": "4"}]


def test_rows_are_numbered_and_located_by_their_first_line() -> None:
    reader = CsvReader(io.BytesIO(b'a\n"x\ny"\n\nz\n'), source="t", required=())
    assert [(row.number, row.line) for row in reader] == [(1, 2), (2, 5)]


def test_a_text_file_is_read_as_given() -> None:
    reader = CsvReader(io.StringIO("\ufeffa,b\n1,2\n"), source="t", required=("a",))
    assert reader.header == ["a", "b"]
    assert [row.values for row in reader] == [{"a": "1", "b": "2"}]


def test_a_binary_file_given_by_the_caller_is_left_open() -> None:
    handle = io.BytesIO(b"a\n1\n")
    list(CsvReader(handle, source="t", required=()))
    assert not handle.closed


def load_error(data: bytes, required: tuple[str, ...] = ()) -> cm.LoadError:
    with pytest.raises(cm.LoadError) as caught:
        rows(data, required)
    return caught.value


def test_a_missing_column_is_named() -> None:
    error = load_error(b"a,b\n1,2\n", ("a", "date_prec", "c"))
    assert error.source == "test.csv"
    assert [p.path for p in error.problems] == ['header, column "date_prec"', 'header, column "c"']


def test_a_repeated_column_is_refused() -> None:
    assert load_error(b"a,a\n1,2\n").problems[0].path == 'header, column "a"'


def test_bytes_in_another_encoding_are_found_at_their_row_and_column() -> None:
    error = load_error("a,name\n1,ok\n2,Sanaa\n3,Alep\xe9\n".encode("latin-1"))
    (problem,) = error.problems
    assert problem.path == 'row 3 (line 4), column "name"'
    assert "not UTF-8" in problem.message
    assert "0xE9" in problem.message


def test_a_header_in_another_encoding_is_refused() -> None:
    error = load_error("a,b\n1,2\n".encode("utf-16"))
    assert error.problems[0].path == "header"


def test_a_truncated_row_names_the_first_missing_column() -> None:
    error = load_error(b"a,b,c\n1,2,3\n4,5\n")
    (problem,) = error.problems
    assert problem.path == 'row 2 (line 3), column "c"'
    assert "truncated" in problem.message


def test_a_row_with_too_many_fields_is_refused() -> None:
    assert load_error(b"a,b\n1,2,3\n").problems[0].path == "row 1 (line 2)"


def test_a_file_cut_inside_a_quoted_cell_is_refused() -> None:
    error = load_error(b'a,b\n1,2\n3,"unfinished\n')
    assert error.problems[0].path == "row 2 (line 3)"
    assert "malformed CSV" in error.problems[0].message


def test_an_empty_file_is_refused() -> None:
    assert "empty" in load_error(b"").problems[0].message


def test_a_missing_file_is_refused_naming_it(tmp_path: Path) -> None:
    with pytest.raises(cm.LoadError) as caught:
        read_ucdp_actors(tmp_path / "nope.csv")
    assert caught.value.source == str(tmp_path / "nope.csv")


def test_a_real_file_with_a_column_removed_is_refused(tmp_path: Path) -> None:
    lines = (FIXTURES / "ucdp-prio-acd" / "acd-subset.csv").read_bytes().split(b"\n")
    lines[0] = lines[0].replace(b",Int,", b",Intensity,")
    bad = tmp_path / "acd.csv"
    bad.write_bytes(b"\n".join(lines))
    with pytest.raises(cm.LoadError) as caught:
        read_ucdp_acd(bad)
    assert caught.value.source == str(bad)
    assert caught.value.problems[0].path == 'header, column "Int"'


def test_a_real_file_cut_short_is_refused_at_its_last_row(tmp_path: Path) -> None:
    data = (FIXTURES / "ucdp-actor" / "ucdp-actor-subset.csv").read_bytes()
    cut = tmp_path / "actors.csv"
    cut.write_bytes(data[: data.rindex(b",", 0, len(data) - 40)])
    with pytest.raises(cm.LoadError) as caught:
        read_ucdp_actors(cut)
    (problem,) = caught.value.problems
    assert problem.path.startswith("row 51 ")
