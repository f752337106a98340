"""Shared test configuration: Hypothesis profiles.

Choose a profile with ``HYPOTHESIS_PROFILE``: ``fast`` for quick local runs, ``ci`` for
a thorough, reproducible run. Without it, ``standard`` applies: Hypothesis' defaults
without its timing checks (the per-example deadline and the too-slow health check), since
the suite runs on shared, noisy machines and the project keeps timing out of its tests
(``benchmarks/`` measures speed). ``fuzz`` is the long run of the fuzz tests
(``pytest tests/fuzz --hypothesis-profile=fuzz``): thousands of mutated documents and
corrupted dataset files per test, where the ordinary suite tries a few dozen; Hypothesis
has no time limit, so ``CONFLICTMODEL_FUZZ_EXAMPLES=N`` sets the number of examples per
test of a long run (5,000 by default) to bound it.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("standard", deadline=None, suppress_health_check=[HealthCheck.too_slow])
_STANDARD = settings.get_profile("standard")
settings.register_profile("fast", _STANDARD, max_examples=20)
settings.register_profile("ci", _STANDARD, max_examples=500, derandomize=True, print_blob=True)
settings.register_profile(
    "fuzz",
    _STANDARD,
    max_examples=int(os.environ.get("CONFLICTMODEL_FUZZ_EXAMPLES", "5000")),
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "standard"))
