"""Actors: states, governments, forces, armed groups, militias, organisations, persons."""

from __future__ import annotations

import enum
import re
from typing import Any

import attrs

from . import _fields as r
from ._dates import Period
from ._errors import FieldError
from ._frozenmap import FrozenMap
from ._provenance import Origin

__all__ = ["Actor", "ActorKind", "Post"]


class ActorKind(enum.Enum):
    """What kind of actor this is."""

    STATE = "state"
    GOVERNMENT = "government"
    ARMED_FORCE = "armed_force"
    ARMED_GROUP = "armed_group"
    MILITIA = "militia"
    ORGANISATION = "organisation"
    PERSON = "person"
    COALITION = "coalition"


@attrs.frozen(kw_only=True)
class Post:
    """A position a person holds over a period (President of Syria, UN Special Envoy).

    ``organisation`` is the id of the actor the post belongs to, when it is one.
    """

    title: str = attrs.field(validator=r.text)
    organisation: str | None = attrs.field(default=None, validator=r.optional_id)
    period: Period | None = attrs.field(default=None, validator=r.optional_period)


_ISO3 = re.compile(r"[A-Z]{3}")


@r.describe({"pattern": "^[A-Z]{3}$"})
def _country(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (type(value) is not str or _ISO3.fullmatch(value) is None):
        raise FieldError(attribute.name, value, "an ISO 3166-1 alpha-3 code (three capital letters) or None")


@attrs.frozen(kw_only=True)
class Actor:
    """Anyone who fights, backs, negotiates, guarantees or observes.

    ``parent`` places the actor in a hierarchy (an armed force belongs to its state, a
    brigade to its group); ``active`` is when it existed or acted; ``posts`` are a
    person's positions over time.
    """

    id: str = attrs.field(validator=r.valid_id)
    name: str = attrs.field(validator=r.text)
    kind: ActorKind = attrs.field(validator=r.member_of(ActorKind))
    aliases: frozenset[str] = attrs.field(default=frozenset(), validator=r.text_set)
    parent: str | None = attrs.field(default=None, validator=r.optional_id)
    active: Period | None = attrs.field(default=None, validator=r.optional_period)
    country: str | None = attrs.field(default=None, validator=_country)
    external_ids: FrozenMap[str] = attrs.field(default=r.EMPTY_MAP, converter=r.to_frozen_map, validator=r.text_map())
    posts: tuple[Post, ...] = attrs.field(default=(), validator=r.tuple_of(Post))
    sources: frozenset[str] = attrs.field(default=frozenset(), validator=r.id_set())
    origin: Origin | None = attrs.field(default=None, validator=r.instance(Origin, optional=True))

    def __attrs_post_init__(self) -> None:
        if self.posts and self.kind is not ActorKind.PERSON:
            kind = self.kind.value.replace("_", " ")
            article = "an" if kind[0] in "aeiou" else "a"
            raise FieldError("posts", self.posts, f"empty for {article} {kind} (only persons hold posts)")
