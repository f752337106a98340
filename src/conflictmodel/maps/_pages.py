"""The finished pictures: a day's map (SVG or HTML) and a slider page over days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from conflictmodel._model._dates import DayLike, as_day
from conflictmodel._model._scenario import Scenario
from conflictmodel._model._territory import Territory

from ._blocs import Palette
from ._chart import partition_chart_svg, partition_series
from ._day import day_map
from ._html import map_page, slider_page
from ._svg import Inset, map_frame, map_svg

__all__ = ["SYRIA_INSET", "SYRIA_SOURCE", "month_days", "render_day", "render_days"]

SYRIA_INSET = Inset(bbox=(36.05, 33.3, 36.75, 33.75), title="Damascus and Eastern Ghouta")
"""The inset of the bundled map: Damascus and Eastern Ghouta."""

SYRIA_SOURCE = (
    "Control: the bundled conflictmodel Syria 2017 scenario and its sources. "
    "Boundaries: OCHA COD-AB (2016), simplified."
)
"""The source line of the bundled map."""


def month_days(start: DayLike, end: DayLike) -> tuple[dt.date, ...]:
    """``start``, then the same day of each following month (the month's last day when
    it is shorter) up to ``end``, both included."""
    first, last = as_day(start), as_day(end)
    if last < first:
        raise ValueError(f"the last day {last} is before the first {first}")
    days = []
    k = 0
    while True:
        year, month = divmod(first.month - 1 + k, 12)
        year += first.year
        day = min(first.day, _month_length(year, month + 1))
        here = dt.date(year, month + 1, day)
        if here > last:
            break
        days.append(here)
        k += 1
    return tuple(days)


def _month_length(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


def render_day(
    scenario: Scenario,
    day: DayLike,
    *,
    background: Sequence[Territory] = (),
    inset: Inset | None = None,
    source: str | None = None,
    html: bool = False,
) -> str:
    """The map of ``day`` as SVG text, or as a self-contained HTML page."""
    svg = map_svg(day_map(scenario, day), background=background, inset=inset, source=source)
    return map_page(svg, title=f"{scenario.meta.title}: {as_day(day).isoformat()}") if html else svg


def render_days(
    scenario: Scenario,
    days: Sequence[DayLike],
    *,
    background: Sequence[Territory] = (),
    inset: Inset | None = None,
    source: str | None = None,
    within: str | None = None,
) -> str:
    """One self-contained HTML page: a slider over the maps of ``days`` (one palette,
    so a bloc keeps its colour) and beside it the stacked-area chart of the partition
    by bloc over those days. Colours are given from the last day backwards, so the
    last day looks as it does alone."""
    palette = Palette()
    maps = [day_map(scenario, day, palette=palette) for day in reversed(days)][::-1]
    if not maps:
        raise ValueError("a slider page needs at least one day")
    cache = map_frame(maps[0], background=background, shared=True)
    pictures = [
        (
            view.day.isoformat(),
            map_svg(view, background=background, inset=inset, source=source, cache=cache, id_prefix=f"cm{k}"),
        )
        for k, view in enumerate(maps)
    ]
    chart = partition_chart_svg(partition_series(maps, within=within))
    return slider_page(pictures, chart, title=scenario.meta.title, shapes=cache.defs())
