"""Expected failures. The CLI catches ``NeuspehError`` in one place and turns it
into a message and an exit code; anything else is a bug and keeps its traceback."""

from __future__ import annotations

import errno


class NeuspehError(Exception):
    """A failure the user can fix; ``str(exc)`` is the Russian message to print."""

    exit_code = 1


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised in the main thread like Ctrl-C's ``KeyboardInterrupt``.

    Left to their default action these signals end Python at once: no
    ``finally``, no ``atexit``, so LibreOffice and worker processes outlived the
    tool. Raised as an exception, they run every clean-up Ctrl-C runs.
    """

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


_SIGNALS = {"deferring": 0, "pending": 0}


def terminate(signum: int) -> None:
    """What the CLI's SIGTERM/SIGHUP handler does: raise ``Terminated`` now, or after a ``signals_deferred`` block."""
    if _SIGNALS["deferring"]:
        _SIGNALS["pending"] = _SIGNALS["pending"] or signum
        return
    raise Terminated(signum)


class signals_deferred:  # a context manager, named like contextlib's
    """Hold ``Terminated`` back while processes are forked, and raise it right after.

    Raised inside ``os.fork``'s hooks (logging's lock, for one) the exception is
    only printed and lost, and the command would run on to its end.

    Only the main thread is deferred (the signal's exception is raised there and
    nowhere else); in another thread the block does nothing. Used around every
    ``Popen`` of LibreOffice and the fork of the review's workers: an exception
    landing inside ``Popen`` after the child started loses the ``Popen`` object,
    and with it the only way to end that child.
    """

    def __enter__(self) -> None:
        import threading

        self.active = threading.current_thread() is threading.main_thread()
        if self.active:
            _SIGNALS["deferring"] += 1

    def __exit__(self, *exc) -> None:
        if not self.active:
            return
        _SIGNALS["deferring"] -= 1
        if _SIGNALS["deferring"]:
            return
        pending, _SIGNALS["pending"] = _SIGNALS["pending"], 0
        if pending and exc[0] is None:
            raise Terminated(pending)


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


def no_data_files(paths) -> UsageError:
    """What ``validate`` and ``build`` say when the paths hold no data file."""
    return UsageError("не найдено ни одного файла данных (.yaml) в: " + ", ".join(str(p) for p in paths))


class OutputError(NeuspehError):
    """An output cannot be written where the command was told to write it (exit code 2, as the README promises)."""

    exit_code = 2


class BuildError(NeuspehError):
    """The document could not be rendered or converted."""

    exit_code = 1


class EditError(NeuspehError):
    """Raised by ``yaml_edit`` (``roadmap draft``, ``report init``, ``import-form``, ``report collect``): an in-place
    edit
    would not keep the file as the user wrote it; nothing is written. Exit code 1.
    """

    exit_code = 1


class ReportInitError(NeuspehError):
    """Raised by ``report init`` and ``audit init --from``: the roadmap is unusable or the existing report cannot be
    edited
    safely. Exit code 1.
    """

    exit_code = 1


class ImportFailed(NeuspehError):
    """Raised by ``importing`` (``import`` and every command reading a Word, Excel or PDF file): the file cannot be
    imported at all — missing, unreadable, not a roadmap. Exit code 2.
    """

    exit_code = 2
    foreign = False  # the file reads, but holds no roadmap


class FormError(NeuspehError):
    """Raised by ``import-form``: the Excel form cannot be read back — unreadable, not ours, or cells that mean nothing.
    Exit code 1.
    """

    exit_code = 1

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or []


class DraftError(NeuspehError):
    """Raised by ``roadmap draft``: the data file cannot be drafted into (schema errors, an unexpected layout). Exit
    code
    1.
    """

    exit_code = 1


class SchoolListError(NeuspehError):
    """Raised by ``audit init --schools`` and ``init repo``: the list of schools cannot be used. Exit code 2."""

    exit_code = 2


class SchoolFormError(NeuspehError):
    """Raised by ``school sheets`` and ``report collect``: a school's monitoring form cannot be read. Exit code 1."""

    exit_code = 1


class CollectError(NeuspehError):
    """Raised by ``report collect``: the filled forms cannot be put into the report (not a report, or the result would
    not
    pass the schema). Exit code 1.
    """

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
    errno.ENAMETOOLONG: "слишком длинное имя файла или пути",
    errno.EMFILE: "открыто слишком много файлов",
    errno.ENFILE: "открыто слишком много файлов",
    errno.EBUSY: "файл занят другой программой",
    errno.ETXTBSY: "файл занят другой программой",
    errno.EXDEV: "перенос между разными дисками невозможен",
    errno.ELOOP: "циклическая символическая ссылка",
    errno.EINVAL: "недопустимое имя или значение",
    errno.EIO: "ошибка ввода-вывода (диск или сеть)",
    errno.ENOTEMPTY: "папка не пуста",
    errno.EDQUOT: "превышена квота на диске",
    errno.EFBIG: "файл слишком большой",
    errno.ETIMEDOUT: "истекло время ожидания",
    errno.ENODEV: "нет такого устройства",
    errno.ENXIO: "нет такого устройства",
}


def os_reason(exc: OSError) -> str:
    """The operating system's reason for a failure, in Russian (the code name where we have no words for it)."""
    reason = _OS_REASONS.get(exc.errno) if exc.errno is not None else None
    if reason is None and isinstance(exc, PermissionError):
        reason = _OS_REASONS[errno.EACCES]
    if reason is None and isinstance(exc, FileNotFoundError):
        reason = _OS_REASONS[errno.ENOENT]
    if reason is not None:
        return reason
    code = errno.errorcode.get(exc.errno or 0)
    return f"системная ошибка {code}" if code else "системная ошибка"


INTERNAL_EXIT_CODE = 3


def record_crash(details: str) -> str:
    """Write the details of an unexpected failure to a log file; return where, for the message.

    The tool's own defects must not look like «errors found» (exit 1) in a CI,
    nor drown the user in a traceback: one line names the file to send.
    """
    import os
    import sys
    import tempfile
    import time
    from pathlib import Path

    from . import __version__

    text = (
        f"neuspeh {__version__}, Python {sys.version.split()[0]}, "
        f"{sys.platform}\n{time.strftime('%Y-%m-%d %H:%M:%S')}  {' '.join(sys.argv)}\n\n{details}\n"
    )
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "neuspeh"
    for folder in (base, Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / "neuspeh-crash.log"
            path.write_text(text, encoding="utf-8")
            return str(path)
        except OSError:
            continue
    sys.stderr.write(text)
    return "стандартный поток ошибок (выше)"


def internal_error_message(where: str) -> str:
    return (
        f"внутренняя ошибка neuspeh — это дефект программы, а не ваших данных; подробности записаны в {where}: "
        "приложите этот файл к сообщению об ошибке"
    )
