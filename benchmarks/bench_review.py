"""`neuspeh review` over the benchmark corpus: 2,500 municipal roadmaps of 20–200 events (mean about 60).

Targets (issue 13): to xlsx + HTML in ≤ 15 s on 2 cores with peak memory under 1 GB;
a second review after one file changed in ≤ 2 s. Issue 23: the default review (xlsx, HTML, Word, PDF;
the expert sheets in parts above 100 municipalities) in ≤ 60 s with the whole process tree under 1 GB —
the last row, from an empty cache (``--no-default`` leaves it out).

    python benchmarks/bench_review.py [CORPUS] [--jobs 2]

Without CORPUS the corpus is generated into a temporary folder by
``tools/make_region.py --preset benchmark``. Each run is a whole process
(``python -m neuspeh_cli review``) with its own empty cache folder for the
first run; memory is the peak of the whole process tree (the main process and
its workers), sampled from /proc every 50 ms.
The machine is shared: CPU time (user + system, children included) is printed
beside the wall time, as it depends less on the neighbours.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import NEUSPEH, ROOT, baseline

TICK = os.sysconf("SC_CLK_TCK")


def tree_rss(pid: int, cpu: dict[int, float] | None = None) -> tuple[int, int]:
    """Resident memory of a process and all its descendants, in bytes (Linux /proc): the sum of their
    resident sizes, and of their proportional sizes (PSS: a page shared by two processes — LibreOffice's
    libraries in both soffice, a forked worker's pages not yet copied — counted half in each).

    ``cpu`` gets each process's user + system time so far: LibreOffice runs detached from the review's
    process (its own session), so its time never reaches the review's ``RUSAGE_CHILDREN``.
    """
    total, proportional, todo = 0, 0, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
                        break
            with open(f"/proc/{current}/smaps_rollup") as rollup:
                for line in rollup:
                    if line.startswith("Pss:"):
                        proportional += int(line.split()[1]) * 1024
                        break
            if cpu is not None:
                with open(f"/proc/{current}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
                cpu[current] = (int(fields[11]) + int(fields[12])) / TICK
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    todo.extend(int(c) for c in children.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total, proportional


def run(command: list[str], env: dict[str, str]) -> dict[str, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = peak_pss = 0
    done = threading.Event()
    seen: dict[int, float] = {}

    def sample() -> None:
        nonlocal peak, peak_pss
        while not done.is_set():
            rss, pss = tree_rss(process.pid, seen)
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{err[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # Processes the review reaped are in ``cpu``; the sampled sum adds those it did not (LibreOffice), missing
    # at most the last 50 ms of each process.
    sampled = sum(seen.values())
    return {
        "wall": wall,
        "cpu": max(cpu, sampled),
        "peak_mb": peak / 2**20,
        "peak_pss_mb": peak_pss / 2**20,
        "output": out.strip(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, help="the corpus folder (generated when omitted)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-default", action="store_true", help="without the default review (Word and PDF)")
    parser.add_argument("--only-default", action="store_true", help="only the default review (Word and PDF)")
    parser.add_argument(
        "--baseline",
        help="another checkout's src (git archive <commit> src | tar -x -C /tmp/old): its default review "
        "runs in the same rounds, after the current one",
    )
    parser.add_argument("--rounds", type=int, default=1, help="rounds of the default review")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="neuspeh-bench-review-") as tmp:
        tmp_path = Path(tmp)
        corpus = args.corpus
        if corpus is None:
            corpus = tmp_path / "corpus"
            started = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    str(ROOT / "tools" / "make_region.py"),
                    str(corpus),
                    "--preset",
                    "benchmark",
                    "--jobs",
                    str(args.jobs),
                ],
                check=True,
            )
            print(f"corpus generated in {time.perf_counter() - started:.1f} s")
        files = sorted(corpus.rglob("*.yaml"))
        size = sum(f.stat().st_size for f in files)
        events = sum(f.read_bytes().count(b"\n  - id: e") for f in files)
        print(
            f"corpus: {len(files)} files, {size / 1e6:.1f} MB, {events} events ({events / max(1, len(files)):.0f} per "
            "file)"
        )
        env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
        command = [
            *NEUSPEH,
            "review",
            str(corpus),
            "-o",
            str(tmp_path / "out"),
            "--format",
            "xlsx,html",
            "--jobs",
            str(args.jobs),
            "--force",
        ]
        rows = []
        if not args.only_default:
            rows.append(("first review (empty cache)", run(command, env)))
            changed = files[len(files) // 2]
            original = changed.read_bytes()
            try:
                changed.write_bytes(original + b"# changed for the benchmark\n")
                rows.append(("second review, one file changed", run(command, env)))
            finally:
                changed.write_bytes(original)
            rows.append(("third review, file restored", run(command, env)))
        if not args.no_default:
            every = [*command[: command.index("--format")], *command[command.index("--format") + 2 :]]
            every[every.index(str(tmp_path / "out"))] = str(tmp_path / "default")
            old = baseline(args.baseline)
            for round_ in range(args.rounds):
                for label, prefix in (("", NEUSPEH), (" [baseline]", old)):
                    if prefix is None:
                        continue
                    command_here = [*prefix, *every[len(NEUSPEH) :]]
                    cold = {**env, "XDG_CACHE_HOME": str(tmp_path / f"cache-default-{round_}{label.strip()}")}
                    rows.append((f"default review (+ Word, PDF), empty cache{label}", run(command_here, cold)))
        print(f"{'run':<42} {'wall, s':>8} {'CPU, s':>8} {'peak RSS, MB':>13} {'peak PSS, MB':>13}")
        for name, f in rows:
            print(f"{name:<42} {f['wall']:>8.2f} {f['cpu']:>8.2f} {f['peak_mb']:>13.0f} {f['peak_pss_mb']:>13.0f}")
        print(f"load average after: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        for out in (tmp_path / "out", tmp_path / "default"):
            for path in sorted(out.iterdir()) if out.is_dir() else ():
                size = sum(p.stat().st_size for p in path.iterdir()) if path.is_dir() else path.stat().st_size
                count = f" ({len(list(path.iterdir()))} files)" if path.is_dir() else ""
                print(f"{out.name}/{path.name}: {size / 1e6:.1f} MB{count}")


if __name__ == "__main__":
    main()
