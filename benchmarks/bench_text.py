"""The text helpers in one process: date grammar, form vocabulary, homoglyph scan.

Each runs over every string of the institute's sample (uncached, as a first
validate sees them), and the import of the date grammar (its regular
expressions compile at import). Run: `.venv/bin/python benchmarks/bench_text.py`.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

import yaml
from common import ROOT


def _strings(data) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for k, v in data.items() for s in _strings(k) + _strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return []


def _median(function, runs: int = 21) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    from neuspeh_cli.domain.dates import parse_dates
    from neuspeh_cli.domain.homoglyphs import find_homoglyphs
    from neuspeh_cli.domain.reference import classify_form

    sample = yaml.safe_load((ROOT / "examples" / "sample-2023.yaml").read_text(encoding="utf-8"))
    events = sample["events"]
    dates = [str(e.get("dates") or "") for e in events]
    forms = [str(e.get("form") or "") for e in events]
    strings = _strings(sample)
    period = ((2023, 1), (2023, 12))

    def dates_run() -> None:
        parse_dates.cache_clear()
        for text in dates:
            phrase = parse_dates(text)
            phrase.months(period)
            phrase.outside(period)

    def forms_run() -> None:
        classify_form.cache_clear()
        for text in forms:
            classify_form(text)

    def homoglyphs_run() -> None:
        for text in strings:
            find_homoglyphs(text)

    # -X importtime reports the module's own import time (its regexes compile there), free of start-up noise.
    imports = []
    for _ in range(7):
        err = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import neuspeh_cli.domain.dates"],
            check=True,
            capture_output=True,
            text=True,
        ).stderr
        line = next(x for x in err.splitlines() if x.rstrip().endswith("neuspeh_cli.domain.dates"))
        imports.append(int(line.split("|")[1]) / 1e6)
    rows = [
        (f"parse_dates + months + outside, {len(dates)} events (uncached)", _median(dates_run)),
        (f"classify_form, {len(forms)} events (uncached)", _median(forms_run)),
        (f"find_homoglyphs, {len(strings)} strings of the sample", _median(homoglyphs_run)),
        ("import neuspeh_cli.domain.dates (cumulative, -X importtime)", statistics.median(imports)),
    ]
    width = max(len(name) for name, _ in rows)
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds * 1000:8.2f} ms")


if __name__ == "__main__":
    main()
