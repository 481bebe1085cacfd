"""Word → PDF: Microsoft Word where installed (docx2pdf), otherwise LibreOffice headless.

LibreOffice runs with a private profile taken from a small pool under a lock,
so parallel builds never share a profile (concurrent runs on one profile fail
silently) while a warm profile is reused between builds; with a timeout; many
files in one start. Every output is checked: soffice can exit 0 without
writing anything.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from ..errors import BuildError, os_reason

NO_ENGINE_MESSAGE = (
    "PDF не создан: не найдены ни Microsoft Word (Windows, macOS), ни LibreOffice. "
    "Установите LibreOffice (Debian/Ubuntu: sudo apt-get install libreoffice-writer) "
    "и повторите сборку, или сохраните .docx в PDF из Word вручную."
)
CHUNK = 100  # files per soffice start: its command line and memory stay reasonable
POOL_SIZE = 8


class Converter(Protocol):
    name: str

    def convert(self, sources: list[Path], targets: list[Path]) -> list[Path]: ...


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    candidates = [
        "/Applications/LibreOffice.app/Contents/MacOS/soffice",
        r"C:\Program Files\LibreOffice\program\soffice.exe",
        r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    ]
    return next((c for c in candidates if os.path.exists(c)), None)


def word_available() -> bool:
    if sys.platform not in ("win32", "darwin"):
        return False  # docx2pdf raises NotImplementedError on Linux
    try:
        import docx2pdf  # noqa: F401
    except ImportError:
        return False
    if sys.platform == "darwin":
        return os.path.exists("/Applications/Microsoft Word.app")
    try:
        import winreg

        winreg.OpenKey(winreg.HKEY_CLASSES_ROOT, "Word.Application")
        return True
    except OSError:
        return False


def choose_converter(engine: str = "auto") -> Converter | None:
    """The converter for ``engine`` (auto, word, libreoffice); None when auto finds none.

    Raises ``BuildError`` when a forced engine is not available.
    """
    if engine in ("auto", "word") and word_available():
        return WordConverter()
    if engine == "word":
        raise BuildError("Microsoft Word не найден (нужны Windows или macOS с установленным Word): выберите --pdf-engine libreoffice")
    soffice = find_soffice()
    if soffice:
        return LibreOfficeConverter(soffice)
    if engine == "libreoffice":
        raise BuildError("LibreOffice не найден: установите его (Debian/Ubuntu: sudo apt-get install libreoffice-writer) или укажите --no-pdf")
    return None


def _check_pdf(path: Path, source: Path, engine: str) -> None:
    try:
        with open(path, "rb") as handle:
            ok = handle.read(5) == b"%PDF-"
    except OSError:
        ok = False
    if not ok:
        raise BuildError(f"{source}: {engine} не создал PDF (файл не записан или повреждён); откройте .docx в Word или LibreOffice и проверьте, что он открывается")


def _place(produced: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    shutil.copyfile(produced, tmp)
    os.replace(tmp, target)


def profile_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
    return Path(base) / "neuspeh" / "libreoffice"


@contextmanager
def private_profile() -> Iterator[Path]:
    """A LibreOffice profile no other running build uses: a pooled one under a lock, else a temporary one."""
    try:
        import fcntl
    except ImportError:  # Windows: no flock; a temporary profile is always safe
        fcntl = None
    root = profile_root()
    if fcntl is not None:
        try:
            root.mkdir(parents=True, exist_ok=True)
            for slot in range(POOL_SIZE):
                lock = open(root / f"profile-{slot}.lock", "w")  # noqa: SIM115 -- held for the whole conversion, closed below
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    lock.close()
                    continue
                try:
                    yield root / f"profile-{slot}"
                finally:
                    lock.close()
                return
        except OSError:
            pass  # cache not writable: fall through to a temporary profile
    with tempfile.TemporaryDirectory(prefix="neuspeh-lo-") as tmp:
        yield Path(tmp)


class LibreOfficeConverter:
    name = "LibreOffice"

    def __init__(self, soffice: str, timeout_per_file: float = 60.0):
        self.soffice = soffice
        self.timeout_per_file = timeout_per_file

    def convert(self, sources: list[Path], targets: list[Path]) -> list[Path]:
        with private_profile() as profile, tempfile.TemporaryDirectory(prefix="neuspeh-pdf-") as out:
            out_dir = Path(out)
            for start in range(0, len(sources), CHUNK):
                chunk = sources[start : start + CHUNK]
                self._run(chunk, out_dir, profile)
            for source, target in zip(sources, targets):
                produced = out_dir / (source.stem + ".pdf")
                _check_pdf(produced, source, self.name)
                _place(produced, target)
        return targets

    def _run(self, chunk: list[Path], out_dir: Path, profile: Path) -> None:
        stems = [s.stem for s in chunk]
        if len(set(stems)) != len(stems):
            raise BuildError("у двух файлов одинаковое имя: LibreOffice записал бы их PDF в один файл; переименуйте один из них")
        command = [
            self.soffice,
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            "--nologo",
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(out_dir),
            *[str(s.resolve()) for s in chunk],
        ]
        timeout = 60 + self.timeout_per_file * len(chunk)
        try:
            completed = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise BuildError(
                f"LibreOffice не ответил за {int(timeout)} с и был остановлен; .docx записаны, PDF — нет. Повторите сборку или откройте .docx в LibreOffice вручную"
            ) from None
        except OSError as exc:
            raise BuildError(f"LibreOffice не запустился ({self.soffice}): {os_reason(exc)}") from None
        if completed.returncode != 0:
            detail = completed.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise BuildError(f"LibreOffice завершился с кодом {completed.returncode}: {detail[0]}")


class WordConverter:
    """Microsoft Word through docx2pdf (Windows, macOS)."""

    name = "Microsoft Word"

    def convert(self, sources: list[Path], targets: list[Path]) -> list[Path]:
        try:
            from docx2pdf import convert
        except ImportError:
            raise BuildError("docx2pdf не установлен: pip install docx2pdf, или --pdf-engine libreoffice") from None
        with tempfile.TemporaryDirectory(prefix="neuspeh-pdf-") as out:
            for source, target in zip(sources, targets):
                produced = Path(out) / (source.stem + ".pdf")
                try:
                    convert(str(source.resolve()), str(produced))
                except (Exception, SystemExit) as exc:  # docx2pdf may sys.exit() on macOS without Word
                    raise BuildError(f"{source}: Microsoft Word не смог сохранить PDF ({exc}); попробуйте --pdf-engine libreoffice") from None
                _check_pdf(produced, source, self.name)
                _place(produced, target)
        return targets
