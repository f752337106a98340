"""The error hierarchy: one root, each error also the builtin it refines, carrying data."""

from typing import Any

import pytest

import conflictmodel as cm

ACTOR: dict[str, Any] = {"id": "sy", "name": "Syria", "kind": cm.ActorKind.STATE}


@pytest.mark.parametrize(
    ("error", "bases"),
    [
        (cm.FieldError, (cm.ConflictModelError, ValueError)),
        (cm.ArgumentError, (cm.FieldError, cm.ConflictModelError, ValueError, TypeError)),
        (cm.LoadError, (cm.ConflictModelError, ValueError)),
        (cm.ParseError, (cm.LoadError, cm.ConflictModelError, ValueError)),
        (cm.UnknownIdError, (cm.ConflictModelError, KeyError)),
        (cm.ConflictModelError, (Exception,)),
    ],
)
def test_inheritance(error: type[Exception], bases: tuple[type[Exception], ...]) -> None:
    assert [True] * len(bases) == [issubclass(error, base) for base in bases]


def test_root_is_not_a_value_error() -> None:
    assert not issubclass(cm.ConflictModelError, ValueError)


# --- FieldError ----------------------------------------------------------------------


def test_field_error_carries_field_value_and_expected() -> None:
    err = cm.FieldError("population", -1, "an integer >= 0")
    assert ("population", -1, "an integer >= 0") == (err.field, err.value, err.expected)


def test_field_error_message_names_the_field_and_the_value() -> None:
    assert "country: 'sy' is not an ISO code" == str(cm.FieldError("country", "sy", "an ISO code"))


def test_field_error_raised_by_a_model_can_be_caught_as_value_error() -> None:
    with pytest.raises(ValueError, match=r"^country: 'sy' is not"):
        cm.Actor(**ACTOR, country="sy")


# --- Problem -------------------------------------------------------------------------


def test_problem_str_is_path_then_message() -> None:
    assert "$.actors[0].name: required field is missing" == str(
        cm.Problem(path="$.actors[0].name", message="required field is missing")
    )


def test_problems_are_values() -> None:
    one = cm.Problem(path="$", message="x")
    assert one == cm.Problem(path="$", message="x")
    assert 1 == len({one, cm.Problem(path="$", message="x")})
    with pytest.raises(AttributeError):
        one.path = "$.x"  # type: ignore[misc]


# --- LoadError -----------------------------------------------------------------------


def test_load_error_with_one_problem() -> None:
    err = cm.LoadError([cm.Problem(path="$.meta", message="required field is missing")])
    assert "1 problem found\n  $.meta: required field is missing" == str(err)
    assert (None, (cm.Problem(path="$.meta", message="required field is missing"),)) == (err.source, err.problems)


def test_load_error_with_several_problems_and_a_source() -> None:
    problems = [cm.Problem(path="$.a", message="x"), cm.Problem(path="$.b", message="y")]
    err = cm.LoadError(problems, source="fixture.json")
    assert "fixture.json: 2 problems found\n  $.a: x\n  $.b: y" == str(err)
    assert ("fixture.json", tuple(problems)) == (err.source, err.problems)


def test_load_error_keeps_its_problems_as_a_tuple() -> None:
    problems = [cm.Problem(path="$", message="x")]
    err = cm.LoadError(problems)
    problems.append(cm.Problem(path="$.y", message="y"))
    assert (cm.Problem(path="$", message="x"),) == err.problems


def test_broken_json_raises_a_parse_error() -> None:
    with pytest.raises(cm.ParseError) as info:
        cm.loads("{")
    assert ["$"] == [p.path for p in info.value.problems]


# --- ArgumentError -------------------------------------------------------------------


def test_argument_error_names_the_argument_what_it_accepts_and_what_was_given() -> None:
    err = cm.ArgumentError("territory", ["x"], "an id (a str)")
    assert ("territory", "territory", ["x"], "an id (a str)") == (err.argument, err.field, err.value, err.expected)
    assert "territory: expected an id (a str), not ['x']" == str(err)
    assert "kinds: expected members, not an item 5" == str(cm.ArgumentError("kinds", 5, "members", item=True))
    assert str(cm.ArgumentError("x", "y" * 200, "z")).endswith("yyy...")


# --- UnknownIdError ------------------------------------------------------------------


def test_unknown_id_error_carries_the_id_and_says_so() -> None:
    err = cm.UnknownIdError("sy-idlib")
    assert ("sy-idlib", "no object with id 'sy-idlib'") == (err.id, str(err))


def test_unknown_id_error_is_caught_as_key_error() -> None:
    with pytest.raises(KeyError) as info:
        cm.Scenario(meta=cm.Meta(title="Empty")).get("ru")
    assert isinstance(info.value, cm.UnknownIdError)
    assert "ru" == info.value.args[0]


def test_public_errors_are_named_by_the_package_in_tracebacks() -> None:
    import traceback  # noqa: PLC0415 - only this test formats tracebacks

    errors = [getattr(cm, name) for name in cm.__all__ if isinstance(getattr(cm, name), type)]
    errors = [kind for kind in errors if issubclass(kind, BaseException)]
    assert {"ConflictModelError", "FieldError", "InvariantError", "LoadError", "MissingExtraError"} <= {
        kind.__name__ for kind in errors
    }
    for kind in errors:
        assert "conflictmodel" == kind.__module__, kind
        assert kind is getattr(cm, kind.__qualname__)
    try:
        cm.PartialDate.from_text("2017-13")
    except cm.FieldError as error:
        shown = traceback.format_exception_only(error)[-1]
    assert "conflictmodel.FieldError: date: '2017-13' is not a valid date\n" == shown
