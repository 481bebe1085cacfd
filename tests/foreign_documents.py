"""Roadmaps as other municipalities' Word files carry them: raw WordprocessingML in a python-docx package.

The builders write what Word itself writes for things a clerk does without
thinking: a content control left with its prompt, an approval stamp in a text
box (DrawingML with its VML copy), and so on. The texts follow the institute's
sample roadmap.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from import_helpers import EVENT_HEADERS

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)

TITLE = "Дорожная карта по профилактике учебной неуспешности в муниципальном образовании Лесной район на 2025 год"
APPROVAL = ["УТВЕРЖДАЮ", "Начальник управления образования", "____________ А.Б. Сидорова", "«20» января 2025 г."]
H1 = ["№", "Наименование фактора", "Параметры", "Код параметра", "Перечень ШНОР"]
AUDIT = [
    ("Кадровые ресурсы школы", "Дефицит педагогических сотрудников", "1.1.", "СОШ № 5, 6, 8"),
    (
        "Высокая доля обучающихся с рисками учебной неуспешности",
        "Низкая мотивация школьников к учению",
        "3.2.",
        "СОШ № 5",
    ),
]
H2 = EVENT_HEADERS
EVENTS = [
    ("«Моя профессия – учитель»", "форум", "1.1.", "Обучающиеся 9-11 классов", "МБОУ СОШ № 5", "Октябрь 2025", "УО"),
    ("«Ученик года»", "конкурс", "3.2.", "Обучающиеся 8-11 классов", "ГДК", "Апрель 2025", "УО, ТМС"),
    (
        "Мониторинг наличия и качества содержания внутришкольных систем профилактики учебной неуспешности",
        "мониторинг",
        "все выявленные параметры",
        "Администрация ОО",
        "ТМС",
        "Июнь 2025",
        "Методисты ТМС",
    ),
]


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(*parts: str) -> str:
    return "<w:p>" + "".join(part if part.startswith("<") else run(part) for part in parts) + "</w:p>"


def cell(content: str) -> str:
    return f"<w:tc>{content if content.startswith('<') else para(content)}</w:tc>"


def row(*cells: str) -> str:
    return "<w:tr>" + "".join(c if c.startswith("<w:tc") else cell(c) for c in cells) + "</w:tr>"


def table(*rows: str, cols: int) -> str:
    grid = "".join(f'<w:gridCol w:w="{14000 // cols}"/>' for _ in range(cols))
    return f"<w:p/><w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl><w:p/>"


def section_one() -> str:
    return table(row(*H1), *(row(str(n), *a) for n, a in enumerate(AUDIT, 1)), cols=len(H1))


def section_two(cells=None) -> str:
    """The events table; ``cells(number, texts)`` may replace a row's cells by raw XML."""
    rows = [row(*H2)]
    for number, event in enumerate(EVENTS, 1):
        texts = [str(number), *event]
        rows.append(row(*(cells(number, texts) if cells else texts)))
    return table(*rows, cols=len(H2))


def text_box(*lines: str) -> str:
    """A text box as Word 2010+ writes it: DrawingML, and the same box again in VML for older readers."""
    inner = "".join(para(line) for line in lines)
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
        f"<wps:wsp><wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData>"
        "</a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
        f"<w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def prompt_control(prompt: str = "Место для ввода текста.") -> str:
    """A content control nobody filled: Word shows its prompt, marked ``showingPlcHdr``."""
    return f"<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>{run(prompt)}</w:sdtContent></w:sdt>"


def save(path: Path, body: str) -> Path:
    """A Word package (python-docx's default one) whose body is ``body``."""
    import docx
    from lxml import etree

    document = docx.Document()
    element = document.element.body
    section = element[-1]
    for child in list(element):
        element.remove(child)
    for child in etree.fromstring(f"<w:body {NS}>{body}<w:p/></w:body>".encode()):
        element.append(child)
    element.append(section)
    document.save(str(path))
    return path


def stamp_in_text_box(path: Path) -> Path:
    return save(path, para(text_box(*APPROVAL)) + para(TITLE) + section_one() + section_two())


def unfilled_control(path: Path) -> Path:
    """The place of event 2 is a content control still showing its prompt; event 1's is one that was filled."""

    def cells(number, texts):
        if number == 1:
            texts[5] = cell(f"<w:sdt><w:sdtPr/><w:sdtContent>{para(texts[5])}</w:sdtContent></w:sdt>")
        if number == 2:
            texts[5] = cell(para(prompt_control()))
            # the same prompt as a control around the cell's whole paragraph
            texts[4] = cell(
                "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
                f"{para('Click or tap here to enter text.')}</w:sdtContent></w:sdt>"
            )
        return texts

    return save(path, "".join(para(line) for line in APPROVAL) + para(TITLE) + section_one() + section_two(cells))


REPORT_HEADER = ["№ п/п", "Наименование мероприятия", "Сроки проведения", "Ответственные", "Отметка о выполнении"]


def report(
    path: Path,
    *,
    title: bool = True,
    audit: bool = False,
    marks=("выполнено", "перенесено на май 2025", "не выполнено"),
) -> Path:
    """A municipality's own report on its roadmap: the events with a mark each; with ``audit`` a roadmap's section I
    above."""
    rows = [row(*REPORT_HEADER, "Количество участников")]
    for number, (event, mark) in enumerate(zip(EVENTS, marks), 1):
        rows.append(row(str(number), event[0], event[5], event[6], mark, str(10 * number)))
    heading = (
        "Отчёт о реализации дорожной карты по профилактике учебной неуспешности в муниципальном образовании "
        "Лесной район за 2025 год"
        if title
        else TITLE
    )
    return save(path, para(heading) + (section_one() if audit else "") + table(*rows, cols=6))


def listed_audit(path: Path) -> Path:
    """Section I typed as paragraphs: factor lines, parameters with their codes and ШНОР in three spellings."""
    lines = [
        "Раздел I. Результаты входного аудита",
        "1. Кадровые ресурсы школы",
        "1.1. Дефицит педагогических сотрудников – СОШ № 5, 6, 8;",
        "2. Высокая доля обучающихся с рисками учебной неуспешности",
        "2.1. Низкая мотивация школьников к учению (ШНОР: СОШ № 5)",
        "2.2. Наличие обучающихся с ОВЗ",
    ]

    def cells(number, texts):
        texts[3] = {"3.2.": "2.1., 2.2."}.get(texts[3], texts[3])
        return texts

    body = "".join(para(line) for line in [*APPROVAL, TITLE, *lines])
    return save(path, body + para("Раздел II. Мероприятия") + section_two(cells))


def programme_with_word_lists(path: Path) -> Path:
    """The seed programme as a school types it in Word: its numbered and dashed lines made Word lists (the numbers
    and bullets in numbering.xml, not in the text), a new list for every run of items, as Word starts one."""
    import re

    import docx
    import municipal_layouts
    from lxml import etree

    document = docx.Document(str(municipal_layouts.seed_programme(path)))
    numbering = document.part.numbering_part.element
    for number, (fmt, text) in enumerate([("decimal", "%1."), ("bullet", "\uf0b7")], 900):
        numbering.insert(
            0,
            etree.fromstring(
                f'<w:abstractNum {NS} w:abstractNumId="{number}"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl></w:abstractNum>'
            ),
        )
    lists, previous = 0, None
    for paragraph in document.paragraphs:
        found = re.match(r"^\s*(?:(\d+)[.)]|[-–•])\s+(.*)$", paragraph.text)
        if not found:
            previous = None
            continue
        kind = 900 if found[1] else 901
        if kind != previous:  # a new run of items: a new list, numbered from 1
            lists += 1
            numbering.append(
                etree.fromstring(f'<w:num {NS} w:numId="{800 + lists}"><w:abstractNumId w:val="{kind}"/></w:num>')
            )
        previous = kind
        for run in paragraph.runs[1:]:
            run._r.getparent().remove(run._r)
        paragraph.runs[0].text = found[2]
        properties = paragraph._p.get_or_add_pPr()
        properties.append(
            etree.fromstring(f'<w:numPr {NS}><w:ilvl w:val="0"/><w:numId w:val="{800 + lists}"/></w:numPr>')
        )
    document.save(str(path))
    return path


def as_strict(source: Path, path: Path) -> Path:
    """The document saved as Word's «Strict Open XML Document»: the same parts in the ISO namespaces."""
    import zipfile

    transitional = {
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main": b"http://purl.oclc.org/ooxml/wordprocessingml/main",
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument": (
            b"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
        ),
    }
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in original.infolist():
            data = original.read(info.filename)
            for old, new in transitional.items():
                data = data.replace(old, new)
            out.writestr(info, data)
    return path


SEED_GOAL = (
    "снижение доли обучающихся с рисками учебной неуспешности за счет системного преодоления дефицитов организации "
    "образовательного процесса посредством разработки и поэтапного внедрения системной работы с участниками "
    "образовательных отношений"
)


def programme_with_passport(path: Path, *, text: bool = True) -> Path:
    """A programme with the passport table schools put before the text: «Цель программы | …», «Задачи программы |
    1. … 2. …»… With ``text`` the seed programme follows it and says the same again; without, the passport and the
    roadmap table are all there is."""
    import docx
    import municipal_layouts

    seed = docx.Document(str(municipal_layouts.seed_programme(path)))
    paragraphs = [p.text for p in seed.paragraphs]
    start = paragraphs.index("1. Цель и задачи реализации программы.")
    tasks = paragraphs[paragraphs.index("Основными задачами являются следующие:") + 1 :][:5]
    indicators = [p for p in paragraphs if p.startswith("Показатель ")]
    group = paragraphs[paragraphs.index("Для управления реализацией данной программы создана рабочая группа, в состав "
                                        "которой входят:") + 1 :][:4]  # fmt: skip
    rows = [
        ("Цель программы", [SEED_GOAL[0].upper() + SEED_GOAL[1:] + "."]),
        ("Задачи программы", tasks),
        ("Целевые показатели (индикаторы)", indicators),
        ("Сроки реализации программы", ["сентябрь 2022 – май 2023"]),
        ("Исполнители программы", [line.lstrip("- ") for line in group]),
        ("Основания для разработки", ["приказ отдела образования от 14 января 2022 года № 44"]),
    ]
    passport = seed.add_table(rows=0, cols=2)
    for label, lines in rows:
        cells = passport.add_row().cells
        cells[0].text = label
        cells[1].text = lines[0]
        for line in lines[1:]:
            cells[1].add_paragraph(line)
    anchor = seed.paragraphs[start]._p
    anchor.addprevious(passport._tbl)
    if not text:  # the text of the programme gone: the passport, its heading and the roadmap table stay
        for paragraph in seed.paragraphs[start:]:
            if paragraph.text != "Дорожная карта реализации программы":
                paragraph._p.getparent().remove(paragraph._p)
    seed.save(str(path))
    return path


def one_table(path: Path) -> Path:
    """Section I and section II in one table (Word joins two tables when the paragraph between them is deleted):
    a heading row, the audit's header and rows, a heading row, the events' own header and rows."""
    width = len(H2)

    def spanned(text: str, span: int) -> str:
        return f'<w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>{para(text)}</w:tc>'

    def audit_row(*texts: str) -> str:
        number, factor, parameter, code, schools = texts
        return row(number, spanned(factor, 2), spanned(parameter, 2), code, spanned(schools, 2))

    rows = [row(spanned("I. Результаты входного аудита", width)), audit_row(*H1)]
    rows += [audit_row(str(n), *a) for n, a in enumerate(AUDIT, 1)]
    rows += [row(spanned("II. Мероприятия дорожной карты", width)), row(*H2)]
    rows += [row(str(n), *e) for n, e in enumerate(EVENTS, 1)]
    return save(path, "".join(para(line) for line in [*APPROVAL, TITLE]) + table(*rows, cols=width))


def lines_broken_by_hand(path: Path) -> Path:
    """The approval stamp, the title and the signature each one paragraph, their lines broken by Shift+Enter."""

    def broken(*lines: str) -> str:
        return (
            "<w:p><w:r>"
            + "<w:br/>".join(f'<w:t xml:space="preserve">{escape(t)}</w:t>' for t in lines)
            + "</w:r></w:p>"
        )

    title = [
        "Дорожная карта",
        "по профилактике учебной неуспешности",
        "в муниципальном образовании Лесной район",
        "на 2025 год",
    ]
    signature = broken("Заместитель начальника управления образования", "____________ В.Г. Петрова")
    return save(path, broken(*APPROVAL) + broken(*title) + section_one() + section_two() + signature)


def with_footnote(path: Path) -> Path:
    """The header «Дата проведения*» carries a footnote, «* по согласованию с ИРО», printed at the page's foot."""

    def cells(number, texts):
        if number == 2:
            texts[6] = cell(para(texts[6], '<w:r><w:footnoteReference w:id="1"/></w:r>'))
        return texts

    body = "".join(para(line) for line in [*APPROVAL, TITLE]) + section_one() + section_two(cells)
    save(path, body)
    import zipfile

    notes = (
        f'<w:footnotes {NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        f'</w:footnote><w:footnote w:id="1">{para(" по согласованию с ИРО")}</w:footnote></w:footnotes>'
    )
    relation = (
        '<Relationship Id="rIdNote" Target="footnotes.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"/>'
    )
    content_type = (
        '<Override PartName="/word/footnotes.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
    )
    with zipfile.ZipFile(path) as original:
        parts = {info.filename: original.read(info.filename) for info in original.infolist()}
    parts["word/footnotes.xml"] = notes.encode()
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", relation.encode() + b"</Relationships>"
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", content_type.encode() + b"</Types>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return path


def programme_with_indicator_table(path: Path) -> Path:
    """The seed programme whose «Показатель N. …» paragraphs are a table «№ | Показатель | Задача | Цель»."""
    import re

    import docx
    import municipal_layouts

    seed = docx.Document(str(municipal_layouts.seed_programme(path)))
    found = [p for p in seed.paragraphs if p.text.startswith("Показатель ")]
    table = seed.add_table(rows=1, cols=4)
    for cell, title in zip(table.rows[0].cells, ["№", "Показатель", "Задача", "Целевое значение"]):
        cell.text = title
    for paragraph in found:
        m = re.match(r"Показатель (\d+)\. (.+)", paragraph.text)
        cells = table.add_row().cells
        for cell, text in zip(cells, [m[1], m[2], m[1], "100 %"]):
            cell.text = text
    found[0]._p.addprevious(table._tbl)
    for paragraph in found:
        paragraph._p.getparent().remove(paragraph._p)
    seed.save(str(path))
    return path


def audit_grid(path: Path) -> Path:
    """Section I as a grid: a column per school, «+» where the parameter shows; one school without a mark, a «-»,
    and a cell that is no mark."""
    schools = ["МБОУ СОШ № 5", "МБОУ СОШ № 6", "МБОУ СОШ № 8", "МБОУ СОШ № 9"]
    marks = [["+", "+", "", "-"], ["+", "", "см. примечание", ""]]
    rows = [row("№", "Фактор", "Параметр", "Код", *schools)]
    rows += [row(str(n), a[0], a[1], a[2], *m) for n, (a, m) in enumerate(zip(AUDIT, marks), 1)]
    return save(path, para(TITLE) + table(*rows, cols=4 + len(schools)) + section_two())


MONTHS = ["янв.", "февр.", "март", "апр.", "май", "июнь", "июль", "авг.", "сент.", "окт.", "нояб.", "дек."]


def calendar_plan(path: Path) -> Path:
    """Section II laid out as a calendar: «Сроки проведения (2025 год)» over a column per month, «+» in the months
    an event is held (one cell holds a date instead of a mark)."""
    vertical = '<w:tcPr><w:vMerge w:val="restart"/></w:tcPr>'
    top = row(
        *(f"<w:tc>{vertical}{para(t)}</w:tc>" for t in ["№", "Мероприятие", "Форма", "Код параметра", "Ответственные"]),
        f'<w:tc><w:tcPr><w:gridSpan w:val="12"/></w:tcPr>{para("Сроки проведения (2025 год)")}</w:tc>',
    )
    under = row(*("<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>" for _ in range(5)), *MONTHS)
    held = {1: {9: "+"}, 2: {3: "+", 4: "+"}, 3: {5: "+", 11: "15.12"}}
    rows = [top, under] + [
        row(str(n), e[0], e[1], e[2], e[6], *(held[n].get(m, "") for m in range(12))) for n, e in enumerate(EVENTS, 1)
    ]
    return save(path, para(TITLE) + section_one() + table(*rows, cols=5 + 12))
