"""UCDP Georeferenced Event Dataset (GED): the official CSV layout, and the reduced JSON
of third-party samples (``id, conflict_id, latitude, longitude, date, type_of_violence,
best, civilian_deaths, combatant_deaths, country, region``).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from conflictmodel._model._dates import Period, Precision
from conflictmodel._model._events import (
    CoordinatePrecision,
    Coordinates,
    Event,
    EventActor,
    EventKind,
    EventRole,
    Fatalities,
)
from conflictmodel._model._provenance import Source
from conflictmodel._model._territory import TerritoryKind

from ._builder import Builder, Progress, RowError
from ._csv import CsvReader, CsvRow
from ._json import JsonStream
from ._naming import make_id
from ._numbers import count, decimal, flat_row, json_count, json_decimal, json_text
from ._places import place
from ._precision import at, day, window
from ._source import Input, describe, open_binary
from ._ucdp_common import actor_kind, ucdp_actor

if TYPE_CHECKING:
    from conflictmodel._model._scenario import Record

    from ._report import Imported

T = TypeVar("T")

__all__ = ["GED_COLUMNS", "GED_JSON_KEYS", "read_ucdp_ged", "read_ucdp_ged_json"]

DATASET = "ucdp-ged"

GED_COLUMNS: tuple[str, ...] = (
    "id", "relid", "year", "active_year", "type_of_violence", "conflict_new_id", "dyad_new_id",
    "side_a_new_id", "side_a", "side_b_new_id", "side_b", "number_of_sources", "source_article",
    "source_office", "source_date", "source_headline", "source_original", "where_prec",
    "where_coordinates", "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt",
    "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec", "date_start",
    "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low",
    "gwnoa", "gwnob",
)  # fmt: skip
"""The columns of the official GED CSV, in the codebook's order."""

GED_JSON_KEYS: tuple[str, ...] = (
    "id", "conflict_id", "latitude", "longitude", "date", "type_of_violence", "best",
    "civilian_deaths", "combatant_deaths", "country", "region",
)  # fmt: skip
"""The keys of each event in the reduced JSON sample."""

_REQUIRED = (
    "id", "type_of_violence", "side_a_new_id", "side_a", "side_b_new_id", "side_b", "where_prec",
    "adm_1", "adm_2", "latitude", "longitude", "country", "country_id", "region", "date_prec",
    "date_start", "date_end", "best", "high", "low",
)  # fmt: skip

CITATION = Source(
    id="ucdp-ged:dataset",
    title="UCDP Georeferenced Event Dataset (GED)",
    publisher="Uppsala Conflict Data Program, Uppsala University",
    locator="https://ucdp.uu.se/downloads/",
)

_VIOLENCE = {
    "1": (EventKind.BATTLE, "state-based"),
    "2": (EventKind.BATTLE, "non-state"),
    "3": (EventKind.ATTACK_ON_CIVILIANS, "one-sided"),
}
# date_prec: 1 exact day; 2 a window of 2-6 days; 3 a week; 4 a month; 5 a year.
_DATE_PREC = {
    "1": Precision.DAY,
    "2": Precision.MONTH,
    "3": Precision.MONTH,
    "4": Precision.MONTH,
    "5": Precision.YEAR,
}
_WHERE_PREC = dict(zip("1234567", CoordinatePrecision, strict=True))


def _int(value: str, column: str) -> int | None:
    """A count of deaths: ASCII digits, or empty for unknown."""
    return count(value, column, what="a count of deaths")


def _coordinates(lat: str, lon: str, precision: CoordinatePrecision) -> Coordinates | None:
    """Coordinates from two decimal cells (both empty: none)."""
    y = decimal(lat, "latitude", "a latitude", minimum=-90.0, maximum=90.0)
    x = decimal(lon, "longitude", "a longitude", minimum=-180.0, maximum=180.0)
    if y is None and x is None:
        return None
    if y is None or x is None:
        raise RowError("a coordinate is missing", "latitude" if y is None else "longitude")
    return Coordinates(lat=y, lon=x, precision=precision)


def _json_coordinates(lat: object, lon: object) -> Coordinates | None:
    if lat is None and lon is None:
        return None
    y = json_decimal(lat, "latitude", "a latitude", minimum=-90.0, maximum=90.0)
    x = json_decimal(lon, "longitude", "a longitude", minimum=-180.0, maximum=180.0)
    return Coordinates(lat=y, lon=x, precision=CoordinatePrecision.EXACT)


def _code(table: Mapping[str, T], value: str, column: str) -> T:
    try:
        return table[value.strip()]
    except KeyError:
        raise RowError(f"{value!r} is not a known {column} code ({', '.join(table)})", column) from None


def _csv_event(builder: Builder, row: CsvRow) -> list[Record]:
    v = row.values
    key = v["id"].strip()
    if not key:
        raise RowError("the event has no id", "id")
    kind, subkind = _code(_VIOLENCE, v["type_of_violence"], "type_of_violence")
    floor = _code(_DATE_PREC, v["date_prec"], "date_prec")
    start, end = day(v["date_start"], "date_start"), day(v["date_end"], "date_end")
    if end < start:
        raise RowError(f"date_end {end} is before date_start {start}", "date_end")
    if floor is Precision.DAY:  # exact: the event took place over these days
        when = Period(start=at(start, Precision.DAY), end=at(end, Precision.DAY))
    else:  # some day within the window
        when = window(start, end, at_least=floor)
    precision = _code(_WHERE_PREC, v["where_prec"], "where_prec")
    coordinates = _coordinates(v["latitude"], v["longitude"], precision)
    best, low, high = _int(v["best"], "best"), _int(v["low"], "low"), _int(v["high"], "high")
    fatalities = Fatalities(best=best, low=low, high=high)
    records: list[Record] = []
    actors: list[EventActor] = []
    for side, role in (("a", EventRole.SIDE_A), ("b", EventRole.SIDE_B)):
        name, number = v[f"side_{side}"].strip(), v[f"side_{side}_new_id"].strip()
        if side == "b" and kind is EventKind.ATTACK_ON_CIVILIANS:
            continue  # one-sided violence: side B is "Civilians", said by the kind
        if not name or not number:
            raise RowError(f"side {side.upper()} has no actor", f"side_{side}_new_id")
        actor = ucdp_actor(builder, number, name, actor_kind(name), f"side_{side}_new_id")
        records.append(actor)
        actors.append(EventActor(actor=actor.id, role=role))
    location = place(
        builder,
        [
            (TerritoryKind.REGION, v["region"]),
            (TerritoryKind.COUNTRY, v["country"]),
            (TerritoryKind.ADMIN1, v["adm_1"]),
            (TerritoryKind.ADMIN2, v["adm_2"]),
        ],
        external_ids={1: {"gwno": v["country_id"].strip()}},
    )
    builder.claim(key, row.number, "id")
    records.append(
        Event(
            id=make_id(DATASET, key),
            kind=kind,
            subkind=subkind,
            date=when,
            actors=tuple(actors),
            location=location,
            coordinates=coordinates,
            fatalities=fatalities,
            sources=builder.sources,
            origin=builder.origin(key, v),
        )
    )
    return records


def read_ucdp_ged(
    source: Input,
    *,
    version: str | None = None,
    strict: bool = False,
    progress: Progress | None = None,
    keep_rows: bool = True,
) -> Imported:
    """Read a UCDP GED CSV in the official layout into events, actors and places.

    Each row becomes an :class:`~conflictmodel.Event` ``ucdp-ged:<id>``: the kind from
    ``type_of_violence`` (with ``subkind`` state-based, non-state or one-sided), the date
    from ``date_start``/``date_end`` at the precision ``date_prec`` allows, coordinates
    at the precision ``where_prec`` gives, fatalities best/low/high, sides A and B as
    actors ``ucdp-ged:a<side_x_new_id>`` and the place as region/country/adm_1/adm_2
    territories. The row is kept verbatim in the event's origin. See
    ``docs/importers.md`` for every column.
    """
    name = describe(source)
    builder = Builder(
        dataset=DATASET,
        title="UCDP GED events",
        version=version,
        source=name,
        strict=strict,
        progress=progress,
        citation=CITATION,
        keep_rows=keep_rows,
    )
    with open_binary(source) as handle:
        rows = CsvReader(handle, source=name, required=_REQUIRED)
        builder.note_undocumented(rows.header, GED_COLUMNS, "codebook layout")
        for row in rows:
            builder.convert(row.number, row.line, partial(_csv_event, builder, row))
    return builder.finish()


# --- the reduced JSON sample ----------------------------------------------------------


def _json_event(builder: Builder, number: int, item: object) -> list[Record]:
    if not isinstance(item, dict):
        raise RowError("the item is not a JSON object")
    missing = [k for k in GED_JSON_KEYS if k not in item]
    if missing:
        raise RowError(f"the event has no {missing[0]!r}", missing[0])
    key = json_count(item["id"], "id", what="an event id")
    violence = json_count(item["type_of_violence"], "type_of_violence", what="a type of violence", maximum=9)
    kind, subkind = _code(_VIOLENCE, str(violence), "type_of_violence")
    date = item["date"]
    if type(date) is not str:
        raise RowError(f"{date!r} is not a date", "date")
    start = day(date, "date")
    best = json_count(item["best"], "best", what="a count of deaths")
    region = json_text(item["region"], "region", "a region name") or ""
    country = json_text(item["country"], "country", "a country name") or ""
    location = place(builder, [(TerritoryKind.REGION, region), (TerritoryKind.COUNTRY, country)])
    row = flat_row(item)
    builder.claim(str(key), number, "id")
    return [
        Event(
            id=make_id(DATASET, str(key)),
            kind=kind,
            subkind=subkind,
            date=window(start, start, at_least=Precision.DAY),
            location=location,
            coordinates=_json_coordinates(item["latitude"], item["longitude"]),
            fatalities=Fatalities(best=best),
            sources=builder.sources,
            origin=builder.origin(str(key), row),
        )
    ]


def read_ucdp_ged_json(
    source: Input,
    *,
    version: str | None = None,
    strict: bool = False,
    progress: Progress | None = None,
    keep_rows: bool = True,
) -> Imported:
    """Read the reduced GED JSON (a top-level array of events with the keys in
    :data:`GED_JSON_KEYS`) into events and places.

    That format has lost ``date_prec``, ``date_end``, ``where_prec``, the sides and the
    low/high estimates: events are dated to the day of ``date`` and their coordinates
    carry the model's default precision (exact) — see ``docs/importers.md``. Items are
    read one at a time; the item is kept verbatim in the event's origin.
    """
    name = describe(source)
    builder = Builder(
        dataset=DATASET,
        title="UCDP GED events (reduced JSON)",
        version=version,
        source=name,
        strict=strict,
        progress=progress,
        citation=CITATION,
        keep_rows=keep_rows,
    )
    builder.note("reduced JSON: date_prec, date_end, where_prec, sides and low/high are not in the file")
    with open_binary(source) as handle:
        stream = JsonStream(handle, name)
        for number, line, item in stream.items():
            builder.convert(number, line, partial(_json_event, builder, number, item))
        stream.finish()
    return builder.finish()
