"""Word → PDF: Microsoft Word where installed (docx2pdf), otherwise LibreOffice headless.

LibreOffice is kept warm (``office_server``): ``start()`` launches soffice on a
private profile while our .docx are still being rendered, so its start-up
overlaps our work; ``submit()`` hands each document over as soon as it is
written; ``wait()`` collects the PDFs; ``close()`` ends what was started. A
batch converts on up to ``MAX_SERVERS`` soffice processes at once (one per core),
each with its own profile. When LibreOffice's bridge is missing, dies or does not
start, the document is converted by a cold ``soffice --convert-to`` instead and
``notes`` says so. Every output is checked: soffice can exit 0 without writing.

PDF is PDF/A-2b by default (submission to archives and records offices), with
the document title shown, bookmarks from the heading styles, tags and embedded
fonts; ``pdfa=False`` gives a plain PDF with the same bookmarks and title.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..errors import BuildError, os_reason
from .office_server import (
    OfficeDied,
    OfficeFailed,
    OfficeServer,
    ProfileLease,
    end_office,
    find_soffice,
    find_uno_python,
    soffice_flags,
)

NO_ENGINE_MESSAGE = (
    "PDF не создан: не найдены ни Microsoft Word (Windows, macOS), ни LibreOffice. "
    "Установите LibreOffice (Debian/Ubuntu: sudo apt-get install libreoffice-writer) "
    "и повторите сборку, или сохраните .docx в PDF из Word вручную."
)
WORD_NO_PDFA_NOTE = (
    "Microsoft Word сохраняет обычный PDF, не PDF/A: для PDF/A-2b (для сдачи в архив и делопроизводство) соберите с "
    "--pdf-engine libreoffice; --no-pdfa убирает это предупреждение."
)
NO_BRIDGE_NOTE = (
    "LibreOffice работает без моста UNO (не найден Python с модулем uno): каждый PDF делается "
    "отдельным запуском soffice, это медленнее. Debian/Ubuntu: sudo apt-get install python3-uno."
)
CANCELLED = "преобразование в PDF прервано"
CHUNK = 100  # files per cold soffice start: its command line and memory stay reasonable
MAX_SERVERS = 2  # one soffice per core of a typical laptop; each takes ~200 MB
MAX_RESTARTS = 3

# LibreOffice's PDF export options (filter data of writer_pdf_Export).
BASE_FILTER = {"ExportBookmarks": True, "DisplayPDFDocTitle": True, "UseTaggedPDF": True, "EmbedStandardFonts": True}
PDFA_FILTER = {**BASE_FILTER, "SelectPdfVersion": 2}  # 2 = PDF/A-2b


def filter_data(pdfa: bool) -> dict:
    return dict(PDFA_FILTER if pdfa else BASE_FILTER)


def filter_argument(data: dict) -> str:
    """``--convert-to`` value with filter options as JSON (LibreOffice 7.4+)."""
    typed = {
        k: {"type": "boolean", "value": "true" if v else "false"}
        if isinstance(v, bool)
        else {"type": "long", "value": str(v)}
        for k, v in data.items()
    }
    return "pdf:writer_pdf_Export:" + json.dumps(typed, separators=(",", ":"))


class Converter(Protocol):
    name: str
    notes: list[str]

    def start(self, count: int = 1) -> None: ...
    def submit(self, source: Path, target: Path) -> None: ...
    def wait(self) -> list[Path]: ...
    def convert(self, sources: list[Path], targets: list[Path]) -> list[Path]: ...
    def close(self) -> None: ...


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


def choose_converter(engine: str = "auto", *, pdfa: bool = True, keep_warm: bool = False) -> Converter | None:
    """The converter for ``engine`` (auto, word, libreoffice); None when auto finds none.

    ``keep_warm``: LibreOffice stays running between ``wait()`` calls (watch mode).
    Raises ``BuildError`` when a forced engine is not available.
    """
    if engine in ("auto", "word") and word_available():
        return WordConverter(pdfa=pdfa)
    if engine == "word":
        raise BuildError(
            "Microsoft Word не найден (нужны Windows или macOS с установленным Word): выберите --pdf-engine libreoffice"
        )
    soffice = find_soffice()
    if soffice:
        return LibreOfficeConverter(soffice, pdfa=pdfa, keep_warm=keep_warm)
    if engine == "libreoffice":
        raise BuildError(
            "LibreOffice не найден: установите его (Debian/Ubuntu: sudo apt-get install libreoffice-writer) или "
            "укажите --no-pdf"
        )
    return None


@contextlib.contextmanager
def private_profile() -> Iterator[Path]:
    """A LibreOffice profile no other running conversion uses, for the duration of the block."""
    lease = ProfileLease()
    try:
        yield lease.acquire()
    finally:
        lease.release()


def resident_mb(pid: int) -> int | None:
    """Resident memory of a process and its children (soffice.bin under its oosplash), in MB; None where
    /proc does not tell (macOS, Windows).
    """
    total, todo = 0, [pid]
    try:
        while todo:
            current = todo.pop()
            with open(f"/proc/{current}/status", encoding="ascii", errors="replace") as status:
                total += next((int(line.split()[1]) for line in status if line.startswith("VmRSS:")), 0)
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as children:
                    todo += [int(c) for c in children.read().split()]
    except (OSError, ValueError):
        return None if not total else total // 1024
    return total // 1024


def _check_pdf(path: Path, source: Path, engine: str) -> None:
    try:
        with open(path, "rb") as handle:
            ok = handle.read(5) == b"%PDF-"
    except OSError:
        ok = False
    if not ok:
        raise BuildError(
            f"{source}: {engine} не создал PDF (файл не записан или повреждён); откройте .docx в Word или LibreOffice "
            "и проверьте, что он открывается"
        )


def _place(produced: Path, target: Path) -> None:
    """Move a checked PDF into place atomically (never a half-written target)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        shutil.copyfile(produced, tmp)
        os.replace(tmp, target)
    except OSError as exc:
        raise BuildError(f"{target}: не удалось записать файл: {os_reason(exc)}") from None


@dataclass
class _Job:
    source: Path
    target: Path
    error: BaseException | None = None


class _Worker:
    """One soffice (with its profile) and the thread feeding it documents."""

    def __init__(self, converter: LibreOfficeConverter, bridge: str | None):
        self.converter = converter
        self.bridge = bridge  # the UNO Python, or None: conversions are handed to soffice by --convert-to
        self.lease = ProfileLease()
        self.server: OfficeServer | None = None
        self.restarts = 0
        self.cold_only = False
        self.converted = 0  # documents this worker's soffice turned into PDF (warm or cold)
        self.cold_process: subprocess.Popen | None = None
        self.thread = threading.Thread(target=self.run, daemon=True)

    def start_server(self) -> None:
        profile = self.lease.path or self.lease.acquire()
        self.server = OfficeServer(self.converter.soffice, profile, self.bridge)
        try:
            self.server.start()
        except OfficeDied as exc:
            self.server = None
            self.cold_only = True
            self.converter.note(f"{exc}; PDF делается отдельным запуском soffice.")

    def run(self) -> None:
        jobs = self.converter.jobs
        while True:
            job = jobs.get()
            if job is None:
                jobs.task_done()
                return
            if self.converter.closing.is_set():
                job.error = BuildError(CANCELLED)
                jobs.task_done()
                continue
            batch = [job]
            with self.converter.batching:  # documents submitted together (``submit_all``) are all queued now
                pass
            if self.bridge is None or self.cold_only:
                # Cold conversions pay soffice's start-up once per call: take what is queued.
                while len(batch) < CHUNK:
                    try:
                        more = jobs.get_nowait()
                    except queue.Empty:
                        break
                    if more is None:
                        jobs.put(None)
                        jobs.task_done()
                        break
                    batch.append(more)
            try:
                self.convert(batch)
            except BaseException as exc:  # reported by wait() in the caller's thread
                for item in batch:
                    item.error = item.error or exc
            finally:
                for _ in batch:
                    jobs.task_done()

    def convert(self, batch: list[_Job]) -> None:
        if len(batch) == 1 and not self.cold_only and self.bridge:
            job = batch[0]
            if self.server is None and self.restarts < MAX_RESTARTS:
                self.restarts += 1
                self.start_server()
            if self.server is not None:
                try:
                    self.server.wait_ready()
                except OfficeDied as exc:
                    self.server = None
                    if self.converter.closing.is_set():
                        raise BuildError(CANCELLED) from None
                    self.converter.note(
                        f"LibreOffice не запустился в режиме сервера ({exc}): PDF делается отдельным запуском "
                        "soffice, это медленнее."
                    )
            if self.server is not None:
                try:
                    self.warm(job)
                    self.converted += 1
                    self.recycle_if_grown()
                    return
                except OfficeDied as exc:
                    self.server = None  # closed by OfficeServer already
                    if self.converter.closing.is_set():
                        raise BuildError(CANCELLED) from None
                    self.converter.note(
                        f"{exc} во время преобразования {job.source.name}: PDF сделан отдельным запуском soffice; "
                        "следующий снова пойдёт через сервер."
                    )
                except OfficeFailed:
                    pass  # a cold run gives LibreOffice's own exit status and message
        self.cold(batch)
        self.converted += len(batch)

    def warm(self, job: _Job) -> None:
        tmp = job.target.with_name(f".{job.target.stem}.{os.getpid()}.{threading.get_ident()}.pdf.tmp")
        try:
            job.target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BuildError(f"{job.target}: не удалось записать файл: {os_reason(exc)}") from None
        try:
            self.server.convert(job.source, tmp, self.converter.filter, self.converter.timeout_per_file)
            _check_pdf(tmp, job.source, self.converter.name)
            os.replace(tmp, job.target)
        except OSError as exc:
            raise BuildError(f"{job.target}: не удалось записать файл: {os_reason(exc)}") from None
        finally:
            with contextlib.suppress(OSError):
                tmp.unlink()

    def recycle_if_grown(self) -> None:
        """A fresh soffice once this one holds more than ``recycle_above_mb``: LibreOffice keeps some memory of
        every document it converted (a hundred-page document adds 20–40 MB), and a batch of dozens would
        otherwise hold hundreds of MB per process. Started at once, so its start-up overlaps the wait for the
        next document; not counted as a restart after a failure.
        """
        limit = self.converter.recycle_above_mb
        server = self.server
        if not limit or server is None or server.process is None or self.converter.closing.is_set():
            return
        used = resident_mb(server.process.pid)
        if used is not None and used > limit:
            server.close()
            self.server = None
            self.start_server()

    def cold(self, batch: list[_Job]) -> None:
        """``soffice --convert-to`` on this worker's profile; handed to our soffice if it is still starting."""
        if self.converter.closing.is_set():
            raise BuildError(CANCELLED)
        if self.server is not None and self.server.ready:
            self.server.close()  # a handed-over --convert-to would end the server anyway
            self.server = None
        profile = self.lease.path or self.lease.acquire()
        with tempfile.TemporaryDirectory(prefix="neuspeh-pdf-") as out:
            # LibreOffice names each PDF after its source: files of one name go in separate calls.
            groups: list[list[_Job]] = []
            for job in batch:
                group = next(
                    (g for g in groups if len(g) < CHUNK and all(j.source.stem != job.source.stem for j in g)), None
                )
                if group is None:
                    group = []
                    groups.append(group)
                group.append(job)
            for index, group in enumerate(groups):
                folder = Path(out) / str(index)
                self.converter.run_soffice([j.source for j in group], folder, profile, self)
                for job in group:
                    produced = folder / (job.source.stem + ".pdf")
                    _check_pdf(produced, job.source, self.converter.name)
                    _place(produced, job.target)
        if self.server is not None:
            # The instance we started took the conversion and is exiting by itself; the PDFs are
            # written, so end it now rather than wait for its shutdown.
            self.server.close()
            self.server = None

    def stop(self) -> None:
        """End the processes now, even mid-conversion (that conversion then fails as cancelled)."""
        server, cold = self.server, self.cold_process
        if server is not None:
            server.close()
        end_office(cold, self.lease.path)

    def close(self) -> None:
        self.stop()
        self.server = None
        self.lease.release()


class LibreOfficeConverter:
    """LibreOffice headless, warm between documents. Use as ``start(); submit()…; wait(); close()``
    (or ``convert(sources, targets)``, or a ``with`` block that closes)."""

    name = "LibreOffice"

    def __init__(
        self,
        soffice: str,
        *,
        pdfa: bool = True,
        keep_warm: bool = False,
        timeout_per_file: float = 60.0,
        max_servers: int | None = None,
        recycle_above_mb: int | None = None,
        uno_python: str | None | bool = True,
    ):
        self.soffice = soffice
        self.pdfa = pdfa
        self.filter = filter_data(pdfa)
        self.timeout_per_file = timeout_per_file
        self.max_servers = max_servers or min(MAX_SERVERS, os.cpu_count() or 1)
        self.keep_warm = keep_warm
        self.recycle_above_mb = recycle_above_mb  # a warm soffice grown past this is replaced (see _Worker)
        self.uno_python = find_uno_python(soffice) if uno_python is True else (uno_python or None)
        self.notes: list[str] = []
        self.jobs: queue.Queue = queue.Queue()
        self.closing = threading.Event()
        self.workers: list[_Worker] = []
        self._submitted: list[_Job] = []
        self._lock = threading.Lock()
        self.batching = threading.Lock()  # held while ``submit_all`` queues: a cold run takes them in one call

    def note(self, message: str) -> None:
        message = message[:1].upper() + message[1:]
        with self._lock:
            if message not in self.notes:
                self.notes.append(message)

    def start(self, count: int = 1) -> None:
        """Start soffice for ``count`` coming documents (one per core at most); returns at once.

        One document and no ``keep_warm``: soffice starts plain and the conversion is handed
        to it by ``soffice --convert-to`` (measured faster than the bridge for a single
        document: the bridge's own Python would compete for the CPU during start-up).
        Several documents or ``keep_warm``: soffice listens and the UNO bridge feeds it.
        """
        bridge = self.uno_python if (self.keep_warm or count > 1) else None
        if bridge is None and (self.keep_warm or count > 1):
            self.note(NO_BRIDGE_NOTE)
        wanted = max(1, min(count, self.max_servers))
        if bridge is None and wanted == 1 and not self.workers:
            from . import prestart

            adopted = prestart.take(self.soffice)  # started by ``neuspeh build FILE`` before the CLI loaded
            if adopted is not None:
                worker = _Worker(self, None)
                worker.lease, worker.server = adopted
                worker.thread.start()
                self.workers.append(worker)
        from ..errors import signals_deferred

        while len(self.workers) < wanted:
            # Started and listed as one step: a signal in between would leave a soffice close() does not know.
            with signals_deferred():
                worker = _Worker(self, bridge)
                worker.lease.acquire()
                worker.start_server()
                worker.thread.start()
                self.workers.append(worker)

    def submit(self, source: Path, target: Path) -> None:
        """Queue one conversion; it starts at once on a free soffice."""
        if not self.workers:
            self.start()
        job = _Job(Path(source), Path(target))
        self._submitted.append(job)
        self.jobs.put(job)

    def submit_all(self, pairs: list[tuple[Path, Path]]) -> None:
        """Queue several conversions at once: without the UNO bridge they go to soffice in one ``--convert-to`` call
        (handed to the soffice ``start`` launched, whose start-up overlapped the caller's work), as a bare
        ``soffice --convert-to a.docx b.docx`` would.
        """
        with self.batching:
            for source, target in pairs:
                self.submit(source, target)

    def pending(self) -> int:
        """Conversions submitted and not finished yet (for a progress bar while waiting)."""
        return self.jobs.unfinished_tasks

    def wait(self) -> list[Path]:
        """Targets of everything submitted since the last wait, in order. Raises ``BuildError``."""
        self.jobs.join()
        jobs, self._submitted = self._submitted, []
        for job in jobs:
            if job.error is not None:
                raise job.error
        return [job.target for job in jobs]

    def convert(self, sources: list[Path], targets: list[Path]) -> list[Path]:
        if not sources:
            return []
        self.start(len(sources))
        for source, target in zip(sources, targets):
            self.submit(source, target)
        return self.wait()

    def close(self) -> None:
        """End every soffice and client this converter started, at once (work still queued is
        dropped: Ctrl-C must not wait for it); safe to call twice."""
        self.closing.set()
        for worker in self.workers:
            worker.stop()
        for _ in self.workers:
            self.jobs.put(None)
        for worker in self.workers:
            worker.thread.join(timeout=30)
            worker.close()
        self.workers = []
        self.closing.clear()

    def __enter__(self) -> LibreOfficeConverter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def run_soffice(self, chunk: list[Path], out_dir: Path, profile: Path, worker: _Worker | None = None) -> None:
        command = [
            self.soffice,
            *soffice_flags(profile),
            "--convert-to",
            filter_argument(self.filter),
            "--outdir",
            str(out_dir),
            *[str(s.resolve()) for s in chunk],
        ]
        timeout = 60 + self.timeout_per_file * len(chunk)
        from ..errors import signals_deferred

        try:
            with signals_deferred():
                process = subprocess.Popen(
                    command,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    start_new_session=os.name != "nt",
                )
                if worker is not None:
                    worker.cold_process = process
        except OSError as exc:
            raise BuildError(f"LibreOffice не запустился ({self.soffice}): {os_reason(exc)}") from None
        if self.closing.is_set():  # close() ran while this soffice was starting: it may not have seen it
            end_office(process, profile)
            raise BuildError(CANCELLED)
        try:
            process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            end_office(process, profile)
            raise BuildError(
                f"LibreOffice не ответил за {int(timeout)} с и был остановлен; .docx записаны, PDF — нет. Повторите "
                "сборку или откройте .docx в LibreOffice вручную"
            ) from None
        except BaseException:
            end_office(process, profile)
            raise
        finally:
            if worker is not None:
                worker.cold_process = None
        if self.closing.is_set():
            raise BuildError(CANCELLED)
        if process.returncode != 0:
            raise BuildError(
                f"LibreOffice завершился с кодом {process.returncode}; .docx записаны, PDF — нет. Откройте .docx в "
                "LibreOffice и проверьте, что он открывается"
            )


class WordConverter:
    """Microsoft Word through docx2pdf (Windows, macOS). Word cannot write PDF/A through it."""

    name = "Microsoft Word"

    def __init__(self, *, pdfa: bool = True):
        self.notes: list[str] = [WORD_NO_PDFA_NOTE] if pdfa else []
        self._pending: list[tuple[Path, Path]] = []

    def start(self, count: int = 1) -> None:
        pass

    def submit(self, source: Path, target: Path) -> None:
        self._pending.append((Path(source), Path(target)))

    def wait(self) -> list[Path]:
        pending, self._pending = self._pending, []
        return self.convert([s for s, _ in pending], [t for _, t in pending])

    def close(self) -> None:
        pass

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
                except (Exception, SystemExit):  # docx2pdf may sys.exit() on macOS without Word
                    raise BuildError(
                        f"{source}: Microsoft Word не смог сохранить PDF; попробуйте --pdf-engine libreoffice"
                    ) from None
                _check_pdf(produced, source, self.name)
                _place(produced, target)
        return list(targets)
