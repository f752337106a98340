"""Control: who holds a territory during a period, how firmly, and how we know."""

from __future__ import annotations

import enum

import attrs

from . import _fields as r
from ._dates import Period
from ._errors import FieldError
from ._geometry import Geometry
from ._provenance import Origin

__all__ = ["Basis", "Control", "ControlStatus", "Portion"]


class ControlStatus(enum.Enum):
    """How the controllers hold the territory.

    * ``full``: the controllers (jointly, when several) hold all of it;
    * ``partial``: they hold part of it; other records may cover the rest;
    * ``contested``: the controllers hold it while ``opponents`` fight for it;
    * ``besieged``: the controllers hold it inside a siege laid by ``opponents``.
    """

    FULL = "full"
    PARTIAL = "partial"
    CONTESTED = "contested"
    BESIEGED = "besieged"


class Basis(enum.Enum):
    """How the record is known."""

    OBSERVED = "observed"
    REPORTED = "reported"
    INFERRED = "inferred"
    MODELLED = "modelled"


@attrs.frozen(kw_only=True)
class Portion:
    """How much of its territory a ``partial`` control record holds.

    ``fraction`` is the part of the territory's area held, in (0, 1]; ``basis``, ``note``
    and ``sources`` say how that figure is known (a map's measured share is ``reported``
    or ``observed``; a share estimated from the towns held is ``inferred`` or
    ``modelled``, and the note should say how). ``geometry``, when given, is the outline of
    the part held; a partition weighed by area then uses its area instead of
    ``fraction``. Partitions weighed by population or by count use the same fraction
    (population is taken as spread evenly over the territory).
    """

    fraction: float = attrs.field(
        converter=r.to_number, validator=r.number(minimum=0.0, maximum=1.0, exclusive_minimum=True)
    )
    basis: Basis = attrs.field(default=Basis.REPORTED, validator=r.member_of(Basis))
    note: str | None = attrs.field(default=None, validator=r.optional_text)
    sources: frozenset[str] = attrs.field(default=frozenset(), validator=r.id_set())
    geometry: Geometry | None = attrs.field(default=None, validator=r.instance(Geometry, optional=True))


# members as module globals, read per record (a read off the class is slow: docs/performance.md)
_PARTIAL, _CONTESTED, _BESIEGED = ControlStatus.PARTIAL, ControlStatus.CONTESTED, ControlStatus.BESIEGED


@attrs.frozen(kw_only=True)
class Control:
    """``controllers`` hold ``territory`` during ``period``, with a ``status``.

    Several controllers mean joint control (a regime and its allied militias). Contested
    and besieged control name their ``opponents``; full and partial control have none.
    A partial record may say how much of the territory it holds (``portion``); without
    one, the part it holds is unknown. ``confidence`` is a probability in [0, 1] when the
    source states one.
    """

    id: str = attrs.field(validator=r.valid_id)
    territory: str = attrs.field(validator=r.valid_id)
    controllers: tuple[str, ...] = attrs.field(validator=r.id_tuple(min_size=1))
    period: Period = attrs.field(validator=r.instance(Period))
    status: ControlStatus = attrs.field(default=ControlStatus.FULL, validator=r.member_of(ControlStatus))
    opponents: frozenset[str] = attrs.field(default=frozenset(), validator=r.id_set())
    portion: Portion | None = attrs.field(default=None, validator=r.instance(Portion, optional=True))
    basis: Basis = attrs.field(default=Basis.REPORTED, validator=r.member_of(Basis))
    confidence: float | None = attrs.field(
        default=None, converter=r.to_optional_number, validator=r.number(minimum=0.0, maximum=1.0, optional=True)
    )
    note: str | None = attrs.field(default=None, validator=r.optional_text)
    sources: frozenset[str] = attrs.field(default=frozenset(), validator=r.id_set())
    origin: Origin | None = attrs.field(default=None, validator=r.instance(Origin, optional=True))

    def __attrs_post_init__(self) -> None:
        status = self.status
        if status is _CONTESTED or status is _BESIEGED:  # not a set: a member's hash is a Python call
            if not self.opponents:
                raise FieldError("opponents", self.opponents, f"at least one actor for {self.status.value} control")
            both = self.opponents.intersection(self.controllers)
            if both:
                raise FieldError(
                    "opponents", self.opponents, f"disjoint from the controllers (both hold {sorted(both)})"
                )
        elif self.opponents:
            raise FieldError("opponents", self.opponents, f"empty for {self.status.value} control")
        if self.portion is not None and status is not _PARTIAL:
            expected = f"None for {self.status.value} control (only partial control holds a portion)"
            raise FieldError("portion", self.portion, expected)
