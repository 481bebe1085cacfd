"""Each hostile input through the whole CLI: time, exit code and peak memory (each must end in < 2 s, under 1 GB).

Issue 2's and issue 8's YAML (deep brackets, FIFO, /dev/zero, symlink loops) through ``validate``; issue 21's
documents (``tools/make_hostile.py``: zip bombs, a billion-column cell, a million rows, passwords, a PDF bomb…)
through ``import``. Peak memory is the process's (``wait4``; Linux counts what the child inherited at fork
from this script too, so it is an upper bound).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).parents[1] / "tools"))

import make_hostile
from common import NEUSPEH
from test_loader import HOSTILE_FILES
from test_yamlread import HOSTILE


def run(args: list[str]) -> tuple[int, float, float, str]:
    start = time.perf_counter()
    process = subprocess.Popen(
        NEUSPEH + args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
    )
    output = process.stdout.read().decode("utf-8", "replace")  # type: ignore[union-attr]
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, time.perf_counter() - start, usage.ru_maxrss / 1024, output


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        code, seconds, peak, output = run(["--version"])
        rows = [("baseline: neuspeh --version", code, seconds, peak, output.strip())]  # interpreter start, for the load
        for case, (make, _) in sorted({**HOSTILE, **HOSTILE_FILES}.items()):
            path = Path(tmp) / f"{case}.yaml"
            make(path)
            code, seconds, peak, output = run(["validate", str(path)])
            line = [l for l in output.splitlines() if "ошибка" in l][:1]
            rows.append((f"validate {case}", code, seconds, peak, line[0].strip() if line else output.strip()[-110:]))
        for case, path in make_hostile.make(Path(tmp) / "documents").items():
            code, seconds, peak, output = run(["import", str(path), "-o", str(Path(tmp) / f"{case}.out.yaml")])
            rows.append((f"import {case}", code, seconds, peak, output.strip()))
        for name, code, seconds, peak, line in rows:
            print(f"{name:<28} exit {code}  {seconds:6.3f} s  {peak:5.0f} MB  {line[:100]}")


if __name__ == "__main__":
    main()
