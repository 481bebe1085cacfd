"""Each hostile input (issue 2's and issue 8's: deep brackets, FIFO, /dev/zero, symlink loops) through the whole CLI: time and exit code (each must end in < 2 s)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))

from common import NEUSPEH
from test_loader import HOSTILE_FILES
from test_yamlread import HOSTILE


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for case, (make, _) in sorted({**HOSTILE, **HOSTILE_FILES}.items()):
            path = Path(tmp) / f"{case}.yaml"
            make(path)
            start = time.perf_counter()
            done = subprocess.run(NEUSPEH + ["validate", str(path)], capture_output=True, text=True)
            seconds = time.perf_counter() - start
            line = [l for l in done.stdout.splitlines() if "ошибка" in l][:1]
            print(f"{case:<14} exit {done.returncode}  {seconds:6.3f} s  {line[0].strip()[:110] if line else done.stderr.strip()[-110:]}")


if __name__ == "__main__":
    main()
