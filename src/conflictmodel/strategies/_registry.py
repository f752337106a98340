"""The strategy :func:`hypothesis.strategies.from_type` uses for each model class.

The package's ``hypothesis`` entry point (``conflictmodel._hypothesis_plugin``) registers
:func:`for_type` for every class in :data:`FOR_TYPE`; this module is imported only when
Hypothesis first needs one of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, get_args, get_origin

from hypothesis import strategies as st

from conflictmodel._model._actors import Actor, Post
from conflictmodel._model._agreements import Agreement, AgreementActor, Link, Provision
from conflictmodel._model._alignment import Alliance, Hostility, Membership, Support
from conflictmodel._model._control import Control
from conflictmodel._model._dates import PartialDate, Period
from conflictmodel._model._events import Coordinates, Event, EventActor, Fatalities
from conflictmodel._model._frozenmap import FrozenMap
from conflictmodel._model._geometry import Geometry
from conflictmodel._model._provenance import Origin, Source
from conflictmodel._model._scenario import Meta, Scenario
from conflictmodel._model._territory import Territory
from conflictmodel._model._violations import Violation

from ._records import (
    SCHEMES,
    actors,
    agreement_actors,
    agreements,
    alliances,
    controls,
    event_actors,
    events,
    hostilities,
    links,
    memberships,
    posts,
    provisions,
    supports,
    territories,
    violations,
)
from ._values import (
    coordinates,
    fatalities,
    geometries,
    metas,
    origins,
    partial_dates,
    periods,
    sources,
    text_maps,
)
from ._worlds import scenarios

__all__ = ["FOR_TYPE", "for_type"]

FOR_TYPE: dict[type[Any], Callable[[], st.SearchStrategy[Any]]] = {
    Actor: actors,
    Agreement: agreements,
    AgreementActor: agreement_actors,
    Alliance: alliances,
    Control: controls,
    Coordinates: coordinates,
    Event: events,
    EventActor: event_actors,
    Fatalities: fatalities,
    Geometry: geometries,
    Hostility: hostilities,
    Link: links,
    Membership: memberships,
    Meta: metas,
    Origin: origins,
    PartialDate: partial_dates,
    Period: periods,
    Post: posts,
    Provision: provisions,
    Scenario: scenarios,
    Source: sources,
    Support: supports,
    Territory: territories,
    Violation: violations,
}
"""Each model class and the strategy that draws it (scenarios valid by construction;
other records valid on their own)."""


def for_type(thing: Any) -> st.SearchStrategy[Any]:
    """The strategy for a model class, or for ``FrozenMap[V]`` (scheme keys, values of
    type ``V``, text by default)."""
    origin = get_origin(thing) or thing
    if origin is FrozenMap:
        args = get_args(thing)
        keys = st.sampled_from(SCHEMES)
        if not args or args[0] is str:
            return text_maps(keys=keys)
        return st.dictionaries(keys, st.from_type(args[0]), max_size=2).map(FrozenMap)
    return FOR_TYPE[origin]()
