"""`neuspeh import` of a 1,000-event roadmap built to Word by `neuspeh build`, next to `pandoc -t markdown`.

Target (issue 17): under half of pandoc's time for the same file. The roadmap
is the institute's sample with its events repeated to 1,000 (names numbered so
that every row differs); it is built once into a temporary folder, then
imported as a whole process several times (median): as built (the data part
read back) and without its data part (read from the tables, as a foreign
document), and once in-process to show where the time goes. pandoc is timed
when it is installed.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
import zipfile
from pathlib import Path

import yaml
from common import NEUSPEH, ROOT, median_seconds, report

EVENTS = 1000


def big_roadmap(folder: Path) -> Path:
    data = yaml.safe_load((ROOT / "examples" / "sample-2023.yaml").read_text(encoding="utf-8"))
    events = data["events"]
    many = []
    for n in range(EVENTS):
        event = dict(events[n % len(events)])
        event.pop("id", None)
        event["name"] = f"{event.get('name') or 'Собеседование'} (часть {n + 1})"
        event["contingent"] = event.get("contingent") or "Администрация ОО"
        many.append(event)
    data["events"] = many
    data.get("monitoring", {}).pop("event", None)
    path = folder / "big.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="neuspeh-bench-import-") as tmp:
        folder = Path(tmp)
        source = big_roadmap(folder)
        subprocess.run(
            NEUSPEH + ["build", str(source), "--no-pdf", "--force", "-o", str(folder)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        docx = folder / "big.docx"
        out = folder / "imported.yaml"

        from neuspeh_cli.importing import import_file
        from neuspeh_cli.importing.assemble import assemble
        from neuspeh_cli.importing.wordxml import read_docx

        start = time.perf_counter()
        result = import_file(docx)
        whole = time.perf_counter() - start
        assert result.events == EVENTS, result.events
        assert not result.unplaced, [u.describe() for u in result.unplaced[:5]]
        start = time.perf_counter()
        source_doc = read_docx(docx, "big.docx")
        read = time.perf_counter() - start
        from neuspeh_cli.domain.catalog import load_catalog

        catalog = load_catalog()
        start = time.perf_counter()
        assemble(source_doc, catalog)
        assembled = time.perf_counter() - start
        foreign = folder / "foreign.docx"
        with zipfile.ZipFile(docx) as archive, zipfile.ZipFile(foreign, "w", zipfile.ZIP_DEFLATED) as target:
            for info in archive.infolist():
                if not info.filename.startswith("customXml/"):
                    target.writestr(info, archive.read(info.filename))
        rows = [
            (
                f"neuspeh import ({EVENTS} events, as built: its data part)",
                median_seconds(NEUSPEH + ["import", str(docx), "-o", str(out), "--force"], runs=5),
            ),
            (
                f"neuspeh import ({EVENTS} events, no data part: from the tables)",
                median_seconds(NEUSPEH + ["import", str(foreign), "-o", str(out), "--force"], runs=5),
            ),
            ("  in-process import_file (first call)", whole),
            ("  reading the .docx (own walk)", read),
            ("  sections, matching, codes (assemble)", assembled),
        ]
        if shutil.which("pandoc"):
            rows.append(
                (
                    "pandoc -t markdown (the same file)",
                    median_seconds(["pandoc", "-t", "markdown", "-o", str(folder / "big.md"), str(docx)], runs=3),
                )
            )
        report(rows)


if __name__ == "__main__":
    main()
