"""Rebuild the bundled Syria scenario's geography and control from their sources.

The scenario (``examples/syria_2017.json`` and its copy in
``src/conflictmodel/data/``) is edited by this script, never by hand, for the parts it
owns:

* **territories**: every OCHA governorate, district and sub-district of Syria, from
  ``ocha_admin.csv`` (P-codes, names, parents, geodesic areas; see ``admin_areas.py``).
  Territories that already exist keep their ids (governorates are ``sy-aleppo`` and so
  on, districts and sub-districts are their P-codes); new ones take their P-code as id.
  The two modelled parts of the al-Tanf zone in the Sabe Byar and Tadmor sub-districts
  keep their modelled areas, and the parts of those sub-districts outside the zone take
  what remains, so each sub-district's parts add up to it.
* **control**: the records of ``control_2017.py`` replace every record of the
  territories they are about. Every other record is left as it is.
* **sources and other records**: the additions of ``records_2017.py``.

The result is loaded, checked (``validate`` must report no error) and written in the
canonical form, so running the script twice changes nothing::

    python tools/syria/build_scenario.py
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

import control_2017
import records_2017

import conflictmodel as cm

TARGETS = (ROOT / "examples" / "syria_2017.json", ROOT / "src" / "conflictmodel" / "data" / "syria_2017.json")
TANF_PARTS = {
    "SY030202": ("tanf-dz-sabe-byar", "sabe-byar-outside-tanf"),
    "SY040500": ("tanf-dz-tadmor", "tadmor-outside-tanf"),
}
GOVERNORATE_IDS = {
    "SY01": "sy-damascus", "SY02": "sy-aleppo", "SY03": "sy-rif-dimashq", "SY04": "sy-homs", "SY05": "sy-hama",
    "SY06": "sy-latakia", "SY07": "sy-idlib", "SY08": "sy-hasakah", "SY09": "sy-deir-ez-zor", "SY10": "sy-tartus",
    "SY11": "sy-raqqa", "SY12": "sy-daraa", "SY13": "sy-sweida", "SY14": "sy-quneitra",
}  # fmt: skip


def territory_id(pcode: str) -> str:
    """The scenario's id of the OCHA unit ``pcode``."""
    if pcode == "SY":
        return "sy"
    return GOVERNORATE_IDS.get(pcode, pcode)


def rebuild_geography(doc: dict[str, Any]) -> None:
    """Add or update every OCHA unit, and fit the al-Tanf parts into their sub-districts."""
    by_id = {t["id"]: t for t in doc["territories"]}
    with (HERE / "ocha_admin.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        tid = territory_id(row["pcode"])
        record = by_id.get(tid)
        if record is None:
            record = {"id": tid, "name": row["name_en"]}
            doc["territories"].append(record)
            by_id[tid] = record
        record["kind"] = row["level"] if row["level"] != "admin0" else "country"
        record["area_km2"] = float(row["area_km2"])
        record.setdefault("external_ids", {})["pcode"] = row["pcode"]
        record.setdefault("names", {})["ar"] = row["name_ar"]
        if row["parent_pcode"]:
            record["parent"] = territory_id(row["parent_pcode"])
        record["sources"] = sorted({*record.get("sources", ()), "src-ocha-codab"})
    for parent, (inside, outside) in TANF_PARTS.items():
        by_id[outside]["area_km2"] = round(by_id[parent]["area_km2"] - by_id[inside]["area_km2"], 1)


def replace(collection: list[dict[str, Any]], records: list[dict[str, Any]], retired: frozenset[str]) -> None:
    """Replace records of ``collection`` by id, append the new ones, drop the ``retired``."""
    new = {r["id"]: r for r in records}
    kept = [r for r in collection if r["id"] not in retired and r["id"] not in new]
    collection[:] = [*kept, *new.values()]


def overfull(scenario: cm.Scenario) -> list[str]:
    """Territories whose concurrent partial records state portions adding up to more than
    the whole on some day (checked on every day a record starts or ends)."""
    by_territory: dict[str, list[cm.Control]] = {}
    for c in scenario.controls:
        if c.portion is not None:
            by_territory.setdefault(c.territory, []).append(c)
    found = []
    for territory, records in sorted(by_territory.items()):
        days = {d for c in records for d in (c.period.earliest, c.period.latest)}
        for day in sorted(days):
            total = sum(c.portion.fraction for c in records if c.portion and c.period.possibly_contains(day))
            if total > 1 + 1e-9:
                found.append(f"{territory} on {day}: {total:.2f}")
    return found


def build(doc: dict[str, Any]) -> cm.Scenario:
    """The rebuilt scenario of ``doc`` (edited in place), checked."""
    rebuild_geography(doc)
    retired = frozenset(c["id"] for c in doc["controls"] if c["territory"] in control_2017.OWNED)
    replace(doc["controls"], control_2017.records(), retired)
    records_2017.apply(doc)
    scenario = cm.loads(json.dumps(doc))
    report = cm.validate(scenario)
    for problem in (*report.errors, *report.warnings):
        print(f"{problem.code} {problem.severity.value}: {problem.message}", file=sys.stderr)
    if not report.ok:
        raise SystemExit("the rebuilt scenario has errors; nothing written")
    if problems := overfull(scenario):
        raise SystemExit("portions add up to more than the whole: " + "; ".join(problems))
    return scenario


def main() -> int:
    """Rebuild both copies of the scenario from the example."""
    doc = json.loads(TARGETS[0].read_text(encoding="utf-8"))
    text = cm.dumps(build(doc))
    for target in TARGETS:
        target.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
