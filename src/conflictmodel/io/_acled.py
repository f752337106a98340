"""ACLED, the Armed Conflict Location & Event Data project: its CSV export format."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TYPE_CHECKING

from conflictmodel._model._actors import Actor, ActorKind
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
from ._naming import make_id
from ._places import place
from ._precision import at, day, window
from ._source import Input, describe, open_binary
from ._ucdp_ged import _coordinates, _int

if TYPE_CHECKING:
    from conflictmodel._model._scenario import Record

    from ._report import Imported

__all__ = ["ACLED_COLUMNS", "read_acled"]

DATASET = "acled"

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
"""The columns of an ACLED CSV export (the layout since March 2023)."""

_REQUIRED = (
    "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
    "inter1", "actor2", "assoc_actor_2", "inter2", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "notes", "fatalities",
)  # fmt: skip

CITATION = Source(
    id="acled:dataset",
    title="Armed Conflict Location & Event Data (ACLED)",
    publisher="ACLED",
    locator="https://acleddata.com",
)

_EVENT_TYPE = {
    "battles": EventKind.BATTLE,
    "violence against civilians": EventKind.ATTACK_ON_CIVILIANS,
    "explosions/remote violence": EventKind.EXPLOSION,
    "protests": EventKind.PROTEST,
    "riots": EventKind.RIOT,
    "strategic developments": EventKind.STRATEGIC_DEVELOPMENT,
}
_REMOTE = {
    "air/drone strike": EventKind.AIR_STRIKE,
    "shelling/artillery/missile attack": EventKind.SHELLING,
}
# inter codes, as numbers (before 2024) or as their labels (since).
_INTER = {
    "1": ActorKind.ARMED_FORCE,  # state forces
    "2": ActorKind.ARMED_GROUP,  # rebel groups
    "3": ActorKind.MILITIA,  # political militias
    "4": ActorKind.MILITIA,  # identity militias
    "5": ActorKind.ORGANISATION,  # rioters
    "6": ActorKind.ORGANISATION,  # protesters
    "7": ActorKind.ORGANISATION,  # civilians
    "8": ActorKind.ARMED_FORCE,  # external/other forces
    "state forces": ActorKind.ARMED_FORCE,
    "rebel group": ActorKind.ARMED_GROUP,
    "political militia": ActorKind.MILITIA,
    "identity militia": ActorKind.MILITIA,
    "rioters": ActorKind.ORGANISATION,
    "protesters": ActorKind.ORGANISATION,
    "civilians": ActorKind.ORGANISATION,
    "external/other forces": ActorKind.ARMED_FORCE,
}
_CIVILIANS = {"7", "civilians"}
# time_precision: 1 the day; 2 the week (the date is the week's middle); 3 the month.
_TIME = {"1": Precision.DAY, "2": Precision.MONTH, "3": Precision.MONTH}
# geo_precision: 1 the town; 2 a part of a region near a town; 3 a larger region
# (placed at its provincial capital).
_GEO = {"1": CoordinatePrecision.EXACT, "2": CoordinatePrecision.NEAR, "3": CoordinatePrecision.ADMIN1}


def _actor(builder: Builder, name: str, inter: str, column: str) -> str:
    id_ = make_id(DATASET, name)
    kind = _INTER.get(inter.strip().lower())
    existing = builder.find(id_)
    if isinstance(existing, Actor):
        return id_
    if kind is None:
        if inter.strip():
            raise RowError(f"{inter!r} is not an ACLED inter code", column)
        kind = ActorKind.ARMED_GROUP  # an associated actor: ACLED gives its type nowhere
    builder.update(Actor(id=id_, name=name, kind=kind, sources=builder.sources, origin=builder.origin(name, None)))
    return id_


def _when(v: dict[str, str]) -> Period:
    date = day(v["event_date"], "event_date")
    try:
        precision = _TIME[v["time_precision"].strip()]
    except KeyError:
        raise RowError(f"{v['time_precision']!r} is not a time_precision code (1 to 3)", "time_precision") from None
    if precision is Precision.DAY:
        return Period(start=at(date, Precision.DAY), end=at(date, Precision.DAY))
    if v["time_precision"].strip() == "2":  # the week around the coded day
        return window(date - dt.timedelta(days=3), date + dt.timedelta(days=3))
    return window(date, date, at_least=Precision.MONTH)


def _actors(builder: Builder, v: dict[str, str]) -> list[EventActor]:
    """Actor 1 as side A, actor 2 as side B (the target when civilians), then associated actors."""
    actors: list[EventActor] = []
    if not v["actor1"].strip():
        raise RowError("the event has no actor 1", "actor1")
    for number, role in (("1", EventRole.SIDE_A), ("2", EventRole.SIDE_B)):
        name = v[f"actor{number}"].strip()
        if name:
            inter = v[f"inter{number}"]
            target = role is EventRole.SIDE_B and inter.strip().lower() in _CIVILIANS
            actors.append(
                EventActor(
                    actor=_actor(builder, name, inter, f"inter{number}"), role=EventRole.TARGET if target else role
                )
            )
        for associated in v[f"assoc_actor_{number}"].split(";"):
            if associated.strip():
                entry = EventActor(
                    actor=_actor(builder, associated.strip(), "", f"assoc_actor_{number}"), role=EventRole.ASSOCIATED
                )
                if entry not in actors:
                    actors.append(entry)
    return actors


def _event(builder: Builder, row: CsvRow) -> list[Record]:
    v = row.values
    key = v["event_id_cnty"].strip()
    if not key:
        raise RowError("the event has no id", "event_id_cnty")
    event_type = v["event_type"].strip().lower()
    try:
        kind = _EVENT_TYPE[event_type]
    except KeyError:
        raise RowError(f"{v['event_type']!r} is not an ACLED event type", "event_type") from None
    subkind = v["sub_event_type"].strip() or None
    if kind is EventKind.EXPLOSION:
        kind = _REMOTE.get((subkind or "").lower(), kind)
    when = _when(v)
    try:
        precision = _GEO[v["geo_precision"].strip()]
    except KeyError:
        raise RowError(f"{v['geo_precision']!r} is not a geo_precision code (1 to 3)", "geo_precision") from None
    coordinates: Coordinates | None = _coordinates(v["latitude"], v["longitude"], precision)
    fatalities = Fatalities(best=_int(v["fatalities"], "fatalities"))
    actors = _actors(builder, v)
    location = place(
        builder,
        [
            (TerritoryKind.REGION, v["region"]),
            (TerritoryKind.COUNTRY, v["country"]),
            (TerritoryKind.ADMIN1, v["admin1"]),
            (TerritoryKind.ADMIN2, v["admin2"]),
            (TerritoryKind.ADMIN3, v["admin3"]),
            (TerritoryKind.TOWN, v["location"]),
        ],
        external_ids={1: {"iso_numeric": v.get("iso", "").strip()}},
    )
    builder.claim(key, row.number, "event_id_cnty")
    return [
        Event(
            id=make_id(DATASET, key),
            kind=kind,
            subkind=subkind,
            date=when,
            actors=tuple(actors),
            location=location,
            coordinates=coordinates,
            fatalities=fatalities,
            description=v["notes"].strip() or None,
            sources=builder.sources,
            origin=builder.origin(key, v),
        )
    ]


def read_acled(
    source: Input,
    *,
    version: str | None = None,
    strict: bool = False,
    progress: Progress | None = None,
    keep_rows: bool = True,
) -> Imported:
    """Read an ACLED CSV export into events, actors and places.

    Each row becomes an :class:`~conflictmodel.Event` ``acled:<event_id_cnty>``: the
    kind from ``event_type`` (remote violence refined by ``sub_event_type`` into air
    strikes and shelling), ``subkind`` the sub-event type, the date at the precision
    ``time_precision`` gives, coordinates at the ``geo_precision`` precision,
    ``fatalities`` as the best estimate and ``notes`` as the description. ``actor1`` is
    side A, ``actor2`` side B (or the target when ACLED types it as civilians) and the
    associated actors (``;``-separated) are associated; actors are ``acled:<slug of the
    name>`` with a kind from the inter code. The place is the chain region, country,
    admin1-3 and location. The row is kept verbatim. ACLED exports carry no version.
    """
    name = describe(source)
    builder = Builder(
        dataset=DATASET,
        title="ACLED events",
        version=version,
        source=name,
        strict=strict,
        progress=progress,
        citation=CITATION,
        keep_rows=keep_rows,
    )
    with open_binary(source) as handle:
        rows = CsvReader(handle, source=name, required=_REQUIRED)
        builder.note_undocumented(rows.header, ACLED_COLUMNS, "documented layout")
        for row in rows:
            builder.convert(row.number, row.line, partial(_event, builder, row))
    return builder.finish()
