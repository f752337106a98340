"""Import every real dataset given on the command line's folder and validate the result.

Not a test (the suite never reads files outside ``tests/``): run
``python scripts/check_real_imports.py DATA_DIR`` with the folder holding the real
datasets, one sub-folder each (``atop/``, ``pax/``, …), to print per file the rows read,
imported and rejected, and the rule codes ``validate`` reports on the imported scenario.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import conflictmodel as cm
from conflictmodel import io

READERS: list[tuple[str, Callable[[Path], io.Imported]]] = [
    ("atop/atop-member-level.csv", io.read_atop_members),
    ("atop/atop-alliance-level.csv", io.read_atop_alliances),
    ("pax/pax_all_agreements_data.csv", io.read_pax),
    ("ucdp-actor/ucdp-actor-221.csv", io.read_ucdp_actors),
    ("ucdp-prio-acd/ucdp.prio.armed.conflict.v4.2013.csv", io.read_ucdp_acd),
    ("ucdp-ged-sample/events_sample.json", io.read_ucdp_ged_json),
    # The four layers of one tree together: a layer alone names parents it does not hold.
    (
        "syria-admin-ocha/syr_admin0.geojson",
        lambda p: io.read_ocha_admin(*(p.parent / f"syr_admin{level}.geojson" for level in range(4))),
    ),
]


def main(argv: list[str]) -> int:
    """Print one block per dataset file; exit 1 when any scenario has errors."""
    root = Path(argv[1]) if len(argv) > 1 else Path("../shared/data/real")
    failed = False
    for relative, reader in READERS:
        path = root / relative
        if not path.exists():
            print(f"{relative}: missing")
            continue
        imported = reader(path)
        report = imported.report
        result = cm.validate(imported.scenario)
        errors = Counter(f.code for f in result.errors)
        warnings = Counter(f.code for f in result.warnings)
        failed = failed or bool(errors)
        print(
            f"{relative}: read {report.rows_read}, imported {report.rows_imported}, "
            f"rejected {len(report.rejected)}; errors {dict(errors) or 0}; warnings {dict(warnings) or 0}"
        )
        for reason, count in Counter(r.reason for r in report.rejected).most_common(5):
            print(f"    rejected x{count}: {reason}")
        for finding in result.errors[:3]:
            print(f"    {finding}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
