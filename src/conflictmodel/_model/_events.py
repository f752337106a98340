"""Events: battles, strikes, attacks, meetings, summits, talks, signings."""

from __future__ import annotations

import enum

import attrs

from . import _fields as r
from ._dates import Period
from ._errors import FieldError
from ._frozenmap import FrozenMap
from ._provenance import Origin

__all__ = ["CoordinatePrecision", "Coordinates", "Event", "EventActor", "EventKind", "EventRole", "Fatalities"]


class EventKind(enum.Enum):
    """What happened; a source's own finer category goes in ``Event.subkind``."""

    BATTLE = "battle"
    AIR_STRIKE = "air_strike"
    SHELLING = "shelling"
    REMOTE_VIOLENCE = "remote_violence"
    ATTACK_ON_CIVILIANS = "attack_on_civilians"
    EXPLOSION = "explosion"
    PROTEST = "protest"
    RIOT = "riot"
    STRATEGIC_DEVELOPMENT = "strategic_development"
    MEETING = "meeting"
    SUMMIT = "summit"
    TALKS = "talks"
    SIGNING = "signing"
    OTHER = "other"


class EventRole(enum.Enum):
    """The part an actor plays in an event (UCDP sides, ACLED associated actors)."""

    SIDE_A = "side_a"
    SIDE_B = "side_b"
    ASSOCIATED = "associated"
    TARGET = "target"
    PARTICIPANT = "participant"


@attrs.frozen(kw_only=True)
class EventActor:
    """An actor in one role in an event."""

    actor: str = attrs.field(validator=r.valid_id)
    role: EventRole = attrs.field(validator=r.member_of(EventRole))


class CoordinatePrecision(enum.Enum):
    """How precisely coordinates place an event (UCDP ``where_prec`` 1-7, ACLED
    ``geo_precision`` 1-3)."""

    EXACT = "exact"
    NEAR = "near"
    ADMIN2 = "admin2"
    ADMIN1 = "admin1"
    REGION = "region"
    COUNTRY = "country"
    INTERNATIONAL = "international"


@attrs.frozen(kw_only=True)
class Coordinates:
    """A WGS 84 point with its precision."""

    lat: float = attrs.field(converter=r.to_number, validator=r.number(minimum=-90.0, maximum=90.0))
    lon: float = attrs.field(converter=r.to_number, validator=r.number(minimum=-180.0, maximum=180.0))
    precision: CoordinatePrecision = attrs.field(
        default=CoordinatePrecision.EXACT, validator=r.member_of(CoordinatePrecision)
    )


@attrs.frozen(kw_only=True)
class Fatalities:
    """Deaths as a best estimate with a low and a high bound (any may be unknown);
    ``low <= best <= high`` wherever both are known."""

    best: int | None = attrs.field(default=None, validator=r.optional_int())
    low: int | None = attrs.field(default=None, validator=r.optional_int())
    high: int | None = attrs.field(default=None, validator=r.optional_int())

    def __attrs_post_init__(self) -> None:
        best, low, high = self.best, self.low, self.high
        if low is not None and best is not None and low > best:
            raise FieldError("low", low, f"at most best ({best})")
        if best is not None and high is not None and best > high:
            raise FieldError("high", high, f"at least best ({best})")
        if low is not None and high is not None and low > high:
            raise FieldError("high", high, f"at least low ({low})")


@attrs.frozen(kw_only=True)
class Event:
    """Something that happened over ``date`` (a period: UCDP events have a start and an
    end; a one-day event starts and ends on the same day)."""

    id: str = attrs.field(validator=r.valid_id)
    kind: EventKind = attrs.field(validator=r.member_of(EventKind))
    date: Period = attrs.field(validator=r.started_period)
    subkind: str | None = attrs.field(default=None, validator=r.optional_text)
    actors: tuple[EventActor, ...] = attrs.field(default=(), validator=r.tuple_of(EventActor))
    location: str | None = attrs.field(default=None, validator=r.optional_id)
    coordinates: Coordinates | None = attrs.field(default=None, validator=r.instance(Coordinates, optional=True))
    fatalities: Fatalities | None = attrs.field(default=None, validator=r.instance(Fatalities, optional=True))
    description: str | None = attrs.field(default=None, validator=r.optional_text)
    external_ids: FrozenMap[str] = attrs.field(default=r.EMPTY_MAP, converter=r.to_frozen_map, validator=r.text_map())
    sources: frozenset[str] = attrs.field(default=frozenset(), validator=r.id_set())
    origin: Origin | None = attrs.field(default=None, validator=r.instance(Origin, optional=True))

    def actors_in(self, role: EventRole) -> tuple[str, ...]:
        """The ids of the actors in ``role``, in listed order."""
        return tuple(entry.actor for entry in self.actors if entry.role is role)
