"""Hostile and faulty files (issue 21): each class made by ``tools/make_hostile.py``, through the real CLI.

Every run is a separate process under a 1.5 GB address-space limit and a
timeout; the test checks the exit code, the one Russian line, the time and the
process's peak memory (from ``wait4``). Limits themselves are also checked on
small files with small limits, so that the tests stay fast.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))

import make_hostile

from neuspeh_cli.errors import ReadError
from neuspeh_cli.reading import archives
from neuspeh_cli.reading.files import MAX_DOCUMENT_BYTES, file_digest, is_within, read_bytes, read_head, read_text

ADDRESS_SPACE = 1536 * 1024 * 1024
PEAK_MB = 1024  # what a refused file may cost at most
SECONDS = 10  # what it may take at most, process start included (a refusal itself takes well under a second)


# One warm process (the CLI imported once) forks a child per run: the child limits its own address space, runs
# the CLI, and the parent's wait4 gives that child's peak memory. A process per run would cost a second each.
DRIVER = r"""
import json, os, resource, sys, tempfile, time

import neuspeh_cli.cli  # noqa: F401 -- warm: every child starts with the CLI imported

limit, runs = int(sys.argv[1]), json.loads(sys.stdin.read())
for args, timeout in runs:
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            os.dup2(out.fileno(), 1)
            os.dup2(out.fileno(), 2)
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            code = 0
            try:
                from neuspeh_cli.__main__ import main

                sys.argv = ["neuspeh", *args]
                main()
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            except BaseException:
                import traceback

                traceback.print_exc()
                code = 99
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
        while True:
            done, status, usage = os.wait4(pid, os.WNOHANG)
            if done:
                break
            if time.perf_counter() - start > timeout:
                os.kill(pid, 9)
                done, status, usage = os.wait4(pid, 0)
                status = None
                break
            time.sleep(0.005)
        seconds = time.perf_counter() - start
        out.seek(0)
        output = out.read().decode("utf-8", "replace")
    code = None if status is None else os.waitstatus_to_exitcode(status)
    print(json.dumps([code, output, seconds, usage.ru_maxrss / 1024]), flush=True)
"""


def run_many(runs: list[list[str]], timeout: float = 30) -> list[tuple[int | None, str, float, float]]:
    """(exit code or None on timeout, output, seconds, peak MB) of ``neuspeh ARGS`` for each of ``runs``."""
    import json

    done = subprocess.run(
        [sys.executable, "-c", DRIVER, str(ADDRESS_SPACE)],
        input=json.dumps([[list(map(str, args)), timeout] for args in runs]),
        capture_output=True,
        text=True,
        env={**os.environ, "NEUSPEH_DEBUG": ""},
        timeout=timeout * len(runs) + 30,
    )
    assert done.returncode == 0, done.stderr
    return [tuple(json.loads(line)) for line in done.stdout.splitlines()]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict[str, Path]:
    return make_hostile.make(tmp_path_factory.mktemp("hostile"))


IMPORT_CASES = {
    "grid-span": "ячейка объединяет 1000000000 столбцов",
    "zip-bomb": "в распакованном виде больше",
    "lying-bomb": "не распаковывается",
    "many-entries": "частей (допускается не более 2000)",
    "many-rows-docx": "«zip-бомба»",
    "million-rows": "«zip-бомба»",
    "repeated-ods": "больше 50 000 строк",
    "sparse-ods": "больше 2 000 000 ячеек",
    "zipcrypto": "защищён паролем",
    "pdf-bomb": "«PDF-бомба»",
    "encrypted-ooxml": "защищён паролем",
    "encrypted-xlsx": "защищён паролем",
    "encrypted-odt": "защищён паролем",
    "not-a-zip": "не читается как документ Word: внутри другой формат",
    "fifo-docx": "именованный канал (FIFO)",
    "zero-docx": "устройство, а не обычный файл",
    "huge-docx": "файл слишком большой",
}


@pytest.fixture(scope="module")
def imported(hostile, tmp_path_factory) -> dict[str, tuple]:
    out = tmp_path_factory.mktemp("imported")
    cases = sorted(IMPORT_CASES)
    results = run_many([["import", hostile[case], "-o", out / f"{case}.yaml"] for case in cases])
    return {case: (*result, out / f"{case}.yaml") for case, result in zip(cases, results)}


@pytest.mark.parametrize("case", sorted(IMPORT_CASES))
def test_import_refuses_each_hostile_document_quickly_in_one_line(imported, case):
    code, output, seconds, peak, target = imported[case]
    assert code == 2, output
    assert IMPORT_CASES[case] in output, output
    assert "Traceback" not in output and "внутренняя ошибка" not in output
    assert len(output.strip().splitlines()) == 1, output
    assert seconds < SECONDS, f"{case}: {seconds:.1f} s"
    assert peak < PEAK_MB, f"{case}: {peak:.0f} MB"
    assert not target.exists()


# ---------------------------------------------------------------- the primitives, with small limits


def test_read_head_keeps_the_start_of_a_huge_file_without_reading_it(hostile):
    start = time.perf_counter()
    assert read_head(hostile["huge-yaml"], 1000) == b"\0" * 1000
    assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize("case", ["fifo-yaml", "zero-yaml"])
def test_every_guarded_read_refuses_what_is_not_a_regular_file(hostile, case):
    for read in (lambda p: read_bytes(p), lambda p: read_head(p, 10), lambda p: read_text(p)):
        with pytest.raises(ReadError, match="не обычный файл"):
            read(hostile[case])
    assert file_digest(hostile[case]) is None


def test_read_bytes_refuses_over_its_limit_and_names_the_file(tmp_path):
    path = tmp_path / "a.docx"
    path.write_bytes(b"x" * 100)
    assert read_bytes(path, 100) == b"x" * 100
    with pytest.raises(ReadError, match="слишком большой") as caught:
        read_bytes(path, 99, name="карта.docx")
    assert caught.value.path == "карта.docx"


def test_read_text_explains_a_wrong_encoding(tmp_path):
    path = tmp_path / "список.txt"
    path.write_bytes("Город".encode("cp1251"))
    with pytest.raises(ReadError, match="не в кодировке UTF-8"):
        read_text(path, what="перечень")


def test_is_within_follows_links(tmp_path):
    inside, outside = tmp_path / "папка", tmp_path / "чужое.yaml"
    inside.mkdir()
    outside.write_text("x", encoding="utf-8")
    (inside / "своё.yaml").write_text("x", encoding="utf-8")
    (inside / "ссылка.yaml").symlink_to(outside)
    assert is_within(inside / "своё.yaml", inside)
    assert not is_within(inside / "ссылка.yaml", inside)


def _xlsx(rows: int, cols: int) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for r in range(rows):
        sheet.append([f"{r}-{c}" for c in range(cols)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_rows_and_cells_of_a_workbook_are_counted_while_inflating():
    data = _xlsx(300, 5)
    archives.check_archive(data, "карта.xlsx")  # within the default limits
    with pytest.raises(ReadError, match="больше 200 строк"):
        archives.check_archive(data, "карта.xlsx", limits=archives.Limits(rows=200))
    with pytest.raises(ReadError, match="больше 1 000 ячеек"):
        archives.check_archive(data, "карта.xlsx", limits=archives.Limits(cells=1000))


def test_a_sparse_sheet_counts_the_grid_it_spans():
    """Two cells, A1 and J900: calamine would build the whole 900 × 10 grid."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["A1"] = "x"
    workbook.active["J900"] = "y"
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(ReadError, match="ячеек"):
        archives.check_archive(buffer.getvalue(), "карта.xlsx", limits=archives.Limits(cells=5000))


def test_inflated_size_and_xml_elements_are_bounded(hostile):
    data = read_bytes(hostile["grid-span"], MAX_DOCUMENT_BYTES)
    archives.check_archive(data, "a.docx")
    with pytest.raises(ReadError, match="в распакованном виде больше"):
        archives.check_archive(data, "a.docx", limits=archives.Limits(inflated=500))
    with pytest.raises(ReadError, match="элементов XML"):
        archives.check_archive(data, "a.docx", limits=archives.Limits(elements=5))


# ---------------------------------------------------------------- a review of a folder with hostile files in it

DATA = ROOT / "tests" / "data"


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory) -> tuple[int | None, str, float, float, Path]:
    """One review of a folder holding a FIFO, a link to /dev/zero, a 5 GB file, a link out of the folder and a report
    whose roadmap is /dev/zero; the register given to --expected is a FIFO."""
    import shutil

    base = tmp_path_factory.mktemp("review")
    folder = base / "регион"
    shutil.copytree(DATA / "review" / "beta", folder / "beta")
    make_hostile.make(
        folder / "hostile",
        [
            "fifo-yaml",
            "zero-yaml",
            "huge-yaml",
            "zip-bomb",
            "grid-span",
            "zipcrypto",
            "pdf-bomb",
            "million-rows",
            "huge-docx",
        ],
    )
    outside = base / "чужая-карта.yaml"
    shutil.copy(DATA / "review" / "gamma" / "roadmap.yaml", outside)
    (folder / "hostile" / "ссылка-наружу.yaml").symlink_to(outside)
    report = (
        (DATA / "report" / "report.yaml")
        .read_text(encoding="utf-8")
        .replace("roadmap: roadmap.yaml", "roadmap: /dev/zero")
    )
    (folder / "beta" / "report.yaml").write_text(report, encoding="utf-8")
    register = base / "перечень.txt"
    os.mkfifo(register)
    code, output, seconds, peak = run_many(
        [["review", folder, "-o", base / "out", "--format", "xlsx", "--expected", register]]
    )[0]
    assert code == 2 and "перечень муниципальных образований не читается" in output and "именованный канал" in output, (
        output
    )
    assert seconds < SECONDS and peak < PEAK_MB
    return (*run_many([["review", folder, "-o", base / "out", "--format", "xlsx", "--jobs", "2"]], timeout=60)[0], base)


def test_a_review_of_hostile_files_ends_quickly_with_a_row_for_each(reviewed):
    from openpyxl import load_workbook

    code, output, seconds, peak, base = reviewed
    assert code == 0, output
    assert seconds < 20 and peak < PEAK_MB, (seconds, peak)
    book = load_workbook(base / "out" / "свод.xlsx", read_only=True)
    text = "\n".join(
        " ".join(str(v) for v in row if v is not None)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
    )
    assert "именованный канал (FIFO)" in text
    assert "символическая ссылка ведёт за пределы проверяемой папки" in text  # the /dev/zero link and the link out
    assert "файл слишком большой" in text
    for words in ("«zip-бомба»", "«PDF-бомба»", "защищён паролем", "ячейка объединяет 1000000000 столбцов"):
        assert words in text, words
    assert "Гаммский" not in text, "a roadmap outside the folder became a municipality of the summary"


# ---------------------------------------------------------------- the other readers of outside files


def test_the_excel_form_reader_refuses_a_bomb_and_a_fifo(cli, hostile, tmp_path):
    roadmap = ROOT / "examples" / "ust-labinsk-2025.yaml"
    for case, words in (
        ("million-rows", "«zip-бомба»"),
        ("zip-bomb", "в распакованном виде"),
        ("fifo-docx", "именованный канал"),
    ):
        result = cli("import-form", hostile[case], roadmap)
        assert result.exit_code == 2 and words in result.output, (case, result.output)


def test_a_school_list_that_is_a_fifo_is_refused_at_once(cli, hostile, tmp_path):
    result = cli(
        "audit",
        "init",
        tmp_path / "карта.yaml",
        "-m",
        "Тестовый район",
        "-y",
        "2025",
        "--schools",
        hostile["fifo-yaml"],
    )
    assert (
        result.exit_code == 2 and "файл со списком школ не читается: это именованный канал (FIFO)" in result.output
    ), result.output
