"""CM2xx, structure: nothing related to itself, no cycles in the actor, territory, zone or
agreement-link graphs, alliances with enough members listed once.

Each rule is registered with :func:`~._registry.rule`; ``docs/rules.md`` has its entry and a
failing example.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from conflictmodel._model._agreements import LinkRelation
from conflictmodel._model._alignment import Alliance
from conflictmodel._model._intervals import Span

from ._context import Context, finding, sorted_index
from ._registry import Rule, rule
from ._report import Finding, Severity

__all__ = ["membership_span"]


def _self_related_actors(ctx: Context, rule: Rule) -> Iterator[Finding]:
    for i, actor in enumerate(ctx.scenario.actors):
        if actor.parent == actor.id:
            yield finding(rule, f"actor {actor.id!r} is its own parent", (actor.id,), f"$.actors[{i}].parent")
        for j, post in enumerate(actor.posts):
            if post.organisation == actor.id:
                path = f"$.actors[{i}].posts[{j}].organisation"
                yield finding(rule, f"actor {actor.id!r} holds a post in itself", (actor.id,), path)


def _self_related_territories(ctx: Context, rule: Rule) -> Iterator[Finding]:
    for i, territory in enumerate(ctx.scenario.territories):
        if territory.parent == territory.id:
            path = f"$.territories[{i}].parent"
            yield finding(rule, f"territory {territory.id!r} is its own parent", (territory.id,), path)
        if territory.id in territory.components:
            path = f"$.territories[{i}].components[{sorted_index(territory.components, territory.id)}]"
            yield finding(rule, f"territory {territory.id!r} is its own component", (territory.id,), path)


def _self_related_relations(ctx: Context, rule: Rule) -> Iterator[Finding]:
    s = ctx.scenario
    for i, support in enumerate(s.supports):
        if support.supporter == support.recipient:
            message = f"support {support.id!r} goes from {support.supporter!r} to itself"
            yield finding(rule, message, (support.id, support.supporter), f"$.supports[{i}].recipient")
    for i, hostility in enumerate(s.hostilities):
        both = set(hostility.side_a).intersection(hostility.side_b)
        for j, actor_id in enumerate(hostility.side_b):
            if actor_id in both:
                message = f"hostility {hostility.id!r} has {actor_id!r} on both sides"
                yield finding(rule, message, (hostility.id, actor_id), f"$.hostilities[{i}].side_b[{j}]")
    for i, agreement in enumerate(s.agreements):
        for j, link in enumerate(agreement.links):
            if link.target == agreement.id:
                message = f"agreement {agreement.id!r} is linked to itself ({link.relation.value})"
                yield finding(rule, message, (agreement.id,), f"$.agreements[{i}].links[{j}].target")


@rule(
    "CM201",
    "self-relation",
    Severity.ERROR,
    "A record is related to itself",
    """An actor that is its own parent, a person whose post belongs to themselves, a
    territory that is its own parent or component, support from an actor to itself, a
    hostility with one actor on both sides, an agreement linked to itself. Each is a
    data error that would make hierarchies, camps and coverage meaningless.""",
)
def _self_relations(ctx: Context, rule: Rule) -> Iterator[Finding]:
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


@rule(
    "CM202",
    "actor-parent-cycle",
    Severity.ERROR,
    "Actors' parents form a cycle",
    """An actor's parent chain (brigade, group, state) must end. A cycle makes the
    hierarchy meaningless: which state does a force belong to? Queries cut the cycle
    where it closes, so attributions through it are arbitrary.""",
)
def _actor_cycles(ctx: Context, rule: Rule) -> Iterator[Finding]:
    parents = {
        aid: actor.parent
        for aid, (_, actor) in ctx.actors.items()
        if actor.parent is not None and actor.parent in ctx.actors and actor.parent != aid
    }
    for cycle in _parent_cycles(parents):
        index = ctx.actors[cycle[0]][0]
        message = f"actors' parents form a cycle: {_loop_text(cycle)}"
        yield finding(rule, message, cycle, f"$.actors[{index}].parent")


@rule(
    "CM203",
    "territory-parent-cycle",
    Severity.ERROR,
    "Territories' parents form a cycle",
    """The administrative hierarchy is a tree. A cycle of parents makes "the territories
    inside X" and the partition of a country undefined; queries cut the cycle where it
    closes.""",
)
def _territory_cycles(ctx: Context, rule: Rule) -> Iterator[Finding]:
    parents = {
        tid: territory.parent
        for tid, (_, territory) in ctx.territories.items()
        if territory.parent is not None and territory.parent in ctx.territories and territory.parent != tid
    }
    for cycle in _parent_cycles(parents):
        index = ctx.territories[cycle[0]][0]
        message = f"territories' parents form a cycle: {_loop_text(cycle)}"
        yield finding(rule, message, cycle, f"$.territories[{index}].parent")


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


@rule(
    "CM204",
    "zone-component-cycle",
    Severity.ERROR,
    "Zones contain themselves through their components",
    """A zone is made of other territories. When following components (and children)
    leads back to where it started, "the territories a zone covers" has no answer:
    coverage of agreements and control derived from parts become arbitrary.""",
)
def _zone_cycles(ctx: Context, rule: Rule) -> Iterator[Finding]:
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
            yield finding(rule, message, component, f"$.territories[{index}].components")


@rule(
    "CM205",
    "alliance-too-few-members",
    Severity.ERROR,
    "An alliance has fewer than two members",
    """An alliance aligns at least two actors. One with fewer is unfinished data; it
    contributes nothing to ``allies_of`` or ``camps``.""",
)
def _too_few_members(ctx: Context, rule: Rule) -> Iterator[Finding]:
    for i, alliance in enumerate(ctx.scenario.alliances):
        count = len(alliance.member_ids())
        if count < 2:
            message = f"alliance {alliance.id!r} has {count} distinct member{'s' if count != 1 else ''}"
            yield finding(rule, message, (alliance.id,), f"$.alliances[{i}].members")


def membership_span(ctx: Context, alliance: Alliance, period: Any) -> Span:
    return ctx.span(alliance.period if period is None else period)


@rule(
    "CM206",
    "duplicate-membership",
    Severity.ERROR,
    "An actor is listed twice in an alliance at the same time",
    """An actor may leave an alliance and join again, with two memberships whose periods
    do not meet. Two memberships that may overlap say the same thing twice, or say two
    different things about when the actor was a member.""",
)
def _duplicate_membership(ctx: Context, rule: Rule) -> Iterator[Finding]:
    for i, alliance in enumerate(ctx.scenario.alliances):
        by_actor: dict[str, list[tuple[Span, int]]] = defaultdict(list)
        for j, member in enumerate(alliance.members):
            by_actor[member.actor].append((membership_span(ctx, alliance, member.period), j))
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
                    yield finding(rule, message, (alliance.id, actor_id), f"$.alliances[{i}].members[{j}]")
                if span[3] > reach:
                    reach, holder = span[3], j


@rule(
    "CM207",
    "agreement-link-cycle",
    Severity.ERROR,
    "Agreements link to each other in a cycle",
    """Links other than ``related`` have a direction: part of, implements, supersedes,
    amends, follows. An agreement that, through such links, supersedes or follows
    itself makes the history of a peace process unreadable.""",
)
def _link_cycles(ctx: Context, rule: Rule) -> Iterator[Finding]:
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
        yield finding(rule, message, component, f"$.agreements[{positions[component[0]]}].links")
