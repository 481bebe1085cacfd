"""`neuspeh review` to xlsx + HTML beside a one-process CSafeLoader parse of the same files, interleaved (issue 23).

Targets at 2,500 files (``tools/make_region.py --preset benchmark``): the first review (empty cache)
≤ 0.7× the parse; after one file changed ≤ 0.2×. Each round runs the parse, a review with an
emptied cache, and a review with a warm cache after appending a comment to one file.

    cd benchmarks && ../.venv/bin/python bench_review_parse.py CORPUS [--runs 5] [--jobs 2] [--baseline /tmp/old/src]

``--baseline``: another checkout's ``src`` (``git archive <commit> src | tar -x -C /tmp/old``), whose two reviews
run in the same rounds.
"""

from __future__ import annotations

import argparse
import shlex
import sys
import tempfile
from pathlib import Path

from common import NEUSPEH, baseline, interleaved, report_ratios

# The corpus holds broken files, as a region does: the parse skips what libyaml refuses.
PARSE = """
import pathlib, sys, yaml
for f in sorted(pathlib.Path(sys.argv[1]).rglob("*.yaml")):
    try:
        yaml.load(f.read_bytes(), Loader=yaml.CSafeLoader)
    except (yaml.YAMLError, ValueError, RecursionError):
        pass
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--baseline", help="another checkout's src, run in the same rounds")
    args = parser.parse_args()
    files = sorted(args.corpus.rglob("*.yaml"))
    changed = files[len(files) // 2]
    original = changed.read_bytes()
    with tempfile.TemporaryDirectory(prefix="neuspeh-bench-review-") as tmp:
        tmp = Path(tmp)
        arguments = [
            "review",
            str(args.corpus),
            "-o",
            str(tmp / "out"),
            "--format",
            "xlsx,html",
            "--jobs",
            str(args.jobs),
            "--force",
        ]
        q = shlex.quote
        commands = {"CSafeLoader parse, one process": [sys.executable, "-c", PARSE, str(args.corpus)]}
        for label, prefix in (("", NEUSPEH), (" [baseline]", baseline(args.baseline))):
            if prefix is None:
                continue
            review = [*prefix, *arguments]
            cache = tmp / f"cold{label.strip()}"
            cold = f"rm -rf {q(str(cache))}; XDG_CACHE_HOME={q(str(cache))} exec {shlex.join(review)}"
            # Each run changes the same file again (a new comment): always exactly one file differs from the cache.
            cache = tmp / f"warm{label.strip()}"
            warm = f'echo "# $$" >> {q(str(changed))}; XDG_CACHE_HOME={q(str(cache))} exec {shlex.join(review)}'
            commands[f"review, empty cache{label}"] = ["sh", "-c", cold]
            commands[f"review, one file changed{label}"] = ["sh", "-c", warm]
        try:
            results = interleaved(commands, runs=args.runs)
        finally:
            changed.write_bytes(original)
    print(f"{len(files)} files, {sum(f.stat().st_size for f in files) / 1e6:.1f} MB, --jobs {args.jobs}")
    report_ratios(results, peer="CSafeLoader parse, one process")


if __name__ == "__main__":
    main()
