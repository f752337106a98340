"""A seeded generator of realistic scenario documents for benchmarks.

``python benchmarks/generate.py N > out.json`` writes a document of about N records.
The world grows with N (*scale-invariant*): per 100,000 records there are 60 actors,
300 territories (one in 15 a governorate, the rest its districts) and 200 agreements,
and the rest is half control periods and half UCDP-like events over the same ten years.
So 10x the records is 10x more of the same world -- as many control periods per
territory, as many events per actor and day -- not 10x longer histories. At 100,000
records it is the world of PERF.md's reference figures. The same seed gives the same
bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from typing import Any

ACTOR_KINDS = ["state", "government", "armed_force", "armed_group", "militia", "organisation"]
EVENT_KINDS = ["battle", "air_strike", "shelling", "attack_on_civilians", "explosion"]
STATUSES = ["full", "full", "full", "partial", "contested", "besieged"]


def _day(rng: random.Random, start: dt.date, span: int) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(span))


def _text(day: dt.date, rng: random.Random) -> str:
    """A partial date: mostly to the day, sometimes to the month or year."""
    roll = rng.random()
    if roll < 0.85:
        return day.isoformat()
    if roll < 0.97:
        return day.isoformat()[:7]
    return str(day.year)


def document(records: int, *, seed: int = 20171130) -> dict[str, Any]:
    """A scenario document with about ``records`` records."""
    rng = random.Random(seed)
    scale = records / 100_000
    n_actors = max(round(60 * scale), 6)
    n_territories = max(round(300 * scale), 20)
    n_agreements = max(round(200 * scale), 1)
    n_parents = max(n_territories // 15, 1)
    rest = max(records - n_actors - n_territories - n_agreements - 1, 0)
    n_controls, n_events = rest // 2, rest - rest // 2
    base = dt.date(2011, 3, 15)
    actors = [
        {
            "id": f"a{i:03d}",
            "name": f"Actor {i}",
            "kind": ACTOR_KINDS[i % len(ACTOR_KINDS)],
            "external_ids": {"ucdp": str(100 + i)},
            "sources": ["src"],
        }
        for i in range(n_actors)
    ]
    territories = [
        {
            "id": f"t{i:04d}",
            "name": f"Territory {i}",
            "kind": "admin3" if i >= n_parents else "admin2",
            **({"parent": f"t{i % n_parents:04d}"} if i >= n_parents else {}),
            "area_km2": round(rng.uniform(20, 3000), 1),
            "population": rng.randrange(1000, 500000),
            "external_ids": {"pcode": f"SY{i:06d}"},
        }
        for i in range(n_territories)
    ]
    controls = []
    per_territory = max(n_controls // n_territories, 1)
    for i in range(n_controls):
        territory = i % n_territories
        step = i // n_territories
        start = base + dt.timedelta(days=step * 3650 // per_territory)
        end = start + dt.timedelta(days=max(3650 // per_territory - 1, 0))
        status = rng.choice(STATUSES)
        controllers = rng.sample(actors, 2 if rng.random() < 0.1 else 1)
        record: dict[str, Any] = {
            "id": f"c{i:07d}",
            "territory": f"t{territory:04d}",
            "controllers": [a["id"] for a in controllers],
            "period": {"start": _text(start, rng), "end": _text(end, rng)},
            "status": status,
            "sources": ["src"],
        }
        if status in ("contested", "besieged"):
            others = [a["id"] for a in actors if a not in controllers]
            record["opponents"] = sorted(rng.sample(others, 1))
        controls.append(record)
    events = []
    for i in range(n_events):
        day = _day(rng, base, 3650)
        side_a, side_b = rng.sample(actors, 2)
        best = rng.randrange(0, 40)
        events.append(
            {
                "id": f"e{i:07d}",
                "kind": rng.choice(EVENT_KINDS),
                "date": {"start": day.isoformat(), "end": day.isoformat()},
                "actors": [{"actor": side_a["id"], "role": "side_a"}, {"actor": side_b["id"], "role": "side_b"}],
                "location": f"t{rng.randrange(n_territories):04d}",
                "coordinates": {"lat": round(rng.uniform(32.3, 37.3), 4), "lon": round(rng.uniform(35.6, 42.4), 4)},
                "fatalities": {"best": best, "low": max(best - 3, 0), "high": best + 5},
                "sources": ["src"],
            }
        )
    agreements = [
        {
            "id": f"g{i:04d}",
            "name": f"Agreement {i}",
            "kind": "ceasefire",
            "signed": _day(rng, base, 3650).isoformat(),
            "actors": [{"actor": a["id"], "roles": ["party"]} for a in rng.sample(actors, 3)],
            "covers": sorted(f"t{t:04d}" for t in rng.sample(range(n_territories), 4)),
        }
        for i in range(n_agreements)
    ]
    return {
        "schema": "conflictmodel/1",
        "meta": {"title": f"Generated scenario of {records} records", "as_of": "2021-03-01"},
        "sources": [{"id": "src", "title": "Generated for benchmarks"}],
        "actors": actors,
        "territories": territories,
        "controls": controls,
        "agreements": agreements,
        "events": events,
    }


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    json.dump(document(size), sys.stdout)
