"""The weighed pieces of a partition as a table, cut exactly as the in-memory query cuts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from conflictmodel._model._errors import UnknownIdError
from conflictmodel._model._scenario import Meta, Scenario
from conflictmodel._queries._index import Indexes
from conflictmodel._queries._partition import REMAINDER_TOLERANCE, Weight, _cut, _weight_of

from ._arrow import records_of
from ._deps import require

__all__ = ["pieces_table"]


def pieces_table(territories: Any, withins: Iterable[str], weight: Weight) -> Any:
    """``territory_pieces(within, piece, weight)`` for each ``within``: the pieces that
    :meth:`~conflictmodel.Scenario.partition` weighs (territories not cut further, and
    the rest of a territory its subdivisions do not account for), a piece's holder being
    the piece itself. Pieces without a weight are left out, as the query leaves them out."""
    if weight not in ("area", "population", "count"):
        raise ValueError(f"weight must be 'area', 'population' or 'count', not {weight!r}")
    pa = require("pyarrow")
    ix = Indexes(Scenario(meta=Meta(title="territories"), territories=records_of("territories", territories)))
    rows: list[tuple[str, str, float]] = []
    for within in sorted(set(withins)):
        if within not in ix.tree.by_id:
            raise UnknownIdError(within, kind="Territory")
        order, subdivisions, effective = _cut(ix, within, weight)
        for node in order:
            subs = subdivisions[node]
            if not subs:
                amount = effective[node]
                if amount is not None:
                    rows.append((within, node, amount))
                continue
            own = None if weight == "count" else _weight_of(ix.tree.by_id[node], weight)
            if own is not None:
                covered = sum(w for s in subs if (w := effective[s]) is not None)
                if own - covered > REMAINDER_TOLERANCE * own:
                    rows.append((within, node, own - covered))
    return pa.table(
        {
            "within": pa.array([r[0] for r in rows], pa.string()),
            "piece": pa.array([r[1] for r in rows], pa.string()),
            "weight": pa.array([r[2] for r in rows], pa.float64()),
        }
    )
