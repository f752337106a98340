"""Code as a downstream project writes it, checked by mypy --strict and pyright strict.

Nothing here runs in the test suite: the type checkers read it. Each ``assert_type``
pins what a checker infers from the public API, so a change that loosens a type (to
``Any``) or breaks an overload fails CI. Only public names are used.
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import assert_type

import networkx as nx

import conflictmodel as cm
from conflictmodel.graph import alignment_graph
from conflictmodel.io import Imported, read_acled


def scenario_and_records(s: cm.Scenario) -> None:
    assert_type(s.get("ru"), cm.Record)
    assert_type(s.get("ru", cm.Actor), cm.Actor)
    assert_type(s.find("ru"), cm.Record | None)
    assert_type(s.find("sy-idlib", cm.Territory), cm.Territory | None)
    actor = s.get("ru", cm.Actor)
    assert_type(actor.kind, cm.ActorKind)
    assert_type(actor.active, cm.Period | None)
    assert_type(s.meta.as_of, cm.PartialDate | None)
    assert_type(len(s), int)
    assert_type(list(s.records()), list[cm.Record])


def days(s: cm.Scenario) -> None:
    day: cm.DayLike = dt.date(2017, 11, 30)
    as_text: cm.DayLike = "2017-11-30"
    stamp: cm.DayLike = dt.datetime(2017, 11, 30, 12, 0)  # noqa: DTZ001 - a naive day, as pandas gives
    for each in (day, as_text, stamp):
        assert_type(s.controllers_on("sy-idlib", each), cm.ControlState)


def queries(s: cm.Scenario, weight: cm.Weight, reading: cm.Reading, by: cm.Perpetrators) -> None:
    partition = s.partition("2017-11-30", within="sy", weight=weight)
    assert_type(partition, cm.Partition)
    assert_type(partition.day, dt.date)
    assert_type(partition.share_of("saa"), float)
    assert_type(partition.effective_controllers, float | None)
    assert_type(s.control_map("2017-11-30"), cm.FrozenMap[cm.ControlState])
    assert_type(s.timeline("sy-ghouta"), tuple[cm.ControlPeriod, ...])
    assert_type(s.camps("2017-11-30", reading=reading), tuple[cm.Camp, ...])
    assert_type(s.allies_of("ru", "2017-11-30"), tuple[cm.Tie, ...])
    assert_type(s.agreements_in_force("2017-11-30"), tuple[cm.InForce, ...])
    assert_type(s.violations_of("astana-mou", by=by), cm.AgreementViolations)
    assert_type(cm.validate(s), cm.Report)


def answers_serialize(s: cm.Scenario) -> None:
    partition = s.partition("2017-11-30", within="sy")
    text: str = cm.dumps(partition)
    again = cm.from_dict(cm.Partition, cm.to_dict(partition))
    assert_type(again, cm.Partition)
    assert_type(text, str)


def geometry(g: cm.Geometry) -> None:
    assert_type(g.coordinates, cm.GeometryCoordinates)
    point: cm.Position = (36.2, 33.5)
    cm.Geometry(type=cm.GeometryType.POINT, coordinates=point)
    assert_type(g.bbox(), tuple[float, float, float, float])


def errors(s: cm.Scenario) -> None:
    try:
        s.get("nobody")
    except cm.UnknownIdError as error:
        assert_type(error, cm.UnknownIdError)
    try:
        importlib.import_module("conflictmodel.strategies")
    except cm.MissingExtraError as error:
        assert_type(error.extra, str)


def graph(s: cm.Scenario) -> None:
    g = alignment_graph(s, "2017-11-30", reading="certainly")
    assert_type(g, nx.MultiDiGraph[str])


def importers(path: str) -> None:
    imported = read_acled(path)
    assert_type(imported, Imported)
    scenario, report = imported
    cm.validate(scenario)
    assert_type(imported.report.ok, bool)
    del report


def version() -> None:
    assert_type(cm.__version__, str)
