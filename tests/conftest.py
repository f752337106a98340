"""Shared test configuration: Hypothesis profiles.

Choose a profile with ``HYPOTHESIS_PROFILE``: ``fast`` for quick local runs, ``ci`` for
a thorough, reproducible run. Without it, Hypothesis' defaults apply.
"""

import os

from hypothesis import settings

settings.register_profile("fast", max_examples=20)
settings.register_profile("ci", max_examples=500, derandomize=True, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
