"""The questions a reader of late-2017 reporting on Syria asks, answered from the bundled
scenario (``cm.syria_2017()``, as of 30 November 2017): who guarantees the zones, who
holds what, who bombed inside a zone, who is aligned with whom, how divided the country
is."""

import datetime as dt

import pytest

import conflictmodel as cm

K = cm.ControlKind
AS_OF = "2017-11-30"
ZONES = ("zone-idlib", "zone-north-homs", "sy-ghouta", "zone-south")


@pytest.fixture(scope="module")
def syria() -> cm.Scenario:
    return cm.syria_2017()


def test_the_scenario_describes_the_end_of_november_2017(syria: cm.Scenario) -> None:
    assert cm.PartialDate(2017, 11, 30) == syria.meta.as_of


# --- who guarantees the zones -----------------------------------------------------


@pytest.mark.parametrize("zone", ZONES)
def test_the_astana_memorandum_is_in_force_in_every_de_escalation_zone(syria: cm.Scenario, zone: str) -> None:
    found = {a.agreement: a for a in syria.agreements_in_force(AS_OF, covering=zone)}
    assert found["astana-mou"].certain
    assert (zone,) == found["astana-mou"].via


def test_russia_turkey_and_iran_guarantee_the_memorandum(syria: cm.Scenario) -> None:
    guarantors = syria.actors_of("astana-mou", AS_OF, role=cm.Role.GUARANTOR)
    assert [("ir", True), ("ru", True), ("tr", True)] == [(t.actor, t.certain) for t in guarantors]


def test_the_un_observes_the_memorandum_without_guaranteeing_it(syria: cm.Scenario) -> None:
    roles = {t.actor for t in syria.actors_of("astana-mou", AS_OF)}
    assert "un" in roles
    assert "un" not in {t.actor for t in syria.actors_of("astana-mou", AS_OF, role=cm.Role.GUARANTOR)}


def test_douma_lies_under_the_ghouta_arrangements_that_russia_guarantees(syria: cm.Scenario) -> None:
    found = syria.agreements_in_force(AS_OF, covering="city-douma")
    assert {"astana-mou", "ag-eg-cairo", "ag-eg-faylaq"} <= {a.agreement for a in found}
    for agreement in ("ag-eg-cairo", "ag-eg-faylaq"):
        assert ["ru"] == [t.actor for t in syria.actors_of(agreement, AS_OF, role=cm.Role.GUARANTOR)]


def test_the_south_west_ceasefire_is_guaranteed_by_russia_and_the_united_states(syria: cm.Scenario) -> None:
    found = {a.agreement for a in syria.agreements_in_force(AS_OF, covering="sy-daraa")}
    assert "ag-sw-ceasefire" in found
    assert ["ru", "us"] == [t.actor for t in syria.actors_of("ag-sw-ceasefire", AS_OF, role=cm.Role.GUARANTOR)]
    assert "jo" in {t.actor for t in syria.actors_of("ag-sw-ceasefire", AS_OF, role=cm.Role.MONITOR)}


# --- who bombed inside a zone -----------------------------------------------------


def test_the_regime_bombed_eastern_ghouta_inside_the_zone(syria: cm.Scenario) -> None:
    found = syria.violations_of("astana-mou", by="anyone")
    in_ghouta = [c for c in found.derived if c.territory == "sy-ghouta"]
    assert {"ev-2017-11-14-ghouta-bombardment", "ev-2017-11-26-ghouta-strikes", "ev-2017-11-27-ghouta-strikes"} <= {
        c.event for c in in_ghouta
    }
    for candidate in in_ghouta:
        assert ("saa",) == candidate.actors
        assert candidate.certain
        # the regime's side is backed by two of the memorandum's guarantors
        assert ("ir", "ru") == candidate.guarantors
        assert ("vio-eg-bombardment-2017-11",) == candidate.recorded


def test_the_stored_violation_names_the_government(syria: cm.Scenario) -> None:
    (recorded,) = syria.violations_of("astana-mou").recorded
    assert ("vio-eg-bombardment-2017-11", "sy-gov") == (recorded.id, recorded.violator)
    assert {"ev-2017-11-14-ghouta-bombardment"} <= recorded.events


def test_the_government_is_bound_by_the_memorandum(syria: cm.Scenario) -> None:
    # The memorandum binds the government and the armed opposition groups that joined the
    # ceasefire; its three guarantors signed it.
    parties = {t.actor for t in syria.actors_of("astana-mou", AS_OF, role=cm.Role.PARTY)}
    assert {"fsa", "sy-gov"} == parties
    assert "sy-gov" not in {t.actor for t in syria.actors_of("astana-mou", AS_OF, role=cm.Role.SIGNATORY)}


# --- who holds what ------------------------------------------------------------------


def periods(
    syria: cm.Scenario, territory: str
) -> list[tuple[dt.date | None, dt.date | None, str, tuple[str, ...], tuple[str, ...]]]:
    return [
        (p.start, p.end, p.state.kind.value, p.state.controllers, p.state.opponents) for p in syria.timeline(territory)
    ]


def test_raqqa_fell_to_the_sdf_in_october(syria: cm.Scenario) -> None:
    assert [
        (None, dt.date(2017, 6, 5), "held", ("isis",), ()),
        (dt.date(2017, 6, 6), dt.date(2017, 10, 16), "contested", ("isis",), ("cjtf-oir", "sdf")),
        (dt.date(2017, 10, 17), None, "held", ("sdf",), ()),
    ] == periods(syria, "city-raqqa")
    assert (K.HELD, ("sdf",), ()) == syria.controllers_on("city-raqqa", AS_OF).answer()


def test_the_siege_of_deir_ez_zor_was_broken_and_the_city_taken(syria: cm.Scenario) -> None:
    assert [
        (None, dt.date(2017, 9, 4), "besieged", ("saa",), ("isis",)),
        (dt.date(2017, 9, 5), dt.date(2017, 11, 2), "contested", ("saa",), ("isis",)),
        (dt.date(2017, 11, 3), None, "held", ("saa",), ()),
    ] == periods(syria, "city-deirezzor")


def test_abu_kamal_is_held_jointly_by_the_regime_and_hezbollah(syria: cm.Scenario) -> None:
    state = syria.controllers_on("city-abukamal", AS_OF)
    assert (K.JOINT, ("hezbollah", "saa"), ()) == state.answer()
    assert (K.CONTESTED, ("hezbollah", "saa"), ("isis",)) == syria.controllers_on(
        "city-abukamal", "2017-11-10"
    ).answer()


@pytest.mark.parametrize(
    ("city", "expected"),
    [
        ("city-aleppo", (K.HELD, ("saa",), ())),
        ("city-idlib", (K.HELD, ("hts",), ())),
        ("city-manbij", (K.HELD, ("sdf",), ())),
        ("city-jarabulus", (K.JOINT, ("fsa-es", "tsk"), ())),
        ("city-palmyra", (K.JOINT, ("hezbollah", "saa"), ())),
    ],
)
def test_who_holds_the_cities(syria: cm.Scenario, city: str, expected: object) -> None:
    assert expected == syria.controllers_on(city, AS_OF).answer()


def test_hts_took_idlib_city_from_its_partners_in_july(syria: cm.Scenario) -> None:
    assert (K.JOINT, ("ahrar-sham", "hts"), ()) == syria.controllers_on("city-idlib", "2017-05-01").answer()
    assert (K.HELD, ("hts",), ()) == syria.controllers_on("city-idlib", "2017-07-23").answer()


def test_douma_is_besieged_by_the_army(syria: cm.Scenario) -> None:
    # Douma takes the state of its sub-district, whose siege is recorded as held since
    # before the records (an open start), so it is certain on 30 November.
    state = syria.controllers_on("city-douma", AS_OF)
    assert (K.BESIEGED, ("jaysh-islam",), ("saa",)) == state.answer()
    assert "SY030200" == state.inherited_from
    assert [(None, None, "besieged", ("jaysh-islam",), ("saa",))] == periods(syria, "city-douma")


def test_the_idlib_zone_is_partly_held_by_hts(syria: cm.Scenario) -> None:
    # The zone's parts are held by HTS and the other factions, Ahrar al-Sham in the Ghab,
    # and in part by the government (the edges of the Latakia, Hama and Aleppo sub-districts).
    state = syria.controllers_on("zone-idlib", AS_OF)
    assert (K.DIVIDED, ("ahrar-sham", "fsa", "hts", "saa"), ()) == state.answer()
    assert state.derived
    assert "sy-idlib" in state.parts
    assert (K.JOINT, ("fsa", "hts"), ()) == syria.controllers_on("SY0703", AS_OF).answer()


# --- who is aligned with whom -----------------------------------------------------------


@pytest.fixture(scope="module")
def camps(syria: cm.Scenario) -> dict[str, cm.Camp]:
    return {member: camp for camp in syria.camps(AS_OF) for member in camp.members}


def test_the_regime_camp(camps: dict[str, cm.Camp]) -> None:
    regime = camps["sy-gov"]
    assert {"sy-gov", "sy-state", "saa", "ru", "rus-af", "ir", "irgc", "hezbollah"} <= set(regime.members)
    assert {"hts", "isis", "jaysh-islam"} <= set(regime.enemies)


def test_turkey_is_in_neither_the_regime_camp_nor_with_its_nato_ally(camps: dict[str, cm.Camp]) -> None:
    # Turkey and its factions fight the YPG and the SDF, whom the United States arms and
    # fights beside: that outweighs the defence pact, which is left as a bridge
    assert camps["tr"] is not camps["ru"]
    assert camps["tr"] is not camps["us"]
    assert camps["tr"] is camps["tsk"] is camps["fsa-es"]
    assert "al-nato" in camps["us"].bridges


def test_the_us_is_in_the_camp_of_the_kurdish_led_forces_it_backs(camps: dict[str, cm.Camp]) -> None:
    assert camps["sdf"] is camps["us"] is camps["ypg"] is camps["cjtf-oir"]
    assert "sup-usa-sdf" in camps["us"].ties
    assert "tr" in camps["sdf"].enemies


def test_the_islamic_state_stands_alone(camps: dict[str, cm.Camp]) -> None:
    assert ("isis",) == camps["isis"].members
    assert {"ru", "sy-gov", "sdf", "us"} <= set(camps["isis"].enemies)


def test_who_backs_the_government(syria: cm.Scenario) -> None:
    backers = {t.actor: t for t in syria.supporters_of("sy-gov", AS_OF)}
    assert {"ru", "ir", "hezbollah"} <= set(backers)
    assert cm.SupportKind.AIR_SUPPORT in backers["ru"].kinds
    assert not backers["ru"].alleged


def test_the_astana_guarantors_are_allies_only_in_their_format(syria: cm.Scenario) -> None:
    assert [("ir", ("al-astana",)), ("tr", ("al-astana",))] == [(t.actor, t.via) for t in syria.allies_of("ru", AS_OF)]
    assert [] == [t.actor for t in syria.allies_of("ru", AS_OF, kinds=[cm.AllianceKind.DEFENCE_PACT])]


# --- how divided the country is -----------------------------------------------------


def test_the_soft_partition_of_syria(syria: cm.Scenario) -> None:
    p = syria.partition("2017-12-31", within="sy", weight="count")
    assert "sy-gov" == p.government  # inferred from the country's ISO code
    assert p.effective_controllers is not None
    assert p.effective_controllers > 3  # a many-coloured map, not a two-sided war
    assert abs(1 - sum(s.share for s in p.shares) - p.unrecorded - p.ambiguous - p.undetermined) < 1e-9
    largest = p.shares[0]
    assert ("saa",) == largest.controllers
    assert p.government_share is not None
    assert p.government_share > largest.share  # the regime also holds jointly with Hezbollah


def test_the_government_holds_the_largest_share_of_syria(syria: cm.Scenario) -> None:
    p = syria.partition(AS_OF, within="sy")  # by area
    assert "sy-gov" == p.government
    assert p.unrecorded < 0.01  # every sub-district is recorded, the occupied Golan as Israel's
    assert [("saa",), ("sdf",)] == [s.controllers for s in p.shares[:2]]
    assert p.government_share is not None
    assert 0.3 < p.government_share < 0.6  # the army alone and jointly with Hezbollah
    others = [share for actor, share in p.by_actor.items() if actor not in ("saa", "hezbollah", "sdf")]
    assert p.share_of("saa") > p.share_of("sdf") > max(others)
    assert p.effective_controllers is not None
    assert 2 < p.effective_controllers < 4  # two large blocs and many small ones


@pytest.mark.parametrize(
    ("territory", "expected"),
    [
        ("sy-tartus", (K.HELD, ("saa",), ())),
        ("sy-sweida", (K.HELD, ("saa",), ())),
        ("SY0803", (K.HELD, ("sdf",), ())),  # al-Malikiyah, in the Kurdish-held north-east
        ("SY0208", (K.JOINT, ("fsa-es", "tsk"), ())),  # Jarabulus, in the Euphrates Shield area
        ("zone-tanf", (K.JOINT, ("cjtf-oir", "maghawir-thawra"), ())),
        ("sy-raqqa", (K.PARTIAL, ("saa", "sdf"), ())),  # the SDF north of the river, the army in the south
    ],
)
def test_who_holds_the_governorates_and_districts(syria: cm.Scenario, territory: str, expected: object) -> None:
    assert expected == syria.controllers_on(territory, AS_OF).answer()


def test_the_army_took_the_last_of_the_sweida_desert_by_october(syria: cm.Scenario) -> None:
    # Its eastern desert was split with the opposition factions until they withdrew in September.
    assert [
        (None, dt.date(2017, 9, 30), "divided", ("saa", "usud-sharqiya"), ()),
        (dt.date(2017, 10, 1), None, "held", ("saa",), ()),
    ] == periods(syria, "sy-sweida")
