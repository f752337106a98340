"""The fast maker of frozen answer objects: what it makes is the class's own object, and
it refuses a class whose ``__init__`` does more than store."""

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import conflictmodel as cm
from conflictmodel._model._fastmake import maker

FIELDS = ("code", "severity", "message", "subjects", "path")
make_finding = maker(cm.Finding, FIELDS)


@given(
    st.text(min_size=1),
    st.sampled_from(cm.Severity),
    st.text(),
    st.lists(st.text(min_size=1), max_size=3).map(tuple),
    st.none() | st.text(),
)
def test_a_made_finding_is_the_one_init_makes(
    code: str, severity: cm.Severity, message: str, subjects: tuple[str, ...], path: str | None
) -> None:
    made = make_finding(code, severity, message, subjects, path)
    built = cm.Finding(code=code, severity=severity, message=message, subjects=subjects, path=path)
    assert type(made) is cm.Finding
    assert made == built
    assert hash(made) == hash(built)
    assert repr(made) == repr(built)
    assert attrs.asdict(made) == attrs.asdict(built)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.code = "CM999"  # type: ignore[misc]


def test_validate_reports_ordinary_findings() -> None:
    broken = cm.Scenario(
        meta=cm.Meta(title="t"), actors=(cm.Actor(id="a", name="A", kind=cm.ActorKind.STATE, parent="nowhere"),)
    )
    findings = cm.validate(broken).findings
    assert findings
    assert all(type(f) is cm.Finding for f in findings)


def test_the_field_names_must_be_the_classs_in_order() -> None:
    with pytest.raises(TypeError, match="fields are"):
        maker(cm.Finding, ("severity", "code", "message", "subjects", "path"))
    with pytest.raises(TypeError, match="fields are"):
        maker(cm.Finding, FIELDS[:-1])


@attrs.frozen
class Checked:
    value: int = attrs.field(validator=attrs.validators.instance_of(int))


@attrs.frozen
class Finished:
    value: int

    def __attrs_post_init__(self) -> None:
        pass


@attrs.frozen(slots=False)
class Unslotted:
    value: int


@attrs.frozen
class Converted:
    value: int = attrs.field(converter=int)


@pytest.mark.parametrize("cls", [Checked, Finished, Unslotted, Converted])
def test_a_class_whose_init_does_more_than_store_is_refused(cls: type) -> None:
    with pytest.raises(TypeError, match="does more than store"):
        maker(cls, ("value",))


def test_fixed_fields_are_stored_and_not_arguments() -> None:
    make = maker(cm.Finding, FIELDS, fixed={"severity": cm.Severity.WARNING, "path": None})
    made = make("CM999", "a message", ("a",))
    assert made == cm.Finding(code="CM999", severity=cm.Severity.WARNING, message="a message", subjects=("a",))
    with pytest.raises(TypeError, match="has no field 'where'"):
        maker(cm.Finding, FIELDS, fixed={"where": None})


def test_states_from_a_territorys_own_records_are_ordinary_states() -> None:
    s = cm.syria_2017()
    for state in s.controllers_on_many([(t.id, "2017-11-30") for t in s.territories]):
        assert type(state) is cm.ControlState
        assert state == cm.ControlState(**attrs.asdict(state, recurse=False))
