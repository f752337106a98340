"""The networkx alignment graph agrees with the alignment queries, record by record."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections import defaultdict
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import conflictmodel as cm
from conflictmodel import strategies as cst
from conflictmodel.graph import RELATIONS, alignment_graph

SYRIA = cm.syria_2017()
DAY = "2017-11-30"


def _ties(graph: Any, actor: str, kind: str, *, incoming: bool = False) -> dict[str, tuple[bool, tuple[str, ...]]]:
    """Per related actor: whether some edge of ``kind`` is certain, and the record ids."""
    certain: dict[str, bool] = defaultdict(bool)
    via: dict[str, set[str]] = defaultdict(set)
    edges = graph.in_edges(actor, keys=True, data=True) if incoming else graph.out_edges(actor, keys=True, data=True)
    for source, target, key, data in edges:
        if data["kind"] != kind:
            continue
        other = source if incoming else target
        certain[other] = certain[other] or data["certain"]
        via[other].add(key)
        assert key == data["record"]
    return {other: (certain[other], tuple(sorted(via[other]))) for other in via}


def _expected(ties: tuple[cm.Tie, ...]) -> dict[str, tuple[bool, tuple[str, ...]]]:
    return {tie.actor: (tie.certain, tie.via) for tie in ties}


def _agrees(scenario: cm.Scenario, day: str) -> None:
    graph = alignment_graph(scenario, day)
    for actor in (a.id for a in scenario.actors):
        assert _expected(scenario.allies_of(actor, day)) == _ties(graph, actor, "alliance"), actor
        assert _expected(scenario.clients_of(actor, day)) == _ties(graph, actor, "support"), actor
        assert _expected(scenario.supporters_of(actor, day)) == _ties(graph, actor, "support", incoming=True), actor
        assert _expected(scenario.enemies_of(actor, day)) == _ties(graph, actor, "hostility"), actor


def test_the_bundled_scenario_agrees_with_the_queries() -> None:
    _agrees(SYRIA, DAY)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])  # whole worlds per example
@given(scenario=cst.scenarios(), day=st.dates(dt.date(2011, 1, 1), dt.date(2020, 12, 31)))
def test_drawn_worlds_agree_with_the_queries(scenario: cm.Scenario, day: dt.date) -> None:
    _agrees(scenario, day.isoformat())


def test_nodes_carry_kind_country_and_camp() -> None:
    graph = alignment_graph(SYRIA, DAY)
    camps = SYRIA.camps(DAY, reading="possibly", include_alleged=True)
    russia = graph.nodes["ru"]
    assert (russia["kind"], russia["country"], russia["name"]) == ("state", "RUS", SYRIA.get("ru", cm.Actor).name)
    assert "ru" in camps[russia["camp"]].members
    for index, camp in enumerate(camps):
        assert all(graph.nodes[m]["camp"] == index for m in camp.members if m in graph)
    assert {"day": DAY, "reading": "possibly", "title": SYRIA.meta.title} == graph.graph


def test_edge_attributes_by_relation() -> None:
    graph = alignment_graph(SYRIA, DAY)
    kinds = {data["kind"] for _, _, data in graph.edges(data=True)}
    assert set(RELATIONS) == kinds
    for _, _, data in graph.edges(data=True):
        record = SYRIA.get(data["record"])
        if data["kind"] == "support":
            assert isinstance(record, cm.Support)
            assert tuple(sorted(k.value for k in record.kinds)) == data["kinds"]
            assert record.alleged == data["alleged"]
        elif data["kind"] == "alliance":
            assert isinstance(record, cm.Alliance)
            assert (record.kind.value,) == data["kinds"]
        else:
            assert isinstance(record, cm.Hostility)
            assert (None if record.intensity is None else record.intensity.value) == data["intensity"]


def test_a_hostility_joins_every_actor_of_each_side_both_ways() -> None:
    hostility = max(SYRIA.hostilities, key=lambda h: len(h.side_a) * len(h.side_b))
    graph = alignment_graph(SYRIA, DAY)
    pairs = {(u, v) for u, v, k in graph.edges(keys=True) if k == hostility.id}
    expected = {(a, b) for a in hostility.side_a for b in hostility.side_b}
    assert expected | {(b, a) for a, b in expected} == pairs


def test_certainly_and_alleged_narrow_the_graph() -> None:
    everything = alignment_graph(SYRIA, DAY)
    certain = alignment_graph(SYRIA, DAY, reading="certainly")
    established = alignment_graph(SYRIA, DAY, include_alleged=False)
    assert {(u, v, k) for u, v, k, d in everything.edges(keys=True, data=True) if d["certain"]} == set(
        certain.edges(keys=True)
    )
    assert {(u, v, k) for u, v, k, d in everything.edges(keys=True, data=True) if not d.get("alleged", False)} == set(
        established.edges(keys=True)
    )


def test_camp_bridges_are_the_cut_edges_of_cooperation() -> None:
    """The docs' example: ties whose loss would split a camp are networkx bridges."""
    graph = alignment_graph(SYRIA, DAY)
    cooperation: nx.Graph[str] = nx.Graph()
    cooperation.add_edges_from((u, v) for u, v, d in graph.edges(data=True) if d["kind"] != "hostility")
    bridges: list[tuple[str, str]] = list(nx.bridges(cooperation))  # type: ignore[arg-type]  # stubs: Generator[node]
    assert bridges
    for u, v in bridges:
        without = cooperation.copy()
        without.remove_edge(u, v)
        assert not nx.has_path(without, u, v)


def test_days_are_checked_like_every_query() -> None:
    with pytest.raises(cm.FieldError):
        alignment_graph(SYRIA, "2017-11")


def test_without_networkx_the_error_names_the_extra() -> None:
    script = (
        "import sys; sys.modules['networkx'] = None\n"
        "import conflictmodel as cm\n"
        "from conflictmodel.graph import alignment_graph\n"
        "try:\n"
        "    alignment_graph(cm.syria_2017(), '2017-11-30')\n"
        "except cm.MissingExtraError as error:\n"
        "    print(error.extra, error.name, '|', error)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True).stdout
    assert out == (
        "networkx networkx | conflictmodel.graph.alignment_graph needs the optional dependency 'networkx', "
        "which is not installed; install it with: pip install 'conflictmodel[networkx]'\n"
    )
