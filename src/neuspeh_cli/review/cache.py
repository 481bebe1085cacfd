"""Per-file results kept between reviews, keyed by what they depend on.

An entry is found by the file's content hash (BLAKE2b) and whether it was
named on the command line; it lives in a folder named after the tool itself
(a hash of the package's code and shipped data: the catalog, the vocabularies),
so a new version of the tool or of the catalog never sees old entries. A
municipality's own catalog is a dependency stored with the entry and compared
on every lookup. Entries are written without fsync: a torn one fails to
unpickle and is simply computed again. An unwritable cache disables itself;
the review goes on without it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

from .facts import FACTS_VERSION, FileFacts

KEEP_VERSIONS = 3  # folders of older tool versions kept (two installs used in turn do not thrash)


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


class Cache:
    def __init__(self, root: Path | None = None):
        self.root = (root or default_root()) / tool_key()
        self.enabled = True
        self._dependency_digests: dict[str, str | None] = {}
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            self._prune_old_versions()
        except OSError:
            self.enabled = False

    def _entry(self, key: str, explicit: bool) -> Path:
        return self.root / key[:2] / f"{key}{'-named' if explicit else ''}.pickle"

    def get(self, key: str, explicit: bool, folder: str) -> FileFacts | None:
        """The facts of a file with this content, if its dependencies — found from ``folder``, the file's own — are unchanged."""
        if not self.enabled:
            return None
        try:
            with open(self._entry(key, explicit), "rb") as handle:
                facts, dependencies = pickle.load(handle)
        except FileNotFoundError:
            return None
        except Exception:  # a torn or foreign entry: compute the file again
            return None
        # Dependencies are kept relative to the file: the same content elsewhere names another catalog.
        if any(self._dependency_digest(os.path.normpath(os.path.join(folder, relative))) != known for relative, known in dependencies):
            return None
        if dependencies:
            facts = facts._replace(dependencies=tuple(os.path.normpath(os.path.join(folder, relative)) for relative, _ in dependencies))
        return facts

    def put(self, key: str, explicit: bool, facts: FileFacts, folder: str) -> None:
        if not self.enabled:
            return
        dependencies = [(os.path.relpath(path, folder), self._dependency_digest(path)) for path in facts.dependencies]
        entry = self._entry(key, explicit)
        try:
            entry.parent.mkdir(exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".entry.", dir=entry.parent)
            with os.fdopen(fd, "wb") as handle:
                pickle.dump((facts._replace(path="", name=""), dependencies), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, entry)
        except OSError:
            self.enabled = False
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(tmp)

    def _dependency_digest(self, path: str) -> str | None:
        if path not in self._dependency_digests:
            try:
                self._dependency_digests[path] = digest(Path(path).read_bytes())
            except OSError:
                self._dependency_digests[path] = None
        return self._dependency_digests[path]

    def _prune_old_versions(self) -> None:
        others = [p for p in self.root.parent.iterdir() if p.is_dir() and p != self.root]
        others.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        for old in others[KEEP_VERSIONS - 1 :]:
            shutil.rmtree(old, ignore_errors=True)
