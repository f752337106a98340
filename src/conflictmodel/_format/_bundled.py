"""The scenarios bundled with the package, and the atlas that gives the Syrian one its shapes."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

import attrs

from conflictmodel._model._geometry import Geometry
from conflictmodel._model._scenario import Scenario
from conflictmodel._model._territory import Territory, TerritoryKind

from ._jsonformat import loads

__all__ = ["syria_2017", "syria_atlas"]

_LEVELS = (TerritoryKind.COUNTRY, TerritoryKind.ADMIN1, TerritoryKind.ADMIN2, TerritoryKind.ADMIN3)


def syria_2017(*, geometry: bool = False) -> Scenario:
    """Syria in late 2017: the bundled, sourced example scenario (as of 30 November 2017).

    The same document as ``examples/syria_2017.json`` in the repository. Loaded once
    and cached; the scenario is immutable, so every caller can share it.

    With ``geometry=True`` its territories carry their shapes from the bundled atlas
    (:func:`conflictmodel.maps.syria_units`): every governorate, district and
    sub-district by its ``pcode``, the towns as points and the pieces of the al-Tanf
    zone by id. Zones keep none of their own: they are the union of their components.
    That copy is cached too; without it, loading reads no geometry at all.
    """
    return _with_geometry() if geometry else _plain()


@cache
def _plain() -> Scenario:
    text = files("conflictmodel").joinpath("data", "syria_2017.json").read_bytes()
    return loads(text, source="conflictmodel/data/syria_2017.json")


@cache
def _atlas() -> dict[str, Any]:
    atlas: dict[str, Any] = json.loads(files("conflictmodel").joinpath("data", "syria_atlas.json").read_bytes())
    return atlas


@cache
def syria_atlas() -> tuple[Territory, ...]:
    """The 349 OCHA units of Syria (country, 14 governorates, 62 districts, 272
    sub-districts) as territories with geometry, ids their P-codes, by P-code."""
    units = _atlas()["units"]
    return tuple(
        Territory(
            id=code,
            name=unit["name"],
            kind=_LEVELS[unit["level"]],
            parent=unit["parent"] or (None if code == "SY" else "SY"),
            external_ids={"pcode": code},
            geometry=Geometry.from_geo_interface(unit["geometry"]),
        )
        for code, unit in sorted(units.items())
    )


def _atlas_shapes() -> dict[str, Geometry]:
    """Geometry by P-code (``pcode:…``) and by territory id (``id:…``)."""
    shapes = {f"pcode:{unit.id}": unit.geometry for unit in syria_atlas() if unit.geometry is not None}
    for place, entry in _atlas()["places"].items():
        shapes[f"id:{place}"] = Geometry.from_geo_interface(entry["geometry"])
    return shapes


@cache
def _with_geometry() -> Scenario:
    scenario = _plain()
    shapes = _atlas_shapes()
    territories = []
    for territory in scenario.territories:
        shape = shapes.get(f"pcode:{territory.external_ids.get('pcode')}") or shapes.get(f"id:{territory.id}")
        if territory.geometry is None and shape is not None:
            territory = attrs.evolve(territory, geometry=shape)  # noqa: PLW2901 - the evolved copy replaces it
        territories.append(territory)
    return attrs.evolve(scenario, territories=tuple(territories))
