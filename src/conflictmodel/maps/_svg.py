"""The map of a day as SVG text: pure Python, no dependency."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from html import escape
from typing import Any

import attrs

from conflictmodel._model._territory import Territory
from conflictmodel._queries._control_state import ControlKind

from ._day import AREAL, DayMap, Unit
from ._shapes import PathCache, Projection, bbox_of, label_point, outline

__all__ = ["NO_RECORD", "Inset", "map_frame", "map_svg"]

NO_RECORD = "#F2F2F2"
"""The ground of a unit with no record that day (hatched grey)."""
_INK = "#222222"
_WIDTH = 820.0
_LEGEND = 330.0
_HEADER = 54.0
_FOOTER = 26.0


@attrs.frozen(kw_only=True)
class Inset:
    """A magnified box of the map, drawn in a corner of it: ``bbox`` is (west, south,
    east, north) in degrees, ``title`` its caption, ``width`` its width in pixels and
    ``corner`` where it goes (``"bottom-right"``, ``"bottom-left"``, ``"top-right"``
    or ``"top-left"``)."""

    bbox: tuple[float, float, float, float]
    title: str = ""
    width: float = 230.0
    corner: str = "bottom-right"


def _a(value: str) -> str:
    return escape(value, quote=True)


def _hatches(prefix: str) -> str:
    return (
        f'<pattern id="{prefix}-none" patternUnits="userSpaceOnUse" width="6" height="6" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#F2F2F2"/>'
        '<rect width="1.2" height="6" fill="#B0B0B0"/></pattern>'
        f'<pattern id="{prefix}-besieged" patternUnits="userSpaceOnUse" width="6" height="6">'
        '<path d="M0,0.4H6M0.4,0V6" stroke="#000" stroke-width="0.8" fill="none"/></pattern>'
        f'<pattern id="{prefix}-contested" patternUnits="userSpaceOnUse" width="6" height="6">'
        '<circle cx="3" cy="3" r="1.1" fill="#000"/></pattern>'
    )


class _Patterns:
    """The fill of each combination of colours, made once as an SVG pattern."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.defs: list[str] = [_hatches(prefix)]
        self._ids: dict[tuple[tuple[str, float], ...], str] = {}

    def fill(self, unit: Unit) -> str:
        if not unit.colours:
            return f"url(#{self.prefix}-none)"
        if len(unit.colours) == 1:
            return unit.colours[0]
        key = tuple((colour, round(share, 3)) for colour, (_, share) in zip(unit.colours, unit.blocs, strict=True))
        if key not in self._ids:
            ident = f"{self.prefix}-s{len(self._ids)}"
            self._ids[key] = ident
            size, x, rects = 9.0, 0.0, []
            total = sum(share for _, share in key) or 1.0
            for colour, share in key:
                width = size * share / total
                rects.append(f'<rect x="{x:.2f}" width="{width:.2f}" height="{size}" fill="{colour}"/>')
                x += width
            self.defs.append(
                f'<pattern id="{ident}" patternUnits="userSpaceOnUse" width="{size}" height="{size}" '
                f'patternTransform="rotate(45)">{"".join(rects)}</pattern>'
            )
        return f"url(#{self._ids[key]})"


def _title(unit: Unit, names: dict[str, str]) -> str:
    state = unit.state
    territory = unit.territory
    code = territory.external_ids.get("pcode")
    head = f"{territory.name} ({code})" if code and code != territory.id else f"{territory.name} [{territory.id}]"
    if not unit.blocs:
        what = "no record" if state.kind is ControlKind.UNRECORDED else state.kind.value
        return f"{head}: {what}"
    holders = ", ".join(names.get(a, a) for a in state.controllers)
    text = f"{head}: {state.kind.value}, {holders}"
    if state.opponents:
        text += " against " + ", ".join(names.get(a, a) for a in state.opponents)
    if state.inherited_from:
        text += f" (as recorded for {state.inherited_from})"
    return text


def _unit_paths(day: DayMap, paths: PathCache, patterns: _Patterns, background: Sequence[Territory]) -> list[str]:
    names = {a.id: a.name for a in day.scenario.actors}
    out = []
    painted = {u.territory.external_ids.get("pcode") for u in day.units if u.blocs}
    for base in background:
        if base.external_ids.get("pcode") in painted:
            continue  # painted over by the scenario's own record of it
        if base.geometry is not None and base.geometry.type in AREAL:
            code = base.external_ids.get("pcode", base.id)
            title = f"<title>{_a(base.name)} ({_a(code)}): no record</title>"
            out.append(
                paths.shape(
                    base.geometry, f'class="cm-none" data-id="{_a(code)}" fill="url(#{patterns.prefix}-none)"', title
                )
            )
    for unit in day.units:
        geometry = unit.territory.geometry
        if geometry is None or geometry.type not in AREAL or not unit.blocs:
            continue
        title = f"<title>{_a(_title(unit, names))}</title>"
        attributes = f'class="cm-unit" data-id="{_a(unit.territory.id)}" fill="{patterns.fill(unit)}"'
        out.append(paths.shape(geometry, attributes, title))
        if unit.state.kind in (ControlKind.BESIEGED, ControlKind.CONTESTED):
            overlay = f'fill="url(#{patterns.prefix}-{unit.state.kind.value})" pointer-events="none"'
            out.append(paths.shape(geometry, overlay, ""))
    return out


def _borders(day: DayMap, paths: PathCache, background: Sequence[Territory]) -> list[str]:
    tops = [t for t in background if t.kind.value == "admin1"] or [
        u.territory for u in day.units if u.territory.kind.value == "admin1"
    ]
    shapes = "".join(paths.shape(t.geometry, "", "") for t in tops if t.geometry is not None)
    return [f'<g fill="none" stroke="{_INK}" stroke-width="0.9" stroke-linejoin="round">{shapes}</g>']


def _zones(day: DayMap, paths: PathCache) -> list[str]:
    out = []
    for zone in day.zones:
        geometries = [c.geometry for c in zone.components if c.geometry is not None]
        lines = outline(geometries)
        d = paths.lines(lines)
        x, y = paths.project(*label_point(geometries))
        title = _a(f"{zone.number}. {zone.zone.name}: in force {', '.join(zone.agreements)}")
        out.append(
            f'<g class="cm-zone" data-id="{_a(zone.zone.id)}"><title>{title}</title>'
            f'<path d="{d}" fill="none" stroke="#000" stroke-width="2" stroke-dasharray="6 3"/>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="8" fill="#fff" stroke="#000"/>'
            f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-size="11" font-weight="bold">'
            f"{zone.number}</text></g>"
        )
    return out


def _cities(day: DayMap, paths: PathCache, patterns: _Patterns) -> list[str]:
    names = {a.id: a.name for a in day.scenario.actors}
    out = []
    for unit in day.units:
        geometry = unit.territory.geometry
        if geometry is None or geometry.type.value != "Point":
            continue
        position: Any = geometry.coordinates  # a Point's one position
        x, y = paths.project(position[0], position[1])
        ring = ' stroke-dasharray="2 1.5"' if unit.state.kind in (ControlKind.BESIEGED, ControlKind.CONTESTED) else ""
        out.append(
            f'<g class="cm-city" data-id="{_a(unit.territory.id)}"><title>{_a(_title(unit, names))}</title>'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{patterns.fill(unit)}" stroke="#000" '
            f'stroke-width="1.6"{ring}/>'
            f'<text x="{x + 8:.1f}" y="{y + 4:.1f}" font-size="11" paint-order="stroke" stroke="#fff" '
            f'stroke-width="2.5">{_a(unit.territory.name)}</text></g>'
        )
    return out


def _legend(day: DayMap, x: float, y: float, prefix: str) -> tuple[list[str], float]:
    out = ['<g class="cm-legend" font-size="11">']
    for bloc, colour in day.legend:
        lines = textwrap.wrap(bloc.label, 44, break_on_hyphens=False) or [bloc.key]
        out.append(
            f'<rect class="cm-swatch" data-bloc="{_a(bloc.key)}" x="{x:.1f}" y="{y:.1f}" width="16" height="16" '
            f'fill="{colour}" stroke="#000" stroke-width="0.5"/>'
        )
        out.extend(
            f'<text x="{x + 22:.1f}" y="{y + 12 + 13 * k:.1f}">{_a(line)}</text>' for k, line in enumerate(lines)
        )
        y += max(20.0, 13.0 * len(lines) + 6)
    y += 6
    keys = [
        (f"url(#{prefix}-none)", "no record that day"),
        (f"url(#{prefix}-contested)", "contested"),
        (f"url(#{prefix}-besieged)", "besieged"),
    ]
    for fill, text in keys:
        out.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="16" height="16" fill="{fill}" stroke="#000" stroke-width="0.5"/>'
        )
        out.append(f'<text x="{x + 22:.1f}" y="{y + 12:.1f}">{_a(text)}</text>')
        y += 20
    out.append(f'<text x="{x:.1f}" y="{y + 12:.1f}">Stripes: a unit divided or shared between blocs.</text>')
    y += 22
    for zone in day.zones:
        for k, line in enumerate(textwrap.wrap(f"{zone.number}. {zone.zone.name}", 48, break_on_hyphens=False)):
            out.append(f'<text x="{x + (0 if k == 0 else 14):.1f}" y="{y + 12:.1f}">{_a(line)}</text>')
            y += 13
        y += 3
    if day.zones:
        out.append(
            f'<path d="M{x:.1f},{y + 8:.1f}h24" stroke="#000" stroke-width="2" stroke-dasharray="6 3"/>'
            f'<text x="{x + 30:.1f}" y="{y + 12:.1f}">zone under an agreement in force</text>'
        )
        y += 20
    out.append("</g>")
    return out, y


def _inset(inset: Inset, project: Projection, box: tuple[float, float, float, float], prefix: str) -> list[str]:
    west, south, east, north = inset.bbox
    x0, y0 = project(west, north)
    x1, y1 = project(east, south)
    height = inset.width * (y1 - y0) / (x1 - x0)
    mx, my, mw, mh = box
    x = mx + mw - inset.width - 6 if inset.corner.endswith("right") else mx + 6
    y = my + mh - height - 6 if inset.corner.startswith("bottom") else my + 6
    view = f"{x0:.1f} {y0:.1f} {x1 - x0:.1f} {y1 - y0:.1f}"
    box_of_inset = f'x="{x0:.1f}" y="{y0:.1f}" width="{x1 - x0:.1f}" height="{y1 - y0:.1f}"'
    frame = f'x="{x:.1f}" y="{y:.1f}" width="{inset.width:.1f}" height="{height:.1f}"'
    caption = f'x="{x + 4:.1f}" y="{y + height - 5:.1f}" font-size="11" paint-order="stroke" stroke="#fff"'
    return [
        f'<rect {box_of_inset} fill="none" stroke="#000" stroke-width="1"/>',
        (
            f'<svg class="cm-inset" {frame} viewBox="{view}">'
            f'<rect {box_of_inset} fill="#fff"/><use href="#{prefix}-map"/></svg>'
        ),
        f'<rect {frame} fill="none" stroke="#000" stroke-width="1.5"/>',
        f'<text {caption} stroke-width="3">{_a(inset.title)}</text>',
    ]


def map_frame(day: DayMap, *, background: Sequence[Territory] = (), shared: bool = False) -> PathCache:
    """The projection fitting the polygons of a map and its background, with a cache
    of their paths to share between maps of the same units (``shared``: as ``<use>``
    of paths defined once)."""
    areal = [u.territory.geometry for u in day.units if u.territory.geometry is not None]
    areal += [t.geometry for t in background if t.geometry is not None]
    polygons = [g for g in areal if g.type in AREAL]
    if not polygons:
        raise ValueError("nothing to draw: no territory of the scenario has a polygon geometry")
    return PathCache(Projection.fitting(bbox_of(polygons), _WIDTH), shared=shared)


def map_svg(
    day: DayMap,
    *,
    background: Sequence[Territory] = (),
    inset: Inset | None = None,
    title: str | None = None,
    source: str | None = None,
    cache: PathCache | None = None,
    id_prefix: str = "cm",
) -> str:
    """The map of a :class:`DayMap` as a standalone SVG document.

    ``background`` are base-map units drawn first, hatched as "no record"
    (:func:`syria_units` for the bundled world), so that what the scenario has no
    territory for shows as such rather than as a hole. ``title`` defaults to the
    scenario's title; ``source`` is printed at the foot. ``cache`` (from
    :func:`map_frame`) reuses the paths of an earlier map of the same units; a shared
    one (``map_frame(..., shared=True)``) draws each shape as a ``<use>`` of a path
    defined once, in :meth:`PathCache.defs`, for pages that hold many maps.
    ``id_prefix`` starts every id the SVG defines, so that several maps can live in one
    page.
    """
    paths = cache or map_frame(day, background=background)
    project = paths.project
    bbox = project.bbox
    map_w, map_h = project.size
    patterns = _Patterns(id_prefix)
    units = _unit_paths(day, paths, patterns, background)
    body = [
        f'<g id="{id_prefix}-map" stroke="#fff" stroke-width="0.35">{"".join(units)}</g>',
        *_borders(day, paths, background),
        *_zones(day, paths),
        *_cities(day, paths, patterns),
    ]
    legend, legend_bottom = _legend(day, map_w + 14, 10.0, id_prefix)
    extra = _inset(inset, project, (0.0, 0.0, map_w, map_h), id_prefix) if inset else []
    width = map_w + _LEGEND
    height = max(map_h, legend_bottom) + _HEADER + _FOOTER
    heading = _a(title or day.scenario.meta.title)
    foot = _a(source or f"Data: {day.scenario.meta.title}")
    west, south, east, north = bbox
    projection = f"{west},{south},{east},{north},{project.scale},{project.margin},{_HEADER}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="DejaVu Sans, Verdana, sans-serif" '
        f'data-projection="{projection}" data-day="{day.day.isoformat()}">'
        f'<rect width="100%" height="100%" fill="#fff"/>'
        f'<text x="12" y="24" font-size="18" font-weight="bold">{heading}</text>'
        f'<text x="12" y="44" font-size="13">Who holds what on {day.day.isoformat()}, by bloc</text>'
        f"<defs>{''.join(patterns.defs)}</defs>"
        f'<g transform="translate(0,{_HEADER})">{"".join(body)}{"".join(extra)}{"".join(legend)}</g>'
        f'<text x="12" y="{height - 9:.0f}" font-size="10" fill="#444">{foot}</text>'
        "</svg>\n"
    )
