"""CM1xx, identity and references: every id is unique and every reference resolves to a record of
the right kind.

Each rule is registered with :func:`~._registry.rule`; ``docs/rules.md`` has its entry and a
failing example.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain
from operator import attrgetter
from typing import Any

from ._context import SINGULAR, Context, Reference, finding
from ._registry import Rule, rule
from ._report import Finding, Severity

__all__: list[str] = []


@rule(
    "CM101",
    "duplicate-id",
    Severity.ERROR,
    "Two records share an id",
    """Ids are one namespace for every kind of record, so that a reference resolves
    without knowing its kind. With a duplicate, references and ``get`` pick the first
    record in document order and silently ignore the other.""",
)
def _duplicate_ids(ctx: Context, rule: Rule) -> Iterator[Finding]:
    if ctx.unique:  # told by the sizes alone, without a path per record
        return
    first: dict[str, str] = {}
    for name in SINGULAR:
        for i, record in enumerate(getattr(ctx.scenario, name)):
            path = f"$.{name}[{i}]"
            earlier = first.setdefault(record.id, path)
            if earlier != path:
                yield finding(rule, f"id {record.id!r} is already used by the record at {earlier}", (record.id,), path)


"""A reference: the id it names, the JSON path of the field, the collection expected."""


def _set_refs(path: str, values: frozenset[str], expected: str) -> Iterator[Reference]:
    for j, value in enumerate(sorted(values)):
        yield value, f"{path}[{j}]", expected


def _tuple_refs(path: str, values: tuple[str, ...], expected: str) -> Iterator[Reference]:
    for j, value in enumerate(values):
        yield value, f"{path}[{j}]", expected


def _references_of(name: str, i: int, record: Any) -> Iterator[Reference]:  # noqa: C901, PLR0912 - one branch per field
    """Every reference one record holds, with its JSON path."""
    at = f"$.{name}[{i}]"
    if name != "sources" and record.sources:
        yield from _set_refs(f"{at}.sources", record.sources, "sources")
    if name == "actors":
        if record.parent is not None:
            yield record.parent, f"{at}.parent", "actors"
        for j, post in enumerate(record.posts):
            if post.organisation is not None:
                yield post.organisation, f"{at}.posts[{j}].organisation", "actors"
    elif name == "alliances":
        for j, member in enumerate(record.members):
            yield member.actor, f"{at}.members[{j}].actor", "actors"
        if record.founding_agreement is not None:
            yield record.founding_agreement, f"{at}.founding_agreement", "agreements"
    elif name == "supports":
        yield record.supporter, f"{at}.supporter", "actors"
        yield record.recipient, f"{at}.recipient", "actors"
    elif name == "hostilities":
        yield from _tuple_refs(f"{at}.side_a", record.side_a, "actors")
        yield from _tuple_refs(f"{at}.side_b", record.side_b, "actors")
    elif name == "territories":
        if record.parent is not None:
            yield record.parent, f"{at}.parent", "territories"
        yield from _set_refs(f"{at}.components", record.components, "territories")
    elif name == "controls":
        yield record.territory, f"{at}.territory", "territories"
        yield from _tuple_refs(f"{at}.controllers", record.controllers, "actors")
        yield from _set_refs(f"{at}.opponents", record.opponents, "actors")
        if record.portion is not None:
            yield from _set_refs(f"{at}.portion.sources", record.portion.sources, "sources")
    elif name == "agreements":
        for j, entry in enumerate(record.actors):
            yield entry.actor, f"{at}.actors[{j}].actor", "actors"
        yield from _set_refs(f"{at}.covers", record.covers, "territories")
        for j, link in enumerate(record.links):
            yield link.target, f"{at}.links[{j}].target", "agreements"
    elif name == "events":
        for j, entry in enumerate(record.actors):
            yield entry.actor, f"{at}.actors[{j}].actor", "actors"
        if record.location is not None:
            yield record.location, f"{at}.location", "territories"
    elif name == "violations":
        yield record.agreement, f"{at}.agreement", "agreements"
        yield record.violator, f"{at}.violator", "actors"
        yield from _set_refs(f"{at}.alleged_by", record.alleged_by, "actors")
        yield from _set_refs(f"{at}.events", record.events, "events")


Ids = dict[str, frozenset[str]]
"""The ids of each collection (an id belongs to the collection of its first record)."""


def _actors_ok(r: Any, ids: Ids) -> bool:
    posts = r.posts and not ids["actors"].issuperset(p.organisation for p in r.posts if p.organisation is not None)
    return (r.parent is None or r.parent in ids["actors"]) and not posts


# Fast checks that every reference of a record names a record of the right kind; only
# a record that fails is walked again, slowly, to find and place each bad reference.
_FAST: dict[str, Callable[[Any, Ids], bool]] = {
    "sources": lambda _record, _ids: True,
    "actors": _actors_ok,
    "alliances": lambda r, ids: (
        ids["actors"].issuperset(m.actor for m in r.members)
        and (r.founding_agreement is None or r.founding_agreement in ids["agreements"])
    ),
    "supports": lambda r, ids: r.supporter in ids["actors"] and r.recipient in ids["actors"],
    "hostilities": lambda r, ids: ids["actors"].issuperset(r.side_a) and ids["actors"].issuperset(r.side_b),
    "territories": lambda r, ids: (
        (r.parent is None or r.parent in ids["territories"]) and ids["territories"].issuperset(r.components)
    ),
    "controls": lambda r, ids: (
        r.territory in ids["territories"]
        and ids["actors"].issuperset(r.controllers)
        and ids["actors"].issuperset(r.opponents)
        and (r.portion is None or ids["sources"].issuperset(r.portion.sources))
    ),
    "agreements": lambda r, ids: (
        ids["actors"].issuperset(e.actor for e in r.actors)
        and ids["territories"].issuperset(r.covers)
        and ids["agreements"].issuperset(link.target for link in r.links)
    ),
    "events": lambda r, ids: (
        ids["actors"].issuperset(e.actor for e in r.actors) and (r.location is None or r.location in ids["territories"])
    ),
    "violations": lambda r, ids: (
        r.agreement in ids["agreements"]
        and r.violator in ids["actors"]
        and ids["actors"].issuperset(r.alleged_by)
        and ids["events"].issuperset(r.events)
    ),
}


def _flat(records: Iterable[Any], field: str) -> Iterator[Any]:
    """Every item of a tuple or set field, record after record (C iterators only)."""
    return chain.from_iterable(map(attrgetter(field), records))


def _present(records: Iterable[Any], field: str) -> set[Any]:
    """The values of an optional field, without ``None``."""
    found = set(map(attrgetter(field), records))
    found.discard(None)
    return found


# For the two collections that grow to hundreds of thousands of records: whether every
# record passes its fast check, told by each field's values over the whole collection
# at once, with C iterators and no Python call per record (the generator's million
# records: CM102 in 0.25 against 0.35 s). Only a collection that fails is walked record
# by record, with ``_FAST``'s checks of the same fields: these, given one record, would
# take 1.2-1.9 µs against 0.13-0.26 µs (the iterators cost more than the record).
_WHOLE: dict[str, Callable[[Sequence[Any], Ids], bool]] = {
    "controls": lambda rs, ids: (
        ids["territories"].issuperset(map(attrgetter("territory"), rs))
        and ids["actors"].issuperset(_flat(rs, "controllers"))
        and ids["actors"].issuperset(_flat(rs, "opponents"))
        and ids["sources"].issuperset(_flat(_present(rs, "portion"), "sources"))
        and ids["sources"].issuperset(_flat(rs, "sources"))
    ),
    "events": lambda rs, ids: (
        ids["actors"].issuperset(map(attrgetter("actor"), _flat(rs, "actors")))
        and ids["territories"].issuperset(_present(rs, "location"))
        and ids["sources"].issuperset(_flat(rs, "sources"))
    ),
}


class _IdsOf(dict[str, frozenset[str]]):
    """The ids of each collection, each set made when a check first asks for it: nothing
    refers to controls and only violations to events, so the sets of the two largest
    collections are seldom made."""

    def __init__(self, ids: dict[str, list[str]]) -> None:
        super().__init__()
        self._lists = ids

    def __missing__(self, name: str) -> frozenset[str]:
        found = self[name] = frozenset(self._lists[name])
        return found


def _bad_references(ctx: Context) -> list[tuple[str, Reference]]:
    """Every reference that names no record or a record of the wrong kind, with the id
    of the record holding it ("" for the metadata). Computed once per validation."""
    if ctx.bad_references is not None:
        return ctx.bad_references
    ids: Ids
    if ctx.unique:  # each id is in its own collection
        ids = _IdsOf(ctx.ids)
    else:
        grouped: dict[str, set[str]] = defaultdict(set)
        for rid, name in ctx.kind.items():
            grouped[name].add(rid)
        ids = {name: frozenset(grouped.get(name, ())) for name in SINGULAR}
    sources = ids["sources"]
    bad: list[tuple[str, Reference]] = [
        ("", ref) for ref in _set_refs("$.meta.sources", ctx.scenario.meta.sources, "sources") if ref[0] not in sources
    ]
    for name, fast in _FAST.items():
        records = getattr(ctx.scenario, name)
        whole = _WHOLE.get(name)
        if whole is not None and whole(records, ids):
            continue
        for i, record in enumerate(records):
            if fast(record, ids) and (name == "sources" or sources.issuperset(record.sources)):
                continue
            kinds = ctx.kind
            bad.extend((record.id, ref) for ref in _references_of(name, i, record) if kinds.get(ref[0]) != ref[2])
    ctx.bad_references = bad
    return bad


@rule(
    "CM102",
    "dangling-reference",
    Severity.ERROR,
    "A reference names no record",
    """Every reference (parents, controllers, members, roles, covered territories, zone
    components, event actors and locations, cited sources, ...) must name a record of
    the scenario. A dangling reference is usually a typo or a record that was left out;
    queries ignore it, so answers silently lose what it stood for.""",
)
def _dangling(ctx: Context, rule: Rule) -> Iterator[Finding]:
    for holder, (ref, path, expected) in _bad_references(ctx):
        if ref not in ctx.kind:
            wanted = SINGULAR[expected]
            subjects = (holder, ref) if holder else (ref,)
            yield finding(rule, f"{ref!r} is not the id of any record (a {wanted} is expected)", subjects, path)


@rule(
    "CM103",
    "wrong-kind-reference",
    Severity.ERROR,
    "A reference names a record of the wrong kind",
    """A reference resolves, but to the wrong kind of record: a control whose
    controller is a territory, an agreement covering an actor. Ids share one namespace,
    so such a mix-up is not caught by the format; it is caught here.""",
)
def _wrong_kind(ctx: Context, rule: Rule) -> Iterator[Finding]:
    for holder, (ref, path, expected) in _bad_references(ctx):
        found = ctx.kind.get(ref)
        if found is not None and found != expected:
            subjects = (holder, ref) if holder else (ref,)
            message = f"{ref!r} is a {SINGULAR[found]}, not a {SINGULAR[expected]}"
            yield finding(rule, message, subjects, path)
