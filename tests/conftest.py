"""Shared test configuration: Hypothesis profiles.

Choose a profile with ``HYPOTHESIS_PROFILE``: ``fast`` for quick local runs, ``ci`` for
a thorough, reproducible run. Without it, Hypothesis' defaults apply. ``fuzz`` is the
long run of the fuzz tests (``pytest tests/fuzz --hypothesis-profile=fuzz``): thousands
of mutated documents and corrupted dataset files per test, where the ordinary suite
tries a few dozen.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("fast", max_examples=20)
settings.register_profile("ci", max_examples=500, derandomize=True, print_blob=True)
settings.register_profile(
    "fuzz",
    max_examples=5000,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
