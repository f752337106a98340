"""What the parser refuses beyond broken JSON: deep nesting, over-long numbers, text that
cannot be written back, arguments that are not text; and paths that never lie."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from test_load_errors import BASE, BASE_TEXT, broken, put

import conflictmodel as cm
from conflictmodel._format import _fast, _problems


def problems(text: Any) -> dict[str, str]:
    with pytest.raises(cm.LoadError) as info:
        cm.loads(text)
    return {problem.path: problem.message for problem in info.value.problems}


# --- nesting ---------------------------------------------------------------------------

DEEP = "[" * 1000


@pytest.mark.parametrize("text", [DEEP, DEEP.encode(), '{"schema": ' + DEEP], ids=["str", "bytes", "in-a-key"])
def test_deep_nesting_is_a_load_error_at_the_path_where_it_is_too_deep(text: str | bytes) -> None:
    ((path, message),) = problems(text).items()
    assert "nested deeper than 64 levels" == message
    assert path.startswith("$")
    assert path.count("[0]") == 64 - (path.startswith("$.schema"))


def test_deep_nesting_is_reported_at_its_path_inside_a_record() -> None:
    text = BASE_TEXT.replace('"aliases": ["Opposition"]', '"aliases": [["x", ' + "[" * 2000 + "]]")
    ((path, _),) = problems(text).items()
    assert path.startswith("$.actors[3].aliases[0][1]")


def test_deep_nesting_from_a_file_is_a_load_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text(DEEP, encoding="utf-8")
    with pytest.raises(cm.LoadError) as info:
        cm.load(path)
    assert (str(path), "nested deeper than 64 levels") == (info.value.source, info.value.problems[0].message)


# --- numbers ---------------------------------------------------------------------------


def test_a_number_of_5000_digits_is_a_problem_at_its_path() -> None:
    text = BASE_TEXT.replace("18000000", "1" * 5000)
    found = problems(text)
    assert ["$.territories[0].population"] == list(found)
    assert "5000 digits" in found["$.territories[0].population"]


def test_a_number_of_5000_digits_in_a_row_is_a_problem_at_its_entry() -> None:
    origin = {"dataset": "ucdp-ged", "row": {"best": "1" * 5000}}
    text = broken(put("events", 0, "origin", origin)).replace('"' + "1" * 5000 + '"', "1" * 5000)
    assert ['$.events[0].origin.row["best"]'] == list(problems(text))


@pytest.mark.parametrize(
    ("replace", "path"),
    [
        ("185180", "$.territories[0].area_km2"),
        ("18000000", "$.territories[0].population"),
        ("0.8", "$.controls[0].confidence"),
    ],
)
def test_a_number_beyond_float_range_is_a_problem_at_its_path(replace: str, path: str) -> None:
    assert [path] == list(problems(BASE_TEXT.replace(replace, "1e400")))


def test_a_long_but_readable_integer_in_a_row_round_trips() -> None:
    digits = sys.get_int_max_str_digits() or 4300
    origin = {"dataset": "ucdp-ged", "row": {"n": 10 ** (digits - 1)}}
    scenario = cm.loads(broken(put("events", 0, "origin", origin)))
    assert cm.dumps(cm.loads(cm.dumps(scenario))) == cm.dumps(scenario)


# --- text that cannot be written back ----------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["\\ud800", "\\udfff", "x\\ud83d", "\\ude00y"],
    ids=["high", "low", "high-at-end", "low-at-start"],
)
def test_an_escaped_lone_surrogate_is_refused_at_its_path(name: str) -> None:
    text = BASE_TEXT.replace('"name": "Syria", "kind": "state"', f'"name": "{name}", "kind": "state"')
    found = problems(text)
    assert ["$.actors[0].name"] == list(found)
    assert "surrogate" in found["$.actors[0].name"]
    assert ["$.actors[0].name"] == list(problems(text.encode("ascii")))


def test_a_raw_lone_surrogate_in_a_str_is_refused_at_its_path() -> None:
    text = BASE_TEXT.replace('"title": "Probe"', '"title": "P\ud800"')
    assert ["$.meta.title"] == list(problems(text))


def test_a_lone_surrogate_in_a_key_is_refused_at_the_key() -> None:
    text = BASE_TEXT.replace('"title": "Probe"', '"title": "Probe", "\\udc00": 1')
    assert ["$.meta['\\udc00']"] == list(problems(text))


def test_an_escaped_surrogate_pair_is_one_character() -> None:
    text = BASE_TEXT.replace('"title": "Probe"', '"title": "\\ud83d\\ude00"')
    scenario = cm.loads(text)
    assert "\U0001f600" == scenario.meta.title
    assert cm.dumps(scenario).encode("utf-8")


def test_whatever_loads_accepts_dumps_writes_as_utf8(tmp_path: Path) -> None:
    text = BASE_TEXT.replace('"title": "Probe"', '"title": "\\u0000\\u001f\\u2028 \\ud83d\\ude00 \\ufffe"')
    scenario = cm.loads(text)
    cm.dump(scenario, tmp_path / "out.json")
    assert cm.loads((tmp_path / "out.json").read_bytes()) == scenario
    assert cm.dumps(scenario).encode("utf-8").decode("utf-8") == cm.dumps(scenario)


# --- arguments that are not text --------------------------------------------------------


@pytest.mark.parametrize("value", [None, 5, 1.5, ["{}"], {"schema": "conflictmodel/1"}, object()])
def test_loads_of_something_not_text_is_a_parse_error(value: Any) -> None:
    with pytest.raises(cm.ParseError) as info:
        cm.loads(value)
    ((path, message),) = [(p.path, p.message) for p in info.value.problems]
    assert ("$", f"expected JSON text as str or bytes, got {type(value).__name__}") == (path, message)


@pytest.mark.parametrize("value", [None, 5])
def test_load_of_something_neither_path_nor_file_is_a_parse_error(value: Any) -> None:
    with pytest.raises(cm.ParseError, match="a path or an open file"):
        cm.load(value)


def test_bytearray_and_memoryview_load_like_bytes() -> None:
    data = BASE_TEXT.encode()
    assert cm.loads(data) == cm.loads(bytearray(data)) == cm.loads(memoryview(data))  # type: ignore[arg-type]


# --- paths that do not lie --------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "path"),
    [
        ("a.b", "$.meta['a.b']"),
        ("", "$.meta['']"),
        ("c[0]", "$.meta['c[0]']"),
        ("it's", "$.meta['it\\'s']"),
        ("back\\slash", "$.meta['back\\\\slash']"),
        ("new\nline", "$.meta['new\\u000aline']"),
        ("\u0633", "$.meta['\\u0633']"),
        ("\U0001f600", "$.meta['\\U0001f600']"),
        ("plain_name", "$.meta.plain_name"),
        ("1st", "$.meta['1st']"),
    ],
)
def test_unknown_keys_are_quoted_when_they_are_not_identifiers(key: str, path: str) -> None:
    text = broken(put("meta", key, 1))
    assert [path] == list(problems(text))
    assert path.isascii()
    assert path.isprintable()


def test_unknown_keys_of_a_period_are_quoted_too() -> None:
    text = broken(put("controls", 0, "period", "a.b", "2017"))
    assert ["$.controls[0].period['a.b']"] == list(problems(text))


def test_map_entries_with_odd_keys_are_json_quoted_and_ascii() -> None:
    text = broken(put("actors", 2, "external_ids", {"a\u0633\n": 640}))
    assert ['$.actors[2].external_ids["a\\u0633\\n"]'] == list(problems(text))


def test_messages_show_control_characters_escaped() -> None:
    found = problems(broken(put("actors", 0, "kind", "st\u0000ate\u2028")))
    (message,) = found.values()
    assert message.isprintable()
    assert "\\x00" in message


def test_the_renderer_builds_every_kind_of_step() -> None:
    path = _problems.entry(_problems.index(_problems.member(_problems.member("$", "a"), "b c"), 3), "k")
    assert "$.a['b c'][3][\"k\"]" == path


# --- the fast decoder accepts exactly what the reference path accepts ----------------------

needs_msgspec = pytest.mark.skipif(not _fast.available, reason="the fast decoder needs msgspec")


@needs_msgspec
def test_the_fast_decoder_refuses_every_parse_limit_case() -> None:
    for text in [
        DEEP,
        BASE_TEXT.replace("18000000", "1" * 5000),
        BASE_TEXT.replace("185180", "1e400"),
        BASE_TEXT.replace('"title": "Probe"', '"title": "\\ud800"'),
        BASE_TEXT.replace('"title": "Probe"', '"title": "P\ud800"'),
        broken(put("meta", "a.b", 1)),
    ]:
        assert _fast.decode(text) is None


def test_base_is_json() -> None:
    assert json.loads(BASE_TEXT) == BASE
