"""``validate``: every problem of every file, as the institute's method sees them.

Usable without the CLI: ``validate_paths([...])`` returns the loaded documents
with their problems; nothing is raised for a bad file, it becomes a
``read-error``. It is ``document.load_paths`` under the name users know.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from .document import LoadedDocument, load_one, load_paths


def validate_paths(paths: list[Path], progress=None) -> list[LoadedDocument]:
    return load_paths(paths, progress)


def validate_file(path: Path) -> LoadedDocument:
    """One file checked alone."""
    return load_one(Path(path))


def run(paths: list[Path], format: str = "text", strict: bool = False, quiet: bool = False, out: TextIO | None = None):
    """``neuspeh validate``: the report printed in ``format`` (text, json, github); the exit code."""
    from .problems import exit_code
    from .report import print_github, print_json, print_text

    out = out or sys.stdout
    reports = validate_paths(paths)
    if not reports:
        from .errors import no_data_files

        raise no_data_files(paths)
    if format == "json":
        print_json(reports, out)
    elif format == "github":
        print_github(reports, out)
    else:
        print_text(reports, out, show_info=not quiet)
    return exit_code([p for r in reports for p in r.problems], strict)
