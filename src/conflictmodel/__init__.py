"""conflictmodel: armed conflicts and their diplomacy as typed, immutable, checked objects."""

from ._format._bundled import syria_2017
from ._format._jsonformat import SCHEMA_VERSION, dump, dumpb, dumps, from_dict, load, loads, to_dict
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
from ._model._dates import DayLike, PartialDate, Period, Precision
from ._model._errors import (
    AmbiguousTerritoryError,
    ArgumentError,
    ConflictModelError,
    FieldError,
    LoadError,
    ParseError,
    Problem,
    UnknownIdError,
)
from ._model._events import CoordinatePrecision, Coordinates, Event, EventActor, EventKind, EventRole, Fatalities
from ._model._extras import MissingExtraError
from ._model._frozenmap import FrozenMap
from ._model._geometry import Geometry, GeometryCoordinates, GeometryType, Position
from ._model._provenance import Origin, Source
from ._model._scenario import Meta, Record, Scenario
from ._model._territory import Territory, TerritoryKind
from ._model._violations import Violation, ViolationStatus
from ._queries._camps import TIE_RANKS, Camp, Reading, Tie, TieRank
from ._queries._compliance import AgreementViolations, CandidateViolation, InForce, Perpetrators
from ._queries._control_state import ControlChange, ControlKind, ControlPeriod, ControlState
from ._queries._partition import Partition, Share, Weight
from ._rules._report import Finding, InvariantError, Report, Severity
from ._rules._validate import RULES, Rule, validate
from ._version import __version__ as __version__

__all__ = [
    "RULES",
    "SCHEMA_VERSION",
    "TIE_RANKS",
    "Actor",
    "ActorKind",
    "Agreement",
    "AgreementActor",
    "AgreementKind",
    "AgreementStatus",
    "AgreementViolations",
    "Alliance",
    "AllianceKind",
    "AmbiguousTerritoryError",
    "ArgumentError",
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
    "DayLike",
    "Event",
    "EventActor",
    "EventKind",
    "EventRole",
    "Fatalities",
    "FieldError",
    "Finding",
    "FrozenMap",
    "Geometry",
    "GeometryCoordinates",
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
    "MissingExtraError",
    "Obligation",
    "Origin",
    "ParseError",
    "PartialDate",
    "Partition",
    "Period",
    "Perpetrators",
    "Portion",
    "Position",
    "Post",
    "Precision",
    "Problem",
    "Provision",
    "Reading",
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
    "TieRank",
    "UnknownIdError",
    "Violation",
    "ViolationStatus",
    "Weight",
    "dump",
    "dumpb",
    "dumps",
    "from_dict",
    "json_schema",
    "load",
    "loads",
    "syria_2017",
    "to_dict",
    "validate",
]
