"""Instructions and cache misses of ``validate`` and the index builds, counted by valgrind.

Wall time from 100,000 to 1,000,000 records grows with the host's caches as well as with
the work, and a shared machine's caches change from run to run. Valgrind's callgrind
counts what the processor executes, the same on every run, and simulates one cache
hierarchy for every run (by default a 48 KiB first-level data cache and a 32 MiB
last-level cache, ``--ll``), so the growth of the work and the growth of the memory
traffic can be told apart::

    python benchmarks/count_instructions.py                    # 100,000 and 1,000,000 records
    python benchmarks/count_instructions.py --sizes 10000 100000

Each size's document (``generate.document(n)``) is written to a temporary file; a child
Python runs under ``valgrind --tool=callgrind --instr-atstart=no``, loads it, runs the
action once uninstrumented (imports, lazy tables), and turns instrumentation on only
around the second run (``callgrind_control -i on``). Needs ``valgrind``; it takes
minutes per million records.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import document

CHILD = """
import gc, os, subprocess, sys
import conflictmodel as cm
from conflictmodel._queries._index import Indexes

scenario = cm.load(sys.argv[1])

def validate():
    return cm.validate(scenario)

def indexes():
    fresh = Indexes(scenario)
    for name in ("tree", "controls", "actors", "alignment", "agreements", "events"):
        getattr(fresh, name)
    return fresh

action = {"validate": validate, "indexes": indexes}[sys.argv[2]]
action()
gc.collect()
subprocess.run(["callgrind_control", "-i", "on", str(os.getpid())], check=True, capture_output=True)
kept = action()
subprocess.run(["callgrind_control", "-i", "off", str(os.getpid())], check=True, capture_output=True)
"""


def count(valgrind: str, path: Path, action: str, ll: int, out: Path) -> dict[str, int]:
    """Callgrind's totals of one instrumented ``action`` on the document at ``path``."""
    subprocess.run(  # noqa: S603 - a fixed command line: this interpreter, our child code, our files
        [
            valgrind,
            "--tool=callgrind",
            "--instr-atstart=no",
            "--cache-sim=yes",
            "--D1=49152,12,64",
            f"--LL={ll},16,64",
            f"--callgrind-out-file={out}",
            sys.executable,
            "-c",
            CHILD,
            str(path),
            action,
        ],
        check=True,
        capture_output=True,
    )
    lines = out.read_text().splitlines()
    names = next(line for line in lines if line.startswith("events:")).split()[1:]
    values = [int(v) for v in next(line for line in lines if line.startswith("totals:")).split()[1:]]
    return dict(zip(names, values, strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--ll", type=int, default=32 << 20, help="simulated last-level cache, bytes")
    args = parser.parse_args()
    valgrind = shutil.which("valgrind")
    if valgrind is None or shutil.which("callgrind_control") is None:
        parser.error("needs valgrind and callgrind_control on the PATH (Debian: apt-get install valgrind)")
    results: dict[tuple[str, int], dict[str, int]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            path = Path(folder, f"{size}.json")
            path.write_text(json.dumps(document(size)))
            for action in ("validate", "indexes"):
                out = Path(folder, f"{action}.{size}.out")
                results[action, size] = count(valgrind, path, action, args.ll, out)
            path.unlink()
    print(f"{'action':<10}{'records':>12}{'instructions':>18}{'D1 misses':>16}{'LL misses':>14}")
    for (action, size), totals in results.items():
        d1, ll = totals["D1mr"] + totals["D1mw"], totals["DLmr"] + totals["DLmw"]
        print(f"{action:<10}{size:>12,}{totals['Ir']:>18,}{d1:>16,}{ll:>14,}")
    first, last = args.sizes[0], args.sizes[-1]
    for action in ("validate", "indexes"):
        a, b = results[action, first], results[action, last]
        growth = {
            "instructions": b["Ir"] / a["Ir"],
            "D1 misses": (b["D1mr"] + b["D1mw"]) / (a["D1mr"] + a["D1mw"]),
            "LL misses": (b["DLmr"] + b["DLmw"]) / max(1, a["DLmr"] + a["DLmw"]),
        }
        shown = ", ".join(
            f"{name} x{value:.2f} (exponent {math.log(value) / math.log(last / first):.2f})"
            for name, value in growth.items()
        )
        print(f"growth of {action} from {first:,} to {last:,} records: {shown}")
    print(f"simulated caches: D1 48 KiB, LL {args.ll >> 20} MiB")


if __name__ == "__main__":
    main()
