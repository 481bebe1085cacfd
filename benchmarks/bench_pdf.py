"""PDF speed, same runs side by side (medians; the machine is shared, so figures are noisy).

* one call: `neuspeh build` of 39 events (examples/sample-2023.yaml, --force) with PDF against bare
  `soffice --convert-to pdf` of the same .docx, alternated run by run; also with --no-pdfa, and
  with the document sent through the UNO bridge instead of handed to the early soffice;
* watch mode: `neuspeh build --watch`, time from a save to «Записан ….pdf» on its output;
* 20 files with PDF in one build against 20 separate soffice runs;
* the warm converter alone: one conversion, and how fast a killed LibreOffice is noticed.

Run from the repository's environment: `cd benchmarks && ../.venv/bin/python bench_pdf.py`.
"""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import NEUSPEH, ROOT, bare_soffice_pdf

SAMPLE = ROOT / "examples" / "sample-2023.yaml"
RUNS = int(os.environ.get("BENCH_RUNS", "7"))


def timed(command: list[str], env: dict | None = None) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{command} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return seconds


def side_by_side(commands: dict[str, tuple[list[str], dict | None]], runs: int) -> dict[str, list[float]]:
    """Each command once per round, rounds repeated: load on the machine hits all alike."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, env) in commands.items():
            times[name].append(timed(command, env))
    return times


def watch_latency(tmp: Path, saves: int) -> float:
    source = tmp / "watched.yaml"
    text = SAMPLE.read_text(encoding="utf-8")
    source.write_text(text, encoding="utf-8")
    out = tmp / "watch-out"
    process = subprocess.Popen(
        [*NEUSPEH, "build", str(source), "-o", str(out), "--force", "--watch"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(
        target=lambda: [lines.put((time.perf_counter(), line)) for line in process.stdout], daemon=True
    ).start()

    def next_pdf_line() -> float:
        while True:
            at, line = lines.get(timeout=120)
            if line.strip().endswith(".pdf"):
                return at

    try:
        next_pdf_line()  # the first build
        times = []
        for i in range(saves):
            time.sleep(0.7)
            saved = time.perf_counter()
            source.write_text(text + f"\n# правка {i}\n", encoding="utf-8")
            times.append(next_pdf_line() - saved)
        return statistics.median(times)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            raise


def warm_figures(docx: Path, tmp: Path) -> list[tuple[str, float]]:
    sys.path.insert(0, str(ROOT / "src"))
    from neuspeh_cli.render import pdf
    from neuspeh_cli.render.office_server import OfficeDied

    soffice = pdf.find_soffice()
    rows = []
    with pdf.LibreOfficeConverter(soffice, max_servers=1, keep_warm=True) as converter:
        converter.start(1)
        server = converter.workers[0].server
        if server is None or server.client is None:
            return [("(no UNO bridge: warm figures skipped)", 0.0)]
        server.wait_ready()
        rows.append(("warm: soffice start to connected", server.connect_seconds))
        times = []
        for i in range(RUNS):
            start = time.perf_counter()
            server.convert(docx, tmp / f"warm-{i}.pdf", pdf.filter_data(True), 60)
            times.append(time.perf_counter() - start)
        rows.append(("warm: one conversion, PDF/A (median)", statistics.median(times)))
        failure: list[float] = []

        def convert_until_dead():
            try:
                server.convert(docx, tmp / "dead.pdf", pdf.filter_data(True), 60)
            except OfficeDied:
                failure.append(time.perf_counter())

        thread = threading.Thread(target=convert_until_dead)
        thread.start()
        time.sleep(0.05)
        killed = time.perf_counter()
        os.killpg(server.process.pid, signal.SIGKILL)
        thread.join(60)
        rows.append(("warm: killed LibreOffice noticed after", failure[0] - killed if failure else float("nan")))
    return rows


def handover_tries(docx: Path, tmp: Path, tries: int = 20) -> tuple[int, float]:
    """Start soffice, wait 0–0.5 s (our rendering), then `soffice --convert-to` on the same profile:
    LibreOffice hands the conversion to the instance already starting. PDFs written, median seconds."""
    import random

    soffice = shutil.which("soffice")
    profile = tmp / "handover-profile"
    flags = [
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--nodefault",
        "--nologo",
        f"-env:UserInstallation={profile.as_uri()}",
    ]
    subprocess.run(
        [soffice, *flags, "--convert-to", "pdf", "--outdir", str(tmp / "h-warm"), str(docx)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    written, times = 0, []
    for i in range(tries):
        out = tmp / f"h{i}"
        start = time.perf_counter()
        first = subprocess.Popen(
            [soffice, *flags], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        time.sleep(random.uniform(0, 0.5))
        subprocess.run(
            [soffice, *flags, "--convert-to", "pdf", "--outdir", str(out), str(docx)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=120,
        )
        times.append(time.perf_counter() - start)
        written += (out / "sample-2023.pdf").is_file()
        with contextlib.suppress(OSError):  # it normally exits by itself after the handed-over conversion
            os.killpg(first.pid, signal.SIGKILL)
        first.wait()
    return written, statistics.median(times)


def main() -> None:
    soffice = shutil.which("soffice")
    if not soffice:
        raise SystemExit("soffice is not installed")
    rows: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        out = tmp / "out"
        subprocess.run(
            [*NEUSPEH, "build", str(SAMPLE), "-o", str(out), "--force", "--no-pdf"],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        docx = out / "sample-2023.docx"
        profile = (tmp / "lo-profile").as_uri()
        bare = bare_soffice_pdf(soffice, profile, tmp / "bare", docx)
        timed(bare)  # a warm profile for bare soffice, as ours are warm from the pool
        timed([*NEUSPEH, "build", str(SAMPLE), "-o", str(out), "--force"])
        # The same build, but the one document goes through the UNO bridge (as in watch mode)
        # instead of being handed to the early soffice by --convert-to: why one-shot builds hand over.
        bridged = [
            sys.executable,
            "-c",
            "import sys; from neuspeh_cli.render import pdf; choose = pdf.choose_converter; "
            "pdf.choose_converter = lambda engine, **kw: choose(engine, **{**kw, 'keep_warm': True}); "
            "from neuspeh_cli.cli import main; sys.argv[0] = 'neuspeh'; main()",
        ]
        one = side_by_side(
            {
                "bare soffice → pdf, 39 events": (bare, None),
                "build 39 events, docx + PDF/A": ([*NEUSPEH, "build", str(SAMPLE), "-o", str(out), "--force"], None),
                "build 39 events, docx + plain PDF (--no-pdfa)": (
                    [*NEUSPEH, "build", str(SAMPLE), "-o", str(out), "--force", "--no-pdfa"],
                    None,
                ),
                "build 39 events, docx + PDF/A through the UNO bridge": (
                    [*bridged, "build", str(SAMPLE), "-o", str(out), "--force"],
                    None,
                ),
            },
            RUNS,
        )
        rows += [(name, statistics.median(values)) for name, values in one.items()]
        bare_runs, build_runs = one["bare soffice → pdf, 39 events"], one["build 39 events, docx + PDF/A"]
        rows.append(
            (
                "  build + PDF/A over bare soffice (ratio of medians)",
                statistics.median(build_runs) / statistics.median(bare_runs),
            )
        )
        rows.append(
            (
                "  build + PDF/A over bare soffice (median of per-round ratios)",
                statistics.median(b / a for a, b in zip(bare_runs, build_runs)),
            )
        )
        rows.append(("  build + PDF/A over bare soffice (ratio of fastest runs)", min(build_runs) / min(bare_runs)))
        rows.append(("watch: save → PDF written, 39 events (median)", watch_latency(tmp, RUNS)))
        rows += warm_figures(docx, tmp)
        written, seconds = handover_tries(docx, tmp)
        rows.append((f"hand-over to a starting soffice: {written}/20 PDFs written, median", seconds))

        many = tmp / "many"
        many.mkdir()
        copies = [shutil.copy(SAMPLE, many / f"район-{i:02}.yaml") for i in range(20)]
        twenty = []
        separate = []
        for _ in range(max(1, RUNS // 3)):
            twenty.append(timed([*NEUSPEH, "build", *map(str, copies), "-o", str(tmp / "o20"), "--force"]))
            start = time.perf_counter()
            for _i in range(20):
                timed(bare)
            separate.append(time.perf_counter() - start)
        rows.append(("build 20 files, docx + PDF/A, one call", statistics.median(twenty)))
        rows.append(("20 separate soffice runs", statistics.median(separate)))
        rows.append(("  20 separate runs / one build (ratio)", statistics.median(separate) / statistics.median(twenty)))
    show(rows)


def show(rows: list[tuple[str, float]]) -> None:
    """Seconds, except the ratios (their names say «ratio»)."""
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value:8.3f}{' ×' if 'ratio' in name else ' s'}")


if __name__ == "__main__":
    sys.exit(main())
