"""The warm LibreOffice converter: PDF/A for submission, two soffice at once, a dead soffice, and nothing left
running.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

from neuspeh_cli.build import BuildOptions, build_files
from neuspeh_cli.render import pdf
from neuspeh_cli.render.office_server import find_uno_python, office_pipes

pytestmark = pytest.mark.pdf

SOFFICE = pdf.find_soffice()
if SOFFICE is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI must install LibreOffice: the PDF tests may not be skipped there")
    pytest.skip("LibreOffice (soffice) is not installed", allow_module_level=True)
pypdf = pytest.importorskip("pypdf")
UNO = find_uno_python(SOFFICE)
needs_uno = pytest.mark.skipif(
    UNO is None and not os.environ.get("CI"), reason="no Python with uno (python3-uno) for the warm converter"
)
TITLE = "Дорожная карта по профилактике учебной неуспешности: проба"
HEADINGS = ["I. Результаты входного аудита", "II. Муниципальная дорожная карта"]


def _children() -> list[str]:
    """Processes this test run started and has not reaped or ended (soffice, its wrapper, the UNO client)."""
    found = subprocess.run(["pgrep", "-a", "-P", str(os.getpid())], capture_output=True, text=True).stdout.splitlines()
    return [line for line in found if "pgrep" not in line]


@pytest.fixture(autouse=True)
def nothing_left_running():
    yield
    deadline = time.monotonic() + 5
    while _children() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _children(), _children()


@pytest.fixture(scope="module")
def headings_docx(tmp_path_factory) -> Path:
    """A small Word file with a title, Russian language and two Heading 1 sections."""
    from docx import Document
    from docx.oxml.ns import qn

    document = Document()
    document.core_properties.title = TITLE
    lang = (
        document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    )
    lang.set(qn("w:val"), "ru-RU")
    for heading in HEADINGS:
        document.add_heading(heading, level=1)
        document.add_paragraph("Текст раздела.")
    path = tmp_path_factory.mktemp("docx") / "разделы и заголовки.docx"
    document.save(path)
    return path


def pdf_facts(path: Path) -> dict:
    reader = pypdf.PdfReader(path)
    root = reader.trailer["/Root"]
    xmp = reader.xmp_metadata
    description = xmp.rdf_root.toxml() if xmp is not None else ""
    part = xmp.get_element("", "http://www.aiim.org/pdfa/ns/id/", "part") if xmp is not None else []
    conformance = xmp.get_element("", "http://www.aiim.org/pdfa/ns/id/", "conformance") if xmp is not None else []
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts.add(
                (
                    str(font["/BaseFont"]),
                    any(k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")),
                )
            )
    return {
        "pdfa": (_text(part), _text(conformance)) if part else None,
        "title": reader.metadata.title if reader.metadata else None,
        "xmp_title": (xmp.dc_title or {}).get("x-default") if xmp is not None else None,
        "display_title": bool((root.get("/ViewerPreferences") or {}).get("/DisplayDocTitle")),
        "lang": root.get("/Lang"),
        "bookmarks": _titles(reader.outline),
        "tagged": bool((root.get("/MarkInfo") or {}).get("/Marked")),
        "fonts": fonts,
        "xmp": description,
    }


def _titles(outline) -> list[str]:
    """Bookmark titles in reading order, nested levels included."""
    return [title for item in outline for title in (_titles(item) if isinstance(item, list) else [item.title])]


def _text(elements) -> str:
    return "".join(
        node.data for element in elements for node in element.childNodes if node.nodeType == node.TEXT_NODE
    ).strip()


@needs_uno
def test_a_grown_libreoffice_is_replaced_between_documents(headings_docx, tmp_path):
    """The review's batches: a soffice past ``recycle_above_mb`` is replaced by a fresh one, and the old one ends."""
    servers = []
    with pdf.LibreOfficeConverter(SOFFICE, keep_warm=True, max_servers=1, recycle_above_mb=1) as converter:
        for number in range(2):
            converter.convert([headings_docx], [tmp_path / f"{number}.pdf"])
            servers.append(converter.workers[0].server)
    assert converter.notes == []
    assert servers[0] is not servers[1] and servers[0].process is None  # replaced and ended
    assert [pdf_facts(tmp_path / f"{n}.pdf")["pdfa"] for n in range(2)] == [("2", "B")] * 2
    assert pdf.resident_mb(os.getpid()) > 10  # this process and its children, as /proc tells


@needs_uno
def test_warm_pdf_is_pdfa_2b_with_title_language_bookmarks_and_embedded_fonts(headings_docx, tmp_path):
    target = tmp_path / "вывод с пробелом" / "карта.pdf"
    with pdf.LibreOfficeConverter(SOFFICE, keep_warm=True) as converter:
        assert converter.convert([headings_docx], [target]) == [target]
        assert converter.workers[0].server is not None and converter.workers[0].server.ready, converter.notes
    assert converter.notes == []
    facts = pdf_facts(target)
    assert facts["pdfa"] == ("2", "B")
    assert facts["title"] == TITLE and facts["xmp_title"] == TITLE and facts["display_title"]
    assert facts["lang"] == "ru-RU"
    assert facts["bookmarks"] == HEADINGS
    assert facts["tagged"]
    assert facts["fonts"] and all(embedded for _, embedded in facts["fonts"]), facts["fonts"]


@pytest.mark.parametrize("keep_warm", [False, True], ids=["one-shot hand-over", "no bridge"])
def test_cold_conversion_has_the_same_pdfa_options(headings_docx, tmp_path, keep_warm):
    """A one-shot build hands its document to the soffice started early; without a bridge, a warm converter says it is
    slower.
    """
    target = tmp_path / "cold.pdf"
    with pdf.LibreOfficeConverter(SOFFICE, uno_python=None if keep_warm else True, keep_warm=keep_warm) as converter:
        converter.convert([headings_docx], [target])
        assert converter.workers[0].bridge is None
    assert converter.notes == ([pdf.NO_BRIDGE_NOTE] if keep_warm else [])
    facts = pdf_facts(target)
    assert facts["pdfa"] == ("2", "B")
    assert facts["title"] == TITLE and facts["display_title"] and facts["bookmarks"] == HEADINGS


@pytest.mark.parametrize("uno", [True, None], ids=["warm", "cold"])
def test_no_pdfa_gives_a_plain_pdf_with_bookmarks(headings_docx, tmp_path, uno):
    target = tmp_path / "plain.pdf"
    with pdf.LibreOfficeConverter(SOFFICE, pdfa=False, uno_python=uno, keep_warm=True) as converter:
        converter.convert([headings_docx], [target])
    facts = pdf_facts(target)
    assert facts["pdfa"] is None and "pdfaid" not in facts["xmp"]
    assert facts["bookmarks"] == HEADINGS and facts["title"] == TITLE


def test_built_example_is_pdfa_with_the_documents_title_and_language(tmp_path):
    from docx import Document

    report = build_files([EXAMPLES / "ust-labinsk-2025.yaml"], BuildOptions(out_dir=tmp_path, pdf_engine="libreoffice"))
    (result,) = report.results
    facts = pdf_facts(result.pdf)
    assert facts["pdfa"] == ("2", "B")
    assert facts["lang"] == "ru-RU"
    document = Document(result.docx)
    title = document.core_properties.title
    assert title.startswith("Дорожная карта по профилактике учебной неуспешности") and "Усть-Лабинский район" in title
    assert facts["title"] == title and facts["xmp_title"] == title and facts["display_title"]
    headings = [p.text.strip() for p in document.paragraphs if p.style.name.startswith("Heading") and p.text.strip()]
    assert facts["bookmarks"] == headings
    assert facts["bookmarks"][0] == "I. Результаты входного аудита" and "Перечень сокращений" in facts["bookmarks"]
    assert facts["fonts"] and all(embedded for _, embedded in facts["fonts"]), facts["fonts"]


def test_cli_no_pdfa(cli, tmp_path):
    result = cli(
        "build", EXAMPLES / "ust-labinsk-2025.yaml", "-o", tmp_path, "--pdf-engine", "libreoffice", "--no-pdfa"
    )
    assert result.exit_code == 0, result.output
    assert pdf_facts(tmp_path / "ust-labinsk-2025.pdf")["pdfa"] is None


@needs_uno
def test_a_batch_converts_on_two_soffice_processes(tmp_path):
    sources = []
    for i in range(4):
        (tmp_path / f"в{i}").mkdir()
        sources.append(tmp_path / f"в{i}" / "район.yaml")
        sources[-1].write_text((EXAMPLES / "ust-labinsk-2025.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    docx = _docx(sources)
    with pdf.LibreOfficeConverter(SOFFICE, max_servers=2) as converter:
        converter.start(len(docx))
        servers = {w.server.process.pid for w in converter.workers}
        targets = converter.convert(docx, [d.with_suffix(".pdf") for d in docx])
        done = [w.converted for w in converter.workers]
        pipes = [p for w in converter.workers for p in office_pipes(w.server.profile, w.server._pipe)]
        running = [p for p in pipes if os.path.exists(p)]
    assert len(servers) == 2 and sum(done) == 4 and min(done) >= 1, done
    # A killed soffice leaves its sockets in /tmp for good: both of each were there, and are gone with it.
    assert len(running) == 4, running
    assert [p for p in pipes if os.path.exists(p)] == []
    for target in targets:
        assert target.read_bytes().startswith(b"%PDF-")


def _docx(sources: list[Path]) -> list[Path]:
    build_files(sources, BuildOptions(pdf_engine="none"))
    return [s.with_suffix(".docx") for s in sources]


@needs_uno
def test_a_dead_libreoffice_falls_back_to_a_cold_run_then_restarts(headings_docx, tmp_path):
    with pdf.LibreOfficeConverter(SOFFICE, max_servers=1, keep_warm=True) as converter:
        converter.convert([headings_docx], [tmp_path / "1.pdf"])
        first = converter.workers[0].server
        os.killpg(first.process.pid, signal.SIGKILL)
        started = time.monotonic()
        converter.convert([headings_docx], [tmp_path / "2.pdf"])
        assert time.monotonic() - started < 30
        assert converter.notes == [
            "Процесс LibreOffice завершился во время преобразования разделы и заголовки.docx: PDF сделан отдельным "
            "запуском soffice; следующий снова пойдёт через сервер."
        ]
        assert pdf_facts(tmp_path / "2.pdf")["pdfa"] == ("2", "B")
        converter.convert([headings_docx], [tmp_path / "3.pdf"])
        second = converter.workers[0].server
        assert second is not None and second is not first and second.ready and second.alive
    assert (tmp_path / "3.pdf").read_bytes().startswith(b"%PDF-")


def test_a_bridge_that_cannot_start_falls_back_with_a_message(headings_docx, tmp_path):
    with pdf.LibreOfficeConverter(SOFFICE, uno_python="/bin/false", keep_warm=True) as converter:
        converter.convert([headings_docx], [tmp_path / "x.pdf"])
    assert converter.notes == [
        "LibreOffice не запустился в режиме сервера (мост UNO к LibreOffice оборвался): PDF делается отдельным "
        "запуском soffice, это медленнее."
    ]
    assert pdf_facts(tmp_path / "x.pdf")["pdfa"] == ("2", "B")


def test_files_of_one_name_in_one_cold_call(tmp_path):
    sources = []
    for name in ("а", "б"):
        (tmp_path / name).mkdir()
        sources.append(tmp_path / name / "карта.yaml")
        sources[-1].write_text((EXAMPLES / "ust-labinsk-2025.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    docx = _docx(sources)
    with pdf.LibreOfficeConverter(SOFFICE, uno_python=None, max_servers=1) as converter:
        targets = converter.convert(docx, [d.with_suffix(".pdf") for d in docx])
    assert all(t.read_bytes().startswith(b"%PDF-") for t in targets)


@needs_uno
def test_libreoffice_ends_when_its_caller_is_killed(tmp_path):
    """Even a build killed hard leaves no LibreOffice: the UNO client sees its stdin close and ends soffice."""
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from neuspeh_cli.render import pdf\n"
        "c = pdf.LibreOfficeConverter(pdf.find_soffice(), max_servers=1, keep_warm=True)\n"
        "c.start(1)\n"
        "c.workers[0].server.wait_ready()\n"
        "print(c.workers[0].server.process.pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    with child.stdout:
        group = int(child.stdout.readline())
    child.kill()
    child.wait()
    deadline = time.monotonic() + 10
    while _group_alive(group) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _group_alive(group)


def _group_alive(group: int) -> bool:
    members = subprocess.run(["pgrep", "-g", str(group)], capture_output=True, text=True).stdout.split()
    return any(_state(int(pid)) not in ("Z", None) for pid in members)


def _state(pid: int) -> str | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return None


def test_watch_rebuilds_on_save_survives_a_bad_save_and_stops(tmp_path):
    from neuspeh_cli.watch import watch

    source = tmp_path / "карта.yaml"
    text = (EXAMPLES / "ust-labinsk-2025.yaml").read_text(encoding="utf-8")
    source.write_text(text, encoding="utf-8")
    reports, errors = [], []
    stop = threading.Event()
    options = BuildOptions(out_dir=tmp_path / "out", pdf_engine="libreoffice")
    thread = threading.Thread(
        target=watch, args=([source], options, reports.append, errors.append), kwargs={"stop": stop}
    )
    thread.start()
    try:

        def wait_for(count):
            deadline = time.monotonic() + 60
            while len(reports) < count and time.monotonic() < deadline:
                time.sleep(0.05)
            assert len(reports) == count, (reports, errors)
            return reports[-1]

        first = wait_for(1)
        assert first.results[0].pdf is not None
        pdf_path = first.results[0].pdf
        stamp = pdf_path.stat().st_mtime_ns
        source.write_text(text + "\n# правка\n", encoding="utf-8")
        second = wait_for(2)
        assert second.results[0].pdf == pdf_path and pdf_path.stat().st_mtime_ns != stamp
        source.write_text(text + "\nevents: [\n", encoding="utf-8")
        bad = wait_for(3)
        assert bad.refused and bad.refused[0].problems[0].rule == "read-error"
        source.write_text(text, encoding="utf-8")
        assert wait_for(4).results[0].pdf == pdf_path
        assert not errors
    finally:
        stop.set()
        thread.join(30)
    assert not thread.is_alive()


def test_watch_command_stops_cleanly_on_ctrl_c(tmp_path):
    source = tmp_path / "карта.yaml"
    source.write_text((EXAMPLES / "ust-labinsk-2025.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "neuspeh_cli", "build", str(source), "-o", str(tmp_path / "out"), "--watch"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    pdf_path = tmp_path / "out" / "карта.pdf"
    deadline = time.monotonic() + 60
    while not pdf_path.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert out.splitlines()[-1] == f"Записан {pdf_path}"
    assert err.splitlines()[0] == "Слежу за файлами; остановить — Ctrl+C."
    assert err.splitlines()[-1] == "Слежение остановлено."


def test_word_cannot_make_pdfa_and_says_so():
    assert pdf.WordConverter(pdfa=True).notes == [pdf.WORD_NO_PDFA_NOTE]
    assert pdf.WordConverter(pdfa=False).notes == []
    assert "не PDF/A" in pdf.WORD_NO_PDFA_NOTE


@needs_uno
def test_closing_mid_conversion_ends_everything_at_once(headings_docx, tmp_path):
    """Ctrl-C during a batch: close() does not wait for the queue, ends soffice, and no cold run starts."""
    converter = pdf.LibreOfficeConverter(SOFFICE, max_servers=1, keep_warm=True)
    converter.start(1)
    for i in range(5):
        converter.submit(headings_docx, tmp_path / f"{i}.pdf")
    time.sleep(0.5)
    started = time.monotonic()
    converter.close()
    assert time.monotonic() - started < 10
    try:
        converter.wait()
    except pdf.BuildError as exc:
        assert str(exc) == "преобразование в PDF прервано"
    assert not any("отдельным запуском" in note for note in converter.notes), converter.notes


@pytest.mark.parametrize(
    ("args", "platform", "expected"),
    [
        (["build", "FILE"], "linux", True),
        (["build", "FILE", "-o", "out", "--force", "--pdf-engine", "libreoffice"], "linux", True),
        (["build", "FILE", "--pdf-engine=libreoffice"], "win32", True),
        (["build", "FILE"], "win32", False),  # Word may make the PDF there
        (["build", "FILE", "--pdf-engine", "word"], "linux", False),
        (["build", "FILE", "--no-pdf"], "linux", False),
        (["build", "FILE", "--watch"], "linux", False),
        (["build", "--help"], "linux", False),
        (["build", "FILE", "FILE"], "linux", False),
        (["build", "DIR"], "linux", False),
        (["build", "-o", "FILE"], "linux", False),
        (["validate", "FILE"], "linux", False),
        ([], "linux", False),
    ],
)
def test_which_command_lines_start_libreoffice_before_the_cli_loads(tmp_path, args, platform, expected):
    from neuspeh_cli.render.prestart import wants_prestart

    (tmp_path / "data.yaml").write_text("kind: roadmap\n", encoding="utf-8")
    args = [str(tmp_path / "data.yaml") if a == "FILE" else str(tmp_path) if a == "DIR" else a for a in args]
    assert wants_prestart(args, platform) is expected


@pytest.mark.parametrize("data", ["ust-labinsk-2025.yaml", "sample-2023.yaml"], ids=["built", "refused"])
def test_prestarted_libreoffice_is_used_or_ended(tmp_path, data):
    """`neuspeh build FILE` starts soffice before the CLI loads; the build adopts it, or it is ended when nothing is
    converted.
    """
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-m", "neuspeh_cli", "build", str(EXAMPLES / data), "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    built = data == "ust-labinsk-2025.yaml"
    assert done.returncode == (0 if built else 1), done.stderr
    assert (tmp_path / "out" / data.replace(".yaml", ".pdf")).exists() is built
    # The pre-started soffice's profile was leased (its lock file is ours; soffice makes the folder itself, later
    # than a refused build may end it).
    assert (tmp_path / "cache" / "neuspeh" / "libreoffice" / "profile-0.lock").is_file()
    deadline = time.monotonic() + 5
    while _running_with(str(tmp_path)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _running_with(str(tmp_path))


def _running_with(text: str) -> list[str]:
    found = subprocess.run(["pgrep", "-a", "-f", "soffice"], capture_output=True, text=True).stdout.splitlines()
    return [line for line in found if text in line and _state(int(line.split()[0])) not in ("Z", None)]


def test_build_adopts_the_prestarted_soffice(tmp_path, monkeypatch):
    from neuspeh_cli.render import prestart

    source = EXAMPLES / "ust-labinsk-2025.yaml"
    prestart.prestart(["build", str(source)])
    assert prestart._started is not None
    _, server = prestart._started
    used = []
    cold = pdf._Worker.cold
    monkeypatch.setattr(
        pdf._Worker, "cold", lambda self, batch: used.append(self.server is server) or cold(self, batch)
    )
    report = build_files([source], BuildOptions(out_dir=tmp_path, pdf_engine="libreoffice"))
    assert report.results[0].pdf.read_bytes().startswith(b"%PDF-")
    assert used == [True] and prestart._started is None and not server.alive
