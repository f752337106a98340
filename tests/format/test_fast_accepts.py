"""The fast decoder's inline conditions are sufficient: whenever one holds, the
validator it stands for passes (the validator stays the judge of every refusal)."""

from __future__ import annotations

import math
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import conflictmodel as cm
from conflictmodel._format import _fast
from conflictmodel._model import _fields as r
from conflictmodel._model._dates import PartialDate, Period
from conflictmodel._model._errors import FieldError

pytestmark = pytest.mark.skipif(not _fast.available, reason="the fast decoder needs msgspec")


def _model_validators() -> list[tuple[type[Any], attrs.Attribute[Any]]]:
    found = []
    for name in dir(cm):
        cls = getattr(cm, name)
        if isinstance(cls, type) and attrs.has(cls):
            found += [(cls, f) for f in attrs.fields(cls) if getattr(f.validator, "accepts", None) is not None]
    return found


VALIDATED = _model_validators()

# Values of the types the mirrors guarantee, including the awkward ones.
_ids = st.one_of(
    st.sampled_from(["a", "a b", "", " ", "-a", "x" * 64, "x" * 65, "ucdp:1", "é", "a\n"]),
    st.text(max_size=70),
)
_texts = st.one_of(st.sampled_from(["", " ", "\t\n", "\u3000", "a", " a "]), st.text(max_size=8))
_floats = st.one_of(st.sampled_from([0.0, -0.0, 1.0, -90.0, 90.0, 180.0, -180.0, 1e-300]), st.floats())
_ints = st.integers(min_value=-(2**64), max_value=2**64)
_dates = st.sampled_from([PartialDate(2017), PartialDate(2017, 11, 2)])
_periods = st.builds(Period, start=st.none() | _dates, end=st.none())

VALUES = {
    "id": _ids,
    "ids": st.frozensets(_ids, max_size=4),
    "distinct_ids": st.lists(_ids, max_size=4).map(tuple),
    "text": _texts,
    "texts": st.frozensets(_texts, max_size=3),  # a tuple for tuple fields: see below
    "range": _floats,
    "at_least": _ints,
    "started": _periods,
    "empty": st.sampled_from([r.EMPTY_MAP, cm.FrozenMap({"a": "b"}), cm.FrozenMap({"A": ""})]),
}


def _condition(spec: tuple[Any, ...]) -> Any:
    scope: dict[str, Any] = {}
    expression = _fast._accept(spec, 0, scope)
    assert expression is not None, f"no inline condition for {spec}"
    return eval(f"lambda v: bool({expression})", scope)  # noqa: S307 - the decoder's own generated expression


def test_every_kind_the_model_uses_has_values_here() -> None:
    kinds = {f.validator.accepts[0] for _, f in VALIDATED}  # type: ignore[union-attr]
    assert kinds, "no validator of the model declares an inline condition"
    assert kinds <= set(VALUES)


@pytest.mark.parametrize("field", [f for _, f in VALIDATED], ids=[f"{c.__name__}.{f.name}" for c, f in VALIDATED])
@given(data=st.data())
def test_an_inline_condition_implies_its_validator_passes(field: attrs.Attribute[Any], data: Any) -> None:
    spec = field.validator.accepts  # type: ignore[union-attr]
    condition = _condition(spec)
    r.KNOWN_IDS.update(["a", "ucdp:1", "x" * 64])  # what earlier decodes leave behind
    values = VALUES[spec[0]]
    if spec[0] == "texts" and str(field.type).startswith("tuple"):
        values = st.lists(_texts, max_size=3).map(tuple)
    value = data.draw(values)
    if condition(value):
        field.validator(None, field, value)  # type: ignore[misc] # must not raise


def test_the_conditions_do_accept_ordinary_values() -> None:
    """Otherwise the conditions would be sufficient only by never holding."""
    r.KNOWN_IDS.add("a")
    assert _condition(("id",))("a")
    assert _condition(("ids", 1))(frozenset({"a"}))
    assert _condition(("distinct_ids", 1))(("a",))
    assert not _condition(("distinct_ids", 1))(("a", "a"))
    assert _condition(("text",))("x")
    assert not _condition(("text",))(" ")
    assert _condition(("range", -90.0, 90.0, False))(90.0)
    assert not _condition(("range", 0.0, None, True))(math.inf)
    assert not _condition(("range", 0.0, 1.0, True))(0.0)
    assert not _condition(("range", 0.0, 1.0, False))(math.nan)
    assert _condition(("at_least", 0))(0)
    assert _condition(("started",))(Period(start=PartialDate(2017)))


@attrs.frozen(kw_only=True)
class _Strict:
    id: str = attrs.field(validator=r.valid_id)
    label: str = attrs.field(default=" ", validator=r.text)  # a default its own validator refuses


def test_an_absent_field_whose_default_fails_is_still_refused() -> None:
    mirrors = _fast._Mirrors()
    with pytest.raises(Exception) as refused:  # noqa: PT011 - msgspec wraps what a twin's check raises
        mirrors.decode(_Strict, b'{"id": "a"}')
    assert isinstance(refused.value, FieldError) or isinstance(refused.value.__cause__, FieldError)
    assert mirrors.decode(_Strict, b'{"id": "a", "label": "x"}') == _Strict(id="a", label="x")
    assert type(mirrors.decode(_Strict, b'{"id": "a", "label": "x"}')) is _Strict
