"""Territories: countries, administrative units, cities and zones."""

from __future__ import annotations

import enum
from typing import Any

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

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """The territory as a GeoJSON Feature (``geometry`` is ``None`` when it has none):
        its id, and as properties its name, kind, parent and whichever of components,
        area, population, names and external ids it has. Shapely, geopandas
        (``GeoDataFrame.from_features``) and folium read it directly."""
        properties: dict[str, Any] = {"name": self.name, "kind": self.kind.value, "parent": self.parent}
        if self.components:
            properties["components"] = sorted(self.components)
        if self.area_km2 is not None:
            properties["area_km2"] = self.area_km2
        if self.population is not None:
            properties["population"] = self.population
        if self.names:
            properties["names"] = dict(self.names)
        if self.external_ids:
            properties["external_ids"] = dict(self.external_ids)
        return {
            "type": "Feature",
            "id": self.id,
            "geometry": None if self.geometry is None else self.geometry.__geo_interface__,
            "properties": properties,
        }
