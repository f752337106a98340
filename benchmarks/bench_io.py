"""Decode, encode and memory: conflictmodel against msgspec, pydantic v2 and orjson.

    python benchmarks/bench_io.py --records 100000 --repeat 7   # timings, then memory
    python benchmarks/bench_io.py --records 10000                # a quick run
    python benchmarks/bench_io.py --memory-only                  # memory only
    python benchmarks/bench_io.py --no-memory                    # timings only
    python benchmarks/bench_io.py --check                        # what each library refuses
    python benchmarks/bench_io.py --json out.json                # also write the results
    python benchmarks/bench_io.py --realistic                    # the same world spelled as real data is

Timings: ``generate.document(records)`` is serialized once with ``json.dumps`` (with
``--realistic``, respelled by ``generate.realistic``: real ids, Arabic names, web addresses,
each event's GED row; keys sorted, non-ASCII as UTF-8), and every
library decodes those same bytes in this one process: ``conflictmodel.loads`` (parse and
validate into a ``Scenario``), msgspec's ``Decoder(DocumentStruct).decode``, pydantic's
``DocumentModel.model_validate_json`` (the peers are in ``peers.py``) and ``orjson.loads``
(plain dicts, nothing checked). Each then encodes what it decoded, twice: its compact
output (msgspec's ``Encoder(order="sorted").encode``, pydantic's serializer ``to_json``
-- the bytes ``model_dump_json`` decodes into its ``str`` --, ``orjson.dumps``;
conflictmodel has no compact form), and the text form of ``conflictmodel.dumps`` --
sorted keys, two-space indentation, a final newline (see ``peers.py`` for how each peer
writes it) -- as UTF-8 bytes (``conflictmodel.dumpb``), which is what the peers return.
A third encode column gives that text as a Python ``str`` (``conflictmodel.dumps``; the
peers' bytes decoded), so every comparison is bytes with bytes or ``str`` with ``str``.

Both collector regimes are measured in the same run: every timed call runs once with the
cyclic garbage collector on and once with it off, for every library alike. (conflictmodel
pauses the collector inside ``loads`` and ``dumps`` itself, as users get it, so its two
columns differ little; the peers' do.) A repeat runs every library, in an order rotated
between repeats, and both regimes per library in an order alternating between repeats,
with ``gc.collect()`` before each timed call and only that library's objects alive.
Reported: the median over the repeats, as records per second, and ratios between
libraries from the same run and the same regime.

The floor: every record object of the decoded document made again from its ready slot
values with ``object.__new__`` and one call of each slot's descriptor (the values inside
the records are not made again), timed in both regimes and put beside pydantic's whole
decode -- what any decoder that builds these attrs classes in Python spends at least.

Memory: the same bytes go to a temporary file, and each library runs alone in a fresh
subprocess that warms the library up on a small document (so lazily built decoders are
not counted), reads the file, then decodes it under ``tracemalloc`` and calls
``gc.collect()``. "Held" is the traced memory still allocated while the decoded document
is alive (the input bytes, read before tracing starts, are not counted); "peak" is the
most traced memory during the decode. A second subprocess per library, without
``tracemalloc``, measures the growth of the resident set (RSS) across the same decode:
it also counts memory the allocator keeps after the decode's temporary objects are freed
(an upper bound), and misses memory reused from the warm-up. Each is divided by the
number of records.
"""

import argparse
import copy
import datetime as dt
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import attrs

# generate and peers are this file's siblings: run as a script, its directory is on sys.path.
import generate
import orjson
import peers

import conflictmodel as cm

COLLECTIONS = ("sources", "actors", "territories", "controls", "agreements", "events")
CM, MSGSPEC, PYDANTIC, ORJSON = "conflictmodel", "msgspec", "pydantic", "orjson"
WARM_UP_RECORDS = 1_000


@dataclass(frozen=True)
class Library:
    """One contender: how it decodes the bytes and encodes what it decoded."""

    name: str
    decode: Callable[[bytes], Any]
    encode: Callable[[Any], str | bytes] | None
    """Compact output (conflictmodel has none: its one text form is the indented one)."""
    encode_text: Callable[[Any], bytes]
    """The text form of ``conflictmodel.dumps`` (sorted keys, two-space indent, final
    newline) as UTF-8 bytes."""
    encode_str: Callable[[Any], str]
    """The same text as a ``str``."""


def _as_str(encode: Callable[[Any], bytes]) -> Callable[[Any], str]:
    def encode_str(value: Any) -> str:
        return encode(value).decode("utf-8")

    return encode_str


def libraries() -> list[Library]:
    """The contenders, conflictmodel first."""
    decoder, encoder = peers.msgspec_decoder(), peers.msgspec_encoder()
    text_options = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE

    def msgspec_text(document: Any) -> bytes:
        return peers.msgspec_encode_text(encoder, document)

    def orjson_text(document: Any) -> bytes:
        return orjson.dumps(document, option=text_options)

    return [
        Library(CM, cm.loads, None, cm.dumpb, cm.dumps),
        Library(MSGSPEC, decoder.decode, encoder.encode, msgspec_text, _as_str(msgspec_text)),
        Library(
            PYDANTIC,
            peers.pydantic_decode,
            peers.pydantic_encode,
            peers.pydantic_encode_text,
            _as_str(peers.pydantic_encode_text),
        ),
        Library(ORJSON, orjson.loads, orjson.dumps, orjson_text, _as_str(orjson_text)),
    ]


def library(name: str) -> Library:
    """The contender called ``name``."""
    return next(lib for lib in libraries() if lib.name == name)


def document_bytes(records: int, seed: int, *, realistic: bool = False) -> tuple[bytes, int]:
    """The generated document as ``json.dumps`` writes it (``realistic``: spelled as real
    data is, see ``generate.realistic``), and its number of records."""
    document = generate.document(records, seed=seed)
    count = sum(len(document[name]) for name in COLLECTIONS)
    return generate.text_of(document, seed=seed, real=realistic).encode("utf-8"), count


# --- timings ---------------------------------------------------------------------------


def _timed(function: Callable[[Any], Any], argument: Any, *, collector: bool) -> tuple[float, Any]:
    gc.collect()
    if not collector:
        gc.disable()
    try:
        start = time.perf_counter()
        result = function(argument)
        return time.perf_counter() - start, result
    finally:
        gc.enable()


def _normalized(value: Any) -> Any:
    """JSON data with arrays of strings sorted (sets may be written in any order)."""
    if isinstance(value, dict):
        return {key: _normalized(item) for key, item in value.items()}
    if isinstance(value, list):
        items = [_normalized(item) for item in value]
        return sorted(items) if all(type(item) is str for item in items) else items
    return value


def check_output(libs: list[Library], data: bytes) -> dict[str, bool]:
    """Whether each library wrote what it read.

    conflictmodel: its text reads back as an equal scenario. The typed peers: their text
    is the same data as conflictmodel's (sets in any order; both leave defaults out, so
    the generator's explicit ``"status": "full"`` is gone from all three). orjson: its
    text is the same data as the input.
    """
    scenario = cm.loads(data)
    canonical = cm.dumps(scenario)
    reference = {
        MSGSPEC: _normalized(json.loads(canonical)),
        ORJSON: _normalized(json.loads(data)),
    }
    reference[PYDANTIC] = reference[MSGSPEC]
    same = {}
    for lib in libs:
        if lib.name == CM:
            same[lib.name] = cm.loads(canonical) == scenario and cm.dumpb(scenario) == canonical.encode()
        else:
            decoded = lib.decode(data)
            texts: list[str | bytes] = [lib.encode_text(decoded), lib.encode_str(decoded)]
            texts += [] if lib.encode is None else [lib.encode(decoded)]
            same[lib.name] = all(_normalized(json.loads(text)) == reference[lib.name] for text in texts)
    return same


REGIMES = ("gc_on", "gc_off")
OPERATIONS = ("decode", "encode", "encode_text", "encode_str")


def time_libraries(libs: list[Library], data: bytes, repeat: int) -> dict[str, dict[str, list[float]]]:
    """Seconds per decode and per encode of ``data``, ``repeat`` times for each library
    and each collector regime (``decode_gc_on``, ``encode_text_gc_off``, ...).

    A repeat runs every library in an order rotated between repeats; each library runs
    both regimes back to back, their order alternating between repeats.
    """
    times: dict[str, dict[str, list[float]]] = {
        lib.name: {f"{op}_{regime}": [] for op in OPERATIONS for regime in REGIMES} for lib in libs
    }
    for round_ in range(repeat):
        shift = round_ % len(libs)
        regimes = REGIMES if round_ % 2 == 0 else REGIMES[::-1]
        for lib in libs[shift:] + libs[:shift]:
            for regime in regimes:
                collector = regime == "gc_on"
                seconds, decoded = _timed(lib.decode, data, collector=collector)
                times[lib.name][f"decode_{regime}"].append(seconds)
                if lib.encode is not None:
                    seconds, written = _timed(lib.encode, decoded, collector=collector)
                    times[lib.name][f"encode_{regime}"].append(seconds)
                    del written
                for operation in ("encode_text", "encode_str"):
                    seconds, written = _timed(getattr(lib, operation), decoded, collector=collector)
                    times[lib.name][f"{operation}_{regime}"].append(seconds)
                    del written
                del decoded
    gc.collect()
    return times


def _maker(cls: type[Any], names: list[str]) -> Callable[[list[tuple[Any, ...]]], list[Any]]:
    """A function making ``cls`` objects from tuples of their slot values the fastest way
    Python offers: ``object.__new__`` and one call of each slot's descriptor."""
    scope: dict[str, Any] = {"new": object.__new__, "cls": cls}
    code = ["def make(rows):", "    out = []", "    for v in rows:", "        o = new(cls)"]
    for number, name in enumerate(names):
        scope[f"s{number}"] = cls.__dict__[name].__set__
        code.append(f"        s{number}(o, v[{number}])")
    code += ["        out.append(o)", "    return out"]
    exec("\n".join(code), scope)  # noqa: S102 - code built from the class's own slot names
    return scope["make"]  # type: ignore[no-any-return]


def time_floor(data: bytes, repeat: int) -> dict[str, float]:
    """Median seconds, collector off and on, to make every record object of the document
    (not the values inside them) from ready values: the least that any decoder building
    these attrs classes in Python must spend, before parsing or checking anything."""
    scenario = cm.loads(data)
    jobs = []
    for collection in COLLECTIONS:
        records = getattr(scenario, collection)
        if records:
            names = [field.name for field in attrs.fields(type(records[0]))]
            rows = [tuple(getattr(record, name) for name in names) for record in records]
            jobs.append((_maker(type(records[0]), names), rows))

    def make_all(_: object) -> None:
        for make, rows in jobs:
            make(rows)

    out: dict[str, float] = {}
    for regime in REGIMES:
        out[regime] = statistics.median(_timed(make_all, None, collector=regime == "gc_on")[0] for _ in range(repeat))
    return out


# --- memory ----------------------------------------------------------------------------


def _rss_bytes() -> int:
    with Path("/proc/self/statm").open() as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def measure_memory(
    name: str, data_file: Path, count: int, seed: int, method: str, *, realistic: bool
) -> dict[str, float]:
    """Bytes per record one library holds after decoding (run in its own process)."""
    lib = library(name)
    warm_up, _ = document_bytes(WARM_UP_RECORDS, seed + 1, realistic=realistic)
    lib.decode(warm_up)
    del warm_up
    data = data_file.read_bytes()
    gc.collect()
    if method == "tracemalloc":
        tracemalloc.start()
        decoded = lib.decode(data)
        gc.collect()
        held, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        result = {"held": held / count, "peak": peak / count}
    else:
        before = _rss_bytes()
        decoded = lib.decode(data)
        gc.collect()
        result = {"rss": (_rss_bytes() - before) / count}
    del decoded
    return result


def memory_in_subprocesses(
    names: list[str], data: bytes, count: int, seed: int, *, realistic: bool
) -> dict[str, dict[str, float]]:
    """Per library: bytes held and peak per record (tracemalloc), and RSS growth per record."""
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        data_file = Path(folder, "document.json")
        data_file.write_bytes(data)
        for name in names:
            results[name] = {}
            for method in ("tracemalloc", "rss"):
                command = [sys.executable, __file__, "--memory-child", name, "--memory-method", method]
                command += ["--input", str(data_file), "--count", str(count), "--seed", str(seed)]
                command += ["--realistic"] if realistic else []
                # The command is this script and its own arguments.
                done = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
                results[name].update(json.loads(done.stdout))
    return results


# --- strictness probes -----------------------------------------------------------------


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(document: dict[str, Any]) -> None:
        target = document
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return change


def _contested_without_opponents(document: dict[str, Any]) -> None:
    control = next(c for c in document["controls"] if "opponents" not in c)
    control["status"] = "contested"


PROBES: list[tuple[str, Callable[[dict[str, Any]], None]]] = [
    ("population as text", _set(("territories", 0, "population"), "12")),
    ("area as true", _set(("territories", 0, "area_km2"), True)),
    ("name only blanks", _set(("actors", 0, "name"), "  ")),
    ("unknown key", _set(("events", 0, "weather"), "rain")),
    ("id with a space", _set(("events", 0, "id"), "e 1")),
    ("date 2017-1-01", _set(("events", 0, "date", "start"), "2017-1-01")),
    ("latitude 95", _set(("events", 0, "coordinates", "lat"), 95.0)),
    ("status unknown", _set(("controls", 0, "status"), "occupied")),
    ("date 2017-02-30", _set(("events", 0, "date"), {"start": "2017-02-30", "end": "2017-02-30"})),
    ("period end < start", _set(("controls", 0, "period"), {"start": "2017-05", "end": "2016"})),
    ("fatalities low > best", _set(("events", 0, "fatalities"), {"best": 1, "low": 5, "high": 9})),
    ("contested, no opponents", _contested_without_opponents),
    ("repeated set item", _set(("events", 0, "sources"), ["src", "src"])),
    ("explicit null", _set(("events", 0, "description"), None)),
]


def probe_strictness(libs: list[Library]) -> dict[str, dict[str, bool]]:
    """For each probe (one broken value in a valid document), which libraries refuse it."""
    base = generate.document(WARM_UP_RECORDS)
    refused: dict[str, dict[str, bool]] = {}
    for label, change in PROBES:
        document = copy.deepcopy(base)
        change(document)
        data = json.dumps(document).encode("utf-8")
        refused[label] = {}
        for lib in libs:
            try:
                lib.decode(data)
            except (ValueError, TypeError):  # LoadError, msgspec and pydantic errors are ValueErrors
                refused[label][lib.name] = True
            else:
                refused[label][lib.name] = False
    return refused


# --- report ----------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    cpu = "unknown"
    with Path("/proc/cpuinfo").open() as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with Path("/proc/meminfo").open() as meminfo:
        total_kib = int(next(line for line in meminfo if line.startswith("MemTotal")).split()[1])
    packages = ("conflictmodel", "attrs", "cattrs", "msgspec", "pydantic", "pydantic-core", "orjson")
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "memory_gib": round(total_kib / 2**20, 1),
        "python": platform.python_version(),
        "versions": {name: metadata.version(name) for name in packages},
    }


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    return None if not numerator or not denominator else numerator / denominator


def summarize(times: dict[str, dict[str, list[float]]], records: int) -> dict[str, dict[str, float]]:
    """Median seconds and records per second, per library and operation."""
    summary: dict[str, dict[str, float]] = {}
    for name, operations in times.items():
        summary[name] = {}
        for operation, seconds in operations.items():
            if not seconds:
                continue
            median = statistics.median(seconds)
            summary[name][f"{operation}_s"] = median
            summary[name][f"{operation}_per_s"] = records / median
    return summary


def ratios(speed: dict[str, dict[str, float]], memory: dict[str, dict[str, float]]) -> list[dict[str, Any]]:
    """conflictmodel against each typed peer, beside PERF.md's targets (same run, same regime)."""
    rows: list[dict[str, Any]] = []
    ours = speed.get(CM, {})
    for regime in REGIMES:
        label = "collector on for all" if regime == "gc_on" else "collector off for all"
        comparisons = (  # (what, our operation, theirs, target)
            ("decode", "decode", "decode", ">= 2x"),
            ("encode (dumpb) / peer's same indented sorted text, bytes", "encode_text", "encode_text", ">= 2x"),
            ("encode (dumpb) / peer's compact text, bytes", "encode_text", "encode", ">= 1x"),
            ("encode (dumps) / peer's same text as str", "encode_str", "encode_str", ""),
        )
        for what, operation, theirs, target in comparisons:
            for peer in (PYDANTIC, MSGSPEC):
                mine = ours.get(f"{operation}_{regime}_per_s")
                value = _ratio(mine, speed.get(peer, {}).get(f"{theirs}_{regime}_per_s"))
                goal = target if peer == PYDANTIC else ""
                rows.append({"what": f"{what}, {peer}, {label}", "ratio": value, "target": goal})
    for peer in (MSGSPEC, PYDANTIC):
        value = _ratio(memory.get(CM, {}).get("held"), memory.get(peer, {}).get("held"))
        goal = "<= 0.6x" if peer == MSGSPEC else ""
        rows.append({"what": f"memory held, conflictmodel / {peer}", "ratio": value, "target": goal})
    peak = _ratio(memory.get(CM, {}).get("peak"), memory.get(CM, {}).get("held"))
    rows.append({"what": "peak during decode / held, conflictmodel", "ratio": peak, "target": "<= 2x"})
    return rows


def _lines(results: dict[str, Any]) -> Iterator[str]:
    info = results["machine"]
    timing = f"median of {results['repeat']} repeats; " if results["speed"] else ""
    yield f"{results['records']:,} records, {results['bytes']:,} bytes of JSON; {timing}{info['date']}"
    yield f"{info['cpus']} CPUs ({info['cpu']}), {info['memory_gib']} GiB, Python {info['python']}"
    speed: dict[str, dict[str, float]] = results["speed"]
    if speed:
        yield ""
        yield "records per second (median); 'on'/'off': the cyclic collector on / off for every library"
        heads = [f"{op.replace('_', ' ')} {r[3:]}" for op in OPERATIONS for r in REGIMES]
        yield f"{'library':<14}" + "".join(f"{head:>16}" for head in heads)
        for name, row in speed.items():
            cells = [row.get(f"{op}_{r}_per_s") for op in OPERATIONS for r in REGIMES]
            yield f"{name:<14}" + "".join(f"{'-':>16}" if c is None else f"{c:>16,.0f}" for c in cells)
    memory: dict[str, dict[str, float]] = results["memory"]
    if memory:
        yield ""
        yield f"{'library':<14} {'held B/rec':>11} {'peak B/rec':>11} {'RSS B/rec':>10}"
        for name, row in memory.items():
            yield f"{name:<14} {row['held']:>11,.0f} {row['peak']:>11,.0f} {row['rss']:>10,.0f}"
    yield ""
    for row in results["ratios"]:
        if row["ratio"] is not None:
            target = f"   (PERF.md target {row['target']})" if row["target"] else ""
            yield f"{row['what']:<86} {row['ratio']:>6.2f}x{target}"
    floor: dict[str, float] = results.get("floor") or {}
    pydantic = speed.get(PYDANTIC, {}) if speed else {}
    for regime, seconds in floor.items():
        whole = pydantic.get(f"decode_{regime}_s")
        share = f", {seconds / whole:.0%} of pydantic's whole decode" if whole else ""
        label = "on" if regime == "gc_on" else "off"
        yield f"floor, making the record objects alone from ready values, collector {label}: {seconds:.3f} s{share}"
    if results["output_check"]:
        same = ", ".join(f"{name} {'yes' if ok else 'NO'}" for name, ok in results["output_check"].items())
        yield f"output check (see check_output): {same}"


def _probe_lines(refused: dict[str, dict[str, bool]]) -> Iterator[str]:
    names = list(next(iter(refused.values())))
    yield f"{'one broken value':<26}" + "".join(f"{name:>15}" for name in names)
    for label, by_library in refused.items():
        yield f"{label:<26}" + "".join(f"{'refused' if by_library[n] else 'accepted':>15}" for n in names)


# --- command line ----------------------------------------------------------------------


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--records", type=int, default=100_000, help="about this many records (default 100000)")
    parser.add_argument("--repeat", type=int, default=7, help="timed repeats; the median is reported (default 7)")
    parser.add_argument("--seed", type=int, default=20171130, help="the generator's seed")
    parser.add_argument(
        "--realistic", action="store_true", help="the same world spelled as real data is (generate.realistic)"
    )
    parser.add_argument("--memory-only", action="store_true", help="measure memory only")
    parser.add_argument("--no-memory", action="store_true", help="measure timings only")
    parser.add_argument("--check", action="store_true", help="show which broken values each library refuses")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--memory-child", help=argparse.SUPPRESS)
    parser.add_argument("--memory-method", choices=("tracemalloc", "rss"), help=argparse.SUPPRESS)
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark the arguments ask for and print a table."""
    args = _arguments(argv)
    if args.memory_child:
        result = measure_memory(
            args.memory_child, args.input, args.count, args.seed, args.memory_method, realistic=args.realistic
        )
        print(json.dumps(result))
        return
    libs = libraries()
    if args.check:
        for line in _probe_lines(probe_strictness(libs)):
            print(line)
        return
    data, count = document_bytes(args.records, args.seed, realistic=args.realistic)
    results: dict[str, Any] = {
        "machine": machine(),
        "document": "realistic" if args.realistic else "plain",
        "records": count,
        "bytes": len(data),
        "repeat": args.repeat,
        "speed": {},
        "memory": {},
        "output_check": {},
    }
    if not args.memory_only:
        results["output_check"] = check_output(libs, data)
        times = time_libraries(libs, data, args.repeat)
        results["speed"] = summarize(times, count)
        results["seconds"] = times
        results["floor"] = time_floor(data, args.repeat)
    gc.collect()
    if not args.no_memory:
        results["memory"] = memory_in_subprocesses(
            [lib.name for lib in libs], data, count, args.seed, realistic=args.realistic
        )
    results["ratios"] = ratios(results["speed"], results["memory"])
    for line in _lines(results):
        print(line)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
