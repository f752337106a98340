"""Control of the Syria scenario's sub-districts, 2017 to early 2018, with portions.

Each entry is one control record: a territory, its controllers (``+`` joins joint
holders), the fraction of the territory's area it holds (``None``: all of it), its
period, how it is known and why. Fractions are estimates: a sub-district split between
holders gets the share of its area that the control maps of the period (Jusoor for
Studies, 1 Sep, 15 Sep and 1 Nov 2017 and 2 Jan 2018; SOHR, 15 Sep and 23 Oct 2017; the
Carter Center's map of 15 Nov 2017) show each holding, read against the sub-district
outlines of the OCHA boundaries and rounded to a twentieth, basis ``modelled``. Dates are
those of the events cited (a town's capture), or, where the maps only bracket a change,
the first map day that shows it, basis ``inferred``. The records of every territory named
here replace that territory's earlier records in the scenario (see
``build_scenario.py``); everything else in the scenario is left as it was.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple


class Entry(NamedTuple):
    """One control record before it is written as JSON."""

    territory: str
    controllers: str
    fraction: float | None
    start: str | None
    end: str | None
    sources: tuple[str, ...]
    note: str | None = None
    basis: str = "modelled"


MAPS_SEP = ("src-jusoor-2017-09-01", "src-jusoor-2017-09-15", "src-sohr-2017-09-15")
MAPS_OCT = ("src-jusoor-2017-11-01", "src-sohr-2017-10-23")
MAPS_DEC = ("src-carter-wcs-2017-11-15", "src-jusoor-2018-01-02")
MAPS = (*MAPS_SEP, *MAPS_OCT, *MAPS_DEC)
HAMAD = (
    "The Hamad desert, held by Usud al-Sharqiya and the Ahmad al-Abdo forces until they withdrew in September"
    " 2017 under the army's advance (modelled share)"
)
JOINT = "Held jointly by HTS, Ahrar al-Sham and the other factions until HTS drove Ahrar al-Sham out in July 2017"
IDLIB = (
    "SY070001", "SY070002", "SY070003", "SY070004", "SY070005", "SY070006",
    "SY070200", "SY070201", "SY070203", "SY070204", "SY070205",
    "SY070300", "SY070301", "SY070302", "SY070303", "SY070304", "SY070305",
    "SY070400", "SY070401", "SY070402", "SY070403", "SY070500", "SY070501", "SY070502",
)  # fmt: skip
ALEPPO_WEST = ("SY020001", "SY020004")  # wholly opposition-held: Atareb, Daret Azza
MODELLED = (
    "Share of the sub-district's area modelled from the front lines of the control maps of the"
    " period (see sources), rounded to a twentieth"
)


def e(
    territory: str,
    controllers: str,
    fraction: float | None,
    start: str | None,
    end: str | None,
    *sources: str,
    note: str | None = None,
    basis: str | None = None,
) -> Entry:
    """An entry; a partial entry without its own note gets the note on modelled shares."""
    if basis is None:
        basis = "modelled" if fraction is not None else "inferred"
    if note is None and fraction is not None:
        note = MODELLED
    return Entry(territory, controllers, fraction, start, end, sources or MAPS, note, basis)


# Days on which the fronts moved, as the sources date them.
DEZ_SIEGE_BROKEN = "2017-09-05"  # src-reuters-dez-siege
JAZIRA_STORM = "2017-09-09"  # src-rudaw-jazira
HAMA_POCKET_CLEARED = "2017-10-06"  # src-isw-sitrep-2017-10-10
MAYADIN = "2017-10-14"  # src-reuters-mayadin
RAQQA = "2017-10-17"  # src-huffpost-raqqa
AL_OMAR = "2017-10-22"  # src-smm-sdf-oilfields
DEZ_CITY = "2017-11-03"  # src-tass-dez-city
MARKADA = "2017-11-08"  # src-tsi-2017-11-08
ABU_KAMAL = "2017-11-19"  # src-reuters-abukamal-1119
IRAQ_BORDER = "2017-12-03"  # src-aina-sdf-iraq-border: SDF reach the border north of the Euphrates
HTS_FOUNDED = "2017-01-28"  # src-wiki-hts
HTS_TAKES_IDLIB = "2017-07-23"  # src-aljazeera-idlib; the factions held the province jointly before
TANF_TAKEN = "2016-03-04"  # src-wiki-tanf: the US-backed factions took the al-Tanf crossing


def _before(day: str) -> str:
    """The day before ``day``: where a period ends when the next one starts."""
    return (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()


B = _before

# fmt: off
ENTRIES: tuple[Entry, ...] = (
    # --- Damascus --------------------------------------------------------------------
    e("SY010000", "saa", 0.9, None, None, "src-sohr-yarmouk-is", "src-emiratesvoice-faylaq"),
    e("SY010000", "faylaq-rahman", 0.05, None, None, "src-emiratesvoice-faylaq", note="Jobar, on the eastern edge"),
    e("SY010000", "isis", 0.05, None, None, "src-sohr-yarmouk-is", note="Most of Yarmouk camp and part of al-Tadamon"),
    # --- Aleppo ----------------------------------------------------------------------
    e("SY020000", "saa", 0.93, None, None, "src-reuters-aleppo", *MAPS_OCT),
    e("SY020000", "ypg", 0.02, None, None, *MAPS_OCT, note="Sheikh Maqsoud, the Kurdish district of Aleppo city"),
    e("SY020000", "hts+ahrar-sham+fsa", 0.05, HTS_FOUNDED, B(HTS_TAKES_IDLIB), note=JOINT),
    e("SY020000", "hts+fsa", 0.05, "2017-07-23", None, *MAPS_OCT, note="The western outskirts on the front line"),
    e("SY020002", "saa", 0.45, None, B("2017-12-20"), *MAPS),
    e("SY020002", "saa", 0.6, "2017-12-20", None, *MAPS_DEC, note="The army's advance east of the Hijaz railway"),
    e("SY020002", "hts+ahrar-sham+fsa", 0.55, HTS_FOUNDED, B(HTS_TAKES_IDLIB), note=JOINT),
    e("SY020002", "hts+fsa", 0.55, "2017-07-23", B("2017-12-20"), *MAPS),
    e("SY020002", "hts+fsa", 0.4, "2017-12-20", None, *MAPS_DEC),
    e("SY020003", "saa", 0.3, None, None),
    e("SY020003", "hts+ahrar-sham+fsa", 0.7, HTS_FOUNDED, B(HTS_TAKES_IDLIB), note=JOINT),
    e("SY020003", "hts+fsa", 0.7, "2017-07-23", None),
    e("SY020005", "saa", 0.4, None, None),
    e("SY020005", "hts+ahrar-sham+fsa", 0.6, HTS_FOUNDED, B(HTS_TAKES_IDLIB), note=JOINT),
    e("SY020005", "hts+fsa", 0.6, "2017-07-23", None),
    e("SY020006", "saa", 0.6, None, None),
    e("SY020006", "hts+ahrar-sham+fsa", 0.4, HTS_FOUNDED, B(HTS_TAKES_IDLIB), note=JOINT),
    e("SY020006", "hts+fsa", 0.4, "2017-07-23", None),
    *(
        entry
        for t in ALEPPO_WEST
        for entry in (
            e(t, "hts+ahrar-sham+fsa", None, HTS_FOUNDED, B(HTS_TAKES_IDLIB), "src-wiki-idlib-clashes", note=JOINT),
            e(t, "hts+fsa", None, HTS_TAKES_IDLIB, None, "src-aljazeera-idlib"),
        )
    ),
    e("SY020200", "isis", None, None, "2017-02-22", "src-wiki-es", note="Al-Bab, under assault from December 2016"),
    e("SY020200", "fsa-es+tsk", None, "2017-02-23", None, "src-wiki-es", note="Taken in Operation Euphrates Shield"),
    e("SY020203", "fsa-es+tsk", None, "2016-08-24", None, "src-wiki-es", "src-trt-es-end",
      note="Al-Rai, held by the factions through Operation Euphrates Shield"),
    e("SY020201", "isis", None, None, "2017-02-25", "src-wiki-es"),
    e("SY020503", "isis", None, None, "2017-06-03", "src-st-maskana"),
    e("SY020503", "saa", None, "2017-06-04", None, "src-st-maskana", note="Maskanah, the last Islamic State town"
      " in Aleppo province"),
    e("SY020502", "isis", 0.7, None, "2017-03-07", "src-wiki-es", note="Before the army's advance east of al-Bab"),
    e("SY020201", "saa", None, "2017-02-26", None, "src-wiki-es", note="Tadef, taken by the army south of al-Bab"),
    e("SY020206", "saa", 0.4, "2017-03-02", None, "src-reuters-manbij-villages", "src-komnews-arima"),
    e("SY020206", "sdf", 0.6, "2016-08-12", None, "src-rt-manbij", "src-reuters-manbij-villages"),
    e("SY020400", "fsa-es", 0.6, None, None, "src-wiki-es"),
    e("SY020400", "ypg", 0.4, "2016-02-16", None, "src-witw-tell-rifaat", note="Menagh air base and its villages"),
    e("SY020402", "ypg", 0.9, "2016-02-16", None, "src-witw-tell-rifaat"),
    e("SY020402", "fsa-es", 0.1, "2016-10-17", None, "src-wiki-es"),
    e("SY020404", "saa", 0.35, None, None, "src-rudaw-shahba", note="Nubl and al-Zahraa"),
    e("SY020404", "ypg", 0.65, "2016-02-16", None, "src-rudaw-shahba", note="The villages of the al-Shahba area"),
    e("SY020502", "saa", 0.7, "2017-03-08", None, "src-wiki-es", *MAPS_SEP, note="Al-Khafsah and the south"),
    e("SY020502", "sdf", 0.3, "2016-08-12", None, "src-rt-manbij", *MAPS_SEP, note="The north, towards Manbij"),
    e("SY020701", "saa", None, None, None, *MAPS_SEP, note="Khanasir and the supply road"),
    e("SY020702", "saa", 0.5, None, None),
    e("SY020702", "hts+ahrar-sham+fsa", 0.5, HTS_FOUNDED, B(HTS_TAKES_IDLIB), note=JOINT),
    e("SY020702", "hts+fsa", 0.5, "2017-07-23", None),
    e("SY020703", "saa", 0.4, None, None),
    e("SY020703", "hts+ahrar-sham+fsa", 0.6, HTS_FOUNDED, B(HTS_TAKES_IDLIB), note=JOINT),
    e("SY020703", "hts+fsa", 0.6, "2017-07-23", None),
    # --- Rif Dimashq -----------------------------------------------------------------
    e("SY030102", "saa", 0.7, None, None, "src-snhr-1108"),
    e("SY030102", "fsa", 0.3, None, None, "src-snhr-1108", note="Babbila and Beit Sahm, under a local truce"),
    e("SY030103", "saa", 0.9, None, None, "src-emiratesvoice-faylaq"),
    e("SY030103", "faylaq-rahman", 0.1, None, None, "src-emiratesvoice-faylaq"),
    e("SY030104", "saa", 0.6, None, None, "src-wiki-siege-eg"),
    e("SY030104", "faylaq-rahman", 0.4, None, None, "src-wiki-siege-eg", note="The edge of the Eastern Ghouta pocket"),
    e("SY030203", "saa", 0.4, None, "2017-09-09", *MAPS_SEP),
    e("SY030203", "usud-sharqiya", 0.5, None, "2017-09-09", *MAPS_SEP, note=HAMAD),
    e("SY030203", "saa", 0.6, "2017-09-10", "2017-09-30", *MAPS_SEP),
    e("SY030203", "usud-sharqiya", 0.3, "2017-09-10", "2017-09-30", *MAPS_SEP, note=HAMAD),
    e("SY030203", "saa", 0.8, "2017-10-01", None, *MAPS_OCT),
    e("SY030203", "fsa", 0.1, "2017-10-01", None, *MAPS_OCT, note="The eastern Qalamoun mountains"),
    e("SY030203", "jaysh-islam", 0.1, None, None, "src-shahid-eastern-qalamoun", note="The eastern Qalamoun mountains"),
    e("SY030301", "saa", 0.5, None, None, "src-shahid-eastern-qalamoun"),
    e("SY030301", "jaysh-islam", 0.3, None, None, "src-shahid-eastern-qalamoun"),
    e("SY030301", "fsa", 0.2, None, None, "src-shahid-eastern-qalamoun"),
    e("SY030303", "saa", 0.4, None, None, "src-shahid-eastern-qalamoun"),
    e("SY030303", "jaysh-islam", 0.3, None, None, "src-shahid-eastern-qalamoun"),
    e("SY030303", "fsa", 0.3, None, None, "src-shahid-eastern-qalamoun"),
    e("SY030801", "saa", 0.6, None, "2017-12-29", "src-itic-2017-11-08"),
    e("SY030801", "hts+fsa", 0.4, "2017-01-28", "2017-12-29", "src-itic-2017-11-08", note="The Beit Jinn pocket"),
    e("SY030801", "saa", None, "2017-12-30", None, "src-cnc-western-ghouta", note="After the Beit Jinn evacuation"),
    e("SY030802", "saa", None, None, None, "src-itic-2017-11-08"),
    e("SY030500", "saa+hezbollah", 0.75, None, "2017-07-31", "src-newarab-qalamoun-is"),
    e("SY030500", "hts", 0.25, HTS_FOUNDED, "2017-07-31", "src-newarab-qalamoun-is",
      note="The western Qalamoun heights on the Lebanese border, which HTS left at the start of August 2017"),
    e("SY030500", "saa+hezbollah", None, "2017-08-01", None, "src-newarab-qalamoun-is"),
    e("SY030501", "saa+hezbollah", 0.6, None, "2017-07-31", "src-newarab-qalamoun-is"),
    e("SY030501", "hts", 0.4, HTS_FOUNDED, "2017-07-31", "src-newarab-qalamoun-is",
      note="The western Qalamoun heights on the Lebanese border, which HTS left at the start of August 2017"),
    e("SY030501", "saa+hezbollah", None, "2017-08-01", None, "src-newarab-qalamoun-is"),
    e("SY030600", "saa", 0.85, None, "2017-08-27", "src-newarab-qalamoun-is"),
    e("SY030600", "isis", 0.15, None, "2017-08-27", "src-newarab-qalamoun-is",
      note="The Islamic State's part of the Qalamoun heights, evacuated at the end of August 2017"),
    e("SY030600", "saa+hezbollah", None, "2017-08-28", None, "src-newarab-qalamoun-is"),
    e("SY030601", "saa", 0.85, None, "2017-08-27", "src-newarab-qalamoun-is"),
    e("SY030601", "isis", 0.15, None, "2017-08-27", "src-newarab-qalamoun-is",
      note="The Islamic State's part of the Qalamoun heights, evacuated at the end of August 2017"),
    e("SY030601", "saa+hezbollah", None, "2017-08-28", None, "src-newarab-qalamoun-is"),
    e("SY030902", "isis", 0.8, None, None, "src-sohr-yarmouk-is", note="Al-Hajar al-Aswad"),
    e("SY030902", "fsa", 0.2, None, None, "src-sohr-yarmouk-is"),
    e("sabe-byar-outside-tanf", "saa", 0.1, None, "2017-09-09", *MAPS_SEP),
    e("sabe-byar-outside-tanf", "usud-sharqiya", 0.6, TANF_TAKEN, "2017-05-31", "src-jusoor-2017-06-08", note=HAMAD),
    e("sabe-byar-outside-tanf", "isis", 0.3, None, "2017-05-31", "src-jusoor-2017-06-08",
      note="The desert towards the Iraqi border, taken from the Islamic State by the factions in the spring of 2017"),
    e("sabe-byar-outside-tanf", "usud-sharqiya", 0.9, "2017-06-01", "2017-09-09", *MAPS_SEP, note=HAMAD),
    e("sabe-byar-outside-tanf", "saa", 0.55, "2017-09-10", "2017-09-30", *MAPS_SEP),
    e("sabe-byar-outside-tanf", "usud-sharqiya", 0.45, "2017-09-10", "2017-09-30", *MAPS_SEP, note=HAMAD),
    e("sabe-byar-outside-tanf", "saa", None, "2017-10-01", None, *MAPS_OCT, note="The army took the desert east of"
      " Damascus after the factions withdrew (first shown on the maps of October 2017)"),
    *(
        entry
        for t in ("SY130002", "SY130204", "SY130301")
        for entry in (
            e(t, "saa", 0.3, None, "2017-08-09", "src-reuters-sweida-border"),
            e(t, "usud-sharqiya", 0.7, None, "2017-08-09", "src-reuters-sweida-border", note=HAMAD),
            e(t, "saa", 0.6, "2017-08-10", "2017-09-09", "src-reuters-sweida-border", *MAPS_SEP),
            e(t, "usud-sharqiya", 0.4, "2017-08-10", "2017-09-09", "src-reuters-sweida-border", *MAPS_SEP, note=HAMAD),
            e(t, "saa", 0.8, "2017-09-10", "2017-09-30", *MAPS_SEP),
            e(t, "usud-sharqiya", 0.2, "2017-09-10", "2017-09-30", *MAPS_SEP, note=HAMAD),
            e(t, "saa", None, "2017-10-01", None, *MAPS_OCT),
        )
    ),
    *(
        entry
        for t in ("tanf-dz-sabe-byar", "tanf-dz-tadmor")
        for entry in (
            e(t, "cjtf-oir+maghawir-thawra", 0.5, TANF_TAKEN, "2017-05-31", "src-wiki-tanf", "src-jusoor-2017-06-08",
              note="The desert around the al-Tanf garrison before the deconfliction zone was declared"),
            e(t, "isis", 0.5, None, "2017-05-31", "src-wiki-tanf", "src-jusoor-2017-06-08"),
            e(t, "cjtf-oir+maghawir-thawra", None, "2017-06-01", None, "src-wiki-tanf", "src-crisisgroup-tanf",
              note="Inside the 55 km deconfliction zone of the al-Tanf garrison", basis="modelled"),
        )
    ),
    *(
        e(t, "saa", None, None, None, "src-reuters-sweida-border", note="The settled west of the governorate")
        for t in ("SY130000", "SY130001", "SY130200", "SY130201", "SY130202", "SY130203", "SY130300", "SY130302",
                  "SY130303")
    ),
    e("sy-sweida", "saa", None, "2017-10-01", None, "src-reuters-sweida-border", *MAPS_OCT,
      note="The whole governorate, once the factions had left its eastern desert"),
    # --- Homs ------------------------------------------------------------------------
    e("SY040100", "saa", 0.85, "2017-05-21", None, "src-dailystar-waer"),
    e("SY040100", "fsa", 0.15, None, None, "src-afp-homs-zone", note="The northern countryside in the Rastan pocket"),
    e("SY040101", "saa", 0.4, None, None, "src-afp-homs-zone"),
    e("SY040101", "fsa", 0.6, None, None, "src-afp-homs-zone", note="The Houla plain"),
    e("SY040102", "saa", None, None, None, "src-afp-homs-zone"),
    e("SY040103", "saa", None, None, None, "src-afp-homs-zone"),
    e("SY040110", "saa", 0.7, None, None, "src-afp-homs-zone"),
    e("SY040110", "fsa", 0.3, None, None, "src-afp-homs-zone"),
    e("SY040106", "saa", None, "2016-04-03", "2017-09-30", "src-st-qaryatain"),
    e("SY040106", "saa", 0.8, "2017-10-01", "2017-10-20", "src-st-qaryatain"),
    e("SY040106", "isis", 0.2, "2017-10-01", "2017-10-20", "src-st-qaryatain", note="Al-Qaryatain, retaken by the"
      " Islamic State on 1 October 2017 and by the army on 21 October"),
    e("SY040106", "saa", None, "2017-10-21", None, "src-st-qaryatain"),
    e("SY040501", "isis", 0.9, None, "2017-05-31", "src-rferl-palmyra"),
    e("SY040501", "saa", 0.1, "2017-03-02", "2017-05-31", "src-rferl-palmyra", note="East of Palmyra"),
    e("SY040501", "isis", 0.7, "2017-06-01", "2017-08-05", "src-aje-sukhna"),
    e("SY040501", "saa", 0.3, "2017-06-01", "2017-08-05", "src-aje-sukhna", note="The Arak field and the road east"),
    e("SY040501", "saa", 0.45, "2017-08-06", B(DEZ_SIEGE_BROKEN), "src-aje-sukhna", *MAPS_SEP),
    e("SY040501", "isis", 0.55, "2017-08-06", B(DEZ_SIEGE_BROKEN), "src-aje-sukhna", *MAPS_SEP),
    e("SY040501", "saa", 0.9, DEZ_SIEGE_BROKEN, B(HAMA_POCKET_CLEARED), "src-reuters-dez-siege", *MAPS_SEP),
    e("SY040501", "isis", 0.1, DEZ_SIEGE_BROKEN, B(HAMA_POCKET_CLEARED), "src-reuters-dez-siege", *MAPS_SEP),
    e("SY040501", "saa", 0.9, HAMA_POCKET_CLEARED, B(ABU_KAMAL), *MAPS_OCT),
    e("SY040501", "isis", 0.1, HAMA_POCKET_CLEARED, B(ABU_KAMAL), *MAPS_OCT, note="Desert south-east of al-Sukhnah"),
    e("SY040501", "saa", 0.8, ABU_KAMAL, None, *MAPS_DEC),
    e("SY040501", "isis", 0.2, ABU_KAMAL, None, *MAPS_DEC, note="Desert pockets south-east of al-Sukhnah"),
    e("tadmor-outside-tanf", "isis", 0.8, "2016-12-11", "2017-03-01", "src-rferl-palmyra",
      note="Palmyra and the desert, retaken by the Islamic State in December 2016"),
    e("tadmor-outside-tanf", "saa", 0.2, None, "2017-03-01", "src-rferl-palmyra", note="The T4 air base and the west"),
    e("tadmor-outside-tanf", "saa", 0.7, "2017-03-02", B(DEZ_SIEGE_BROKEN), "src-rferl-palmyra", *MAPS_SEP),
    e("tadmor-outside-tanf", "maghawir-thawra", 0.1, "2017-03-02", "2017-09-30", "src-wiki-tanf", *MAPS_SEP,
      note="Desert around the al-Tanf zone held by the factions it hosts (modelled share)"),
    e("tadmor-outside-tanf", "isis", 0.2, "2017-03-02", B(DEZ_SIEGE_BROKEN), "src-rferl-palmyra", *MAPS_SEP,
      note="The desert east of Arak and the T3 station towards al-Humaymah"),
    e("tadmor-outside-tanf", "saa", 0.8, DEZ_SIEGE_BROKEN, "2017-09-30", *MAPS_SEP),
    e("tadmor-outside-tanf", "saa", 0.9, "2017-10-01", B(ABU_KAMAL), *MAPS_OCT),
    e("tadmor-outside-tanf", "isis", 0.1, DEZ_SIEGE_BROKEN, B(ABU_KAMAL), *MAPS_SEP, *MAPS_OCT),
    e("tadmor-outside-tanf", "saa", 0.95, ABU_KAMAL, None, "src-reuters-abukamal-1119", *MAPS_DEC),
    e("tadmor-outside-tanf", "isis", 0.05, ABU_KAMAL, None, *MAPS_DEC, note="Desert pockets east of Palmyra"),
    e("SY040600", "saa", 0.7, None, B(HAMA_POCKET_CLEARED), "src-isw-sitrep-2017-10-10"),
    e("SY040600", "isis", 0.3, None, B(HAMA_POCKET_CLEARED), "src-isw-sitrep-2017-10-10", note="The Hama-Homs pocket"),
    e("SY040601", "saa", 0.4, None, B(HAMA_POCKET_CLEARED), "src-isw-sitrep-2017-10-10"),
    e("SY040601", "isis", 0.6, None, B(HAMA_POCKET_CLEARED), "src-isw-sitrep-2017-10-10", note="The Hama-Homs pocket"),
    # --- Hama ------------------------------------------------------------------------
    e("SY050100", "saa", None, None, "2017-03-20", "src-atlanticcouncil-hama-2017"),
    e("SY050100", "saa", 0.85, "2017-03-21", "2017-04-30", "src-atlanticcouncil-hama-2017"),
    e("SY050100", "hts+fsa", 0.15, "2017-03-21", "2017-04-30", "src-atlanticcouncil-hama-2017",
      note="The villages north of Hama taken in the rebel offensive of March 2017 and lost in April"),
    e("SY050100", "saa", None, "2017-05-01", None, "src-atlanticcouncil-hama-2017"),
    e("SY050101", "saa", 0.4, None, None, "src-atlanticcouncil-hama-2017"),
    e("SY050101", "fsa", 0.3, None, None, "src-atlanticcouncil-hama-2017", note="Morek and the villages north of it"),
    e("SY050101", "hts", 0.3, "2017-01-28", None, "src-atlanticcouncil-hama-2017"),
    e("SY050102", "saa", 0.6, None, None, "src-afp-homs-zone"),
    e("SY050102", "fsa", 0.4, None, None, "src-afp-homs-zone", note="Harbnafsah and Aqrab, in the northern Homs zone"),
    e("SY050103", "saa", 0.5, None, "2017-10-08", *MAPS_SEP),
    e("SY050103", "hts", 0.5, "2017-01-28", "2017-10-08", *MAPS_SEP),
    e("SY050103", "saa", 0.6, "2017-10-09", None, *MAPS_OCT, *MAPS_DEC),
    e("SY050103", "hts", 0.25, "2017-10-09", "2017-12-14", *MAPS_OCT),
    e("SY050103", "isis", 0.15, "2017-10-09", "2017-12-14", *MAPS_OCT, note="Islamic State fighters from the"
      " Hama-Homs pocket around Rahjan and north-west of Jrouh"),
    e("SY050103", "hts", 0.1, "2017-12-15", None, *MAPS_DEC),
    e("SY050103", "isis", 0.3, "2017-12-15", None, *MAPS_DEC, note="The twenty villages the Islamic State took"
      " from Rahjan onwards in December 2017"),
    e("SY050202", "saa", 0.6, None, None, "src-almasdar-kabani"),
    e("SY050202", "hts+fsa", 0.4, "2017-01-28", None, "src-almasdar-kabani"),
    e("SY050204", "saa", 0.5, None, None),
    e("SY050204", "ahrar-sham", 0.3, None, None, note="Qalaat al-Madiq and the northern Ghab"),
    e("SY050204", "fsa", 0.2, None, None),
    e("SY050501", "fsa", 0.5, None, None, "src-newarab-north-hama-2019"),
    e("SY050501", "hts", 0.5, "2017-01-28", None, "src-newarab-north-hama-2019"),
    e("SY050300", "saa", None, None, None, "src-isw-sitrep-2017-10-10"),
    e("SY050301", "saa", None, None, None, "src-isw-sitrep-2017-10-10"),
    e("SY050302", "saa", 0.5, None, B(HAMA_POCKET_CLEARED), "src-isw-sitrep-2017-10-10"),
    e("SY050302", "isis", 0.5, None, B(HAMA_POCKET_CLEARED), "src-isw-sitrep-2017-10-10", note="The Hama-Homs pocket"),
    e("SY050303", "saa", 0.8, None, B(HAMA_POCKET_CLEARED), "src-isw-sitrep-2017-10-10"),
    e("SY050303", "isis", 0.2, None, B(HAMA_POCKET_CLEARED), "src-isw-sitrep-2017-10-10"),
    e("SY050304", "saa", 0.45, None, B(HAMA_POCKET_CLEARED), "src-isw-sitrep-2017-10-10", *MAPS_SEP),
    e("SY050304", "isis", 0.55, None, B(HAMA_POCKET_CLEARED), "src-isw-sitrep-2017-10-10", *MAPS_SEP,
      note="The Uqayribat pocket, besieged by the army from August 2017"),
    *(
        e(t, "saa", None, HAMA_POCKET_CLEARED, None, "src-isw-sitrep-2017-10-10")
        for t in ("SY040600", "SY040601", "SY050302", "SY050303", "SY050304")
    ),
    # --- Latakia ---------------------------------------------------------------------
    e("SY060002", "saa", 0.7, "2016-03-01", None, "src-dw-rabia"),
    e("SY060002", "hts+fsa", 0.3, "2017-01-28", None, "src-almasdar-kabani"),
    e("SY060303", "saa", 0.6, "2016-03-01", None, "src-xinhua-kinsabba"),
    e("SY060303", "hts+fsa", 0.4, "2017-01-28", None, "src-almasdar-kabani"),
    # --- Idlib -----------------------------------------------------------------------
    e("SY070000", "hts+ahrar-sham+fsa", 0.95, HTS_FOUNDED, B(HTS_TAKES_IDLIB), "src-wiki-idlib-clashes", note=JOINT),
    e("SY070000", "hts+fsa", 0.95, "2017-07-23", None, "src-aljazeera-idlib"),
    e("SY070000", "saa", 0.05, None, None, "src-internazionale-four-towns", note="Al-Fu'ah and Kafraya"),
    *(
        entry
        for t in IDLIB
        for entry in (
            e(t, "hts+ahrar-sham+fsa", None, HTS_FOUNDED, B(HTS_TAKES_IDLIB), "src-wiki-idlib-clashes", note=JOINT),
            e(t, "hts+fsa", None, HTS_TAKES_IDLIB, None, "src-aljazeera-idlib", "src-wiki-idlib-clashes"),
        )
    ),
    e("SY070202", "hts+ahrar-sham+fsa", None, HTS_FOUNDED, B(HTS_TAKES_IDLIB), "src-wiki-idlib-clashes", note=JOINT),
    e("SY070202", "hts+fsa", None, "2017-07-23", "2017-12-24", "src-aljazeera-idlib"),
    e("SY070202", "hts+fsa", 0.85, "2017-12-25", None, *MAPS_DEC),
    e("SY070202", "saa", 0.15, "2017-12-25", None, *MAPS_DEC, note="The army's advance on Sinjar from the south-east"),
    # --- Hasakah ---------------------------------------------------------------------
    e("SY080000", "sdf", 0.97, "2015-10-12", None, "src-aawsat-hasaka"),
    e("SY080000", "saa", 0.03, None, None, "src-aawsat-hasaka", note="The government security zone in al-Hasakah"),
    e("SY080200", "sdf", 0.93, "2015-10-12", None, "src-aawsat-hasaka"),
    e("SY080200", "saa", 0.07, None, None, "src-aawsat-hasaka", note="Qamishli's security zone and airport"),
    e("SY080002", "sdf", 0.8, "2016-02-20", B(MARKADA), "src-tsi-2017-11-08"),
    e("SY080002", "isis", 0.2, None, B(MARKADA), "src-tsi-2017-11-08"),
    e("SY080002", "sdf", None, MARKADA, None, "src-tsi-2017-11-08"),
    e("SY080003", "sdf", 0.15, "2016-02-20", B(MARKADA), "src-tsi-2017-11-08"),
    e("SY080003", "isis", 0.85, None, B(MARKADA), "src-tsi-2017-11-08"),
    e("SY080003", "sdf", 0.75, MARKADA, B(IRAQ_BORDER), "src-tsi-2017-11-08"),
    e("SY080003", "isis", 0.25, MARKADA, B(IRAQ_BORDER), "src-tsi-2017-11-08", note="Al-Dashishah and the desert"),
    e("SY080003", "sdf", 0.85, IRAQ_BORDER, None, "src-aina-sdf-iraq-border"),
    e("SY080003", "isis", 0.15, IRAQ_BORDER, None, "src-aina-sdf-iraq-border"),
    # --- Deir ez-Zor -----------------------------------------------------------------
    e("SY090100", "saa", 0.12, None, B(DEZ_SIEGE_BROKEN), "src-reuters-dez-siege",
      note="The besieged government enclaves: western districts, the airport and the Panorama base"),
    e("SY090100", "isis", 0.88, None, B(DEZ_SIEGE_BROKEN), "src-reuters-dez-siege"),
    e("SY090100", "saa", 0.55, DEZ_SIEGE_BROKEN, B(DEZ_CITY), "src-reuters-dez-siege", "src-ap-euphrates-crossing"),
    e("SY090100", "isis", 0.45, DEZ_SIEGE_BROKEN, B(JAZIRA_STORM), "src-reuters-dez-siege"),
    e("SY090100", "isis", 0.35, JAZIRA_STORM, B(DEZ_CITY), "src-rudaw-jazira"),
    e("SY090100", "sdf", 0.1, JAZIRA_STORM, B(DEZ_CITY), "src-rudaw-jazira",
      note="The industrial zone north-east of the city"),
    e("SY090100", "saa", 0.7, DEZ_CITY, None, "src-tass-dez-city", "src-ap-dez-city"),
    e("SY090100", "sdf", 0.3, DEZ_CITY, None, "src-smm-sdf-oilfields", note="North-bank villages"),
    e("SY090101", "sdf", 0.3, "2017-03-01", B(JAZIRA_STORM), *MAPS_SEP,
      note="The northern strip along the Raqqa boundary"),
    e("SY090101", "isis", None, None, "2017-02-28", *MAPS_SEP),
    e("SY090101", "isis", 0.7, "2017-03-01", B(JAZIRA_STORM), *MAPS_SEP),
    e("SY090101", "sdf", 0.6, JAZIRA_STORM, "2017-09-30", "src-rudaw-jazira"),
    e("SY090101", "isis", 0.4, JAZIRA_STORM, "2017-09-30", "src-rudaw-jazira"),
    e("SY090101", "sdf", None, "2017-10-01", None, "src-rudaw-jazira", *MAPS_OCT),
    e("SY090102", "isis", None, None, B(JAZIRA_STORM), *MAPS_SEP),
    e("SY090102", "isis", 0.7, JAZIRA_STORM, B(AL_OMAR), "src-rudaw-jazira"),
    e("SY090102", "sdf", 0.3, JAZIRA_STORM, B(AL_OMAR), "src-rudaw-jazira"),
    e("SY090102", "isis", 0.3, AL_OMAR, B(IRAQ_BORDER), "src-smm-sdf-oilfields"),
    e("SY090102", "sdf", 0.7, AL_OMAR, B(IRAQ_BORDER), "src-smm-sdf-oilfields"),
    e("SY090102", "isis", 0.2, IRAQ_BORDER, None, "src-aina-sdf-iraq-border"),
    e("SY090102", "sdf", 0.8, IRAQ_BORDER, None, "src-aina-sdf-iraq-border"),
    e("SY090103", "isis", None, None, "2017-10-09", *MAPS_SEP),
    e("SY090103", "saa", 0.85, "2017-10-10", None, "src-reuters-mayadin", note="Mohasan and the south bank"),
    e("SY090103", "isis", 0.15, "2017-10-10", B(DEZ_CITY), "src-reuters-mayadin"),
    e("SY090103", "sdf", 0.15, DEZ_CITY, None, "src-smm-sdf-oilfields", note="East-bank villages opposite"),
    e("SY090104", "isis", None, None, B(DEZ_SIEGE_BROKEN), *MAPS_SEP),
    e("SY090104", "saa", 0.4, DEZ_SIEGE_BROKEN, "2017-09-30", "src-reuters-dez-siege"),
    e("SY090104", "isis", 0.6, DEZ_SIEGE_BROKEN, "2017-09-30", "src-reuters-dez-siege"),
    e("SY090104", "saa", None, "2017-10-01", None, *MAPS_OCT, note="The south bank between Maadan and Deir ez-Zor"),
    e("SY090105", "isis", None, None, B(JAZIRA_STORM), *MAPS_SEP),
    e("SY090105", "isis", 0.5, JAZIRA_STORM, "2017-09-17", "src-rudaw-jazira"),
    e("SY090105", "sdf", 0.5, JAZIRA_STORM, None, "src-rudaw-jazira", note="The Conoco gas field"),
    e("SY090105", "saa", 0.5, "2017-09-18", None, "src-ap-euphrates-crossing", note="The army's east-bank bridgehead"),
    e("SY090106", "isis", None, None, B(JAZIRA_STORM), *MAPS_SEP),
    e("SY090106", "isis", 0.5, JAZIRA_STORM, B(AL_OMAR), "src-rudaw-jazira"),
    e("SY090106", "sdf", 0.5, JAZIRA_STORM, B(AL_OMAR), "src-rudaw-jazira"),
    e("SY090106", "isis", 0.2, AL_OMAR, B(IRAQ_BORDER), "src-smm-sdf-oilfields"),
    e("SY090106", "sdf", 0.8, AL_OMAR, B(IRAQ_BORDER), "src-smm-sdf-oilfields"),
    e("SY090106", "sdf", 0.8, IRAQ_BORDER, None, "src-aina-sdf-iraq-border"),
    e("SY090106", "isis", 0.2, IRAQ_BORDER, None, "src-aina-sdf-iraq-border", *MAPS_DEC),
    e("SY090200", "isis", None, None, "2017-11-07", *MAPS_OCT),
    e("SY090200", "isis", 0.7, "2017-11-08", B(ABU_KAMAL), "src-reuters-abukamal-1108"),
    e("SY090200", "saa+hezbollah", 0.3, "2017-11-08", B(ABU_KAMAL), "src-reuters-abukamal-1108"),
    e("SY090200", "saa+hezbollah", 0.5, ABU_KAMAL, None, "src-reuters-abukamal-1119", *MAPS_DEC),
    e("SY090200", "isis", 0.5, ABU_KAMAL, None, "src-reuters-abukamal-1119", *MAPS_DEC,
      note="East-bank villages (al-Baghuz, al-Shafah) and the desert south of the river"),
    e("SY090201", "isis", None, None, None, "src-afp-hajin-2018", *MAPS_OCT, *MAPS_DEC,
      note="The Hajin pocket on the east bank, held by the Islamic State until December 2018"),
    e("SY090202", "isis", None, None, B(ABU_KAMAL), *MAPS_OCT),
    e("SY090202", "saa+hezbollah", 0.5, ABU_KAMAL, None, "src-reuters-abukamal-1119", *MAPS_DEC),
    e("SY090202", "isis", 0.5, ABU_KAMAL, None, *MAPS_DEC),
    e("SY090203", "isis", None, None, None, "src-afp-hajin-2018", note="Al-Susah, in the Hajin pocket"),
    e("SY090300", "isis", None, None, B(MAYADIN), *MAPS_SEP),
    e("SY090300", "saa", 0.7, MAYADIN, None, "src-reuters-mayadin"),
    e("SY090300", "isis", 0.3, MAYADIN, B(AL_OMAR), "src-reuters-mayadin"),
    e("SY090300", "isis", 0.2, AL_OMAR, None, *MAPS_OCT, *MAPS_DEC),
    e("SY090300", "sdf", 0.1, AL_OMAR, None, "src-smm-sdf-oilfields", note="The al-Tanak oil field"),
    e("SY090301", "isis", None, None, B(AL_OMAR), *MAPS_SEP),
    e("SY090301", "sdf", 0.4, AL_OMAR, None, "src-smm-sdf-oilfields", note="The al-Omar oil field"),
    e("SY090301", "isis", 0.6, AL_OMAR, None, "src-smm-sdf-oilfields", *MAPS_DEC),
    e("SY090302", "isis", None, None, B(ABU_KAMAL), *MAPS_OCT),
    e("SY090302", "saa+hezbollah", 0.5, ABU_KAMAL, None, "src-reuters-abukamal-1119", *MAPS_DEC,
      note="Al-Asharah and al-Quriyah on the south bank"),
    e("SY090302", "isis", 0.5, ABU_KAMAL, None, *MAPS_DEC),
    # --- Raqqa -----------------------------------------------------------------------
    e("SY110100", "sdf", 0.6, "2016-11-06", "2017-06-05", "src-wiki-raqqa-battle", note="The northern countryside"),
    e("SY110100", "isis", 0.4, None, "2017-06-05", "src-wiki-raqqa-battle"),
    e("SY110100", "sdf", 0.9, "2017-06-06", B(RAQQA), "src-wiki-raqqa-battle"),
    e("SY110100", "isis", 0.1, "2017-06-06", B(RAQQA), "src-wiki-raqqa-battle", note="Raqqa city, under assault"),
    e("SY110100", "sdf", None, RAQQA, None, "src-huffpost-raqqa"),
    e("SY110101", "sdf", 0.25, "2017-06-06", None, "src-wiki-raqqa-battle"),
    e("SY110101", "isis", None, None, "2017-06-05", "src-wiki-raqqa-battle"),
    e("SY110101", "isis", 0.75, "2017-06-06", "2017-08-13", "src-xinhua-raqqa-south"),
    e("SY110101", "saa", 0.5, "2017-08-14", "2017-09-30", "src-xinhua-raqqa-south"),
    e("SY110101", "isis", 0.25, "2017-08-14", "2017-09-30", "src-xinhua-raqqa-south", *MAPS_SEP,
      note="The Islamic State's pocket south of Raqqa city"),
    e("SY110101", "saa", 0.75, "2017-10-01", None, *MAPS_OCT),
    e("SY110102", "isis", None, None, "2017-05-31", "src-wiki-raqqa-battle"),
    e("SY110102", "sdf", None, "2017-06-01", None, "src-wiki-raqqa-battle"),
    e("SY110103", "isis", None, None, "2017-09-09", "src-xinhua-raqqa-south"),
    e("SY110103", "saa", None, "2017-09-10", None, "src-xinhua-raqqa-south", *MAPS_SEP),
    e("SY110301", "isis", None, None, "2017-06-03", "src-wiki-raqqa-battle"),
    e("SY110301", "isis", 0.65, "2017-06-04", "2017-06-18", "src-wiki-raqqa-battle"),
    e("SY110301", "sdf", 0.35, "2017-06-04", None, "src-wiki-raqqa-battle", note="Al-Mansurah and the south bank"),
    e("SY110301", "saa", 0.65, "2017-06-19", None, *MAPS_SEP, note="Al-Rusafa and the desert south of the river"),
    e("SY110302", "isis", None, None, "2017-03-21", "src-kurdpress-tabqa"),
    e("SY110302", "sdf", 0.5, "2017-03-22", "2017-05-09", "src-kurdpress-tabqa", note="The Tabqa landing"),
    e("SY110302", "isis", 0.5, "2017-03-22", "2017-05-09", "src-kurdpress-tabqa"),
    e("SY110302", "isis", 0.3, "2017-05-10", "2017-06-18", "src-kurdpress-tabqa"),
    e("SY110302", "sdf", 0.7, "2017-05-10", None, "src-kurdpress-tabqa", note="The north bank west of Tabqa"),
    e("SY110302", "saa", 0.3, "2017-06-19", None, *MAPS_SEP, note="Dibsi Afnan and the south bank"),
    # --- Daraa and Quneitra ----------------------------------------------------------
    e("SY120000", "saa", 0.4, None, None, "src-syriadirect-daraa"),
    e("SY120000", "southern-front", 0.6, None, None, "src-syriadirect-daraa"),
    e("SY120002", "saa", None, None, None, "src-syriadirect-daraa"),
    e("SY120004", "southern-front", None, None, None, "src-syriadirect-daraa"),
    e("SY120005", "southern-front", None, None, None, "src-syriadirect-daraa"),
    e("SY120007", "southern-front", 0.8, None, None, "src-syriadirect-daraa"),
    e("SY120007", "saa", 0.2, None, None, "src-syriadirect-daraa"),
    e("SY120200", "saa", 0.85, None, None, "src-syriadirect-daraa"),
    e("SY120200", "southern-front", 0.15, None, None, "src-syriadirect-daraa"),
    e("SY120201", "saa", 0.5, None, None, "src-syriadirect-daraa"),
    e("SY120201", "southern-front", 0.5, None, None, "src-syriadirect-daraa", note="The Lajat"),
    e("SY120202", "saa", 0.8, None, None, "src-syriadirect-daraa"),
    e("SY120202", "southern-front", 0.2, None, None, "src-syriadirect-daraa"),
    e("SY120300", "saa", 0.6, None, None, "src-syriadirect-daraa"),
    e("SY120300", "southern-front", 0.4, None, None, "src-syriadirect-daraa", note="The western Lajat"),
    e("SY120301", "southern-front", None, None, None, "src-syriadirect-daraa"),
    e("SY120302", "southern-front", None, None, None, "src-syriadirect-daraa"),
    e("SY120303", "southern-front", None, None, None, "src-syriadirect-daraa"),
    e("SY140000", "southern-front", 0.6, None, None, "src-syriadirect-daraa"),
    e("SY140000", "saa", 0.1, None, None, "src-syriadirect-daraa"),
    e("SY140000", "il", 0.3, "1967-06-10", None, "src-un-undof", note="West of the 1974 line"),
    e("SY140001", "saa", 0.5, None, None, "src-itic-2017-11-08", note="Khan Arnaba, Baath city and Hader"),
    e("SY140001", "hts+southern-front", 0.5, "2017-01-28", None, "src-itic-2017-11-08"),
    e("SY140002", "southern-front", 0.6, None, None, "src-syriadirect-daraa"),
    e("SY140002", "saa", 0.1, None, None, "src-syriadirect-daraa"),
    e("SY140002", "il", 0.3, "1967-06-10", None, "src-un-undof", note="West of the 1974 line"),
    *(
        e(t, "il", None, "1967-06-10", None, "src-un-undof", note="Occupied by Israel since 1967", basis="reported")
        for t in ("SY140003", "SY140200", "SY140201")
    ),
)
# fmt: on

OWNED: frozenset[str] = frozenset(entry.territory for entry in ENTRIES)
"""Territories whose every control record comes from this module."""


def record_id(entry: Entry) -> str:
    """A stable id: territory, controllers and start."""
    who = entry.controllers.replace("+", "-")
    return f"ctl-{entry.territory.lower()}-{who}-{entry.start or 'open'}"


def records() -> list[dict[str, Any]]:
    """The entries as control records in the scenario's JSON form."""
    out = []
    for entry in ENTRIES:
        period = {k: v for k, v in (("start", entry.start), ("end", entry.end)) if v is not None}
        record: dict[str, Any] = {
            "id": record_id(entry),
            "territory": entry.territory,
            "controllers": entry.controllers.split("+"),
            "period": period,
            "sources": sorted(set(entry.sources)),
        }
        if entry.fraction is None:
            record["basis"] = entry.basis
            if entry.note:
                record["note"] = entry.note
        else:
            record["status"] = "partial"
            record["basis"] = entry.basis
            record["portion"] = {
                "fraction": entry.fraction,
                "basis": entry.basis,
                "note": entry.note or MODELLED,
                "sources": sorted(set(entry.sources)),
            }
        out.append(record)
    return out
