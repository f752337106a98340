"""The fast decoder (msgspec mirror structs) gives the same scenario as the reference
path for every document it accepts, and accepts none that the reference path refuses."""

from __future__ import annotations

import contextlib
import enum
import gc
import json
import re
import tracemalloc
import typing
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_load_errors import BASE_TEXT, CASES, broken, put

import conflictmodel as cm
import conflictmodel.io
from conflictmodel import strategies as cst
from conflictmodel._format import _converter, _fast, _jsonformat
from conflictmodel._format._fastcode import _default, never_made
from conflictmodel._format._fastvalues import _ids_checked
from conflictmodel._format._parse import as_text, parse
from conflictmodel._model import _fields as r
from conflictmodel._model._scenario import COLLECTIONS

# CI installs msgspec (the bench extra): this skip only applies to bare installs.
pytestmark = pytest.mark.skipif(not _fast.available, reason="the fast decoder needs msgspec")


def reference(text: str | bytes) -> cm.Scenario:
    """The scenario the reference path (standard library and cattrs) decodes."""
    return _jsonformat.from_dict(cm.Scenario, parse(as_text(text, None), None))


@pytest.mark.parametrize(("text", "paths", "message"), CASES)
def test_the_fast_decoder_accepts_no_malformed_document(text: str | bytes, paths: set[str], message: str) -> None:  # noqa: ARG001 - the cases carry paths and messages for the other test
    assert _fast.decode(text) is None


@pytest.mark.parametrize(("text", "paths", "message"), CASES)
def test_values_checked_in_an_earlier_document_do_not_pass_a_malformed_one(
    text: str | bytes,
    paths: set[str],  # noqa: ARG001 - the cases carry paths and messages for the other test
    message: str,  # noqa: ARG001
) -> None:
    """Each field keeps the values it has checked; a valid document first fills them."""
    assert _fast.decode(BASE_TEXT) is not None
    assert _fast.decode(text) is None
    assert _fast.decode(text) is None  # a refused value is not kept as checked


def test_a_value_checked_for_one_field_is_checked_again_for_another() -> None:
    """An empty id list is fine as a control's sources, not as its controllers: the
    checked values are kept per field, not per value."""
    lenient = broken(put("controls", 0, "sources", []), put("hostilities", 0, "side_b", ["reb", "tr"]))
    assert _fast.decode(lenient) is not None
    assert _fast.decode(broken(put("controls", 0, "controllers", []))) is None
    with pytest.raises(cm.LoadError) as refused:
        cm.loads(broken(put("controls", 0, "controllers", [])))
    assert {p.path for p in refused.value.problems} == {"$.controls[0].controllers"}
    # the same ids, distinct in one field, repeated in another
    assert _fast.decode(broken(put("hostilities", 0, "side_a", ["reb", "reb"]))) is None


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)  # big scenarios; a busy machine
@given(cst.scenarios())
def test_the_fast_decoder_agrees_with_the_reference_path(scenario: cm.Scenario) -> None:
    text = cm.dumps(scenario)
    compact = json.dumps(json.loads(text), separators=(",", ":"))
    found = _fast.decode(text)
    assert found is not None
    assert reference(text) == found == _fast.decode(compact.encode()) == scenario
    assert text == cm.dumps(found)


def test_the_fast_decoder_reads_the_base_document_like_the_reference() -> None:
    found = _fast.decode(BASE_TEXT)
    assert found is not None
    assert reference(BASE_TEXT) == found


def test_the_fast_decoder_reads_str_as_it_reads_bytes() -> None:
    # an ASCII str is read in place, any other str as its UTF-8 bytes: the same scenario
    plain = BASE_TEXT
    assert plain.isascii()
    accented = plain.replace('"title": "', '"title": "Ḥamā ', 1)
    assert not accented.isascii()
    for text in (plain, accented):
        found = _fast.decode(text)
        assert found is not None
        assert found == _fast.decode(text.encode()) == _fast.decode("\ufeff" + text) == reference(text)
    assert _fast.decode(accented) != _fast.decode(plain)


# --- repeated keys: msgspec keeps the last one; the format refuses them ---------------------


@pytest.mark.parametrize(
    "text",
    [
        '{"schema": "conflictmodel/1", "meta": {"title": "a", "title": "b"}}',
        '{"schema": "conflictmodel/1", "meta": {"title": "a: b", "title": "c"}}',
        '{"schema": "conflictmodel/1", "schema": "conflictmodel/1", "meta": {"title": "a"}}',
        BASE_TEXT.replace('"confidence": 0.8', '"confidence": 0.8, "confidence": 0.7'),
        BASE_TEXT.replace('"lat": 35.9', '"lat": 35.9, "lat": 35.9'),
        BASE_TEXT.replace('"start": "2017-05-06"', '"start": "2017-05-06", "start": "2017-05-06"'),
        BASE_TEXT.replace('"cow": "640"', '"cow": "640", "cow": "641"'),
        BASE_TEXT.replace('"actor": "ru", "role": "side_a"', '"actor": "ru", "role": "side_a", "role": "side_a"'),
    ],
    ids=["meta", "colon-in-text", "schema", "control", "coordinates", "shared-period", "map", "shared-object"],
)
def test_repeated_keys_are_refused_by_both_paths(text: str) -> None:
    assert _fast.decode(text) is None
    with pytest.raises(cm.LoadError, match="repeated key"):
        cm.loads(text)


@pytest.mark.parametrize(
    "text",
    [
        BASE_TEXT.replace('"confidence": 0.8', '"confidence": 0.8, "colour": "red"'),
        BASE_TEXT.replace('"confidence": 0.8', '"confidence": 0.8, "note:": "a: b"'),
        BASE_TEXT.replace('"lat": 35.9', '"lat": 35.9, "alt": {"m": 300}'),
    ],
    ids=["record", "record-colons", "nested"],
)
def test_unknown_keys_that_msgspec_skips_are_refused_by_the_key_count(text: str) -> None:
    """msgspec skips unknown keys of an attrs class (the twins): the key count finds them."""
    assert text != BASE_TEXT
    assert _fast.decode(text) is None
    with pytest.raises(cm.LoadError, match=r"colour|note:|alt"):
        cm.loads(text)


def test_colons_inside_strings_still_load_fast() -> None:
    text = broken(put("meta", "description", "Note: a: b: c"), put("actors", 0, "id", "ucdp:1"))
    text = text.replace('"controllers": ["reb"]', '"controllers": ["reb"]').replace('"sy"', '"ucdp:1"')
    found = _fast.decode(text)
    assert found is not None
    assert reference(text) == found


def test_repeated_items_of_a_set_are_refused_by_the_fast_decoder() -> None:
    assert _fast.decode(broken(put("actors", 1, "sources", ["s1", "s1"]))) is None


# --- new fields are picked up from the attrs classes ---------------------------------------


class Shade(enum.Enum):
    LIGHT = "light"
    DARK = "dark"


@attrs.frozen(kw_only=True)
class Swatch:
    id: str = attrs.field(validator=r.valid_id)
    shade: Shade = attrs.field(default=Shade.LIGHT, validator=r.member_of(Shade))
    share: float | None = attrs.field(
        default=None, converter=r.to_optional_number, validator=r.number(minimum=0.0, maximum=1.0, optional=True)
    )
    tags: frozenset[str] = attrs.field(default=frozenset(), validator=r.id_set())

    def __attrs_post_init__(self) -> None:
        if self.shade is Shade.DARK and self.share is None:
            raise ValueError("a dark swatch needs a share")


def _decode(cls: type[Any], text: bytes) -> Any:
    return _fast._Mirrors().decode(cls, text)


def test_a_class_the_decoder_never_saw_is_mirrored_from_its_fields() -> None:
    assert Swatch(id="a", shade=Shade.DARK, share=1.0, tags=frozenset({"x"})) == _decode(
        Swatch, b'{"id": "a", "shade": "dark", "share": 1, "tags": ["x"]}'
    )
    assert Swatch(id="b") == _decode(Swatch, b'{"id": "b"}')


@pytest.mark.parametrize(
    "text",
    [
        b'{"id": "a b"}',
        b'{"id": "a", "share": 1.5}',
        b'{"id": "a", "share": null}',
        b'{"id": "a", "shade": "dark"}',
        b'{"id": "a", "colour": "red"}',
        b'{"id": "a", "tags": ["x", "x"]}',
        b'{"id": "a", "share": true}',
        b'{"id": 5}',
    ],
    ids=["bad-id", "out-of-range", "null", "post-init", "unknown-key", "repeated-item", "bool", "wrong-type"],
)
def test_a_mirrored_class_keeps_every_rule(text: bytes) -> None:
    with pytest.raises(Exception):  # noqa: B017, PT011 - any refusal sends the document to the reference path
        _decode(Swatch, text)


# --- the collector -----------------------------------------------------------------------


@pytest.mark.parametrize("enabled", [True, False])
def test_dumps_restores_the_garbage_collector_state(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        with contextlib.suppress(cm.LoadError):
            cm.dumps(cm.loads(BASE_TEXT))
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_decodes_in_threads_each_refuse_their_own_repeated_key() -> None:
    """The builders' key counter is shared: decodes in threads must not mix their counts."""
    from concurrent.futures import ThreadPoolExecutor  # noqa: PLC0415 - only this test

    repeated = BASE_TEXT.replace('"confidence": 0.8', '"confidence": 0.8, "confidence": 0.7')
    texts = [BASE_TEXT, repeated] * 20
    with ThreadPoolExecutor(4) as pool:
        found = list(pool.map(_fast.decode, texts))
    assert [isinstance(f, cm.Scenario) for f in found] == [True, False] * 20


def _containers(data: Any) -> int:
    """The number of dicts and lists in plain JSON data."""
    if isinstance(data, dict):
        return 1 + sum(_containers(value) for value in data.values())
    if isinstance(data, list):
        return 1 + sum(_containers(item) for item in data)
    return 0


def test_dumps_frees_its_plain_data_before_the_collector_is_back_on() -> None:
    """Otherwise the collector's first pass after the pause walks all the plain data
    (millions of containers for a large scenario) just before it is freed: about a tenth
    of a large scenario's encode."""
    scenario = cm.syria_2017()
    walked: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 0:
            walked.append(len(gc.get_objects(generation=0)))

    was = gc.isenabled()
    gc.enable()
    gc.collect()
    gc.callbacks.append(note)
    try:
        cm.dumpb(scenario)
    finally:
        gc.callbacks.remove(note)
        gc.enable() if was else gc.disable()
    assert max(walked, default=0) < _containers(cm.to_dict(scenario)) / 10


# --- absent keys: a twin's slot holds the default itself where msgspec can never make it ----


def _default_text(field: attrs.Attribute[Any]) -> Any:
    """The format's value of a field's default, or ``None`` for a default the format can
    only write as an absent key."""
    default = _default(field)
    if default is None:
        return None
    plain = _converter.FAST.unstructure(default)
    return sorted(plain) if isinstance(plain, frozenset) else plain


def test_optional_keys_given_their_default_explicitly_load_fast_and_equal() -> None:
    """Every optional key of every record written out with its default (an enumeration
    member, an empty array or object) is read, counted and equal: a slot that marks
    absence by holding the default must never be mistaken for a key that was given."""
    document = json.loads(BASE_TEXT)
    hints = typing.get_type_hints(cm.Scenario)
    given = 0
    for name in COLLECTIONS:
        (cls, _) = typing.get_args(hints[name])
        for record in document.get(name, []):
            for field in attrs.fields(cls):
                text = _default_text(field) if field.init and field.default is not attrs.NOTHING else None
                if text is not None and field.name not in record:
                    record[field.name] = text
                    given += 1
    text = json.dumps(document)
    found = _fast.decode(text)
    assert given >= 20
    assert found is not None
    assert found == reference(text) == reference(BASE_TEXT)


@pytest.mark.parametrize(
    ("value", "mirror", "never"),
    [
        (None, str, True),
        (frozenset(), tuple[str, ...], True),
        (r.EMPTY_MAP, dict[str, str], True),
        (cm.ControlStatus.FULL, cm.ControlStatus, False),  # msgspec returns the member itself
        ((), tuple[str, ...], False),  # the empty tuple is one object
        (0, int, False),
        (False, bool, False),
        ("", str, False),
        (None, Any, False),  # an untyped mirror may hold null
        (frozenset(), Any, False),
    ],
)
def test_a_default_marks_absence_only_if_msgspec_can_never_return_it(value: Any, mirror: Any, never: bool) -> None:
    assert never_made(value, mirror) is never


def test_an_events_actors_read_as_raw_text_are_one_object_per_distinct_value() -> None:
    """The actors of an event are read as their raw text and looked up by it; two texts
    of one value (spaced differently, keys in another order) still give one object."""
    document = json.loads(BASE_TEXT)
    second = {**document["events"][0], "id": "e2", "actors": "RESPACED"}
    document["events"].append(second)
    text = json.dumps(document).replace('"RESPACED"', '[ { "role" : "side_a", "actor" : "ru" } ]')
    found = _fast.decode(text)
    assert found is not None
    one, two = found.events
    assert one.actors == two.actors == reference(text).events[1].actors
    assert one.actors is two.actors


# --- a record's own id, checked for its whole collection at once ----------------------

_BAD_IDS = ["has space", "", "a" * 65, "-leading", "caf\u00e9", "a\nb", "a\n", "\nb", "a\n\nb"]


@pytest.mark.parametrize("collection", COLLECTIONS)
@pytest.mark.parametrize("bad", _BAD_IDS, ids=repr)
def test_a_bad_record_id_is_refused_in_every_collection(collection: str, bad: str) -> None:
    """The records' own ids are checked once per collection (one regex over the ids
    joined by newlines), so an id holding a newline must not pass as two good ones."""
    document = json.loads(BASE_TEXT)
    assert document[collection], collection
    document[collection][-1]["id"] = bad
    assert _fast.decode(json.dumps(document)) is None
    with pytest.raises(cm.LoadError) as refused:
        cm.loads(json.dumps(document))
    assert f"$.{collection}[{len(document[collection]) - 1}].id" in {p.path for p in refused.value.problems}


@pytest.mark.parametrize("good", ["sy-gov", "a.b:c_d-9", "A" * 64, "0"])
def test_record_ids_with_every_allowed_character_load_fast(good: str) -> None:
    document = json.loads(BASE_TEXT)
    document["events"][0]["id"] = good
    found = _fast.decode(json.dumps(document))
    assert found is not None
    assert found.events[0].id == good


@pytest.mark.parametrize("bad", _BAD_IDS, ids=repr)
def test_a_record_decoded_alone_has_its_id_checked(bad: str) -> None:
    control = json.loads(BASE_TEXT)["controls"][0]
    assert _decode(cm.Control, json.dumps(control).encode()) == reference(BASE_TEXT).controls[0]
    with pytest.raises(Exception):  # noqa: B017, PT011 - any refusal sends the document to the reference path
        _decode(cm.Control, json.dumps({**control, "id": bad}).encode())


def test_checking_a_collections_ids_at_once_keeps_no_copy_per_id() -> None:
    """The one regex over the joined ids is possessive: a plain repetition keeps a way
    back into every id it passed (about 135 bytes each), which showed in the peak
    memory of a whole decode. Here the peak stays near the joined text and the list."""
    records = tuple(cm.Source(id=f"s{i:07d}", title="t") for i in range(20_000))
    tracemalloc.start()
    try:
        assert _ids_checked(records) is records
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20_000 * 40  # the list (8 B an id) and the text (9 B an id), with room


# --- imported documents: source rows, ids with colons ---------------------------------

_FIXTURES = Path(__file__).parent.parent / "fixtures" / "ucdp-ged"


@pytest.mark.parametrize(
    "imported",
    [
        lambda: cm.io.read_ucdp_ged(_FIXTURES / "ged-layout-synthetic.csv"),  # rows of text
        lambda: cm.io.read_ucdp_ged_json(_FIXTURES / "events_sample-subset.json"),  # numbers too
    ],
    ids=["csv", "json"],
)
def test_an_imported_document_decodes_fast_as_written_and_refuses_a_repeated_row_key(
    imported: typing.Callable[[], cm.io.Imported],
) -> None:
    """What importers write: every event's verbatim row (checked at once, made into a
    map without a copy), ids such as ``ucdp-ged:900001`` (colons in strings, so the keys
    are counted beyond the colons). A key repeated inside one row is still refused."""
    scenario = imported().scenario
    text = cm.dumps(scenario)
    fast = _fast.decode(text)
    assert fast is not None
    assert scenario == fast == reference(text)
    assert cm.dumps(fast) == text
    row = scenario.events[0].origin
    assert row is not None
    assert row.row
    first = next(iter(row.row))
    written = f'"{first}": {json.dumps(row.row[first])},'
    assert written in text
    repeated = text.replace(written, written + " " + written, 1)
    assert _fast.decode(repeated) is None
    with pytest.raises(cm.LoadError):
        cm.loads(repeated)


# --- the exact key count of a text whose strings hold colons -------------------------


def _reference_keys(text: str) -> int:
    count = [0]

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        count[0] += len(items)
        return dict(items)

    json.loads(text, object_pairs_hook=pairs)
    return count[0]


_AWKWARD = st.text(alphabet=st.sampled_from(['"', "\\", ":", "a", " ", "\n", "é", "/", "u", "{", "}"]), max_size=8)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | _AWKWARD,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_AWKWARD, inner, max_size=4),
    max_leaves=20,
)


_SEPARATORS = st.sampled_from(
    [(",", ":"), (", ", ": "), (" , ", " : "), (",", "\n\t:\r"), ("\r,", "\r:"), (",\n", "\n:")]
)  # every JSON blank just before a key's colon
_PIECES = st.sampled_from([1, 2, 3, 5, 8, 64, 1 << 16])  # how much of the text is counted at a time


@given(_JSON, st.sampled_from([None, 2]), st.booleans(), _SEPARATORS, _PIECES)
def test_the_key_count_agrees_with_a_parse_on_any_text(
    value: Any, indent: int | None, ascii_only: bool, separators: tuple[str, str], size: int
) -> None:
    """Keys and strings full of quotes, backslashes and colons, escaped or raw, and
    whitespace around the colons: the colons outside strings are the keys, however
    the text is cut into pieces (a piece never ends on a backslash)."""
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_only, separators=separators)
    assert _fast._keys_in(text, size) == _fast._keys_in(text.encode(), size) == _reference_keys(text)


@given(_JSON, st.sampled_from([None, 2]), st.booleans(), _SEPARATORS, _PIECES)
def test_the_quick_key_bound_is_the_colons_after_quotes_and_blanks(
    value: Any, indent: int | None, ascii_only: bool, separators: tuple[str, str], size: int
) -> None:
    """The first count that may prove a decode kept every key: the colons just after a
    quote or a blank, never fewer than the keys (or a repeated key could pass)."""
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_only, separators=separators)
    after = len(re.findall(r'[" \t\n\r]:', text))
    assert _fast._keys_at_most(text, size) == _fast._keys_at_most(text.encode(), size) == after
    assert after >= _reference_keys(text)


@pytest.mark.parametrize(
    "text",
    [
        '{"a\\\\": 1}',
        '{"\\"": ":"}',
        '{"a": "\\\\\\":"}',
        '{"a" : {"b:" :[":", {"\\\\\\\\": "\\\\"}]}}',
        '{"\\n\\"": "\\u003a:", "x": "\\/:\\\\"}',
        '[":", "::", "\\":\\""]',
    ],
)
def test_the_key_count_of_escapes_beside_quotes_and_colons(text: str) -> None:
    assert _fast._keys_in(text) == _reference_keys(text)


@pytest.mark.parametrize("run", [1, 2, 999, 1000])
@pytest.mark.parametrize("size", [1, 2, 3, 7, 64])
def test_the_key_count_across_a_long_run_of_backslashes(run: int, size: int) -> None:
    """A piece is never cut inside a run of backslashes: it goes on to the next other
    character (found by a regular expression, in C, however long the run)."""
    text = json.dumps({"a": "\\" * run + '":', "b:": ['\\":', {"c": 1}]})
    assert _fast._keys_in(text, size) == _fast._keys_in(text.encode(), size) == _reference_keys(text)


@pytest.mark.parametrize("count", [_fast._keys_in, _fast._keys_at_most])
def test_the_key_counts_keep_no_copy_of_the_whole_text(count: typing.Callable[[bytes], int]) -> None:
    """Both counts read the text a piece at a time: a decode's peak memory is not raised
    by copies of its text (the exact count's copies had added 40 % to it)."""
    text = json.dumps({f"k{i}": f'a "quoted": {i} \\ b' for i in range(40_000)}).encode()
    assert len(text) > 1_000_000
    tracemalloc.start()
    try:
        assert count(text) >= 40_000
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < len(text) // 4


@pytest.mark.parametrize("title", ['A report: "quoted" \\ and more: here', 'Note : "Operation Olive Branch": day 1'])
def test_a_colon_in_a_string_still_refuses_a_repeated_key(title: str) -> None:
    """The second title has colons after a blank and after a quote: the quick bound is
    above the keys there, and the exact count decides."""
    document = json.loads(BASE_TEXT)
    document["sources"][0]["title"] = title
    text = json.dumps(document)
    assert _fast.decode(text) is not None
    start = json.dumps(title)[:4]
    repeated = text.replace(f'"title": {start}', f'"title": "A", "title": {start}', 1)
    assert repeated != text
    assert _fast.decode(repeated) is None
