"""Agreements: ceasefires, de-escalation memoranda, peace agreements, talks rounds."""

from __future__ import annotations

import enum

import attrs

from . import _fields as r
from ._dates import PartialDate, Period
from ._errors import FieldError
from ._frozenmap import FrozenMap
from ._provenance import Origin

__all__ = [
    "BINDING_ROLES",
    "Agreement",
    "AgreementActor",
    "AgreementKind",
    "AgreementStatus",
    "Link",
    "LinkRelation",
    "Provision",
    "Role",
]


class AgreementKind(enum.Enum):
    """What an agreement is."""

    CEASEFIRE = "ceasefire"
    DE_ESCALATION = "de_escalation"
    PEACE = "peace"
    FRAMEWORK = "framework"
    TALKS = "talks"
    MEMORANDUM = "memorandum"
    IMPLEMENTATION = "implementation"
    OTHER = "other"


class AgreementStatus(enum.Enum):
    """Where an agreement stands."""

    PROPOSED = "proposed"
    SIGNED = "signed"
    IN_FORCE = "in_force"
    SUSPENDED = "suspended"
    COLLAPSED = "collapsed"
    EXPIRED = "expired"
    SUPERSEDED = "superseded"


class Role(enum.Enum):
    """A role an actor holds in an agreement; one actor may hold several. ``EXCLUDED``
    names an actor the agreement expressly leaves out of its terms (a ceasefire that
    does not apply to a designated group): fighting it, or its own attacks, breach
    nothing."""

    PARTY = "party"
    SIGNATORY = "signatory"
    GUARANTOR = "guarantor"
    MEDIATOR = "mediator"
    MONITOR = "monitor"
    OBSERVER = "observer"
    ENFORCER = "enforcer"
    NEGOTIATOR = "negotiator"
    EXCLUDED = "excluded"


BINDING_ROLES = frozenset({Role.PARTY, Role.SIGNATORY, Role.GUARANTOR})
"""The roles that bind an actor to an agreement's terms (an excluded actor holds none)."""


@attrs.frozen(kw_only=True)
class AgreementActor:
    """An actor and the roles it holds in one agreement. An actor the agreement excludes
    holds no role that binds it to the terms (party, signatory, guarantor)."""

    actor: str = attrs.field(validator=r.valid_id)
    roles: frozenset[Role] = attrs.field(validator=r.enum_set(Role, min_size=1))

    def __attrs_post_init__(self) -> None:
        if Role.EXCLUDED in self.roles and not BINDING_ROLES.isdisjoint(self.roles):
            binding = ", ".join(sorted(role.value for role in self.roles & BINDING_ROLES))
            expected = "excluded or bound (party, signatory, guarantor), not both"
            message = f"both excluded and {binding}: an agreement does not bind an actor it excludes"
            raise FieldError("roles", self.roles, expected, message=message)


@attrs.frozen(kw_only=True)
class Provision:
    """A coded provision: ``kind`` is an open vocabulary (a PA-X code such as ``Ce``
    or a term of your own), ``text`` the provision's wording or the coder's value."""

    kind: str = attrs.field(validator=r.text)
    text: str | None = attrs.field(default=None, validator=r.optional_text)


class LinkRelation(enum.Enum):
    """How an agreement relates to another."""

    PART_OF = "part_of"
    IMPLEMENTS = "implements"
    SUPERSEDES = "supersedes"
    AMENDS = "amends"
    FOLLOWS = "follows"
    RELATED = "related"


@attrs.frozen(kw_only=True)
class Link:
    """This agreement stands in ``relation`` to agreement ``target``."""

    relation: LinkRelation = attrs.field(validator=r.member_of(LinkRelation))
    target: str = attrs.field(validator=r.valid_id)


@attrs.frozen(kw_only=True)
class Agreement:
    """A ceasefire, memorandum, peace agreement, framework or round of talks.

    ``in_force`` is when its terms hold; ``met`` is when a round of talks (or the
    conference that made the agreement) sat, so that a round's mediators and delegations
    are found on its days without the round being "in force". ``actors`` lists each
    actor once with all its roles. ``verbatim_parties`` and
    ``verbatim_third_parties`` keep a source's own party strings (PA-X keeps parties as
    free text, and codes the Astana guarantors as parties) beside the structured roles.
    """

    id: str = attrs.field(validator=r.valid_id)
    name: str = attrs.field(validator=r.text)
    kind: AgreementKind = attrs.field(validator=r.member_of(AgreementKind))
    signed: PartialDate | None = attrs.field(default=None, validator=r.optional_partial_date)
    in_force: Period | None = attrs.field(default=None, validator=r.optional_period)
    met: Period | None = attrs.field(default=None, validator=r.optional_period)
    status: AgreementStatus | None = attrs.field(default=None, validator=r.instance(AgreementStatus, optional=True))
    actors: tuple[AgreementActor, ...] = attrs.field(default=(), validator=r.tuple_of(AgreementActor))
    covers: frozenset[str] = attrs.field(default=frozenset(), validator=r.id_set())
    provisions: tuple[Provision, ...] = attrs.field(default=(), validator=r.tuple_of(Provision))
    links: tuple[Link, ...] = attrs.field(default=(), validator=r.tuple_of(Link))
    process: str | None = attrs.field(default=None, validator=r.optional_text)
    verbatim_parties: tuple[str, ...] = attrs.field(default=(), validator=r.text_tuple)
    verbatim_third_parties: tuple[str, ...] = attrs.field(default=(), validator=r.text_tuple)
    description: str | None = attrs.field(default=None, validator=r.optional_text)
    external_ids: FrozenMap[str] = attrs.field(default=r.EMPTY_MAP, converter=r.to_frozen_map, validator=r.text_map())
    sources: frozenset[str] = attrs.field(default=frozenset(), validator=r.id_set())
    origin: Origin | None = attrs.field(default=None, validator=r.instance(Origin, optional=True))

    def __attrs_post_init__(self) -> None:
        seen: set[str] = set()
        for entry in self.actors:
            if entry.actor in seen:
                raise FieldError("actors", entry.actor, "listed once (give one entry all its roles)")
            seen.add(entry.actor)

    def roles_of(self, actor: str) -> frozenset[Role]:
        """The roles ``actor`` holds in this agreement (empty if none)."""
        for entry in self.actors:
            if entry.actor == actor:
                return entry.roles
        return frozenset()

    def actors_with(self, role: Role) -> tuple[str, ...]:
        """The ids of the actors holding ``role``, in listed order."""
        return tuple(entry.actor for entry in self.actors if role in entry.roles)
