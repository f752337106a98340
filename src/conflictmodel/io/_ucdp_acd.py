"""The UCDP/PRIO Armed Conflict Dataset (ACD): one row per conflict and year."""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING

from conflictmodel._model._actors import Actor, ActorKind
from conflictmodel._model._alignment import Hostility, Incompatibility, Intensity, Support, SupportKind
from conflictmodel._model._dates import PartialDate, Period, Precision
from conflictmodel._model._errors import LoadError, Problem
from conflictmodel._model._frozenmap import FrozenMap
from conflictmodel._model._provenance import Source

from ._builder import Builder, Progress, RowError
from ._csv import CsvReader, CsvRow
from ._numbers import count, digits, signed_code
from ._precision import at, day
from ._source import Input, describe, open_binary
from ._states import by_gwno

if TYPE_CHECKING:
    from conflictmodel._model._scenario import Record

    from ._report import Imported

__all__ = ["ACD_COLUMNS", "read_ucdp_acd"]

DATASET = "ucdp-acd"

ACD_COLUMNS: tuple[str, ...] = (
    "ID", "Location", "SideA", "SideA2nd", "SideB", "SideBID", "SideB2nd", "Incomp", "Terr", "YEAR",
    "Int", "CumInt", "Type", "Startdate", "StartPrec", "StartDate2", "Startprec2", "EpEnd", "EpEndDate",
    "EpEndPrec", "GWNOA", "GWNOA2nd", "GWNOB", "GWNOB2nd", "GWNOLoc", "Region", "Version",
)  # fmt: skip
"""The columns of the ACD CSV in its pre-2014 naming (version 4-2013)."""

# Later releases name the same columns in snake case; both layouts are read.
_SNAKE = {
    "conflict_id": "ID", "location": "Location", "side_a": "SideA", "side_a_2nd": "SideA2nd",
    "side_b": "SideB", "side_b_id": "SideBID", "side_b_2nd": "SideB2nd", "incompatibility": "Incomp",
    "territory_name": "Terr", "year": "YEAR", "intensity_level": "Int", "cumulative_intensity": "CumInt",
    "type_of_conflict": "Type", "start_date": "Startdate", "start_prec": "StartPrec",
    "start_date2": "StartDate2", "start_prec2": "Startprec2", "ep_end": "EpEnd", "ep_end_date": "EpEndDate",
    "ep_end_prec": "EpEndPrec", "gwno_a": "GWNOA", "gwno_a_2nd": "GWNOA2nd", "gwno_b": "GWNOB",
    "gwno_b_2nd": "GWNOB2nd", "gwno_loc": "GWNOLoc", "region": "Region", "version": "Version",
}  # fmt: skip

_REQUIRED = ("ID", "SideA", "SideA2nd", "SideB", "SideBID", "SideB2nd", "Incomp", "YEAR", "Int", "GWNOA")

CITATION = Source(
    id="ucdp-acd:dataset",
    title="UCDP/PRIO Armed Conflict Dataset",
    publisher="Uppsala Conflict Data Program and Peace Research Institute Oslo",
    locator="https://ucdp.uu.se/downloads/",
)

_INCOMP = {"1": Incompatibility.TERRITORY, "2": Incompatibility.GOVERNMENT, "3": Incompatibility.BOTH}
_INTENSITY = {"1": Intensity.MINOR, "2": Intensity.WAR}
# StartPrec, Startprec2, EpEndPrec: 1 the exact day is known; 2 to 4 the date is known
# only to within days, weeks or the month (the coded day is then an estimate, in practice
# often the month's last day); 5 only the year (coded as 31 December); 6 and 7 less than
# the year (coded as 31 December). The model's coarsest precision is the year.
_PRECISION = {
    "1": Precision.DAY,
    "2": Precision.MONTH,
    "3": Precision.MONTH,
    "4": Precision.MONTH,
    "5": Precision.YEAR,
    "6": Precision.YEAR,
    "7": Precision.YEAR,
}
# Names whose own comma is not a separator.
_COMMA_NAMES = ("Macedonia, FYR",)
_PAREN = re.compile(r"\([^()]*\)")


def _names(text: str) -> list[str]:
    """Split a side on commas outside parentheses, keeping known names that hold one."""
    protected = text
    for name in _COMMA_NAMES:
        protected = protected.replace(name, name.replace(",", "\x00"))
    protected = _PAREN.sub(lambda m: m.group().replace(",", "\x00"), protected)
    return [part.replace("\x00", ",").strip() for part in protected.split(",") if part.strip()]


def _codes(text: str, column: str) -> list[str]:
    parts = [part.strip() for part in text.split(",") if part.strip()]
    for part in parts:
        signed_code(part, column, f"a code in the list {text!r}")
    return parts


def _dated(v: dict[str, str], date_column: str, prec_column: str) -> PartialDate | None:
    text = v.get(date_column, "").strip()
    if not text:
        return None
    code = v.get(prec_column, "").strip()
    try:
        precision = _PRECISION[code]
    except KeyError:
        raise RowError(f"{code!r} is not a precision code (1 to 7)", prec_column) from None
    return at(day(text, date_column), precision)


class _Actors:
    """The sides' actors: states by GW number, non-state actors by UCDP actor id."""

    def __init__(self, builder: Builder) -> None:
        self.builder = builder

    def _actor(self, key: str, name: str, kind: ActorKind, external: dict[str, str], country: str | None) -> str:
        id_ = f"{DATASET}:{key}"
        actor = self.builder.find(id_)
        if isinstance(actor, Actor):
            if name and name != actor.name:
                self.builder.alias(id_, name)
            return id_
        self.builder.update(
            Actor(
                id=id_,
                name=name,
                kind=kind,
                country=country,
                external_ids=FrozenMap(external),
                sources=self.builder.sources,
                origin=self.builder.origin(key, None),
            )
        )
        return id_

    def states(self, names_text: str, codes_text: str, column: str) -> list[str]:
        codes = _codes(codes_text, column)
        names = _names(names_text)
        if len(names) != len(codes):  # names that do not line up with the codes: name by code
            names = [""] * len(codes)
        ids = []
        for name, code in zip(names, codes, strict=True):
            state = by_gwno(int(code))
            label = name or (state.name if state is not None else f"GW {code}")
            country = state.iso3 if state is not None else None
            ids.append(self._actor(f"gw{code}", label, ActorKind.GOVERNMENT, {"gwno": code}, country))
        return list(dict.fromkeys(ids))

    def groups(self, names_text: str, ids_text: str) -> list[str]:
        codes = _codes(ids_text, "SideBID")
        names = _names(names_text)
        if len(codes) == 1:
            names = [names_text.strip()]
        if len(names) != len(codes):
            raise RowError(f"side B names {names_text!r} do not line up with SideBID {ids_text!r}", "SideB")
        ids = [
            self._actor(f"a{code}", name, ActorKind.ARMED_GROUP, {"ucdp": code}, None)
            for name, code in zip(names, codes, strict=True)
        ]
        return list(dict.fromkeys(ids))


def _period(v: dict[str, str], year: int) -> Period:
    """The part of the calendar year the conflict-year covers: from the episode's start
    when it began that year, to the episode's end when it ended that year.
    """
    start = _dated(v, "StartDate2", "Startprec2")
    if start is None or start.year != year:
        start = PartialDate(year, 1, 1)
    end = None
    if v.get("EpEnd", "").strip() == "1":
        end = _dated(v, "EpEndDate", "EpEndPrec")
    if end is None or end.year != year:
        end = PartialDate(year, 12, 31)
    return Period(start=start, end=end)


def _row(builder: Builder, actors: _Actors, row: CsvRow) -> list[Record]:
    v = row.values
    conflict, year_text = v["ID"].strip(), v["YEAR"].strip()
    digits(conflict, "ID", "a conflict id")
    year = count(year_text, "YEAR", what="a year", maximum=9999)
    if year is None:
        raise RowError("the row has no year", "YEAR")
    try:
        incompatibility = _INCOMP[v["Incomp"].strip()]
    except KeyError:
        raise RowError(f"{v['Incomp']!r} is not an incompatibility code (1 to 3)", "Incomp") from None
    try:
        intensity = _INTENSITY[v["Int"].strip()]
    except KeyError:
        raise RowError(f"{v['Int']!r} is not an intensity code (1 or 2)", "Int") from None
    period = _period(v, year)
    _dated(v, "Startdate", "StartPrec")  # checked, kept in the origin
    side_a = actors.states(v["SideA"], v["GWNOA"], "GWNOA")
    if v.get("GWNOB", "").strip():
        side_b = actors.states(v["SideB"], v["GWNOB"], "GWNOB")
    else:
        side_b = actors.groups(v["SideB"], v["SideBID"])
    if not side_a or not side_b:
        raise RowError("a side has no actor", "SideA" if not side_a else "SideB")
    key = f"{conflict}-{year}"
    location = v.get("Location", "").strip()
    records: list[Record] = [
        Hostility(
            id=f"{DATASET}:{key}",
            side_a=tuple(side_a),
            side_b=tuple(side_b),
            name=f"Conflict {conflict}" + (f" ({location})" if location else "") + f", {year}",
            period=period,
            intensity=intensity,
            incompatibility=incompatibility,
            sources=builder.sources,
            origin=builder.origin(key, v),
        )
    ]
    records.extend(_supports(builder, actors, v, key=key, period=period, sides=(side_a, side_b)))
    return records


def _supports(
    builder: Builder,
    actors: _Actors,
    v: dict[str, str],
    *,
    key: str,
    period: Period,
    sides: tuple[list[str], list[str]],
) -> list[Record]:
    """Each secondary warring state supports each actor of its side with troops."""
    records: list[Record] = []
    for side, recipients in zip("AB", sides, strict=True):
        names, codes = v.get(f"Side{side}2nd", ""), v.get(f"GWNO{side}2nd", "")
        if not names.strip() and not codes.strip():
            continue
        if not codes.strip():
            raise RowError(f"Side{side}2nd names states but GWNO{side}2nd has no codes", f"GWNO{side}2nd")
        for supporter in actors.states(names, codes, f"GWNO{side}2nd"):
            for recipient in recipients:
                if supporter == recipient:
                    continue
                pair = f"{supporter.removeprefix(DATASET + ':')}.{recipient.removeprefix(DATASET + ':')}"
                records.append(
                    Support(
                        id=f"{DATASET}:{key}.{pair}",
                        supporter=supporter,
                        recipient=recipient,
                        kinds=frozenset({SupportKind.TROOPS}),
                        period=period,
                        sources=builder.sources,
                        origin=builder.origin(key, v),
                    )
                )
    return records


def read_ucdp_acd(
    source: Input,
    *,
    version: str | None = None,
    strict: bool = False,
    progress: Progress | None = None,
    keep_rows: bool = True,
) -> Imported:
    """Read the UCDP/PRIO Armed Conflict Dataset CSV (the 4-2013 column names, or the
    snake-case names of later releases) into hostilities, supports and actors.

    Each conflict-year becomes a :class:`~conflictmodel.Hostility`
    ``ucdp-acd:<ID>-<YEAR>`` with both sides in order (states by GW number as
    ``ucdp-acd:gw<n>``, non-state actors by UCDP id as ``ucdp-acd:a<n>``), the
    incompatibility, the year's intensity and the part of the year it covers (from the
    episode start, at the precision ``Startprec2`` gives, when it began that year; to
    the episode end when it ended). Each state in ``SideA2nd``/``SideB2nd`` becomes a
    :class:`~conflictmodel.Support` of kind troops for each actor of that side.
    ``version`` defaults to the file's ``Version`` column.
    """
    name = describe(source)
    builder = Builder(
        dataset=DATASET,
        title="UCDP/PRIO armed conflicts",
        version=version,
        source=name,
        strict=strict,
        progress=progress,
        citation=CITATION,
        keep_rows=keep_rows,
    )
    actors = _Actors(builder)
    with open_binary(source) as handle:
        rows = CsvReader(handle, source=name, required=())
        header = rows.header
        snake = "conflict_id" in header
        columns = [_SNAKE.get(c, c) for c in header] if snake else header
        missing = [c for c in _REQUIRED if c not in columns]
        if missing:
            raise LoadError([Problem(f'header, column "{c}"', "required column is missing") for c in missing], name)
        for row in rows:
            named = CsvRow(row.number, row.line, {_SNAKE.get(k, k): x for k, x in row.values.items()}) if snake else row
            if version is None and builder.version is None and named.values.get("Version", "").strip():
                builder.version = named.values["Version"].strip()
            builder.convert(named.number, named.line, partial(_row, builder, actors, named))
    return builder.finish()
