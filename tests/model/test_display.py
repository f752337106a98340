"""How objects show themselves: a one-line repr for a scenario, small escaped HTML tables
for notebooks."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import conflictmodel as cm
from conflictmodel._model._html import MAX_ROWS, html_table

SYRIA = cm.syria_2017()
DAY = "2017-11-30"


class _Cells(HTMLParser):
    """The text of each table cell, and every tag met."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self.tags: list[str] = []
        self._open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002 - the base class signature
        self.tags.append(tag)
        if tag in ("td", "th", "caption"):
            self._open = True
            self.cells.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th", "caption"):
            self._open = False

    def handle_data(self, data: str) -> None:
        if self._open:
            self.cells[-1] += data


def cells(markup: str) -> _Cells:
    parsed = _Cells()
    parsed.feed(markup)
    return parsed


def test_a_scenario_repr_is_one_short_line() -> None:
    text = repr(SYRIA)
    assert "\n" not in text
    assert len(text) < 300
    assert text.startswith(f"<Scenario 'Syria, late 2017' as of 2017-11-30: {len(SYRIA)} records (")
    assert f"{len(SYRIA.controls)} controls" in text


def test_an_empty_scenario_repr() -> None:
    assert "<Scenario 'Nothing': 0 records>" == repr(cm.Scenario(meta=cm.Meta(title="Nothing")))
    one = cm.Scenario(meta=cm.Meta(title="One"), actors=(cm.Actor(id="a", name="A", kind=cm.ActorKind.STATE),))
    assert "<Scenario 'One': 1 record (1 actors)>" == repr(one)


def test_the_scenario_table_counts_every_collection() -> None:
    shown = cells(SYRIA._repr_html_())
    assert "Syria, late 2017 — as of 2017-11-30" == shown.cells[0]
    for name in ("actors", "controls", "events"):
        index = shown.cells.index(name)
        assert str(len(getattr(SYRIA, name))) == shown.cells[index + 1]
    assert f"{len(SYRIA)} records" == shown.cells[-1]


def test_every_text_is_escaped() -> None:
    title = '<script>alert("x")</script> & co'
    scenario = cm.Scenario(meta=cm.Meta(title=title))
    markup = scenario._repr_html_()
    assert "<script>" not in markup
    assert html.escape(title) in markup
    assert "script" not in cells(markup).tags
    assert title == cells(markup).cells[0]


def test_the_partition_table_lists_the_blocs_largest_first() -> None:
    partition = SYRIA.partition(DAY, within="sy")
    shown = cells(partition._repr_html_())
    assert f"Partition of sy on {DAY}" == shown.cells[0]
    assert ["controllers", "area", "share"] == shown.cells[1:4]
    first = partition.shares[0]
    assert [" + ".join(first.controllers), f"{first.weight:,.6g}", f"{first.share:.1%}"] == shown.cells[4:7]
    assert f"effective number of controllers: {partition.effective_controllers:.2f}" in shown.cells
    assert len(partition.shares) < MAX_ROWS
    shown_blocs = [shown.cells[i] for i in range(4, 4 + 3 * len(partition.shares), 3)]
    assert [" + ".join(share.controllers) for share in partition.shares] == shown_blocs


def test_the_report_table_lists_findings() -> None:
    broken = cm.Scenario(
        meta=cm.Meta(title="t"),
        actors=(cm.Actor(id="a", name="A", kind=cm.ActorKind.STATE, parent="ghost"),),
    )
    report = cm.validate(broken)
    shown = cells(report._repr_html_())
    assert "Validation: errors found" == shown.cells[0]
    (finding,) = report.findings
    assert [finding.code, "error", finding.path, finding.message] == shown.cells[5:9]
    assert "1 error, 0 warnings" == shown.cells[-1]
    assert "Validation: ok" == cells(cm.validate(SYRIA)._repr_html_()).cells[0]


def test_long_tables_are_cut_with_a_count() -> None:
    markup = html_table("c", ("n",), [(n,) for n in range(25)], max_rows=10)
    assert 11 == len(re.findall("<tr><td", markup))
    assert "… and 15 more" in markup
