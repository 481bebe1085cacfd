"""PDF made by LibreOffice for real (CI installs Debian's LibreOffice; elsewhere skipped if absent)."""

from __future__ import annotations

import os
import shutil
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import EXAMPLES
from pages import pdftotext
from seed_tables import section_two_rows

from neuspeh_cli.build import BuildOptions, build_files
from neuspeh_cli.render.pdf import find_soffice

pytestmark = pytest.mark.pdf

if find_soffice() is None:
    if os.environ.get("CI"):
        raise RuntimeError("CI must install LibreOffice: the PDF tests may not be skipped there")
    pytest.skip("LibreOffice (soffice) is not installed", allow_module_level=True)


def _pdf_text(path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return pdftotext(path)


def _words(text: str) -> set[str]:
    import re

    return {w for w in re.findall(r"[\w-]+", text.lower().replace("ё", "е")) if w.strip("-")}


def _present(word: str, text: str) -> bool:
    """Cells wrap at hyphens and pdftotext may glue a wrapped word to its neighbour column.

    Russian hyphenation breaks words at line ends («успеш-|ной»), and in a table the two
    halves may come out apart, so a word is also found as two pieces of at least two letters.
    """
    parts = [part for part in word.split("-") if part]
    return all(
        part in text or any(part[:i] in text and part[i:] in text for i in range(2, len(part) - 1)) for part in parts
    )


def test_sample_pdf_contains_every_event(tmp_path, cli):
    result = cli("build", EXAMPLES / "sample-2023.yaml", "-o", tmp_path, "--force", "--pdf-engine", "libreoffice")
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "sample-2023.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    # pdftotext interleaves table columns, so every word of every cell is looked for, not whole cells.
    raw = _pdf_text(pdf)
    glued = "".join(raw.lower().replace("ё", "е").replace("-", "").split())
    for row in section_two_rows():
        for cell in row:
            missing = [w for w in _words(cell) if not _present(w, glued)]
            assert not missing, f"event {row[0]}: {missing} of «{cell}» missing from the PDF"
    assert {"перечень", "сокращений"} <= _words(raw)


def test_several_files_in_one_call_and_parallel_builds(tmp_path):
    sources = [EXAMPLES / "ust-labinsk-2025.yaml", EXAMPLES / "sample-2023.yaml"]

    def build(folder):
        return build_files(sources, BuildOptions(out_dir=tmp_path / folder, force=True, pdf_engine="libreoffice"))

    with ThreadPoolExecutor(2) as pool:
        reports = list(pool.map(build, ["one", "two"]))
    for report in reports:
        for result in report.results:
            assert result.pdf is not None and result.pdf.read_bytes().startswith(b"%PDF-")


def test_signature_shares_its_page_with_text(tmp_path):
    report = build_files(
        [EXAMPLES / "sample-2023.yaml"],
        BuildOptions(out_dir=tmp_path, force=True, with_measures=True, pdf_engine="libreoffice"),
    )
    pdf = report.results[0].pdf
    pages = _pdf_text(pdf).split("\f")
    (page,) = [p for p in pages if "И.И. Иванова" in p and "УТВЕРЖДАЮ" not in p]
    assert "ШНОР – школы с низкими образовательными результатами" in page
