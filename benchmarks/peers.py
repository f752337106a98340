"""The conflictmodel document format as frozen typed models in msgspec and pydantic v2.

These are the peers ``bench_io.py`` times conflictmodel against. They describe the same
JSON (same field names, the same optional fields left out when absent, unknown keys
refused, no coercion) for the collections ``generate.py`` emits: ``sources``, ``actors``,
``territories``, ``controls``, ``agreements`` and ``events``, with every field those record
kinds have in conflictmodel (not only the ones the generator fills in). The collections
the generator never emits (``alliances``, ``supports``, ``hostilities``, ``violations``)
are left out, so a peer refuses a document that has them.

Each peer uses only what its library declares: types, enums, ``pattern``, bounds,
lengths. That is what a user of the library would write without custom types or
validators, and it is the fair comparison for speed. It also means each peer checks
less than conflictmodel does; the gaps, the same in both peers unless a comment says
otherwise:

* dates are text matched by a pattern: ``2017-02-30``, ``2017-13`` and ``0000`` pass
  (conflictmodel parses each into a calendar-valid ``PartialDate``);
* a period's end may come before its start; an event's date needs a start, but the
  end-after-start rule is not checked either;
* ``fatalities`` may have ``low > best`` or ``best > high``;
* contested and besieged control need not name opponents, full and partial control may,
  and opponents may also be controllers;
* ``controllers`` may repeat an id, an agreement may list one actor twice, and only
  persons may hold ``posts`` is not checked;
* a JSON array read as a set may repeat an item (the peers drop the repeat silently;
  conflictmodel refuses it);
* records are kept in input order (conflictmodel orders each collection by id), and
  values are not interned;
* geometry positions are not range-checked (longitude in [-180, 180], latitude in
  [-90, 90]) and polygon rings need not be closed;
* mappings are plain (mutable) ``dict`` inside the frozen objects, so those objects are
  not hashable (conflictmodel uses an immutable, sorted ``FrozenMap``).

Where one peer checks less than the other, the comment is at the type.
"""

from typing import Annotated, Literal

import msgspec
import orjson
import pydantic
from msgspec import UNSET, UnsetType

# The enums are conflictmodel's own, so the three libraries accept the same vocabularies.
from conflictmodel import (
    ActorKind,
    AgreementKind,
    AgreementStatus,
    Basis,
    ControlStatus,
    CoordinatePrecision,
    EventKind,
    EventRole,
    LinkRelation,
    Role,
    TerritoryKind,
)

__all__ = [
    "DocumentModel",
    "DocumentStruct",
    "msgspec_decoder",
    "msgspec_encoder",
    "pydantic_decode",
    "pydantic_encode",
]

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$"
DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
TEXT_PATTERN = r"\S"  # not empty and not only blanks, as conflictmodel's text rule
KEY_PATTERN = r"^[a-z][a-z0-9_]{0,31}$"  # external id schemes (``ucdp``, ``pcode``)
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"  # keys of ``names``
COUNTRY_PATTERN = r"^[A-Z]{3}$"


# === msgspec ==========================================================================
#
# Optional fields are ``T | UnsetType = UNSET``: left out when absent on output and, as in
# conflictmodel, an explicit ``null`` is refused. msgspec's decoding is strict by default
# (``"12"`` is not an int, ``true`` is not a number); an integer is accepted for a float,
# as conflictmodel does. msgspec matches patterns with Python's ``re.search``, where ``$``
# also matches before a final newline: an id ``"a1\n"`` passes msgspec (not pydantic, not
# conflictmodel). Structs keep the default ``gc=True``.

Id = Annotated[str, msgspec.Meta(pattern=ID_PATTERN)]
Text = Annotated[str, msgspec.Meta(pattern=TEXT_PATTERN)]
DateText = Annotated[str, msgspec.Meta(pattern=DATE_PATTERN)]
TextMap = dict[Annotated[str, msgspec.Meta(pattern=KEY_PATTERN)], Text]
Names = dict[Annotated[str, msgspec.Meta(pattern=LANGUAGE_PATTERN)], Text]
RowValue = str | int | float | bool | None
Position = Annotated[tuple[float, ...], msgspec.Meta(min_length=2, max_length=3)]
Line = Annotated[tuple[Position, ...], msgspec.Meta(min_length=2)]
Ring = Annotated[tuple[Position, ...], msgspec.Meta(min_length=4)]


class _Struct(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, omit_defaults=True):
    """The shared configuration of every msgspec record."""


class SourceStruct(_Struct, frozen=True):
    id: Id
    title: Text
    publisher: Text | UnsetType = UNSET
    date: DateText | UnsetType = UNSET
    locator: Text | UnsetType = UNSET


class OriginStruct(_Struct, frozen=True):
    dataset: Text
    version: Text | UnsetType = UNSET
    key: Text | UnsetType = UNSET
    # conflictmodel also refuses NaN and infinities here; JSON has neither.
    row: dict[str, RowValue] = msgspec.field(default_factory=dict)


class PeriodStruct(_Struct, frozen=True):
    start: DateText | UnsetType = UNSET
    end: DateText | UnsetType = UNSET


class EventDateStruct(_Struct, frozen=True):
    """An event's period, which must have a start."""

    start: DateText
    end: DateText | UnsetType = UNSET


class PostStruct(_Struct, frozen=True):
    title: Text
    organisation: Id | UnsetType = UNSET
    period: PeriodStruct | UnsetType = UNSET


class ActorStruct(_Struct, frozen=True):
    id: Id
    name: Text
    kind: ActorKind
    aliases: frozenset[Text] = frozenset()
    parent: Id | UnsetType = UNSET
    active: PeriodStruct | UnsetType = UNSET
    country: Annotated[str, msgspec.Meta(pattern=COUNTRY_PATTERN)] | UnsetType = UNSET
    external_ids: TextMap = msgspec.field(default_factory=dict)
    posts: tuple[PostStruct, ...] = ()
    sources: frozenset[Id] = frozenset()
    origin: OriginStruct | UnsetType = UNSET


# GeoJSON geometries as a union tagged by ``type``.
class PointStruct(_Struct, frozen=True, tag_field="type", tag="Point"):
    coordinates: Position


class MultiPointStruct(_Struct, frozen=True, tag_field="type", tag="MultiPoint"):
    coordinates: tuple[Position, ...]


class LineStringStruct(_Struct, frozen=True, tag_field="type", tag="LineString"):
    coordinates: Line


class MultiLineStringStruct(_Struct, frozen=True, tag_field="type", tag="MultiLineString"):
    coordinates: tuple[Line, ...]


class PolygonStruct(_Struct, frozen=True, tag_field="type", tag="Polygon"):
    coordinates: tuple[Ring, ...]


class MultiPolygonStruct(_Struct, frozen=True, tag_field="type", tag="MultiPolygon"):
    coordinates: tuple[tuple[Ring, ...], ...]


GeometryStruct = (
    PointStruct | MultiPointStruct | LineStringStruct | MultiLineStringStruct | PolygonStruct | MultiPolygonStruct
)


class TerritoryStruct(_Struct, frozen=True):
    id: Id
    name: Text
    kind: TerritoryKind
    parent: Id | UnsetType = UNSET
    components: frozenset[Id] = frozenset()
    area_km2: Annotated[float, msgspec.Meta(gt=0)] | UnsetType = UNSET
    population: Annotated[int, msgspec.Meta(ge=0)] | UnsetType = UNSET
    geometry: GeometryStruct | UnsetType = UNSET
    aliases: frozenset[Text] = frozenset()
    names: Names = msgspec.field(default_factory=dict)
    external_ids: TextMap = msgspec.field(default_factory=dict)
    sources: frozenset[Id] = frozenset()
    origin: OriginStruct | UnsetType = UNSET


class ControlStruct(_Struct, frozen=True):
    id: Id
    territory: Id
    controllers: Annotated[tuple[Id, ...], msgspec.Meta(min_length=1)]
    period: PeriodStruct
    status: ControlStatus = ControlStatus.FULL
    opponents: frozenset[Id] = frozenset()
    basis: Basis = Basis.REPORTED
    confidence: Annotated[float, msgspec.Meta(ge=0, le=1)] | UnsetType = UNSET
    note: Text | UnsetType = UNSET
    sources: frozenset[Id] = frozenset()
    origin: OriginStruct | UnsetType = UNSET


class AgreementActorStruct(_Struct, frozen=True):
    actor: Id
    roles: Annotated[frozenset[Role], msgspec.Meta(min_length=1)]


class ProvisionStruct(_Struct, frozen=True):
    kind: Text
    text: Text | UnsetType = UNSET


class LinkStruct(_Struct, frozen=True):
    relation: LinkRelation
    target: Id


class AgreementStruct(_Struct, frozen=True):
    id: Id
    name: Text
    kind: AgreementKind
    signed: DateText | UnsetType = UNSET
    in_force: PeriodStruct | UnsetType = UNSET
    status: AgreementStatus | UnsetType = UNSET
    actors: tuple[AgreementActorStruct, ...] = ()
    covers: frozenset[Id] = frozenset()
    provisions: tuple[ProvisionStruct, ...] = ()
    links: tuple[LinkStruct, ...] = ()
    process: Text | UnsetType = UNSET
    verbatim_parties: tuple[Text, ...] = ()
    verbatim_third_parties: tuple[Text, ...] = ()
    description: Text | UnsetType = UNSET
    sources: frozenset[Id] = frozenset()
    origin: OriginStruct | UnsetType = UNSET


class EventActorStruct(_Struct, frozen=True):
    actor: Id
    role: EventRole


class CoordinatesStruct(_Struct, frozen=True):
    lat: Annotated[float, msgspec.Meta(ge=-90, le=90)]
    lon: Annotated[float, msgspec.Meta(ge=-180, le=180)]
    precision: CoordinatePrecision = CoordinatePrecision.EXACT


class FatalitiesStruct(_Struct, frozen=True):
    best: Annotated[int, msgspec.Meta(ge=0)] | UnsetType = UNSET
    low: Annotated[int, msgspec.Meta(ge=0)] | UnsetType = UNSET
    high: Annotated[int, msgspec.Meta(ge=0)] | UnsetType = UNSET


class EventStruct(_Struct, frozen=True):
    id: Id
    kind: EventKind
    date: EventDateStruct
    subkind: Text | UnsetType = UNSET
    actors: tuple[EventActorStruct, ...] = ()
    location: Id | UnsetType = UNSET
    coordinates: CoordinatesStruct | UnsetType = UNSET
    fatalities: FatalitiesStruct | UnsetType = UNSET
    description: Text | UnsetType = UNSET
    sources: frozenset[Id] = frozenset()
    origin: OriginStruct | UnsetType = UNSET


class MetaStruct(_Struct, frozen=True):
    title: Text
    description: Text | UnsetType = UNSET
    as_of: DateText | UnsetType = UNSET
    sources: frozenset[Id] = frozenset()


class DocumentStruct(_Struct, frozen=True):
    """A whole scenario document."""

    schema: Literal["conflictmodel/1"]
    meta: MetaStruct
    sources: tuple[SourceStruct, ...] = ()
    actors: tuple[ActorStruct, ...] = ()
    territories: tuple[TerritoryStruct, ...] = ()
    controls: tuple[ControlStruct, ...] = ()
    agreements: tuple[AgreementStruct, ...] = ()
    events: tuple[EventStruct, ...] = ()


def msgspec_decoder() -> msgspec.json.Decoder[DocumentStruct]:
    """A decoder of whole documents (strict, msgspec's default)."""
    return msgspec.json.Decoder(DocumentStruct)


def msgspec_encoder() -> msgspec.json.Encoder:
    """An encoder with object keys and set items sorted, as conflictmodel writes them
    (``order="sorted"``); it writes compact text, where conflictmodel indents."""
    return msgspec.json.Encoder(order="sorted")


# === pydantic v2 ======================================================================
#
# ``strict=True`` refuses coercion (``"12"`` is not an int, ``5`` is not a string; an
# integer is still accepted for a float, as conflictmodel does); ``allow_inf_nan=False``
# refuses the ``NaN`` and ``Infinity`` pydantic's JSON parser would otherwise read.
# pydantic checks less than msgspec and conflictmodel in one more place: an optional
# field is ``T | None = None``, so an explicit ``null`` is accepted (conflictmodel and the
# msgspec peer refuse it). Its encoder writes sets in iteration order, not sorted.

PId = Annotated[str, pydantic.StringConstraints(pattern=ID_PATTERN)]
PText = Annotated[str, pydantic.StringConstraints(pattern=TEXT_PATTERN)]
PDateText = Annotated[str, pydantic.StringConstraints(pattern=DATE_PATTERN)]
PTextMap = dict[Annotated[str, pydantic.StringConstraints(pattern=KEY_PATTERN)], PText]
PNames = dict[Annotated[str, pydantic.StringConstraints(pattern=LANGUAGE_PATTERN)], PText]
PPosition = Annotated[tuple[float, ...], pydantic.Field(min_length=2, max_length=3)]
PLine = Annotated[tuple[PPosition, ...], pydantic.Field(min_length=2)]
PRing = Annotated[tuple[PPosition, ...], pydantic.Field(min_length=4)]
NonNegative = Annotated[int, pydantic.Field(ge=0)]


class _Model(pydantic.BaseModel):
    """The shared configuration of every pydantic record."""

    model_config = pydantic.ConfigDict(frozen=True, extra="forbid", strict=True, allow_inf_nan=False)


class SourceModel(_Model):
    id: PId
    title: PText
    publisher: PText | None = None
    date: PDateText | None = None
    locator: PText | None = None


class OriginModel(_Model):
    dataset: PText
    version: PText | None = None
    key: PText | None = None
    row: dict[str, RowValue] = pydantic.Field(default_factory=dict)


class PeriodModel(_Model):
    start: PDateText | None = None
    end: PDateText | None = None


class EventDateModel(_Model):
    """An event's period, which must have a start."""

    start: PDateText
    end: PDateText | None = None


class PostModel(_Model):
    title: PText
    organisation: PId | None = None
    period: PeriodModel | None = None


class ActorModel(_Model):
    id: PId
    name: PText
    kind: ActorKind
    aliases: frozenset[PText] = frozenset()
    parent: PId | None = None
    active: PeriodModel | None = None
    country: Annotated[str, pydantic.StringConstraints(pattern=COUNTRY_PATTERN)] | None = None
    external_ids: PTextMap = pydantic.Field(default_factory=dict)
    posts: tuple[PostModel, ...] = ()
    sources: frozenset[PId] = frozenset()
    origin: OriginModel | None = None


class PointModel(_Model):
    type: Literal["Point"]
    coordinates: PPosition


class MultiPointModel(_Model):
    type: Literal["MultiPoint"]
    coordinates: tuple[PPosition, ...]


class LineStringModel(_Model):
    type: Literal["LineString"]
    coordinates: PLine


class MultiLineStringModel(_Model):
    type: Literal["MultiLineString"]
    coordinates: tuple[PLine, ...]


class PolygonModel(_Model):
    type: Literal["Polygon"]
    coordinates: tuple[PRing, ...]


class MultiPolygonModel(_Model):
    type: Literal["MultiPolygon"]
    coordinates: tuple[tuple[PRing, ...], ...]


GeometryModel = Annotated[
    PointModel | MultiPointModel | LineStringModel | MultiLineStringModel | PolygonModel | MultiPolygonModel,
    pydantic.Field(discriminator="type"),
]


class TerritoryModel(_Model):
    id: PId
    name: PText
    kind: TerritoryKind
    parent: PId | None = None
    components: frozenset[PId] = frozenset()
    area_km2: Annotated[float, pydantic.Field(gt=0)] | None = None
    population: NonNegative | None = None
    geometry: GeometryModel | None = None
    aliases: frozenset[PText] = frozenset()
    names: PNames = pydantic.Field(default_factory=dict)
    external_ids: PTextMap = pydantic.Field(default_factory=dict)
    sources: frozenset[PId] = frozenset()
    origin: OriginModel | None = None


class ControlModel(_Model):
    id: PId
    territory: PId
    controllers: Annotated[tuple[PId, ...], pydantic.Field(min_length=1)]
    period: PeriodModel
    status: ControlStatus = ControlStatus.FULL
    opponents: frozenset[PId] = frozenset()
    basis: Basis = Basis.REPORTED
    confidence: Annotated[float, pydantic.Field(ge=0, le=1)] | None = None
    note: PText | None = None
    sources: frozenset[PId] = frozenset()
    origin: OriginModel | None = None


class AgreementActorModel(_Model):
    actor: PId
    roles: Annotated[frozenset[Role], pydantic.Field(min_length=1)]


class ProvisionModel(_Model):
    kind: PText
    text: PText | None = None


class LinkModel(_Model):
    relation: LinkRelation
    target: PId


class AgreementModel(_Model):
    id: PId
    name: PText
    kind: AgreementKind
    signed: PDateText | None = None
    in_force: PeriodModel | None = None
    status: AgreementStatus | None = None
    actors: tuple[AgreementActorModel, ...] = ()
    covers: frozenset[PId] = frozenset()
    provisions: tuple[ProvisionModel, ...] = ()
    links: tuple[LinkModel, ...] = ()
    process: PText | None = None
    verbatim_parties: tuple[PText, ...] = ()
    verbatim_third_parties: tuple[PText, ...] = ()
    description: PText | None = None
    sources: frozenset[PId] = frozenset()
    origin: OriginModel | None = None


class EventActorModel(_Model):
    actor: PId
    role: EventRole


class CoordinatesModel(_Model):
    lat: Annotated[float, pydantic.Field(ge=-90, le=90)]
    lon: Annotated[float, pydantic.Field(ge=-180, le=180)]
    precision: CoordinatePrecision = CoordinatePrecision.EXACT


class FatalitiesModel(_Model):
    best: NonNegative | None = None
    low: NonNegative | None = None
    high: NonNegative | None = None


class EventModel(_Model):
    id: PId
    kind: EventKind
    date: EventDateModel
    subkind: PText | None = None
    actors: tuple[EventActorModel, ...] = ()
    location: PId | None = None
    coordinates: CoordinatesModel | None = None
    fatalities: FatalitiesModel | None = None
    description: PText | None = None
    sources: frozenset[PId] = frozenset()
    origin: OriginModel | None = None


class MetaModel(_Model):
    title: PText
    description: PText | None = None
    as_of: PDateText | None = None
    sources: frozenset[PId] = frozenset()


class DocumentModel(_Model):
    """A whole scenario document."""

    # ``schema`` would shadow a (deprecated) BaseModel method, so the field has an alias.
    schema_: Literal["conflictmodel/1"] = pydantic.Field(alias="schema")
    meta: MetaModel
    sources: tuple[SourceModel, ...] = ()
    actors: tuple[ActorModel, ...] = ()
    territories: tuple[TerritoryModel, ...] = ()
    controls: tuple[ControlModel, ...] = ()
    agreements: tuple[AgreementModel, ...] = ()
    events: tuple[EventModel, ...] = ()


def pydantic_decode(data: bytes) -> DocumentModel:
    """A whole document from JSON bytes, validated strictly."""
    return DocumentModel.model_validate_json(data)


def pydantic_encode(document: DocumentModel) -> bytes:
    """The JSON text of a document as UTF-8 bytes, fields at their defaults left out: what
    ``model_dump_json`` computes before decoding it into a ``str``."""
    return document.__pydantic_serializer__.to_json(document, by_alias=True, exclude_defaults=True)


# === the same text form as conflictmodel.dumps ===========================================
#
# conflictmodel writes sorted keys, two-space indentation and a trailing newline. Each
# peer writes that form by its fastest documented route: msgspec reformats its sorted
# compact output (``msgspec.json.format``); pydantic dumps to JSON-ready Python data
# (``model_dump(mode="json")``, in Rust) that orjson writes indented and sorted, since
# pydantic's own ``model_dump_json(indent=2)`` cannot sort keys.


def msgspec_encode_text(encoder: msgspec.json.Encoder, document: DocumentStruct) -> bytes:
    """The document as sorted, two-space indented JSON text with a final newline."""
    return msgspec.json.format(encoder.encode(document), indent=2) + b"\n"


def pydantic_encode_text(document: DocumentModel) -> bytes:
    """The document as sorted, two-space indented JSON text with a final newline."""
    data = document.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE)
