"""What the UCDP readers share: actors named by UCDP's own actor ids."""

from __future__ import annotations

from conflictmodel._model._actors import Actor, ActorKind
from conflictmodel._model._frozenmap import FrozenMap

from ._builder import Builder
from ._naming import make_id
from ._numbers import digits

__all__ = ["actor_kind", "ucdp_actor"]


def actor_kind(name: str) -> ActorKind:
    """UCDP names governments ``Government of X``; every other side is an armed group."""
    return ActorKind.GOVERNMENT if name.startswith("Government of") else ActorKind.ARMED_GROUP


def ucdp_actor(builder: Builder, number: str, name: str, kind: ActorKind, column: str | None = None) -> Actor:
    """The actor ``<dataset>:a<number>`` (UCDP actor id ``number``), made on first sight;
    a different name met later for the same id becomes an alias (added when the import
    finishes, :meth:`Builder.alias`).
    """
    key = digits(number, column, "a UCDP actor id")
    id_ = make_id(builder.dataset, f"a{key}")
    actor = builder.find(id_)
    if isinstance(actor, Actor):
        if name != actor.name:
            builder.alias(id_, name)
        return actor
    actor = Actor(
        id=id_,
        name=name,
        kind=kind,
        external_ids=FrozenMap({"ucdp": key}),
        sources=builder.sources,
        origin=builder.origin(key, None),
    )
    builder.update(actor)
    return actor
