"""The ``hypothesis`` entry point: ``st.from_type`` learns every model class.

Hypothesis calls :func:`_hypothesis_setup_hook` when it is imported, for every
installed package that declares the entry point (``pyproject.toml``)::

    [project.entry-points.hypothesis]
    _ = "conflictmodel._hypothesis_plugin:_hypothesis_setup_hook"

The hook only registers: it builds and draws no strategy, and imports
:mod:`conflictmodel.strategies` only when Hypothesis first asks for one of the types.
"""

from __future__ import annotations

from typing import Any

__all__ = ["_hypothesis_setup_hook"]


def _resolve(thing: Any) -> Any:
    from conflictmodel.strategies._registry import for_type  # noqa: PLC0415 - imported on first use

    return for_type(thing)


def _hypothesis_setup_hook() -> None:
    """Register :mod:`conflictmodel.strategies` for every model class (and for
    ``FrozenMap``), so that ``st.from_type(cm.Actor)`` and ``st.builds`` of classes with
    model-typed fields draw valid objects."""
    from hypothesis import strategies as st  # noqa: PLC0415 - Hypothesis is importing us

    import conflictmodel as cm  # noqa: PLC0415 - the model, not the strategies

    for kind in (
        cm.Actor,
        cm.Agreement,
        cm.AgreementActor,
        cm.Alliance,
        cm.Control,
        cm.Coordinates,
        cm.Event,
        cm.EventActor,
        cm.Fatalities,
        cm.FrozenMap,
        cm.Geometry,
        cm.Hostility,
        cm.Link,
        cm.Membership,
        cm.Meta,
        cm.Origin,
        cm.PartialDate,
        cm.Period,
        cm.Post,
        cm.Provision,
        cm.Scenario,
        cm.Source,
        cm.Support,
        cm.Territory,
        cm.Violation,
    ):
        st.register_type_strategy(kind, _resolve)
