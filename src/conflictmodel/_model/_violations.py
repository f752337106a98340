"""Violations: allegations or findings that an agreement was breached."""

from __future__ import annotations

import enum

import attrs

from . import _fields as r
from ._dates import PartialDate
from ._provenance import Origin

__all__ = ["Violation", "ViolationStatus"]


class ViolationStatus(enum.Enum):
    """How established a violation is."""

    ALLEGED = "alleged"
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"


@attrs.frozen(kw_only=True)
class Violation:
    """``violator`` breached ``agreement`` on ``date``, as ``alleged_by`` say, through
    ``events``. No dataset in the field records these; scenarios store them and the
    queries derive candidates from events."""

    id: str = attrs.field(validator=r.valid_id)
    agreement: str = attrs.field(validator=r.valid_id)
    violator: str = attrs.field(validator=r.valid_id)
    date: PartialDate = attrs.field(validator=r.partial_date)
    alleged_by: frozenset[str] = attrs.field(default=frozenset(), validator=r.id_set())
    events: frozenset[str] = attrs.field(default=frozenset(), validator=r.id_set())
    status: ViolationStatus = attrs.field(default=ViolationStatus.ALLEGED, validator=r.member_of(ViolationStatus))
    description: str | None = attrs.field(default=None, validator=r.optional_text)
    sources: frozenset[str] = attrs.field(default=frozenset(), validator=r.id_set())
    origin: Origin | None = attrs.field(default=None, validator=r.instance(Origin, optional=True))
