"""The rules: scenario-wide invariants, their catalogue and :func:`validate`.

One module per rule family, matching the code ranges of ``docs/rules.md``: ``_identity``
(CM1xx, identity and references), ``_structure`` (CM2xx), ``_time`` (CM3xx, time and
lifetimes), ``_control`` (CM4xx), ``_alignment`` (CM5xx) and ``_agreements`` (CM6xx,
agreements and events). ``_registry`` says what a rule is and registers each one,
``_context`` holds what several rules share during one validation, ``_report`` the
findings, and ``_validate`` the catalogue and :func:`validate`. Adding a rule touches its
family module, its test and its entry in ``docs/rules.md``. Modules here may import the
records layer and nothing else of the package.
"""
