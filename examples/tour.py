"""A tour of conflictmodel on the bundled Syria 2017 scenario: run ``python examples/tour.py``."""

from __future__ import annotations

import conflictmodel as cm


def main() -> None:
    """Print a few facts the scenario records, and show the exact JSON round trip."""
    scenario = cm.syria_2017()
    print(scenario.meta.title, "as of", scenario.meta.as_of)

    astana = scenario.get("astana-mou", cm.Agreement)
    guarantors = [scenario.get(actor, cm.Actor).name for actor in astana.actors_with(cm.Role.GUARANTOR)]
    print(f"{astana.name}: guarantors {', '.join(guarantors)}; signed {astana.signed}")
    zones = sorted(scenario.get(zone, cm.Territory).name for zone in astana.covers)
    print("zones:", "; ".join(zones))

    ghouta = scenario.get("sy-ghouta", cm.Territory)
    for control in scenario.controls:
        if control.territory in ghouta.components:
            holders = ", ".join(scenario.get(a, cm.Actor).name for a in control.controllers)
            besiegers = ", ".join(scenario.get(a, cm.Actor).name for a in sorted(control.opponents))
            where = scenario.get(control.territory, cm.Territory).name
            print(f"{where} {control.period}: {control.status.value}, held by {holders}", end="")
            print(f" against {besiegers}" if besiegers else "")

    text = cm.dumps(scenario)
    exact = cm.loads(text) == scenario and cm.dumps(cm.loads(text)) == text
    print(f"round trip exact: {exact} ({len(text):,} characters of canonical JSON)")


if __name__ == "__main__":
    main()
