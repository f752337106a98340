"""Graphs of a scenario for networkx (``pip install 'conflictmodel[networkx]'``).

* :func:`alignment_graph`: who allies with, supports and fights whom on a day, as a
  :class:`networkx.MultiDiGraph` of actors.

networkx is imported when a graph is first made, not when this module is imported.
"""

from ._alignment import RELATIONS, alignment_graph

__all__ = ["RELATIONS", "alignment_graph"]
