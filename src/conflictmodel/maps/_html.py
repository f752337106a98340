"""Self-contained HTML pages: one map, or a day slider over maps beside the partition
chart. No request leaves the file: no script, style sheet, font or image is fetched."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

__all__ = ["map_page", "slider_page"]

_STYLE = (
    "body{margin:0;font-family:'DejaVu Sans',Verdana,sans-serif;background:#fff}"
    ".cm-unit:hover,.cm-none:hover{stroke:#000;stroke-width:1.2}"
    ".cm-row{display:flex;flex-wrap:wrap;align-items:flex-start;gap:12px}"
    ".cm-controls{padding:8px 12px;font-size:14px}"
    ".cm-day[hidden]{display:none}"
)
_HEAD = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title><style>{style}</style></head>'


def map_page(svg: str, *, title: str) -> str:
    """An HTML page holding one SVG map."""
    return _HEAD.format(title=escape(title), style=_STYLE) + f"<body>{svg}</body></html>\n"


_SCRIPT = (
    "const days=document.querySelectorAll('.cm-day');const slider=document.getElementById('cm-slider');"
    "const label=document.getElementById('cm-label');"
    "function show(i){days.forEach((d,k)=>{d.hidden=k!=i});label.textContent=days[i].dataset.day;}"
    "slider.addEventListener('input',()=>show(+slider.value));show(+slider.value);"
)


def slider_page(days: Sequence[tuple[str, str]], chart: str, *, title: str, shapes: str = "") -> str:
    """An HTML page with a slider over ``days`` (``(ISO day, SVG map)`` pairs) and the
    ``chart`` beside them; it opens on the last day. ``shapes`` holds the definitions
    the maps share (:meth:`PathCache.defs`)."""
    if not days:
        raise ValueError("a slider page needs at least one day")
    maps = "".join(
        f'<div class="cm-day" data-day="{escape(day)}"{" hidden" if k != len(days) - 1 else ""}>{svg}</div>'
        for k, (day, svg) in enumerate(days)
    )
    controls = (
        f'<div class="cm-controls"><label for="cm-slider">Day</label> '
        f'<input id="cm-slider" type="range" min="0" max="{len(days) - 1}" value="{len(days) - 1}" step="1"> '
        f'<output id="cm-label">{escape(days[-1][0])}</output></div>'
    )
    return (
        _HEAD.format(title=escape(title), style=_STYLE)
        + f'<body>{shapes}{controls}<div class="cm-row"><div>{maps}</div><div>{chart}</div></div>'
        + f"<script>{_SCRIPT}</script></body></html>\n"
    )
