"""A day's control map as an RFC 7946 GeoJSON FeatureCollection."""

from __future__ import annotations

import json
from typing import Any

from conflictmodel._model._control import Control
from conflictmodel._model._dates import DayLike
from conflictmodel._model._scenario import Scenario

from ._blocs import OTHERS, bloc_shares, blocs_on, controller_shares
from ._day import DayMap, Unit, day_map, drawn_state

__all__ = ["day_geojson", "dumps_geojson"]


def _feature(day: DayMap, unit: Unit) -> dict[str, Any]:
    scenario, state, territory = day.scenario, unit.state, unit.territory
    records = [scenario.get(r, Control) for r in (*state.records, *state.uncertain)]
    shares = dict(controller_shares(scenario, state)) if unit.blocs else {}
    feature = territory.__geo_interface__
    feature["properties"] = {
        **feature["properties"],
        "day": day.day.isoformat(),
        "status": state.kind.value,
        "controllers": list(state.controllers),
        "shares": {actor: round(shares[actor], 6) for actor in sorted(shares)},
        "opponents": list(state.opponents),
        "bloc": unit.blocs[0][0].key if unit.blocs else None,
        "blocs": [
            {"key": bloc.key, "members": list(bloc.members), "share": round(share, 6), "colour": colour}
            for (bloc, share), colour in zip(unit.blocs, unit.colours, strict=True)
        ],
        "colour": unit.colour,
        "how_known": sorted({record.basis.value for record in records}),
        "records": list(state.records),
        "uncertain_records": list(state.uncertain),
        "inherited_from": state.inherited_from,
        "sources": sorted({source for record in records for source in record.sources} | territory.sources),
    }
    return feature


def day_geojson(scenario: Scenario, day: DayLike, *, map_of_day: DayMap | None = None) -> dict[str, Any]:
    """The control map of ``day`` as an RFC 7946 FeatureCollection (a dict ready for
    :func:`json.dumps`): one Feature per territory, by id, id its territory id,
    geometry as recorded (``null`` when it has none, as for zones, which are the union
    of their components) (positions longitude first, outer rings counter-clockwise),
    and as properties the territory's own (see ``Territory.__geo_interface__``) and that
    day's ``status``, ``controllers``, their ``shares``, ``opponents``, the ``bloc`` and
    every bloc holding part of it with its members, share and map ``colour``, how it is
    known (``how_known``: the records' basis), the ``records`` and their ``sources``.

    ``map_of_day`` reuses a :class:`DayMap` already made for the same day.
    """
    view = map_of_day or day_map(scenario, day)
    drawn = {unit.territory.id: unit for unit in view.units}
    colours = {bloc.key: colour for bloc, colour in view.legend}
    others = [t for t in scenario.territories if t.id not in drawn]
    states = scenario.control_map(view.day, territories=[t.id for t in others])
    blocs = blocs_on(scenario, view.day)
    for territory in others:
        state = states[territory.id]
        shares = bloc_shares(scenario, blocs, state) if drawn_state(state) else ()
        drawn[territory.id] = Unit(
            territory=territory,
            state=state,
            blocs=shares,
            colours=tuple(colours.get(bloc.key, OTHERS) for bloc, _ in shares),
        )
    return {
        "type": "FeatureCollection",
        "features": [_feature(view, drawn[territory.id]) for territory in scenario.territories],
    }


def dumps_geojson(collection: dict[str, Any]) -> str:
    """GeoJSON text: compact, keys in a stable order, UTF-8 names kept, one trailing newline."""
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"
