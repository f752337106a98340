"""Territories: countries, administrative units, cities and zones."""

from __future__ import annotations

import enum

import attrs

from . import _fields as r
from ._frozenmap import FrozenMap
from ._geometry import Geometry
from ._provenance import Origin

__all__ = ["Territory", "TerritoryKind"]


class TerritoryKind(enum.Enum):
    """What kind of place a territory is."""

    COUNTRY = "country"
    ADMIN1 = "admin1"
    ADMIN2 = "admin2"
    ADMIN3 = "admin3"
    CITY = "city"
    TOWN = "town"
    ZONE = "zone"
    REGION = "region"
    OTHER = "other"


@attrs.frozen(kw_only=True)
class Territory:
    """A place whose control is recorded.

    ``parent`` places it in the administrative tree; ``components`` make a zone out of
    other territories (a de-escalation zone spanning parts of four governorates).
    ``area_km2`` and ``population`` weigh it in partition shares. ``names`` holds names
    by language code (``{"ar": "إدلب"}``); ``external_ids`` holds P-codes and ISO
    3166-2 codes.
    """

    id: str = attrs.field(validator=r.valid_id)
    name: str = attrs.field(validator=r.text)
    kind: TerritoryKind = attrs.field(validator=r.member_of(TerritoryKind))
    parent: str | None = attrs.field(default=None, validator=r.optional_id)
    components: frozenset[str] = attrs.field(default=frozenset(), validator=r.id_set())
    area_km2: float | None = attrs.field(
        default=None,
        converter=r.to_optional_number,
        validator=r.number(minimum=0.0, exclusive_minimum=True, optional=True),
    )
    population: int | None = attrs.field(default=None, validator=r.optional_int(minimum=0))
    geometry: Geometry | None = attrs.field(default=None, validator=r.instance(Geometry, optional=True))
    aliases: frozenset[str] = attrs.field(default=frozenset(), validator=r.text_set)
    names: FrozenMap[str] = attrs.field(
        default=r.EMPTY_MAP,
        converter=r.to_frozen_map,
        validator=r.text_map(key_pattern=r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*"),
    )
    external_ids: FrozenMap[str] = attrs.field(default=r.EMPTY_MAP, converter=r.to_frozen_map, validator=r.text_map())
    sources: frozenset[str] = attrs.field(default=frozenset(), validator=r.id_set())
    origin: Origin | None = attrs.field(default=None, validator=r.instance(Origin, optional=True))
