"""Who stands with whom: alliances, support relations and hostilities."""

from __future__ import annotations

import enum

import attrs

from . import _fields as r
from ._dates import Period
from ._frozenmap import FrozenMap
from ._provenance import Origin

__all__ = [
    "Alliance",
    "AllianceKind",
    "Hostility",
    "Incompatibility",
    "Intensity",
    "Membership",
    "Obligation",
    "Support",
    "SupportKind",
]


class AllianceKind(enum.Enum):
    """The form an alliance takes."""

    DEFENCE_PACT = "defence_pact"
    COALITION = "coalition"
    GUARANTOR_FORMAT = "guarantor_format"
    BLOC = "bloc"
    ENTENTE = "entente"
    OTHER = "other"


class Obligation(enum.Enum):
    """The obligations ATOP codes for an alliance."""

    DEFENCE = "defence"
    OFFENCE = "offence"
    NEUTRALITY = "neutrality"
    NON_AGGRESSION = "non_aggression"
    CONSULTATION = "consultation"


@attrs.frozen(kw_only=True)
class Membership:
    """An actor's membership of an alliance, over its own period (``None``: the
    alliance's whole period). Imprecise or censored entry and exit are partial dates
    and open ends."""

    actor: str = attrs.field(validator=r.valid_id)
    period: Period | None = attrs.field(default=None, validator=r.optional_period)


@attrs.frozen(kw_only=True)
class Alliance:
    """An n-ary, time-bounded alignment: a defence pact, a coalition, a guarantor format."""

    id: str = attrs.field(validator=r.valid_id)
    name: str = attrs.field(validator=r.text)
    kind: AllianceKind = attrs.field(validator=r.member_of(AllianceKind))
    members: tuple[Membership, ...] = attrs.field(default=(), validator=r.tuple_of(Membership))
    obligations: frozenset[Obligation] = attrs.field(default=frozenset(), validator=r.enum_set(Obligation))
    period: Period | None = attrs.field(default=None, validator=r.optional_period)
    founding_agreement: str | None = attrs.field(default=None, validator=r.optional_id)
    external_ids: FrozenMap[str] = attrs.field(default=r.EMPTY_MAP, converter=r.to_frozen_map, validator=r.text_map())
    sources: frozenset[str] = attrs.field(default=frozenset(), validator=r.id_set())
    origin: Origin | None = attrs.field(default=None, validator=r.instance(Origin, optional=True))

    def member_ids(self) -> frozenset[str]:
        """The ids of every actor that is ever a member."""
        return frozenset(m.actor for m in self.members)


class SupportKind(enum.Enum):
    """Kinds of support, covering UCDP External Support's categories and air support."""

    TROOPS = "troops"
    AIR_SUPPORT = "air_support"
    WEAPONS = "weapons"
    MATERIEL = "materiel"
    FUNDING = "funding"
    TRAINING = "training"
    INTELLIGENCE = "intelligence"
    INFRASTRUCTURE = "infrastructure"
    TERRITORY_ACCESS = "territory_access"
    LOGISTICS = "logistics"
    POLITICAL = "political"
    OTHER = "other"
    UNKNOWN = "unknown"


@attrs.frozen(kw_only=True)
class Support:
    """``supporter`` backs ``recipient`` with some kinds of support over a period.

    ``alleged`` marks support that is reported but not established (UCDP ESD codes
    alleged support separately).
    """

    id: str = attrs.field(validator=r.valid_id)
    supporter: str = attrs.field(validator=r.valid_id)
    recipient: str = attrs.field(validator=r.valid_id)
    kinds: frozenset[SupportKind] = attrs.field(validator=r.enum_set(SupportKind, min_size=1))
    period: Period | None = attrs.field(default=None, validator=r.optional_period)
    alleged: bool = attrs.field(default=False, validator=r.instance(bool))
    description: str | None = attrs.field(default=None, validator=r.optional_text)
    external_ids: FrozenMap[str] = attrs.field(default=r.EMPTY_MAP, converter=r.to_frozen_map, validator=r.text_map())
    sources: frozenset[str] = attrs.field(default=frozenset(), validator=r.id_set())
    origin: Origin | None = attrs.field(default=None, validator=r.instance(Origin, optional=True))


class Intensity(enum.Enum):
    """UCDP intensity: minor (25 to 999 battle deaths a year) or war (1,000 or more)."""

    MINOR = "minor"
    WAR = "war"


class Incompatibility(enum.Enum):
    """What a conflict is over, as UCDP codes it."""

    TERRITORY = "territory"
    GOVERNMENT = "government"
    BOTH = "both"


@attrs.frozen(kw_only=True)
class Hostility:
    """A conflict dyad: ``side_a`` against ``side_b`` over a period.

    Sides are ordered tuples of actors: UCDP lists several states on one side, and
    reading only the first one is a known source of bugs.
    """

    id: str = attrs.field(validator=r.valid_id)
    side_a: tuple[str, ...] = attrs.field(validator=r.id_tuple(min_size=1))
    side_b: tuple[str, ...] = attrs.field(validator=r.id_tuple(min_size=1))
    name: str | None = attrs.field(default=None, validator=r.optional_text)
    period: Period | None = attrs.field(default=None, validator=r.optional_period)
    intensity: Intensity | None = attrs.field(default=None, validator=r.instance(Intensity, optional=True))
    incompatibility: Incompatibility | None = attrs.field(
        default=None, validator=r.instance(Incompatibility, optional=True)
    )
    external_ids: FrozenMap[str] = attrs.field(default=r.EMPTY_MAP, converter=r.to_frozen_map, validator=r.text_map())
    sources: frozenset[str] = attrs.field(default=frozenset(), validator=r.id_set())
    origin: Origin | None = attrs.field(default=None, validator=r.instance(Origin, optional=True))
