"""The review's outputs: the workbook read back by a second library, the page, the Word documents, the same bytes
twice.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from pages import pdftotext

from neuspeh_cli.review import ReviewOptions, run_review

DATA = Path(__file__).parent / "data" / "review"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    out = tmp_path_factory.mktemp("review")
    result = run_review(
        [DATA],
        ReviewOptions(
            out,
            expected=DATA / "register.txt",
            formats=("xlsx", "html", "docx"),
            cache_dir=tmp_path_factory.mktemp("cache"),
            jobs=1,
        ),
    )
    return out, result


def test_writes_every_output(outputs):
    out, result = outputs
    assert sorted(p.name for p in result.written) == [
        "аналитическая-справка.docx",
        "свод.html",
        "свод.xlsx",
        "экспертные-листы.docx",
    ]
    assert all((out / p.name).stat().st_size > 0 for p in result.written)


def test_workbook_opens_with_openpyxl(outputs):
    openpyxl = pytest.importorskip("openpyxl")
    out, _ = outputs
    book = openpyxl.load_workbook(out / "свод.xlsx")
    assert book.sheetnames == [
        "Сводка",
        "Муниципалитеты",
        "Экспертные листы",
        "Факторы",
        "Параметры",
        "Формы",
        "Этапы и группы",
        "ШНОР",
        "Показатели",
        "Замечания",
        "Файлы",
    ]
    for sheet in book.worksheets:
        assert sheet.freeze_panes in ("A2", "B2"), sheet.title  # the header stays in view
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:"), sheet.title
    munis = book["Муниципалитеты"]
    assert munis.freeze_panes == "B2"  # the header and the names
    header = [c.value for c in munis[1]]
    assert header[:5] == ["Муниципальное образование", "Папка", "Дорожная карта", "Балл", "Заключение"]
    rows = {r[0]: r for r in munis.iter_rows(min_row=2, values_only=True)}
    assert rows["Альфинский район"][2:5] == ("без ошибок", 100, "соответствует методике")
    assert rows["Бетинский район"][2:4] == ("с ошибками", 21)
    assert rows["Гаммский район"][2] == "не читается"  # a bad file is a row, not an abort
    assert rows["Эпсилонский район"][2] == "не представлена"
    # Widths fit: the name column is at least as wide as the longest name, the link column wraps at 70.
    assert munis.column_dimensions["A"].width >= len("Эпсилонский район")
    link = munis.cell(row=2, column=header.index("Файл") + 1).value
    # relative to the workbook's folder: the link still opens when the review and the files are copied together
    target = link.split('"')[1]
    assert (
        not target.startswith(("file:", "/"))
        and (out / target).resolve() == (DATA / "alpha" / "roadmap-2025.yaml").resolve()
    )


def test_workbook_is_ready_to_read_and_print(outputs):
    """Shares as percentages, rules by their Russian titles, landscape A4 with the header on every page."""
    openpyxl = pytest.importorskip("openpyxl")
    out, _ = outputs
    book = openpyxl.load_workbook(out / "свод.xlsx")
    summary = book["Сводка"]
    assert [c.value for c in summary[1]] == ["Показатель", "Значение", "Доля"]
    shares = [row[2] for row in summary.iter_rows(min_row=2) if row[2].value is not None]
    assert shares and all(c.number_format == "0%" for c in shares)
    assert all(isinstance(row[1].value, int) or row[1].value is None for row in summary.iter_rows(min_row=2))
    problems = book["Замечания"]
    rules = {row[4] for row in problems.iter_rows(min_row=2, values_only=True)}
    assert "не заполнены графы мероприятия" in rules and not any(r and r.isascii() for r in rules)
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9, sheet.title
        assert sheet.print_title_rows == "$1:$1", sheet.title


def test_workbook_findings_point_at_lines(outputs):
    openpyxl = pytest.importorskip("openpyxl")
    out, _ = outputs
    findings = openpyxl.load_workbook(out / "свод.xlsx")["Замечания"]
    rows = [r for r in findings.iter_rows(min_row=2, values_only=True) if r[4] == "не заполнены графы мероприятия"]
    assert len(rows) == 1
    municipality, link, line, severity, _, message = rows[0]
    assert (municipality, line, severity, message) == (
        "Бетинский район",
        43,
        "ошибка",
        "мероприятие № 2 (e02): укажите ответственных (responsible)",
    )
    assert link.endswith('beta/roadmap.yaml:43")')
    unreadable = [r for r in findings.iter_rows(min_row=2, values_only=True) if r[4] == "файл не читается"]
    assert [(r[0], r[2]) for r in unreadable] == [("Гаммский район", 8)]


def test_workbook_cached_values_for_readers_that_do_not_calculate(outputs):
    """A HYPERLINK's cached value is its text: a reader without a formula engine shows «file:line»."""
    out, _ = outputs
    with zipfile.ZipFile(out / "свод.xlsx") as archive:
        sheet = archive.read("xl/worksheets/sheet10.xml").decode()
    assert 'beta/roadmap.yaml:43")</f><v>tests/data/review/beta/roadmap.yaml:43</v>' in sheet.replace(
        str(DATA.parent.parent.parent) + "/", ""
    )


def test_page_is_self_contained(outputs):
    out, _ = outputs
    page = (out / "свод.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    for remote in ("http://", "https://", "<link ", "src="):
        assert remote not in page.replace('xmlns="http://www.w3.org/2000/svg"', ""), remote
    assert page.count("<svg") == 6
    assert 'data-status="unreadable"' in page and "Гаммский район" in page


def test_page_escapes_what_files_say(tmp_path):
    roadmap = (
        (DATA / "alpha" / "roadmap-2025.yaml")
        .read_text(encoding="utf-8")
        .replace("Альфинский район", "<script>alert(1)</script> район")
    )
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "roadmap.yaml").write_text(roadmap, encoding="utf-8")
    run_review([tmp_path / "in"], ReviewOptions(tmp_path / "out", formats=("html",), cache=False, jobs=1))
    page = (tmp_path / "out" / "свод.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; район" in page


def test_word_documents(outputs):
    docx = pytest.importorskip("docx")
    out, _ = outputs
    sheets = docx.Document(out / "экспертные-листы.docx")
    text = "\n".join(p.text for p in sheets.paragraphs)
    assert text.count("ЭКСПЕРТНЫЙ ЛИСТ") == 5
    assert "Итоговый балл: 21 из 100. Заключение: не соответствует методике." in text
    cells = [c.text for t in sheets.tables for row in t.rows for c in row.cells]
    assert "не участвуют в мероприятиях по этому параметру\u00a0— СОШ №\u00a02 (строка 19)" in "\n".join(cells)
    brief = docx.Document(out / "аналитическая-справка.docx")
    text = "\n".join(p.text for p in brief.paragraphs)
    assert "Перечень включает 5\u00a0муниципальных образований. Дорожные карты представили 3 (60\u00a0%)." in text
    assert "Не представили дорожную карту (2): Дельтинский район, Эпсилонский район." in text
    assert "Запросить дорожные карты у 2\u00a0муниципальных образований (см. приложение)." in text


def test_tables_carry_their_simple_style_themselves(outputs):
    """LibreOffice lays a table out a third faster when it names no table style: the template's style of borders and
    cell margins is written into each table; the pages are the same (docs/benchmarks.md)."""
    from lxml import etree

    from neuspeh_cli.render.package import W

    out, _ = outputs
    for name in ("экспертные-листы.docx", "аналитическая-справка.docx"):
        with zipfile.ZipFile(out / name) as package:
            body = etree.fromstring(package.read("word/document.xml"))
            styles = etree.fromstring(package.read("word/styles.xml"))
        style = styles.find(f"{W}style[@{W}styleId='DocumentTable']/{W}tblPr")
        tables = list(body.iter(W + "tbl"))
        assert tables and body.find(f".//{W}tblStyle") is None, name
        for table in tables:
            props = table.find(W + "tblPr")
            for kind in ("tblBorders", "tblCellMar"):
                made, meant = props.find(W + kind), style.find(W + kind)
                assert [(e.tag, e.attrib) for e in made.iter()] == [(e.tag, e.attrib) for e in meant.iter()], name


def test_a_table_style_with_more_than_borders_stays_named():
    from lxml import etree

    from neuspeh_cli.render.package import W, inline_table_styles

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    borders = '<w:tblBorders><w:top w:val="single" w:sz="4"/></w:tblBorders>'
    styles = (
        f'<w:styles {ns}><w:style w:type="table" w:default="1" w:styleId="TableNormal"/>'
        '<w:style w:type="table" w:styleId="Plain"><w:basedOn w:val="TableNormal"/>'
        f"<w:tblPr>{borders}</w:tblPr></w:style>"
        f'<w:style w:type="table" w:styleId="Shaded"><w:tblPr>{borders}</w:tblPr><w:rPr><w:b/></w:rPr></w:style>'
        "</w:styles>"
    )
    table = '<w:tbl><w:tblPr><w:tblStyle w:val="{}"/><w:tblW w:w="100"/><w:tblLook w:val="04A0"/></w:tblPr></w:tbl>'
    body = etree.fromstring(f"<w:body {ns}>{table.format('Plain')}{table.format('Shaded')}</w:body>")
    inline_table_styles(body, styles.encode())
    plain, shaded = (t.find(W + "tblPr") for t in body)
    assert [etree.QName(e).localname for e in plain] == ["tblW", "tblBorders", "tblLook"]
    assert [etree.QName(e).localname for e in shaded] == ["tblStyle", "tblW", "tblLook"]


def test_links_are_relative_as_relpath_makes_them():
    import os

    from neuspeh_cli.review.xlsx import relative_path

    paths = ["/r/a/b.yaml", "/r/b.yaml", "/b.yaml", "/r/a/../c.yaml", "/r/./a//d.yaml", "a/b.yaml", "b.yaml", "/r/a/.."]
    for base in ("/r", "/r/a", "/r/out/x", "/", "out"):
        for path in paths:
            assert relative_path(path, base) == os.path.relpath(path, base), (path, base)


def test_same_input_same_bytes(outputs, tmp_path):
    out, _ = outputs
    again = run_review(
        [DATA],
        ReviewOptions(tmp_path, expected=DATA / "register.txt", formats=("xlsx", "html", "docx"), cache=False, jobs=1),
    )
    for path in again.written:
        assert path.read_bytes() == (out / path.name).read_bytes(), path.name


def test_refuses_to_overwrite_without_force(outputs):
    from neuspeh_cli.errors import UsageError

    out, _ = outputs
    with pytest.raises(UsageError, match=r"файлы уже существуют: .*свод\.xlsx.*добавьте --force"):
        run_review([DATA], ReviewOptions(out, formats=("xlsx",), cache=False, jobs=1))


def test_parallel_and_serial_agree(tmp_path):
    """Workers on a pool, and the workbook written by a forked process beside the page, give the same bytes."""
    serial = run_review([DATA], ReviewOptions(tmp_path / "a", formats=("xlsx", "html"), cache=False, jobs=1))
    # INLINE_AT_MOST files are done in the main process: force the pool with a smaller threshold.
    from neuspeh_cli.review import runner

    old = runner.INLINE_AT_MOST
    runner.INLINE_AT_MOST = 0
    try:
        parallel = run_review([DATA], ReviewOptions(tmp_path / "b", formats=("xlsx", "html"), cache=False, jobs=2))
    finally:
        runner.INLINE_AT_MOST = old
    assert parallel.loaded == serial.loaded == 6
    for name in ("свод.xlsx", "свод.html"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def _sheet_names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.namelist()


def test_word_documents_pass_the_ooxml_validator(outputs):
    """Word is stricter than LibreOffice: the documents go through the same validator as `build`'s."""
    pytest.importorskip("openxml_audit")
    from openxml_audit import FileFormat, OpenXmlValidator

    out, _ = outputs
    for name in ("экспертные-листы.docx", "аналитическая-справка.docx"):
        result = OpenXmlValidator(file_format=FileFormat.OFFICE_2019, max_errors=50).validate(str(out / name))
        assert [str(e) for e in result.errors] == [], name


@pytest.mark.pdf
def test_pdf_through_the_converter(tmp_path):
    import shutil
    import subprocess

    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    result = run_review(
        [DATA], ReviewOptions(tmp_path, expected=DATA / "register.txt", formats=("docx", "pdf"), cache=False, jobs=1)
    )
    assert result.notes == []
    sheets = tmp_path / "экспертные-листы.pdf"
    assert sheets in result.written
    text = pdftotext(sheets, "-layout")
    assert text.count("ЭКСПЕРТНЫЙ ЛИСТ") == 5  # one sheet per municipality, each from a new page
    pages = subprocess.run(["pdfinfo", str(sheets)], capture_output=True, text=True, check=True).stdout
    assert int(next(line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:"))) >= 5


def test_sheet_parts_are_even_and_in_order():
    from neuspeh_cli.review.word import sheet_parts

    assert [len(p) for p in sheet_parts(list(range(250)), 100)] == [83, 83, 84]
    assert [m for part in sheet_parts(list(range(250)), 100) for m in part] == list(range(250))
    assert sheet_parts(list(range(100)), 100) == [list(range(100))]
    assert sheet_parts([], 100) == []


@pytest.mark.pdf
def test_many_municipalities_get_their_sheets_in_parts(tmp_path):
    import shutil

    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    seen = []
    options = ReviewOptions(
        tmp_path,
        expected=DATA / "register.txt",
        formats=("xlsx", "docx", "pdf"),
        cache=False,
        jobs=1,
        sheets_per_part=2,
    )
    result = run_review([DATA], options, progress=lambda *args: seen.append(args))
    assert result.notes == []
    folder = tmp_path / "экспертные-листы-по-частям"
    assert not (tmp_path / "экспертные-листы.docx").exists() and folder in result.written
    assert sorted(p.name for p in folder.iterdir()) == [
        "01 Альфинский район.docx",
        "01 Альфинский район.pdf",
        "02 Бетинский район – Гаммский район.docx",
        "02 Бетинский район – Гаммский район.pdf",
        "03 Дельтинский район – Эпсилонский район.docx",
        "03 Дельтинский район – Эпсилонский район.pdf",
    ]
    assert (tmp_path / "аналитическая-справка.pdf") in result.written
    texts = [pdftotext(pdf) for pdf in sorted(folder.glob("*.pdf"))]
    assert [t.count("ЭКСПЕРТНЫЙ ЛИСТ") for t in texts] == [1, 2, 2]
    assert "Гаммский район" in texts[1] and "Альфинский район" not in texts[1]
    assert seen[-1] == (4, 4, "PDF")  # the справка and three parts, converted as they were written
    assert any(len(call) == 3 and call[0] < 4 for call in seen)  # the bar moves while LibreOffice works
    brief = " ".join(pdftotext(tmp_path / "аналитическая-справка.pdf").split())
    # So many municipalities: the appendix names the workbook written beside it instead of a table of every one.
    assert "лист «Муниципалитеты»" in brief
    assert brief.count("Эпсилонский район") == 1  # in «не представили», not in a table of every municipality
    assert "свод.html" not in brief  # not asked for, not named

    # A smaller review into the same folder (--force) leaves no part of the larger one behind.
    run_review([DATA], ReviewOptions(tmp_path, formats=("docx",), cache=False, jobs=1, force=True))
    assert (tmp_path / "экспертные-листы.docx").exists() and list(folder.iterdir()) == []


def test_split_sheets(tmp_path):
    docx = pytest.importorskip("docx")
    result = run_review([DATA], ReviewOptions(tmp_path, formats=("docx",), cache=False, jobs=1, split_sheets=True))
    folder = tmp_path / "экспертные-листы"
    assert folder in result.written
    # One file per municipality that sent a roadmap, readable or not; Дельтинский sent none.
    assert sorted(p.name for p in folder.iterdir()) == [
        "Альфинский район.docx",
        "Бетинский район.docx",
        "Гаммский район.docx",
    ]
    text = "\n".join(p.text for p in docx.Document(folder / "Бетинский район.docx").paragraphs)
    assert text.count("ЭКСПЕРТНЫЙ ЛИСТ") == 1 and "Бетинский район" in text
    from neuspeh_cli.errors import UsageError

    with pytest.raises(UsageError, match="экспертные-листы"):
        run_review(
            [DATA], ReviewOptions(tmp_path / "again", formats=("xlsx",), cache=False, jobs=1)
        )  # a fresh folder is fine…
        run_review(
            [DATA], ReviewOptions(tmp_path, formats=("docx",), cache=False, jobs=1, split_sheets=True)
        )  # …this one is not


def test_file_names_for_sheets():
    from neuspeh_cli.review.word import file_name

    taken: set[str] = set()
    assert file_name("Город N: «Север»/Юг", taken) == "Город N_ «Север»_Юг.docx"
    assert file_name("город n: «север»/юг", taken) == "город n_ «север»_юг (2).docx"  # case-insensitive file systems


def test_templates_ask_for_exactly_what_the_contexts_give(outputs):
    from docxtpl import DocxTemplate

    from neuspeh_cli.review.brief import brief_context
    from neuspeh_cli.review.word import _template, sheets_context

    _, result = outputs
    for name, context in (
        ("review-sheets.docx", sheets_context(result.region)),
        ("review-brief.docx", brief_context(result.region)),
    ):
        with _template(name).open("rb") as handle:
            asked = DocxTemplate(io.BytesIO(handle.read())).get_undeclared_template_variables()
        assert asked == set(context) - {"properties"}, name  # ``properties`` feeds docProps/core.xml


def test_template_generator_writes_the_committed_templates(tmp_path):
    import importlib.util

    root = Path(__file__).parents[1]
    spec = importlib.util.spec_from_file_location("make_review_templates", root / "tools" / "make_review_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.sheets(tmp_path / "sheets.docx")
    module.brief(tmp_path / "brief.docx")
    for fresh, committed in (
        (tmp_path / "sheets.docx", "review-sheets.docx"),
        (tmp_path / "brief.docx", "review-brief.docx"),
    ):
        assert fresh.read_bytes() == (root / "templates" / committed).read_bytes(), (
            f"run python tools/make_review_templates.py ({committed})"
        )


def test_the_library_never_forks(tmp_path, monkeypatch):
    """The review writes its outputs in its own process: a library must not fork its caller (threads, open files)."""
    import os

    def no_fork():
        raise AssertionError("os.fork called")

    monkeypatch.setattr(os, "fork", no_fork)
    result = run_review([DATA], ReviewOptions(tmp_path, formats=("xlsx", "html"), cache=False, jobs=2))
    assert (tmp_path / "свод.xlsx") in result.written
    assert zipfile.ZipFile(tmp_path / "свод.xlsx").testzip() is None


@pytest.mark.parametrize(
    ("elsewhere", "named", "table"),
    [
        (("xlsx", "html"), ["книге свода «свод.xlsx»", "странице «свод.html»"], False),
        (("html",), ["странице «свод.html»"], False),
        ((), [], True),  # nothing else lists them: the справка keeps its table however long
    ],
)
def test_a_large_regions_brief_points_only_to_what_was_written(outputs, elsewhere, named, table):
    from neuspeh_cli.review.brief import LISTS_IN, brief_context

    context = brief_context(outputs[1].region, appendix_at_most=2, listed_elsewhere=elsewhere)
    assert bool(context["municipalities"]) is table
    note = context["appendix_note"]
    assert all(place in note for place in named) and note.count("свод.") == len(named)
    # Дельтинский район sent nothing: the conclusions ask for it and say where the list is
    where = "приложение" if table else LISTS_IN[elsewhere[0]]
    assert any(f"(см. {where})" in line for line in context["conclusions"])
    # A file that does not read: its lines are in the workbook's «Замечания» only when the workbook was written.
    [unreadable] = [line for line in context["conclusions"] if "не читаются" in line]
    assert ("лист «Замечания»" in unreadable) is ("xlsx" in elsewhere)
    assert ("в экспертных листах" in unreadable) is ("xlsx" not in elsewhere)


@pytest.mark.parametrize("workbook", [True, False])
def test_groups_read_from_the_text_point_to_the_workbook_only_when_written(outputs, workbook):
    import copy

    from neuspeh_cli.review.brief import events_text

    summary = copy.deepcopy(outputs[1].region.summary)
    summary.event_counts["guessed"] = {"shnor": 3}
    [guessed] = [line for line in events_text(summary, 2, workbook) if "определена по тексту" in line]
    assert ("лист «Этапы и группы» книги свода" in guessed) is workbook


@pytest.mark.parametrize(("total", "words"), [(21, "18 из 21\u00a0мероприятия"), (24, "18 из 24\u00a0мероприятий")])
def test_a_reports_line_in_the_brief_counts_events_in_the_genitive(total, words):
    from types import SimpleNamespace

    from neuspeh_cli.review.brief import reports_text

    row = ["Усть-Лабинский район", "за 2025 год", total, 16, 2, 1, 1, None, 947, None, None, "86,1 %", "4,9 %", "69 %"]
    [_, line] = reports_text(SimpleNamespace(sections={"reports": [row]}))
    assert f"проведено и проводится {words} (" in line


def test_the_page_sends_the_reader_to_the_workbook_only_beside_it(outputs):
    from dataclasses import replace

    from neuspeh_cli.review.html import _indicator_table

    summary = outputs[1].region.summary
    many = replace(summary, indicators=[*summary.indicators] * 40)  # more than the page shows
    assert "30 самых частых из" in _indicator_table(many) and "книге Excel" in _indicator_table(many)
    assert "книге Excel" not in _indicator_table(many, with_workbook=False)
    assert "самых частых" not in _indicator_table(summary)  # all shown: nothing to point to
