"""Checks every importer test makes of an import."""

from __future__ import annotations

from pathlib import Path

import conflictmodel as cm
from conflictmodel.io import Imported

FIXTURES = Path(__file__).parent.parent / "fixtures"
"""The verbatim dataset subsets and synthetic files (see each folder's PROVENANCE.md)."""


def check_accounting(imported: Imported, rows: int) -> None:
    """Every row is read and either imported or rejected, and the counts add up."""
    report = imported.report
    assert report.rows_read == rows
    assert report.rows_read == report.rows_imported + len(report.rejected)
    assert sum(report.made.values()) == len(imported.scenario)


def check_round_trip(imported: Imported) -> None:
    """The scenario survives the JSON format exactly, and the text is canonical."""
    text = cm.dumps(imported.scenario)
    assert cm.loads(text) == imported.scenario
    assert cm.dumps(cm.loads(text)) == text


def check_provenance(imported: Imported, dataset: str) -> None:
    """Every record but the dataset's citation says where it came from."""
    for record in imported.scenario.records():
        if isinstance(record, cm.Source):
            continue
        assert record.origin is not None, record.id
        assert record.origin.dataset == dataset
        assert record.id.startswith(f"{dataset}:")
