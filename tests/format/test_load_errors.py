"""Malformed documents: every problem is reported at once, each at its exact JSON path,
and nothing is half-loaded."""

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import conflictmodel as cm

# One small valid document touching every collection; each case breaks a copy of it.
BASE: dict[str, Any] = {
    "schema": "conflictmodel/1",
    "meta": {"title": "Probe", "as_of": "2017-11-30", "sources": ["s1"]},
    "sources": [{"id": "s1", "title": "A report", "date": "2017-11"}, {"id": "s2", "title": "Another"}],
    "actors": [
        {"id": "sy", "name": "Syria", "kind": "state", "country": "SYR"},
        {"id": "ru", "name": "Russia", "kind": "state", "country": "RUS", "sources": ["s1"]},
        {"id": "tr", "name": "Turkey", "kind": "state", "external_ids": {"cow": "640"}},
        {"id": "reb", "name": "Rebels", "kind": "armed_group", "aliases": ["Opposition"]},
    ],
    "alliances": [
        {
            "id": "astana",
            "name": "Astana format",
            "kind": "guarantor_format",
            "members": [{"actor": "ru"}, {"actor": "tr", "period": {"start": "2017"}}],
            "obligations": ["consultation"],
        }
    ],
    "supports": [
        {
            "id": "sup1",
            "supporter": "ru",
            "recipient": "sy",
            "kinds": ["air_support"],
            "period": {"start": "2015-09-30"},
        }
    ],
    "hostilities": [{"id": "h1", "side_a": ["sy", "ru"], "side_b": ["reb"], "intensity": "war"}],
    "territories": [
        {"id": "t-sy", "name": "Syria", "kind": "country", "area_km2": 185180, "population": 18000000},
        {
            "id": "t-idlib",
            "name": "Idlib",
            "kind": "admin1",
            "parent": "t-sy",
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[36.0, 35.0], [37.0, 35.0], [37.0, 36.0], [36.0, 35.0]]],
            },
        },
    ],
    "controls": [
        {
            "id": "c1",
            "territory": "t-idlib",
            "controllers": ["reb"],
            "period": {"start": "2017-01", "end": "2017-12-31"},
            "status": "contested",
            "opponents": ["sy"],
            "confidence": 0.8,
        }
    ],
    "agreements": [
        {
            "id": "ag1",
            "name": "Astana memorandum",
            "kind": "de_escalation",
            "signed": "2017-05-04",
            "in_force": {"start": "2017-05-06"},
            "actors": [{"actor": "ru", "roles": ["guarantor"]}, {"actor": "tr", "roles": ["guarantor", "party"]}],
            "covers": ["t-idlib"],
            "provisions": [{"kind": "Ce"}],
        }
    ],
    "events": [
        {
            "id": "e1",
            "kind": "air_strike",
            "date": {"start": "2017-11-13", "end": "2017-11-13"},
            "actors": [{"actor": "ru", "role": "side_a"}],
            "location": "t-idlib",
            "coordinates": {"lat": 35.9, "lon": 36.6},
            "fatalities": {"best": 3, "low": 2, "high": 5},
        }
    ],
    "violations": [{"id": "v1", "agreement": "ag1", "violator": "ru", "date": "2017-11-13", "events": ["e1"]}],
}
BASE_TEXT = json.dumps(BASE)

Key = str | int
Mutation = Callable[[Any], None]


def _parent(doc: Any, path: tuple[Key, ...]) -> Any:
    for key in path[:-1]:
        doc = doc[key]
    return doc


def put(*path_and_value: Any) -> Mutation:
    """Set the value at a path (the last argument is the value)."""
    *path, value = path_and_value

    def mutate(doc: Any) -> None:
        _parent(doc, tuple(path))[path[-1]] = copy.deepcopy(value)

    return mutate


def drop(*path: Key) -> Mutation:
    """Delete the key or item at a path."""

    def mutate(doc: Any) -> None:
        del _parent(doc, path)[path[-1]]

    return mutate


def append(*path_and_value: Any) -> Mutation:
    """Append a value to the array at a path."""
    *path, value = path_and_value

    def mutate(doc: Any) -> None:
        target = doc
        for key in path:
            target = target[key]
        target.append(copy.deepcopy(value))

    return mutate


def broken(*mutations: Mutation) -> str:
    """The JSON text of a copy of ``BASE`` with ``mutations`` applied."""
    doc = copy.deepcopy(BASE)
    for mutation in mutations:
        mutation(doc)
    return json.dumps(doc)


def case(id_: str, text: str | bytes, paths: set[str], message: str = "") -> Any:
    return pytest.param(text, paths, message, id=id_)


def test_helpers_change_only_a_copy() -> None:
    text = broken(put("actors", 0, "name", "X"), drop("meta", "as_of"), append("actors", {"id": "ir"}))
    doc = json.loads(text)
    assert ("X", False, "ir") == (doc["actors"][0]["name"], "as_of" in doc["meta"], doc["actors"][-1]["id"])
    assert json.loads(BASE_TEXT) == BASE


def test_base_document_loads() -> None:
    scenario = cm.loads(BASE_TEXT)
    assert (15, "Probe") == (len(scenario), scenario.meta.title)


CTRL = ("controls", 0)
EVENT = ("events", 0)
IDLIB = ("territories", 1)
GEOMETRY = (*IDLIB, "geometry")
RING = (*GEOMETRY, "coordinates", 0)

CASES = [
    # text that is not a JSON object
    case("broken-json", '{"schema": "conflictmodel/1",\n "meta": {]}', {"$"}, "line 2, column 11"),
    case("empty-text", "", {"$"}, "line 1, column 1"),
    case("truncated", BASE_TEXT[:-1], {"$"}, "line 1"),
    case("trailing-garbage", BASE_TEXT + " x", {"$"}, "column"),
    case("single-quotes", "{'schema': 'conflictmodel/1'}", {"$"}, "line 1, column 2"),
    case("top-level-array", "[]", {"$"}, "object"),
    case("top-level-string", '"conflictmodel/1"', {"$"}, "object"),
    case("top-level-null", "null", {"$"}, "object"),
    case("repeated-key", '{"schema": "conflictmodel/1", "meta": {"title": "a", "title": "b"}}', {"$"}, "title"),
    case("invalid-utf8", b'{"schema": "conflictmodel/1", "meta": {"title": "\xff"}}', {"$"}, "UTF-8"),
    case("nan-literal", BASE_TEXT.replace('"confidence": 0.8', '"confidence": NaN'), {"$.controls[0].confidence"}),
    case("infinity-literal", BASE_TEXT.replace("185180", "Infinity"), {"$.territories[0].area_km2"}),
    # the schema key
    case("missing-schema", broken(drop("schema")), {"$.schema"}, "missing"),
    case("wrong-schema", broken(put("schema", "conflictmodel/2")), {"$.schema"}, "conflictmodel/2"),
    case("schema-number", broken(put("schema", 1)), {"$.schema"}),
    # unknown keys
    case("unknown-top-level-key", broken(put("extra", [])), {"$.extra"}, "unknown"),
    case("unknown-nested-key", broken(put("actors", 0, "colour", "red")), {"$.actors[0].colour"}, "unknown"),
    case("unknown-key-in-period", broken(put(*CTRL, "period", "from", "2017")), {"$.controls[0].period.from"}),
    case("unknown-key-in-meta", broken(put("meta", "author", "me")), {"$.meta.author"}),
    case(
        "two-unknown-keys",
        broken(put(*EVENT, "x", 1), put(*EVENT, "y", 2)),
        {"$.events[0].x", "$.events[0].y"},
    ),
    # missing required fields
    case("missing-meta", broken(drop("meta")), {"$.meta"}, "missing"),
    case("missing-name", broken(drop("actors", 0, "name")), {"$.actors[0].name"}, "missing"),
    case("missing-period", broken(drop(*CTRL, "period")), {"$.controls[0].period"}, "missing"),
    case("missing-roles", broken(drop("agreements", 0, "actors", 1, "roles")), {"$.agreements[0].actors[1].roles"}),
    case("missing-violation-date", broken(drop("violations", 0, "date")), {"$.violations[0].date"}),
    # wrong JSON types
    case("population-string", broken(put("territories", 0, "population", "12")), {"$.territories[0].population"}),
    case("population-true", broken(put("territories", 0, "population", True)), {"$.territories[0].population"}),
    case("population-float", broken(put("territories", 0, "population", 1.5)), {"$.territories[0].population"}),
    case("population-negative", broken(put("territories", 0, "population", -1)), {"$.territories[0].population"}),
    case("best-string", broken(put(*EVENT, "fatalities", "best", "3")), {"$.events[0].fatalities.best"}),
    case("name-number", broken(put("actors", 0, "name", 5)), {"$.actors[0].name"}, "5"),
    case("name-null", broken(put("actors", 0, "name", None)), {"$.actors[0].name"}, "null"),
    case("name-blank", broken(put("actors", 0, "name", "  ")), {"$.actors[0].name"}),
    case("title-array", broken(put("sources", 1, "title", ["A"])), {"$.sources[1].title"}),
    case("aliases-object", broken(put("actors", 3, "aliases", {"a": "b"})), {"$.actors[3].aliases"}, "array"),
    case("actors-object", broken(put("actors", {"sy": {}})), {"$.actors"}, "array"),
    case("period-array", broken(put(*CTRL, "period", ["2017"])), {"$.controls[0].period"}, "object"),
    case("meta-array", broken(put("meta", [])), {"$.meta"}, "object"),
    case("controllers-null", broken(put(*CTRL, "controllers", None)), {"$.controls[0].controllers"}),
    case("controllers-string", broken(put(*CTRL, "controllers", "reb")), {"$.controls[0].controllers"}),
    case("alleged-string", broken(put("supports", 0, "alleged", "yes")), {"$.supports[0].alleged"}),
    case("alleged-int", broken(put("supports", 0, "alleged", 1)), {"$.supports[0].alleged"}),
    case("lat-string", broken(put(*EVENT, "coordinates", "lat", "35.9")), {"$.events[0].coordinates.lat"}),
    case("confidence-true", broken(put(*CTRL, "confidence", True)), {"$.controls[0].confidence"}),
    case("source-id-number", broken(put("actors", 1, "sources", ["s1", 3])), {"$.actors[1].sources[1]"}),
    case(
        "external-id-number",
        broken(put("actors", 2, "external_ids", {"cow": 640})),
        {'$.actors[2].external_ids["cow"]'},
    ),
    case(
        "external-id-blank",
        broken(put("actors", 2, "external_ids", {"cow": ""})),
        {'$.actors[2].external_ids["cow"]'},
    ),
    # enumerations
    case("kind-capitalised", broken(put("actors", 0, "kind", "State")), {"$.actors[0].kind"}, "'State'"),
    case("kind-number", broken(put("actors", 0, "kind", 3)), {"$.actors[0].kind"}),
    case("status-unknown", broken(put(*CTRL, "status", "held")), {"$.controls[0].status"}, "'held'"),
    case(
        "role-unknown-deep",
        broken(put("agreements", 0, "actors", 1, "roles", ["king", "guarantor"])),
        {"$.agreements[0].actors[1].roles[0]"},
        "'king'",
    ),
    case(
        "link-relation-unknown",
        broken(put("agreements", 0, "links", [{"relation": "parent", "target": "ag0"}])),
        {"$.agreements[0].links[0].relation"},
    ),
    case("support-kinds-empty", broken(put("supports", 0, "kinds", [])), {"$.supports[0].kinds"}),
    # dates and periods
    case(
        "date-feb-30", broken(put(*CTRL, "period", "end", "2017-02-30")), {"$.controls[0].period.end"}, "'2017-02-30'"
    ),
    case("date-slashes", broken(put(*EVENT, "date", "start", "2017/11/01")), {"$.events[0].date.start"}, "2017/11/01"),
    case("date-number", broken(put("sources", 0, "date", 2017)), {"$.sources[0].date"}, "2017"),
    case("date-with-time", broken(put("agreements", 0, "signed", "2017-05-04T10:00")), {"$.agreements[0].signed"}),
    case("date-in-meta", broken(put("meta", "as_of", "30.11.2017")), {"$.meta.as_of"}),
    case("period-end-before-start", broken(put(*CTRL, "period", "end", "2016-12")), {"$.controls[0].period.end"}),
    case(
        "membership-end-before-start",
        broken(put("alliances", 0, "members", 1, "period", {"start": "2017", "end": "2016"})),
        {"$.alliances[0].members[1].period.end"},
    ),
    case("period-bound-array", broken(put(*CTRL, "period", "start", ["2017"])), {"$.controls[0].period.start"}),
    case("period-bound-object", broken(put(*CTRL, "period", "end", {"y": 2017})), {"$.controls[0].period.end"}),
    case(
        "two-bad-period-bounds",
        broken(put(*CTRL, "period", {"start": "2017-13", "end": "2017-02-30"})),
        {"$.controls[0].period.start", "$.controls[0].period.end"},
    ),
    case(
        "two-unknown-keys-in-period",
        broken(put(*CTRL, "period", {"from": "2017", "to": "2018"})),
        {"$.controls[0].period.from", "$.controls[0].period.to"},
    ),
    case("event-without-start", broken(drop(*EVENT, "date", "start")), {"$.events[0].date.start"}),
    # ids and sets
    case("id-with-space", broken(put("actors", 0, "id", "has space")), {"$.actors[0].id"}, "'has space'"),
    case("id-empty", broken(put("actors", 0, "id", "")), {"$.actors[0].id"}),
    case("id-65-chars", broken(put("actors", 0, "id", "a" * 65)), {"$.actors[0].id"}),
    case("reference-leading-dash", broken(put(*CTRL, "territory", "-x")), {"$.controls[0].territory"}),
    case("repeated-source", broken(put("actors", 1, "sources", ["s1", "s1"])), {"$.actors[1].sources"}),
    case(
        "repeated-role",
        broken(put("agreements", 0, "actors", 0, "roles", ["party", "party"])),
        {"$.agreements[0].actors[0].roles"},
    ),
    case("repeated-side-member", broken(put("hostilities", 0, "side_a", ["sy", "sy"])), {"$.hostilities[0].side_a"}),
    case("empty-side", broken(put("hostilities", 0, "side_b", [])), {"$.hostilities[0].side_b"}),
    # cross-field rules of one object
    case("fatalities-low-above-best", broken(put(*EVENT, "fatalities", "low", 4)), {"$.events[0].fatalities.low"}),
    case("fatalities-best-above-high", broken(put(*EVENT, "fatalities", "best", 6)), {"$.events[0].fatalities.high"}),
    case("confidence-1.5", broken(put(*CTRL, "confidence", 1.5)), {"$.controls[0].confidence"}, "1.5"),
    case("contested-without-opponents", broken(drop(*CTRL, "opponents")), {"$.controls[0].opponents"}),
    case("opponents-on-full-control", broken(put(*CTRL, "status", "full")), {"$.controls[0].opponents"}),
    case("opponent-is-controller", broken(put(*CTRL, "opponents", ["reb"])), {"$.controls[0].opponents"}),
    case(
        "excluded-and-party",
        broken(put("agreements", 0, "actors", 1, "roles", ["excluded", "party"])),
        {"$.agreements[0].actors[1].roles"},
        "both excluded and party",
    ),
    case(
        "agreement-actor-twice",
        broken(append("agreements", 0, "actors", {"actor": "ru", "roles": ["party"]})),
        {"$.agreements[0].actors"},
        "'ru'",
    ),
    case("posts-on-a-state", broken(put("actors", 0, "posts", [{"title": "Head"}])), {"$.actors[0].posts"}),
    case("country-alpha2", broken(put("actors", 0, "country", "sy")), {"$.actors[0].country"}),
    case("country-name", broken(put("actors", 0, "country", "SYRIA")), {"$.actors[0].country"}),
    case("latitude-91", broken(put(*EVENT, "coordinates", "lat", 91)), {"$.events[0].coordinates.lat"}),
    case("area-zero", broken(put("territories", 0, "area_km2", 0)), {"$.territories[0].area_km2"}),
    # geometry
    case("ring-unclosed", broken(put(*RING, 3, [36.5, 35.5])), {"$.territories[1].geometry.coordinates[0]"}),
    case(
        "ring-of-3",
        broken(put(*RING, [[36.0, 35.0], [37.0, 35.0], [36.0, 35.0]])),
        {"$.territories[1].geometry.coordinates[0]"},
    ),
    case(
        "position-latitude-95",
        broken(put(*RING, 1, 1, 95.0)),
        {"$.territories[1].geometry.coordinates[0][1]"},
    ),
    case(
        "position-string",
        broken(put(*RING, 1, 0, "37")),
        {"$.territories[1].geometry.coordinates[0][1][0]"},
    ),
    case(
        "geometry-nested-too-shallow",
        broken(put(*GEOMETRY, "coordinates", [[36.0, 35.0]])),
        {"$.territories[1].geometry.coordinates[0][0]"},
    ),
    case(
        "linestring-of-1",
        broken(put(*GEOMETRY, {"type": "LineString", "coordinates": [[36.0, 35.0]]})),
        {"$.territories[1].geometry.coordinates"},
    ),
    case(
        "point-longitude-181",
        broken(put(*GEOMETRY, {"type": "Point", "coordinates": [181, 35]})),
        {"$.territories[1].geometry.coordinates"},
    ),
    case(
        "geometry-type-unknown",
        broken(put(*GEOMETRY, "type", "Circle")),
        {"$.territories[1].geometry.type"},
        "'Circle'",
    ),
    case(
        "geometry-without-coordinates",
        broken(drop(*GEOMETRY, "coordinates")),
        {"$.territories[1].geometry.coordinates"},
    ),
    case(
        "geometry-unknown-key",
        broken(put(*GEOMETRY, "crs", "EPSG:4326")),
        {"$.territories[1].geometry.crs"},
    ),
    case("geometry-string", broken(put(*GEOMETRY, "Polygon")), {"$.territories[1].geometry"}),
    # several problems at once
    case(
        "problems-in-two-items-of-one-array",
        broken(put("actors", 0, "id", "bad id"), put("actors", 2, "id", "")),
        {"$.actors[0].id", "$.actors[2].id"},
    ),
    case(
        "two-rule-problems-in-one-object",
        broken(put("actors", 0, "id", "a b"), put("actors", 0, "name", "")),
        {"$.actors[0].id", "$.actors[0].name"},
    ),
    case(
        "latitude-and-longitude-out-of-range",
        broken(put(*EVENT, "coordinates", {"lat": 91, "lon": 181})),
        {"$.events[0].coordinates.lat", "$.events[0].coordinates.lon"},
    ),
    case(
        "type-and-rule-problems-in-one-object",
        broken(put("actors", 0, "kind", "empire"), put("actors", 0, "id", "a b")),
        {"$.actors[0].kind", "$.actors[0].id"},
    ),
    case(
        "bad-nested-date-and-bad-confidence",
        broken(put(*CTRL, "period", "end", "2017-02-30"), put(*CTRL, "confidence", 1.5)),
        {"$.controls[0].period.end", "$.controls[0].confidence"},
    ),
    case(
        "two-roles-unknown",
        broken(put("agreements", 0, "actors", 1, "roles", ["x", "y"])),
        {"$.agreements[0].actors[1].roles[0]", "$.agreements[0].actors[1].roles[1]"},
    ),
]


@pytest.mark.parametrize(("text", "paths", "message"), CASES)
def test_malformed_document_is_refused_with_every_problem_at_its_path(
    text: str | bytes, paths: set[str], message: str
) -> None:
    loaded: cm.Scenario | None = None
    with pytest.raises(cm.LoadError) as info:
        loaded = cm.loads(text)
    assert loaded is None
    assert paths == {problem.path for problem in info.value.problems}
    assert len(paths) == len(info.value.problems)
    assert message in str(info.value)


def test_cases_are_distinct() -> None:
    texts = [p.values[0] for p in CASES]
    assert len(texts) == len(set(texts))
    assert len(CASES) >= 35


SEVERAL = broken(
    drop("actors", 0, "name"),
    put("actors", 1, "kind", "empire"),
    put(*CTRL, "period", "end", "2017-02-30"),
    put(*EVENT, "fatalities", "low", 9),
    put("agreements", 0, "actors", 1, "roles", ["guarantor", "king"]),
    put("meta", "x", 1),
    put("territories", 0, "population", "12"),
)


def test_several_problems_are_all_reported_at_once() -> None:
    with pytest.raises(cm.LoadError) as info:
        cm.loads(SEVERAL)
    expected = {
        "$.actors[0].name",
        "$.actors[1].kind",
        "$.controls[0].period.end",
        "$.events[0].fatalities.low",
        "$.agreements[0].actors[1].roles[1]",
        "$.meta.x",
        "$.territories[0].population",
    }
    assert 7 == len(info.value.problems)
    assert expected == {problem.path for problem in info.value.problems}
    assert str(info.value).startswith("7 problems found")


def test_every_problem_is_listed_in_the_message() -> None:
    with pytest.raises(cm.LoadError) as info:
        cm.loads(SEVERAL)
    lines = str(info.value).splitlines()[1:]
    assert [str(problem) for problem in info.value.problems] == [line.strip() for line in lines]


def test_problem_message_names_the_bad_date() -> None:
    with pytest.raises(cm.LoadError) as info:
        cm.loads(broken(put(*CTRL, "period", "end", "2017-02-30")))
    (problem,) = info.value.problems
    assert "$.controls[0].period.end" == problem.path
    assert "'2017-02-30'" in problem.message
    assert "date" in problem.message


# --- accepted variations ---------------------------------------------------------------


def test_byte_order_mark_is_accepted_in_bytes() -> None:
    assert cm.loads(BASE_TEXT) == cm.loads(b"\xef\xbb\xbf" + BASE_TEXT.encode("utf-8"))


def test_byte_order_mark_is_accepted_in_text() -> None:
    assert cm.loads(BASE_TEXT) == cm.loads("\ufeff" + BASE_TEXT)


def test_utf8_bytes_load_like_text() -> None:
    text = broken(put("actors", 0, "name", "\u0633\u0648\u0631\u064a\u0627"))
    assert cm.loads(text) == cm.loads(text.encode("utf-8"))


def test_a_failed_load_leaves_later_loads_unaffected() -> None:
    before = cm.loads(BASE_TEXT)
    with pytest.raises(cm.LoadError):
        cm.loads(SEVERAL)
    assert before == cm.loads(BASE_TEXT)


# --- files ---------------------------------------------------------------------------


def test_load_missing_file_raises_load_error_naming_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.json"
    with pytest.raises(cm.LoadError) as info:
        cm.load(missing)
    assert str(missing) == info.value.source
    assert str(missing) in str(info.value)


def test_load_from_a_path_reports_the_file_name_with_problems(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(broken(put("actors", 0, "kind", "empire")), encoding="utf-8")
    with pytest.raises(cm.LoadError) as info:
        cm.load(path)
    assert (str(path), {"$.actors[0].kind"}) == (info.value.source, {p.path for p in info.value.problems})
    assert str(info.value).startswith(f"{path}: 1 problem found")


def test_load_accepts_str_path_and_open_file(tmp_path: Path) -> None:
    path = tmp_path / "ok.json"
    path.write_text(BASE_TEXT, encoding="utf-8")
    with path.open("rb") as binary, path.open(encoding="utf-8") as text:
        assert [cm.loads(BASE_TEXT)] * 3 == [cm.load(str(path)), cm.load(binary), cm.load(text)]


def test_load_error_is_a_value_error_and_a_conflictmodel_error() -> None:
    with pytest.raises(ValueError, match="problem") as info:
        cm.loads("[]")
    assert isinstance(info.value, cm.LoadError)
    assert isinstance(info.value, cm.ConflictModelError)


# --- from_dict of single records -------------------------------------------------------


def test_from_dict_reports_paths_relative_to_the_record() -> None:
    with pytest.raises(cm.LoadError) as info:
        cm.from_dict(cm.Actor, {"id": "a b", "name": "", "kind": "state", "extra": 1})
    assert {"$.id", "$.name", "$.extra"} == {p.path for p in info.value.problems}


def test_from_dict_refuses_a_non_object() -> None:
    with pytest.raises(cm.LoadError) as info:
        cm.from_dict(cm.Period, ["2017", None])
    assert {"$"} == {p.path for p in info.value.problems}
