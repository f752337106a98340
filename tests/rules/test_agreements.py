"""Rules CM6xx, agreements and events: each with a passing and a failing scenario, and the shapes
that are easy to get wrong."""

import pytest

import conflictmodel as cm
from conflictmodel._model._geometry import contains_point
from rule_helpers import SQUARE, Case, actor, agreement, case_tests, event, party, period, territory, world


def _cases() -> dict[str, Case]:
    cases: dict[str, Case] = {}
    exact = cm.CoordinatePrecision.EXACT
    cases["CM601"] = (
        world(
            territories=(territory("t", geometry=SQUARE), territory("town", parent="t")),
            events=(
                event(
                    "e1", "2017-11-14", location="town", coordinates=cm.Coordinates(lat=35.5, lon=36.5, precision=exact)
                ),
            ),
        ),
        world(
            territories=(territory("t", geometry=SQUARE), territory("town", parent="t")),
            events=(
                event(
                    "e1", "2017-11-14", location="town", coordinates=cm.Coordinates(lat=33.5, lon=36.5, precision=exact)
                ),
            ),
        ),
        [("$.events[0].coordinates", ("e1", "t"))],
    )
    in_force = agreement("g", in_force=period("2017-05-06", "2017-12"))
    cases["CM602"] = (
        world(
            agreements=(in_force,),
            violations=(cm.Violation(id="v", agreement="g", violator="x", date=cm.PartialDate(2017, 11)),),
        ),
        world(
            agreements=(in_force,),
            violations=(cm.Violation(id="v", agreement="g", violator="x", date=cm.PartialDate(2016)),),
        ),
        [("$.violations[0].date", ("v", "g"))],
    )
    status = cm.AgreementStatus.IN_FORCE
    cases["CM603"] = (
        world(
            agreements=(
                agreement("g", status=status, in_force=period("2016-12-30", None)),
                agreement("h", status=cm.AgreementStatus.SIGNED),
            )
        ),
        world(agreements=(agreement("g", in_force=period("2017-05-06", None)), agreement("h", status=status))),
        [("$.agreements[1].in_force", ("h",))],
    )
    truce = agreement("g", in_force=period("2016-12-30", None), actors=(party("gov"), party("is", cm.Role.EXCLUDED)))
    cases["CM604"] = (
        world(
            actors=(actor("gov"), actor("is"), actor("cell", parent="is")),
            agreements=(truce,),
            violations=(cm.Violation(id="v", agreement="g", violator="gov", date=cm.PartialDate(2017, 3)),),
        ),
        world(
            actors=(actor("gov"), actor("is"), actor("cell", parent="is")),
            agreements=(truce,),
            violations=(
                cm.Violation(id="v1", agreement="g", violator="is", date=cm.PartialDate(2017, 3)),
                cm.Violation(id="v2", agreement="g", violator="cell", date=cm.PartialDate(2017, 4)),
                cm.Violation(id="v3", agreement="g", violator="gov", date=cm.PartialDate(2017, 5)),
            ),
        ),
        [("$.violations[0].violator", ("v1", "g")), ("$.violations[1].violator", ("v2", "g"))],
    )
    return cases


CASES = _cases()
(
    test_rule_passes_on_the_passing_scenario,
    test_rule_fails_on_the_failing_scenario,
    test_passing_scenarios_break_no_rule_of_severity_error,
) = case_tests(CASES)


def test_near_coordinates_may_lie_just_outside_and_coarse_ones_are_not_checked() -> None:
    near = cm.CoordinatePrecision.NEAR
    places = (territory("t", geometry=SQUARE),)
    close = world(
        territories=places,
        events=(
            event("e", "2017-01-01", location="t", coordinates=cm.Coordinates(lat=36.1, lon=36.5, precision=near)),
        ),
    )
    far = world(
        territories=places,
        events=(
            event("e", "2017-01-01", location="t", coordinates=cm.Coordinates(lat=37.0, lon=36.5, precision=near)),
        ),
    )
    coarse = world(
        territories=places,
        events=(
            event(
                "e",
                "2017-01-01",
                location="t",
                coordinates=cm.Coordinates(lat=10.0, lon=10.0, precision=cm.CoordinatePrecision.ADMIN1),
            ),
        ),
    )
    assert () == cm.validate(close, select="CM601").findings
    assert ["CM601"] == [f.code for f in cm.validate(far, select="CM601").findings]
    assert () == cm.validate(coarse, select="CM601").findings


def test_points_in_multipolygons_with_holes() -> None:
    outer = ((0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0), (0.0, 0.0))
    hole = ((4.0, 4.0), (6.0, 4.0), (6.0, 6.0), (4.0, 6.0), (4.0, 4.0))
    far = ((20.0, 20.0), (21.0, 20.0), (21.0, 21.0), (20.0, 21.0), (20.0, 20.0))
    shape = cm.Geometry(type=cm.GeometryType.MULTI_POLYGON, coordinates=((outer, hole), (far,)))
    assert contains_point(shape, 1.0, 1.0)
    assert not contains_point(shape, 5.0, 5.0)
    assert contains_point(shape, 20.5, 20.5)
    assert not contains_point(shape, 15.0, 15.0)


def test_point_geometries_give_no_location_check() -> None:
    dot = cm.Geometry(type=cm.GeometryType.POINT, coordinates=(36.0, 35.0))
    scenario = world(
        territories=(territory("t", geometry=dot),),
        events=(event("e", "2017-01-01", location="t", coordinates=cm.Coordinates(lat=10.0, lon=10.0)),),
    )
    assert () == cm.validate(scenario, select="CM601").findings


def test_every_event_at_one_location_is_checked_against_its_geometry() -> None:
    exact = cm.CoordinatePrecision.EXACT
    scenario = world(
        territories=(territory("t", geometry=SQUARE),),
        events=tuple(
            event(f"e{i}", "2017-01-01", location="t", coordinates=cm.Coordinates(lat=lat, lon=36.5, precision=exact))
            for i, lat in enumerate((35.5, 30.0, 31.0))
        ),
    )
    assert ["e1", "e2"] == [f.subjects[0] for f in cm.validate(scenario, select="CM601").findings]


def test_violations_of_agreements_never_in_force_are_not_dated_against_them() -> None:
    scenario = world(
        agreements=(agreement("g"),),
        violations=(
            cm.Violation(id="v", agreement="g", violator="x", date=cm.PartialDate(2016)),
            cm.Violation(id="w", agreement="nothing", violator="x", date=cm.PartialDate(2016)),
        ),
    )
    assert () == cm.validate(scenario, select="CM602").findings


def _unchecked_geometry(kind: cm.GeometryType, coordinates: tuple[object, ...]) -> cm.Geometry:
    """A geometry made without its constructor's checks, as an older or looser model
    might have let through: the rules must not depend on those checks to stay safe."""
    geometry = object.__new__(cm.Geometry)
    object.__setattr__(geometry, "type", kind)
    object.__setattr__(geometry, "coordinates", coordinates)
    return geometry


@pytest.mark.parametrize(
    ("kind", "coordinates"),
    [(cm.GeometryType.POLYGON, ()), (cm.GeometryType.MULTI_POLYGON, ()), (cm.GeometryType.MULTI_POLYGON, ((),))],
)
@pytest.mark.parametrize("precision", [cm.CoordinatePrecision.EXACT, cm.CoordinatePrecision.NEAR])
def test_event_location_with_an_empty_polygon_is_not_checked(
    kind: cm.GeometryType, coordinates: tuple[object, ...], precision: cm.CoordinatePrecision
) -> None:
    """A polygon without positions outlines no place: CM601 reports nothing for it,
    and validate never raises."""
    place = territory("t", geometry=_unchecked_geometry(kind, coordinates))
    event = cm.Event(
        id="e",
        kind=cm.EventKind.BATTLE,
        date=period("2017-01-01", "2017-01-01"),
        location="t",
        coordinates=cm.Coordinates(lat=1.0, lon=1.0, precision=precision),
    )
    report = cm.validate(world(territories=(place,), events=(event,)))
    assert [] == [f for f in report.findings if f.code == "CM601"]
