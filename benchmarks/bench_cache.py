"""The review cache alone: writing and reading back 2,500 files' facts (issue 21: JSON instead of pickle, as fast).

    python benchmarks/bench_cache.py [--files 2500]

Facts of 60 generated municipalities (``tools/make_region.py``, 20–200 events,
mean 60) are computed once and stored under 2,500 keys, as a region's cache
holds them. Timed, in this process, median of 5 (the machine is shared: CPU
time of this process is printed too):

- put: facts to entries (in a review this is the workers' share, on all cores);
- save: the entries file written;
- open + get: the file read and every entry's facts back, events left packed —
  what a second review of an unchanged region does;
- events: every roadmap's events read too (what a review that needs them costs).

``--pickle`` times the format of before issue 21 (``pickle``), written here as
it was, for the comparison in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT


def facts_of_a_region(folder: Path) -> list:
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools" / "make_region.py"),
            str(folder),
            "--municipalities",
            "60",
            "--events",
            "20:200",
            "--mean-events",
            "60",
            "--seed",
            "7",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    from neuspeh_cli.review.loading import process_file

    return [process_file(path) for path in sorted(folder.rglob("*.yaml"))]


def timed(action, runs: int = 5) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(runs):
        cpu, wall = time.process_time(), time.perf_counter()
        action()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def json_cache(facts: list, files: int, root: Path):
    from neuspeh_cli.review.cache import Cache

    def put() -> Cache:
        cache = Cache(root)
        for n in range(files):
            cache.put(f"{n:032x}", False, facts[n % len(facts)], str(root))
        return cache

    def save() -> None:
        cache = put()
        cache.save()
        cache.wait()

    def get() -> None:
        cache = Cache(root)
        for n in range(files):
            assert cache.get(f"{n:032x}", False, str(root)) is not None

    def events() -> None:
        cache = Cache(root)
        for n in range(files):
            f = cache.get(f"{n:032x}", False, str(root))
            if f.roadmap is not None:
                len(list(f.roadmap.events))

    save()
    entries = next(root.rglob("entries.*"))
    return put, save, get, events, entries


def pickle_cache(facts: list, files: int, root: Path):
    """The format before issue 21: pickled facts in a pickled dict, read once, unpickled per entry."""
    root.mkdir(parents=True, exist_ok=True)
    path = root / "entries.pickle"

    def put() -> dict:
        return {
            f"{n:032x}": (pickle.dumps(facts[n % len(facts)], protocol=pickle.HIGHEST_PROTOCOL), (), 0)
            for n in range(files)
        }

    def save() -> None:
        stored = {"format": 1, "review": 1, "entries": put(), "files": {}}
        with open(path, "wb") as handle:
            pickle.dump(stored, handle, protocol=pickle.HIGHEST_PROTOCOL)

    def get() -> None:
        with open(path, "rb") as handle:
            stored = pickle.load(handle)
        for n in range(files):
            assert pickle.loads(stored["entries"][f"{n:032x}"][0]) is not None

    def events() -> None:
        with open(path, "rb") as handle:
            stored = pickle.load(handle)
        for n in range(files):
            f = pickle.loads(stored["entries"][f"{n:032x}"][0])
            if f.roadmap is not None:
                len(list(f.roadmap.events))

    save()
    return put, save, get, events, path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=2500)
    parser.add_argument("--pickle", action="store_true", help="the format before issue 21")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        facts = facts_of_a_region(Path(tmp) / "region")
        make = pickle_cache if args.pickle else json_cache
        put, save, get, events, entries = make(facts, args.files, Path(tmp) / "cache")
        print(
            f"{'pickle' if args.pickle else 'JSON'}: {args.files} files, entries file "
            f"{os.path.getsize(entries) / 2**20:.1f} MB"
        )
        for name, action in (
            ("put", put),
            ("save (put included)", save),
            ("open + get", get),
            ("open + get + events", events),
        ):
            wall, cpu = timed(action)
            print(f"  {name:<22} {wall:6.3f} s  (CPU {cpu:6.3f} s)")


if __name__ == "__main__":
    main()
