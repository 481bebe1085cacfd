"""Layout with realistic data: typography, approval layouts, periods, factors kept with their names, pages.

The PDF tests read every example (the two large ones included), built once per session
(``example_builds`` in conftest.py), back with pdftotext.
"""

from __future__ import annotations

import re
import subprocess
import zipfile

import pytest
import yaml
from conftest import DATA, EXAMPLES, minimal
from docx import Document
from lxml import etree
from pages import pdftotext, poppler_copy

from neuspeh_cli.build import BuildOptions, build_files
from neuspeh_cli.render.package import MERGE_CONTINUES, TAIL_CHARS, TAIL_ROWS
from neuspeh_cli.render.programme import sentence
from neuspeh_cli.render.roadmap import TEXT_HEIGHT, estimated_lines, split_factor
from neuspeh_cli.render.typography import NBSP, lower_first, nbsp

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LARGE = [EXAMPLES / "large-62-parameters-2025.yaml", EXAMPLES / "large-150-events-2025.yaml"]
LONG_FACTOR = DATA / "layout" / "long-factor.yaml"
LONG_NAMES = DATA / "layout" / "long-names.yaml"


def _docx(path, tmp_path, **options):
    report = build_files([path], BuildOptions(out_dir=tmp_path, pdf_engine="none", force=True, **options))
    return report.results[0].docx


def _text(docx) -> str:
    return "\n".join(p.text for p in Document(docx).paragraphs)


# ---------------------------------------------------------------- typography


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("МБОУ СОШ № 14", "МБОУ СОШ №_14"),
        ("гимназии №2", "гимназии №_2"),
        ("И.И. Иванова", "И.И._Иванова"),
        ("И. И. Иванова", "И._И._Иванова"),
        ("Иванова И.И., директор", "Иванова_И.И., директор"),
        ("Е.А. Смирнова-Петрова", "Е.А._Смирнова-Петрова"),
        ("охват 100 % обучающихся", "охват 100_% обучающихся"),
        ("у 100% обучающихся", "у 100_% обучающихся"),
        ("май 2025 г.", "май 2025_г."),
        ("на 2025 год", "на 2025_год"),
        ("в 5–7 классах", "в 5–7_классах"),
        ("не менее 5 чел.", "не менее 5_чел."),
        ("и т. д.", "и т._д."),
        ("апрель – май 2023", "апрель_– май 2023"),
        ("– пункт перечня", "– пункт перечня"),
        ("УО, ТМС. Далее", "УО, ТМС. Далее"),
        ("2 раза в год", "2 раза в год"),
    ],
)
def test_non_breaking_spaces(text, expected):
    assert nbsp(text).replace(NBSP, "_") == expected


def test_one_typography_for_both_documents(tmp_path):
    roadmap = _text(_docx(EXAMPLES / "ust-labinsk-2025.yaml", tmp_path / "r"))
    programme = _text(_docx(EXAMPLES / "school-2022.yaml", tmp_path / "p"))
    assert f"Е.А.{NBSP}Смирнова" in "\n".join(
        c.text
        for t in Document(_docx(EXAMPLES / "ust-labinsk-2025.yaml", tmp_path / "r2")).tables
        for row in t.rows
        for c in row.cells
    )
    assert f"№{NBSP}112" in roadmap
    assert f"МБОУ СОШ №{NBSP}1" in programme
    assert f"100{NBSP}% обучающихся" in programme


def test_no_double_punctuation():
    assert sentence("в соответствии с их потребностями;") == "в соответствии с их потребностями."
    assert sentence("итог,") == "итог."
    assert sentence("Готово!") == "Готово!"


def test_programme_never_prints_semicolon_and_full_stop(tmp_path):
    text = _text(_docx(EXAMPLES / "school-2022-seed.yaml", tmp_path))
    assert "потребностями." in text
    assert not re.search(r"[;,:]\.", text)


def test_lower_first():
    assert lower_first("Май 2025") == "май 2025"
    assert lower_first("В течение года") == "в течение года"
    assert lower_first("ВПР, апрель") == "ВПР, апрель"


# ---------------------------------------------------------------- what the roadmap says


def test_approval_by_an_official(tmp_path, write_yaml):
    text = _text(_docx(write_yaml(minimal()), tmp_path))
    assert text.startswith(
        "УТВЕРЖДАЮ\nНачальник управления образования\n_______________ А.Б.\u00a0Петрова\n01.03.2025\n"
    )


def test_approval_by_order(tmp_path, write_yaml):
    data = minimal()
    data["document"]["approval"] = {"order": {"body": "управления образования", "date": "18.03.2025", "number": "112"}}
    data["document"]["signature"] = {"position": "Начальник управления образования", "name": "А.Б. Петрова"}
    text = _text(_docx(write_yaml(data), tmp_path))
    assert text.startswith(f"УТВЕРЖДЕНА\nприказом управления образования\nот 18.03.2025 №{NBSP}112\nДорожная карта")
    assert "_______________" not in text


def test_signature_only_leaves_no_empty_block(tmp_path, write_yaml):
    data = minimal()
    del data["document"]["approval"]
    data["document"]["signature"] = {"position": "Начальник управления образования", "name": "А.Б. Петрова"}
    docx = _docx(write_yaml(data), tmp_path)
    paragraphs = [p.text for p in Document(docx).paragraphs]
    assert paragraphs[0].startswith("Дорожная карта")  # the title is the first line: no empty stamp above it
    assert "УТВЕРЖДАЮ" not in "\n".join(paragraphs) and "УТВЕРЖДЕНА" not in "\n".join(paragraphs)
    signature = Document(docx).tables[-1].rows[0].cells
    assert [c.text for c in signature] == ["Начальник управления образования", f"А.Б.{NBSP}Петрова"]


def test_school_year_title(tmp_path, write_yaml):
    data = minimal()
    del data["document"]["year"]
    data["document"]["period"] = {"start": "сентябрь 2025", "end": "май 2026"}
    for event in data["events"]:
        event["dates"] = "Октябрь 2025"
    text = _text(_docx(write_yaml(data), tmp_path)).replace(NBSP, " ")
    assert "в муниципальном образовании Тестовый район\nна 2025/2026 учебный год" in text
    assert "II. Муниципальная дорожная карта по профилактике учебной неуспешности на 2025/2026 учебный год" in text


def _section_one_header(docx) -> str:
    return Document(docx).tables[0].rows[0].cells[-1].text


def test_year_without_shnor_lists_every_school(tmp_path, write_yaml):
    data = minimal()
    for school in data["schools"]:
        school["shnor"] = False
    data["events"][1]["name"] = "Консультации по кадровым вопросам"
    data["events"][1]["contingent"] = "Руководители ОО"
    data["monitoring"]["indicators"] = ["Наличие утверждённой внутришкольной программы профилактики"]
    docx = _docx(write_yaml(data), tmp_path)
    assert _section_one_header(docx) == "Перечень ОО, в работе которых проявляются негативные факторы"
    assert "ШНОР" not in _text(docx)


def test_shnor_in_the_abbreviations_when_only_a_header_uses_it(tmp_path, write_yaml):
    data = minimal()
    data["events"][1]["name"] = "Консультации по кадровым вопросам"
    data["events"][1]["contingent"] = "Руководители школ"
    docx = _docx(write_yaml(data), tmp_path)
    assert _section_one_header(docx) == "Перечень ШНОР, в работе которых проявляются негативные факторы"
    assert "ШНОР – школы с низкими образовательными результатами" in _text(docx)


def test_monitoring_dates_lower_case_mid_sentence(tmp_path, write_yaml):
    text = _text(_docx(write_yaml(minimal()), tmp_path))
    assert (
        "профилактики учебной неуспешности: мероприятие №\u00a03, сроки проведения\u00a0— июнь 2025, декабрь 2025."
        in text
    )


def test_plain_indicators_are_a_numbered_list(tmp_path, write_yaml):
    data = minimal()
    data["monitoring"]["indicators"] = [
        "Наличие утверждённой внутришкольной программы профилактики",
        "Доля ОО с планом",
    ]
    docx = _docx(write_yaml(data), tmp_path)
    assert (
        "Показатели качества внутришкольных систем профилактики учебной неуспешности\n1. Наличие утверждённой"
        in _text(docx)
    )
    assert len(Document(docx).tables) == 3  # sections I, II, signature: no indicator table


def test_structured_indicators_are_a_table(tmp_path, write_yaml):
    data = minimal()
    data["monitoring"]["indicators"] = [
        {
            "id": "q1",
            "text": "Доля ШНОР с утверждённой программой",
            "unit": "%",
            "baseline": 40,
            "target": 100,
            "source": "мониторинг ТМС",
            "frequency": "2 раза в год",
        },
        "Наличие плана",
    ]
    table = Document(_docx(write_yaml(data), tmp_path)).tables[2]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == [
        "№",
        "Показатель",
        "Единица измерения",
        "Исходное значение",
        "Целевое значение",
        "Источник данных",
        "Периодичность",
    ]
    assert rows[1] == ["1", "Доля ШНОР с утверждённой программой", "%", "40", "100", "мониторинг ТМС", "2 раза в год"]
    assert rows[2] == ["2", "Наличие плана", "—", "—", "—", "—", "—"]


# ---------------------------------------------------------------- factors and pages


def test_small_factor_is_one_group_and_a_large_one_is_cut_with_its_name():
    rows = [{"code": f"1.{i}.", "title": "Параметр " * 10, "schools": "СОШ № 1, 2, 3"} for i in range(1, 4)]
    assert split_factor("Кадровые ресурсы школы", rows) == [rows]
    long_rows = [
        {
            "code": f"1.{i}.",
            "title": "Очень длинная формулировка параметра " * 12,
            "schools": "СОШ № " + ", ".join(map(str, range(1, 40))),
        }
        for i in range(1, 13)
    ]
    groups = split_factor("Кадровые ресурсы школы", long_rows)
    assert len(groups) >= 3 and [row for group in groups for row in group] == long_rows
    assert estimated_lines("слово " * 200, 100) > 10
    page = TEXT_HEIGHT - 22
    for group in groups:
        height = sum(estimated_lines(r["title"], 110) for r in group) * 11 * 1.15 * 0.3528
        assert height < page


def test_rows_of_a_group_are_chained_and_groups_are_not(tmp_path):
    """A factor's group of rows stays on one page; a page may break between groups and between factors."""
    table = Document(_docx(EXAMPLES / "sample-2023.yaml", tmp_path)).tables[0]
    trs = table._tbl.findall(f"{W}tr")[2:]
    chained = [all(p.find(f"{W}pPr/{W}keepNext") is not None for p in tr.iter(f"{W}p")) for tr in trs]
    sizes = [len(block["rows"]) for block in _section_one(EXAMPLES / "sample-2023.yaml")]
    ends = {sum(sizes[: k + 1]) - 1 for k in range(len(sizes))}
    for i in range(len(trs) - TAIL_ROWS):  # the table's last rows are chained anyway
        assert chained[i] == (i not in ends), i


def _merge(tc) -> str:
    merge = tc.find(f"{W}tcPr/{W}vMerge")
    return "none" if merge is None else merge.get(f"{W}val", "continue")


def test_a_factor_longer_than_a_page_is_one_merged_cell_that_may_break_between_groups(tmp_path):
    table = Document(_docx(LONG_FACTOR, tmp_path)).tables[0]
    trs = [tr for tr in table._tbl.findall(f"{W}tr")[2:] if tr.findall(f"{W}tc")[3].xpath("string(.)").startswith("1.")]
    factor_cells = [tr.findall(f"{W}tc")[1] for tr in trs]
    assert [_merge(tc) for tc in factor_cells] == ["restart"] + ["continue"] * (len(trs) - 1)
    assert factor_cells[0].xpath("string(.)") == "Кадровые ресурсы школы"
    assert "продолжение" not in "".join(tr.xpath("string(.)") for tr in trs)
    assert MERGE_CONTINUES not in "".join(tr.xpath("string(.)") for tr in trs)
    chained = [all(p.find(f"{W}pPr/{W}keepNext") is not None for p in tr.iter(f"{W}p")) for tr in trs]
    breaks = [i for i, keep in enumerate(chained[:-1]) if not keep]
    assert len(breaks) >= 2  # the groups of split_factor: a page may break after each


def test_a_tables_last_rows_are_kept_together(tmp_path):
    table = Document(_docx(EXAMPLES / "large-150-events-2025.yaml", tmp_path)).tables[1]
    trs = [tr for tr in table._tbl.findall(f"{W}tr") if tr.find(f"{W}trPr/{W}tblHeader") is None]
    chained = [all(p.find(f"{W}pPr/{W}keepNext") is not None for p in tr.iter(f"{W}p")) for tr in trs]
    assert chained[-TAIL_ROWS:] == [True] * (TAIL_ROWS - 1) + [False]
    assert chained[0] and not any(chained[1:-TAIL_ROWS])  # the first row stays with the second


def test_a_short_table_is_one_block(tmp_path):
    """Section II of three events: never its header and one row at the foot of a page, the rest on the next."""
    table = Document(_docx(LONG_FACTOR, tmp_path)).tables[1]
    trs = [tr for tr in table._tbl.findall(f"{W}tr") if tr.find(f"{W}trPr/{W}tblHeader") is None]
    assert len(trs) == 3
    assert [all(p.find(f"{W}pPr/{W}keepNext") is not None for p in tr.iter(f"{W}p")) for tr in trs] == [
        True,
        True,
        False,
    ]


def test_last_rows_too_long_for_a_page_are_not_chained(tmp_path):
    """The measures appendix ends with a parameter whose measures fill a page: chained, it would push the last row
    away.
    """
    table = Document(_docx(EXAMPLES / "ust-labinsk-2025.yaml", tmp_path, with_measures=True)).tables[-1]
    trs = [tr for tr in table._tbl.findall(f"{W}tr") if tr.find(f"{W}trPr/{W}tblHeader") is None]
    assert sum(len(tr.xpath("string(.)")) for tr in trs[-TAIL_ROWS:]) > TAIL_CHARS
    assert not any(p.find(f"{W}pPr/{W}keepNext") is not None for tr in trs[-TAIL_ROWS:] for p in tr.iter(f"{W}p"))


# ---------------------------------------------------------------- PDF pages


@pytest.fixture(scope="module")
def pdfs(example_builds):
    return {name: result.pdf for name, result in example_builds.items() if "/" not in name}


def _pages(pdf, mode: str = "") -> list[str]:
    return pdftotext(pdf, *([mode] if mode else [])).split("\f")[:-1]


def _glued(text: str) -> str:
    return "".join(text.lower().replace("ё", "е").replace("-", "").split())


@pytest.mark.pdf
def test_no_blank_last_page(pdfs):
    for name, pdf in pdfs.items():
        pages = _pages(pdf)
        assert pages[-1].strip(), f"{name}: the last of {len(pages)} pages is blank"
        assert all(p.strip() for p in pages), f"{name}: a blank page"


def _section_one(path) -> list[dict]:
    from neuspeh_cli.document import load_one
    from neuspeh_cli.render.roadmap import roadmap_context

    document = load_one(path)
    return roadmap_context(document.model, document.catalog)["section1"]


def _factor_titles(path) -> dict[str, str]:
    return {block["number"]: block["title"] for block in _section_one(path) if block["number"] != MERGE_CONTINUES}


@pytest.mark.pdf
@pytest.mark.parametrize("name", ["large-62-parameters-2025.yaml", "long-factor.yaml", "sample-2023.yaml"])
def test_every_factor_is_named_where_its_rows_begin(pdfs, name):
    """Named once, on the page of its first row («N.1.»); a page where it continues shows the codes «N.k.»."""
    source = LONG_FACTOR if name == "long-factor.yaml" else EXAMPLES / name
    titles = _factor_titles(source)
    pages = _pages(pdfs[name])
    section_two = next(i for i, p in enumerate(pages) if "II. Муниципальная дорожная карта" in p)
    named = 0
    for page in pages[: section_two + 1]:
        part = page.split("II. Муниципальная дорожная карта")[0]
        for number in {m.group(1) for m in re.finditer(r"^(\d+)\.1\.$", part, re.M)}:
            head = _glued(titles[number])[:14]
            assert head in _glued(part), f"{name}: factor {number} begins on a page without its name «{titles[number]}»"
            named += 1
        assert "продолжение" not in part
    assert named == len(titles)


@pytest.mark.pdf
def test_sixty_two_parameters_all_printed(pdfs):
    text = "\n".join(_pages(pdfs["large-62-parameters-2025.yaml"]))
    codes = re.findall(r"^(\d+\.\d+\.)$", text, re.M)
    data = yaml.safe_load((EXAMPLES / "large-62-parameters-2025.yaml").read_text(encoding="utf-8"))
    assert len(data["audit"]) == 62
    assert len(set(codes)) == 62


@pytest.mark.pdf
def test_hundred_and_fifty_events_all_printed(pdfs):
    pages = _pages(pdfs["large-150-events-2025.yaml"], "-layout")
    numbers = {int(m) for page in pages for m in re.findall(r"^ {0,6}(\d{1,3}) ", page, re.M)}
    assert set(range(1, 151)) <= numbers


@pytest.mark.pdf
def test_russian_hyphenation_is_used(pdfs):
    """Justified text and narrow cells break words at Russian syllables (hyphen-ru); without it LibreOffice leaves wide
    gaps.
    """
    for name in ("school-2022.yaml", "sample-2023.yaml"):
        raw = "\n".join(_pages(pdfs[name], "-raw"))
        assert len(re.findall(r"[а-яё]-\n[а-яё]", raw)) >= 20, name


@pytest.mark.pdf
def test_programme_roadmap_is_on_landscape_pages(pdfs):
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "99", str(pdfs["school-2022.yaml"])], capture_output=True, text=True, check=True
    ).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    portrait = [float(w) < float(h) for w, h in sizes]
    assert portrait[0] and not portrait[-1]
    assert portrait == sorted(portrait, reverse=True)  # portrait pages first, then landscape


def test_docx_of_large_examples_are_reproducible(tmp_path):
    for path in LARGE:
        first = _docx(path, tmp_path / "a").read_bytes()
        assert first == _docx(path, tmp_path / "b").read_bytes()
        assert zipfile.ZipFile(tmp_path / "a" / (path.stem + ".docx")).testzip() is None
        etree.fromstring(zipfile.ZipFile(tmp_path / "a" / (path.stem + ".docx")).read("word/document.xml"))


@pytest.mark.pdf
def test_pdf_of_the_report_example(example_builds):
    """The report's PDF (built with the other examples, once): charts beside their titles, alt text, bookmarks."""
    import pypdf

    pdf = example_builds["ust-labinsk-2025-report.yaml"].pdf
    assert pdf is not None and pdf.exists()
    text = pdftotext(pdf, "-layout")
    assert "о реализации муниципальной дорожной карты по профилактике учебной неуспешности" in text
    assert "Рисунок 3. Параметры раздела I по итогам" in text
    pages = text.split("\f")
    # the indicator chart and its caption share a page with the section's title; the signature is not alone on its page
    (chart_page,) = [page for page in pages if "Рисунок 2.1." in page]
    assert "3. Показатели качества" in chart_page
    (signed,) = [page for page in pages if "Е.А.\u00a0Смирнова" in page or "Е.А. Смирнова" in page]
    assert "5.2." in signed and "4.1." in signed  # four rows travel with the signature, never two
    # every chart has its alt text in the tagged PDF (LibreOffice drops it on import; render/pdf_alt.py gives it back)
    figures = []

    def walk(node):
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, pypdf.generic.DictionaryObject):
            if node.get("/S") == "/Figure":
                figures.append(str(node.get("/Alt", "")))
            if "/K" in node:
                walk(node["/K"])
        elif isinstance(node, pypdf.generic.ArrayObject):
            for child in node:
                walk(child)

    walk(pypdf.PdfReader(str(pdf)).trailer["/Root"]["/StructTreeRoot"])
    assert len(figures) == 8 and all(figures), figures
    assert figures[0].startswith("Участия в проведённых мероприятиях по категориям")
    # section titles are headings: the PDF has bookmarks for them
    outline = subprocess.run(
        ["pdftohtml", "-xml", "-i", "-q", "-stdout", str(poppler_copy(pdf))], capture_output=True, text=True
    ).stdout
    for title in (
        "1. Выполнение мероприятий дорожной карты",
        "План и факт по каждому мероприятию",
        "3. Показатели качества",
        "6. К входному аудиту следующего периода",
    ):
        assert f">{title}" in outline, title


@pytest.mark.pdf
def test_full_register_names_of_schools_are_listed_short(pdfs):
    """25 ШНОР named as a register writes them («Муниципальное бюджетное общеобразовательное учреждение «Средняя
    общеобразовательная школа № 12 имени Героя …» муниципального образования …») made 57 pages, six of them for
    the schools of one parameter; listed as «СОШ № 1, 2, …, 25» the roadmap is 7 pages."""
    pages = _pages(pdfs["long-names.yaml"])
    assert len(pages) <= 8
    text = " ".join("\n".join(pages).split())
    assert "СОШ № 1, 2, 3, 4, 5" in text.replace(NBSP, " ")
    assert "имени Героя" not in text


@pytest.mark.pdf
def test_municipality_written_with_its_kind_is_not_doubled_in_the_title(pdfs):
    text = " ".join(_pages(pdfs["long-names.yaml"])[0].split())
    assert "в муниципальном образовании муниципальный округ город-курорт Горячий Ключ" in text
    assert "образовании Муниципальное образование" not in text


@pytest.mark.pdf
def test_a_long_task_of_the_programme_starts_where_the_task_before_ends(pdfs):
    """A task's measures are one merged block chained «keep with next»: a task of 8–12 measures moved on whole
    and still broke over the next page, leaving pages of section 7 half empty (58 %, 46 %, 44 % filled). Cut into
    groups of a third of a page that continue the task's merged cells, every page but the last is mostly full
    and the task is named once."""
    from pages import Pdf

    pdf = Pdf(pdfs["long-programme.yaml"])
    landscape = [p for p in pdf.pages if p.width > p.height]
    filled = {p.number: max(line.bottom for line in p.content) / p.height for p in landscape[:-1]}
    assert len(landscape) >= 4 and min(filled.values()) > 0.6, filled
    named = [line.text for page in landscape for line in page.lines if line.text.startswith("3. обеспечить")]
    assert len(named) == 1, named


def test_a_programme_task_is_cut_into_groups_that_continue_its_merged_cells():
    from neuspeh_cli.document import load_one
    from neuspeh_cli.render.package import MERGE_CONTINUES
    from neuspeh_cli.render.programme import programme_context

    rows = programme_context(load_one(DATA / "layout" / "long-programme.yaml").model)["roadmap"]
    tasks = [r["task"] for r in rows if r["task"] != MERGE_CONTINUES]
    assert [t.split(".")[0] for t in tasks] == ["1", "2", "3", "4", "5"]
    assert len(rows) > len(tasks)  # the long tasks are cut
    for row in rows:
        if row["task"] == MERGE_CONTINUES:
            assert row["results"] == row["indicators"] == row["responsible"] == MERGE_CONTINUES


def test_a_row_taller_than_half_a_page_may_split():
    """Section I's first row with 25 long school names (110 mm) could not split: it took the table, its header too, off
    the first page and left the stamp, the title and «I. Результаты входного аудита» alone there."""
    from neuspeh_cli.render.package import let_tall_rows_split

    def row(text: str, header: bool = False) -> str:
        mark = "<w:tblHeader/>" if header else ""
        return (
            f'<w:tr><w:trPr><w:cantSplit/>{mark}</w:trPr><w:tc><w:tcPr><w:tcW w:w="3628" w:type="dxa"/></w:tcPr>'
            f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc></w:tr>"
        )

    long = "МБОУ «СОШ № 1 им. Героя Советского Союза И.В. Панфилова» ст. Ключевой; " * 13
    xml = f'<w:tbl xmlns:w="{W[1:-1]}">{row("Перечень ШНОР", True)}{row("СОШ № 1, 2")}{row(long)}</w:tbl>'
    table = etree.fromstring(xml)
    let_tall_rows_split(table)
    kept = [tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in table.findall(f"{W}tr")]
    assert kept == [True, True, False]
