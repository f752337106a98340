"""Hypothesis strategies for conflictmodel (``pip install conflictmodel[hypothesis]``).

* :func:`scenarios` draws whole worlds that are valid by construction
  (``cm.validate(s).ok`` always holds), sized by keyword-only arguments;
* :func:`invalid_scenarios` draws worlds that break exactly one chosen rule;
* one strategy per model class and value type (:func:`actors`, :func:`territories`,
  :func:`controls`, :func:`periods`, ...), each record valid on its own, with
  references that need not resolve.

They follow Hypothesis' own style: plural names, keyword-only arguments, arguments that
vary content are strategies (pass ``st.just(x)`` to fix one), bad arguments raise
:class:`~hypothesis.errors.InvalidArgument` when the strategy is first drawn from, and
nothing is filtered or assumed away. Each docstring says what the strategy shrinks to:
small worlds, short ids and names, the first enum member, year-precision dates, empty
optional parts.

With the package installed, ``st.from_type(cm.Actor)`` (and every other model class,
and ``st.builds`` of your own classes with model-typed fields) uses these strategies:
the package registers them through Hypothesis' ``hypothesis`` entry point.

>>> from hypothesis import given
>>> import conflictmodel as cm
>>> from conflictmodel import strategies as cst
>>> @given(cst.scenarios())
... def test_every_world_validates(s):
...     assert cm.validate(s).ok
>>> test_every_world_validates()
"""

from conflictmodel._model._extras import require

require("hypothesis", extra="hypothesis", purpose="conflictmodel.strategies")

from ._invalid import invalid_scenarios  # noqa: E402 - after the check that Hypothesis is installed
from ._records import (  # noqa: E402
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
    record_sets,
    supports,
    territories,
    violations,
)
from ._values import (  # noqa: E402
    coordinates,
    fatalities,
    geometries,
    ids,
    metas,
    origins,
    partial_dates,
    periods,
    sources,
    text_maps,
    texts,
)
from ._worlds import scenarios  # noqa: E402

__all__ = [
    "actors",
    "agreement_actors",
    "agreements",
    "alliances",
    "controls",
    "coordinates",
    "event_actors",
    "events",
    "fatalities",
    "geometries",
    "hostilities",
    "ids",
    "invalid_scenarios",
    "links",
    "memberships",
    "metas",
    "origins",
    "partial_dates",
    "periods",
    "posts",
    "provisions",
    "record_sets",
    "scenarios",
    "sources",
    "supports",
    "territories",
    "text_maps",
    "texts",
    "violations",
]
