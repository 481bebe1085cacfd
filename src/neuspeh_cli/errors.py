"""Expected failures. The CLI catches ``NeuspehError`` in one place and turns it
into a message and an exit code; anything else is a bug and keeps its traceback."""

from __future__ import annotations

import errno


class NeuspehError(Exception):
    """A failure the user can fix; ``str(exc)`` is the Russian message to print."""

    exit_code = 1


class ReadError(NeuspehError):
    """A file cannot be read as data at all (encoding, YAML syntax, size, tags)."""

    exit_code = 2

    def __init__(self, path: str, line: int, column: int, message: str):
        self.path, self.line, self.column, self.message = path, line, column, message
        super().__init__(f"{path}:{line}:{column}: {message}")


class CatalogError(NeuspehError):
    """The bundled or the municipality's catalog is not valid."""

    exit_code = 2


class UsageError(NeuspehError):
    exit_code = 2


class BuildError(NeuspehError):
    """The document could not be rendered or converted."""

    exit_code = 1


_OS_REASONS = {
    errno.ENOENT: "нет такого файла или папки",
    errno.EACCES: "нет прав доступа",
    errno.EPERM: "операция не разрешена",
    errno.EROFS: "файловая система только для чтения",
    errno.ENOSPC: "нет места на диске",
    errno.EISDIR: "это папка",
    errno.ENOTDIR: "часть пути — не папка",
    errno.EEXIST: "уже существует",
}


def os_reason(exc: OSError) -> str:
    """The operating system's reason for a failure, in Russian when we know it."""
    return _OS_REASONS.get(exc.errno, exc.strerror or str(exc))
