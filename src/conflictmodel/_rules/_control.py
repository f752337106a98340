"""CM4xx, control of territory: no two exclusive holders of one territory at once, and
partial holders that do not overlap a full one.

Each rule is registered with :func:`~._registry.rule`; ``docs/rules.md`` has its entry and a
failing example.
"""

from __future__ import annotations

import functools
import itertools
from collections import defaultdict
from collections.abc import Iterator

from conflictmodel._model._control import ControlStatus
from conflictmodel._model._intervals import Span

from ._context import Context, ControlEntry, finding
from ._registry import Rule, rule
from ._report import Finding, Severity

__all__ = ["PORTION_TOLERANCE"]


def _controls_by_territory(ctx: Context) -> dict[str, list[ControlEntry]]:
    """Control records grouped by territory, in document order. Computed once.

    Each territory's entries are made together, so that they lie in one stretch of
    memory, and hold what the sweeps read (partial or not, the portion's fraction): the
    five control rules then never go back to the records, which at a million records
    are mostly out of the processor's caches (on the 1,000,000-record benchmark document
    the five took 1.68-1.70 s against 1.92-1.98 s with the entries made in document
    order and the records read in each sweep; benchmarks run N)."""
    if ctx.controls is None:
        controls = ctx.scenario.controls
        positions: dict[str, list[int]] = defaultdict(list)
        for i, control in enumerate(controls):
            positions[control.territory].append(i)
        grouped: dict[str, list[ControlEntry]] = {}
        span = ctx.span
        holders: dict[tuple[str, ...], frozenset[str]] = {}  # one set per distinct controllers
        partial = ControlStatus.PARTIAL
        for territory, indexes in positions.items():
            entries = grouped[territory] = []
            for i in indexes:
                control = controls[i]
                controllers = control.controllers
                held = holders.get(controllers)
                if held is None:
                    held = holders[controllers] = frozenset(controllers)
                portion = control.portion
                fraction = None if portion is None else portion.fraction
                entries.append((i, control, held, span(control.period), control.status is partial, fraction))
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
    # plain tuples sort natively; the record's index (document order, so id order) breaks ties
    items = [(e[3][lo], e[3][hi], e[0], e) for e in entries if not e[4] and e[3][lo] <= e[3][hi]]
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


@rule(
    "CM401",
    "exclusive-control-overlap",
    Severity.ERROR,
    "A territory is under exclusive control of different actors at once",
    """Full, contested and besieged control each say the controllers hold all of the
    territory. Two such records with different controllers whose periods certainly
    overlap contradict each other: ``controllers_on`` answers ``conflicting`` for the
    days they share. Joint control is one record with several controllers.""",
)
def _exclusive_overlap(ctx: Context, rule: Rule) -> Iterator[Finding]:
    for entries in _controls_by_territory(ctx).values():
        for (i, control, holders, *_), (_, other, theirs, *_) in _exclusive_clashes(entries, certain=True):
            message = (
                f"control {control.id!r} ({_names(holders)}) and {other.id!r} ({_names(theirs)}) both hold "
                f"{control.territory!r} exclusively during days they certainly share"
            )
            yield finding(rule, message, (control.id, other.id, control.territory), f"$.controls[{i}]")


@rule(
    "CM402",
    "exclusive-control-possible-overlap",
    Severity.WARNING,
    "Exclusive control by different actors may overlap, because of imprecise dates",
    """As CM401, but the two periods only possibly overlap: a handover known to the month
    (one record ends in ``2017-03``, the next starts in ``2017-03``). ``controllers_on``
    answers ``ambiguous`` on those days. Give the dates to the day to resolve it, or
    accept the ambiguity.""",
)
def _exclusive_possible_overlap(ctx: Context, rule: Rule) -> Iterator[Finding]:
    for entries in _controls_by_territory(ctx).values():
        for (i, control, holders, mine, *_), (_, other, theirs, its, *_) in _exclusive_clashes(entries, certain=False):
            if not _certainly_overlap(mine, its):
                message = (
                    f"control {control.id!r} ({_names(holders)}) and {other.id!r} ({_names(theirs)}) may both "
                    f"hold {control.territory!r} exclusively: their imprecise periods possibly overlap"
                )
                yield finding(rule, message, (control.id, other.id, control.territory), f"$.controls[{i}]")


def _partial_clashes(  # noqa: C901, PLR0912 - one sweep, kept whole
    entries: list[ControlEntry], *, certain: bool
) -> Iterator[tuple[ControlEntry, ControlEntry]]:
    """Each partial record that overlaps an exclusive record whose controllers do not
    include all of its own, with one such record. A sweep over start and end days:
    O(m log m + s) for m records, where s counts, at each start of an exclusive record,
    the partial records then running and not yet reported."""
    if not any(e[4] for e in entries):
        return
    lo, hi = (1, 2) if certain else (0, 3)
    # (day, start?, record index, partial?, entry): ends before starts on one day, the
    # record's index (unique) breaks ties, so the flag and the entry are never compared
    points: list[tuple[int, int, int, bool, ControlEntry]] = []
    for entry in entries:
        span = entry[3]
        if span[lo] <= span[hi]:
            is_partial = entry[4]
            points.append((span[lo], 1, entry[0], is_partial, entry))
            points.append((span[hi] + 1, 0, entry[0], is_partial, entry))
    points.sort()
    exclusive: dict[int, ControlEntry] = {}
    partial: dict[int, ControlEntry] = {}  # the running partial records not reported yet
    counts: dict[str, int] = {}  # of each actor: how many running exclusive records it holds in
    for _, is_start, rid, is_partial, entry in points:
        if not is_start:
            if is_partial:
                partial.pop(rid, None)
            elif exclusive.pop(rid, None) is not None:
                for actor in entry[2]:
                    counts[actor] -= 1
            continue
        if is_partial:
            if exclusive and any(counts.get(a, 0) < len(exclusive) for a in entry[2]):
                yield entry, next(e for e in exclusive.values() if not entry[2] <= e[2])
            else:
                partial[rid] = entry
        else:
            if partial:  # each partial record is reported once, so it is then let go
                held = entry[2]
                for pid in [pid for pid, running in partial.items() if not running[2] <= held]:
                    yield partial.pop(pid), entry
            exclusive[rid] = entry
            for actor in entry[2]:
                counts[actor] = counts.get(actor, 0) + 1


def _certain_partial_clashes(ctx: Context) -> dict[str, list[tuple[ControlEntry, ControlEntry]]]:
    """CM403's clashes by territory, computed once (CM404 leaves their records out)."""
    if ctx.partial_certain is None:
        ctx.partial_certain = {
            territory: list(_partial_clashes(entries, certain=True))
            for territory, entries in _controls_by_territory(ctx).items()
        }
    return ctx.partial_certain


@rule(
    "CM403",
    "partial-control-overlap",
    Severity.ERROR,
    "Partial control by an actor overlaps exclusive control by others",
    """A partial record says its controllers hold part of the territory; an exclusive
    record at the same time says other controllers hold all of it. Both cannot be
    true: ``controllers_on`` answers ``conflicting``. Record the part as its own
    territory, or make the exclusive record partial.""",
)
def _partial_overlap(ctx: Context, rule: Rule) -> Iterator[Finding]:
    for clashes in _certain_partial_clashes(ctx).values():
        for (i, control, holders, *_), (_, other, theirs, *_) in clashes:
            message = (
                f"partial control {control.id!r} ({_names(holders)}) of {control.territory!r} certainly overlaps "
                f"exclusive control {other.id!r} ({_names(theirs)})"
            )
            yield finding(rule, message, (control.id, other.id, control.territory), f"$.controls[{i}]")


@rule(
    "CM404",
    "partial-control-possible-overlap",
    Severity.WARNING,
    "Partial control may overlap exclusive control by others, because of imprecise dates",
    """As CM403, but the periods only possibly overlap; ``controllers_on`` answers
    ``ambiguous`` on the days in question.""",
)
def _partial_possible_overlap(ctx: Context, rule: Rule) -> Iterator[Finding]:
    certain = _certain_partial_clashes(ctx)
    for territory, entries in _controls_by_territory(ctx).items():
        reported = {a[1].id for a, _ in certain[territory]}
        for (i, control, holders, mine, *_), (_, other, theirs, its, *_) in _partial_clashes(entries, certain=False):
            if control.id not in reported and not _certainly_overlap(mine, its):
                message = (
                    f"partial control {control.id!r} ({_names(holders)}) of {control.territory!r} possibly "
                    f"overlaps exclusive control {other.id!r} ({_names(theirs)})"
                )
                yield finding(rule, message, (control.id, other.id, control.territory), f"$.controls[{i}]")


PORTION_TOLERANCE = 0.01
"""How far the stated portions of one territory's concurrent partial records may add up
beyond the whole before CM405 reports them (rounding in published shares)."""


def _overfull(entries: list[ControlEntry]) -> Iterator[tuple[ControlEntry, float, list[ControlEntry]]]:
    """Each partial record with a portion that starts while the portions running with it
    (its own included) add up to more than the whole, with that sum and up to three of
    the records running. A sweep over start and end days: O(m log m) for m records."""
    points: list[tuple[int, int, int, ControlEntry]] = []
    counted: set[str] = set()  # a repeated id is one record, written twice (CM101 says so)
    for entry in entries:
        span = entry[3]
        if entry[5] is not None and span[1] <= span[2] and entry[1].id not in counted:
            counted.add(entry[1].id)
            points.append((span[1], 1, entry[0], entry))
            points.append((span[2] + 1, 0, entry[0], entry))
    if len(points) < 4:
        return
    points.sort()  # ends before starts on one day; the record's index breaks ties
    running: dict[int, ControlEntry] = {}
    total = 0.0
    for _, is_start, rid, entry in points:
        fraction = entry[5]
        assert fraction is not None  # noqa: S101 - only records with a portion are swept
        if not is_start:
            running.pop(rid)
            total -= fraction
            continue
        running[rid] = entry
        total += fraction
        if total > 1.0 + PORTION_TOLERANCE:
            yield entry, total, list(itertools.islice((e for e in running.values() if e[0] != rid), 3))


@rule(
    "CM405",
    "partial-portions-exceed-whole",
    Severity.ERROR,
    "Concurrent partial records of a territory hold more than all of it",
    """Each partial record's ``portion`` says what fraction of the territory it holds.
    Records whose periods certainly overlap hold their portions at once, so on the days
    they share the fractions must add up to at most 1 (with a tolerance of 0.01 for
    rounding in published shares). More than that means a share is wrong, a record is
    stale, or two sources count the same ground; ``partition`` then scales the portions
    down to the whole. Reported at the record whose start overfills the territory. A
    record written twice (a repeated id, which CM101 reports) counts once.""",
)
def _portions_exceed_whole(ctx: Context, rule: Rule) -> Iterator[Finding]:
    for entries in _controls_by_territory(ctx).values():
        for (i, control, *_), total, others in _overfull(entries):
            names = ", ".join(repr(e[1].id) for e in others)
            message = (
                f"partial control {control.id!r} of {control.territory!r} starts while its portion and those "
                f"of {names} add up to {total:.3g} of the territory (more than the whole)"
            )
            subjects = (control.id, *(e[1].id for e in others), control.territory)
            yield finding(rule, message, subjects, f"$.controls[{i}].portion.fraction")
