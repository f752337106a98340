"""Field-level rules of every model class: what each accepts, what it refuses and why.

Each refused value must raise :class:`conflictmodel.FieldError` naming the field at fault,
at construction, before any object exists.
"""

import math
from collections.abc import Callable
from typing import Any

import attrs
import pytest

import conflictmodel as cm

P = cm.PartialDate.from_text


def period(start: str | None = None, end: str | None = None) -> cm.Period:
    return cm.Period.from_text(start, end)


SQUARE = ((36.0, 35.0), (37.0, 35.0), (37.0, 36.0), (36.0, 35.0))

# The smallest valid keyword arguments of every model class.
MINIMAL: dict[type[Any], Callable[[], dict[str, Any]]] = {
    cm.Actor: lambda: {"id": "ru", "name": "Russia", "kind": cm.ActorKind.STATE},
    cm.Post: lambda: {"title": "President"},
    cm.Alliance: lambda: {"id": "astana", "name": "Astana format", "kind": cm.AllianceKind.GUARANTOR_FORMAT},
    cm.Membership: lambda: {"actor": "ru"},
    cm.Support: lambda: {
        "id": "sup1",
        "supporter": "ru",
        "recipient": "sy",
        "kinds": frozenset({cm.SupportKind.TROOPS}),
    },
    cm.Hostility: lambda: {"id": "h1", "side_a": ("sy",), "side_b": ("reb",)},
    cm.Territory: lambda: {"id": "idlib", "name": "Idlib", "kind": cm.TerritoryKind.ADMIN1},
    cm.Geometry: lambda: {"type": cm.GeometryType.POINT, "coordinates": (36.6, 35.9)},
    cm.Control: lambda: {"id": "c1", "territory": "idlib", "controllers": ("reb",), "period": period("2017")},
    cm.Agreement: lambda: {"id": "mou", "name": "Astana memorandum", "kind": cm.AgreementKind.DE_ESCALATION},
    cm.AgreementActor: lambda: {"actor": "ru", "roles": frozenset({cm.Role.GUARANTOR})},
    cm.Provision: lambda: {"kind": "Ce"},
    cm.Link: lambda: {"relation": cm.LinkRelation.PART_OF, "target": "astana-process"},
    cm.Event: lambda: {"id": "e1", "kind": cm.EventKind.AIR_STRIKE, "date": period("2017-11-13", "2017-11-13")},
    cm.EventActor: lambda: {"actor": "ru", "role": cm.EventRole.SIDE_A},
    cm.Coordinates: lambda: {"lat": 35.9, "lon": 36.6},
    cm.Portion: lambda: {"fraction": 0.5},
    cm.Fatalities: dict,
    cm.Violation: lambda: {"id": "v1", "agreement": "mou", "violator": "sy", "date": P("2017-11")},
    cm.Source: lambda: {"id": "s1", "title": "A report"},
    cm.Origin: lambda: {"dataset": "ucdp-ged"},
    cm.Meta: lambda: {"title": "Syria, late 2017"},
    cm.Scenario: lambda: {"meta": cm.Meta(title="Syria, late 2017")},
}
MODEL_CLASSES = sorted(MINIMAL, key=lambda cls: cls.__name__)


def make(cls: type[Any], **overrides: Any) -> Any:
    return cls(**{**MINIMAL[cls](), **overrides})


def test_every_model_class_of_the_format_is_covered() -> None:
    """Every exported class that the JSON format holds (a ``$defs`` entry of the schema,
    or the scenario itself) has a minimal valid construction here."""
    in_format = set(cm.json_schema()["$defs"]) | {"Scenario", "Geometry"}
    exported = {getattr(cm, name) for name in cm.__all__}
    models = {obj for obj in exported if isinstance(obj, type) and attrs.has(obj) and obj.__name__ in in_format}
    assert models - {cm.Period} == set(MINIMAL)


# --- every class ---------------------------------------------------------------------


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_minimal_construction(cls: type[Any]) -> None:
    obj = make(cls)
    assert obj == make(cls)


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_every_class_is_frozen(cls: type[Any]) -> None:
    obj = make(cls)
    first = attrs.fields(cls)[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(obj, first, getattr(obj, first))


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_every_class_has_slots(cls: type[Any]) -> None:
    assert not hasattr(make(cls), "__dict__")


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_every_class_is_hashable_by_value(cls: type[Any]) -> None:
    assert hash(make(cls)) == hash(make(cls))
    assert len({make(cls), make(cls)}) == 1


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_every_class_is_keyword_only(cls: type[Any]) -> None:
    assert [] == [a.name for a in attrs.fields(cls) if a.init and not a.kw_only]
    positional = list(MINIMAL[cls]().values()) or [None]
    with pytest.raises(TypeError):
        cls(*positional)


def test_field_error_is_a_value_error_and_a_conflictmodel_error() -> None:
    with pytest.raises(ValueError, match="name") as info:
        make(cm.Actor, name="")
    assert isinstance(info.value, cm.FieldError)
    assert isinstance(info.value, cm.ConflictModelError)


# --- refused values ------------------------------------------------------------------

BAD_IDS = {
    "space": "has space",
    "empty": "",
    "65-chars": "a" * 65,
    "leading-dash": "-ru",
    "leading-dot": ".ru",
    "slash": "ru/army",
    "non-ascii": "r\u00fc",
    "int": 7,
    "none": None,
}

Case = tuple[type[Any], dict[str, Any], str]


def _id_cases() -> list[Any]:
    fields = {
        cm.Actor: ["id"],
        cm.Alliance: ["id"],
        cm.Support: ["id", "supporter", "recipient"],
        cm.Hostility: ["id"],
        cm.Territory: ["id"],
        cm.Control: ["id", "territory"],
        cm.Agreement: ["id"],
        cm.AgreementActor: ["actor"],
        cm.Link: ["target"],
        cm.Event: ["id"],
        cm.EventActor: ["actor"],
        cm.Membership: ["actor"],
        cm.Violation: ["id", "agreement", "violator"],
        cm.Source: ["id"],
    }
    cases = []
    for cls, names in fields.items():
        for name in names:
            for label, bad in BAD_IDS.items():
                cases.append(pytest.param(cls, {name: bad}, name, id=f"{cls.__name__}.{name}-{label}"))
    return cases


def test_a_64_char_id_is_accepted() -> None:
    assert "a" * 64 == make(cm.Actor, id="a" * 64).id


@pytest.mark.parametrize("good", ["ru", "SY", "sy-gov", "ucdp:123", "a.b_c-d:e", "0", "9abc"])
def test_well_formed_ids_are_accepted(good: str) -> None:
    assert good == make(cm.Actor, id=good).id


@pytest.mark.parametrize(("cls", "overrides", "field"), _id_cases())
def test_bad_ids_are_refused(cls: type[Any], overrides: dict[str, Any], field: str) -> None:
    with pytest.raises(cm.FieldError) as info:
        make(cls, **overrides)
    assert field == info.value.field


def param(cls: type[Any], field: str, label: str, **overrides: Any) -> Any:
    return pytest.param(cls, overrides, field, id=f"{cls.__name__}.{field}-{label}")


NAN, INF = math.nan, math.inf

REFUSED = [
    # optional ids and id collections
    param(cm.Actor, "parent", "space", parent="a b"),
    param(cm.Post, "organisation", "space", organisation="a b"),
    param(cm.Alliance, "founding_agreement", "empty", founding_agreement=""),
    param(cm.Territory, "parent", "leading-dash", parent="-sy"),
    param(cm.Event, "location", "space", location="east ghouta"),
    param(cm.Actor, "sources", "bad-item", sources=frozenset({"s 1"})),
    param(cm.Actor, "sources", "list", sources=["s1"]),
    param(cm.Actor, "sources", "str", sources="s1"),
    param(cm.Territory, "components", "tuple", components=("a", "b")),
    param(cm.Agreement, "covers", "bad-item", covers=frozenset({""})),
    param(cm.Violation, "alleged_by", "bad-item", alleged_by=frozenset({"-x"})),
    param(cm.Violation, "events", "list", events=["e1"]),
    param(cm.Meta, "sources", "bad-item", sources=frozenset({"a b"})),
    param(cm.Hostility, "side_a", "empty", side_a=()),
    param(cm.Hostility, "side_b", "empty", side_b=()),
    param(cm.Hostility, "side_a", "repeated", side_a=("sy", "sy")),
    param(cm.Hostility, "side_b", "list", side_b=["reb"]),
    param(cm.Hostility, "side_a", "bad-item", side_a=("sy", "a b")),
    param(cm.Control, "controllers", "empty", controllers=()),
    param(cm.Control, "controllers", "repeated", controllers=("reb", "reb")),
    param(cm.Control, "controllers", "str", controllers="reb"),
    # names and texts
    param(cm.Actor, "name", "empty", name=""),
    param(cm.Actor, "name", "blank", name="   "),
    param(cm.Actor, "name", "tab-newline", name="\t\n"),
    param(cm.Actor, "name", "int", name=5),
    param(cm.Actor, "name", "none", name=None),
    param(cm.Alliance, "name", "blank", name=" "),
    param(cm.Territory, "name", "empty", name=""),
    param(cm.Agreement, "name", "blank", name=" "),
    param(cm.Hostility, "name", "empty", name=""),
    param(cm.Post, "title", "blank", title=" "),
    param(cm.Provision, "kind", "empty", kind=""),
    param(cm.Provision, "text", "blank", text="  "),
    param(cm.Source, "title", "empty", title=""),
    param(cm.Source, "publisher", "blank", publisher=" "),
    param(cm.Source, "locator", "int", locator=1),
    param(cm.Origin, "dataset", "empty", dataset=""),
    param(cm.Origin, "version", "blank", version=" "),
    param(cm.Origin, "key", "int", key=12),
    param(cm.Meta, "title", "blank", title=" "),
    param(cm.Meta, "description", "empty", description=""),
    param(cm.Event, "subkind", "empty", subkind=""),
    param(cm.Event, "description", "blank", description=" "),
    param(cm.Support, "description", "empty", description=""),
    param(cm.Control, "note", "blank", note=" "),
    param(cm.Violation, "description", "empty", description=""),
    param(cm.Agreement, "process", "empty", process=""),
    param(cm.Agreement, "description", "blank", description="\n"),
    param(cm.Actor, "aliases", "blank-item", aliases=frozenset({" "})),
    param(cm.Actor, "aliases", "list", aliases=["Assad regime"]),
    param(cm.Territory, "aliases", "int-item", aliases=frozenset({1})),
    param(cm.Agreement, "verbatim_parties", "blank-item", verbatim_parties=("Russia", "")),
    param(cm.Agreement, "verbatim_third_parties", "list", verbatim_third_parties=["UN"]),
    # enumerations: the member, never its value
    param(cm.Actor, "kind", "value-str", kind="state"),
    param(cm.Actor, "kind", "other-enum", kind=cm.TerritoryKind.COUNTRY),
    param(cm.Alliance, "kind", "value-str", kind="coalition"),
    param(cm.Alliance, "obligations", "value-str", obligations=frozenset({"defence"})),
    param(cm.Support, "kinds", "value-str", kinds=frozenset({"troops"})),
    param(cm.Support, "kinds", "empty", kinds=frozenset()),
    param(cm.Hostility, "intensity", "value-str", intensity="war"),
    param(cm.Hostility, "incompatibility", "value-str", incompatibility="government"),
    param(cm.Territory, "kind", "value-str", kind="admin1"),
    param(cm.Geometry, "type", "value-str", type="Point"),
    param(cm.Control, "status", "value-str", status="full"),
    param(cm.Control, "basis", "value-str", basis="observed"),
    param(cm.Agreement, "kind", "value-str", kind="ceasefire"),
    param(cm.Agreement, "status", "value-str", status="signed"),
    param(cm.AgreementActor, "roles", "value-str", roles=frozenset({"party"})),
    param(cm.AgreementActor, "roles", "empty", roles=frozenset()),
    param(cm.AgreementActor, "roles", "list", roles=[cm.Role.PARTY]),
    param(cm.Link, "relation", "value-str", relation="part_of"),
    param(cm.Event, "kind", "value-str", kind="battle"),
    param(cm.EventActor, "role", "value-str", role="side_a"),
    param(cm.Coordinates, "precision", "value-str", precision="exact"),
    param(cm.Violation, "status", "value-str", status="alleged"),
    # integers: no bools, no floats, no negatives
    param(cm.Territory, "population", "bool", population=True),
    param(cm.Territory, "population", "negative", population=-1),
    param(cm.Territory, "population", "float", population=12.0),
    param(cm.Territory, "population", "str", population="12"),
    param(cm.Fatalities, "best", "bool", best=True),
    param(cm.Fatalities, "low", "negative", low=-1),
    param(cm.Fatalities, "high", "float", high=3.0),
    # numbers: finite, in range, no bools or strings
    param(cm.Territory, "area_km2", "zero", area_km2=0),
    param(cm.Territory, "area_km2", "zero-float", area_km2=0.0),
    param(cm.Territory, "area_km2", "negative", area_km2=-5.0),
    param(cm.Territory, "area_km2", "nan", area_km2=NAN),
    param(cm.Territory, "area_km2", "inf", area_km2=INF),
    param(cm.Territory, "area_km2", "bool", area_km2=True),
    param(cm.Territory, "area_km2", "str", area_km2="10"),
    param(cm.Coordinates, "lat", "91", lat=91.0),
    param(cm.Coordinates, "lat", "-91", lat=-91.0),
    param(cm.Coordinates, "lat", "int-91", lat=91),
    param(cm.Coordinates, "lon", "181", lon=181.0),
    param(cm.Coordinates, "lon", "-181", lon=-181),
    param(cm.Coordinates, "lat", "nan", lat=NAN),
    param(cm.Coordinates, "lon", "inf", lon=INF),
    param(cm.Coordinates, "lon", "-inf", lon=-INF),
    param(cm.Coordinates, "lat", "bool", lat=True),
    param(cm.Coordinates, "lat", "str", lat="35.9"),
    param(cm.Control, "confidence", "1.5", confidence=1.5),
    param(cm.Control, "confidence", "negative", confidence=-0.1),
    param(cm.Control, "confidence", "nan", confidence=NAN),
    param(cm.Control, "confidence", "int-2", confidence=2),
    # booleans
    param(cm.Support, "alleged", "int", alleged=1),
    param(cm.Support, "alleged", "str", alleged="yes"),
    # fatalities: low, best and high in order
    param(cm.Fatalities, "low", "low-above-best", low=5, best=3),
    param(cm.Fatalities, "high", "best-above-high", best=5, high=3),
    param(cm.Fatalities, "high", "low-above-high", low=5, high=3),
    # control status and opponents
    param(cm.Control, "opponents", "contested-without", status=cm.ControlStatus.CONTESTED),
    param(cm.Control, "opponents", "besieged-without", status=cm.ControlStatus.BESIEGED),
    param(cm.Control, "opponents", "on-full", opponents=frozenset({"sy"})),
    param(cm.Control, "opponents", "on-partial", status=cm.ControlStatus.PARTIAL, opponents=frozenset({"sy"})),
    param(
        cm.Control,
        "opponents",
        "overlapping-controllers",
        status=cm.ControlStatus.CONTESTED,
        controllers=("reb", "hts"),
        opponents=frozenset({"sy", "hts"}),
    ),
    param(cm.Control, "opponents", "bad-item", status=cm.ControlStatus.BESIEGED, opponents=frozenset({"a b"})),
    # the portion a partial record holds
    param(cm.Portion, "fraction", "zero", fraction=0.0),
    param(cm.Portion, "fraction", "above-one", fraction=1.5),
    param(cm.Portion, "fraction", "nan", fraction=NAN),
    param(cm.Portion, "fraction", "str", fraction="0.5"),
    param(cm.Portion, "basis", "str", basis="modelled"),
    param(cm.Control, "portion", "on-full", portion=cm.Portion(fraction=0.5)),
    param(
        cm.Control,
        "portion",
        "on-contested",
        status=cm.ControlStatus.CONTESTED,
        opponents=frozenset({"sy"}),
        portion=cm.Portion(fraction=0.5),
    ),
    # agreements
    param(
        cm.Agreement,
        "actors",
        "one-actor-twice",
        actors=(
            make(cm.AgreementActor, roles=frozenset({cm.Role.GUARANTOR})),
            make(cm.AgreementActor, roles=frozenset({cm.Role.PARTY})),
        ),
    ),
    param(cm.Agreement, "actors", "dict-items", actors=({"actor": "ru", "roles": ["party"]},)),
    param(cm.Agreement, "provisions", "list", provisions=[cm.Provision(kind="Ce")]),
    param(cm.Agreement, "links", "wrong-type", links=(cm.Provision(kind="Ce"),)),
    # actors: posts, countries, external ids
    param(cm.Actor, "posts", "state-with-post", posts=(cm.Post(title="President"),)),
    param(
        cm.Actor,
        "posts",
        "group-with-post",
        kind=cm.ActorKind.ARMED_GROUP,
        posts=(cm.Post(title="Leader"),),
    ),
    param(cm.Actor, "country", "lower-alpha2", country="sy"),
    param(cm.Actor, "country", "name", country="SYRIA"),
    param(cm.Actor, "country", "lower-alpha3", country="syr"),
    param(cm.Actor, "country", "alpha2", country="SY"),
    param(cm.Actor, "country", "empty", country=""),
    param(cm.Actor, "external_ids", "upper-key", external_ids={"COW": "652"}),
    param(cm.Actor, 'external_ids["cow"]', "int-value", external_ids={"cow": 652}),
    param(cm.Actor, 'external_ids["cow"]', "blank-value", external_ids={"cow": " "}),
    param(cm.Territory, "names", "bad-language", names={"Arabic": "x"}),
    param(cm.Origin, "row['deaths']", "list-value", row={"deaths": [1, 2]}),
    param(cm.Origin, "row['gap']", "list-among-scalars", row={"a": "x", "gap": [], "z": 1.5}),
    param(cm.Origin, "row", "int-column", row={7: "x"}),
    # dates and periods
    param(cm.Actor, "active", "str", active="2011/2017"),
    param(cm.Post, "period", "partial-date", period=P("2000")),
    param(cm.Membership, "period", "tuple", period=("2017", None)),
    param(cm.Control, "period", "none", period=None),
    param(cm.Event, "date.start", "no-start", date=period(None, "2017-11-13")),
    param(cm.Event, "date.start", "open", date=cm.Period()),
    param(cm.Event, "date", "none", date=None),
    param(cm.Event, "date", "partial-date", date=P("2017-11-13")),
    param(cm.Violation, "date", "str", date="2017-11"),
    param(cm.Violation, "date", "period", date=period("2017")),
    param(cm.Agreement, "signed", "str", signed="2017-05-04"),
    param(cm.Source, "date", "date", date="2017"),
    param(cm.Meta, "as_of", "str", as_of="2017-11-30"),
    # nested objects of the wrong type
    param(cm.Event, "coordinates", "tuple", coordinates=(35.9, 36.6)),
    param(cm.Event, "fatalities", "int", fatalities=3),
    param(cm.Event, "actors", "wrong-type", actors=(make(cm.Membership),)),
    param(cm.Territory, "geometry", "dict", geometry={"type": "Point", "coordinates": [1.0, 2.0]}),
    param(cm.Actor, "origin", "dict", origin={"dataset": "ucdp"}),
    param(cm.Alliance, "members", "ids", members=("ru", "tr")),
    param(cm.Scenario, "meta", "none", meta=None),
    param(cm.Scenario, "actors", "list", actors=[]),
    param(cm.Scenario, "territories", "wrong-type", territories=(cm.Meta(title="x"),)),
    param(cm.Scenario, "actors", "none-item", actors=(None,)),
    param(cm.Scenario, "territories", "other-record-kind", territories=(make(cm.Source),)),
    # geometry
    param(cm.Geometry, "coordinates", "point-lon-181", coordinates=(181.0, 0.0)),
    param(cm.Geometry, "coordinates", "point-lat-91", coordinates=(0.0, 91.0)),
    param(cm.Geometry, "coordinates", "point-int", coordinates=(36, 35)),
    param(cm.Geometry, "coordinates", "point-one-number", coordinates=(36.0,)),
    param(cm.Geometry, "coordinates", "point-four-numbers", coordinates=(36.0, 35.0, 1.0, 2.0)),
    param(cm.Geometry, "coordinates", "point-nan", coordinates=(NAN, 35.0)),
    param(cm.Geometry, "coordinates", "point-list", coordinates=[36.0, 35.0]),
    param(cm.Geometry, "coordinates", "point-nested", coordinates=((36.0, 35.0),)),
    param(
        cm.Geometry,
        "coordinates[0]",
        "unclosed-ring",
        type=cm.GeometryType.POLYGON,
        coordinates=(((36.0, 35.0), (37.0, 35.0), (37.0, 36.0), (36.5, 35.5)),),
    ),
    param(
        cm.Geometry,
        "coordinates[0]",
        "ring-of-3",
        type=cm.GeometryType.POLYGON,
        coordinates=(((36.0, 35.0), (37.0, 35.0), (36.0, 35.0)),),
    ),
    param(
        cm.Geometry,
        "coordinates[1]",
        "second-ring-unclosed",
        type=cm.GeometryType.POLYGON,
        coordinates=(SQUARE, ((36.2, 35.2), (36.4, 35.2), (36.4, 35.4), (36.2, 35.4))),
    ),
    param(
        cm.Geometry,
        "coordinates[1][0]",
        "multipolygon-ring-of-3",
        type=cm.GeometryType.MULTI_POLYGON,
        coordinates=((SQUARE,), (((0.0, 0.0), (1.0, 0.0), (0.0, 0.0)),)),
    ),
    param(
        cm.Geometry,
        "coordinates",
        "linestring-of-1",
        type=cm.GeometryType.LINE_STRING,
        coordinates=((36.0, 35.0),),
    ),
    param(
        cm.Geometry,
        "coordinates[1]",
        "multilinestring-of-1",
        type=cm.GeometryType.MULTI_LINE_STRING,
        coordinates=(((36.0, 35.0), (37.0, 35.0)), ((36.0, 35.0),)),
    ),
    param(
        cm.Geometry,
        "coordinates[0][0]",
        "polygon-nested-too-shallow",
        type=cm.GeometryType.POLYGON,
        coordinates=((36.0, 35.0),),
    ),
    param(
        cm.Geometry,
        "coordinates[0]",
        "linestring-nested-too-deep",
        type=cm.GeometryType.LINE_STRING,
        coordinates=(((36.0, 35.0), (37.0, 35.0)),),
    ),
    param(
        cm.Geometry,
        "coordinates[1]",
        "multipoint-int",
        type=cm.GeometryType.MULTI_POINT,
        coordinates=((36.0, 35.0), (37, 35)),
    ),
    param(
        cm.Geometry,
        "coordinates[0][2]",
        "polygon-int",
        type=cm.GeometryType.POLYGON,
        coordinates=(((36.0, 35.0), (37.0, 35.0), (37, 36), (36.0, 35.0)),),
    ),
]


@pytest.mark.parametrize(("cls", "overrides", "field"), REFUSED)
def test_refused_values_name_their_field(cls: type[Any], overrides: dict[str, Any], field: str) -> None:
    with pytest.raises(cm.FieldError) as info:
        make(cls, **overrides)
    assert field == info.value.field


# --- accepted values and normalisation -----------------------------------------------


def test_int_is_accepted_for_number_fields_and_stored_as_float() -> None:
    coordinates = make(cm.Coordinates, lat=36, lon=-180)
    territory = make(cm.Territory, area_km2=185180)
    control = make(cm.Control, confidence=1)
    assert (36.0, -180.0, 185180.0, 1.0) == (coordinates.lat, coordinates.lon, territory.area_km2, control.confidence)
    assert {float} == {type(v) for v in (coordinates.lat, coordinates.lon, territory.area_km2, control.confidence)}


@pytest.mark.parametrize(("lat", "lon"), [(90.0, 180.0), (-90.0, -180.0), (0.0, 0.0)])
def test_coordinates_accept_the_edges_of_their_range(lat: float, lon: float) -> None:
    assert (lat, lon) == (make(cm.Coordinates, lat=lat, lon=lon).lat, make(cm.Coordinates, lat=lat, lon=lon).lon)


def test_control_confidence_accepts_0_and_1() -> None:
    assert [0.0, 1.0] == [make(cm.Control, confidence=0.0).confidence, make(cm.Control, confidence=1.0).confidence]


def test_population_accepts_zero() -> None:
    assert 0 == make(cm.Territory, population=0).population


@pytest.mark.parametrize(
    ("low", "best", "high"),
    [(2, 3, 5), (3, 3, 3), (None, 3, None), (2, None, 5), (0, 0, 0), (None, None, None), (5, None, None)],
)
def test_fatalities_accept_ordered_or_partial_estimates(low: int | None, best: int | None, high: int | None) -> None:
    f = cm.Fatalities(low=low, best=best, high=high)
    assert (low, best, high) == (f.low, f.best, f.high)


def test_partial_control_may_say_what_portion_it_holds() -> None:
    portion = cm.Portion(fraction=1, basis=cm.Basis.MODELLED, note="the towns west of the river")
    control = make(cm.Control, status=cm.ControlStatus.PARTIAL, portion=portion)
    assert (1.0, float) == (control.portion.fraction, type(control.portion.fraction))


@pytest.mark.parametrize("status", [cm.ControlStatus.CONTESTED, cm.ControlStatus.BESIEGED])
def test_contested_and_besieged_control_accept_disjoint_opponents(status: cm.ControlStatus) -> None:
    control = make(cm.Control, status=status, opponents=frozenset({"sy", "ru"}))
    assert frozenset({"sy", "ru"}) == control.opponents


def test_person_may_hold_posts() -> None:
    post = make(cm.Post, title="President of Syria", organisation="sy", period=period("2000-07-17"))
    assad = make(cm.Actor, id="assad", name="Bashar al-Assad", kind=cm.ActorKind.PERSON, posts=(post,))
    assert (post,) == assad.posts


def test_actor_country_accepts_iso_alpha3() -> None:
    assert "SYR" == make(cm.Actor, country="SYR").country


def test_agreement_keeps_each_actor_once_with_several_roles() -> None:
    tr = make(cm.AgreementActor, actor="tr", roles=frozenset({cm.Role.GUARANTOR, cm.Role.PARTY}))
    ru = make(cm.AgreementActor)
    agreement = make(cm.Agreement, actors=(tr, ru))
    assert (frozenset({cm.Role.GUARANTOR, cm.Role.PARTY}), ("tr", "ru"), frozenset()) == (
        agreement.roles_of("tr"),
        agreement.actors_with(cm.Role.GUARANTOR),
        agreement.roles_of("ir"),
    )


def test_external_ids_dict_is_frozen_into_a_frozen_map() -> None:
    actor = make(cm.Actor, external_ids={"ucdp": "220", "cow": "652"})
    assert isinstance(actor.external_ids, cm.FrozenMap)
    assert {"cow": "652", "ucdp": "220"} == actor.external_ids
    assert ["cow", "ucdp"] == list(actor.external_ids)


def test_origin_row_keeps_scalars_verbatim() -> None:
    row = {"deaths_a": 3, "where_prec": 1, "latitude": 35.9, "active": True, "gap": None, "name": "x"}
    origin = make(cm.Origin, row=row)
    assert row == origin.row


def test_event_date_with_start_only_is_accepted() -> None:
    assert make(cm.Event, date=period("2017-11")).date.end is None


def test_geometry_accepts_every_type() -> None:
    shapes: dict[cm.GeometryType, cm.GeometryCoordinates] = {
        cm.GeometryType.POINT: (36.0, 35.0, 120.0),
        cm.GeometryType.MULTI_POINT: ((36.0, 35.0),),
        cm.GeometryType.LINE_STRING: ((36.0, 35.0), (37.0, 35.0)),
        cm.GeometryType.MULTI_LINE_STRING: (((36.0, 35.0), (37.0, 35.0)),),
        cm.GeometryType.POLYGON: (SQUARE,),
        cm.GeometryType.MULTI_POLYGON: ((SQUARE,), (SQUARE,)),
    }
    geometries = [cm.Geometry(type=kind, coordinates=coordinates) for kind, coordinates in shapes.items()]
    assert list(shapes.values()) == [g.coordinates for g in geometries]


def test_geometry_positions_and_bbox() -> None:
    square = cm.Geometry(type=cm.GeometryType.POLYGON, coordinates=(SQUARE,))
    assert (list(SQUARE), (36.0, 35.0, 37.0, 36.0)) == (square.positions(), square.bbox())


def test_decoded_ids_are_interned() -> None:
    """Ids read from JSON share one string object (memory for large scenarios)."""
    made = "".join(["s", "y"])  # noqa: FLY002 - a str equal to "sy" but not the same object
    first = cm.from_dict(cm.Actor, {"id": made, "name": "Syria", "kind": "state"})
    second = cm.from_dict(cm.Actor, {"id": "sy", "name": "Syria", "kind": "state"})
    assert first.id is second.id


# --- the scenario --------------------------------------------------------------------


def actor(id_: str) -> cm.Actor:
    actor: cm.Actor = make(cm.Actor, id=id_, name=id_.upper())
    return actor


def territory(id_: str) -> cm.Territory:
    territory: cm.Territory = make(cm.Territory, id=id_, name=id_.upper())
    return territory


def test_scenario_sorts_each_collection_by_id() -> None:
    scenario = make(
        cm.Scenario,
        actors=(actor("tr"), actor("ir"), actor("ru")),
        territories=(territory("idlib"), territory("daraa"), territory("aleppo")),
        sources=(make(cm.Source, id="s2"), make(cm.Source, id="s1")),
    )
    assert (["ir", "ru", "tr"], ["aleppo", "daraa", "idlib"], ["s1", "s2"]) == (
        [a.id for a in scenario.actors],
        [t.id for t in scenario.territories],
        [s.id for s in scenario.sources],
    )


def test_scenarios_built_in_different_orders_are_equal() -> None:
    one = make(cm.Scenario, actors=(actor("tr"), actor("ru")))
    other = make(cm.Scenario, actors=(actor("ru"), actor("tr")))
    assert one == other
    assert hash(one) == hash(other)


def test_scenario_get_and_find() -> None:
    ru = actor("ru")
    idlib = territory("idlib")
    scenario = make(cm.Scenario, actors=(ru,), territories=(idlib,))
    assert (ru, idlib, ru, None) == (scenario.get("ru"), scenario.get("idlib"), scenario.find("ru"), scenario.find("x"))
    assert ("ru" in scenario, "x" in scenario) == (True, False)


def test_scenario_get_unknown_id_raises_unknown_id_error() -> None:
    scenario = make(cm.Scenario, actors=(actor("ru"),))
    with pytest.raises(cm.UnknownIdError) as info:
        scenario.get("us")
    assert "us" == info.value.id
    assert isinstance(info.value, KeyError)
    assert isinstance(info.value, cm.ConflictModelError)


def test_scenario_get_unknown_id_can_be_caught_as_key_error() -> None:
    with pytest.raises(KeyError):
        make(cm.Scenario).get("ru")


def test_scenario_get_with_a_duplicate_id_returns_the_first_in_format_order() -> None:
    source = make(cm.Source, id="x")
    scenario = make(cm.Scenario, sources=(source,), actors=(actor("x"),))
    assert source == scenario.get("x")


def test_evolved_scenario_has_its_own_index() -> None:
    scenario = make(cm.Scenario, actors=(actor("ru"),))
    assert scenario.find("tr") is None
    evolved = attrs.evolve(scenario, actors=(*scenario.actors, actor("tr")))
    assert (actor("tr"), None) == (evolved.get("tr"), scenario.find("tr"))


def test_scenario_counts_and_lists_records_in_format_order() -> None:
    scenario = make(
        cm.Scenario,
        territories=(territory("idlib"),),
        actors=(actor("tr"), actor("ru")),
        sources=(make(cm.Source, id="s1"),),
    )
    assert (4, ["s1", "ru", "tr", "idlib"]) == (len(scenario), [r.id for r in scenario.records()])


# --- static typing ---------------------------------------------------------------------


def test_constructors_take_plain_values_under_mypy() -> None:
    """Users pass plain ``str`` ids, ``dict`` maps, ``int`` numbers and ``frozenset`` ids.

    ``mypy --strict`` checks this file; this call must type-check as written.
    """
    actor = cm.Actor(
        id="ru", name="Russia", kind=cm.ActorKind.STATE, external_ids={"cow": "365"}, sources=frozenset({"s1"})
    )
    territory = cm.Territory(id="idlib", name="Idlib", kind=cm.TerritoryKind.ADMIN1, area_km2=6097)
    assert ("ru", 6097.0) == (actor.id, territory.area_km2)
