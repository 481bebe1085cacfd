"""One file, loaded and checked alone, turned into facts: what a worker process does.

The loader (``document.py``) reads, models and runs every rule. Cross-file
rules see only this file here (they would make a file's result depend on the
others, and the cache keyed by one file's content would lie); the review
checks the links between a municipality's files itself, on the facts
(``summary.py``).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import internal_error_message, record_crash
from .facts import FileFacts, ProblemFact


def load_for_review(path: Path, explicit: bool):
    """The loaded and checked document (``document.LoadedDocument``). The one call to swap if the loader changes."""
    from ..document import check_documents, read_document

    document = read_document(path, explicit)
    if document.kind is not None or document.problems:
        check_documents([document])
    return document


def process_file(path: Path, explicit: bool = False) -> FileFacts:
    """The facts of one file; a defect of the tool becomes an ``internal-error`` row, never an exception."""
    from .facts import extract

    try:
        document = load_for_review(path, explicit)
        raw = None
        if document.model is None:
            from ..errors import ReadError
            from ..reading.files import HEAD_BYTES, read_head

            # Only the start, to find a municipality's name: a 5 GB file is not read to keep 256 KB of it.
            try:
                raw = read_head(path, HEAD_BYTES)
            except ReadError:
                raw = None
        facts = extract(document, raw)
        if facts.roadmap is not None:
            from .checklist import worker_extras
            from .facts import CALENDAR_KEY, TALLIES_KEY, calendar_load, event_tallies

            # What the regional review would otherwise redo for every unchanged file: done once, cached. The page's
            # calendar too: drawn from it, a review of cached files never reads the events back.
            facts = facts._replace(
                extra={
                    **facts.extra,
                    **worker_extras(facts),
                    TALLIES_KEY: event_tallies(facts.roadmap),
                    CALENDAR_KEY: calendar_load(facts.roadmap),
                }
            )
        return facts
    except Exception:
        import traceback

        where = record_crash(f"review of {path}\n" + traceback.format_exc())
        return FileFacts(None, "errors", (ProblemFact("internal-error", "error", internal_error_message(where), 1, 1),))


def process_chunk(chunk: list[tuple[str, bool]]) -> list[tuple[bytes | None, bytes | None]]:
    """A worker's task: a few files, so that inter-process traffic stays small next to the work.

    Each file's facts come back once, as the cache keeps them (``codec``, JSON, encoded here on all cores
    instead of in the main process), and the main process decodes them as a later review would; facts the
    cache cannot hold come back pickled instead (between our own processes pickle is safe).
    """
    import pickle

    from .codec import encode

    results: list[tuple[bytes | None, bytes | None]] = []
    for path, explicit in chunk:
        facts = process_file(Path(path), explicit)
        try:
            results.append((encode(facts).encode("utf-8"), None))
        except TypeError:
            results.append((None, pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL)))
    return results
