"""Reading a user's file so that nothing on disk can hang or exhaust the tool: the one guarded way in.

Every reader of an input — YAML, Word, Excel, OpenDocument, PDF, a catalog,
the ``--expected`` list, a report's linked files, the review cache's digests —
gets its bytes here, never from ``open()`` or ``Path.read_bytes()``:

- only a regular file is read: a FIFO would block forever, ``/dev/zero`` would
  fill memory, a symlink loop would raise deep inside a library. The file is
  opened without blocking (``O_NONBLOCK``: opening a FIFO with no writer
  returns at once) and what was opened is checked again (``fstat``), so a path
  swapped for a FIFO after ``stat`` is still refused;
- the size is capped before and while reading (a file may grow between
  ``stat`` and ``read``): ``read_bytes`` refuses a file over its limit,
  ``read_head`` keeps the first bytes of a file of any size without reading
  the rest, ``file_digest`` hashes at most its limit;
- a document is read into memory once (``read_bytes(path, MAX_DOCUMENT_BYTES)``)
  and its libraries get the bytes (``io.BytesIO``), never the path: what was
  checked is what is parsed. Archives (.docx, .xlsx, .odt, .ods) then go through
  ``reading.archives.check_archive`` before any library inflates them.

Every refusal is a ``ReadError`` (exit code 2, or a row in a review) with a
Russian reason and no traceback.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from ..errors import ReadError, os_reason

MAX_BYTES = 2 * 1024 * 1024  # a catalog, a register of municipalities
# A data file is capped by its structure (``yamlread.MAX_NODES``); bytes only keep a single huge value or
# megabytes of blanks out. 10,000 events of the sample's wording are 4.4 MB, of long wording about 10 MB.
MAX_YAML_BYTES = 16 * 1024 * 1024
MAX_DOCUMENT_BYTES = 32 * 1024 * 1024  # a Word, Excel, OpenDocument or PDF file as sent by a municipality
HEAD_BYTES = 256 * 1024  # what the review keeps of a file it could not model (to find the municipality's name)


def _size(n: int) -> str:
    return f"{n // 1024} КБ" if n < 10 * 1024 * 1024 else f"{n // (1024 * 1024)} МБ"


def _refuse(name: str, message: str) -> ReadError:
    return ReadError(name, 1, 1, message)


def _explain(name: str, path: Path, exc: OSError) -> ReadError:
    if exc.errno == errno.ELOOP:
        return _refuse(
            name,
            "символические ссылки образуют петлю (ссылка в итоге указывает сама на себя): замените ссылку самим файлом",
        )
    if exc.errno == errno.ENOENT:
        if path.is_symlink():
            return _refuse(
                name, f"символическая ссылка указывает на несуществующий файл ({os.readlink(path)}): исправьте ссылку"
            )
        return _refuse(name, "файл не найден: проверьте путь")
    if exc.errno == errno.ENAMETOOLONG:
        return _refuse(name, "слишком длинное имя файла или пути")
    return _refuse(name, f"файл не читается: {os_reason(exc)}")


def check_regular(path: Path, name: str | None = None, limit: int = MAX_BYTES) -> os.stat_result:
    """The file's ``stat`` when it is a regular file within ``limit``; ``ReadError`` otherwise."""
    name = name or str(path)
    try:
        info = os.stat(path)
    except OSError as exc:
        raise _explain(name, Path(path), exc) from None
    if stat.S_ISDIR(info.st_mode):
        raise _refuse(name, "это папка, а не файл")
    if not stat.S_ISREG(info.st_mode):
        what = (
            "именованный канал (FIFO)"
            if stat.S_ISFIFO(info.st_mode)
            else "устройство"
            if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
            else "сокет"
            if stat.S_ISSOCK(info.st_mode)
            else "не обычный файл"
        )
        raise _refuse(name, f"это {what}, а не обычный файл: читаются только обычные файлы с данными")
    if info.st_size > limit:
        raise _refuse(
            name,
            f"файл слишком большой ({_size(info.st_size)}; допускается не более {_size(limit)}): это не похоже на "
            "файл данных",
        )
    return info


def _open_regular(path: Path, name: str, limit: int | None) -> int:
    """A descriptor of the regular file at ``path`` (size checked against ``limit`` unless None); the caller closes
    it.
    """
    if limit is not None:
        check_regular(path, name, limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _explain(name, path, exc) from None
    try:
        # The path may have been swapped for a FIFO or a device since stat: check what was opened.
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise _refuse(name, "это папка, а не файл")
        if not stat.S_ISREG(info.st_mode):
            raise _refuse(
                name, "это не обычный файл (канал, устройство или сокет): читаются только обычные файлы с данными"
            )
    except BaseException:
        os.close(fd)
        raise
    return fd


def _read_fd(fd: int, name: str, path: Path, size: int, refuse_more: bool) -> bytes:
    chunks, total = [], 0
    try:
        while total <= size:
            chunk = os.read(fd, min(1 << 20, size + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise _explain(name, path, exc) from None
    if total > size:
        if refuse_more:
            raise _refuse(name, f"файл слишком большой (больше {_size(size)}): это не похоже на файл данных")
        chunks[-1] = chunks[-1][: len(chunks[-1]) - (total - size)]
    return b"".join(chunks)


def read_bytes(path: Path | str, limit: int = MAX_BYTES, name: str | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes. Raises ``ReadError``.

    ``name``: the file as the user wrote it, for the message (default: ``path``).
    For a document (.docx, .xlsx, .pdf…) pass ``MAX_DOCUMENT_BYTES`` and hand the
    bytes to the library as ``io.BytesIO``.
    """
    path = Path(path)
    name = name or str(path)
    fd = _open_regular(path, name, limit)
    try:
        return _read_fd(fd, name, path, limit, refuse_more=True)
    finally:
        os.close(fd)


def read_head(path: Path | str, size: int = HEAD_BYTES, name: str | None = None) -> bytes:
    """At most the first ``size`` bytes of a regular file of any size, reading no further. Raises ``ReadError``."""
    path = Path(path)
    name = name or str(path)
    fd = _open_regular(path, name, None)
    try:
        return _read_fd(fd, name, path, size, refuse_more=False)
    finally:
        os.close(fd)


def read_text(path: Path | str, limit: int = MAX_BYTES, name: str | None = None, what: str = "файл") -> str:
    """A UTF-8 text file (a byte-order mark allowed) of at most ``limit`` bytes. Raises ``ReadError``."""
    name = name or str(path)
    raw = read_bytes(path, limit, name)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _refuse(
            name, f"{what} не в кодировке UTF-8 (байт {exc.start + 1}): сохраните его как текст в UTF-8"
        ) from None


def file_digest(path: Path | str, limit: int = MAX_BYTES) -> str | None:
    """A BLAKE2b hash (32 hex digits) of a regular file of at most ``limit`` bytes; None for anything else.

    For caches: whatever cannot be read is simply «no hash» (the reader of the
    file explains it); never blocks, never reads more than ``limit + 1`` bytes.
    """
    import hashlib

    try:
        data = read_bytes(path, limit)
    except ReadError:
        return None
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def is_within(path: Path | str, folder: Path | str) -> bool:
    """Whether ``path``, with every symbolic link followed, lies inside ``folder`` (links followed too)."""
    try:
        real = os.path.realpath(path)
        root = os.path.realpath(folder)
    except (OSError, ValueError):
        return False
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)
