"""ATOP, the Alliance Treaty Obligations and Provisions project: both file levels.

The member-level and alliance-level files are read. (There is deliberately no reader for the Correlates of War
alliance data: its maintainer has asked that software not facilitate its use.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from conflictmodel._model._actors import Actor, ActorKind
from conflictmodel._model._alignment import Alliance, AllianceKind, Membership, Obligation
from conflictmodel._model._dates import PartialDate, Period
from conflictmodel._model._frozenmap import FrozenMap
from conflictmodel._model._intervals import span_of
from conflictmodel._model._provenance import Source

from ._builder import Builder, Progress, RowError
from ._csv import CsvReader, CsvRow
from ._numbers import count, digits
from ._source import Input, describe, open_binary
from ._states import by_cow

if TYPE_CHECKING:
    from collections.abc import Callable

    from conflictmodel._model._scenario import Record

    from ._report import Imported

__all__ = ["read_atop_alliances", "read_atop_members"]

DATASET = "atop"

CITATION = Source(
    id="atop:dataset",
    title="Alliance Treaty Obligations and Provisions (ATOP)",
    publisher="Leeds et al., atopdata.org",
    locator="http://www.atopdata.org/",
)

_OBLIGATIONS = {
    "defense": Obligation.DEFENCE,
    "offense": Obligation.OFFENCE,
    "neutral": Obligation.NEUTRALITY,
    "nonagg": Obligation.NON_AGGRESSION,
    "consul": Obligation.CONSULTATION,
}
_MEMBER_REQUIRED = ("atopid", "member", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit", *_OBLIGATIONS)
_ALLIANCE_REQUIRED = ("atopid", "begyr", "begmo", "begday", "endyr", "endmo", "endday", *_OBLIGATIONS, "mem1")


def _number(v: dict[str, str], column: str) -> int:
    """A year, month, day or obligation code: ASCII digits, 0 when empty."""
    return count(v[column], column, what="an ATOP code", maximum=9999) or 0


def _date(v: dict[str, str], year: str, month: str, day: str) -> PartialDate | None:
    """A date from ATOP's year/month/day columns: 0 (or empty) leaves a part unknown;
    a year of 0 means no date (for an exit: still in effect when coded).
    """
    y, m, d = _number(v, year), _number(v, month), _number(v, day)
    if y == 0:
        return None
    try:
        return PartialDate(y, m or None, (d or None) if m else None)
    except ValueError as error:
        raise RowError(f"{y}-{m}-{d} is not a date: {error}", day) from None


def _obligations(v: dict[str, str]) -> set[Obligation]:
    return {obligation for column, obligation in _OBLIGATIONS.items() if _number(v, column) > 0}


def _kind(obligations: set[Obligation]) -> AllianceKind:
    if Obligation.DEFENCE in obligations:
        return AllianceKind.DEFENCE_PACT
    if obligations & {Obligation.NEUTRALITY, Obligation.NON_AGGRESSION, Obligation.CONSULTATION}:
        return AllianceKind.ENTENTE
    return AllianceKind.OTHER


def _member(builder: Builder, code_text: str, column: str) -> str:
    number = count(code_text, column, what="a COW state number", maximum=9999)
    if number is None:
        raise RowError("the member has no COW state number", column)
    id_ = f"{DATASET}:cow{number}"
    if builder.find(id_) is None:
        state = by_cow(number)
        if state is None:
            builder.note(f"COW state number {number} is not in the state table; its actor is named by the number")
        builder.update(
            Actor(
                id=id_,
                name=state.name if state is not None else f"COW state {number}",
                kind=ActorKind.STATE,
                country=state.iso3 if state is not None else None,
                external_ids=FrozenMap({"cow": str(number)}),
                sources=builder.sources,
                origin=builder.origin(str(number), None),
            )
        )
    return id_


def _span(periods: list[Period | None]) -> Period | None:
    starts = [p.start for p in periods if p is not None and p.start is not None]
    if not starts or any(p is None for p in periods):
        return None
    ends = [p.end for p in periods if p is not None]
    start = min(starts, key=PartialDate.sort_key)
    end = None if any(e is None for e in ends) else max((e for e in ends if e is not None), key=lambda d: d.latest)
    return Period(start=start, end=end)


Phase = tuple[CsvRow, Membership, set[Obligation]]


def _join_phases(builder: Builder, key: str, rows: list[Phase]) -> list[Phase]:
    """The member rows of one alliance with each actor's meeting phases joined.

    ATOP ends one phase of a membership on the day the next begins, both days inclusive,
    and codes some members in two concurrent phases, so that the rows would say the
    actor is a member twice at once. An actor's phases that may share a day are joined
    into one membership (from the earliest entry to the latest exit, open when one is),
    in the place of the first row, with a note in the import report naming the rows.
    """
    by_actor: dict[str, list[int]] = {}
    for index, (_, membership, _) in enumerate(rows):
        by_actor.setdefault(membership.actor, []).append(index)
    replaced: dict[int, Phase] = {}
    dropped: set[int] = set()
    for actor, indexes in by_actor.items():
        if len(indexes) < 2:
            continue
        spans = {i: span_of(rows[i][1].period) for i in indexes}
        ordered = sorted(indexes, key=lambda i: (spans[i][0], spans[i][3], i))
        groups: list[list[int]] = [[ordered[0]]]
        reach = spans[ordered[0]][3]
        for i in ordered[1:]:
            if spans[i][0] <= reach:
                groups[-1].append(i)
            else:
                groups.append([i])
            reach = max(reach, spans[i][3]) if len(groups[-1]) > 1 else spans[i][3]
        for group in groups:
            if len(group) > 1:
                replaced[min(group)] = _joined(builder, key, actor, [rows[i] for i in sorted(group)])
                dropped.update(i for i in group if i != min(group))
    return [replaced.get(i, phase) for i, phase in enumerate(rows) if i not in dropped]


def _joined(builder: Builder, key: str, actor: str, phases: list[Phase]) -> Phase:
    periods = [p for _, m, _ in phases if (p := m.period) is not None]
    start = min((p.start for p in periods if p.start is not None), key=PartialDate.sort_key)
    ends = [p.end for p in periods]
    end = None if None in ends else max((e for e in ends if e is not None), key=lambda d: d.latest)
    period = Period(start=start, end=end)
    numbers = ", ".join(str(row.number) for row, _, _ in phases)
    builder.note(
        f"alliance {DATASET}:{key}: rows {numbers} give {actor} phases that share days (ATOP's phase "
        f"boundaries are inclusive); joined into one membership {period}"
    )
    obligations = set().union(*(o for _, _, o in phases))
    return (phases[0][0], Membership(actor=actor, period=period), obligations)


def _builder(name: str | None, title: str, version: str | None, **options: object) -> Builder:
    return Builder(dataset=DATASET, title=title, version=version, source=name, citation=CITATION, **options)  # type: ignore[arg-type]


def _read(
    source: Input, required: tuple[str, ...], builder: Builder, version: str | None, each: Callable[[CsvRow], None]
) -> None:
    with open_binary(source) as handle:
        rows = CsvReader(handle, source=builder.source, required=required)
        for row in rows:
            if version is None and builder.version is None and row.values.get("version", "").strip():
                builder.version = row.values["version"].strip()
            each(row)


def read_atop_members(
    source: Input,
    *,
    version: str | None = None,
    strict: bool = False,
    progress: Progress | None = None,
    keep_rows: bool = True,
) -> Imported:
    """Read ATOP's member-level CSV (one row per member and phase of an alliance) into
    alliances with per-member membership periods.

    Rows are grouped by ``atopid`` into an :class:`~conflictmodel.Alliance`
    ``atop:<atopid>``; each row becomes a :class:`~conflictmodel.Membership` of the
    state ``atop:cow<member>`` from its entry date to its exit date (a month or day
    coded 0 makes the date imprecise; an exit year of 0 leaves the membership open,
    still in effect when coded). The alliance's obligations are every obligation any
    member row codes; its kind is a defence pact when one is defence, an entente for
    neutrality, non-aggression or consultation only. The rows are kept verbatim in the
    alliance's origin: ``origin.row`` is the alliance's first member row, plus, for each
    later member row ``k`` (from 2, in file order), the cells that differ from the first
    under ``<column>#<k>``. ``version`` defaults to the ``version`` column.

    ATOP ends a phase of a membership on the day the next phase begins (both days
    inclusive), and codes some members in two concurrent phases: a member's phases that
    may share a day are joined into one membership, and the import report has a note
    naming the rows joined. Every row stays in the origin.
    """
    name = describe(source)
    builder = _builder(
        name, "ATOP alliances (member level)", version, strict=strict, progress=progress, keep_rows=keep_rows
    )
    groups: dict[str, list[tuple[CsvRow, Membership, set[Obligation]]]] = {}

    def each(row: CsvRow) -> None:
        def make() -> list[Record]:
            v = row.values
            key = digits(v["atopid"], "atopid", "an ATOP id")
            entry = _date(v, "yrent", "moent", "dayent")
            exit_ = _date(v, "yrexit", "moexit", "dayexit")
            if entry is None:
                raise RowError("the membership has no entry year", "yrent")
            obligations = _obligations(v)
            actor = _member(builder, v["member"], "member")
            membership = Membership(actor=actor, period=Period(start=entry, end=exit_))
            groups.setdefault(key, []).append((row, membership, obligations))
            return []

        builder.convert(row.number, row.line, make)

    _read(source, _MEMBER_REQUIRED, builder, version, each)
    for key, rows in groups.items():
        members = _join_phases(builder, key, rows)
        obligations = set().union(*(o for _, _, o in members))
        first: dict[str, str | int | float | bool | None] = dict(rows[0][0].values)
        for index, (row, _, _) in enumerate(rows[1:], start=2):
            first.update({f"{c}#{index}": value for c, value in row.values.items() if value != first.get(c)})
        builder.update(
            Alliance(
                id=f"{DATASET}:{key}",
                name=f"ATOP alliance {key}",
                kind=_kind(obligations),
                members=tuple(m for _, m, _ in members),
                obligations=frozenset(obligations),
                period=_span([m.period for _, m, _ in members]),
                sources=builder.sources,
                origin=builder.origin(key, first),
            )
        )
    return builder.finish()


def read_atop_alliances(
    source: Input,
    *,
    version: str | None = None,
    strict: bool = False,
    progress: Progress | None = None,
    keep_rows: bool = True,
) -> Imported:
    """Read ATOP's alliance-level CSV (one row per alliance) into alliances.

    Each row becomes an :class:`~conflictmodel.Alliance` ``atop:<atopid>`` over
    ``begyr/begmo/begday`` to ``endyr/endmo/endday`` (an end year of 0 leaves it open:
    in effect when coded), with the members ``mem1…memN`` as states ``atop:cow<n>``
    (membership over the alliance's whole period; the member-level file has each
    member's own dates) and the obligations the row codes. The row is kept verbatim.
    """
    name = describe(source)
    builder = _builder(
        name, "ATOP alliances (alliance level)", version, strict=strict, progress=progress, keep_rows=keep_rows
    )

    def make(row: CsvRow) -> list[Record]:
        v = row.values
        key = digits(v["atopid"], "atopid", "an ATOP id")
        start = _date(v, "begyr", "begmo", "begday")
        end = _date(v, "endyr", "endmo", "endday")
        columns = [c for c in v if c.startswith("mem") and c[3:].isascii() and c[3:].isdigit()]
        members = [_member(builder, v[c], c) for c in sorted(columns, key=lambda c: int(c[3:])) if v[c].strip()]
        obligations = _obligations(v)
        builder.claim(key, row.number, "atopid")
        return [
            Alliance(
                id=f"{DATASET}:{key}",
                name=f"ATOP alliance {key}",
                kind=_kind(obligations),
                members=tuple(Membership(actor=m) for m in dict.fromkeys(members)),
                obligations=frozenset(obligations),
                period=Period(start=start, end=end) if start is not None else None,
                sources=builder.sources,
                origin=builder.origin(key, v),
            )
        ]

    _read(
        source,
        _ALLIANCE_REQUIRED,
        builder,
        version,
        lambda row: builder.convert(row.number, row.line, lambda: make(row)),
    )
    return builder.finish()
