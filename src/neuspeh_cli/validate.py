"""``validate``: every problem of every file, as the institute's method sees them.

Usable without the CLI: ``validate_paths([...])`` returns the loaded documents
with their problems; nothing is raised for a bad file, it becomes a
``read-error``. It is ``document.load_paths`` under the name users know.
"""

from __future__ import annotations

from pathlib import Path

from .document import LoadedDocument, load_one, load_paths


def validate_paths(paths: list[Path], progress=None) -> list[LoadedDocument]:
    return load_paths(paths, progress)


def validate_file(path: Path) -> LoadedDocument:
    """One file checked alone."""
    return load_one(Path(path))
