"""CM3xx, time: records inside the lifetimes of the actors and alliances they name, and
agreements in force only once signed.

Each rule is registered with :func:`~._registry.rule`; ``docs/rules.md`` has its entry and a
failing example.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from conflictmodel._model._agreements import Role
from conflictmodel._model._intervals import Span

from ._context import Context, finding
from ._registry import Rule, rule
from ._report import Finding, Severity
from ._structure import membership_span

__all__: list[str] = []


def _outside(record: Span, life: Span) -> bool:
    """Whether a record certainly reaches outside a lifetime: the two cannot overlap at
    all, or some day certainly in the record is certainly not in the lifetime."""
    if record[3] < life[0] or record[0] > life[3]:
        return True
    return record[1] <= record[2] and (record[1] < life[0] or record[2] > life[3])


def _apart(record: Span, life: Span) -> bool:
    """Whether a record and a lifetime cannot meet on any day."""
    return record[3] < life[0] or record[0] > life[3]


def _lifetime_findings(
    ctx: Context,
    rule: Rule,
    record_id: str,
    span: Span,
    actors: Iterable[tuple[str, str]],
    *,
    what: str,
    wrong: Callable[[Span, Span], bool] = _outside,
) -> Iterator[Finding]:
    lives = ctx.lives
    for actor_id, path in actors:
        life = lives.get(actor_id)
        if life is not None and wrong(span, life):
            active = ctx.actors[actor_id][1].active
            message = f"{what} {record_id!r} involves {actor_id!r} outside its active period {active}"
            yield finding(rule, message, dict.fromkeys((record_id, actor_id)), path)


@rule(
    "CM301",
    "control-outside-lifetime",
    Severity.ERROR,
    "A control record involves an actor outside its active period",
    """A controller or opponent that did not exist (or had ceased to act) during the
    control period. The classic lifetime error: a record copied forward past a group's
    dissolution, or an actor whose ``active`` period is wrong.""",
)
def _control_lifetimes(ctx: Context, rule: Rule) -> Iterator[Finding]:
    if not ctx.lives:
        return
    for i, control in enumerate(ctx.scenario.controls):
        span = ctx.span(control.period)
        actors = [(a, f"$.controls[{i}].controllers[{j}]") for j, a in enumerate(control.controllers)]
        actors += [(a, f"$.controls[{i}].opponents[{j}]") for j, a in enumerate(sorted(control.opponents))]
        yield from _lifetime_findings(ctx, rule, control.id, span, actors, what="control")


@rule(
    "CM302",
    "membership-outside-lifetime",
    Severity.ERROR,
    "An alliance membership lies outside the member's active period",
    """An actor cannot be a member of an alliance before it exists or after it ceased
    to act.""",
)
def _membership_lifetimes(ctx: Context, rule: Rule) -> Iterator[Finding]:
    if not ctx.lives:
        return
    for i, alliance in enumerate(ctx.scenario.alliances):
        for j, member in enumerate(alliance.members):
            if member.period is None and alliance.period is None:
                continue
            span = membership_span(ctx, alliance, member.period)
            actors = [(member.actor, f"$.alliances[{i}].members[{j}]")]
            yield from _lifetime_findings(ctx, rule, alliance.id, span, actors, what="alliance")


@rule(
    "CM303",
    "relation-outside-lifetime",
    Severity.ERROR,
    "A support or hostility involves an actor outside its active period",
    """Support given or received, or a conflict dyad fought, by an actor that did not
    exist at the time.""",
)
def _relation_lifetimes(ctx: Context, rule: Rule) -> Iterator[Finding]:
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


@rule(
    "CM304",
    "role-outside-lifetime",
    Severity.ERROR,
    "An agreement names an actor that was not active when it was signed",
    """The parties, guarantors and other actors of an agreement exist when it is signed.
    A role held by a dissolved group or a not-yet-formed government is a data error. An
    actor the agreement only excludes need not exist at the signing, since an exclusion
    names groups by what they are ("the groups linked to them") and so reaches a group
    formed later; it must be active on some day the agreement may be in force.""",
)
def _role_lifetimes(ctx: Context, rule: Rule) -> Iterator[Finding]:
    if not ctx.lives:
        return
    excluded_only = frozenset({Role.EXCLUDED})
    for i, agreement in enumerate(ctx.scenario.agreements):
        bound: list[tuple[str, str]] = []
        excluded: list[tuple[str, str]] = []
        for j, entry in enumerate(agreement.actors):
            in_force = entry.roles == excluded_only and agreement.in_force is not None
            (excluded if in_force else bound).append((entry.actor, f"$.agreements[{i}].actors[{j}].actor"))
        if agreement.signed is not None:
            span = _date_span(agreement.signed)
            yield from _lifetime_findings(ctx, rule, agreement.id, span, bound, what="agreement")
        if excluded:
            span = ctx.span(agreement.in_force)
            yield from _lifetime_findings(ctx, rule, agreement.id, span, excluded, what="agreement", wrong=_apart)


@rule(
    "CM305",
    "event-outside-lifetime",
    Severity.ERROR,
    "An event or violation involves an actor outside its active period",
    """An event fought by, or a violation committed by, an actor that did not exist on
    its date: usually a wrong actor match during import.""",
)
def _event_lifetimes(ctx: Context, rule: Rule) -> Iterator[Finding]:
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


@rule(
    "CM306",
    "post-outside-lifetime",
    Severity.ERROR,
    "A person holds a post outside their or the organisation's active period",
    """A post held before the person was active, after they ceased to be, or in an
    organisation that did not exist then.""",
)
def _post_lifetimes(ctx: Context, rule: Rule) -> Iterator[Finding]:
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


@rule(
    "CM307",
    "membership-outside-alliance",
    Severity.ERROR,
    "A membership lies outside the alliance's period",
    """A membership period reaches before the alliance was founded or after it ended:
    either the membership or the alliance is dated wrongly.""",
)
def _membership_periods(ctx: Context, rule: Rule) -> Iterator[Finding]:
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
                yield finding(rule, message, (alliance.id, member.actor), f"$.alliances[{i}].members[{j}].period")


@rule(
    "CM308",
    "in-force-before-signed",
    Severity.ERROR,
    "An agreement is in force before it was signed",
    """An agreement enters into force on or after its signing. An ``in_force`` period
    that certainly begins before the earliest day the signing date allows (or that has
    no start at all) contradicts the ``signed`` date.""",
)
def _in_force_before_signed(ctx: Context, rule: Rule) -> Iterator[Finding]:
    for i, agreement in enumerate(ctx.scenario.agreements):
        signed, in_force = agreement.signed, agreement.in_force
        if signed is None or in_force is None:
            continue
        if ctx.span(in_force)[1] < signed.earliest.toordinal():
            start = "no start" if in_force.start is None else f"start {in_force.start}"
            message = f"agreement {agreement.id!r} is in force from {start}, before it was signed on {signed}"
            path = f"$.agreements[{i}].in_force" + ("" if in_force.start is None else ".start")
            yield finding(rule, message, (agreement.id,), path)
