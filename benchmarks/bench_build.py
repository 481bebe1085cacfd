"""`neuspeh build` as whole processes, median of several runs.

* 39 events (the sample) and 1,000 events, Word only, beside pandoc (markdown → docx) for the same table;
* with PDF: our build over bare `soffice --convert-to pdf` of the same .docx;
* 20 files with PDF in one build over 20 separate soffice runs.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import yaml
from common import NEUSPEH, ROOT, bare_soffice_pdf, median_seconds, report

SAMPLE = ROOT / "examples" / "sample-2023.yaml"


def big_roadmap(folder: Path, events: int) -> Path:
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    base = data["events"]
    data["events"] = []
    for i in range(events):
        event = dict(base[i % len(base)])
        event.pop("id", None)
        event["name"] = f"{event['name'] or 'Мероприятие'} ({i + 1})"
        data["events"].append(event)
    data["monitoring"] = {"indicators": ["Наличие внутришкольной программы"]}
    path = folder / f"roadmap-{events}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def as_markdown(source: Path) -> Path:
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    lines = [
        "| № | Мероприятие | Форма | Код параметра | Контингент | Место проведения | Дата проведения | Ответственные |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for i, e in enumerate(data["events"], 1):
        codes = e["parameters"] if isinstance(e["parameters"], str) else ", ".join(e["parameters"])
        cells = [str(i), e["name"], e["form"], codes, e["contingent"], e["place"], e["dates"], e["responsible"]]
        lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    path = source.with_suffix(".md")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        out = tmp / "out"
        big = big_roadmap(tmp, 1000)
        rows.append(
            (
                "build 39 events, docx",
                median_seconds(NEUSPEH + ["build", str(SAMPLE), "-o", str(out), "--force", "--no-pdf"]),
            )
        )
        rows.append(
            (
                "build 1000 events, docx",
                median_seconds(NEUSPEH + ["build", str(big), "-o", str(out), "--force", "--no-pdf"], runs=5),
            )
        )
        if shutil.which("pandoc"):
            as_markdown(SAMPLE.parent / "sample-2023.yaml") if False else None
            md39 = as_markdown(shutil.copy(SAMPLE, tmp / "sample.yaml") and tmp / "sample.yaml")
            md = as_markdown(big)
            rows.append(
                ("pandoc 39 events, md → docx", median_seconds(["pandoc", str(md39), "-o", str(tmp / "p39.docx")]))
            )
            rows.append(
                (
                    "pandoc 1000 events, md → docx",
                    median_seconds(["pandoc", str(md), "-o", str(tmp / "p.docx")], runs=5),
                )
            )
        soffice = shutil.which("soffice")
        if soffice:
            profile = (tmp / "lo-profile").as_uri()
            docx = out / "sample-2023.docx"
            bare = bare_soffice_pdf(soffice, profile, tmp / "bare", docx)
            median_seconds(bare, runs=1)  # warm the bare profile, as ours is warm from the pool
            median_seconds(NEUSPEH + ["build", str(SAMPLE), "-o", str(out), "--force"], runs=1)
            rows.append(("bare soffice → pdf, 39 events", median_seconds(bare, runs=5)))
            rows.append(
                (
                    "build 39 events, docx + pdf",
                    median_seconds(NEUSPEH + ["build", str(SAMPLE), "-o", str(out), "--force"], runs=5),
                )
            )
            many = tmp / "many"
            many.mkdir()
            copies = [shutil.copy(SAMPLE, many / f"район-{i:02}.yaml") for i in range(20)]
            rows.append(
                (
                    "build 20 files, docx + pdf, one call",
                    median_seconds(NEUSPEH + ["build", *map(str, copies), "-o", str(tmp / "o20"), "--force"], runs=3),
                )
            )
            import statistics
            import subprocess
            import time

            times = []
            for _ in range(3):
                start = time.perf_counter()
                for _i in range(20):
                    subprocess.run(
                        bare[:-3] + ["--outdir", str(tmp / "bare20"), str(docx)],
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL,
                    )
                times.append(time.perf_counter() - start)
            rows.append(("20 separate soffice runs", statistics.median(times)))
    report(rows)


if __name__ == "__main__":
    sys.exit(main())
