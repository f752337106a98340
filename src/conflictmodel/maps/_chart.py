"""The partition by bloc over a sequence of days as a stacked-area SVG chart."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import attrs

from conflictmodel._model._territory import TerritoryKind

from ._blocs import Bloc, bloc_of, blocs_on
from ._day import DayMap

__all__ = ["PartitionSeries", "partition_chart_svg", "partition_series"]

UNDETERMINED = "#BBBBBB"


@attrs.frozen(kw_only=True)
class PartitionSeries:
    """The share of ``within`` held by each bloc on each of ``days``: ``blocs`` with
    their colours, and ``shares[k][i]`` the share of bloc ``k`` on day ``i``;
    ``rest[i]`` the share nobody is recorded to hold, or held undetermined, that day."""

    within: str
    days: tuple[str, ...]
    blocs: tuple[tuple[Bloc, str], ...]
    shares: tuple[tuple[float, ...], ...]
    rest: tuple[float, ...]


def _country(day: DayMap) -> str:
    for territory in day.scenario.territories:
        if territory.kind is TerritoryKind.COUNTRY and territory.parent is None:
            return territory.id
    raise ValueError("the scenario has no country to weigh the partition within")


def partition_series(maps: Sequence[DayMap], *, within: str | None = None) -> PartitionSeries:
    """The partition by area (``Scenario.partition``) of each map's day, actors' shares
    summed by the same blocs and colours as the maps (joint pieces split equally)."""
    if not maps:
        raise ValueError("a partition chart needs at least one day")
    where = within or _country(maps[0])
    colour_of: dict[str, tuple[Bloc, str]] = {}
    per_day: list[dict[str, float]] = []
    rest: list[float] = []
    for view in maps:
        scenario = view.scenario
        partition = scenario.partition(view.day, within=where)
        blocs = blocs_on(scenario, view.day)
        colours = {bloc.key: colour for bloc, colour in view.legend}
        sums: dict[str, float] = {}
        for actor, share in partition.by_actor.items():
            bloc = bloc_of(scenario, blocs, actor)
            sums[bloc.key] = sums.get(bloc.key, 0.0) + share
            colour_of.setdefault(bloc.key, (bloc, colours.get(bloc.key, UNDETERMINED)))
        per_day.append(sums)
        rest.append(max(0.0, 1.0 - sum(sums.values())))
    order = sorted(colour_of, key=lambda key: (-sum(day.get(key, 0.0) for day in per_day), key))
    return PartitionSeries(
        within=where,
        days=tuple(view.day.isoformat() for view in maps),
        blocs=tuple(colour_of[key] for key in order),
        shares=tuple(tuple(day.get(key, 0.0) for day in per_day) for key in order),
        rest=tuple(rest),
    )


def partition_chart_svg(series: PartitionSeries, *, width: float = 560.0, height: float = 320.0) -> str:
    """A stacked-area chart of ``series``: one band per bloc (largest at the bottom),
    the undetermined rest on top, days along the bottom, shares up the side."""
    left, right, top, bottom = 44.0, 12.0, 14.0, 40.0
    plot_w, plot_h = width - left - right, height - top - bottom
    n = len(series.days)

    def x(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def y(share: float) -> float:
        return top + plot_h * (1.0 - share)

    bands = [*zip(series.blocs, series.shares, strict=True), ((None, UNDETERMINED), series.rest)]
    base = [0.0] * n
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cm-chart" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="DejaVu Sans, Verdana, sans-serif" font-size="10">',
        '<rect width="100%" height="100%" fill="#fff"/>',
    ]
    for (bloc, colour), shares in bands:
        upper = [b + s for b, s in zip(base, shares, strict=True)]
        xs = [x(i) for i in range(n)] if n > 1 else [left, left + plot_w]
        ups, downs = (upper, base) if n > 1 else ([upper[0]] * 2, [base[0]] * 2)
        points = [f"{xi:.1f},{y(u):.1f}" for xi, u in zip(xs, ups, strict=True)]
        points += [f"{xi:.1f},{y(d):.1f}" for xi, d in reversed(list(zip(xs, downs, strict=True)))]
        label = bloc.label if bloc is not None else "no record or undetermined"
        out.append(
            f'<polygon class="cm-band" points="{" ".join(points)}" fill="{colour}" stroke="#fff" stroke-width="0.5">'
            f"<title>{escape(label)}</title></polygon>"
        )
        base = upper
    for k in range(6):
        share = k / 5
        out.append(
            f'<line x1="{left - 4}" x2="{left}" y1="{y(share):.1f}" y2="{y(share):.1f}" stroke="#000"/>'
            f'<text x="{left - 6}" y="{y(share) + 3:.1f}" text-anchor="end">{share:.0%}</text>'
        )
    step = max(1, n // 6)
    for i in range(0, n, step):
        out.append(f'<text x="{x(i):.1f}" y="{top + plot_h + 14:.1f}" text-anchor="middle">{series.days[i]}</text>')
    out.append(
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#000"/>'
        f'<text x="{left}" y="{height - 8:.0f}">Share of {escape(series.within)} by area, by bloc</text></svg>\n'
    )
    return "".join(out)
