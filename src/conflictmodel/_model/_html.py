"""Small HTML tables for notebooks (``_repr_html_``): every text escaped, no styles, no scripts.

Jupyter shows an object by its ``_repr_html_`` when it has one. The scenario, a
partition and a validation report show themselves as one table each, short enough to
read at a glance: long listings are cut with a last row saying how many were left out.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

__all__ = ["MAX_ROWS", "html_table"]

MAX_ROWS = 20
"""The most body rows a table shows; the rest are counted in a last row."""


def _cells(tag: str, row: Sequence[object]) -> str:
    return "".join(f"<{tag}>{html.escape(str(cell))}</{tag}>" for cell in row)


def html_table(
    caption: str,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    notes: Sequence[str] = (),
    max_rows: int = MAX_ROWS,
) -> str:
    """A ``<table>`` with an escaped ``caption``, ``header`` and ``rows``; ``notes`` are
    lines of text after the rows. At most ``max_rows`` rows are shown."""
    body: list[str] = []
    left_out = 0
    for row in rows:
        if len(body) < max_rows:
            body.append(f"<tr>{_cells('td', row)}</tr>")
        else:
            left_out += 1
    if left_out:
        body.append(f'<tr><td colspan="{len(header)}">… and {left_out} more</td></tr>')
    body.extend(f'<tr><td colspan="{len(header)}">{html.escape(note)}</td></tr>' for note in notes)
    return (
        f'<table class="conflictmodel"><caption>{html.escape(caption)}</caption>'
        f"<thead><tr>{_cells('th', header)}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )
