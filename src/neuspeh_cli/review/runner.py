"""Every file under the folders reviewed, processed once: from the cache, inline, or on a process pool.

The main process lists the files, finds their content hashes (``Cache.content_key``:
from the file's times when they did not change) and asks the cache; only
what is new is loaded, by worker processes on all cores when there is enough
of it (a pool costs a few tenths of a second to start: one changed file is
quicker done here, unless hundreds of cached results are to be read back
meanwhile — then one worker checks it). Results are sorted by name, so the outcome never depends
on which worker finished first. Nothing here grows faster than the number of
files.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .cache import Cache
from .facts import FOREIGN, FileFacts

Progress = Callable[[int, int], None]  # (done, total)

INLINE_AT_MOST = 8  # files: fewer than this are loaded in the main process…
OVERLAP_AT_LEAST = 200  # …unless this many cached results are to be read back meanwhile


@dataclass
class Scan:
    files: list[FileFacts]  # sorted by name; foreign YAML files left out
    reused: int  # taken from the cache
    loaded: int  # loaded and checked now


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def scan(
    paths: list[Path], jobs: int | None = None, cache: Cache | None = None, progress: Progress | None = None
) -> Scan:
    from ..document import collect_files

    listed = collect_files(paths, documents=True)  # Word, Excel and PDF files too, as the institute receives them
    batch = _Batch(listed, cache, progress)
    batch.sort_out(paths)
    jobs = jobs or default_jobs()
    many = len(batch.todo) > INLINE_AT_MOST
    overlap = batch.todo and len(batch.hits) >= OVERLAP_AT_LEAST and sys.platform.startswith("linux")
    if jobs > 1 and (many or overlap):
        # A few changed files among many cached ones: one forked worker checks them (importing the models
        # and rules on its own) while this process reads the cached results back. Where workers are
        # spawned (macOS, Windows), starting one costs more than that saves.
        _on_pool(listed, batch.todo, jobs if many else 1, batch.finished, meanwhile=batch.from_cache, warm=many)
        here = batch.late
    else:
        batch.from_cache()
        here = batch.todo + batch.late
    if here:
        from .loading import process_file

        for index in here:
            batch.finished(index, process_file(*listed[index]))
    if cache is not None:
        cache.save()
    return Scan(batch.files(), len(batch.hits) - len(batch.late), len(batch.todo) + len(batch.late))


class _Batch:
    """The files of one scan by their index in the listing: which are in the cache, which to check, the results."""

    def __init__(self, listed: list, cache: Cache | None, progress: Progress | None):
        self.listed, self.cache, self.progress = listed, cache, progress
        self.total, self.done = len(listed), 0
        self.results: dict[int, FileFacts] = {}
        self.keys: dict[int, str] = {}
        self.hits: list[int] = []  # found in the cache
        self.todo: list[int] = []
        self.late: list[int] = []  # found in the cache, but the entry did not decode

    def folder(self, index: int) -> str:
        return os.path.dirname(os.path.abspath(self.listed[index][0]))

    def sort_out(self, paths: list[Path]) -> None:
        """Links out of the reviewed folders are rows at once; the rest is found in the cache or to be checked."""
        from ..reading.files import MAX_DOCUMENT_BYTES, MAX_YAML_BYTES

        roots = [os.path.join(str(p), "") for p in paths if Path(p).is_dir()]
        cache = self.cache
        for index, (path, explicit) in enumerate(self.listed):
            outside = None if explicit else _link_out_of(str(path), roots)
            if outside is not None:
                self.results[index] = outside
                self.done += 1
                continue
            yaml = str(path).lower().endswith((".yaml", ".yml"))
            key = cache.content_key(path, MAX_YAML_BYTES if yaml else MAX_DOCUMENT_BYTES) if cache else None
            if key is not None:
                self.keys[index] = key
                if cache.holds(key, explicit, self.folder(index)):  # type: ignore[union-attr]
                    self.hits.append(index)
                    continue
            self.todo.append(index)

    def from_cache(self) -> None:
        for index in self.hits:
            facts = self.cache.get(self.keys[index], self.listed[index][1], self.folder(index))  # type: ignore[union-attr]
            if facts is None:
                self.late.append(index)
            else:
                self.results[index] = facts
                self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total)

    def finished(self, index: int, facts: FileFacts, blob: bytes | None = None) -> None:
        self.results[index] = facts
        if self.cache is not None and index in self.keys and facts.problems is not None and not _crashed(facts):
            self.cache.put(self.keys[index], self.listed[index][1], facts, self.folder(index), blob)
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total)

    def files(self) -> list[FileFacts]:
        """The facts by name, foreign YAML files left out."""
        files = []
        for index, (path, _) in enumerate(self.listed):
            facts = self.results[index]
            if facts.status == FOREIGN:
                continue
            # abspath, not resolve(): links open the file where the user keeps it, and a symlink walk per file costs
            files.append(facts._replace(path=os.path.abspath(path), name=str(path)))
        files.sort(key=lambda f: f.name)
        return files


def _link_out_of(path: str, roots: list[str]) -> FileFacts | None:
    """A row for a file found in a reviewed folder that is a symbolic link leading out of it; None for any other file.

    The rule (docs/review.md): a folder is reviewed as it is; a link inside it may
    point to another file inside it, never elsewhere — a roadmap lying outside
    must not become a municipality of the summary because someone linked to it.
    """
    from ..reading.files import is_within

    root = next((r for r in roots if path.startswith(r)), None)
    if root is None or not os.path.islink(path) or is_within(path, root):
        return None
    from .facts import UNREADABLE, ProblemFact

    target = os.readlink(path)
    message = (
        f"символическая ссылка ведёт за пределы проверяемой папки ({target}): такие файлы не проверяются; положите в "
        "папку сам файл, а не ссылку"
    )
    return FileFacts(None, UNREADABLE, (ProblemFact("read-error", "error", message, 1, 1),))


def _crashed(facts: FileFacts) -> bool:
    return any(p.rule == "internal-error" for p in facts.problems)


def _on_pool(
    listed: list,
    todo: list[int],
    jobs: int,
    finished: Callable[..., None],
    meanwhile: Callable[[], None] = lambda: None,
    warm: bool = True,
) -> None:
    """Check ``todo`` on worker processes; ``meanwhile`` runs here once they have their work."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    from .loading import process_chunk

    # Workers forked from a process that already imported the models and rules start warm;
    # elsewhere (macOS, Windows) they spawn and import on their own.
    if sys.platform.startswith("linux"):
        from . import loading  # noqa: F401

        if warm:
            _warm_up()
        context = multiprocessing.get_context("fork")
    else:
        context = multiprocessing.get_context("spawn")
    size = max(1, min(16, len(todo) // (jobs * 8)))
    chunks = [todo[i : i + size] for i in range(0, len(todo), size)]
    left = set(todo)
    ran_meanwhile = False
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_ignore_interrupts) as pool:
            try:
                from ..errors import signals_deferred

                with signals_deferred():  # the first submit forks the workers
                    futures = {
                        pool.submit(process_chunk, [(str(listed[i][0]), listed[i][1]) for i in chunk]): chunk
                        for chunk in chunks
                    }
                meanwhile()
                ran_meanwhile = True
                for future in as_completed(futures):
                    for index, (stored, pickled) in zip(futures[future], future.result()):
                        left.discard(index)
                        finished(index, _received(stored, pickled), stored)
            except BrokenProcessPool:
                raise
            except BaseException:
                # Ctrl-C, SIGTERM, SIGHUP (``errors.Terminated``) or an error here: stop the workers now.
                _stop_workers(pool)
                raise
    except (BrokenProcessPool, OSError):
        # A worker died (out of memory, killed): finish here, one file at a time.
        from .loading import process_file

        if not ran_meanwhile:
            meanwhile()
        for index in sorted(left):
            finished(index, process_file(*listed[index]))


def _received(stored: bytes | None, pickled: bytes | None) -> FileFacts:
    """A worker's facts: decoded from the cache's text, as a later review reads them (events stay packed until
    read), or unpickled when the cache cannot hold them.
    """
    if stored is None:
        return pickle.loads(pickled)  # type: ignore[arg-type]
    from .codec import decode

    return decode(stored)


def _stop_workers(pool) -> None:
    """End a pool's workers at once and reap them.

    Left alone, the executor's exit handler waits for their queue, which after
    ``shutdown(wait=False)`` can hang (CPython gh-94777), and the workers would
    finish their chunks — or, on SIGTERM, outlive the tool.
    """
    processes = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)  # shutdown() forgets it
    for process in processes:
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(2)
        if process.is_alive():
            process.kill()
            process.join(1)
    # The pool's manager thread ends once it sees its workers gone; the interpreter's exit handler would
    # then write to that thread's closed wake-up pipe («Bad file descriptor» at exit) — forget it there.
    if manager is not None:
        manager.join(2)
        from concurrent.futures import process as futures_process

        getattr(futures_process, "_threads_wakeups", {}).pop(manager, None)


def _ignore_interrupts() -> None:
    """Ctrl-C is the main process's to handle: a worker would print a traceback of its own.

    SIGTERM and SIGHUP go back to their default (a forked worker inherits the
    CLI's handler, which would raise inside the pool's machinery): a worker so
    signalled simply ends, and the main process, which got the signal too or
    ends its workers itself, is never left waiting.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)


def _warm_up() -> None:
    """Import what every worker needs before forking, once, instead of once per worker."""
    import importlib

    for module in ("pydantic", "neuspeh_cli.document", "neuspeh_cli.kinds", "neuspeh_cli.rules"):
        importlib.import_module(module)
    from ..kinds import KINDS

    for kind in KINDS.values():
        kind.model_class()
        kind.load_rules()
    from ..domain.catalog import load_catalog
    from ..domain.reference import form_vocabulary

    load_catalog()
    form_vocabulary()
