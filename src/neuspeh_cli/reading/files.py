"""Reading a user's file so that nothing on disk can hang or exhaust the tool.

Only a regular file is read: a FIFO would block forever, ``/dev/zero`` would
fill memory, a symlink loop would raise deep inside a library. The size is
capped before and while reading (a file may grow between ``stat`` and
``read``). Every refusal is a ``ReadError`` with a Russian reason.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from ..errors import ReadError, os_reason

MAX_BYTES = 2 * 1024 * 1024


def _size(n: int) -> str:
    return f"{n // 1024} КБ" if n < 10 * 1024 * 1024 else f"{n // (1024 * 1024)} МБ"


def _refuse(name: str, message: str) -> ReadError:
    return ReadError(name, 1, 1, message)


def _explain(name: str, path: Path, exc: OSError) -> ReadError:
    if exc.errno == errno.ELOOP:
        return _refuse(name, "символические ссылки образуют петлю (ссылка в итоге указывает сама на себя): замените ссылку самим файлом")
    if exc.errno == errno.ENOENT:
        if path.is_symlink():
            return _refuse(name, f"символическая ссылка указывает на несуществующий файл ({os.readlink(path)}): исправьте ссылку")
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
        raise _refuse(name, f"файл слишком большой ({_size(info.st_size)}; допускается не более {_size(limit)}): это не похоже на файл данных")
    return info


def read_bytes(path: Path | str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes. Raises ``ReadError``."""
    path = Path(path)
    name = str(path)
    check_regular(path, name, limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _explain(name, path, exc) from None
    try:
        # The path may have been swapped for a FIFO or a device since stat: check what was opened.
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _refuse(name, "это не обычный файл: читаются только обычные файлы с данными")
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise _refuse(name, f"файл слишком большой (больше {_size(limit)}): это не похоже на файл данных")
        return b"".join(chunks)
    except OSError as exc:
        raise _explain(name, path, exc) from None
    finally:
        os.close(fd)
