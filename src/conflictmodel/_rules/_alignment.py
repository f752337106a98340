"""CM5xx, alignment: actors both allied and hostile, and supporters of their own enemies.

Each rule is registered with :func:`~._registry.rule`; ``docs/rules.md`` has its entry and a
failing example.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator

from conflictmodel._model._intervals import MIN_ORDINAL, Span

from ._context import Context, finding
from ._registry import Rule, rule
from ._report import Finding, Severity

__all__: list[str] = []


Interval = tuple[int, int, str]
"""Certain days ``[first, last]`` of an actor's membership, and the actor."""


def _meet(*spans: Span) -> bool:
    """Whether some day certainly lies in every span."""
    return max(s[1] for s in spans) <= min(s[2] for s in spans)


def _meeting(mine: list[Interval], theirs: list[Interval]) -> set[str]:
    """The actors of ``mine`` with an interval that meets an interval of another actor in
    ``theirs``. O((m + t) log t): ``theirs`` sorted by first day, with the latest last day
    of each prefix and the latest among the other actors than that one."""
    ordered = sorted(theirs)
    firsts = [first for first, _, _ in ordered]
    prefix: list[tuple[int, str, int]] = []  # latest last day, its actor, latest of the others
    best, best_actor, second = MIN_ORDINAL - 1, "", MIN_ORDINAL - 1
    for _, last, actor in ordered:
        if actor == best_actor:
            best = max(best, last)
        elif last > best:
            best, best_actor, second = last, actor, best
        else:
            second = max(second, last)
        prefix.append((best, best_actor, second))
    found: set[str] = set()
    for first, last, actor in mine:
        k = bisect_right(firsts, last) - 1
        if k >= 0:
            best, best_actor, second = prefix[k]
            if (best if best_actor != actor else second) >= first:
                found.add(actor)
    return found


def _clipped(side: tuple[str, ...], span: Span, memberships: dict[str, list[Interval]]) -> dict[str, list[Interval]]:
    """Alliance id to the memberships of a side's actors, cut to the certain days of ``span``."""
    by_alliance: dict[str, list[Interval]] = defaultdict(list)
    for actor in dict.fromkeys(side):
        for start, end, alliance_id in memberships.get(actor, ()):
            first, last = max(start, span[1]), min(end, span[2])
            if first <= last:
                by_alliance[alliance_id].append((first, last, actor))
    return by_alliance


def _listing(actors: list[str]) -> str:
    shown = ", ".join(repr(a) for a in actors[:3])
    return shown + (f" and {len(actors) - 3} more" if len(actors) > 3 else "")


@rule(
    "CM501",
    "allied-and-hostile",
    Severity.WARNING,
    "Two actors are allied and hostile at the same time",
    """Members of one alliance on opposite sides of a conflict dyad, on days that
    certainly belong to both. It happens (Turkey and the United States, both NATO
    members, on opposite sides in northern Syria), but it is worth a second look, and
    ``camps`` keeps such actors apart. One finding per hostility and alliance names the
    members on each side.""",
)
def _allied_and_hostile(ctx: Context, rule: Rule) -> Iterator[Finding]:
    # One finding per hostility and alliance, naming the members on each side that are
    # certainly allied with one on the other while the hostility lasts: a pair per finding
    # would be quadratic in the size of the sides.
    s = ctx.scenario
    memberships: dict[str, list[Interval]] = defaultdict(list)
    for alliance in s.alliances:
        own = ctx.span(alliance.period)
        for member in alliance.members:
            span = own if member.period is None else ctx.span(member.period)
            first, last = max(own[1], span[1]), min(own[2], span[2])
            if first <= last:
                memberships[member.actor].append((first, last, alliance.id))
    if not memberships:
        return
    for i, hostility in enumerate(s.hostilities):
        span = ctx.span(hostility.period)
        side_a = _clipped(hostility.side_a, span, memberships)
        if not side_a:
            continue
        side_b = _clipped(hostility.side_b, span, memberships)
        for alliance_id in sorted(side_a.keys() & side_b.keys()):
            found_a = _meeting(side_a[alliance_id], side_b[alliance_id])
            if not found_a:
                continue
            found_b = _meeting(side_b[alliance_id], side_a[alliance_id])
            a = [x for x in dict.fromkeys(hostility.side_a) if x in found_a]
            b = [x for x in dict.fromkeys(hostility.side_b) if x in found_b]
            if len(a) == len(b) == 1:
                message = (
                    f"{a[0]!r} and {b[0]!r} are allied in {alliance_id!r} while on opposite sides "
                    f"of hostility {hostility.id!r}"
                )
            else:
                message = (
                    f"{_listing(a)} (side A) and {_listing(b)} (side B) are allied in {alliance_id!r} "
                    f"while on opposite sides of hostility {hostility.id!r}"
                )
            yield finding(rule, message, (hostility.id, alliance_id, *a, *b), f"$.hostilities[{i}]")


@rule(
    "CM502",
    "supports-an-enemy",
    Severity.WARNING,
    "An actor supports an actor it is hostile to",
    """Support from an actor to its own opponent in a conflict dyad, on days that
    certainly belong to both: usually sides swapped during import.""",
)
def _supports_enemy(ctx: Context, rule: Rule) -> Iterator[Finding]:
    # Hostilities are indexed by actor, and only the pairs of actors that some support
    # links are looked at: the pairs across the sides of one hostility are never built.
    s = ctx.scenario
    if not s.supports or not s.hostilities:
        return
    involved: dict[str, list[int]] = defaultdict(list)
    sides: list[tuple[frozenset[str], frozenset[str]]] = []
    for i, hostility in enumerate(s.hostilities):
        sides.append((frozenset(hostility.side_a), frozenset(hostility.side_b)))
        for actor in sides[-1][0] | sides[-1][1]:
            involved[actor].append(i)
    opposed: dict[tuple[str, str], list[int]] = {}
    for i, support in enumerate(s.supports):
        pair = (support.supporter, support.recipient)
        if pair not in opposed:
            x, y = pair
            fewer = min(involved.get(x, []), involved.get(y, []), key=len)
            opposed[pair] = [
                h
                for h in fewer
                if x != y and ((x in sides[h][0] and y in sides[h][1]) or (x in sides[h][1] and y in sides[h][0]))
            ]
        span = ctx.span(support.period)
        for h in opposed[pair]:
            hostility = s.hostilities[h]
            if _meet(span, ctx.span(hostility.period)):
                message = (
                    f"{support.supporter!r} supports {support.recipient!r} while hostile to it in {hostility.id!r}"
                )
                yield finding(rule, message, (support.id, hostility.id), f"$.supports[{i}]")
                break
