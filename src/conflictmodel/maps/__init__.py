"""Maps of a day's control: GeoJSON, SVG, self-contained HTML, and the partition chart.

Pure Python (no dependency beyond the core). Every picture and export of a day starts
from :func:`day_map`: the territories with geometry, each with its control state and
the blocs holding it (from :meth:`Scenario.camps <conflictmodel.Scenario.camps>` through
:func:`blocs_on`, with the shares of :func:`controller_shares`) and their colours.

>>> import conflictmodel as cm
>>> from conflictmodel import maps
>>> s = cm.syria_2017(geometry=True)
>>> svg = maps.map_svg(maps.day_map(s, "2017-11-30"), background=maps.syria_units())
>>> svg.startswith("<svg")
True

This package is the maps layer: it may import the model, the format (for the bundled
atlas) and the queries, and is imported by the command line only.
"""

from conflictmodel._format._bundled import syria_atlas as syria_units

from ._blocs import OTHERS, PALETTE, Bloc, Palette, bloc_of, bloc_shares, blocs_on, controller_shares
from ._chart import PartitionSeries, partition_chart_svg, partition_series
from ._day import DayMap, Unit, ZoneInForce, day_map
from ._geojson import day_geojson, dumps_geojson
from ._html import map_page, slider_page
from ._pages import SYRIA_INSET, SYRIA_SOURCE, month_days, render_day, render_days
from ._shapes import Projection
from ._svg import NO_RECORD, Inset, map_frame, map_svg

__all__ = [
    "NO_RECORD",
    "OTHERS",
    "PALETTE",
    "SYRIA_INSET",
    "SYRIA_SOURCE",
    "Bloc",
    "DayMap",
    "Inset",
    "Palette",
    "PartitionSeries",
    "Projection",
    "Unit",
    "ZoneInForce",
    "bloc_of",
    "bloc_shares",
    "blocs_on",
    "controller_shares",
    "day_geojson",
    "day_map",
    "dumps_geojson",
    "map_frame",
    "map_page",
    "map_svg",
    "month_days",
    "partition_chart_svg",
    "partition_series",
    "render_day",
    "render_days",
    "slider_page",
    "syria_units",
]
