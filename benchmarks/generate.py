"""A seeded generator of realistic scenario documents for benchmarks.

``python benchmarks/generate.py N > out.json`` writes a document of about N records.
The world grows with N (*scale-invariant*): per 100,000 records there are 60 actors,
300 territories (one in 15 a governorate, the rest its districts) and 200 agreements,
and the rest is half control periods and half UCDP-like events over the same ten years.
So 10x the records is 10x more of the same world -- as many control periods per
territory, as many events per actor and day -- not 10x longer histories. At 100,000
records it is the world of PERF.md's reference figures. The same seed gives the same
bytes.

``python benchmarks/generate.py N --realistic`` writes the same world spelled as real
documents are (:func:`realistic`): ids as the importers and the bundled Syria scenario
write them (``ucdp-ged:200001``, ``ocha:SY0702``, ``ctl-…-2017-01-28``), Arabic names,
sources with web addresses, events carrying the GED row they were imported from (quotes,
commas and line breaks inside), every collection in id order, non-ASCII text written as
UTF-8 -- what ``conflictmodel.dumps`` writes. The plain document has none of that: no
colon, dash, escape or non-ASCII character in any string, which hid two slow paths.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
import sys
from typing import Any

# Places, with the diacritics of their transliteration, and Arabic words for names.
PLACES = ["Ḥalab", "Dayr az-Zawr", "Rīf Dimashq", "Ḥamāh", "Idlib", "al-Ḥasakah", "ar-Raqqah", "Darʿā", "Ḥimṣ"]
ARABIC = ["حلب", "دير الزور", "ريف دمشق", "حماة", "إدلب", "الحسكة", "الرقة", "درعا", "حمص"]

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


Record = dict[str, Any]


def realistic(plain: dict[str, Any], *, seed: int = 20171130) -> dict[str, Any]:
    """``plain``'s world -- the same records, periods, holders and events -- spelled as
    real documents are; see the module's docstring."""
    rng = random.Random(seed)
    maps = _maps(max(len(plain["territories"]) * 2 // 5, 1))  # 120 per 100,000 records
    actor_id = {a["id"]: f"ucdp-ged:a{a['external_ids']['ucdp']}" for a in plain["actors"]}
    n_parents = sum(1 for t in plain["territories"] if "parent" not in t)
    place_id = {
        t["id"]: f"ocha:SY{i % n_parents:04d}" + (f"{i:05d}" if i >= n_parents else "")
        for i, t in enumerate(plain["territories"])
    }
    actors = [_actor(a, i, actor_id) for i, a in enumerate(plain["actors"])]
    territories = [_territory(t, i, place_id) for i, t in enumerate(plain["territories"])]
    controls = _controls(plain["controls"], actor_id, place_id, [m["id"] for m in maps], rng)
    world = _World(actor_id, place_id, {a["id"]: a["name"] for a in actors})
    events = [_ged_event(e, i, world, rng) for i, e in enumerate(plain["events"])]
    agreements = [
        {
            **g,
            "id": f"pax:{2000 + i}",
            "name": f"Agreement {i}: cessation of hostilities in {PLACES[i % len(PLACES)]}",
            "actors": [{**a, "actor": actor_id[a["actor"]]} for a in g["actors"]],
            "covers": sorted(place_id[t] for t in g["covers"]),
            "origin": {"dataset": "pax", "key": str(2000 + i)},
        }
        for i, g in enumerate(plain["agreements"])
    ]
    return {
        "schema": plain["schema"],
        "meta": {**plain["meta"], "title": f"{plain['meta']['title']}: spelled as real data is"},
        "sources": _by_id([*SOURCES, *maps]),
        "actors": _by_id(actors),
        "territories": _by_id(territories),
        "controls": _by_id(controls),
        "agreements": _by_id(agreements),
        "events": _by_id(events),
    }


GED = "ucdp-ged:dataset"
SOURCES: list[Record] = [
    {
        "id": GED,
        "title": "UCDP Georeferenced Event Dataset (GED)",  # as the importer cites it
        "publisher": "Uppsala Conflict Data Program, Uppsala University",
        "locator": "https://ucdp.uu.se/downloads/index.html#ged_global",
    },
    {"id": "ocha:cod-ab", "title": "Syrian Arab Republic: Subnational Administrative Boundaries", "publisher": "OCHA"},
]


def _by_id(records: list[Record]) -> list[Record]:
    """In id order, as ``conflictmodel.dumps`` writes a collection."""
    return sorted(records, key=lambda r: str(r["id"]))


def _maps(count: int) -> list[Record]:
    """Dated control maps, one a month, cited by the control records."""
    base = dt.date(2011, 3, 15)
    days = [(base + dt.timedelta(days=i * 30)).isoformat() for i in range(count)]
    return [
        {
            "id": f"src-map-{day}",
            "title": f"Control map of Syria, {day}: front lines and areas of control",
            "publisher": "Example Mapping Project",
            "date": day,
            "locator": f"https://maps.example.org/syria/{day}?layer=control&lang=en",
        }
        for day in days
    ]


def _actor(plain: Record, i: int, actor_id: dict[str, str]) -> Record:
    """An actor as the GED importer writes it, with an Arabic alias."""
    return {
        **plain,
        "id": actor_id[plain["id"]],
        "name": f"Liwa' {PLACES[i % len(PLACES)]} {i}",
        "aliases": [f"لواء {ARABIC[i % len(ARABIC)]} {i}"],
        "origin": {"dataset": "ucdp-ged", "key": plain["external_ids"]["ucdp"]},
        "sources": [GED],
    }


def _territory(plain: Record, i: int, place_id: dict[str, str]) -> Record:
    """A territory as the OCHA importer writes it: a P-code id, names in two languages."""
    pcode = place_id[plain["id"]].removeprefix("ocha:")
    place = f"{PLACES[i % len(PLACES)]} {i}"
    territory = {
        **plain,
        "id": place_id[plain["id"]],
        "name": place,
        "names": {"ar": f"{ARABIC[i % len(ARABIC)]} {i}", "en": place},
        "external_ids": {"pcode": pcode},
        "origin": {"dataset": "ocha-cod-ab", "key": pcode},
        "sources": ["ocha:cod-ab"],
    }
    if "parent" in plain:
        territory["parent"] = place_id[plain["parent"]]
    return territory


def _controls(
    plain: list[Record], actor_id: dict[str, str], place_id: dict[str, str], maps: list[str], rng: random.Random
) -> list[Record]:
    """Control records named as the bundled scenario names them, each citing a map."""
    controls = []
    taken: set[str] = set()
    for c in plain:
        pcode = place_id[c["territory"]].removeprefix("ocha:").lower()
        name = f"ctl-{pcode}-{c['controllers'][0]}-{c['period']['start']}"
        if name in taken:  # a month or a year alone may start two records alike
            name = f"{name}-{c['id']}"
        taken.add(name)
        record = {
            **c,
            "id": name,
            "territory": place_id[c["territory"]],
            "controllers": [actor_id[a] for a in c["controllers"]],
            "sources": [maps[rng.randrange(len(maps))]],
        }
        if "opponents" in c:
            record["opponents"] = sorted(actor_id[a] for a in c["opponents"])
        if rng.random() < 0.2:
            record["basis"] = "modelled"
            record["note"] = 'Modelled from the maps\' front lines: "approximate" where they disagree'
        controls.append(record)
    return controls


@dataclasses.dataclass(frozen=True)
class _World:
    """The new ids of the plain document's actors and territories, and actors' names."""

    actor_id: dict[str, str]
    place_id: dict[str, str]
    names: dict[str, str]


def _ged_event(plain: Record, i: int, world: _World, rng: random.Random) -> Record:
    """An event as ``conflictmodel.io.read_ucdp_ged`` writes it: its GED row kept verbatim."""
    key = str(200_000 + i)
    day = plain["date"]["start"]
    side_a, side_b = (world.actor_id[a["actor"]] for a in plain["actors"])
    lat, lon = plain["coordinates"]["lat"], plain["coordinates"]["lon"]
    deaths = plain["fatalities"]
    place = PLACES[i % len(PLACES)]
    headline = f"Clashes near {place}, {deaths['best']} killed" + ("\nsecond edition" if rng.random() < 0.1 else "")
    row = {
        "id": key, "relid": f"SYR-{day[:4]}-1-{key}", "year": day[:4], "active_year": "1",
        "type_of_violence": "1", "conflict_new_id": "299", "dyad_new_id": str(rng.randrange(400, 900)),
        "side_a_new_id": side_a.removeprefix("ucdp-ged:a"), "side_a": world.names[side_a],
        "side_b_new_id": side_b.removeprefix("ucdp-ged:a"), "side_b": world.names[side_b],
        "number_of_sources": str(rng.randrange(1, 4)),
        "source_article": f'"{headline}", Example News Agency, {day}',  # made up: no real agency
        "source_office": "ENA", "source_date": day, "source_headline": headline,
        "source_original": "residents; activists", "where_prec": "2",
        "where_coordinates": f"{place} town", "where_description": f"near {place}",
        "adm_1": f"{place} governorate", "adm_2": f"{place} district",
        "latitude": f"{lat:.6f}", "longitude": f"{lon:.6f}", "geom_wkt": f"POINT ({lon:.6f} {lat:.6f})",
        "priogrid_gid": str(rng.randrange(150000, 160000)), "country": "Syria", "country_id": "652",
        "region": "Middle East", "event_clarity": "1", "date_prec": "1", "date_start": day,
        "date_end": plain["date"]["end"], "deaths_a": "0", "deaths_b": "0", "deaths_civilians": "0",
        "deaths_unknown": str(deaths["best"]), "best": str(deaths["best"]), "high": str(deaths["high"]),
        "low": str(deaths["low"]), "gwnoa": "652", "gwnob": "",
    }  # fmt: skip
    return {
        **plain,
        "id": f"ucdp-ged:{key}",
        "actors": [{**a, "actor": world.actor_id[a["actor"]]} for a in plain["actors"]],
        "location": world.place_id[plain["location"]],
        "origin": {"dataset": "ucdp-ged", "key": key, "row": row},
        "sources": [GED],
    }


def text(records: int, *, seed: int = 20171130, real: bool = False) -> str:
    """The document of about ``records`` records as JSON text; see :func:`text_of`."""
    return text_of(document(records, seed=seed), seed=seed, real=real)


def text_of(plain: dict[str, Any], *, seed: int = 20171130, real: bool = False) -> str:
    """``plain`` as JSON text, written by ``json.dumps`` (non-ASCII escaped, though it has
    none); or with ``real``, respelled (:func:`realistic`), with every object's keys sorted
    and non-ASCII written as UTF-8, as ``conflictmodel.dumps`` writes (but not indented)."""
    if real:
        return json.dumps(realistic(plain, seed=seed), ensure_ascii=False, sort_keys=True)
    return json.dumps(plain)


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--realistic"]
    size = int(arguments[0]) if arguments else 100_000
    sys.stdout.write(text(size, real="--realistic" in sys.argv))
