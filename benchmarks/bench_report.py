"""`neuspeh build` of an implementation report, Word only, as whole processes (median of several runs).

* the example report (21 events, 15 schools, 6 indicators, 2 monitoring rounds, 8 native charts),
  interleaved with its peer, the Word-only build of its roadmap (issue 23: a report ≤ 2× a roadmap);
* a report on a roadmap of 200 events, every event held with participants and feedback.
The target (issue 10): 200 events under 2 s without PDF.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import yaml
from common import NEUSPEH, ROOT, median_seconds, report

# The machine is shared: wall time there is mostly waiting for a core. CPU time of
# the child processes says what the build itself costs.


def median_cpu_seconds(command: list[str], runs: int) -> float:
    import resource
    import statistics
    import subprocess

    times = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return statistics.median(times)


EXAMPLES = ROOT / "examples"


def big_pair(folder: Path, events: int) -> Path:
    roadmap = yaml.safe_load((EXAMPLES / "ust-labinsk-2025.yaml").read_text(encoding="utf-8"))
    example = yaml.safe_load((EXAMPLES / "ust-labinsk-2025-report.yaml").read_text(encoding="utf-8"))
    base = roadmap["events"]
    facts = {e["event"]: e for e in example["events"]}
    held = [e for e in example["events"] if e.get("status") == "проведено"]
    roadmap["events"], example["events"] = [], []
    for i in range(events):
        event = dict(base[i % len(base)])
        event["id"] = (
            "monitoring-school-systems"
            if event.get("id") == "monitoring-school-systems" and i < len(base)
            else f"b{i + 1:03d}"
        )
        event["name"] = f"{event['name']} ({i + 1})"
        roadmap["events"].append(event)
        fact = dict(facts.get(base[i % len(base)].get("id")) or held[i % len(held)])
        if fact.get("status") != "проведено":
            fact = dict(held[i % len(held)])
        fact["event"] = event["id"]
        example["events"].append(fact)
    example["corrections"] = [c for c in example["corrections"] if c.get("change") == "добавлено"]
    (folder / "roadmap.yaml").write_text(yaml.safe_dump(roadmap, allow_unicode=True, sort_keys=False), encoding="utf-8")
    example["roadmap"] = "roadmap.yaml"
    path = folder / f"report-{events}.yaml"
    path.write_text(yaml.safe_dump(example, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big = big_pair(folder, 200)
        example = [
            *NEUSPEH,
            "build",
            str(EXAMPLES / "ust-labinsk-2025-report.yaml"),
            "-o",
            str(folder / "out"),
            "--no-pdf",
        ]
        build = [*NEUSPEH, "build", str(big), "-o", str(folder / "out"), "--no-pdf"]
        validate = [*NEUSPEH, "validate", str(big)]
        roadmap = [*NEUSPEH, "build", str(EXAMPLES / "ust-labinsk-2025.yaml"), "-o", str(folder / "peer"), "--no-pdf"]
        report_cpu, roadmap_cpu = [], []
        for _ in range(runs):  # interleaved: both see the same neighbours on the shared machine
            report_cpu.append(median_cpu_seconds(example, 1))
            roadmap_cpu.append(median_cpu_seconds(roadmap, 1))
        import statistics

        ratio = statistics.median(report_cpu) / statistics.median(roadmap_cpu)
        rows = [
            ("example report, Word only (wall)", median_seconds(example, runs)),
            ("example report, Word only (CPU)", statistics.median(report_cpu)),
            ("its roadmap, Word only (CPU)", statistics.median(roadmap_cpu)),
            ("report ÷ roadmap (CPU)", ratio),
            ("200 events, Word only (wall)", median_seconds(build, runs)),
            ("200 events, Word only (CPU)", median_cpu_seconds(build, runs)),
            ("validate, 200 events (wall)", median_seconds(validate, runs)),
        ]
    report(rows)


if __name__ == "__main__":
    main()
