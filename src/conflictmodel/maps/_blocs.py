"""Who is drawn in which colour: the blocs of a day, the share of each controller of a
unit, and the palette.

The map takes its blocs from the public query API through :func:`blocs_on` and the
widths of a divided unit's stripes from :func:`controller_shares` only, so a change of
either answer changes every picture, export and chart at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from conflictmodel._model._control import Control
from conflictmodel._model._dates import DayLike
from conflictmodel._model._scenario import Scenario
from conflictmodel._queries._control_state import ControlState

__all__ = ["OTHERS", "PALETTE", "Bloc", "Palette", "bloc_of", "bloc_shares", "blocs_on", "controller_shares"]

PALETTE = (
    # Paul Tol's "muted" scheme: distinct for the common forms of colour blindness.
    "#CC6677",
    "#117733",
    "#DDCC77",
    "#332288",
    "#88CCEE",
    "#AA4499",
    "#44AA99",
    "#999933",
    "#882255",
    # his "light" and "dark" schemes, for the tenth bloc on: distinct, but less so.
    "#EE8866",
    "#77AADD",
    "#BBCC33",
    "#FFAABB",
    "#225555",
    "#663333",
    "#DDDDDD",
)
"""The bloc colours, in the order they are given out."""

OTHERS = "#777777"
"""The colour of every bloc past the palette's length (the legend says which)."""


@attrs.frozen(kw_only=True)
class Bloc:
    """A camp of aligned actors on a day, as the map draws it.

    ``key`` is its first member by id (stable while the camp keeps that member);
    ``members`` are sorted actor ids and ``names`` their names, in the same order.
    """

    key: str
    members: tuple[str, ...]
    names: tuple[str, ...]

    @property
    def label(self) -> str:
        """The members' names, joined."""
        return ", ".join(self.names)


def _name(scenario: Scenario, actor: str) -> str:
    record = scenario.find(actor)
    return str(getattr(record, "name", actor))


def blocs_on(scenario: Scenario, day: DayLike) -> dict[str, Bloc]:
    """Each actor's bloc on ``day``: the camps of :meth:`Scenario.camps`, every actor
    of a camp mapped to it. An actor in no camp falls in the bloc of its nearest
    ancestor (a force, its state's) and, failing that, in a bloc of its own, made on
    request by :func:`bloc_of`."""
    out: dict[str, Bloc] = {}
    for camp in scenario.camps(day):
        members = tuple(sorted(camp.members))
        bloc = Bloc(key=members[0], members=members, names=tuple(_name(scenario, m) for m in members))
        for member in members:
            out[member] = bloc
    return out


def bloc_of(scenario: Scenario, blocs: dict[str, Bloc], actor: str) -> Bloc:
    """The bloc of ``actor`` in ``blocs`` (see :func:`blocs_on`)."""
    seen = actor
    while True:
        if seen in blocs:
            return blocs[seen]
        parent = getattr(scenario.find(seen), "parent", None)
        if parent is None or parent == seen:
            break
        seen = parent
    bloc = Bloc(key=actor, members=(actor,), names=(_name(scenario, actor),))
    blocs[actor] = bloc
    return bloc


def controller_shares(scenario: Scenario, state: ControlState) -> tuple[tuple[str, float], ...]:
    """The fraction of a unit each of its controllers holds, by controller id, in the
    order of ``state.controllers``; the fractions add up to 1.

    When every record behind the state is a partial record stating its
    :class:`~conflictmodel.Portion`, each controller gets the portions of its records
    (a joint record's portion split equally), scaled to the part the records account
    for; otherwise (full, joint, contested or derived states, or a portion left unstated)
    each controller gets an equal share.
    """
    controllers = state.controllers
    equal = tuple((actor, 1.0 / len(controllers)) for actor in controllers)
    held: dict[str, float] = dict.fromkeys(controllers, 0.0)
    for record_id in state.records:
        record = scenario.find(record_id, Control)
        if record is None or record.portion is None or not set(record.controllers) <= held.keys():
            return equal
        for actor in record.controllers:
            held[actor] += record.portion.fraction / len(record.controllers)
    total = sum(held.values())
    if not state.records or total <= 0 or not all(held.values()):
        return equal
    return tuple((actor, held[actor] / total) for actor in controllers)


def bloc_shares(scenario: Scenario, blocs: dict[str, Bloc], state: ControlState) -> tuple[tuple[Bloc, float], ...]:
    """The controllers' shares of a unit summed by bloc, largest first (then by key)."""
    sums: dict[str, float] = {}
    by_key: dict[str, Bloc] = {}
    for actor, share in controller_shares(scenario, state):
        bloc = bloc_of(scenario, blocs, actor)
        by_key[bloc.key] = bloc
        sums[bloc.key] = sums.get(bloc.key, 0.0) + share
    return tuple((by_key[key], sums[key]) for key in sorted(sums, key=lambda k: (-sums[k], k)))


class Palette:
    """Gives each bloc a colour and keeps it across days: a bloc seen again, or a later
    bloc that shares more than half of the smaller one's members with a bloc already
    coloured (the most members, if several), keeps that colour, so a sequence of days
    reads as one story. A new bloc takes the first colour never given; two blocs of one
    day never share a colour while the palette lasts."""

    def __init__(self, colours: Sequence[str] = PALETTE) -> None:
        self._colours = tuple(colours)
        self._given: dict[frozenset[str], str] = {}

    def _match(self, members: frozenset[str], taken: set[str]) -> str | None:
        best, overlap = None, 0
        for known, colour in self._given.items():
            common = len(known & members)
            if colour not in taken and common > overlap and common * 2 > min(len(known), len(members)):
                best, overlap = colour, common
        return best

    def _fresh(self, taken: set[str]) -> str:
        given = set(self._given.values())
        for pool in (given | taken, taken):
            for colour in self._colours:
                if colour not in pool:
                    return colour
        return OTHERS

    def colours(self, blocs: Iterable[Bloc]) -> dict[str, str]:
        """The colour of each bloc of one day by key, given in the order of ``blocs``
        (the largest first gets the best colours)."""
        taken: set[str] = set()
        out: dict[str, str] = {}
        for bloc in blocs:
            members = frozenset(bloc.members)
            colour = self._given.get(members)
            if colour is None or colour in taken:
                colour = self._match(members, taken) or self._fresh(taken)
            self._given.setdefault(members, colour)
            if colour != OTHERS:
                taken.add(colour)
            out[bloc.key] = colour
        return out
