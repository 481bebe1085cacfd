"""The default `neuspeh review` of the example region beside its peer, interleaved (issue 23).

Target: the default review (xlsx, HTML, Word and PDF) of ``examples/region`` no slower than the same
review to xlsx + HTML followed by one ``soffice --convert-to pdf`` call on its two Word documents.
Both with a warm cache (the files checked once before) and a warm LibreOffice profile. Alternated round
by round; CPU time is sampled from /proc for the whole process tree (the review's LibreOffice runs in a
session of its own, so its time never reaches the caller's ``RUSAGE_CHILDREN``).

    cd benchmarks && ../.venv/bin/python bench_review_example.py [--runs 9]
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

from bench_review import run
from common import NEUSPEH, ROOT

REGION = ROOT / "examples" / "region"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    soffice = shutil.which("soffice")
    if not soffice:
        raise SystemExit("soffice is not installed")
    with tempfile.TemporaryDirectory(prefix="neuspeh-bench-review-example-") as tmp:
        tmp = Path(tmp)
        os.environ["XDG_CACHE_HOME"] = str(tmp / "cache")
        base = [*NEUSPEH, "review", str(REGION), "--expected", str(REGION / "municipalities.txt"), "--force"]
        ours = [*base, "-o", str(tmp / "default")]
        subprocess.run(ours, check=True, capture_output=True)  # the cache, and the Word files the peer converts
        profile = tmp / "profile"
        sheets, brief = tmp / "default" / "экспертные-листы.docx", tmp / "default" / "аналитическая-справка.docx"
        convert = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp / "peer"),
            str(sheets),
            str(brief),
        ]
        subprocess.run(convert, check=True, capture_output=True)  # a warm profile, as ours are
        peer = f"{shlex.join([*base, '-o', str(tmp / 'peer'), '--format', 'xlsx,html'])} && exec {shlex.join(convert)}"
        names = {"xlsx+HTML review, then one soffice call": ["sh", "-c", peer], "default review": ours}
        samples: dict[str, list[dict]] = {name: [] for name in names}
        for _ in range(args.runs):
            for name, command in names.items():
                samples[name].append(run(command, dict(os.environ)))
    print(f"example region, {args.runs} rounds; load average after: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    base = {
        k: statistics.median(r[k] for r in samples["xlsx+HTML review, then one soffice call"]) for k in ("wall", "cpu")
    }
    print(f"{'':<42} {'wall, s':>8} {'CPU, s':>8} {'÷ peer wall':>12} {'÷ peer CPU':>11} {'peak PSS, MB':>13}")
    for name, rows in samples.items():
        wall, cpu = (statistics.median(r[k] for r in rows) for k in ("wall", "cpu"))
        pss = max(r["peak_pss_mb"] for r in rows)
        ratios = f"{wall / base['wall']:>11.2f}× {cpu / base['cpu']:>10.2f}×"
        print(f"{name:<42} {wall:>8.2f} {cpu:>8.2f} {ratios} {pss:>13.0f}")


if __name__ == "__main__":
    main()
