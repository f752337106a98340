"""The records and value types: what a modelled world is made of.

Values first — errors, :class:`PartialDate` and :class:`Period`, the frozen map, geometry
and its geodesic area, the interval index and the field rules (``_fields``) — then the
records built from them:
sources and provenance, actors, alignment relations, territories, control, agreements,
events, violations, and the :class:`Scenario` that holds them. Modules here import only
each other and the standard library, attrs and cattrs; value modules never import record
modules. The scenario's query methods reach the queries layer through one engine object
made on first use (``Scenario._indexes``), so importing the model never loads a query.
"""
