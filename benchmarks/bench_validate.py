"""`neuspeh validate` on the sample as a whole process, next to `python -c pass`. Target: < 0.3 s."""

from __future__ import annotations

import sys

from common import NEUSPEH, ROOT, median_seconds, report


def main() -> None:
    sample = str(ROOT / "examples" / "sample-2023.yaml")
    report(
        [
            ("python -c pass", median_seconds([sys.executable, "-c", "pass"], runs=11)),
            ("neuspeh --help", median_seconds(NEUSPEH + ["--help"], runs=11)),
            ("neuspeh validate sample-2023.yaml", median_seconds(NEUSPEH + ["validate", sample], runs=11)),
            (
                "neuspeh validate --format json",
                median_seconds(NEUSPEH + ["validate", sample, "--format", "json"], runs=11),
            ),
        ]
    )


if __name__ == "__main__":
    main()
