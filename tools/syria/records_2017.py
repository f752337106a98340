"""Sources, actors, relations, events and agreement fixes the Syria scenario gains with its 2017 control records.

Each addition is a JSON record as the scenario stores it; :func:`apply` adds it, or
replaces the record with the same id, so running the build twice changes nothing.
"""

from __future__ import annotations

from typing import Any

SOURCES: tuple[dict[str, Any], ...] = (
    {
        "id": "src-jusoor-2017-09-01",
        "title": "Map of military influence in Syria 01-09-2017 (August 2017: ISIS 22.1%, regime 36.2%, opposition"
        " 20% including 1.1% in the Euphrates Shield area, SDF 21.7%)",
        "publisher": "Jusoor for Studies",
        "date": "2017-09-05",
        "locator": "https://jusoor.co/public/en/details/map-of-military-influence-in-syria-01-09-2017",
    },
    {
        "id": "src-sohr-2017-09-15",
        "title": "Syrian Observatory for Human Rights figures of mid-September 2017 as reported by AFP (SDF 23.1%,"
        " rebel and Islamist factions 16.5%, Jaysh Khalid ibn al-Walid 0.1%)",
        "publisher": "AFP (via Correio Braziliense)",
        "date": "2017-09-15",
        "locator": "https://correiobraziliense.com.br/app/noticia/mundo/2017/09/15/interna_mundo,626256/amp.shtml",
    },
    {
        "id": "src-sohr-2017-10-23",
        "title": "The regime and SDF are the biggest gainers in the change of influence of the fighting forces"
        " (23 October 2017: regime 52.7% or 97,540 km2, SDF 25.4%, opposition and Islamist factions 13.7%,"
        " Islamic State 8% or 14,816 km2)",
        "publisher": "Syrian Observatory for Human Rights",
        "date": "2017-10-23",
        "locator": "http://www.syriahr.com/en/?p=76934",
    },
    {
        "id": "src-un-undof",
        "title": "UNDOF: United Nations Disengagement Observer Force (area of separation of the 1974 Agreement on"
        " Disengagement; the Golan west of it occupied by Israel since 1967)",
        "publisher": "United Nations Peacekeeping",
        "locator": "https://peacekeeping.un.org/en/mission/undof",
    },
)

ACTORS: tuple[dict[str, Any], ...] = (
    {
        "id": "maghawir-thawra",
        "name": "Jaysh Maghawir al-Thawra (Revolutionary Commando Army)",
        "kind": "armed_group",
        "aliases": ["Maghawir al-Thawra", "New Syrian Army"],
        "country": "SYR",
        "sources": ["src-crisisgroup-tanf", "src-wiki-tanf"],
    },
    {
        "id": "usud-sharqiya",
        "name": "Jaysh Usud al-Sharqiya and the Martyr Ahmad al-Abdo forces (the Hamad desert factions)",
        "kind": "armed_group",
        "country": "SYR",
        "sources": ["src-jusoor-2017-06-08", "src-jusoor-2017-09-15"],
    },
    {
        "id": "il",
        "name": "Israel",
        "kind": "state",
        "country": "ISR",
        "external_ids": {"iso3": "ISR"},
        "sources": ["src-un-undof"],
    },
)


# Who joined the nationwide ceasefire of 29 December 2016, as the Russian Defence Ministry listed them, and Ahrar
# al-Sham's answer that it had not signed.
SOURCES += (
    {
        "id": "src-sputnik-ceasefire-groups",
        "title": "Russian Defence Ministry list of the armed groups in Syria that joined the ceasefire from"
        " 30 December 2016 (Faylaq al-Sham, Ahrar al-Sham, Jaysh al-Islam, Thuwar al-Sham, Jaysh"
        " al-Mujahideen, Jaysh Idlib, Jabhat al-Shamiya)",
        "publisher": "Sputnik Brasil",
        "date": "2016-12-29",
        "locator": "https://noticiabrasil.net.br/20161229/lista-grupos-armados-tregua-siria-7311175.html",
    },
    {
        "id": "src-manar-ahrar-not-signed",
        "title": "Ahrar al-Sham says it did not sign the truce agreement (its spokesman Ahmad Qara Ali: the"
        " movement has reservations about the agreement and the negotiations tied to it), after the Russian"
        " Defence Ministry listed it among the seven groups that joined",
        "publisher": "Al-Manar",
        "date": "2016-12-29",
        "locator": "https://manartv.com.lb/1267979",
    },
    {
        "id": "src-sputnik-ar-ceasefire-groups",
        "title": "Russian Defence Ministry: the groups that joined the truce agreement (among them Faylaq"
        " al-Rahman, Jaysh al-Islam, Faylaq al-Sham, Jaysh Idlib, Jaysh al-Nasr and al-Jabha al-Shamiya)",
        "publisher": "Sputnik Arabic",
        "date": "2017-01-09",
        "locator": "https://sarabic.ae/20170109/%D8%A8%D9%88%D8%BA%D8%AF%D8%A7%D9%86%D9%88%D9%81-%D8%A7%D9%84%D8%AA"
        "%D8%B3%D9%88%D9%8A%D8%A9-%D8%A7%D9%84%D8%B3%D9%88%D8%B1%D9%8A%D8%A9-%D8%A7%D9%84%D9%85%D8%B9%D8%A7%D8%B1"
        "%D8%B6%D8%A9-1021643200.html",
    },
)

SOURCES += (
    {
        "id": "src-jusoor-2017-06-08",
        "title": "Map of military influence in Syria 08-06-2017 (May 2017: opposition factions expand in the"
        " Badia alongside the regime, at the expense of ISIS)",
        "publisher": "Jusoor for Studies",
        "date": "2017-06-08",
        "locator": "https://jusoor.co/details/Map-of-military-influence-in-Syria-08-06-2017/294/en",
    },
    {
        "id": "src-afp-sdf-strike-0916",
        "title": "US-backed force says hit by Russia, regime strikes in east Syria (six SDF fighters wounded in the"
        " industrial area north-east of Deir ez-Zor on 16 September 2017; Russia denied it)",
        "publisher": "AFP (via Naharnet)",
        "date": "2017-09-16",
        "locator": "http://www.naharnet.com/stories/en/235446-us-backed-force-says-hit-by-russia-regime-strikes-in-east-syria",
    },
    {
        "id": "src-reuters-sdf-strike-0925",
        "title": "U.S.-backed SDF say attacked by Russian jets in east Syria (near the gas field they had seized,"
        " Deir ez-Zor, 25 September 2017)",
        "publisher": "Reuters",
        "date": "2017-09-25",
        "locator": "https://in.reuters.com/article/mideast-crisis-syria-attack/us-backed-sdf-say-attacked-by-russian-jets-in-east-syria-idINKCN1C0170",
    },
)

SUPPORTS: tuple[dict[str, Any], ...] = (
    {
        "id": "sup-cjtf-maghawir",
        "supporter": "cjtf-oir",
        "recipient": "maghawir-thawra",
        "kinds": ["air_support", "training", "troops", "weapons"],
        "period": {"start": "2016-03-04"},
        "description": "The coalition garrison at al-Tanf trains, arms and fights beside the faction it hosts,"
        " and defends the 55 km zone around it",
        "sources": ["src-crisisgroup-tanf", "src-wiki-tanf"],
    },
    {
        "id": "sup-turkey-fsaes-2017",
        "supporter": "tsk",
        "recipient": "fsa-es",
        "kinds": ["political", "territory_access", "training", "troops", "weapons"],
        "period": {"start": "2017-03-30"},
        "description": "After Operation Euphrates Shield ended, Turkish troops stayed with the factions they had"
        " backed, holding al-Bab, Jarabulus and the border strip jointly with them, and prepared with them the moves"
        " on Idlib and Afrin of late 2017",
        "sources": ["src-newarab-idlib-convoy", "src-time-es-end", "src-trt-afrin", "src-trt-es-end"],
    },
)

HOSTILITIES: tuple[dict[str, Any], ...] = (
    {
        "id": "hos-gov-sdf-dez",
        "name": "Syrian government and Russia vs. SDF (strikes and clashes reported east of the Euphrates, Deir"
        " ez-Zor, from September 2017)",
        "side_a": ["sy-gov", "ru"],
        "side_b": ["sdf"],
        "period": {"start": "2017-09-16"},
        "intensity": "minor",
        "sources": ["src-afp-sdf-strike-0916", "src-reuters-sdf-strike-0925"],
    },
)

EVENTS: tuple[dict[str, Any], ...] = (
    {
        "id": "ev-2017-09-16-strike-on-sdf",
        "kind": "air_strike",
        "date": {"start": "2017-09-16", "end": "2017-09-16"},
        "location": "SY090100",
        "actors": [
            {"actor": "rus-af", "role": "side_a"},
            {"actor": "saa", "role": "side_a"},
            {"actor": "sdf", "role": "target"},
        ],
        "description": "The SDF said Russian and government aircraft struck its fighters in the industrial area"
        " north-east of Deir ez-Zor, wounding six; Russia denied it",
        "sources": ["src-afp-sdf-strike-0916"],
    },
    {
        "id": "ev-2017-09-25-strike-on-sdf",
        "kind": "air_strike",
        "date": {"start": "2017-09-25", "end": "2017-09-25"},
        "location": "SY090105",
        "actors": [
            {"actor": "rus-af", "role": "side_a"},
            {"actor": "saa", "role": "side_a"},
            {"actor": "sdf", "role": "target"},
        ],
        "description": "The SDF said Russian jets and government forces struck its positions near the gas field it"
        " had taken, killing and wounding fighters",
        "sources": ["src-reuters-sdf-strike-0925"],
    },
    {
        "id": "ev-2017-10-12-turkish-posts-idlib",
        "kind": "strategic_development",
        "subkind": "deployment of observation posts",
        "date": {"start": "2017-10-12", "end": "2017-10-13"},
        "location": "zone-idlib",
        "actors": [{"actor": "tsk", "role": "side_a"}],
        "description": "A Turkish army convoy entered Idlib to set up the first observation posts of the Idlib"
        " de-escalation area agreed at Astana-6",
        "sources": ["src-newarab-idlib-convoy", "src-sol-idlib-convoy"],
    },
    {
        "id": "ev-2017-11-28-geneva-viii",
        "kind": "talks",
        "date": {"start": "2017-11-28", "end": "2017-12-14"},
        "location": "sy",
        "actors": [
            {"actor": "de-mistura", "role": "associated"},
            {"actor": "un", "role": "associated"},
            {"actor": "sy-gov", "role": "side_a"},
            {"actor": "hnc", "role": "side_b"},
        ],
        "description": "The eighth round of UN-mediated intra-Syrian talks in Geneva, opened on 28 November 2017 by"
        " the UN envoy and closed on 14 December",
        "sources": ["src-dw-geneva8", "src-wiki-geneva-2017"],
    },
)

# Roles and fields of existing agreements: (agreement id, field, value).
AGREEMENT_FIXES: tuple[tuple[str, str, Any], ...] = (
    ("ag-ceasefire-2016-12-29", "in_force", {"start": "2016-12-30"}),  # from midnight, 29-30 December
    (
        "ag-ceasefire-2016-12-29",
        "provisions",
        [
            {
                "kind": "ceasefire",
                "text": "Nationwide ceasefire between the government and the armed opposition groups that joined"
                " it, from midnight on 29-30 December 2016",
            },
            {
                "kind": "exclusions",
                "text": "Does not apply to the Islamic State, Jabhat Fateh al-Sham (later in HTS) and the groups"
                " linked to them",
            },
        ],
    ),
    (
        "ag-ceasefire-2016-12-29",
        "description",
        (
            "Ceasefire established on 29 Dec 2016 with Russia and Turkey as initial brokers; Iran, Russia and"
            " Turkey describe themselves as its guarantors. The Russian Defence Ministry listed seven armed"
            " opposition groups as having joined it (verbatim parties); Ahrar al-Sham, one of them, said the same"
            " day that it had not signed, and by 9 January 2017 the ministry counted Faylaq al-Rahman among the"
            " groups that had joined. The FSA-affiliated groups of the list, which the scenario does not model"
            " apart, are carried by its 'fsa' actor."
        ),
    ),
    (
        "ag-ceasefire-2016-12-29",
        "verbatim_parties",
        [
            "Faylaq al-Sham",
            "Ahrar al-Sham",
            "Jaysh al-Islam",
            "Thuwar al-Sham",
            "Jaysh al-Mujahideen",
            "Jaysh Idlib",
            "Jabhat al-Shamiya",
        ],
    ),
    (
        "ag-ceasefire-2016-12-29",
        "sources",
        [
            "src-kremlin-sochi",
            "src-manar-ahrar-not-signed",
            "src-pax-2092",
            "src-sputnik-ar-ceasefire-groups",
            "src-sputnik-ceasefire-groups",
            "src-tass-sochi-js",
        ],
    ),
    ("ag-astana6-idlib", "in_force", {"start": "2017-09-15"}),
    ("ag-astana6-idlib", "status", "in_force"),
    ("ag-sw-ceasefire", "covers", ["sy-daraa", "sy-quneitra", "sy-sweida", "zone-south"]),
    ("ag-amman-mop-2017-11", "covers", ["sy-daraa", "sy-quneitra", "sy-sweida", "zone-south"]),
    # When the Geneva rounds sat (src-ap-geneva4-end; src-dw-geneva8, src-wiki-geneva-2017).
    ("ag-geneva-iv", "met", {"start": "2017-02-23", "end": "2017-03-03"}),
    ("ag-geneva-viii", "met", {"start": "2017-11-28", "end": "2017-12-14"}),
)
# Roles added to existing agreements: (agreement id, actor, roles).
AGREEMENT_ROLES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    # The memorandum binds "the Government of the Syrian Arab Republic and the armed opposition groups that have
    # joined or will join the ceasefire regime" (src-mfa-memo); the guarantors monitor the areas.
    ("astana-mou", "sy-gov", ("party",)),
    # The opposition side of the nationwide ceasefire, as the Russian Defence Ministry listed it on 29 December
    # 2016 (src-sputnik-ceasefire-groups): Jaysh al-Islam, and the FSA-affiliated Faylaq al-Sham, Thuwar al-Sham,
    # Jaysh al-Mujahideen, Jaysh Idlib and Jabhat al-Shamiya, which the scenario's "fsa" actor carries; Faylaq
    # al-Rahman by 9 January 2017 (src-sputnik-ar-ceasefire-groups). Ahrar al-Sham, also on the list, said it had
    # not signed (src-manar-ahrar-not-signed), so it holds no role.
    ("ag-ceasefire-2016-12-29", "fsa", ("party",)),
    ("ag-ceasefire-2016-12-29", "jaysh-islam", ("party",)),
    ("ag-ceasefire-2016-12-29", "faylaq-rahman", ("party",)),
    ("astana-mou", "fsa", ("party",)),
    # The government declared the Ghouta cessation of hostilities and agreed to the northern Homs zone.
    ("ag-eg-cairo", "sy-gov", ("party",)),
    ("ag-eg-faylaq", "sy-gov", ("party",)),
    ("ag-north-homs", "sy-gov", ("party",)),
    # Astana-6: Iran, Russia and Turkey deploy observers in the Idlib area (src-reuters-astana6).
    ("ag-astana6-idlib", "ir", ("monitor",)),
    ("ag-astana6-idlib", "ru", ("monitor",)),
    ("ag-astana6-idlib", "tr", ("monitor",)),
    # Whom the agreements leave out, as their recorded provisions say: the nationwide ceasefire "does not apply
    # to the Islamic State, Jabhat Fateh al-Sham (later in HTS) and the groups linked to them"; under the
    # memorandum the guarantors "continue fighting ISIL, Nusra Front and associated groups inside and outside
    # the areas" (src-mfa-memo); the northern Homs zone has the opposition expel "IS and Nusra-linked units"
    # (src-afp-homs-zone); the Faylaq al-Rahman accession excludes "sites held by HTS". HTS, formed in January
    # 2017 around Jabhat Fateh al-Sham (the former Nusra Front), stands for the Nusra Front the 2017 texts name,
    # and Jaysh Khalid ibn al-Walid, which pledged allegiance to the Islamic State, for the groups linked to it.
    # The ceasefire of December 2016 predates HTS, but HTS, formed on 28 January 2017 around Jabhat Fateh al-Sham
    # while the ceasefire was in force, is among "the groups linked to" it (CM304 reads an exclusion over the
    # days an agreement is in force); the scenario has no actor for Jabhat Fateh al-Sham itself.
    ("ag-ceasefire-2016-12-29", "hts", ("excluded",)),
    ("ag-ceasefire-2016-12-29", "isis", ("excluded",)),
    ("ag-ceasefire-2016-12-29", "jkw", ("excluded",)),
    ("astana-mou", "isis", ("excluded",)),
    ("astana-mou", "hts", ("excluded",)),
    ("astana-mou", "jkw", ("excluded",)),
    ("ag-north-homs", "isis", ("excluded",)),
    ("ag-north-homs", "hts", ("excluded",)),
    ("ag-eg-faylaq", "hts", ("excluded",)),
)


def _upsert(collection: list[dict[str, Any]], records: tuple[dict[str, Any], ...]) -> None:
    ids = {r["id"] for r in records}
    collection[:] = [*(r for r in collection if r["id"] not in ids), *records]


DESCRIPTION = (
    "The Syrian war at the end of November 2017: the Russian- and Iranian-backed government, Turkish and"
    " Turkish-backed forces in the north, the Kurdish-led SDF with US-led coalition support, rebel and jihadist"
    " groups and the remnants of the Islamic State; the Astana de-escalation memorandum and its four zones, the"
    " US-Russia-Jordan south-west arrangements, the Sochi meetings and the UN Geneva talks; and the November"
    " bombardment of Eastern Ghouta. Control of every OCHA sub-district runs through 2017 to 2 January 2018, the"
    " day of the last control map compared; the portions of split sub-districts are modelled from the control"
    " maps of the time, and zone outlines are approximations (see notes)."
)


def apply(doc: dict[str, Any]) -> None:
    """Add (or replace by id) the sources, actors and relations of this module."""
    doc["meta"]["description"] = DESCRIPTION
    doc["meta"]["sources"] = sorted({*doc["meta"].get("sources", ()), "src-jusoor-2018-01-02", "src-sohr-2017-10-23"})
    _upsert(doc["sources"], SOURCES)
    _upsert(doc["actors"], ACTORS)
    _upsert(doc["supports"], SUPPORTS)
    _upsert(doc["hostilities"], HOSTILITIES)
    _upsert(doc["events"], EVENTS)
    controls = {c["id"]: c for c in doc["controls"]}
    for tanf in ("ctl-sy-homs-tanf", "ctl-sy-rif-dimashq-tanf"):
        controls[tanf]["controllers"] = ["cjtf-oir", "maghawir-thawra"]  # the faction the garrison hosts
    actors = {a["id"]: a for a in doc["actors"]}
    actors["ypg"]["parent"] = "sdf"  # the YPG leads the SDF as its main component (src-alarabiya-sdf)
    agreements = {a["id"]: a for a in doc["agreements"]}
    for agreement, field, value in AGREEMENT_FIXES:
        agreements[agreement][field] = value
    for agreement, actor, roles in AGREEMENT_ROLES:
        entries = agreements[agreement].setdefault("actors", [])
        entry = next((x for x in entries if x["actor"] == actor), None)
        if entry is None:
            entry = {"actor": actor, "roles": []}
            entries.append(entry)
        entry["roles"] = sorted({*entry["roles"], *roles})
        entries.sort(key=lambda x: x["actor"])
