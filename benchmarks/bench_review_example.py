"""The default `neuspeh review` of the example region beside its peer, interleaved (issue 23).

Target: the default review (xlsx, HTML, Word and PDF) of ``examples/region`` no slower than the same
review to xlsx + HTML followed by one ``soffice --convert-to pdf`` call on its two Word documents.
Both with a warm cache (the files checked once before) and a warm LibreOffice profile.

    cd benchmarks && ../.venv/bin/python bench_review_example.py [--runs 9]
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

from common import NEUSPEH, ROOT, interleaved, report_ratios

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
        results = interleaved(
            {"xlsx+HTML review, then one soffice call": ["sh", "-c", peer], "default review": ours}, runs=args.runs
        )
    print(f"example region, {args.runs} rounds; load average after: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    report_ratios(results, peer="xlsx+HTML review, then one soffice call")


if __name__ == "__main__":
    main()
