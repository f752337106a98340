"""conflictmodel: armed conflicts and their diplomacy as typed, immutable, checked objects."""

from ._actors import Actor, ActorKind, Post
from ._agreements import Agreement, AgreementActor, AgreementKind, AgreementStatus, Link, LinkRelation, Provision, Role
from ._alignment import (
    Alliance,
    AllianceKind,
    Hostility,
    Incompatibility,
    Intensity,
    Membership,
    Obligation,
    Support,
    SupportKind,
)
from ._bundled import syria_2017
from ._camps import Camp, Tie
from ._compliance import AgreementViolations, CandidateViolation, InForce
from ._control import Basis, Control, ControlStatus
from ._control_state import ControlChange, ControlKind, ControlPeriod, ControlState
from ._dates import PartialDate, Period, Precision
from ._errors import ConflictModelError, FieldError, LoadError, ParseError, Problem, UnknownIdError
from ._events import CoordinatePrecision, Coordinates, Event, EventActor, EventKind, EventRole, Fatalities
from ._frozenmap import FrozenMap
from ._geometry import Geometry, GeometryType
from ._invariants import RULES, Rule, validate
from ._jsonformat import SCHEMA_VERSION, dump, dumps, from_dict, load, loads, to_dict
from ._partition import Partition, Share
from ._provenance import Origin, Source
from ._report import Finding, InvariantError, Report, Severity
from ._scenario import Meta, Record, Scenario
from ._schema import json_schema
from ._territory import Territory, TerritoryKind
from ._violations import Violation, ViolationStatus

__all__ = [
    "RULES",
    "SCHEMA_VERSION",
    "Actor",
    "ActorKind",
    "Agreement",
    "AgreementActor",
    "AgreementKind",
    "AgreementStatus",
    "AgreementViolations",
    "Alliance",
    "AllianceKind",
    "Basis",
    "Camp",
    "CandidateViolation",
    "ConflictModelError",
    "Control",
    "ControlChange",
    "ControlKind",
    "ControlPeriod",
    "ControlState",
    "ControlStatus",
    "CoordinatePrecision",
    "Coordinates",
    "Event",
    "EventActor",
    "EventKind",
    "EventRole",
    "Fatalities",
    "FieldError",
    "Finding",
    "FrozenMap",
    "Geometry",
    "GeometryType",
    "Hostility",
    "InForce",
    "Incompatibility",
    "Intensity",
    "InvariantError",
    "Link",
    "LinkRelation",
    "LoadError",
    "Membership",
    "Meta",
    "Obligation",
    "Origin",
    "ParseError",
    "PartialDate",
    "Partition",
    "Period",
    "Post",
    "Precision",
    "Problem",
    "Provision",
    "Record",
    "Report",
    "Role",
    "Rule",
    "Scenario",
    "Severity",
    "Share",
    "Source",
    "Support",
    "SupportKind",
    "Territory",
    "TerritoryKind",
    "Tie",
    "UnknownIdError",
    "Violation",
    "ViolationStatus",
    "dump",
    "dumps",
    "from_dict",
    "json_schema",
    "load",
    "loads",
    "syria_2017",
    "to_dict",
    "validate",
]
