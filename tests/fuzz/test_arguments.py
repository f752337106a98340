"""Fuzzing the lookups and queries of a scenario with arguments of the wrong Python type.

Each example takes one lookup or query of the bundled scenario, asked with good
arguments (its own ids, days it covers), and replaces one argument by a hostile Python
value: a list, a dict, ``None``, a number, bytes, a set, a class, text that is no id or
no day. The promise: the call ends in its answer, or in the error documented for that
argument (``docs/queries.md``, "What the queries raise") — an :class:`ArgumentError`
naming the argument replaced, a :class:`FieldError` for a day, an
:class:`UnknownIdError` only for a value that could name an id — never in whatever a
dict lookup or a loop raises first (``TypeError: unhashable type: 'list'``).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from functools import cache
from typing import Any

import pytest
from fuzz_helpers import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import conflictmodel as cm


@cache
def scenario() -> cm.Scenario:
    return cm.syria_2017()


class _Str(str):
    """A str subclass: an id all the same."""

    __slots__ = ()


HOSTILE: list[Any] = [
    None,
    True,
    0,
    5,
    -1,
    1.5,
    float("nan"),
    b"ru",
    bytearray(b"ru"),
    [],
    ["ru"],
    ("ru",),
    {},
    {"ru": 1},
    set(),
    {"ru"},
    frozenset({"ru"}),
    object(),
    cm.Actor,
    cm.Meta,
    type,
    dt.date(2017, 1, 1),
    cm.AllianceKind.COALITION,
    cm.Role.PARTY,
    "",
    "ru",
    "no-such-id",
    "2017-02-30",
    "2017-13",
    "2017",
    "certainly",
    "CM1",
    _Str("ru"),
    [["ru"]],
    [("sy", "2017-01-01", "x")],
    [(["sy"], "2017-01-01")],
    [("sy", ["2017-01-01"])],
]

hostile = st.one_of(
    st.sampled_from(HOSTILE),
    st.integers(),
    st.floats(),
    st.text(max_size=6),
    st.binary(max_size=4),
    st.lists(st.one_of(st.none(), st.integers(), st.text(max_size=3)), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.tuples(st.one_of(st.none(), st.integers(), st.text(max_size=3))),
)

DAYS = ("day", "first", "second")
"""Arguments that are days: refused with a FieldError (as_day's), not an ArgumentError."""


GOOD: dict[str, Any] = {
    "territory": "sy",
    "within": "sy",
    "covering": "sy",
    "actor": "ru",
    "agreement": "astana-mou",
    "day": "2017-11-30",
    "first": "2017-01-01",
    "second": "2017-11-30",
    "queries": [("sy", "2017-11-30")],
    "territories": ["sy"],
    "kinds": [cm.AllianceKind.COALITION],
    "alliance_kinds": list(cm.AllianceKind),
    "role": cm.Role.GUARANTOR,
    "reading": "possibly",
    "weight": "count",
    "grouping": "actor",
    "perpetrators": "anyone",
    "government": None,
    "id": "ru",
    "kind": cm.Actor,
    "select": "CM1",
    "ignore": None,
}
"""Good arguments of every call: the bundled scenario's ids and a day it covers."""


def _good(s: cm.Scenario, draw: st.DrawFn) -> dict[str, Any]:
    """Good arguments drawn from the scenario's ids and days of its records."""
    day = draw(st.sampled_from([dt.date(2017, 11, 30), "2017-06-01", dt.date(2012, 7, 1)]))
    territory = draw(st.sampled_from([t.id for t in s.territories]))
    return GOOD | {
        "territory": territory,
        "within": territory,
        "covering": territory,
        "actor": draw(st.sampled_from([a.id for a in s.actors])),
        "agreement": draw(st.sampled_from([g.id for g in s.agreements])),
        "day": day,
        "second": day,
        "queries": [(territory, day)],
        "territories": [territory],
    }


Call = Callable[[cm.Scenario, dict[str, Any]], object]

CALLS: dict[str, tuple[tuple[str, ...], Call]] = {
    "controllers_on": (("territory", "day"), lambda s, a: s.controllers_on(a["territory"], a["day"])),
    "controllers_on_many": (("queries",), lambda s, a: s.controllers_on_many(a["queries"])),
    "control_map": (("day", "territories"), lambda s, a: s.control_map(a["day"], territories=a["territories"])),
    "timeline": (("territory",), lambda s, a: s.timeline(a["territory"])),
    "changes_between": (
        ("first", "second", "within"),
        lambda s, a: s.changes_between(a["first"], a["second"], within=a["within"]),
    ),
    "territories_in": (("territory",), lambda s, a: s.territories_in(a["territory"])),
    "partition": (
        ("day", "within", "weight", "by", "government"),
        lambda s, a: s.partition(
            a["day"],
            within=a["within"],
            weight=a["weight"],
            by=a["by"] if "by" in a else a["grouping"],
            government=a["government"],
        ),
    ),
    "allies_of": (("actor", "day", "kinds"), lambda s, a: s.allies_of(a["actor"], a["day"], kinds=a["kinds"])),
    "supporters_of": (("actor", "day"), lambda s, a: s.supporters_of(a["actor"], a["day"])),
    "clients_of": (("actor", "day"), lambda s, a: s.clients_of(a["actor"], a["day"])),
    "enemies_of": (("actor", "day"), lambda s, a: s.enemies_of(a["actor"], a["day"])),
    "camps": (
        ("day", "within", "reading", "alliance_kinds"),
        lambda s, a: s.camps(a["day"], within=a["within"], reading=a["reading"], alliance_kinds=a["alliance_kinds"]),
    ),
    "agreements_in_force": (("day", "covering"), lambda s, a: s.agreements_in_force(a["day"], covering=a["covering"])),
    "actors_of": (("agreement", "day", "role"), lambda s, a: s.actors_of(a["agreement"], a["day"], role=a["role"])),
    "violations_of": (
        ("agreement", "by"),
        lambda s, a: s.violations_of(a["agreement"], by=a["by"] if "by" in a else a["perpetrators"]),
    ),
    "get": (("id", "kind"), lambda s, a: s.get(a["id"], a["kind"])),
    "find": (("id", "kind"), lambda s, a: s.find(a["id"], a["kind"])),
    "in": (("id",), lambda s, a: a["id"] in s),
    "validate": (("select", "ignore"), lambda s, a: cm.validate(s, select=a["select"], ignore=a["ignore"])),
}


def could_name_a_record(value: object) -> bool:
    """Whether a value may be a good argument that names nothing in the scenario: text
    (an id it has not), a record class (of which the id is not one), or a container of
    such (several ids, pairs with a day)."""
    if isinstance(value, str) or (isinstance(value, type) and value is not type):
        return True
    return isinstance(value, (list, tuple, set, frozenset)) and any(could_name_a_record(item) for item in value)


def check_call(name: str, argument: str, value: object, good: dict[str, Any]) -> None:
    """The promise for one call with ``argument`` replaced by ``value``."""
    try:
        CALLS[name][1](scenario(), good | {argument: value})
    except cm.ConflictModelError as error:
        raised: cm.ConflictModelError | None = error
    except Exception as error:  # the promise is broken: say which call
        raise AssertionError(f"{name}({argument}={value!r}) raised {type(error).__name__}: {error}") from error
    else:
        return
    case = (name, argument, value, str(raised))
    if isinstance(raised, cm.ArgumentError):
        # The argument replaced is the one named (a bad item of the pairs may be named
        # by what it stands for: territory).
        assert raised.argument in ({argument, "territory"} if argument == "queries" else {argument}), case
        assert str(raised).startswith(f"{raised.argument}: "), case
    elif isinstance(raised, cm.FieldError):  # a day (or a pair's day) that is not a day
        assert argument in DAYS or argument == "queries", case
    elif isinstance(raised, cm.UnknownIdError):
        assert could_name_a_record(value), case
    else:
        assert isinstance(raised, cm.AmbiguousTerritoryError), case
        assert (argument, value) == ("within", None), case


@st.composite
def bad_calls(draw: st.DrawFn) -> tuple[str, str, object, dict[str, Any]]:
    name = draw(st.sampled_from(sorted(CALLS)))
    argument = draw(st.sampled_from(CALLS[name][0]))
    return name, argument, draw(hostile), _good(scenario(), draw)


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=bad_calls())
def test_a_query_given_a_bad_argument_ends_in_its_answer_or_the_documented_error(
    case: tuple[str, str, object, dict[str, Any]],
) -> None:
    check_call(*case)


@pytest.mark.parametrize("name", sorted(CALLS))
def test_good_arguments_give_an_answer(name: str) -> None:
    """The good arguments the fuzzing starts from are good: a mistake there would let
    bad ones pass as an UnknownIdError."""
    CALLS[name][1](scenario(), GOOD)


# One case per bug of this class found so far: each raised a builtin error before.
@pytest.mark.parametrize(
    ("name", "argument", "value"),
    [
        ("controllers_on", "territory", ["x"]),  # TypeError: unhashable type: 'list'
        ("controllers_on", "territory", 5),  # UnknownIdError for a number
        ("controllers_on_many", "queries", [("sy",)]),  # ValueError: not enough values to unpack
        ("controllers_on_many", "queries", 5),  # 'int' object is not iterable
        ("control_map", "territories", [{"x": 1}]),
        ("get", "kind", 5),  # AttributeError: 'int' object has no attribute '__name__'
        ("find", "kind", "Actor"),  # silently None
        ("get", "id", None),
        ("in", "id", ["ru"]),
        ("partition", "by", ["x"]),  # a bare ValueError
        ("partition", "government", {"ru"}),
        ("camps", "alliance_kinds", [["x"]]),  # unhashable
        ("allies_of", "kinds", ["coalition"]),  # silently no allies: not a member of AllianceKind
        ("actors_of", "role", ["party"]),
        ("agreements_in_force", "covering", b"sy"),
        ("violations_of", "agreement", ["astana-mou"]),
    ],
)
def test_each_bad_argument_found_is_an_argument_error_naming_it(name: str, argument: str, value: object) -> None:
    with pytest.raises(cm.ArgumentError) as raised:
        CALLS[name][1](scenario(), GOOD | {argument: value})
    assert argument == raised.value.argument or (argument, raised.value.argument) == ("queries", "territory")
    assert isinstance(raised.value, TypeError)
    assert isinstance(raised.value, ValueError)


def test_an_unhashable_day_in_the_pairs_is_a_field_error_naming_the_day() -> None:
    """It raised ``TypeError: unhashable type: 'list'``."""
    with pytest.raises(cm.FieldError, match=r"^day: "):
        scenario().controllers_on_many([("sy", ["2017-11-30"])])  # type: ignore[list-item]


def test_enum_members_given_as_their_values_are_refused_not_ignored() -> None:
    """An alliance kind given as its text would match nothing, silently: refused."""
    assert isinstance(cm.AllianceKind.COALITION, enum.Enum)
    with pytest.raises(cm.ArgumentError, match=r"^alliance_kinds: expected an iterable of AllianceKind"):
        scenario().camps("2017-11-30", alliance_kinds=["coalition"])  # type: ignore[list-item]
