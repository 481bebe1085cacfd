"""Writing results without ever leaving a partial file or overwriting by surprise.

Every failure here is an ``OutputError`` (exit code 2): the folder is not
writable, ``-o`` names a file where a folder is wanted, a file is there and
``--force`` was not given, or the name is one Windows reserves (``CON``,
``nul``, ``com1``…: such a file cannot be opened or copied there, and a
region's outputs end up on Windows machines). Names made from data (a
municipality's name) go through ``safe_file_name`` first.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

from .errors import OutputError, os_reason

# Device names Windows reserves whatever the extension: «con.docx» is the console there.
RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    "CONIN$",
    "CONOUT$",
    *(f"{d}{n}" for d in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")),
}
MAX_NAME_BYTES = 255  # of one file name, in UTF-8 (ext4, NTFS counts characters but the smaller limit wins)
MADE_NAME_BYTES = 200  # of a name made from data: room left for the temporary names written beside it


def reserved_name(name: str) -> bool:
    """Whether ``name`` is a device name on Windows (the part before the first dot, any case, trailing spaces
    ignored).
    """
    return name.split(".", 1)[0].rstrip(" ").upper() in RESERVED


def safe_file_name(text: str, suffix: str = "", taken: set[str] | None = None, fallback: str = "файл") -> str:
    """A file name made from ``text`` (a municipality's name…) that every system accepts, unique among ``taken``.

    Characters Windows forbids become «_», trailing dots and spaces go, a
    reserved device name gets «_» appended, and the name is cut at a character
    boundary so that with the number that keeps it unique and ``suffix`` it
    stays within 200 bytes (a converter's temporary name beside it adds some).
    ``taken`` (lower-cased names) is extended.
    """
    base = re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f]+', "_", text).strip(" .") or fallback
    if reserved_name(base):
        base += "_"
    taken = taken if taken is not None else set()
    n = 1
    while True:
        number = f" ({n})" if n > 1 else ""
        room = MADE_NAME_BYTES - len(number.encode()) - len(suffix.encode())
        cut = base.encode("utf-8")[:room].decode("utf-8", "ignore").rstrip(" .") or fallback
        name = f"{cut}{number}{suffix}"
        if name.lower() not in taken:
            taken.add(name.lower())
            return name
        n += 1


def _writable_place(path: Path) -> None:
    """Refuse a name Windows reserves and a path whose folder is in fact a file, before anything is written."""
    if reserved_name(path.name):
        raise OutputError(
            f"{path}: имя «{path.name}» в Windows зарезервировано за устройством: такой файл там не открыть и не "
            "скопировать; выберите другое имя"
        )
    if len(path.name.encode("utf-8")) > MAX_NAME_BYTES:
        raise OutputError(f"{path}: слишком длинное имя файла (больше {MAX_NAME_BYTES} байт); выберите имя короче")
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise OutputError(f"{parent}: это файл, а не папка; укажите папку для результатов (или другой путь)")
            break


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write to a temporary file beside ``path``, then rename it over ``path``.

    A crash or an error leaves either the old file or the new one, never half
    of it. Raises ``NeuspehError`` when the folder is not writable.
    """
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    _writable_place(path)
    if path.is_dir():
        raise OutputError(f"{path}: это папка; укажите имя файла")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # The temporary name is short: a long final name must not fail for its prefix and suffix.
        fd, tmp = tempfile.mkstemp(prefix=".neuspeh-", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"{path}: не удалось записать файл: {os_reason(exc)}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: не удалось записать файл: {os_reason(exc)}") from None
        raise


def refuse_overwrite(path: Path, force: bool) -> None:
    """Raise unless ``path`` is free or the user asked to overwrite it (``--force``)."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"{path}: это папка, а нужен файл; укажите имя файла")
    if (path.exists() or path.is_symlink()) and not force:
        raise OutputError(f"{path}: файл уже существует; чтобы перезаписать его, добавьте --force")
