"""`neuspeh review` of 44 municipalities that sent Word files instead of YAML (issue 17). Target: ≤ 10 s cold on 2
cores.

The region is made by tools/make_region.py (benchmark preset, 44 municipalities),
every roadmap built to Word by `neuspeh build`; the YAML files are then removed.
Timed three ways, each cold (no cache) and to xlsx + HTML: the YAML region, the
Word region as built (the data part read back), and the same Word files without
their data part (read from the tables, as documents made elsewhere); then the
Word region again with its cache.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from common import NEUSPEH, ROOT, median_seconds, report

MUNICIPALITIES = 44


def main() -> None:
    from neuspeh_cli.build import BuildOptions, build_files

    with tempfile.TemporaryDirectory(prefix="neuspeh-bench-review-docs-") as tmp:
        folder = Path(tmp)
        yaml_region, own, foreign = folder / "yaml", folder / "own", folder / "foreign"
        make = [sys.executable, str(ROOT / "tools" / "make_region.py"), str(yaml_region), "--preset", "benchmark"]
        subprocess.run(
            make + ["--municipalities", str(MUNICIPALITIES), "--regions", "1", "--programmes", "0"],
            check=True,
            capture_output=True,
        )
        shutil.copytree(yaml_region, own)
        built = build_files(sorted(own.rglob("*.yaml")), BuildOptions(pdf_engine="none", force=True))
        for result in built.results:
            if result.docx is not None:
                result.source.unlink()
        shutil.copytree(own, foreign)
        for path in foreign.rglob("*.docx"):
            with zipfile.ZipFile(path) as archive:
                parts = {
                    i.filename: archive.read(i.filename)
                    for i in archive.infolist()
                    if not i.filename.startswith("customXml/")
                }
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
                for name, data in parts.items():
                    archive.writestr(name, data)
        words = len(list(own.rglob("*.docx")))

        def review(region: Path, *extra: str) -> list[str]:
            return NEUSPEH + [
                "review",
                str(region),
                "-o",
                str(folder / f"out-{region.name}"),
                "--format",
                "xlsx,html",
                "--force",
                *extra,
            ]

        subprocess.run(review(own), check=False, capture_output=True)  # fills the cache for the last row
        report(
            [
                (
                    f"review, {MUNICIPALITIES} YAML files, cold",
                    median_seconds(review(yaml_region, "--no-cache"), runs=3),
                ),
                (f"review, {words} Word files as built, cold", median_seconds(review(own, "--no-cache"), runs=3)),
                (
                    f"review, {words} Word files without the data part, cold",
                    median_seconds(review(foreign, "--no-cache"), runs=3),
                ),
                (f"review, {words} Word files as built, cached", median_seconds(review(own), runs=3)),
            ]
        )


if __name__ == "__main__":
    main()
