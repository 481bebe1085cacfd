"""A report's roadmap and previous report, loaded by the same loader as everything else (for the services).

The rules get the same files through ``ctx.workspace``; the document's context
through ``render.report.document_context``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def load_linked(path: Path, kind: str) -> tuple[Any, str]:
    """(loaded document, "") or (None, why it cannot serve as ``kind``)."""
    from .document import read_document
    from .domain.report import unusable_reason

    loaded = read_document(Path(path))
    reason = unusable_reason(loaded, path, kind)
    return (None, reason) if reason else (loaded, "")
