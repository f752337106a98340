"""Structure-aware mutation of JSON documents, and the promise every fuzz test checks.

A document is mutated where it has structure: a path is drawn into it (object keys and
array indexes, from the top down), and the value found there is replaced by a hostile
one (wrong JSON type, impossible date, huge or non-finite number, deep nesting), deleted,
or given an unknown or repeated key beside it. The promise, for any text: ``loads`` gives
a :class:`~conflictmodel.Scenario` or raises :class:`~conflictmodel.LoadError`; what is
accepted is written back exactly (and as UTF-8); ``validate`` and every query on it end
in a result or a documented error.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from functools import partial
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st

import conflictmodel as cm

FORMAT_LAYER_HARDENED = True
"""Whether the JSON format layer bounds its parse (deep nesting, ``None``) and refuses
lone surrogates. Until it does, the random mutations leave those three classes out and
the ``@example``s that show them are expected to fail; set this to True once it does, so
that the random mutations draw them too."""


def examples(normal: int) -> int:
    """``normal`` examples in the ordinary suite (fewer when the profile asks for fewer);
    the profile's own number in a long run (``--hypothesis-profile=fuzz``, with as many
    as ``CONFLICTMODEL_FUZZ_EXAMPLES`` says)."""
    current = settings.default
    configured = 100 if current is None else current.max_examples
    return configured if settings.get_current_profile_name() == "fuzz" else min(normal, configured)


def nested(depth: int) -> Any:
    """Arrays nested ``depth`` deep."""
    value: Any = []
    for _ in range(depth):
        value = [value]
    return value


SIMPLE_HOSTILE: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    1.5,
    -0.0,
    2**53 + 1,
    10**30,
    "",
    " ",
    "x",
    "not an id!",
    "2017-02-30",
    "2017-13",
    "0000-01-01",
    "9999-12-31",
    "2017-01-01/2016-01-01",
    [],
    {},
    [None],
    {"": None},
    {"a.b": 1, "c[0]": 2},
    nested(50),
    float("nan"),
    float("inf"),
    1e308,
    "\u0000",
    "\u202e",
    "١٢",
]
"""Hostile values that the format layer as it is already turns into a result or a LoadError."""

FORMAT_HOSTILE: list[Any] = ["\ud800", {"\udc00": 1}, "\u0000deep-nesting"]
"""Hostile values whose handling belongs to the decoder (lone surrogates, nesting past
Python's recursion limit: a placeholder, since no encoder writes it)."""


HUGE = {
    "\u0000huge-digits": "9" * 5000,
    "\u0000huge-exponent": "1e400",
    "\u0000huge-negative": "-1e400",
    "\u0000deep-nesting": "[" * 5000 + "]" * 5000,
}
"""Values no Python value writes as JSON (huge numbers, arrays nested past the recursion
limit): placeholders replaced in the text."""


def hostile_values() -> st.SearchStrategy[Any]:
    """A hostile value, a fresh copy each time: a mutation may later write inside a value
    it inserted (a shared ``[None]`` would then hold itself, and the pool would change
    from one example to the next)."""
    pool = SIMPLE_HOSTILE + (FORMAT_HOSTILE if FORMAT_LAYER_HARDENED else [])
    return st.one_of(
        st.sampled_from(pool).map(copy.deepcopy),
        st.sampled_from(sorted(HUGE)),
        st.integers(),
        st.floats(),
        st.text(max_size=5),
    )


@st.composite
def mutated(draw: st.DrawFn, document: Any) -> str:  # noqa: C901 - one branch per kind of mutation, kept together
    """The JSON text of ``document`` with one to three mutations at drawn paths."""
    doc = json.loads(json.dumps(document))
    duplicate: tuple[str, Any] | None = None
    for _ in range(draw(st.integers(1, 3))):
        parent: Any = None
        key: Any = None
        node = doc
        while isinstance(node, (dict, list)) and node:
            keys = list(node) if isinstance(node, dict) else list(range(len(node)))
            parent, key = node, draw(st.sampled_from(keys))
            node = node[key]
            if not draw(st.integers(0, 4)):
                break
        action = draw(st.sampled_from(["replace", "replace", "delete", "unknown", "repeat"]))
        if parent is None:
            if action == "replace":
                doc = draw(hostile_values())
            continue
        if action == "replace" or (action == "delete" and isinstance(parent, list)):
            parent[key] = draw(hostile_values())
        elif action == "delete":
            del parent[key]
        elif action == "unknown" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["zz_unknown", "", "a.b", "c[0]", "Id", "id "]))] = draw(hostile_values())
        elif action == "repeat" and isinstance(parent, dict) and isinstance(key, str):
            duplicate = (key, draw(hostile_values()))
    text = json.dumps(doc, ensure_ascii=draw(st.booleans()))
    for placeholder, number in HUGE.items():
        text = text.replace(json.dumps(placeholder), number)
    if duplicate is not None:
        # A repeated key, which no dict can hold: spliced into the text after the first.
        name, value = duplicate
        marker = json.dumps(name) + ": "
        at = text.find(marker)
        if at >= 0:
            text = f"{text[:at]}{marker}{json.dumps(value)}, {text[at:]}"
    return text


def documented_query_errors() -> tuple[type[BaseException], ...]:
    return (cm.UnknownIdError,)


def query_calls(s: cm.Scenario) -> list[tuple[str, Callable[[], object]]]:
    """Every query of the scenario, asked of a few of its own ids (and one that is none)
    on a few days."""
    days = [dt.date(2017, 1, 1), dt.date(2011, 3, 15)]
    days += [p.start.earliest for c in s.controls[:1] if (p := c.period).start is not None]
    territories = [t.id for t in s.territories[:2]] + [t.id for t in s.territories[-1:]] + ["no-such-id"]
    actors = [a.id for a in s.actors[:2]] + [a.id for a in s.actors[-1:]] + ["no-such-id"]
    agreements = [g.id for g in s.agreements[:2]] + ["no-such-id"]
    calls: list[tuple[str, Callable[[], object]]] = []
    for day in days:
        pairs = [(t, day) for t in territories[:-1]]
        calls += [
            ("control_map", partial(s.control_map, day)),
            ("camps", partial(s.camps, day)),
            ("camps possibly", partial(s.camps, day, reading="possibly", include_alleged=True)),
            ("agreements_in_force", partial(s.agreements_in_force, day)),
            ("changes_between", partial(s.changes_between, days[0], day)),
            ("controllers_on_many", partial(s.controllers_on_many, pairs)),
        ]
        for t in territories:
            calls += [
                ("controllers_on", partial(s.controllers_on, t, day)),
                ("agreements covering", partial(s.agreements_in_force, day, covering=t)),
                ("partition area", partial(s.partition, day, within=t, weight="area")),
                ("partition population", partial(s.partition, day, within=t, weight="population")),
                ("partition count", partial(s.partition, day, within=t, weight="count")),
            ]
        for a in actors:
            calls += [
                ("allies_of", partial(s.allies_of, a, day)),
                ("supporters_of", partial(s.supporters_of, a, day)),
                ("clients_of", partial(s.clients_of, a, day)),
                ("enemies_of", partial(s.enemies_of, a, day)),
            ]
        calls += [("actors_of", partial(s.actors_of, g, day)) for g in agreements]
    for t in territories:
        calls += [("timeline", partial(s.timeline, t)), ("territories_in", partial(s.territories_in, t))]
    for g in agreements:
        calls += [
            ("violations_of", partial(s.violations_of, g)),
            ("violations_of anyone", partial(s.violations_of, g, by="anyone")),
        ]
    return calls


def check_promise(text: str | bytes) -> cm.Scenario | None:
    """The promise for one text: a scenario or a LoadError; an accepted scenario written
    back exactly, as UTF-8; validate and the queries ending in a result or a documented
    error. Returns the scenario, if accepted."""
    try:
        s = cm.loads(text)
    except cm.LoadError as error:
        problems, message = error.problems, str(error)
    else:
        check_accepted(s)
        return s
    assert problems  # a LoadError names its problems
    message.encode("utf-8")  # and its message can be printed
    return None


def check_accepted(s: cm.Scenario) -> None:
    """What holds of every scenario accepted: written back exactly (and as UTF-8),
    validated, and asked every query, ending in a result or a documented error."""
    written = cm.dumps(s)
    written.encode("utf-8")
    again = cm.loads(written)
    assert again == s
    assert cm.dumps(again) == written
    cm.validate(s)
    for name, call in query_calls(s):
        try:
            call()
        except documented_query_errors():
            pass
        except Exception as error:  # the promise is broken: say which query
            raise AssertionError(f"{name} raised {type(error).__name__}: {error}") from error
