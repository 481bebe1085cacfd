"""`neuspeh build --no-pdf` beside pandoc (markdown with the same rows → docx), interleaved (issue 23).

Targets: 39 events (the sample) ≤ 3× pandoc; 1,000 events ≤ 0.5× pandoc; 10,000 events builds (checked here:
the suite does not build it).
Each pair runs alternately in the same rounds, medians of wall and CPU time, ratios to pandoc.

    cd benchmarks && ../.venv/bin/python bench_build_pandoc.py [--runs 9] [--sizes 39,1000,10000] \\
        [--baseline /tmp/old/src]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from bench_build import SAMPLE, as_markdown, big_roadmap
from common import NEUSPEH, baseline, interleaved, report_ratios


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--sizes", default="39,1000")
    parser.add_argument("--baseline", help="another checkout's src: its build in the same rounds")
    args = parser.parse_args()
    if not shutil.which("pandoc"):
        raise SystemExit("pandoc is needed (apt-get install -y pandoc)")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for size in (int(s) for s in args.sizes.split(",")):
            source = shutil.copy(SAMPLE, tmp / "sample.yaml") if size == 39 else big_roadmap(tmp, size)
            markdown = as_markdown(Path(source))
            runs = args.runs if size <= 1000 else max(3, args.runs // 3)
            print(f"\n{size} events, {runs} runs")
            build = ["build", str(source), "--force", "--no-pdf", "-o"]
            commands = {
                "pandoc md → docx": ["pandoc", str(markdown), "-o", str(tmp / f"p{size}.docx")],
                "neuspeh build --no-pdf": NEUSPEH + build + [str(tmp / "out")],
            }
            old = baseline(args.baseline)
            if old:
                commands["baseline build --no-pdf"] = old + build + [str(tmp / "old")]
            results = interleaved(commands, runs=runs)
            report_ratios(results, peer="pandoc md → docx")
            built(tmp / "out" / (Path(source).stem + ".docx"), size)


def built(docx: Path, size: int) -> None:
    """The document has every event: the suite does not build 10,000 events (tests/test_large.py), this does."""
    import zipfile

    body = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
    if size > 39 and (f"({size})" not in body or body.count("<w:tr") <= size):
        raise SystemExit(f"{docx}: not all {size} events are in the document")


if __name__ == "__main__":
    main()
