"""Whole-process timings: the median of several runs of a command."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).parents[1]
NEUSPEH = [sys.executable, "-m", "neuspeh_cli"]


def median_seconds(command: list[str], runs: int = 7, cwd: Path | None = None, setup=None) -> float:
    times = []
    for _ in range(runs):
        if setup:
            setup()
        start = time.perf_counter()
        completed = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - start)
        if completed.returncode not in (0, 1):
            raise SystemExit(f"{command} failed ({completed.returncode}): {completed.stderr.decode()[-500:]}")
    return statistics.median(times)


def report(rows: list[tuple[str, float]]) -> None:
    width = max(len(name) for name, _ in rows)
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds:8.3f} s")
