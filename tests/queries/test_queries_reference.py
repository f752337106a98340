"""The indexed queries against brute-force reference implementations (plain scans of
the records, written from the documented rules), on many random small scenarios.

The scenarios come from a small private strategy: a territory tree with zones, actors
with a hierarchy and lifetimes, and every kind of dated record over a few years, with
dates known to the day, the month or the year.
"""

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

import conflictmodel as cm
from conflictmodel._queries._control_state import state_from_records

K = cm.ControlKind
FULL, PARTIAL = cm.ControlStatus.FULL, cm.ControlStatus.PARTIAL
CONTESTED, BESIEGED = cm.ControlStatus.CONTESTED, cm.ControlStatus.BESIEGED

DATES = [
    "2016",
    "2016-12",
    "2016-12-31",
    "2017",
    "2017-01",
    "2017-01-01",
    "2017-03",
    "2017-03-14",
    "2017-03-15",
    "2018",
]
DAYS = [dt.date(2016, 6, 1), dt.date(2016, 12, 31), dt.date(2017, 1, 1), dt.date(2017, 3, 14), dt.date(2017, 3, 20)]
DAYS += [dt.date(2017, 12, 31), dt.date(2018, 6, 1)]
ACTORS = ["a0", "a1", "a2", "a3", "a4", "a5"]


# --- a private strategy of small scenarios ------------------------------------------


def _period(start: str | None, end: str | None) -> cm.Period | None:
    try:
        return cm.Period.from_text(start, end)
    except cm.FieldError:
        return None


_BOUNDS = [None, *DATES]
PERIODS = [p for s in _BOUNDS for e in _BOUNDS if (p := _period(s, e)) is not None]
STARTED = [p for p in PERIODS if p.start is not None]


def periods(*, open_start: bool = True) -> st.SearchStrategy[cm.Period]:
    """Periods over the dates above, open or not, simplest (fully open) first."""
    return st.sampled_from(PERIODS if open_start else STARTED)


def _subsets(pool: Sequence[str], low: int, high: int) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(pool), min_size=low, max_size=high, unique=True)


# Strategies are built once: building them inside each draw dominates generation time.
MAYBE_PERIOD = st.none() | periods()
ACTOR = st.sampled_from(ACTORS)
HOLDERS = _subsets(ACTORS, 1, 2)
SIDE = _subsets(ACTORS, 1, 2)
PARTIES = _subsets(ACTORS, 0, 3)
MEMBERS = st.lists(ACTOR, max_size=4)
FOUR = st.integers(0, 3)
AREA = st.none() | st.integers(1, 100).map(float)
STATUS = st.sampled_from([FULL, FULL, PARTIAL, CONTESTED, BESIEGED])
PORTION = st.none() | st.sampled_from([0.25, 0.5, 0.75, 1.0]).map(lambda f: cm.Portion(fraction=f))
INTENSITY = st.none() | st.sampled_from(list(cm.Intensity))
SUPPORT_KINDS = st.lists(st.sampled_from(list(cm.SupportKind)), min_size=1, max_size=2).map(frozenset)
BOUND_ROLES = {cm.Role.PARTY, cm.Role.SIGNATORY, cm.Role.GUARANTOR}
ROLES = (
    st.lists(st.sampled_from(list(cm.Role)), min_size=1, max_size=2)
    .map(frozenset)
    .filter(lambda roles: cm.Role.EXCLUDED not in roles or not roles & BOUND_ROLES)
)
EVENT_KIND = st.sampled_from([cm.EventKind.BATTLE, cm.EventKind.AIR_STRIKE, cm.EventKind.MEETING])
EVENT_ROLE = st.sampled_from(list(cm.EventRole))
PARENTS = [st.none(), *(st.none() | st.sampled_from(ACTORS[:i]) for i in range(1, len(ACTORS)))]
TERRITORY_NAMES = ["r", *(f"t{i}" for i in range(6))]
TERRITORY_PARENTS = [st.sampled_from(TERRITORY_NAMES[:i]) for i in range(1, len(TERRITORY_NAMES))]


@st.composite
def scenarios(draw: st.DrawFn) -> cm.Scenario:
    actors = []
    for i, aid in enumerate(ACTORS):
        kind = cm.ActorKind.GOVERNMENT if aid == "a0" else cm.ActorKind.ARMED_GROUP
        parent, active = draw(PARENTS[i]), draw(MAYBE_PERIOD)
        actors.append(cm.Actor(id=aid, name=aid, kind=kind, parent=parent, active=active, country="SYR"))
    names = TERRITORY_NAMES[: draw(st.integers(2, len(TERRITORY_NAMES)))]
    territories = [
        cm.Territory(id="r", name="r", kind=cm.TerritoryKind.COUNTRY, area_km2=draw(AREA), external_ids={"iso3": "SYR"})
    ]
    for i, tid in enumerate(names[1:], start=1):
        parent = draw(TERRITORY_PARENTS[i - 1])
        territories.append(
            cm.Territory(id=tid, name=tid, kind=cm.TerritoryKind.ADMIN2, parent=parent, area_km2=draw(AREA))
        )
    inner = _subsets(names[1:], 1, 3)
    for j in range(draw(st.integers(0, 2))):
        components = frozenset(draw(inner))
        territories.append(cm.Territory(id=f"z{j}", name="zone", kind=cm.TerritoryKind.ZONE, components=components))
    places = [t.id for t in territories]
    place = st.sampled_from(places)
    controls = []
    for i in range(draw(st.integers(0, 8))):
        status, holders = draw(STATUS), draw(HOLDERS)
        others = [a for a in ACTORS if a not in holders]  # at least four
        opponents = frozenset({others[draw(FOUR)]})
        controls.append(
            cm.Control(
                id=f"c{i}",
                territory=draw(place),
                controllers=tuple(holders),
                period=draw(periods()),
                status=status,
                opponents=opponents if status in (CONTESTED, BESIEGED) else frozenset(),
                portion=draw(PORTION) if status is PARTIAL else None,
            )
        )
    alliances = [
        cm.Alliance(
            id=f"al{i}",
            name="alliance",
            kind=draw(st.sampled_from(list(cm.AllianceKind))),
            period=draw(MAYBE_PERIOD),
            members=tuple(cm.Membership(actor=a, period=draw(MAYBE_PERIOD)) for a in draw(MEMBERS)),
        )
        for i in range(draw(st.integers(0, 2)))
    ]
    supports = [
        cm.Support(
            id=f"s{i}",
            supporter=draw(ACTOR),
            recipient=draw(ACTOR),
            kinds=draw(SUPPORT_KINDS),
            period=draw(MAYBE_PERIOD),
            alleged=draw(st.booleans()),
        )
        for i in range(draw(st.integers(0, 4)))
    ]
    hostilities = [
        cm.Hostility(
            id=f"h{i}",
            side_a=tuple(draw(SIDE)),
            side_b=tuple(draw(SIDE)),
            period=draw(MAYBE_PERIOD),
            intensity=draw(INTENSITY),
        )
        for i in range(draw(st.integers(0, 3)))
    ]
    covers = _subsets(places, 0, 2)
    agreements = [
        cm.Agreement(
            id=f"g{i}",
            name="agreement",
            kind=cm.AgreementKind.CEASEFIRE,
            in_force=draw(MAYBE_PERIOD),
            covers=frozenset(draw(covers)),
            actors=tuple(cm.AgreementActor(actor=a, roles=draw(ROLES)) for a in draw(PARTIES)),
        )
        for i in range(draw(st.integers(0, 2)))
    ]
    maybe_place = st.none() | place
    events = [
        cm.Event(
            id=f"e{i}",
            kind=draw(EVENT_KIND),
            date=draw(periods(open_start=False)),
            location=draw(maybe_place),
            actors=tuple(cm.EventActor(actor=a, role=draw(EVENT_ROLE)) for a in draw(PARTIES)),
        )
        for i in range(draw(st.integers(0, 5)))
    ]
    violations = [
        cm.Violation(
            id=f"v{i}",
            agreement=g.id,
            violator="a1",
            date=cm.PartialDate(2017),
            events=frozenset(e.id for e in events[:1]),
        )
        for i, g in enumerate(agreements[:1])
    ]
    return cm.Scenario(
        meta=cm.Meta(title="random"),
        actors=tuple(actors),
        territories=tuple(territories),
        controls=tuple(controls),
        alliances=tuple(alliances),
        supports=tuple(supports),
        hostilities=tuple(hostilities),
        agreements=tuple(agreements),
        events=tuple(events),
        violations=tuple(violations),
    )


# --- reference: control ---------------------------------------------------------------

Answer = tuple[cm.ControlKind, tuple[str, ...], tuple[str, ...]]


def union(groups: Iterable[Iterable[str]]) -> tuple[str, ...]:
    return tuple(sorted({item for group in groups for item in group}))


def records_answer(records: Sequence[cm.Control]) -> Answer:
    """Who holds a territory by records that all cover the day (docs/queries.md)."""
    if not records:
        return (K.UNRECORDED, (), ())
    exclusive = [r for r in records if r.status is not PARTIAL]
    partial = [r for r in records if r.status is PARTIAL]
    if not exclusive:
        return (K.PARTIAL, union(r.controllers for r in partial), ())
    opponents = union(r.opponents for r in exclusive)
    sets = {frozenset(r.controllers) for r in exclusive}
    if len(sets) > 1 or any(not set(p.controllers) <= set(exclusive[0].controllers) for p in partial):
        return (K.CONFLICTING, union(r.controllers for r in records), opponents)
    holders = tuple(sorted(exclusive[0].controllers))
    statuses = {r.status for r in exclusive}
    if BESIEGED in statuses:
        return (K.BESIEGED, holders, opponents)
    if CONTESTED in statuses:
        return (K.CONTESTED, holders, opponents)
    return (K.HELD if len(holders) == 1 else K.JOINT, holders, opponents)


def own_answer(scenario: cm.Scenario, territory: str, day: dt.date) -> Answer:
    """Every reading of the uncertain records, one by one (exponential, as a reference)."""
    mine = [c for c in scenario.controls if c.territory == territory]
    certain = [c for c in mine if c.period.certainly_contains(day)]
    uncertain = [c for c in mine if c.period.possibly_contains(day) and not c.period.certainly_contains(day)]
    return readings_answer(certain, uncertain)


def readings_answer(certain: list[cm.Control], uncertain: list[cm.Control]) -> Answer:
    """The answer of the certain records if every reading of the uncertain ones agrees."""
    base = records_answer(certain)
    if base[0] is K.CONFLICTING:
        return base
    readings = {
        records_answer(certain + list(chosen))
        for size in range(len(uncertain) + 1)
        for chosen in itertools.combinations(uncertain, size)
    }
    if len(readings) == 1:
        return base
    everything = certain + uncertain
    return (K.AMBIGUOUS, union(r.controllers for r in everything), union(r.opponents for r in everything))


def parts_of(scenario: cm.Scenario, territory: str) -> list[str]:
    children = {t.id for t in scenario.territories if t.parent == territory}
    components = {c for t in scenario.territories if t.id == territory for c in t.components}
    return sorted(children | components)


def combine(answers: list[Answer]) -> Answer:  # noqa: PLR0911 - the documented cases, one by one
    recorded = [a for a in answers if a[0] is not K.UNRECORDED]
    if not recorded:
        return (K.UNRECORDED, (), ())
    controllers, opponents = union(a[1] for a in recorded), union(a[2] for a in recorded)
    kinds = {a[0] for a in recorded}
    if K.CONFLICTING in kinds:
        return (K.CONFLICTING, controllers, opponents)
    if K.AMBIGUOUS in kinds:
        return (K.AMBIGUOUS, controllers, opponents)
    if len({a[1] for a in recorded}) > 1 or K.DIVIDED in kinds:
        return (K.DIVIDED, controllers, opponents)
    if len(recorded) < len(answers) or K.PARTIAL in kinds:
        return (K.PARTIAL, controllers, opponents)
    if len(kinds) == 1:
        return (kinds.pop(), controllers, opponents)
    return (K.CONTESTED, controllers, opponents)


INHERITED = {K.HELD, K.JOINT, K.CONTESTED, K.BESIEGED, K.AMBIGUOUS, K.CONFLICTING}


def inherited_answer(scenario: cm.Scenario, territory: str, day: dt.date) -> tuple[Answer, str] | None:
    by_id = {t.id: t for t in scenario.territories}
    parent = by_id[territory].parent
    while parent is not None:
        found = own_answer(scenario, parent, day)
        if found[0] in INHERITED:
            return found, parent
        parent = by_id[parent].parent
    return None


def full_answer(scenario: cm.Scenario, territory: str, day: dt.date) -> tuple[Answer, tuple[str, ...], str | None]:
    """Own records, else parts, else the enclosing holder (no cycles in these scenarios)."""
    own = own_answer(scenario, territory, day)
    if own[0] is not K.UNRECORDED:
        return own, (), None
    parts = parts_of(scenario, territory)
    derived = combine([full_answer(scenario, p, day)[0] for p in parts]) if parts else own
    if derived[0] is not K.UNRECORDED:
        return derived, tuple(parts), None
    inherited = inherited_answer(scenario, territory, day)
    if inherited is not None:
        return inherited[0], (), inherited[1]
    return derived, tuple(parts), None


@given(scenarios())
def test_controllers_on_agrees_with_the_reference(scenario: cm.Scenario) -> None:
    for territory in scenario.territories:
        for day in DAYS:
            state = scenario.controllers_on(territory.id, day)
            assert full_answer(scenario, territory.id, day) == (state.answer(), state.parts, state.inherited_from)


@given(scenarios())
def test_control_records_named_in_the_state_are_those_covering_the_day(scenario: cm.Scenario) -> None:
    for territory in scenario.territories:
        for day in DAYS:
            state = scenario.controllers_on(territory.id, day)
            if state.derived or state.kind is K.UNRECORDED:
                continue
            where = state.inherited_from or territory.id
            mine = [c for c in scenario.controls if c.territory == where]
            assert tuple(sorted(c.id for c in mine if c.period.certainly_contains(day))) == state.records
            uncertain = [c.id for c in mine if c.period.possibly_contains(day) and not c.period.certainly_contains(day)]
            assert tuple(sorted(uncertain)) == state.uncertain


@given(scenarios(), st.data())
def test_many_questions_at_once_agree_with_the_reference_in_any_order(scenario: cm.Scenario, data: Any) -> None:
    every = [(t.id, day) for t in scenario.territories for day in DAYS]
    asked = data.draw(st.permutations(every) | st.lists(st.sampled_from(every), max_size=2 * len(every)))
    asked = [(t, day.isoformat() if data.draw(st.booleans()) else day) for t, day in asked]  # either form
    many = attrs.evolve(scenario).controllers_on_many(asked)  # a fresh scenario: the first call, nothing cached
    assert len(asked) == len(many)
    for (territory, day), state in zip(asked, many, strict=True):
        assert scenario.controllers_on(territory, day) == state
        on = dt.date.fromisoformat(day) if isinstance(day, str) else day
        assert full_answer(scenario, territory, on) == (state.answer(), state.parts, state.inherited_from)


# a small world, so that records often agree on some of controllers, opponents and status
KINDS = [
    (status, holders, opponents if status in {CONTESTED, BESIEGED} else frozenset())
    for status in (FULL, PARTIAL, CONTESTED, BESIEGED)
    for holders in (("a0",), ("a1",), ("a1", "a0"))
    for opponents in (frozenset({"a2"}), frozenset({"a3"}), frozenset({"a2", "a3"}))
]
KINDS = list(dict.fromkeys(KINDS))  # 24 different records
Kind = tuple[cm.ControlStatus, tuple[str, ...], frozenset[str]]


def check_own_state(certain: Sequence[Kind], uncertain: Sequence[Kind]) -> None:
    """The state of records that certainly and possibly cover a day, against the
    brute-force reading of every subset of the uncertain ones."""
    records = [
        cm.Control(id=f"c{i}", territory="t", controllers=h, period=STARTED[0], status=s, opponents=o)
        for i, (s, h, o) in enumerate([*certain, *uncertain])
    ]
    sure, maybe = records[: len(certain)], records[len(certain) :]
    state = state_from_records("t", sure, maybe)
    assert readings_answer(sure, maybe) == state.answer()
    assert (tuple(sorted(r.id for r in sure)), tuple(sorted(r.id for r in maybe))) == (state.records, state.uncertain)
    fields = {f: getattr(state, f) for f in ("kind", "controllers", "opponents", "records", "uncertain")}
    assert cm.ControlState(territory="t", **fields) == state  # the fast constructor makes the same value


def test_a_territorys_own_state_agrees_with_every_reading_of_up_to_three_records() -> None:
    for certain in [[], *([kind] for kind in KINDS)]:
        for uncertain in itertools.combinations_with_replacement(KINDS, 2):
            check_own_state(certain, uncertain[:1])
            check_own_state(certain, uncertain)


@given(st.lists(st.sampled_from(KINDS), max_size=3), st.lists(st.sampled_from(KINDS), max_size=4))
def test_a_territorys_own_state_agrees_with_every_reading(certain: list[Kind], uncertain: list[Kind]) -> None:
    check_own_state(certain, uncertain)


@given(scenarios())
def test_timeline_agrees_with_the_point_queries(scenario: cm.Scenario) -> None:
    for territory in scenario.territories:
        periods = scenario.timeline(territory.id)
        for before, after in itertools.pairwise(periods):
            assert before.end is not None
            assert after.start == before.end + dt.timedelta(days=1)
            key = (before.state.answer(), before.state.parts, before.state.inherited_from)
            assert key != (after.state.answer(), after.state.parts, after.state.inherited_from)
        for day in DAYS:
            covering = [p for p in periods if (p.start or dt.date.min) <= day <= (p.end or dt.date.max)]
            expected = scenario.controllers_on(territory.id, day)
            if covering:
                (found,) = covering
                assert expected.answer() == found.state.answer()
            else:
                assert K.UNRECORDED == expected.kind


@given(scenarios(), st.sampled_from(DAYS), st.sampled_from(DAYS))
def test_changes_between_and_control_map_agree_with_the_point_queries(
    scenario: cm.Scenario, first: dt.date, second: dt.date
) -> None:
    one, two = scenario.control_map(first), scenario.control_map(second)
    expected = [t for t in sorted(one) if one[t].answer() != two[t].answer()]
    assert expected == [c.territory for c in scenario.changes_between(first, second)]
    assert all(one[t] == scenario.controllers_on(t, first) for t in one)


# --- reference: partition ---------------------------------------------------------------


def pieces(scenario: cm.Scenario, node: str, weight: str) -> tuple[list[tuple[str, float, bool]], list[str]]:  # noqa: C901 - a plain transcription of the rule
    """(piece, weight, is a remainder) and the unweighted leaves under ``node``."""
    by_id = {t.id: t for t in scenario.territories}

    def subs(t: str) -> list[str]:
        children = sorted(c.id for c in scenario.territories if c.parent == t)
        if children:
            return [c for c in children if not by_id[c].components]
        return sorted(by_id[t].components)

    def own(t: str) -> float | None:
        return 1.0 if weight == "count" else by_id[t].area_km2

    def effective(t: str) -> float | None:
        below = subs(t)
        if not below:
            return own(t)
        if weight != "count" and own(t) is not None:
            return own(t)
        known = [w for s in below if (w := effective(s)) is not None]
        return sum(known) if known else None

    found: list[tuple[str, float, bool]] = []
    missing: list[str] = []

    def walk(t: str) -> None:
        below = subs(t)
        if not below:
            w = effective(t)
            if w is None:
                missing.append(t)
            else:
                found.append((t, w, False))
            return
        mine = own(t) if weight != "count" else None
        if mine is not None:
            covered = sum(w for s in below if (w := effective(s)) is not None)
            if mine - covered > 0.01 * mine:
                found.append((t, mine - covered, True))
        for s in below:
            walk(s)

    walk(node)
    return found, missing


def piece_answer(scenario: cm.Scenario, territory: str, day: dt.date) -> Answer:
    own = own_answer(scenario, territory, day)
    if own[0] is not K.UNRECORDED:
        return own
    inherited = inherited_answer(scenario, territory, day)
    return own if inherited is None else inherited[0]


def fraction_of(record: cm.Control) -> float:
    assert record.portion is not None
    return record.portion.fraction


def reference_shares(
    scenario: cm.Scenario, day: dt.date, found: list[tuple[str, float, bool]]
) -> tuple[dict[tuple[str, ...], float], dict[str, float]]:
    """The weight of each controller set, and of each kind of answer that leaves a piece
    unheld, by the documented rule."""
    blocs: dict[tuple[str, ...], float] = {}
    other = {"unrecorded": 0.0, "ambiguous": 0.0, "undetermined": 0.0}
    for territory, amount, _ in found:
        kind, controllers, _ = piece_answer(scenario, territory, day)
        if kind in (K.HELD, K.JOINT, K.CONTESTED, K.BESIEGED):
            blocs[controllers] = blocs.get(controllers, 0.0) + amount
        elif kind is K.PARTIAL:
            mine = [c for c in scenario.controls if c.territory == territory and c.portion is not None]
            if any(c.period.possibly_contains(day) and not c.period.certainly_contains(day) for c in mine):
                other["ambiguous"] += amount  # the split depends on imprecise dates
                continue
            stated = [(union([c.controllers]), fraction_of(c)) for c in mine if c.period.certainly_contains(day)]
            scale = max(1.0, sum(fraction for _, fraction in stated))
            for holders, fraction in stated:
                blocs[holders] = blocs.get(holders, 0.0) + amount * fraction / scale
            other["undetermined"] += amount * (1 - sum(fraction for _, fraction in stated) / scale)
        elif kind is K.UNRECORDED:
            other["unrecorded"] += amount
        elif kind is K.AMBIGUOUS:
            other["ambiguous"] += amount
        else:
            other["undetermined"] += amount
    return blocs, other


@given(scenarios(), st.sampled_from(DAYS), st.sampled_from(["area", "count"]))
def test_partition_agrees_with_the_reference(scenario: cm.Scenario, day: dt.date, weight: Any) -> None:
    found, missing = pieces(scenario, "r", weight)
    blocs, other = reference_shares(scenario, day, found)
    total = sum(amount for _, amount, _ in found)
    p = scenario.partition(day, within="r", weight=weight)
    assert round(total, 6) == round(p.total, 6)
    assert sorted(missing) == list(p.unweighted)
    assert len(found) == p.pieces
    expected = {k: round(v / total, 6) for k, v in blocs.items()} if total else {}
    assert expected == {s.controllers: round(s.share, 6) for s in p.shares}
    actors: dict[str, float] = {}
    for holders, amount in blocs.items():
        for a in holders:
            actors[a] = actors.get(a, 0.0) + amount / len(holders)
    by_actor = scenario.partition(day, within="r", weight=weight, by="actor")
    assert {a: round(v / total, 6) for a, v in actors.items()} == {
        s.controllers[0]: round(s.share, 6) for s in by_actor.shares
    }
    assert {a: round(v / total, 6) for a, v in actors.items()} == {a: round(v, 6) for a, v in p.by_actor.items()}
    for name, amount in other.items():
        assert round(amount / total if total else 0.0, 6) == round(getattr(p, name), 6)
    if p.shares:
        assert p.effective_controllers is not None
        assert 1.0 - 1e-9 <= p.effective_controllers <= len(p.shares) + 1e-9
    if total:
        parts = sum(s.share for s in p.shares) + p.unrecorded + p.ambiguous + p.undetermined
        assert abs(1.0 - parts) < 1e-9
        assert abs(sum(s.share for s in p.shares) - sum(p.by_actor.values())) < 1e-9


# --- reference: alignment ---------------------------------------------------------------


def _holds(period: cm.Period | None, day: dt.date) -> tuple[bool, bool]:
    """(possibly, certainly) that a period, ``None`` meaning open, contains a day."""
    if period is None:
        return True, True
    return period.possibly_contains(day), period.certainly_contains(day)


def _collect(found: dict[str, tuple[bool, set[str]]], actor: str, record: str, certain: bool) -> None:
    was, via = found.get(actor, (False, set()))
    found[actor] = (was or certain, via | {record})


def _as_ties(found: dict[str, tuple[bool, set[str]]]) -> list[tuple[str, bool, tuple[str, ...]]]:
    return [(a, found[a][0], tuple(sorted(found[a][1]))) for a in sorted(found)]


def reference_allies(scenario: cm.Scenario, actor: str, day: dt.date) -> list[tuple[str, bool, tuple[str, ...]]]:
    found: dict[str, tuple[bool, set[str]]] = {}
    for alliance in scenario.alliances:
        own_p, own_c = _holds(alliance.period, day)
        for mine in alliance.members:
            if mine.actor != actor:
                continue
            mine_p, mine_c = _holds(mine.period if mine.period is not None else alliance.period, day)
            for other in alliance.members:
                if other.actor == actor:
                    continue
                theirs_p, theirs_c = _holds(other.period if other.period is not None else alliance.period, day)
                if own_p and mine_p and theirs_p:
                    _collect(found, other.actor, alliance.id, own_c and mine_c and theirs_c)
    return _as_ties(found)


def reference_supports(scenario: cm.Scenario, actor: str, day: dt.date, *, towards: bool) -> list[Any]:
    found: dict[str, tuple[bool, set[str]]] = {}
    alleged: dict[str, bool] = {}
    for support in scenario.supports:
        me, other = (support.recipient, support.supporter) if towards else (support.supporter, support.recipient)
        possibly, certainly = _holds(support.period, day)
        if me == actor and other != actor and possibly:
            _collect(found, other, support.id, certainly)
            alleged[other] = alleged.get(other, True) and support.alleged
    return [(*tie, alleged[tie[0]]) for tie in _as_ties(found)]


def reference_enemies(scenario: cm.Scenario, actor: str, day: dt.date) -> list[tuple[str, bool, tuple[str, ...]]]:
    found: dict[str, tuple[bool, set[str]]] = {}
    for hostility in scenario.hostilities:
        possibly, certainly = _holds(hostility.period, day)
        if not possibly:
            continue
        others = set()
        if actor in hostility.side_a:
            others |= set(hostility.side_b)
        if actor in hostility.side_b:
            others |= set(hostility.side_a)
        for other in others - {actor}:
            _collect(found, other, hostility.id, certainly)
    return _as_ties(found)


@given(scenarios(), st.sampled_from(DAYS))
def test_alignment_queries_agree_with_the_reference(scenario: cm.Scenario, day: dt.date) -> None:
    for actor in ACTORS:
        assert reference_allies(scenario, actor, day) == [
            (t.actor, t.certain, t.via) for t in scenario.allies_of(actor, day)
        ]
        assert reference_supports(scenario, actor, day, towards=True) == [
            (t.actor, t.certain, t.via, t.alleged) for t in scenario.supporters_of(actor, day)
        ]
        assert reference_supports(scenario, actor, day, towards=False) == [
            (t.actor, t.certain, t.via, t.alleged) for t in scenario.clients_of(actor, day)
        ]
        assert reference_enemies(scenario, actor, day) == [
            (t.actor, t.certain, t.via) for t in scenario.enemies_of(actor, day)
        ]


COMBAT = {cm.SupportKind.TROOPS, cm.SupportKind.AIR_SUPPORT}
ARMS = {cm.SupportKind.WEAPONS, cm.SupportKind.MATERIEL, cm.SupportKind.TRAINING}
ARMS |= {cm.SupportKind.INTELLIGENCE, cm.SupportKind.LOGISTICS}
Group = tuple[str, frozenset[str]]
Ranks = dict[cm.TieRank, list[Group]]


def _support_rank(kinds: frozenset[cm.SupportKind]) -> cm.TieRank:
    if kinds & COMBAT:
        return cm.TieRank.COMBAT_SUPPORT
    return cm.TieRank.ARMS_SUPPORT if kinds & ARMS else cm.TieRank.OTHER_SUPPORT


def _alliance_groups(scenario: cm.Scenario, day: dt.date, ranks: Ranks) -> None:
    for alliance in scenario.alliances:
        if alliance.kind is cm.AllianceKind.GUARANTOR_FORMAT or not _holds(alliance.period, day)[1]:
            continue
        members = {
            m.actor for m in alliance.members if _holds(m.period if m.period is not None else alliance.period, day)[1]
        }
        coalition = alliance.kind is cm.AllianceKind.COALITION
        ranks[cm.TieRank.COALITION if coalition else cm.TieRank.ALLIANCE].append((alliance.id, frozenset(members)))


def reference_ties(scenario: cm.Scenario, day: dt.date) -> tuple[Ranks, set[frozenset[str]]]:
    """The groups of actors each record ties together on the day, by rank (the
    hierarchy's left out), as the docs list them; and the hostile pairs."""
    ranks: Ranks = {rank: [] for rank in cm.TIE_RANKS}
    hostile: set[frozenset[str]] = set()
    for h in scenario.hostilities:
        if _holds(h.period, day)[1]:
            hostile |= {frozenset((x, y)) for x in h.side_a for y in h.side_b if x != y}
            a, b = set(h.side_a) - set(h.side_b), set(h.side_b) - set(h.side_a)
            war = h.intensity is cm.Intensity.WAR
            ranks[cm.TieRank.CO_BELLIGERENCE_WAR if war else cm.TieRank.CO_BELLIGERENCE] += [
                (h.id, frozenset(a)),
                (h.id, frozenset(b)),
            ]
    for c in scenario.controls:
        if len(c.controllers) > 1 and _holds(c.period, day)[1]:
            ranks[cm.TieRank.JOINT_CONTROL].append((c.id, frozenset(c.controllers)))
    for s in scenario.supports:
        if _holds(s.period, day)[1] and not s.alleged and s.supporter != s.recipient:
            ranks[_support_rank(s.kinds)].append((s.id, frozenset((s.supporter, s.recipient))))
    _alliance_groups(scenario, day, ranks)
    return ranks, hostile


ReferenceCamp = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]
Camp = tuple[set[str], set[str], set[str]]


def _component(start: int, links: list[set[int]]) -> set[int]:
    component, frontier = {start}, [start]
    while frontier:
        i = frontier.pop()
        for found in links:
            if i in found:
                frontier += [j for j in found if j not in component]
                component |= found
    return component


def _one_rank(camps: list[Camp], groups: list[Group], hostile: set[frozenset[str]]) -> list[Camp]:
    """Camps after one rank: each set of camps its groups connect merged, unless that
    would hold a hostile pair (then every group touching it is a bridge of each camp)."""
    home = {a: i for i, (members, _, _) in enumerate(camps) for a in members}
    touched = [(record, {home[a] for a in members}) for record, members in groups if len(members) > 1]
    for record, found in touched:
        if len(found) == 1:
            camps[next(iter(found))][1].add(record)
    crossing = [(record, found) for record, found in touched if len(found) > 1]
    links = [found for _, found in crossing]
    done: set[int] = set()
    merged: list[Camp] = []
    for start in range(len(camps)):
        if start in done:
            continue
        component = _component(start, links)
        done |= component
        members = {a for i in component for a in camps[i][0]}
        if any(frozenset((x, y)) in hostile for x in members for y in members):
            for i in component:
                camps[i][2].update(record for record, found in crossing if i in found)
            merged += [camps[i] for i in sorted(component)]
        else:
            ties = {t for i in component for t in camps[i][1]}
            ties |= {record for record, found in crossing if found <= component}
            merged.append((members, ties, {b for i in component for b in camps[i][2]}))
    return merged


def reference_camps(scenario: cm.Scenario, day: dt.date) -> list[ReferenceCamp]:
    """The documented rule with plain sets: every pair of a record's actors tied, each
    rank's groups of camps found by a search, hostility checked pair by pair."""
    ranks, hostile = reference_ties(scenario, day)
    players = {a for h in scenario.hostilities if _holds(h.period, day)[1] for a in (*h.side_a, *h.side_b)}
    for groups in ranks.values():
        players |= {a for _, members in groups if len(members) > 1 for a in members}
    parents = {a.id: a.parent for a in reversed(scenario.actors)}
    stack = sorted(players)
    while stack:
        parent = parents.get(stack.pop())
        if parent is not None and parent not in players:
            players.add(parent)
            stack.append(parent)
    ranks[cm.TieRank.HIERARCHY] = [(a, frozenset((a, p))) for a in players if (p := parents.get(a)) not in (None, a)]
    camps: list[Camp] = [({a}, set(), set()) for a in sorted(players)]
    for rank in cm.TIE_RANKS:
        camps = _one_rank(camps, ranks[rank], hostile)
    found = []
    for members, ties, bridges in camps:
        enemies = {y for x in members for h in hostile if x in h for y in h} - members
        found.append((tuple(sorted(members)), tuple(sorted(ties)), tuple(sorted(bridges)), tuple(sorted(enemies))))
    return sorted(found, key=lambda camp: (-len(camp[0]), camp[0]))


@given(scenarios(), st.sampled_from(DAYS))
def test_camps_agree_with_the_reference(scenario: cm.Scenario, day: dt.date) -> None:
    camps = scenario.camps(day)
    assert reference_camps(scenario, day) == [(c.members, c.ties, c.bridges, c.enemies) for c in camps]
    members = [m for c in camps for m in c.members]
    assert len(members) == len(set(members))
    for camp in camps:
        inside = set(camp.members)
        for enemy_tie in (t for m in camp.members for t in scenario.enemies_of(m, day) if t.certain):
            assert enemy_tie.actor not in inside


# --- reference: agreements --------------------------------------------------------------


def covered(scenario: cm.Scenario, territories: Iterable[str]) -> set[str]:
    found: set[str] = set()
    stack = [t for t in territories if any(x.id == t for x in scenario.territories)]
    while stack:
        t = stack.pop()
        if t not in found:
            found.add(t)
            stack.extend(parts_of(scenario, t))
    return found


@given(scenarios(), st.sampled_from(DAYS))
def test_agreements_in_force_agree_with_the_reference(scenario: cm.Scenario, day: dt.date) -> None:
    expected = [
        (g.id, g.in_force.certainly_contains(day))
        for g in scenario.agreements
        if g.in_force is not None and g.in_force.possibly_contains(day)
    ]
    assert expected == [(a.agreement, a.certain) for a in scenario.agreements_in_force(day)]
    for territory in scenario.territories:
        found = scenario.agreements_in_force(day, covering=territory.id)
        assert [g for g, _ in expected if covers(scenario, scenario.get(g, cm.Agreement), territory.id)] == [
            a.agreement for a in found
        ]
        for item in found:
            inside = {territory.id, *territory.components}
            for place in item.via:
                assert place in scenario.get(item.agreement, cm.Agreement).covers
                assert inside & covered(scenario, [place])


def covers(scenario: cm.Scenario, agreement: cm.Agreement, territory: str) -> bool:
    """Listed, inside a listed territory, or a zone whose every component is covered."""
    if territory in covered(scenario, agreement.covers):
        return True
    known = {t.id: t for t in reversed(scenario.territories)}
    components = [c for c in known[territory].components if c in known and c != territory]
    return bool(components) and all(covers(scenario, agreement, c) for c in components)


HOSTILE = {
    cm.EventKind.BATTLE,
    cm.EventKind.AIR_STRIKE,
    cm.EventKind.SHELLING,
    cm.EventKind.REMOTE_VIOLENCE,
    cm.EventKind.ATTACK_ON_CIVILIANS,
    cm.EventKind.EXPLOSION,
}


Derived = tuple[str, tuple[str, ...], tuple[str, ...]]
"""An event, its bound perpetrators and the accountable actors they are bound through."""


def derived_violations(scenario: cm.Scenario, agreement: cm.Agreement) -> list[Derived]:
    """(event, perpetrators, accountable) of every hostile event in the agreement's
    places while it may be in force, by brute force: a perpetrator is bound as, or under,
    a party, signatory or guarantor, or under the state of a government that is one; it
    is not under an excluded actor, and not everyone it acts against (the other side, the
    targets) is."""
    lineage = {a.id: a for a in reversed(scenario.actors)}
    governments = {a.id: a.parent or "" for a in lineage.values() if a.kind is cm.ActorKind.GOVERNMENT}

    def up(actor: str) -> set[str]:
        chain = {actor}
        while (record := lineage.get(actor)) is not None and record.parent is not None:
            actor = record.parent
            chain.add(actor)
        return chain

    expected: list[Derived] = []
    if agreement.in_force is None:
        return expected
    bound = {e.actor for e in agreement.actors if e.roles & BOUND_ROLES}
    excluded = {e.actor for e in agreement.actors if cm.Role.EXCLUDED in e.roles}
    places = covered(scenario, agreement.covers)
    for event in scenario.events:
        if event.kind not in HOSTILE or event.location not in places:
            continue
        if not event.date.possibly_overlaps(agreement.in_force):
            continue
        roles = {cm.EventRole.SIDE_A, cm.EventRole.ASSOCIATED}
        if event.kind is cm.EventKind.BATTLE:
            roles.add(cm.EventRole.SIDE_B)
        perpetrators = list(dict.fromkeys(e.actor for e in event.actors if e.role in roles))
        perpetrators = [p for p in perpetrators if not spared(p, event, excluded, up)]
        answers = {p: {b for b in bound if b in up(p) or governments.get(b, "") in up(p)} for p in perpetrators}
        actors = [p for p in perpetrators if answers[p]]
        if actors:
            expected.append((event.id, tuple(actors), tuple(sorted(set().union(*(answers[p] for p in actors))))))
    return expected


def spared(actor: str, event: cm.Event, excluded: set[str], up: Callable[[str], set[str]]) -> bool:
    """Whether an agreement excluding ``excluded`` leaves ``actor``'s part in ``event``
    out: the actor is under an excluded actor, or everyone it acts against is."""
    if up(actor) & excluded:
        return True
    sides = {cm.EventRole.SIDE_A: "a", cm.EventRole.ASSOCIATED: "a", cm.EventRole.SIDE_B: "b"}
    own = {sides.get(e.role) for e in event.actors if e.actor == actor}
    against = [
        e.actor
        for e in event.actors
        if e.actor != actor
        and (
            e.role is cm.EventRole.TARGET
            or ("a" in own and sides.get(e.role) == "b")
            or ("b" in own and sides.get(e.role) == "a")
        )
    ]
    return bool(against) and all(up(other) & excluded for other in against)


def check_violations(scenario: cm.Scenario) -> None:
    """Recorded and derived violations of every agreement agree with the references."""
    for agreement in scenario.agreements:
        found = scenario.violations_of(agreement.id)
        assert [v.id for v in scenario.violations if v.agreement == agreement.id] == [v.id for v in found.recorded]
        expected = derived_violations(scenario, agreement)
        assert sorted(expected) == sorted((c.event, c.actors, c.accountable) for c in found.derived)


@given(scenarios())
def test_violations_agree_with_the_reference(scenario: cm.Scenario) -> None:
    check_violations(scenario)


@given(scenarios(), st.sampled_from(DAYS))
def test_partition_by_camp_sums_the_actors_of_each_camp(scenario: cm.Scenario, day: dt.date) -> None:
    by_actor = scenario.partition(day, within="r", weight="count")
    by_camp = scenario.partition(day, within="r", weight="count", by="camp")
    camp_of = {m: camp.members for camp in scenario.camps(day, within="r") for m in camp.members}
    expected: dict[tuple[str, ...], float] = {}
    for actor, amount in by_actor.by_actor.items():
        members = camp_of.get(actor, (actor,))
        expected[members] = expected.get(members, 0.0) + amount
    assert {k: round(v, 9) for k, v in expected.items()} == {s.camp: round(s.share, 9) for s in by_camp.shares}
    for share in by_camp.shares:
        assert set(share.controllers) <= set(share.camp)
        assert all(by_actor.share_of(a) > 0 for a in share.controllers)
    unheld = (by_camp.unrecorded, by_camp.ambiguous, by_camp.undetermined)
    assert unheld == (by_actor.unrecorded, by_actor.ambiguous, by_actor.undetermined)
    if by_camp.total:
        assert abs(1.0 - sum(s.share for s in by_camp.shares) - sum(unheld)) < 1e-9
