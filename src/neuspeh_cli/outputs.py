"""Writing results without ever leaving a partial file or overwriting by surprise."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import NeuspehError, os_reason


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write to a temporary file beside ``path``, then rename it over ``path``.

    A crash or an error leaves either the old file or the new one, never half
    of it. Raises ``NeuspehError`` when the folder is not writable.
    """
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise NeuspehError(f"{path}: не удалось записать файл: {os_reason(exc)}") from None
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
            raise NeuspehError(f"{path}: не удалось записать файл: {os_reason(exc)}") from None
        raise


def refuse_overwrite(path: Path, force: bool) -> None:
    """Raise unless ``path`` is free or the user asked to overwrite it (``--force``)."""
    if Path(path).exists() and not force:
        raise NeuspehError(f"{path}: файл уже существует; чтобы перезаписать его, добавьте --force")
