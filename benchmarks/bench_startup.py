"""`neuspeh validate` on the sample beside a bare CSafeLoader parse of the same file (issue 23).

Target: validate ≤ 4× the bare parse. Both run as whole processes, alternating, medians of
each; the bare parse is `python -c` that imports yaml and parses the file with CSafeLoader.

    cd benchmarks && ../.venv/bin/python bench_startup.py [--runs 15] [--baseline /tmp/old/src]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from common import NEUSPEH, ROOT, baseline, interleaved, report_ratios

SAMPLE = ROOT / "examples" / "sample-2023.yaml"
BARE = "import sys, yaml; yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--baseline", help="another checkout's src: its validate in the same rounds")
    args = parser.parse_args()
    commands = {
        "bare CSafeLoader parse": [sys.executable, "-c", BARE, str(SAMPLE)],
        "python -c pass": [sys.executable, "-c", "pass"],
        # The interpreter, libyaml and the roadmap's declared models (domain/base.py: no pydantic).
        "import yaml, models": [sys.executable, "-c", "import yaml, neuspeh_cli.domain.roadmap"],
        # The floor before issue 23's models without pydantic: pydantic imported, the roadmap's models built.
        "import yaml, pydantic, models": [
            sys.executable,
            "-c",
            "import yaml\nfrom neuspeh_cli.domain.base import pydantic_model\n"
            "from neuspeh_cli.domain.roadmap import Roadmap\npydantic_model(Roadmap)",
        ],
        "neuspeh --help": NEUSPEH + ["--help"],
        "neuspeh validate": NEUSPEH + ["validate", str(SAMPLE)],
        "neuspeh validate --format json": NEUSPEH + ["validate", str(SAMPLE), "--format", "json"],
    }
    old = baseline(args.baseline)
    if old:
        commands["baseline validate"] = old + ["validate", str(SAMPLE)]
    with tempfile.TemporaryDirectory() as tmp:
        # A schema error (an unknown key) takes pydantic's path, for its wording: what such a file costs.
        wrong = Path(tmp) / "wrong-key.yaml"
        wrong.write_text(SAMPLE.read_text(encoding="utf-8").replace("  place:", "  plase:", 1), encoding="utf-8")
        commands["neuspeh validate, a schema error"] = NEUSPEH + ["validate", str(wrong)]
        if old:
            commands["baseline validate, a schema error"] = old + ["validate", str(wrong)]
        report_ratios(interleaved(commands, runs=args.runs), peer="bare CSafeLoader parse")


if __name__ == "__main__":
    main()
