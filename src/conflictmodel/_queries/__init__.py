"""The queries: indexes built once per scenario, and the questions asked of it.

Who holds a territory on a day (``_control``, deciding with ``_control_state``), how a
territory is partitioned (``_partition``), who is aligned with whom (``_camps``), which
agreements are in force and who broke them (``_compliance``), all bound to one
:class:`~conflictmodel._queries._engine.QueryEngine` per scenario. Modules here may import
the records layer and nothing else of the package: queries do not parse.
"""
