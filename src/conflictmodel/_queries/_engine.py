"""The queries of one scenario, as methods of its indexes.

:class:`~conflictmodel.Scenario` builds one :class:`QueryEngine` on its first query and
keeps it. Each method *is* the query function of its module (bound, not wrapped, so a
call costs no extra frame): the modules stay plain functions over :class:`Indexes`, and
the scenario reaches all of them through one object made on first use, without the
records layer importing the queries layer when it loads.
"""

from __future__ import annotations

from . import _camps, _compliance, _control, _partition
from ._index import Indexes

__all__ = ["QueryEngine"]


class QueryEngine(Indexes):
    """The indexes of one scenario with every query bound to them."""

    controllers_on = _control.controllers_on
    controllers_on_many = _control.controllers_on_many
    control_map = _control.control_map
    timeline = _control.timeline
    changes_between = _control.changes_between
    territories_in = _control.territories_in
    partition = _partition.partition
    allies_of = _camps.allies_of
    supporters_of = _camps.supporters_of
    clients_of = _camps.clients_of
    enemies_of = _camps.enemies_of
    camps = _camps.camps
    agreements_in_force = _compliance.agreements_in_force
    actors_of = _compliance.actors_of
    violations_of = _compliance.violations_of
