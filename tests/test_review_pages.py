"""The review's documents page by page (tests/pages.py): the expert sheets and the справка of the example region.

No page holds only a signature or a date, no table tail is alone on a page, no Latin
identifier, YAML key or path (a file's own name is fine), one PDF bookmark per municipality.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import soffice_or_skip
from pages import Pdf, latin_problems, page_problems

from neuspeh_cli.review import Letterhead, ReviewOptions, run_review

REGION = Path(__file__).parents[1] / "examples" / "region"


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    soffice_or_skip()
    out = tmp_path_factory.mktemp("review-pages")
    letterhead = Letterhead("ГБОУ ИРО Краснодарского края", "Проректор", "И.И. Иванова", "15.05.2025")
    options = ReviewOptions(
        out,
        expected=REGION / "municipalities.txt",
        formats=("docx", "pdf"),
        cache=False,
        jobs=2,
        pdf_engine="libreoffice",
        letterhead=letterhead,
    )
    result = run_review([REGION], options)
    return out, result


@pytest.mark.parametrize("name", ["экспертные-листы.pdf", "аналитическая-справка.pdf"])
def test_no_page_a_clerk_would_not_sign(documents, name):
    out, _ = documents
    pdf = Pdf(out / name)
    assert page_problems(pdf) == []
    assert latin_problems(pdf.text) == []


def test_one_bookmark_per_municipality(documents):
    pypdf = pytest.importorskip("pypdf")
    out, result = documents
    outline = pypdf.PdfReader(out / "экспертные-листы.pdf").outline
    assert [item.title for item in outline] == [m.name for m in result.region.municipalities]


def test_the_brief_carries_letterhead_date_and_signatory(documents):
    out, _ = documents
    text = Pdf(out / "аналитическая-справка.pdf").text
    first = text[: text.index("1. Представление дорожных карт")]
    assert "ГБОУ ИРО Краснодарского края" in first and "15.05.2025" in first
    assert "Проректор" in text and "И.И. Иванова" in text
    assert " у 0" not in text and "поле shnor" not in text


@pytest.mark.parametrize("name", ["экспертные-листы.docx", "аналитическая-справка.docx"])
def test_numbers_stay_with_their_sign_and_word(documents, name):
    """«(№ 1)» broke over two lines in a reason of the sheet: «№», «—» before a number, initials are bound."""
    import re
    import zipfile

    out, _ = documents
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    root = etree.fromstring(zipfile.ZipFile(out / name).read("word/document.xml"))
    paragraphs = ["".join(t.text or "" for t in p.iter(w + "t")) for p in root.iter(w + "p")]
    unbound = [m.group() for p in paragraphs for m in re.finditer(r".{0,30}(?:№ \d|\S [–—] ).{0,10}", p)]
    assert unbound == []


def test_no_blank_reason_on_a_sheet(documents):
    """A municipality that sent no roadmap: its items are «не проверено» with a dash, not seven empty cells."""
    import docx

    out, _ = documents
    for table in docx.Document(out / "экспертные-листы.docx").tables:
        rows = [[c.text for c in row.cells] for row in table.rows]
        if rows and rows[0][:2] == ["№", "Пункт методики"]:
            assert all(row[3].strip() for row in rows[1:]), rows
