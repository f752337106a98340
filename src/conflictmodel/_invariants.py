"""Scenario-wide invariants: the rule catalogue and :func:`validate`.

Each rule is a pure function over a :class:`~conflictmodel.Scenario` that yields
:class:`~conflictmodel.Finding` objects, registered with a stable code, a severity, a
title and a summary in :data:`RULES`. Codes are grouped by family:

* ``CM1xx`` identity and references;
* ``CM2xx`` structure: self-relations, cycles, alliance membership lists;
* ``CM3xx`` time: lifetimes of actors and alliances, signing before entry into force;
* ``CM4xx`` control of territory;
* ``CM5xx`` alignment;
* ``CM6xx`` agreements and events.

Every rule runs in O(n log n) in the number of records (sorting and sweeping; never a
scan of all pairs). ``docs/rules.md`` documents each rule with a failing example.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from ._agreements import LinkRelation
from ._alignment import Alliance
from ._control import Control, ControlStatus
from ._events import CoordinatePrecision
from ._frozenmap import FrozenMap
from ._geometry import Geometry, GeometryType
from ._intervals import Span, span_of
from ._report import Finding, Report, Severity

if TYPE_CHECKING:
    from ._actors import Actor
    from ._scenario import Scenario
    from ._territory import Territory

__all__ = ["RULES", "Rule", "validate"]


@attrs.frozen(kw_only=True)
class Rule:
    """A scenario rule: its stable ``code`` (``CM401``), a short ``name``
    (``exclusive-control-overlap``), its ``severity``, a one-line ``title`` and a
    ``summary`` of what it means and why it matters."""

    code: str
    name: str
    severity: Severity
    title: str
    summary: str


Check = Callable[["_Context", Rule], Iterator[Finding]]
_REGISTRY: dict[str, tuple[Rule, Check]] = {}


def _rule(code: str, name: str, severity: Severity, title: str, summary: str) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        if code in _REGISTRY:  # pragma: no cover - a programming error caught at import
            raise RuntimeError(f"rule {code} registered twice")
        rule = Rule(code=code, name=name, severity=severity, title=title, summary=" ".join(summary.split()))
        _REGISTRY[code] = (rule, check)
        return check

    return register


# --- shared context -----------------------------------------------------------------

_SINGULAR = {
    "sources": "source",
    "actors": "actor",
    "alliances": "alliance",
    "supports": "support",
    "hostilities": "hostility",
    "territories": "territory",
    "controls": "control",
    "agreements": "agreement",
    "events": "event",
    "violations": "violation",
}


class _Context:
    """What several rules need, computed once per validation."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.kind: dict[str, str] = {}
        for name in _SINGULAR:
            for record in getattr(scenario, name):
                self.kind.setdefault(record.id, name)
        self.actors: dict[str, tuple[int, Actor]] = {}
        for i, actor in enumerate(scenario.actors):
            self.actors.setdefault(actor.id, (i, actor))
        self.territories: dict[str, tuple[int, Territory]] = {}
        for i, territory in enumerate(scenario.territories):
            self.territories.setdefault(territory.id, (i, territory))
        self.spans: dict[int, Span] = {}
        self.bad_references: list[tuple[str, Reference]] | None = None
        self.controls: dict[str, list[ControlEntry]] | None = None
        self.partial_certain: dict[str, list[tuple[ControlEntry, ControlEntry]]] | None = None
        self.lives: dict[str, Span] = {
            aid: span_of(actor.active, self.spans)
            for aid, (_, actor) in self.actors.items()
            if actor.active is not None
        }

    def span(self, period: Any) -> Span:
        return span_of(period, self.spans)


def _finding(rule: Rule, message: str, subjects: Iterable[str], path: str | None) -> Finding:
    return Finding(code=rule.code, severity=rule.severity, message=message, subjects=tuple(subjects), path=path)


def _sorted_index(values: frozenset[str], value: str) -> int:
    """The index of ``value`` in a frozenset as the JSON format writes it (sorted)."""
    return sorted(values).index(value)


# --- CM1xx: identity and references -------------------------------------------------


@_rule(
    "CM101",
    "duplicate-id",
    Severity.ERROR,
    "Two records share an id",
    """Ids are one namespace for every kind of record, so that a reference resolves
    without knowing its kind. With a duplicate, references and ``get`` pick the first
    record in document order and silently ignore the other.""",
)
def _duplicate_ids(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    first: dict[str, str] = {}
    for name in _SINGULAR:
        for i, record in enumerate(getattr(ctx.scenario, name)):
            path = f"$.{name}[{i}]"
            earlier = first.setdefault(record.id, path)
            if earlier != path:
                yield _finding(rule, f"id {record.id!r} is already used by the record at {earlier}", (record.id,), path)


Reference = tuple[str, str, str]
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


def _bad_references(ctx: _Context) -> list[tuple[str, Reference]]:
    """Every reference that names no record or a record of the wrong kind, with the id
    of the record holding it ("" for the metadata). Computed once per validation."""
    if ctx.bad_references is not None:
        return ctx.bad_references
    kinds = ctx.kind
    ids: Ids = {name: frozenset() for name in _SINGULAR}
    grouped: dict[str, set[str]] = defaultdict(set)
    for rid, name in kinds.items():
        grouped[name].add(rid)
    ids.update({name: frozenset(members) for name, members in grouped.items()})
    sources = ids["sources"]
    bad: list[tuple[str, Reference]] = [
        ("", ref) for ref in _set_refs("$.meta.sources", ctx.scenario.meta.sources, "sources") if ref[0] not in sources
    ]
    for name, fast in _FAST.items():
        for i, record in enumerate(getattr(ctx.scenario, name)):
            if fast(record, ids) and (name == "sources" or sources.issuperset(record.sources)):
                continue
            bad.extend((record.id, ref) for ref in _references_of(name, i, record) if kinds.get(ref[0]) != ref[2])
    ctx.bad_references = bad
    return bad


@_rule(
    "CM102",
    "dangling-reference",
    Severity.ERROR,
    "A reference names no record",
    """Every reference (parents, controllers, members, roles, covered territories, zone
    components, event actors and locations, cited sources, ...) must name a record of
    the scenario. A dangling reference is usually a typo or a record that was left out;
    queries ignore it, so answers silently lose what it stood for.""",
)
def _dangling(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    kinds = ctx.kind
    for holder, (ref, path, expected) in _bad_references(ctx):
        if ref not in kinds:
            wanted = _SINGULAR[expected]
            subjects = (holder, ref) if holder else (ref,)
            yield _finding(rule, f"{ref!r} is not the id of any record (a {wanted} is expected)", subjects, path)


@_rule(
    "CM103",
    "wrong-kind-reference",
    Severity.ERROR,
    "A reference names a record of the wrong kind",
    """A reference resolves, but to the wrong kind of record: a control whose
    controller is a territory, an agreement covering an actor. Ids share one namespace,
    so such a mix-up is not caught by the format; it is caught here.""",
)
def _wrong_kind(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    kinds = ctx.kind
    for holder, (ref, path, expected) in _bad_references(ctx):
        found = kinds.get(ref)
        if found is not None and found != expected:
            subjects = (holder, ref) if holder else (ref,)
            message = f"{ref!r} is a {_SINGULAR[found]}, not a {_SINGULAR[expected]}"
            yield _finding(rule, message, subjects, path)


# --- CM2xx: structure ---------------------------------------------------------------


def _self_related_actors(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    for i, actor in enumerate(ctx.scenario.actors):
        if actor.parent == actor.id:
            yield _finding(rule, f"actor {actor.id!r} is its own parent", (actor.id,), f"$.actors[{i}].parent")
        for j, post in enumerate(actor.posts):
            if post.organisation == actor.id:
                path = f"$.actors[{i}].posts[{j}].organisation"
                yield _finding(rule, f"actor {actor.id!r} holds a post in itself", (actor.id,), path)


def _self_related_territories(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    for i, territory in enumerate(ctx.scenario.territories):
        if territory.parent == territory.id:
            path = f"$.territories[{i}].parent"
            yield _finding(rule, f"territory {territory.id!r} is its own parent", (territory.id,), path)
        if territory.id in territory.components:
            path = f"$.territories[{i}].components[{_sorted_index(territory.components, territory.id)}]"
            yield _finding(rule, f"territory {territory.id!r} is its own component", (territory.id,), path)


def _self_related_relations(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    s = ctx.scenario
    for i, support in enumerate(s.supports):
        if support.supporter == support.recipient:
            message = f"support {support.id!r} goes from {support.supporter!r} to itself"
            yield _finding(rule, message, (support.id, support.supporter), f"$.supports[{i}].recipient")
    for i, hostility in enumerate(s.hostilities):
        both = set(hostility.side_a).intersection(hostility.side_b)
        for j, actor_id in enumerate(hostility.side_b):
            if actor_id in both:
                message = f"hostility {hostility.id!r} has {actor_id!r} on both sides"
                yield _finding(rule, message, (hostility.id, actor_id), f"$.hostilities[{i}].side_b[{j}]")
    for i, agreement in enumerate(s.agreements):
        for j, link in enumerate(agreement.links):
            if link.target == agreement.id:
                message = f"agreement {agreement.id!r} is linked to itself ({link.relation.value})"
                yield _finding(rule, message, (agreement.id,), f"$.agreements[{i}].links[{j}].target")


@_rule(
    "CM201",
    "self-relation",
    Severity.ERROR,
    "A record is related to itself",
    """An actor that is its own parent, a person whose post belongs to themselves, a
    territory that is its own parent or component, support from an actor to itself, a
    hostility with one actor on both sides, an agreement linked to itself. Each is a
    data error that would make hierarchies, camps and coverage meaningless.""",
)
def _self_relations(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    yield from _self_related_actors(ctx, rule)
    yield from _self_related_territories(ctx, rule)
    yield from _self_related_relations(ctx, rule)


def _parent_cycles(parents: dict[str, str]) -> list[list[str]]:
    """The cycles (of two or more nodes) of a functional graph ``node -> parent``, each
    rotated to start at its smallest id, in order of that id."""
    state: dict[str, int] = {}  # 1: on the current walk, 2: done
    cycles: list[list[str]] = []
    for start in sorted(parents):
        if start in state:
            continue
        walk: list[str] = []
        node: str | None = start
        while node is not None and node not in state:
            state[node] = 1
            walk.append(node)
            node = parents.get(node)
        if node is not None and state[node] == 1:
            cycle = walk[walk.index(node) :]
            if len(cycle) > 1:
                low = cycle.index(min(cycle))
                cycles.append(cycle[low:] + cycle[:low])
        for visited in walk:
            state[visited] = 2
    return sorted(cycles)


def _loop_text(cycle: list[str]) -> str:
    return " -> ".join([*cycle, cycle[0]])


@_rule(
    "CM202",
    "actor-parent-cycle",
    Severity.ERROR,
    "Actors' parents form a cycle",
    """An actor's parent chain (brigade, group, state) must end. A cycle makes the
    hierarchy meaningless: which state does a force belong to? Queries cut the cycle
    where it closes, so attributions through it are arbitrary.""",
)
def _actor_cycles(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    parents = {
        aid: actor.parent
        for aid, (_, actor) in ctx.actors.items()
        if actor.parent is not None and actor.parent in ctx.actors and actor.parent != aid
    }
    for cycle in _parent_cycles(parents):
        index = ctx.actors[cycle[0]][0]
        message = f"actors' parents form a cycle: {_loop_text(cycle)}"
        yield _finding(rule, message, cycle, f"$.actors[{index}].parent")


@_rule(
    "CM203",
    "territory-parent-cycle",
    Severity.ERROR,
    "Territories' parents form a cycle",
    """The administrative hierarchy is a tree. A cycle of parents makes "the territories
    inside X" and the partition of a country undefined; queries cut the cycle where it
    closes.""",
)
def _territory_cycles(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    parents = {
        tid: territory.parent
        for tid, (_, territory) in ctx.territories.items()
        if territory.parent is not None and territory.parent in ctx.territories and territory.parent != tid
    }
    for cycle in _parent_cycles(parents):
        index = ctx.territories[cycle[0]][0]
        message = f"territories' parents form a cycle: {_loop_text(cycle)}"
        yield _finding(rule, message, cycle, f"$.territories[{index}].parent")


def _strong_components(nodes: Iterable[str], edges: dict[str, list[str]]) -> list[list[str]]:  # noqa: C901 - Tarjan, kept whole
    """Strongly connected components of two or more nodes (iterative Tarjan), each
    sorted, in order of their first id."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in sorted(nodes):
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, position = work[-1]
            if position == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            targets = edges.get(node, [])
            if position < len(targets):
                work[-1] = (node, position + 1)
                target = targets[position]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return sorted(found)


@_rule(
    "CM204",
    "zone-component-cycle",
    Severity.ERROR,
    "Zones contain themselves through their components",
    """A zone is made of other territories. When following components (and children)
    leads back to where it started, "the territories a zone covers" has no answer:
    coverage of agreements and control derived from parts become arbitrary.""",
)
def _zone_cycles(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    territories = ctx.territories
    contains: dict[str, list[str]] = defaultdict(list)
    component_edges: set[tuple[str, str]] = set()
    for tid, (_, territory) in territories.items():
        parent = territory.parent
        if parent is not None and parent != tid and parent in territories:
            contains[parent].append(tid)
        for part in sorted(territory.components):
            if part != tid and part in territories:
                contains[tid].append(part)
                component_edges.add((tid, part))
    for component in _strong_components(territories, contains):
        members = set(component)
        zones = sorted({a for a, b in component_edges if a in members and b in members})
        if zones:
            index = territories[zones[0]][0]
            message = f"territories contain each other through zone components: {', '.join(component)}"
            yield _finding(rule, message, component, f"$.territories[{index}].components")


@_rule(
    "CM205",
    "alliance-too-few-members",
    Severity.ERROR,
    "An alliance has fewer than two members",
    """An alliance aligns at least two actors. One with fewer is unfinished data; it
    contributes nothing to ``allies_of`` or ``camps``.""",
)
def _too_few_members(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    for i, alliance in enumerate(ctx.scenario.alliances):
        count = len(alliance.member_ids())
        if count < 2:
            message = f"alliance {alliance.id!r} has {count} distinct member{'s' if count != 1 else ''}"
            yield _finding(rule, message, (alliance.id,), f"$.alliances[{i}].members")


def _membership_span(ctx: _Context, alliance: Alliance, period: Any) -> Span:
    return ctx.span(alliance.period if period is None else period)


@_rule(
    "CM206",
    "duplicate-membership",
    Severity.ERROR,
    "An actor is listed twice in an alliance at the same time",
    """An actor may leave an alliance and join again, with two memberships whose periods
    do not meet. Two memberships that may overlap say the same thing twice, or say two
    different things about when the actor was a member.""",
)
def _duplicate_membership(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    for i, alliance in enumerate(ctx.scenario.alliances):
        by_actor: dict[str, list[tuple[Span, int]]] = defaultdict(list)
        for j, member in enumerate(alliance.members):
            by_actor[member.actor].append((_membership_span(ctx, alliance, member.period), j))
        for actor_id, entries in by_actor.items():
            if len(entries) < 2:
                continue
            entries.sort(key=lambda entry: (entry[0][0], entry[0][3], entry[1]))
            reach, holder = entries[0][0][3], entries[0][1]
            for span, j in entries[1:]:
                if span[0] <= reach:
                    message = (
                        f"{actor_id!r} is a member of alliance {alliance.id!r} twice at once "
                        f"(members[{holder}] and members[{j}] may overlap)"
                    )
                    yield _finding(rule, message, (alliance.id, actor_id), f"$.alliances[{i}].members[{j}]")
                if span[3] > reach:
                    reach, holder = span[3], j


@_rule(
    "CM207",
    "agreement-link-cycle",
    Severity.ERROR,
    "Agreements link to each other in a cycle",
    """Links other than ``related`` have a direction: part of, implements, supersedes,
    amends, follows. An agreement that, through such links, supersedes or follows
    itself makes the history of a peace process unreadable.""",
)
def _link_cycles(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    positions: dict[str, int] = {}
    edges: dict[str, list[str]] = defaultdict(list)
    for i, agreement in enumerate(ctx.scenario.agreements):
        positions.setdefault(agreement.id, i)
    for i, agreement in enumerate(ctx.scenario.agreements):
        if positions[agreement.id] != i:
            continue  # a duplicate id (CM101): the first record's links count
        for link in agreement.links:
            if link.relation is not LinkRelation.RELATED and link.target != agreement.id and link.target in positions:
                edges[agreement.id].append(link.target)
    for component in _strong_components(positions, edges):
        message = f"agreements link to each other in a cycle: {', '.join(component)}"
        yield _finding(rule, message, component, f"$.agreements[{positions[component[0]]}].links")


# --- CM3xx: time --------------------------------------------------------------------


def _outside(record: Span, life: Span) -> bool:
    """Whether a record certainly reaches outside a lifetime: the two cannot overlap at
    all, or some day certainly in the record is certainly not in the lifetime."""
    if record[3] < life[0] or record[0] > life[3]:
        return True
    return record[1] <= record[2] and (record[1] < life[0] or record[2] > life[3])


def _lifetime_findings(
    ctx: _Context, rule: Rule, record_id: str, span: Span, actors: Iterable[tuple[str, str]], *, what: str
) -> Iterator[Finding]:
    lives = ctx.lives
    for actor_id, path in actors:
        life = lives.get(actor_id)
        if life is not None and _outside(span, life):
            active = ctx.actors[actor_id][1].active
            message = f"{what} {record_id!r} involves {actor_id!r} outside its active period {active}"
            yield _finding(rule, message, dict.fromkeys((record_id, actor_id)), path)


@_rule(
    "CM301",
    "control-outside-lifetime",
    Severity.ERROR,
    "A control record involves an actor outside its active period",
    """A controller or opponent that did not exist (or had ceased to act) during the
    control period. The classic lifetime error: a record copied forward past a group's
    dissolution, or an actor whose ``active`` period is wrong.""",
)
def _control_lifetimes(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    if not ctx.lives:
        return
    for i, control in enumerate(ctx.scenario.controls):
        span = ctx.span(control.period)
        actors = [(a, f"$.controls[{i}].controllers[{j}]") for j, a in enumerate(control.controllers)]
        actors += [(a, f"$.controls[{i}].opponents[{j}]") for j, a in enumerate(sorted(control.opponents))]
        yield from _lifetime_findings(ctx, rule, control.id, span, actors, what="control")


@_rule(
    "CM302",
    "membership-outside-lifetime",
    Severity.ERROR,
    "An alliance membership lies outside the member's active period",
    """An actor cannot be a member of an alliance before it exists or after it ceased
    to act.""",
)
def _membership_lifetimes(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    if not ctx.lives:
        return
    for i, alliance in enumerate(ctx.scenario.alliances):
        for j, member in enumerate(alliance.members):
            if member.period is None and alliance.period is None:
                continue
            span = _membership_span(ctx, alliance, member.period)
            actors = [(member.actor, f"$.alliances[{i}].members[{j}]")]
            yield from _lifetime_findings(ctx, rule, alliance.id, span, actors, what="alliance")


@_rule(
    "CM303",
    "relation-outside-lifetime",
    Severity.ERROR,
    "A support or hostility involves an actor outside its active period",
    """Support given or received, or a conflict dyad fought, by an actor that did not
    exist at the time.""",
)
def _relation_lifetimes(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    if not ctx.lives:
        return
    s = ctx.scenario
    for i, support in enumerate(s.supports):
        if support.period is not None:
            at = f"$.supports[{i}]"
            actors = [(support.supporter, f"{at}.supporter"), (support.recipient, f"{at}.recipient")]
            yield from _lifetime_findings(ctx, rule, support.id, ctx.span(support.period), actors, what="support")
    for i, hostility in enumerate(s.hostilities):
        if hostility.period is not None:
            at = f"$.hostilities[{i}]"
            actors = [(a, f"{at}.side_a[{j}]") for j, a in enumerate(hostility.side_a)]
            actors += [(a, f"{at}.side_b[{j}]") for j, a in enumerate(hostility.side_b)]
            yield from _lifetime_findings(ctx, rule, hostility.id, ctx.span(hostility.period), actors, what="hostility")


def _date_span(date: Any) -> Span:
    earliest, latest = date.earliest.toordinal(), date.latest.toordinal()
    return (earliest, latest, earliest, latest)  # certain nowhere unless precise: only "no overlap" counts


@_rule(
    "CM304",
    "role-outside-lifetime",
    Severity.ERROR,
    "An agreement names an actor that was not active when it was signed",
    """The parties, guarantors and other actors of an agreement exist when it is signed.
    A role held by a dissolved group or a not-yet-formed government is a data error.""",
)
def _role_lifetimes(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    if not ctx.lives:
        return
    for i, agreement in enumerate(ctx.scenario.agreements):
        if agreement.signed is not None:
            span = _date_span(agreement.signed)
            actors = [(e.actor, f"$.agreements[{i}].actors[{j}].actor") for j, e in enumerate(agreement.actors)]
            yield from _lifetime_findings(ctx, rule, agreement.id, span, actors, what="agreement")


@_rule(
    "CM305",
    "event-outside-lifetime",
    Severity.ERROR,
    "An event or violation involves an actor outside its active period",
    """An event fought by, or a violation committed by, an actor that did not exist on
    its date: usually a wrong actor match during import.""",
)
def _event_lifetimes(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    if not ctx.lives:
        return
    s = ctx.scenario
    for i, event in enumerate(s.events):
        if event.actors:
            actors = [(e.actor, f"$.events[{i}].actors[{j}].actor") for j, e in enumerate(event.actors)]
            yield from _lifetime_findings(ctx, rule, event.id, ctx.span(event.date), actors, what="event")
    for i, violation in enumerate(s.violations):
        actors = [(violation.violator, f"$.violations[{i}].violator")]
        yield from _lifetime_findings(ctx, rule, violation.id, _date_span(violation.date), actors, what="violation")


@_rule(
    "CM306",
    "post-outside-lifetime",
    Severity.ERROR,
    "A person holds a post outside their or the organisation's active period",
    """A post held before the person was active, after they ceased to be, or in an
    organisation that did not exist then.""",
)
def _post_lifetimes(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    if not ctx.lives:
        return
    for i, actor in enumerate(ctx.scenario.actors):
        for j, post in enumerate(actor.posts):
            if post.period is None:
                continue
            at = f"$.actors[{i}].posts[{j}]"
            actors = [(actor.id, at)]
            if post.organisation is not None:
                actors.append((post.organisation, f"{at}.organisation"))
            yield from _lifetime_findings(ctx, rule, actor.id, ctx.span(post.period), actors, what="the post of")


@_rule(
    "CM307",
    "membership-outside-alliance",
    Severity.ERROR,
    "A membership lies outside the alliance's period",
    """A membership period reaches before the alliance was founded or after it ended:
    either the membership or the alliance is dated wrongly.""",
)
def _membership_periods(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    for i, alliance in enumerate(ctx.scenario.alliances):
        if alliance.period is None:
            continue
        own = ctx.span(alliance.period)
        for j, member in enumerate(alliance.members):
            if member.period is not None and _outside(ctx.span(member.period), own):
                message = (
                    f"{member.actor!r} is a member of {alliance.id!r} over {member.period}, "
                    f"outside the alliance's period {alliance.period}"
                )
                yield _finding(rule, message, (alliance.id, member.actor), f"$.alliances[{i}].members[{j}].period")


@_rule(
    "CM308",
    "in-force-before-signed",
    Severity.ERROR,
    "An agreement is in force before it was signed",
    """An agreement enters into force on or after its signing. An ``in_force`` period
    that certainly begins before the earliest day the signing date allows (or that has
    no start at all) contradicts the ``signed`` date.""",
)
def _in_force_before_signed(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    for i, agreement in enumerate(ctx.scenario.agreements):
        signed, in_force = agreement.signed, agreement.in_force
        if signed is None or in_force is None:
            continue
        if ctx.span(in_force)[1] < signed.earliest.toordinal():
            start = "no start" if in_force.start is None else f"start {in_force.start}"
            message = f"agreement {agreement.id!r} is in force from {start}, before it was signed on {signed}"
            path = f"$.agreements[{i}].in_force" + ("" if in_force.start is None else ".start")
            yield _finding(rule, message, (agreement.id,), path)


# --- CM4xx: control -----------------------------------------------------------------

ControlEntry = tuple[int, Control, frozenset[str], Span]
"""A control record: its index, itself, its set of controllers and its span."""


def _controls_by_territory(ctx: _Context) -> dict[str, list[ControlEntry]]:
    """Control records grouped by territory, in document order. Computed once."""
    if ctx.controls is None:
        grouped: dict[str, list[ControlEntry]] = defaultdict(list)
        span = ctx.span
        for i, control in enumerate(ctx.scenario.controls):
            grouped[control.territory].append((i, control, frozenset(control.controllers), span(control.period)))
        ctx.controls = grouped
    return ctx.controls


@functools.lru_cache(maxsize=4096)
def _names(controllers: frozenset[str]) -> str:
    return "+".join(sorted(controllers))


def _exclusive_clashes(entries: list[ControlEntry], *, certain: bool) -> Iterator[tuple[ControlEntry, ControlEntry]]:
    """Each exclusive record that overlaps an earlier-starting one held by different
    controllers, with one such record (the one reaching furthest). Sort and sweep,
    keeping the two furthest-reaching records of different controller sets."""
    lo, hi = (1, 2) if certain else (0, 3)
    partial = ControlStatus.PARTIAL
    # plain tuples sort natively; the record's index (document order, so id order) breaks ties
    items = [(e[3][lo], e[3][hi], e[0], e) for e in entries if e[1].status is not partial and e[3][lo] <= e[3][hi]]
    items.sort()
    best_end = second_end = 0
    best: ControlEntry | None = None
    second: ControlEntry | None = None
    for start, end, _, entry in items:
        holders = entry[2]
        if best is not None and best[2] != holders:
            if best_end >= start:
                yield entry, best
        elif second is not None and second_end >= start:
            yield entry, second
        if best is None:
            best, best_end = entry, end
        elif best[2] == holders:
            if end > best_end:
                best, best_end = entry, end
        elif end > best_end:
            best, best_end, second, second_end = entry, end, best, best_end
        elif second is None or end > second_end:
            second, second_end = entry, end


def _certainly_overlap(a: Span, b: Span) -> bool:
    return max(a[1], b[1]) <= min(a[2], b[2])


@_rule(
    "CM401",
    "exclusive-control-overlap",
    Severity.ERROR,
    "A territory is under exclusive control of different actors at once",
    """Full, contested and besieged control each say the controllers hold all of the
    territory. Two such records with different controllers whose periods certainly
    overlap contradict each other: ``controllers_on`` answers ``conflicting`` for the
    days they share. Joint control is one record with several controllers.""",
)
def _exclusive_overlap(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    for entries in _controls_by_territory(ctx).values():
        for (i, control, holders, _), (_, other, theirs, _) in _exclusive_clashes(entries, certain=True):
            message = (
                f"control {control.id!r} ({_names(holders)}) and {other.id!r} ({_names(theirs)}) both hold "
                f"{control.territory!r} exclusively during days they certainly share"
            )
            yield _finding(rule, message, (control.id, other.id, control.territory), f"$.controls[{i}]")


@_rule(
    "CM402",
    "exclusive-control-possible-overlap",
    Severity.WARNING,
    "Exclusive control by different actors may overlap, because of imprecise dates",
    """As CM401, but the two periods only possibly overlap: a handover known to the month
    (one record ends in ``2017-03``, the next starts in ``2017-03``). ``controllers_on``
    answers ``ambiguous`` on those days. Give the dates to the day to resolve it, or
    accept the ambiguity.""",
)
def _exclusive_possible_overlap(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    for entries in _controls_by_territory(ctx).values():
        for (i, control, holders, mine), (_, other, theirs, its) in _exclusive_clashes(entries, certain=False):
            if not _certainly_overlap(mine, its):
                message = (
                    f"control {control.id!r} ({_names(holders)}) and {other.id!r} ({_names(theirs)}) may both "
                    f"hold {control.territory!r} exclusively: their imprecise periods possibly overlap"
                )
                yield _finding(rule, message, (control.id, other.id, control.territory), f"$.controls[{i}]")


def _partial_clashes(  # noqa: C901 - one sweep, kept whole
    entries: list[ControlEntry], *, certain: bool
) -> Iterator[tuple[ControlEntry, ControlEntry]]:
    """Each partial record that overlaps an exclusive record whose controllers do not
    include all of its own, with one such record. A sweep over start and end days:
    O(m log m + s) for m records, where s counts, at each start of an exclusive record,
    the partial records then running."""
    if all(e[1].status is not ControlStatus.PARTIAL for e in entries):
        return
    lo, hi = (1, 2) if certain else (0, 3)
    points: list[tuple[int, int, int, ControlEntry]] = []
    for entry in entries:
        span = entry[3]
        if span[lo] <= span[hi]:
            points.append((span[lo], 1, entry[0], entry))
            points.append((span[hi] + 1, 0, entry[0], entry))
    points.sort()  # ends before starts on one day; the record's index breaks ties
    exclusive: dict[int, ControlEntry] = {}
    partial: dict[int, ControlEntry] = {}
    counts: Counter[str] = Counter()
    reported: set[int] = set()
    for _, is_start, rid, entry in points:
        is_partial = entry[1].status is ControlStatus.PARTIAL
        if not is_start:
            if is_partial:
                partial.pop(rid, None)
            elif exclusive.pop(rid, None) is not None:
                counts.subtract(entry[2])
            continue
        if is_partial:
            if exclusive and any(counts[a] < len(exclusive) for a in entry[2]):
                partner = next(e for e in exclusive.values() if not entry[2] <= e[2])
                reported.add(rid)
                yield entry, partner
            partial[rid] = entry
        else:
            for pid, running in partial.items():
                if pid not in reported and not running[2] <= entry[2]:
                    reported.add(pid)
                    yield running, entry
            exclusive[rid] = entry
            counts.update(entry[2])


def _certain_partial_clashes(ctx: _Context) -> dict[str, list[tuple[ControlEntry, ControlEntry]]]:
    """CM403's clashes by territory, computed once (CM404 leaves their records out)."""
    if ctx.partial_certain is None:
        ctx.partial_certain = {
            territory: list(_partial_clashes(entries, certain=True))
            for territory, entries in _controls_by_territory(ctx).items()
        }
    return ctx.partial_certain


@_rule(
    "CM403",
    "partial-control-overlap",
    Severity.ERROR,
    "Partial control by an actor overlaps exclusive control by others",
    """A partial record says its controllers hold part of the territory; an exclusive
    record at the same time says other controllers hold all of it. Both cannot be
    true: ``controllers_on`` answers ``conflicting``. Record the part as its own
    territory, or make the exclusive record partial.""",
)
def _partial_overlap(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    for clashes in _certain_partial_clashes(ctx).values():
        for (i, control, holders, _), (_, other, theirs, _) in clashes:
            message = (
                f"partial control {control.id!r} ({_names(holders)}) of {control.territory!r} certainly overlaps "
                f"exclusive control {other.id!r} ({_names(theirs)})"
            )
            yield _finding(rule, message, (control.id, other.id, control.territory), f"$.controls[{i}]")


@_rule(
    "CM404",
    "partial-control-possible-overlap",
    Severity.WARNING,
    "Partial control may overlap exclusive control by others, because of imprecise dates",
    """As CM403, but the periods only possibly overlap; ``controllers_on`` answers
    ``ambiguous`` on the days in question.""",
)
def _partial_possible_overlap(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    certain = _certain_partial_clashes(ctx)
    for territory, entries in _controls_by_territory(ctx).items():
        reported = {a[1].id for a, _ in certain[territory]}
        for (i, control, holders, mine), (_, other, theirs, its) in _partial_clashes(entries, certain=False):
            if control.id not in reported and not _certainly_overlap(mine, its):
                message = (
                    f"partial control {control.id!r} ({_names(holders)}) of {control.territory!r} possibly "
                    f"overlaps exclusive control {other.id!r} ({_names(theirs)})"
                )
                yield _finding(rule, message, (control.id, other.id, control.territory), f"$.controls[{i}]")


# --- CM5xx: alignment ---------------------------------------------------------------


def _meet(*spans: Span) -> bool:
    """Whether some day certainly lies in every span."""
    return max(s[1] for s in spans) <= min(s[2] for s in spans)


@_rule(
    "CM501",
    "allied-and-hostile",
    Severity.WARNING,
    "Two actors are allied and hostile at the same time",
    """Members of one alliance on opposite sides of a conflict dyad, on days that
    certainly belong to both. It happens (Turkey and the United States, both NATO
    members, on opposite sides in northern Syria), but it is worth a second look, and
    ``camps`` keeps such actors apart.""",
)
def _allied_and_hostile(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    s = ctx.scenario
    memberships: dict[str, dict[str, list[Span]]] = defaultdict(lambda: defaultdict(list))
    for alliance in s.alliances:
        own = ctx.span(alliance.period)
        for member in alliance.members:
            span = own if member.period is None else ctx.span(member.period)
            memberships[member.actor][alliance.id].append(
                (max(own[0], span[0]), max(own[1], span[1]), min(own[2], span[2]), min(own[3], span[3]))
            )
    if not memberships:
        return
    for i, hostility in enumerate(s.hostilities):
        span = ctx.span(hostility.period)
        for a in hostility.side_a:
            for b in hostility.side_b:
                if a == b or a not in memberships or b not in memberships:
                    continue
                mine, theirs = memberships[a], memberships[b]
                for alliance_id in sorted(set(mine).intersection(theirs)):
                    if any(_meet(span, x, y) for x in mine[alliance_id] for y in theirs[alliance_id]):
                        message = (
                            f"{a!r} and {b!r} are allied in {alliance_id!r} while on opposite sides "
                            f"of hostility {hostility.id!r}"
                        )
                        yield _finding(rule, message, (hostility.id, alliance_id, a, b), f"$.hostilities[{i}]")


@_rule(
    "CM502",
    "supports-an-enemy",
    Severity.WARNING,
    "An actor supports an actor it is hostile to",
    """Support from an actor to its own opponent in a conflict dyad, on days that
    certainly belong to both: usually sides swapped during import.""",
)
def _supports_enemy(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    s = ctx.scenario
    opposed: dict[tuple[str, str], list[tuple[str, Span]]] = defaultdict(list)
    for hostility in s.hostilities:
        span = ctx.span(hostility.period)
        for a in hostility.side_a:
            for b in hostility.side_b:
                if a != b:
                    opposed[a, b].append((hostility.id, span))
                    opposed[b, a].append((hostility.id, span))
    if not opposed:
        return
    for i, support in enumerate(s.supports):
        span = ctx.span(support.period)
        for hostility_id, other in opposed.get((support.supporter, support.recipient), ()):
            if _meet(span, other):
                message = (
                    f"{support.supporter!r} supports {support.recipient!r} while hostile to it in {hostility_id!r}"
                )
                yield _finding(rule, message, (support.id, hostility_id), f"$.supports[{i}]")
                break


# --- CM6xx: agreements and events ---------------------------------------------------

NEAR_MARGIN_DEGREES = 0.25
"""How far outside a territory's bounding box a point of ``near`` precision may lie
(about 25 km, UCDP's "near")."""


def _in_ring(lon: float, lat: float, ring: tuple[Any, ...]) -> bool:
    inside = False
    for k in range(len(ring) - 1):
        x1, y1 = ring[k][0], ring[k][1]
        x2, y2 = ring[k + 1][0], ring[k + 1][1]
        if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def _in_polygon(lon: float, lat: float, rings: tuple[Any, ...]) -> bool:
    return bool(rings) and _in_ring(lon, lat, rings[0]) and not any(_in_ring(lon, lat, h) for h in rings[1:])


def contains_point(geometry: Geometry, lon: float, lat: float) -> bool:
    """Whether a polygonal geometry contains a point (even-odd rule; holes excluded)."""
    if geometry.type is GeometryType.POLYGON:
        return _in_polygon(lon, lat, geometry.coordinates)
    return any(_in_polygon(lon, lat, polygon) for polygon in geometry.coordinates)


_AREAL = frozenset({GeometryType.POLYGON, GeometryType.MULTI_POLYGON})


class _Shapes:
    """The nearest polygonal geometry at or above each territory, found once per territory."""

    def __init__(self, ctx: _Context) -> None:
        self.territories = ctx.territories
        self.found: dict[str, tuple[str, Geometry] | None] = {}

    def find(self, territory_id: str) -> tuple[str, Geometry] | None:
        if territory_id in self.found:
            return self.found[territory_id]
        seen: set[str] = set()
        current: str | None = territory_id
        result = None
        while current is not None and current in self.territories and current not in seen:
            seen.add(current)
            territory = self.territories[current][1]
            if territory.geometry is not None and territory.geometry.type in _AREAL:
                result = (current, territory.geometry)
                break
            current = territory.parent
        self.found[territory_id] = result
        return result


@_rule(
    "CM601",
    "event-outside-location",
    Severity.WARNING,
    "An event's coordinates lie outside its location",
    """When the event's location (or the nearest territory above it) has a polygon
    geometry, coordinates of ``exact`` precision must lie inside it, and coordinates of
    ``near`` precision within about 25 km of its bounding box. Otherwise the location
    or the coordinates are wrong, and the event is counted in the wrong place (for
    example inside or outside a de-escalation zone). Coarser precisions are not
    checked.""",
)
def _event_location(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    shapes = _Shapes(ctx)
    for i, event in enumerate(ctx.scenario.events):
        point, location = event.coordinates, event.location
        if point is None or location is None:
            continue
        if point.precision not in (CoordinatePrecision.EXACT, CoordinatePrecision.NEAR):
            continue
        found = shapes.find(location)
        if found is None:
            continue
        holder, geometry = found
        if point.precision is CoordinatePrecision.EXACT:
            wrong = not contains_point(geometry, point.lon, point.lat)
        else:
            west, south, east, north = geometry.bbox()
            m = NEAR_MARGIN_DEGREES
            wrong = not (west - m <= point.lon <= east + m and south - m <= point.lat <= north + m)
        if wrong:
            message = (
                f"event {event.id!r} at ({point.lat}, {point.lon}, {point.precision.value}) lies outside "
                f"the geometry of {holder!r}"
            )
            yield _finding(rule, message, (event.id, holder), f"$.events[{i}].coordinates")


@_rule(
    "CM602",
    "violation-outside-in-force",
    Severity.WARNING,
    "A violation is dated when its agreement was not in force",
    """An agreement can only be breached while it is in force. A stored violation whose
    date certainly lies outside the agreement's ``in_force`` period is dated wrongly or
    names the wrong agreement.""",
)
def _violation_dates(ctx: _Context, rule: Rule) -> Iterator[Finding]:
    agreements = {a.id: a for a in reversed(ctx.scenario.agreements)}
    for i, violation in enumerate(ctx.scenario.violations):
        agreement = agreements.get(violation.agreement)
        if agreement is None or agreement.in_force is None:
            continue
        span = ctx.span(agreement.in_force)
        date = violation.date
        if date.latest.toordinal() < span[0] or date.earliest.toordinal() > span[3]:
            message = (
                f"violation {violation.id!r} is dated {date}, outside the period {agreement.in_force} "
                f"in which {agreement.id!r} was in force"
            )
            yield _finding(rule, message, (violation.id, agreement.id), f"$.violations[{i}].date")


# --- the catalogue and validate -----------------------------------------------------

RULES: FrozenMap[Rule] = FrozenMap({code: rule for code, (rule, _) in _REGISTRY.items()})
"""Every rule :func:`validate` checks, by code (a read-only mapping in code order)."""


def _selectors(value: str | Iterable[str] | None, argument: str) -> list[str] | None:
    if value is None:
        return None
    chosen = [value] if isinstance(value, str) else list(value)
    unknown = [c for c in chosen if not any(code.startswith(c) for code in RULES) or not c]
    if unknown:
        raise ValueError(
            f"{argument}: unknown rule code{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}"
        )
    return chosen


def validate(
    scenario: Scenario, *, select: str | Iterable[str] | None = None, ignore: str | Iterable[str] | None = None
) -> Report:
    """Check every scenario-wide rule and report what breaks them; never raises for a bad
    scenario.

    ``select`` and ``ignore`` take rule codes or code prefixes (``"CM4"`` is every control
    rule, ``"CM40"`` the first ten): only selected rules run (all when ``select`` is
    ``None``), minus the ignored ones. A code or prefix that matches no rule raises
    :class:`ValueError`. See :data:`RULES` and ``docs/rules.md`` for the catalogue.

    Cost: O(n log n) in the number of records.

    >>> report = validate(Scenario(meta=Meta(title="empty")))
    >>> report.ok, report.findings
    (True, ())
    """
    selected = _selectors(select, "select")
    ignored = _selectors(ignore, "ignore") or []
    codes = [
        code
        for code in RULES
        if (selected is None or any(code.startswith(c) for c in selected))
        and not any(code.startswith(c) for c in ignored)
    ]
    ctx = _Context(scenario)
    findings: list[Finding] = []
    for code in codes:
        rule, check = _REGISTRY[code]
        findings.extend(sorted(check(ctx, rule), key=_place))
    return Report(findings=tuple(findings), checked=tuple(codes))


_STEP = re.compile(r"\.(\w+)|\[(\d+)\]")
_HEAD = re.compile(r"\$\.(\w+)(?:\[(\d+)\])?(.*)")
_RANK = {name: rank for rank, name in enumerate(("meta", *_SINGULAR))}


def _place(finding: Finding) -> tuple[int, int, tuple[tuple[int, int, str], ...], tuple[str, ...]]:
    """Where a finding points, as a sort key: collections in format order, records by
    index, then the fields inside (names alphabetically, indexes as numbers); then its
    subjects."""
    found = _HEAD.match(finding.path or "")
    head, number, tail = found.groups() if found else ("", None, "")
    steps = tuple((0, int(index), "") if index else (1, 0, name) for name, index in _STEP.findall(tail))
    return _RANK.get(head, -1), -1 if number is None else int(number), steps, finding.subjects
