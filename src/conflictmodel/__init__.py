"""conflictmodel: armed conflicts and their diplomacy as typed, immutable, checked objects."""

from ._format._bundled import syria_2017
from ._format._jsonformat import SCHEMA_VERSION, dump, dumps, from_dict, load, loads, to_dict
from ._format._schema import json_schema
from ._model._actors import Actor, ActorKind, Post
from ._model._agreements import (
    Agreement,
    AgreementActor,
    AgreementKind,
    AgreementStatus,
    Link,
    LinkRelation,
    Provision,
    Role,
)
from ._model._alignment import (
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
from ._model._control import Basis, Control, ControlStatus, Portion
from ._model._dates import PartialDate, Period, Precision
from ._model._errors import ConflictModelError, FieldError, LoadError, ParseError, Problem, UnknownIdError
from ._model._events import CoordinatePrecision, Coordinates, Event, EventActor, EventKind, EventRole, Fatalities
from ._model._frozenmap import FrozenMap
from ._model._geometry import Geometry, GeometryType
from ._model._provenance import Origin, Source
from ._model._scenario import Meta, Record, Scenario
from ._model._territory import Territory, TerritoryKind
from ._model._violations import Violation, ViolationStatus
from ._queries._camps import Camp, Tie
from ._queries._compliance import AgreementViolations, CandidateViolation, InForce
from ._queries._control_state import ControlChange, ControlKind, ControlPeriod, ControlState
from ._queries._partition import Partition, Share
from ._rules._report import Finding, InvariantError, Report, Severity
from ._rules._validate import RULES, Rule, validate

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
    "Portion",
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
