"""The partition by bloc over a sequence of days as a stacked-area SVG chart."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import attrs

from conflictmodel._model._scenario import Scenario
from conflictmodel._model._territory import TerritoryKind

from ._blocs import OTHERS, Bloc, bloc_of, blocs_on
from ._day import DayMap

__all__ = ["PartitionSeries", "partition_chart_svg", "partition_series"]

UNDETERMINED = "#BBBBBB"
UNRECORDED = "#E4E4E4"


@attrs.frozen(kw_only=True)
class PartitionSeries:
    """The share of ``within`` held by each bloc on each of ``days``: ``blocs`` with
    their colours, and ``shares[k][i]`` the share of bloc ``k`` on day ``i``;
    ``labels`` a short name of each bloc (its member holding most, and how many more);
    ``undetermined[i]`` the share held only in part, divided, ambiguous or in conflict
    (the partition query assigns it to nobody), ``unrecorded[i]`` the share with no
    record that day."""

    within: str
    days: tuple[str, ...]
    blocs: tuple[tuple[Bloc, str], ...]
    labels: tuple[str, ...]
    shares: tuple[tuple[float, ...], ...]
    undetermined: tuple[float, ...]
    unrecorded: tuple[float, ...]


def _country(day: DayMap) -> str:
    for territory in day.scenario.territories:
        if territory.kind is TerritoryKind.COUNTRY and territory.parent is None:
            return territory.id
    raise ValueError("the scenario has no country to weigh the partition within")


def partition_series(maps: Sequence[DayMap], *, within: str | None = None) -> PartitionSeries:
    """The partition by area (``Scenario.partition``) of each map's day, actors' shares
    (joint pieces split equally) summed by the colour their bloc has on that day's map:
    a colour is a bloc's identity across days (see :class:`Palette`), so a camp that
    gains or loses members stays one band. A bloc holding nothing drawn on the map
    counts with the others (the :data:`OTHERS` colour)."""
    if not maps:
        raise ValueError("a partition chart needs at least one day")
    where = within or _country(maps[0])
    bloc_of_colour: dict[str, Bloc] = {}
    lead: dict[str, dict[str, float]] = {}
    per_day: list[dict[str, float]] = []
    undetermined: list[float] = []
    unrecorded: list[float] = []
    for view in maps:
        scenario = view.scenario
        partition = scenario.partition(view.day, within=where)
        blocs = blocs_on(scenario, view.day)
        colours = {bloc.key: colour for bloc, colour in view.legend}
        sums: dict[str, float] = {}
        for actor, share in partition.by_actor.items():
            bloc = bloc_of(scenario, blocs, actor)
            colour = colours.get(bloc.key, OTHERS)
            sums[colour] = sums.get(colour, 0.0) + share
            held = lead.setdefault(colour, {})
            held[actor] = held.get(actor, 0.0) + share
            bloc_of_colour[colour] = bloc  # the latest day names the band
        per_day.append(sums)
        unrecorded.append(partition.unrecorded)
        undetermined.append(max(0.0, 1.0 - sum(sums.values()) - partition.unrecorded))
    order = sorted(bloc_of_colour, key=lambda colour: (-sum(day.get(colour, 0.0) for day in per_day), colour))
    scenario = maps[-1].scenario
    return PartitionSeries(
        within=where,
        days=tuple(view.day.isoformat() for view in maps),
        blocs=tuple((bloc_of_colour[colour], colour) for colour in order),
        labels=tuple(
            "other blocs" if colour == OTHERS else _label(scenario, bloc_of_colour[colour], lead[colour])
            for colour in order
        ),
        shares=tuple(tuple(day.get(colour, 0.0) for day in per_day) for colour in order),
        undetermined=tuple(undetermined),
        unrecorded=tuple(unrecorded),
    )


def _label(scenario: Scenario, bloc: Bloc, held: dict[str, float]) -> str:
    top = max(sorted(held), key=lambda actor: held[actor])
    record = scenario.find(top)
    name = str(getattr(record, "name", top))
    name = name if len(name) <= 30 else name[:29] + "…"
    return name if len(bloc.members) == 1 else f"{name} +{len(bloc.members) - 1}"


def partition_chart_svg(series: PartitionSeries, *, width: float = 620.0, height: float = 340.0) -> str:
    """A stacked-area chart of ``series``: one band per bloc (largest at the bottom),
    then the undetermined and the unrecorded shares on top; days along the bottom,
    shares up the side, a legend on the right (hover a band for every member)."""
    left, right, top, bottom = 44.0, 230.0, 14.0, 44.0
    plot_w, plot_h = width - left - right, height - top - bottom
    n = len(series.days)

    def x(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def y(share: float) -> float:
        return top + plot_h * (1.0 - share)

    bands: list[tuple[str, str, str, tuple[float, ...]]] = [
        (short, colour, bloc.label, shares)
        for (bloc, colour), short, shares in zip(series.blocs, series.labels, series.shares, strict=True)
    ]
    undetermined = "held in part, divided or undetermined"
    bands.append((undetermined, UNDETERMINED, undetermined, series.undetermined))
    bands.append(("no record", UNRECORDED, "no record", series.unrecorded))
    base = [0.0] * n
    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="cm-chart" width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="DejaVu Sans, Verdana, sans-serif" font-size="10">'
        ),
        '<rect width="100%" height="100%" fill="#fff"/>',
    ]
    legend_y = top
    for short, colour, label, shares in bands:
        upper = [b + s for b, s in zip(base, shares, strict=True)]
        xs = [x(i) for i in range(n)] if n > 1 else [left, left + plot_w]
        ups, downs = (upper, base) if n > 1 else ([upper[0]] * 2, [base[0]] * 2)
        points = [f"{xi:.1f},{y(u):.1f}" for xi, u in zip(xs, ups, strict=True)]
        points += [f"{xi:.1f},{y(d):.1f}" for xi, d in reversed(list(zip(xs, downs, strict=True)))]
        out.append(
            f'<polygon class="cm-band" points="{" ".join(points)}" fill="{colour}" stroke="#fff" stroke-width="0.5">'
            f"<title>{escape(label)}</title></polygon>"
        )
        base = upper
        legend_x = left + plot_w + 12
        out.append(
            f'<rect x="{legend_x:.1f}" y="{legend_y:.1f}" width="11" height="11" fill="{colour}" stroke="#000" '
            f'stroke-width="0.4"/><text x="{legend_x + 16:.1f}" y="{legend_y + 9:.1f}">'
            f"<title>{escape(label)}</title>{escape(short)}</text>"
        )
        legend_y += 15
    for k in range(6):
        share = k / 5
        out.append(
            f'<line x1="{left - 4}" x2="{left}" y1="{y(share):.1f}" y2="{y(share):.1f}" stroke="#000"/>'
            f'<text x="{left - 6}" y="{y(share) + 3:.1f}" text-anchor="end">{share:.0%}</text>'
        )
    step = max(1, -(-n * 72 // int(plot_w)))
    out.extend(
        f'<line x1="{x(i):.1f}" x2="{x(i):.1f}" y1="{top + plot_h}" y2="{top + plot_h + 4}" stroke="#000"/>'
        f'<text x="{x(i):.1f}" y="{top + plot_h + 15:.1f}" text-anchor="middle">{series.days[i]}</text>'
        for i in range(0, n, step)
    )
    out.append(
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#000"/>'
        f'<text x="{left}" y="{height - 8:.0f}">Share of {escape(series.within)} by area, by bloc</text></svg>\n'
    )
    return "".join(out)
