"""Whole-process timings: the median of several runs of a command."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).parents[1]
NEUSPEH = [sys.executable, "-m", "neuspeh_cli"]


def baseline(src: str | None) -> list[str] | None:
    """``neuspeh`` run from another checkout's ``src`` (e.g. ``git archive <commit> src | tar -x -C /tmp/old``,
    then ``/tmp/old/src``), for the previous code beside the current one in the same rounds; None without one.

    Its package shadows the installed one on ``PYTHONPATH``; the catalog and templates still come from
    this checkout."""
    if not src:
        return None
    return ["env", f"PYTHONPATH={Path(src).resolve()}", *NEUSPEH]


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


def interleaved(
    commands: dict[str, list[str]], runs: int = 9, warmup: int = 1, cwd: Path | None = None
) -> dict[str, dict]:
    """Run each command in turn, `runs` rounds, so that a target and its peer share the machine's load.

    The machine is shared, so absolute times drift with the neighbours; ratios of medians taken
    from alternating runs drift much less. CPU time (user + system of the process and its
    children) is kept beside the wall time, as it depends less on the load.
    """
    import os

    # An installed package has its bytecode compiled; a shell with PYTHONDONTWRITEBYTECODE would
    # measure compiling every module of ours on each run instead.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    samples: dict[str, dict[str, list[float]]] = {name: {"wall": [], "cpu": []} for name in commands}
    for round_ in range(warmup + runs):
        for name, command in commands.items():
            start = time.perf_counter()
            process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            err = process.stderr.read()
            process.stderr.close()
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            wall = time.perf_counter() - start
            if process.returncode not in (0, 1):
                raise SystemExit(f"{command} failed ({process.returncode}): {err.decode()[-500:]}")
            if round_ >= warmup:
                samples[name]["wall"].append(wall)
                samples[name]["cpu"].append(usage.ru_utime + usage.ru_stime)
    return {
        name: {"wall": statistics.median(s["wall"]), "cpu": statistics.median(s["cpu"]), "runs": runs}
        for name, s in samples.items()
    }


def report_ratios(results: dict[str, dict], peer: str) -> None:
    """Medians of each command and its ratio to the peer (wall and CPU)."""
    width = max(len(name) for name in results)
    base = results[peer]
    print(f"{'':<{width}}  {'wall':>8}  {'cpu':>8}  {'÷ peer wall':>11}  {'÷ peer cpu':>10}")
    for name, r in results.items():
        print(
            f"{name:<{width}}  {r['wall']:7.3f}s  {r['cpu']:7.3f}s  {r['wall'] / base['wall']:10.2f}×  {r['cpu'] / base['cpu']:9.2f}×"  # noqa: E501
        )


def bare_soffice_pdf(soffice: str, profile: str, out_dir: Path, docx: Path) -> list[str]:
    """The peer of our PDF: LibreOffice's own one-shot conversion, in a profile of its own (a file URI)."""
    return [
        soffice,
        "--headless",
        "--norestore",
        f"-env:UserInstallation={profile}",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out_dir),
        str(docx),
    ]
