"""The alignment graph of a day: actors as nodes; alliance, support and hostility edges."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any, Literal

from conflictmodel._model._dates import Period, as_day
from conflictmodel._model._extras import require

if TYPE_CHECKING:
    import datetime as dt

    import networkx as nx

    from conflictmodel._model._dates import DayLike
    from conflictmodel._model._scenario import Scenario

__all__ = ["RELATIONS", "alignment_graph"]

RELATIONS = ("alliance", "support", "hostility")
"""The ``kind`` of an edge of :func:`alignment_graph`."""


def _holds(periods: tuple[Period | None, ...], day: dt.date) -> tuple[bool, bool]:
    """Whether every period (``None``: open) possibly, and certainly, contains ``day``."""
    possibly = certainly = True
    for period in periods:
        if period is None:
            continue
        possibly = possibly and period.possibly_contains(day)
        certainly = certainly and period.certainly_contains(day)
    return possibly, certainly


_POSSIBLY, _CERTAINLY = 0, 1


def _add_alliances(graph: Any, scenario: Scenario, when: dt.date, kept: int) -> None:
    for alliance in scenario.alliances:
        for first, second in itertools.permutations(alliance.members, 2):
            holds = _holds((alliance.period, first.period, second.period), when)
            if first.actor != second.actor and holds[kept]:
                graph.add_edge(
                    first.actor,
                    second.actor,
                    key=alliance.id,
                    kind="alliance",
                    record=alliance.id,
                    kinds=(alliance.kind.value,),
                    certain=holds[_CERTAINLY],
                )


def _add_supports(graph: Any, scenario: Scenario, when: dt.date, kept: int, *, include_alleged: bool) -> None:
    for support in scenario.supports:
        holds = _holds((support.period,), when)
        if holds[kept] and (include_alleged or not support.alleged):
            graph.add_edge(
                support.supporter,
                support.recipient,
                key=support.id,
                kind="support",
                record=support.id,
                kinds=tuple(sorted(kind.value for kind in support.kinds)),
                alleged=support.alleged,
                certain=holds[_CERTAINLY],
            )


def _add_hostilities(graph: Any, scenario: Scenario, when: dt.date, kept: int) -> None:
    for hostility in scenario.hostilities:
        holds = _holds((hostility.period,), when)
        if not holds[kept]:
            continue
        intensity = None if hostility.intensity is None else hostility.intensity.value
        for a, b in itertools.product(hostility.side_a, hostility.side_b):
            for source, target in ((a, b), (b, a)):
                graph.add_edge(
                    source,
                    target,
                    key=hostility.id,
                    kind="hostility",
                    record=hostility.id,
                    intensity=intensity,
                    certain=holds[_CERTAINLY],
                )


def alignment_graph(
    scenario: Scenario,
    day: DayLike,
    *,
    reading: Literal["certainly", "possibly"] = "possibly",
    include_alleged: bool = True,
) -> nx.MultiDiGraph[str]:
    """Who allies with, supports and fights whom on ``day``: a ``networkx.MultiDiGraph``.

    **Nodes** are actor ids: every actor that may be active on the day (its ``active``
    period possibly contains it), with the attributes ``name``, ``kind`` (the
    :class:`~conflictmodel.ActorKind` value), ``country`` and ``parent`` (``None`` when
    not given) and ``camp``: the position of its camp in
    :meth:`Scenario.camps <conflictmodel.Scenario.camps>` for the same day and reading
    (``None`` for an actor in no camp).

    **Edges** are keyed by the id of the record they come from, so parallel edges of
    different records stay apart. Each has ``kind`` (one of :data:`RELATIONS`),
    ``record`` (the id), ``certain`` (whether the record certainly holds that day; else
    only possibly, because of imprecise dates) and:

    * ``alliance``: one edge each way between every two members of an alliance that day
      (both memberships and the alliance holding), with ``kinds`` the alliance's kind;
    * ``support``: supporter to recipient, with ``kinds`` the kinds of support (sorted
      values) and ``alleged``;
    * ``hostility``: one edge each way between every actor of side A and every actor of
      side B, with ``intensity`` (a value, or ``None``).

    ``reading="certainly"`` keeps only the records that certainly hold; with
    ``include_alleged=False`` supports that are only alleged are left out. Graph
    attributes: ``day`` (ISO text), ``reading``, ``title``.

    The edges agree with :meth:`~conflictmodel.Scenario.allies_of`,
    :meth:`~conflictmodel.Scenario.supporters_of` and
    :meth:`~conflictmodel.Scenario.enemies_of`. Cost: O(n + e) for n records and e
    edges. Raises :class:`~conflictmodel.MissingExtraError` without networkx.
    """
    networkx = require("networkx", extra="networkx", purpose="conflictmodel.graph.alignment_graph")
    when = as_day(day)
    graph: Any = networkx.MultiDiGraph(day=when.isoformat(), reading=reading, title=scenario.meta.title)
    camps = scenario.camps(when, reading=reading, include_alleged=include_alleged)
    camp_of = {member: index for index, camp in enumerate(camps) for member in camp.members}
    for actor in scenario.actors:
        if _holds((actor.active,), when)[0]:
            graph.add_node(
                actor.id,
                name=actor.name,
                kind=actor.kind.value,
                country=actor.country,
                parent=actor.parent,
                camp=camp_of.get(actor.id),
            )
    kept = _POSSIBLY if reading == "possibly" else _CERTAINLY
    _add_alliances(graph, scenario, when, kept)
    _add_supports(graph, scenario, when, kept, include_alleged=include_alleged)
    _add_hostilities(graph, scenario, when, kept)
    result: nx.MultiDiGraph[str] = graph
    return result
