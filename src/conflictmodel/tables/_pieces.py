"""The weighed pieces of a partition, and the portions stated by partial control records,
as tables: cut and measured exactly as the in-memory query cuts and measures them."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from conflictmodel._format._jsonformat import from_dict
from conflictmodel._model._area import area_km2
from conflictmodel._model._errors import UnknownIdError
from conflictmodel._model._geometry import Geometry
from conflictmodel._model._scenario import Meta, Scenario
from conflictmodel._queries._index import Indexes
from conflictmodel._queries._partition import REMAINDER_TOLERANCE, Weight, _cut, _weight_of

from ._arrow import records_of
from ._deps import require

__all__ = ["pieces_table", "portions_table"]


def pieces_table(territories: Any, withins: Iterable[str], weight: Weight) -> Any:
    """``territory_pieces(within, piece, weight, whole)`` for each ``within``: the pieces
    that :meth:`~conflictmodel.Scenario.partition` weighs (territories not cut further, and
    the rest of a territory its subdivisions do not account for), a piece's holder being
    the piece itself. Pieces without a weight are left out, as the query leaves them out.
    ``whole`` is, when weighing by area, the area of the territory the piece is (all of it,
    or the rest of it), against which a stated portion's own area is measured."""
    if weight not in ("area", "population", "count"):
        raise ValueError(f"weight must be 'area', 'population' or 'count', not {weight!r}")
    pa = require("pyarrow")
    ix = Indexes(Scenario(meta=Meta(title="territories"), territories=records_of("territories", territories)))
    rows: list[tuple[str, str, float, float | None]] = []
    by_area = weight == "area"
    for within in sorted(set(withins)):
        if within not in ix.tree.by_id:
            raise UnknownIdError(within, kind="Territory")
        order, subdivisions, effective = _cut(ix, within, weight)
        for node in order:
            subs = subdivisions[node]
            if not subs:
                amount = effective[node]
                if amount is not None:
                    rows.append((within, node, amount, amount if by_area else None))
                continue
            own = None if weight == "count" else _weight_of(ix.tree.by_id[node], weight)
            if own is not None:
                covered = sum(w for s in subs if (w := effective[s]) is not None)
                if own - covered > REMAINDER_TOLERANCE * own:
                    rows.append((within, node, own - covered, own if by_area else None))
    return pa.table(
        {
            "within": pa.array([r[0] for r in rows], pa.string()),
            "piece": pa.array([r[1] for r in rows], pa.string()),
            "weight": pa.array([r[2] for r in rows], pa.float64()),
            "whole": pa.array([r[3] for r in rows], pa.float64()),
        }
    )


def portions_table(controls: Any) -> Any:
    """``control_portions(id, fraction, area_km2)`` from a ``controls`` table (only its
    ``id`` and ``portion`` columns are read): one row per record stating a portion, with
    the geodesic area of the portion's geometry when it has one that encloses an area."""
    pa = require("pyarrow")
    pc = require("pyarrow.compute")
    stated = controls.select(["id", "portion"]).filter(pc.is_valid(controls.column("portion")))
    ids, fractions, areas = [], [], []
    for rid, portion in zip(stated.column("id").to_pylist(), stated.column("portion").to_pylist(), strict=True):
        text = portion["geometry"]
        ids.append(rid)
        fractions.append(portion["fraction"])
        areas.append(None if text is None else area_km2(from_dict(Geometry, json.loads(text))))
    return pa.table(
        {
            "id": pa.array(ids, pa.string()),
            "fraction": pa.array(fractions, pa.float64()),
            "area_km2": pa.array(areas, pa.float64()),
        }
    )
