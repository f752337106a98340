"""CM5xx, alignment: actors both allied and hostile, and supporters of their own enemies.

Each rule is registered with :func:`~._registry.rule`; ``docs/rules.md`` has its entry and a
failing example.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from conflictmodel._model._intervals import Span

from ._context import Context, finding
from ._registry import Rule, rule
from ._report import Finding, Severity

__all__: list[str] = []


def _meet(*spans: Span) -> bool:
    """Whether some day certainly lies in every span."""
    return max(s[1] for s in spans) <= min(s[2] for s in spans)


@rule(
    "CM501",
    "allied-and-hostile",
    Severity.WARNING,
    "Two actors are allied and hostile at the same time",
    """Members of one alliance on opposite sides of a conflict dyad, on days that
    certainly belong to both. It happens (Turkey and the United States, both NATO
    members, on opposite sides in northern Syria), but it is worth a second look, and
    ``camps`` keeps such actors apart.""",
)
def _allied_and_hostile(ctx: Context, rule: Rule) -> Iterator[Finding]:
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
                        yield finding(rule, message, (hostility.id, alliance_id, a, b), f"$.hostilities[{i}]")


@rule(
    "CM502",
    "supports-an-enemy",
    Severity.WARNING,
    "An actor supports an actor it is hostile to",
    """Support from an actor to its own opponent in a conflict dyad, on days that
    certainly belong to both: usually sides swapped during import.""",
)
def _supports_enemy(ctx: Context, rule: Rule) -> Iterator[Finding]:
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
                yield finding(rule, message, (support.id, hostility_id), f"$.supports[{i}]")
                break
