"""Nothing of the tool survives the tool (issue 21): SIGTERM, SIGHUP and timeouts end workers and LibreOffice too.

Each run carries a marker in its environment, inherited by every process it
starts (review workers, oosplash, soffice.bin); after the tool has exited, a
scan of /proc must find no live process with the marker.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from conftest import EXAMPLES

pytestmark = pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc (Linux)")


def marked(mark: str) -> list[tuple[int, str]]:
    """(pid, command name) of every live process whose environment carries ``mark``."""
    needle = f"NEUSPEH_TEST_MARK={mark}".encode()
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as handle:
                environment = handle.read().split(b"\0")
            with open(f"/proc/{entry}/comm", encoding="utf-8") as handle:
                name = handle.read().strip()
        except OSError:
            continue
        if needle in environment:  # a zombie's environment reads empty: only live processes count
            found.append((int(entry), name))
    return found


def wait_for(condition, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.02)
    return condition()


def start(args: list, mark: str, tmp_path: Path, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "neuspeh_cli", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,  # the test's own process group stays out of it
        env={**os.environ, "NEUSPEH_TEST_MARK": mark, "XDG_CACHE_HOME": str(tmp_path / "cache"), **env},
    )


def finish(process: subprocess.Popen, mark: str) -> tuple[int, str]:
    try:
        output, _ = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        # The tool has exited: what it started must be gone within moments (a loaded machine reaps slowly).
        clean = wait_for(lambda: not marked(mark), 10)
        left = marked(mark)
        for pid, _ in left:  # do not leave them to the next test
            os.kill(pid, signal.SIGKILL)
    assert clean, f"left running after the tool exited: {left}"
    return process.returncode, output.decode("utf-8", "replace")


def test_sigterm_during_a_review_ends_every_worker(tmp_path):
    folder = tmp_path / "регион"
    folder.mkdir()
    for n in range(40):
        shutil.copy(EXAMPLES / "large-150-events-2025.yaml", folder / f"карта-{n}.yaml")
    mark = uuid.uuid4().hex
    process = start(
        ["review", folder, "-o", tmp_path / "out", "--format", "xlsx", "--no-cache", "--jobs", "2"], mark, tmp_path
    )
    workers = wait_for(lambda: len(marked(mark)) >= 3, 30)  # the tool and its two workers
    assert workers, f"no workers started: {marked(mark)}"
    process.send_signal(signal.SIGTERM)
    code, output = finish(process, mark)
    assert code == 128 + signal.SIGTERM, output
    assert "Остановлено сигналом завершения." in output and "Traceback" not in output
    assert not (tmp_path / "out" / "свод.xlsx").exists()


@pytest.fixture
def rtf(tmp_path) -> Path:
    from neuspeh_cli.render.pdf import find_soffice

    if find_soffice() is None:
        pytest.skip("LibreOffice is not installed")
    path = tmp_path / "карта.rtf"
    path.write_bytes(rb"{\rtf1\ansi\deff0{\fonttbl{\f0 Times New Roman;}}\f0 Karta\par}")
    return path


def test_sighup_during_an_import_ends_libreoffice(tmp_path, rtf):
    mark = uuid.uuid4().hex
    process = start(["import", rtf, "-o", tmp_path / "out.yaml"], mark, tmp_path)
    office = wait_for(lambda: [p for p in marked(mark) if p[1].startswith(("soffice", "oosplash"))], 30)
    assert office, "LibreOffice did not start"
    process.send_signal(signal.SIGHUP)
    code, output = finish(process, mark)
    assert code == 128 + signal.SIGHUP, output


def test_a_conversion_over_its_time_budget_is_ended_with_everything_it_started(tmp_path, rtf):
    mark = uuid.uuid4().hex
    process = start(["import", rtf, "-o", tmp_path / "out.yaml"], mark, tmp_path, NEUSPEH_CONVERT_TIMEOUT="0.3")
    code, output = finish(process, mark)
    assert code == 2, output
    assert "LibreOffice не преобразовал файл за 0.3 с и был остановлен" in output


def test_sigterm_while_a_build_starts_libreoffice_ends_it(tmp_path, rtf):
    """LibreOffice is started before the CLI is imported (``render.prestart``): a signal then must end it too."""
    mark = uuid.uuid4().hex
    process = start(["build", EXAMPLES / "ust-labinsk-2025.yaml", "-o", tmp_path / "out"], mark, tmp_path)
    office = wait_for(lambda: [p for p in marked(mark) if p[1].startswith(("soffice", "oosplash"))], 30)
    assert office, "LibreOffice did not start"
    process.send_signal(signal.SIGTERM)
    code, output = finish(process, mark)
    assert code == 128 + signal.SIGTERM, output


def test_sigterm_while_a_review_converts_to_pdf_ends_every_libreoffice(tmp_path, rtf):
    """The review's PDFs go through two LibreOffice servers (oosplash, soffice.bin and a UNO client each)."""
    from conftest import DATA

    mark = uuid.uuid4().hex
    process = start(
        ["review", DATA / "review", "-o", tmp_path / "out", "--no-cache", "--format", "docx,pdf"], mark, tmp_path
    )
    office = wait_for(lambda: [p for p in marked(mark) if p[1].startswith(("soffice", "oosplash"))], 60)
    assert office, "LibreOffice did not start"
    process.send_signal(signal.SIGTERM)
    code, output = finish(process, mark)
    assert code == 128 + signal.SIGTERM, output
