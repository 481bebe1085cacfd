"""A warm LibreOffice: a long-lived ``soffice --accept`` on a private profile and a small UNO client.

Why not start ``soffice --convert-to`` for every build: LibreOffice's start-up
(0.7 s here) is most of a conversion. Why not unoserver: its server answers
only after a fixed ~5 s sleep, a client waits ~40 s on a LibreOffice that has
died, and nothing restarts it. Here the client (``uno_client.py``) runs under
LibreOffice's own Python — Debian's /usr/bin/python3 with python3-uno, or the
Python bundled with LibreOffice on Windows and macOS — because ``uno`` is tied
to the LibreOffice build and cannot be installed in our environment. It
connects as soon as soffice accepts (polling every 20 ms, so no fixed sleep),
and our side watches the soffice process while waiting for an answer, so a dead
LibreOffice is noticed within 50 ms instead of after a network timeout.

Every process started here is ended by its own id (its process group on POSIX,
its tree on Windows) in ``close()``, at interpreter exit, and, if this
process is killed hard, by the client, which sees its stdin close.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import queue
import secrets
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

START_TIMEOUT = 60.0  # a first start on a fresh profile takes several seconds; a warm one under 1 s
POLL = 0.05
POOL_SIZE = 8

# Held strongly until close(): a server dropped by an exception (a signal during a start) must still be
# ended at exit — a weak set lost it with its last reference, and its soffice outlived the tool.
_LIVE: set[OfficeServer] = set()


class OfficeDied(Exception):
    """The server is gone or unusable; ``str(exc)`` is a Russian reason. Its conversions can go cold."""


class OfficeFailed(Exception):
    """The server is fine but this document could not be converted; ``str(exc)`` is a Russian reason."""


def soffice_flags(profile: Path) -> list[str]:
    return [
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--nodefault",
        "--nologo",
        f"-env:UserInstallation={profile.resolve().as_uri()}",
    ]


def find_uno_python(soffice: str) -> str | None:
    """A Python that can ``import uno`` for this LibreOffice, or None.

    ``NEUSPEH_UNO_PYTHON`` overrides the search (empty: never use the bridge).
    Looked for without starting anything: start-up time is what we are saving.
    """
    forced = os.environ.get("NEUSPEH_UNO_PYTHON")
    if forced is not None:
        return forced or None
    program = Path(os.path.realpath(soffice)).parent
    bundled = [
        program / "python.exe",
        program / "python",
        program.parent / "Resources" / "python",
    ]  # Windows, other builds, macOS
    for candidate in bundled:
        if candidate.is_file():
            return str(candidate)
    # Debian and Ubuntu: python3-uno puts uno.py beside the system Python's packages.
    for python, module in (
        ("/usr/bin/python3", "/usr/lib/python3/dist-packages/uno.py"),
        ("/usr/local/bin/python3", "/usr/local/lib/python3/dist-packages/uno.py"),
    ):
        if os.path.isfile(python) and os.path.isfile(module):
            return python
    return None


def _client_script() -> str:
    from importlib.resources import files

    return str(files("neuspeh_cli.render").joinpath("uno_client.py"))


def find_soffice() -> str | None:
    """The LibreOffice executable: on PATH, else where its installers put it; None when there is none."""
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


def own_group_kwargs() -> dict:
    """Start a child in its own process group: Ctrl-C in the terminal reaches us, we end the child."""
    if os.name == "nt":
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    return {"start_new_session": True}


def end_process(process: subprocess.Popen | None, grace: float = 0.0) -> None:
    """End ``process`` and everything it started, by its id; reap it."""
    if process is None:
        return
    if process.poll() is None or os.name != "nt":
        if os.name == "nt":
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True, check=False)
        else:
            # The group of a child started with start_new_session is its own pid: soffice's
            # wrapper (oosplash) and soffice.bin live there, and only they.
            with contextlib.suppress(OSError):
                os.killpg(process.pid, signal.SIGTERM if grace else signal.SIGKILL)
            if grace:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(grace)
                with contextlib.suppress(OSError):
                    os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(5)
    for stream in (process.stdin, process.stdout, process.stderr):  # an ended process leaves no open pipe behind
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):
                stream.close()


def office_pipes(profile: Path, pipe: str | None = None) -> list[str]:
    """The socket files a soffice on ``profile`` (accepting UNO on ``pipe``) makes on POSIX, where osl keeps them.

    The single-instance pipe is named after the MD5 of the profile's URL in UTF-16, each byte in hex
    without its leading zero (LibreOffice's desktop/source/app/officeipcthread.cxx, CreateMD5FromString)."""
    import hashlib

    digest = hashlib.md5(profile.resolve().as_uri().encode("utf-16-le"), usedforsecurity=False).digest()
    names = ["SingleOfficeIPC_" + "".join(format(b, "x") for b in digest)] + ([pipe] if pipe else [])
    uid = os.getuid()  # type: ignore[attr-defined]  # POSIX only, as the caller checks
    return [os.path.join(folder, f"OSL_PIPE_{uid}_{name}") for folder in ("/tmp", "/var/tmp") for name in names]


def end_office(process: subprocess.Popen | None, profile: Path | None, pipe: str | None = None) -> None:
    """End a soffice on ``profile`` (``end_process``) and remove the socket files it leaves behind.

    LibreOffice removes its pipes when it shuts down, but not when it is killed, as ours are: each
    build with a PDF left one or two files «/tmp/OSL_PIPE_<uid>_…» for good."""
    end_process(process)
    if os.name == "nt" or process is None or profile is None:
        return  # Windows' named pipes vanish with their process
    import stat

    for path in office_pipes(profile, pipe):
        with contextlib.suppress(OSError):
            if stat.S_ISSOCK(os.lstat(path).st_mode):
                os.unlink(path)


class ProfileLease:
    """A LibreOffice profile no other running conversion uses.

    Concurrent LibreOffice runs on one profile fail silently, and a fresh profile
    costs seconds on first start: so a small pool of warm profiles in the user's
    cache, each taken under an exclusive lock; a temporary one when all are taken
    or the cache is not writable.
    """

    def __init__(self) -> None:
        self.path: Path | None = None
        self._lock = None
        self._tmp: tempfile.TemporaryDirectory | None = None

    def acquire(self) -> Path:
        root = profile_root()
        with contextlib.suppress(OSError):
            root.mkdir(parents=True, exist_ok=True)
            for slot in range(POOL_SIZE):
                handle = open(root / f"profile-{slot}.lock", "a+b")  # noqa: SIM115 -- held until release()
                if _try_lock(handle):
                    self._lock = handle
                    self.path = root / f"profile-{slot}"
                    return self.path
                handle.close()
        self._tmp = tempfile.TemporaryDirectory(prefix="neuspeh-lo-")
        self.path = Path(self._tmp.name)
        return self.path

    def release(self) -> None:
        if self._lock is not None:
            self._lock.close()  # closing drops the lock
            self._lock = None
        if self._tmp is not None:
            with contextlib.suppress(OSError):
                self._tmp.cleanup()
            self._tmp = None


def profile_root() -> Path:
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "neuspeh" / "libreoffice"


def _try_lock(handle) -> bool:
    try:
        import fcntl
    except ImportError:
        import msvcrt

        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


class OfficeServer:
    """One ``soffice --headless --accept=pipe,…`` on ``profile`` and, when ``uno_python`` is given, its UNO client.

    ``start()`` returns at once; ``wait_ready()`` and ``convert()`` block. Without
    a UNO Python the started soffice still helps once: LibreOffice hands a later
    ``soffice --convert-to`` on the same profile to the instance already
    starting (and that instance then exits).
    """

    def __init__(self, soffice: str, profile: Path, uno_python: str | None, start_timeout: float = START_TIMEOUT):
        self.soffice = soffice
        self.profile = profile
        self.uno_python = uno_python
        self.start_timeout = start_timeout
        self.process: subprocess.Popen | None = None
        self.client: subprocess.Popen | None = None
        self.ready = False
        self.connect_seconds: float | None = None
        self._lines: queue.Queue = queue.Queue()
        self._started_at = 0.0
        self._pipe: str | None = None

    # -- life cycle ---------------------------------------------------------------
    def start(self) -> None:
        """Start soffice (and the client, which connects as soon as soffice accepts). Raises ``OfficeDied``."""
        name = f"neuspeh-{os.getpid()}-{secrets.token_hex(4)}"
        command = [self.soffice, *soffice_flags(self.profile)]
        if self.uno_python:
            command.append(f"--accept=pipe,name={name};urp;StarOffice.ComponentContext")
            self._pipe = name
        self._started_at = time.monotonic()
        from ..errors import signals_deferred

        try:
            with signals_deferred():  # a signal inside Popen would lose the only handle on the started soffice
                self.process = subprocess.Popen(
                    command,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    **own_group_kwargs(),
                )
                _LIVE.add(self)
        except OSError as exc:
            from ..errors import os_reason

            raise OfficeDied(f"LibreOffice не запустился ({self.soffice}: {os_reason(exc)})") from None
        if not self.uno_python:
            return
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")}
        env["PYTHONIOENCODING"] = "utf-8"
        command = [
            self.uno_python,
            _client_script(),
            "--connect",
            f"pipe,name={name}",
            "--timeout",
            str(self.start_timeout),
            "--server-pid",
            str(self.process.pid),
        ]
        if os.name != "nt":
            command += ["--owner-pid", str(self.process.pid)]
        try:
            with signals_deferred():
                self.client = self._start_client(command, env)
        except OSError:
            self.close()
            raise OfficeDied(f"не запускается Python с мостом UNO ({self.uno_python})") from None
        threading.Thread(target=self._read, args=(self.client.stdout,), daemon=True).start()

    def _start_client(self, command: list[str], env: dict) -> subprocess.Popen:
        return subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
            env=env,
            **own_group_kwargs(),
        )

    def _read(self, stream) -> None:
        # The pipe is closed here, by its only reader, when the client ends (or by end_process).
        with contextlib.suppress(ValueError, OSError), stream:
            for line in stream:
                with contextlib.suppress(ValueError):
                    self._lines.put(json.loads(line))
        self._lines.put(None)

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def close(self) -> None:
        """End the client and soffice; safe to call twice."""
        client, self.client = self.client, None
        if client is not None:
            with contextlib.suppress(OSError, ValueError):
                client.stdin.write('{"quit": true}\n')
            with contextlib.suppress(OSError, ValueError):
                client.stdin.close()
            try:
                client.wait(1)
            except subprocess.TimeoutExpired:
                end_process(client)
        process, self.process = self.process, None
        end_office(process, self.profile, self._pipe)
        self.ready = False
        _LIVE.discard(self)

    # -- talking to the client ----------------------------------------------------------
    def _receive(self, timeout: float) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            try:
                message = self._lines.get(timeout=POLL)
            except queue.Empty:
                message = False
            if message is None:
                raise OfficeDied("мост UNO к LibreOffice оборвался")
            if message:
                return message
            if self.process is None or self.process.poll() is not None:
                raise OfficeDied("процесс LibreOffice завершился")
            if time.monotonic() > deadline:
                raise OfficeDied(f"LibreOffice не ответил за {timeout:.0f} с")

    def wait_ready(self) -> None:
        """Block until the client is connected. Raises ``OfficeDied`` (and then closes everything)."""
        if self.ready:
            return
        if self.client is None:
            raise OfficeDied("нет моста UNO")
        try:
            message = self._receive(self.start_timeout + 5)
        except OfficeDied:
            self.close()
            raise
        if not message.get("ready"):
            self.close()
            raise OfficeDied("LibreOffice не принял подключение")
        self.ready = True
        self.connect_seconds = time.monotonic() - self._started_at

    def convert(self, source: Path, target: Path, filter_data: dict, timeout: float) -> None:
        """Write ``target`` (PDF) from ``source``. Raises ``OfficeDied`` or ``OfficeFailed``."""
        self.wait_ready()
        request = {
            "source": str(Path(source).resolve()),
            "target": str(Path(target).resolve()),
            "filter": "writer_pdf_Export",
            "filter_data": filter_data,
        }
        try:
            # ASCII-only JSON (Cyrillic paths as \u escapes): whatever encoding the client's pipes have.
            self.client.stdin.write(json.dumps(request) + "\n")
            self.client.stdin.flush()
        except (OSError, ValueError, AttributeError):
            self.close()
            raise OfficeDied("мост UNO к LibreOffice оборвался") from None
        try:
            answer = self._receive(timeout)
        except OfficeDied:
            self.close()
            raise
        if answer.get("ok"):
            return
        if answer.get("dead") or not self.alive:
            self.close()
            raise OfficeDied("процесс LibreOffice завершился")
        raise OfficeFailed("LibreOffice не смог открыть или сохранить документ")


@atexit.register
def _close_all() -> None:
    for server in list(_LIVE):
        server.close()


def close_all_servers() -> None:
    """End every server this process started (for signal handlers)."""
    _close_all()


__all__ = [
    "OfficeDied",
    "OfficeFailed",
    "OfficeServer",
    "ProfileLease",
    "close_all_servers",
    "end_process",
    "find_uno_python",
    "soffice_flags",
]
