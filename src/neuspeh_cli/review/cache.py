"""Per-file results kept between reviews, keyed by what they depend on.

An entry is found by the file's content hash (BLAKE2b) and whether it was
named on the command line; it lives in a folder named after the tool itself
(a hash of the package's code and shipped data: the catalog, the vocabularies),
so a new version of the tool or of the catalog never sees old entries. A
municipality's own catalog (a report's roadmap) is a dependency stored with the
entry and compared on every lookup.

All entries of a version are one file, ``entries.jsonl``: read once when a
review starts, written once when it ends, and only if something was added
(2,500 files of a few kilobytes each cost a second review more time to open
than to read). The entries used by the review are kept, and as many of the
others, most recently used first, as take up to twice their size: reviewing
two regions in turn keeps both, while old versions of edited files drop out.

To find a file's entry its content hash is needed, and hashing a region's
80 MB is a fifth of a second: a file's hash is remembered with its size,
modification and change times, inode and device, and taken as it is while
all of these are the same. The change time (ctime) moves with every write and
cannot be set back, so an edit that keeps the size — or even puts the
modification time back — is noticed. Times recorded less than ``RACY_NS``
before the review began are not trusted (a change in the same clock tick
would keep them, as git's «racy» files): such a file is hashed again next time.

The file holds data, never code (``codec``: JSON; a pickle from a writable
cache folder ran a command, issue 21). Its first line is an index — format,
review number, file signatures, and per entry its place in the file, its
dependencies and when it was last used — and every further line one entry's
facts as JSON, decoded only when asked for. It is read through the guarded
reader (a FIFO or a huge file put there is no cache, not a hang).

The file is written to a temporary name and renamed into place, without fsync
and on a thread of its own while the review writes its outputs:
a torn or foreign file fails to decode and the review starts afresh; two
reviews at once each write their own, the last one wins. An unwritable cache
disables itself; the review goes on without it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import stat
import tempfile
import threading
import time
from functools import lru_cache
from pathlib import Path

from .facts import FACTS_VERSION, FileFacts

KEEP_VERSIONS = 3  # folders of older tool versions kept (two installs used in turn do not thrash)
ENTRIES = "entries.jsonl"
FORMAT = 2  # of the entries file, inside a version's folder (1: pickle, before issue 21)
MAX_ENTRIES_BYTES = 1024 * 2**20  # an entries file larger than this is not ours: start afresh
RACY_NS = 2_000_000_000  # file times this close to the review's start are not trusted (FAT keeps 2 s)
KEEP_AT_LEAST = 64 * 2**20  # bytes of entries unused by this review that are kept whatever its size


def default_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
    return Path(base) / "neuspeh" / "review"


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@lru_cache(maxsize=1)
def tool_key() -> str:
    """A hash of everything in the package that can change a file's facts: code, catalog, vocabularies, schemas."""
    package = Path(__file__).resolve().parents[1]
    h = hashlib.blake2b(digest_size=12)
    h.update(f"facts {FACTS_VERSION}".encode())
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".yaml", ".json") and "__pycache__" not in path.parts:
            h.update(str(path.relative_to(package)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


# An entry: the facts as JSON (``codec.encode``, path and name blank), their dependencies as (path
# relative to the file's folder, content hash), and the number of the last review that used it.
Entry = tuple[bytes, tuple[tuple[str, str | None], ...], int]
Signature = tuple[int, int, int, int, int]  # size, mtime_ns, ctime_ns, inode, device


class Cache:
    def __init__(self, root: Path | None = None):
        self.root = (root or default_root()) / tool_key()
        self.enabled = True
        self._dependency_digests: dict[str, str | None] = {}
        self._entries: dict[str, Entry] | None = None  # read at the first lookup
        self._files: dict[str, tuple[Signature, str]] = {}  # absolute path → (its signature, its content hash)
        self._review = 0  # how many reviews wrote the entries file
        self._used: set[str] = set()
        self._changed = False
        self._writer: threading.Thread | None = None
        self._started = time.time_ns()
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            self._prune_old_versions()
        except OSError:
            self.enabled = False

    @staticmethod
    def _name(key: str, explicit: bool) -> str:
        return f"{key}-named" if explicit else key

    def _load(self) -> dict[str, Entry]:
        if self._entries is None:
            self._entries = {}
            try:
                self._entries, self._files, self._review = _read_entries(self.root / ENTRIES)
            except FileNotFoundError:
                pass
            except Exception:  # torn, foreign, too large, not a file: start afresh
                self._entries, self._files, self._review = {}, {}, 0
        return self._entries

    def content_key(self, path: str | Path, limit: int) -> str | None:
        """The content hash of a file; None for what the loader must explain (missing, unreadable, too big, not a
        file).
        """
        try:
            info = os.stat(path)
        except OSError:
            return None
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        signature = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)
        absolute = os.path.abspath(path)
        if self.enabled:
            self._load()
            known = self._files.get(absolute)
            if known is not None and known[0] == signature:
                return known[1]
        # Through the guarded reader: the path may have become a FIFO or a device since the stat above.
        from ..errors import ReadError
        from ..reading.files import read_bytes

        try:
            key = digest(read_bytes(path, limit))
        except ReadError:
            return None
        if (
            self.enabled
            and max(info.st_mtime_ns, info.st_ctime_ns) < self._started - RACY_NS
            and self._files.get(absolute) != (signature, key)
        ):
            self._files[absolute] = (signature, key)
            self._changed = True
        return key

    def holds(self, key: str, explicit: bool, folder: str) -> bool:
        """Whether ``get`` has facts for this content (found from ``folder``) without reading them back."""
        if not self.enabled:
            return False
        entry = self._load().get(self._name(key, explicit))
        return entry is not None and self._dependencies_unchanged(entry[1], folder)

    def _dependencies_unchanged(self, dependencies: tuple[tuple[str, str | None], ...], folder: str) -> bool:
        # Dependencies are kept relative to the file: the same content elsewhere names another catalog.
        return all(
            self._dependency_digest(os.path.normpath(os.path.join(folder, relative))) == known
            for relative, known in dependencies
        )

    def get(self, key: str, explicit: bool, folder: str) -> FileFacts | None:
        """The facts of a file with this content, if its dependencies — found from ``folder``, the file's own — are
        unchanged.
        """
        if not self.enabled:
            return None
        name = self._name(key, explicit)
        entry = self._load().get(name)
        if entry is None:
            return None
        blob, dependencies, _ = entry
        if not self._dependencies_unchanged(dependencies, folder):
            return None
        from .codec import decode

        try:
            facts = decode(blob)
        except ValueError:  # a foreign or damaged entry: compute the file again
            return None
        if not isinstance(facts, FileFacts):
            return None
        self._used.add(name)
        if dependencies:
            facts = facts._replace(
                dependencies=tuple(os.path.normpath(os.path.join(folder, relative)) for relative, _ in dependencies)
            )
        return facts

    def put(self, key: str, explicit: bool, facts: FileFacts, folder: str, blob: bytes | None = None) -> None:
        """Keep the facts of a file; ``blob``: the facts already encoded with path and name blank (as a worker sends
        them).
        """
        if not self.enabled:
            return
        if blob is None:
            from .codec import encode

            try:
                blob = encode(facts._replace(path="", name="")).encode("utf-8")
            except TypeError:  # a value the cache cannot hold (a new kind of fact): the file is checked again next time
                return
        dependencies = tuple(
            (os.path.relpath(path, folder), self._dependency_digest(path)) for path in facts.dependencies
        )
        name = self._name(key, explicit)
        self._load()[name] = (blob, dependencies, 0)
        self._used.add(name)
        self._changed = True

    def save(self) -> None:
        """Write the entries file if this review added to it (on a thread: see ``wait``), and let go of the entries."""
        entries, self._entries = self._entries, None
        if not self.enabled or not self._changed or entries is None:
            return
        review = self._review + 1
        kept = {
            name: (blob, dependencies, review)
            for name, (blob, dependencies, _) in entries.items()
            if name in self._used
        }
        room = max(KEEP_AT_LEAST, 2 * sum(len(blob) for blob, _, _ in kept.values()))
        for name, entry in sorted(
            ((n, e) for n, e in entries.items() if n not in self._used), key=lambda item: -item[1][2]
        ):
            room -= len(entry[0])
            if room < 0:
                break
            kept[name] = entry
        hashes = {name.removesuffix("-named") for name in kept}
        files = {path: known for path, known in self._files.items() if known[1] in hashes}
        # Some 60 MB for a region: written while the review goes on to its outputs (``wait`` at the end).
        self._writer = threading.Thread(
            target=self._write,
            args=({"format": FORMAT, "review": review, "entries": kept, "files": files},),
            name="neuspeh-cache",
        )
        self._writer.start()

    def wait(self) -> None:
        """Wait until the entries file ``save`` began is written."""
        if self._writer is not None:
            self._writer.join()
            self._writer = None

    def _write(self, stored: dict) -> None:
        tmp = None
        try:
            fd, tmp = tempfile.mkstemp(prefix=".entries.", dir=self.root)
            with os.fdopen(fd, "wb") as handle:
                _write_entries(handle, stored)
            os.replace(tmp, self.root / ENTRIES)
        except OSError:
            self.enabled = False
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)

    def _dependency_digest(self, path: str) -> str | None:
        """The hash of a file a result depends on (a catalog, a report's roadmap); None when it is not a readable data
        file.

        Guarded and bounded: a report whose ``roadmap:`` names a FIFO or ``/dev/zero`` must not hang or fill memory
        here.
        """
        if path not in self._dependency_digests:
            from ..reading.files import MAX_DOCUMENT_BYTES, file_digest

            self._dependency_digests[path] = file_digest(path, MAX_DOCUMENT_BYTES)
        return self._dependency_digests[path]

    def _prune_old_versions(self) -> None:
        others = [p for p in self.root.parent.iterdir() if p.is_dir() and p != self.root]
        others.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        for old in others[KEEP_VERSIONS - 1 :]:
            shutil.rmtree(old, ignore_errors=True)


def _write_entries(handle, stored: dict) -> None:
    """The index line, then each entry's JSON on a line of its own (JSON text never holds a raw newline)."""
    index, offset = {}, 0
    for name, (blob, dependencies, review) in stored["entries"].items():
        index[name] = [offset, len(blob), [list(d) for d in dependencies], review]
        offset += len(blob) + 1
    files = {path: [list(signature), key] for path, (signature, key) in stored["files"].items()}
    head = {"format": stored["format"], "review": stored["review"], "files": files, "entries": index}
    handle.write(json.dumps(head, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n")
    for blob, _, _ in stored["entries"].values():
        handle.write(blob)
        handle.write(b"\n")


def _read_entries(path: Path) -> tuple[dict[str, Entry], dict[str, tuple[Signature, str]], int]:
    """(entries, file signatures, review number) from an entries file. Raises for anything but a file this code
    wrote.
    """
    from ..errors import ReadError
    from ..reading.files import read_bytes

    try:
        data = read_bytes(path, MAX_ENTRIES_BYTES)
    except ReadError as exc:
        if "не найден" in exc.message:
            raise FileNotFoundError(path) from None
        raise ValueError(exc.message) from None
    end = data.index(b"\n")
    head = json.loads(data[:end])
    if not isinstance(head, dict) or head.get("format") != FORMAT:
        raise ValueError("not an entries file of this format")
    start = end + 1
    entries: dict[str, Entry] = {}
    for name, (offset, length, dependencies, review) in head["entries"].items():
        blob = data[start + offset : start + offset + length]
        if len(blob) != length or type(review) is not int:
            raise ValueError("torn entries file")
        entries[str(name)] = (
            blob,
            tuple((str(relative), known if known is None else str(known)) for relative, known in dependencies),
            review,
        )
    files = {str(p): (tuple(int(n) for n in signature), str(key)) for p, (signature, key) in head["files"].items()}
    return entries, files, int(head["review"])  # type: ignore[return-value]
