"""Write the hand-made roadmap layouts under tests/data/import/ that `neuspeh import` must read.

Each is a .docx written as raw WordprocessingML (not through python-docx), so
that it holds exactly the constructs real documents have and our own
documents never do: both vertical-merge notations, hMerge, gridSpan section
rows, two-row headers, a header repeated mid-table, a table continued after a
page break, tracked insertions and deletions, content controls, fields, Word
auto-numbering, nested tables. Also a spreadsheet (.ods) written as raw
OpenDocument. Zip entries carry a fixed date: the same script writes the same
bytes, and tests/test_import_fixtures.py checks the committed files against it.

    python tools/make_import_fixtures.py [FOLDER]
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "import"
DATE = (2025, 1, 1, 0, 0, 0)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# ---------------------------------------------------------------- WordprocessingML pieces


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def ins(text: str) -> str:
    return f'<w:ins w:id="1" w:author="Методист" w:date="2025-01-01T00:00:00Z">{run(text)}</w:ins>'


def dele(text: str) -> str:
    return (
        '<w:del w:id="2" w:author="Методист" w:date="2025-01-01T00:00:00Z"><w:r><w:delText '
        f'xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>'
    )


def field(instruction: str, shown: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{run(shown)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def control(inner: str, alias: str = "Поле") -> str:
    """An inline content control (w:sdt) around runs."""
    return f'<w:sdt><w:sdtPr><w:alias w:val="{alias}"/></w:sdtPr><w:sdtContent>{inner}</w:sdtContent></w:sdt>'


def para(*parts: str, numbered: bool = False, page_break: bool = False, bold: bool = False) -> str:
    ppr = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>' if numbered else ""
    body = "".join(p if p.startswith("<") else run(p) for p in parts)
    if page_break:
        body = '<w:r><w:br w:type="page"/></w:r>' + body
    if bold:
        body = body.replace("<w:r>", "<w:r><w:rPr><w:b/></w:rPr>")
    return f"<w:p>{ppr}{body}</w:p>"


def cell(
    content: str | list[str] = "",
    *,
    span: int = 1,
    vmerge: str | None = None,
    hmerge: str | None = None,
    numbered: bool = False,
) -> str:
    """``vmerge``: "restart", "continue" (LibreOffice writes w:val) or "bare" (Word writes <w:vMerge/>)."""
    props = []
    if span > 1:
        props.append(f'<w:gridSpan w:val="{span}"/>')
    if hmerge:
        props.append('<w:hMerge w:val="restart"/>' if hmerge == "restart" else "<w:hMerge/>")
    if vmerge == "restart":
        props.append('<w:vMerge w:val="restart"/>')
    elif vmerge == "continue":
        props.append('<w:vMerge w:val="continue"/>')
    elif vmerge == "bare":
        props.append("<w:vMerge/>")
    paragraphs = content if isinstance(content, list) else [content]
    body = (
        "".join(p if p.startswith("<w:p") or p.startswith("<w:tbl") else para(p, numbered=numbered) for p in paragraphs)
        or "<w:p/>"
    )
    return f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr>{body}</w:tc>"


def row(*cells: str, header: bool = False) -> str:
    trpr = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
    return f"<w:tr>{trpr}{''.join(cells)}</w:tr>"


def table(widths: list[int], *rows: str) -> str:
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    return (
        '<w:tbl><w:tblPr><w:tblW w:w="0" '
        f'w:type="auto"/><w:tblBorders>{borders}</w:tblBorders></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>'
    )


def plain_row(texts: list[str], header: bool = False) -> str:
    return row(*[cell(t) for t in texts], header=header)


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/numbering.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/>'
    "</Relationships>"
)
DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" '
    'Target="numbering.xml"/>'
    "</Relationships>"
)
NUMBERING = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="{W_NS}">'
    '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText '
    'w:val="%1."/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
)


def zip_bytes(entries: dict[str, str]) -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in entries.items():
            info = zipfile.ZipInfo(name, DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


def docx(*blocks: str, landscape: bool = True) -> bytes:
    size = (
        '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>' if landscape else '<w:pgSz w:w="11906" w:h="16838"/>'
    )
    body = (
        "".join(blocks)
        + f'<w:sectPr>{size}<w:pgMar w:top="1134" w:right="567" w:bottom="1134" w:left="1134" w:header="0" '
        'w:footer="0" w:gutter="0"/></w:sectPr>'
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document '
        f'xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    )
    return zip_bytes(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "_rels/.rels": RELS,
            "word/_rels/document.xml.rels": DOC_RELS,
            "word/document.xml": document,
            "word/numbering.xml": NUMBERING,
        }
    )


# ---------------------------------------------------------------- layouts


def other_order() -> bytes:
    """Other column order and headers; UTVERZHDAYU block; both vMerge notations; tracked changes; content control;
    field; auto-numbered №.
    """
    audit = table(
        [900, 5000, 3000, 3000],
        plain_row(["Код", "Параметр (риск)", "Фактор риска", "Перечень ШНОР"], header=True),
        row(
            cell("1.1."),
            cell("Дефицит педагогических сотрудников"),
            cell("Кадровые ресурсы школы", vmerge="restart"),
            cell("МБОУ СОШ № 5, МБОУ «СОШ № 10»"),
        ),
        row(
            cell("1.2."),
            cell("Наличие административных работников, имеющих стаж руководящей работы менее 5-ти лет"),
            cell("", vmerge="bare"),
            cell("МКОУ ООШ № 23"),
        ),
        row(
            cell("1.3."),
            cell("Вакансии педагогов-психологов в сельских школах"),
            cell("", vmerge="continue"),
            cell("МБОУ Волошинская СОШ; гимназия № 2"),
        ),
        row(
            cell("2.1."),
            cell("Низкая методическая подготовка учителей (начальных классов, математики и русского языка)"),
            cell("Профессионализм и компетенции педагогов"),
            cell("СОШ № 5, 10"),
        ),
    )
    head = plain_row(
        [
            "№",
            "Сроки",
            "Наименование мероприятия",
            "Ответственные исполнители",
            "Форма проведения",
            "Участники",
            "Место проведения",
            "Код параметра",
        ],
        header=True,
    )
    events = table(
        [500, 1400, 3600, 1800, 1600, 2200, 1600, 1000],
        head,
        row(
            cell("", numbered=True),
            cell("Октябрь 2025"),
            cell([para("Семинар-практикум"), para("«Молодой учитель: " + "первые шаги»")]),
            cell("УО, ТМС"),
            cell("тематический семинар"),
            cell("Учителя ОО со стажем менее 5 лет"),
            cell("МБОУ СОШ № 7"),
            cell("1.1., 2.1."),
        ),
        row(
            cell("", numbered=True),
            cell([para(control(run("Ноябрь 2025"), "Сроки"))]),
            cell([para("«Наставничество ", ins("в сельской школе"), dele("в городе"), "»")]),
            cell([para(field("DOCPROPERTY Ответственный", "ТМС"))]),
            cell("стажировка"),
            cell("Заместители руководителей ШНОР (МБОУ «СОШ № 10», МКОУ ООШ № 23)"),
            cell("МАОУ гимназия № 2"),
            cell("1.2"),
        ),
        row(
            cell("", numbered=True),
            cell("В течение года"),
            cell("Мониторинг подготовки и реализации внутришкольных систем профилактики учебной неуспешности"),
            cell("УО"),
            cell("мониторинг"),
            cell("Руководители всех ОО"),
            cell("УО"),
            cell("все выявленные параметры"),
        ),
        '<w:sdt><w:sdtPr><w:alias w:val="Строка"/></w:sdtPr><w:sdtContent>'
        + row(
            cell("", numbered=True),
            cell("Декабрь 2025"),
            cell("Консультации для педагогов-психологов сельских школ"),
            cell("ППМС"),
            cell("консультирование"),
            cell("Педагоги-психологи ОО"),
            cell("ППМС"),
            cell("1.3"),
        )
        + "</w:sdtContent></w:sdt>",
    )
    return docx(
        para("УТВЕРЖДАЮ"),
        para("Начальник управления образования"),
        para("администрации МО Тестовый район"),
        para("______________ А.Б. Петрова"),
        para("«28» августа 2025 г."),
        para(""),
        para("ДОРОЖНАЯ КАРТА", bold=True),
        para("по профилактике учебной неуспешности в муниципальном образовании Тестовый район на 2025 год", bold=True),
        para("I. Результаты входного аудита"),
        audit,
        para("II. Муниципальная дорожная карта по профилактике учебной неуспешности"),
        events,
    )


def two_row_header() -> bytes:
    """Two-row headers, gridSpan section rows naming the groups, a column-number row, approval by order, school year."""
    audit = table(
        [500, 2600, 5200, 1000, 3600],
        row(
            cell("№", vmerge="restart"),
            cell("Фактор негативного влияния (риска)", span=3),
            cell("Перечень ШНОР, в работе которых проявляются негативные факторы", vmerge="restart"),
            header=True,
        ),
        row(
            cell("", vmerge="continue"),
            cell("наименование фактора"),
            cell("параметры"),
            cell("код параметра"),
            cell("", vmerge="continue"),
            header=True,
        ),
        plain_row(["1", "2", "3", "4", "5"]),
        row(
            cell("1", vmerge="restart"),
            cell(
                "1. Неудовлетворительное качество взаимодействия с родителями (законными представителями) обучающихся",
                vmerge="restart",
            ),
            cell(
                "Слабая информированность родителей о динамике образовательных достижений обучающихся и возможностях "
                "для их улучшения"
            ),
            cell("1.1"),
            cell("СОШ № 3, 14; ООШ № 19"),
        ),
        row(
            cell("", vmerge="continue"),
            cell("", vmerge="continue"),
            cell("Дистанцирование родителей от учебного процесса"),
            cell("1.2"),
            cell("СОШ № 14"),
        ),
    )
    events = table(
        [500, 3400, 1600, 1000, 2600, 1500, 1300, 1900],
        row(
            cell("№", vmerge="restart"),
            cell("Мероприятие", vmerge="restart"),
            cell("Форма", vmerge="restart"),
            cell("Код параметра", vmerge="restart"),
            cell("Контингент", vmerge="restart"),
            cell("Место и сроки проведения", span=2),
            cell("Ответственные", vmerge="restart"),
            header=True,
        ),
        row(
            cell("", vmerge="bare"),
            cell("", vmerge="bare"),
            cell("", vmerge="bare"),
            cell("", vmerge="bare"),
            cell("", vmerge="bare"),
            cell("место"),
            cell("сроки"),
            cell("", vmerge="bare"),
            header=True,
        ),
        plain_row([str(n) for n in range(1, 9)]),
        row(cell("1. Муниципальные мероприятия (организатор — ТМС)", span=8)),
        plain_row(
            [
                "1.",
                "«Школа и семья: диалог о результатах»",
                "конференция",
                "1.1., 1.2.",
                "Родители обучающихся всех ОО",
                "ГДК",
                "Ноябрь 2025",
                "УО, ТМС",
            ]
        ),
        row(cell("2. Мероприятия с участием ШНОР", hmerge="restart"), *[cell("", hmerge="continue") for _ in range(7)]),
        plain_row(
            [
                "2.",
                "«Родительское собрание: как помочь ребёнку»",
                "мастер-класс",
                "1.1",
                "Классные руководители ШНОР (МБОУ СОШ № 14, МКОУ ООШ № 19)",
                "ТМС",
                "Январь 2026",
                "ТМС",
            ]
        ),
        row(
            cell("3. Контроль подготовки и реализации внутришкольных систем профилактики учебной неуспешности", span=8)
        ),
        plain_row(
            [
                "3.",
                "Мониторинг подготовки и реализации внутришкольных систем профилактики учебной неуспешности",
                "мониторинг",
                "все выявленные параметры",
                "Администрация ОО",
                "ТМС",
                "Май 2026",
                "УО, ТМС",
            ]
        ),
    )
    return docx(
        para("УТВЕРЖДЕНО"),
        para("приказом управления образования администрации муниципального образования Тестовый район"),
        para("от 29.08.2025 № 044"),
        para("Дорожная карта по профилактике учебной неуспешности"),
        para("в муниципальном образовании Тестовый район"),
        para("на 2025/2026 учебный год"),
        para("I. Результаты входного аудита"),
        audit,
        para("II. Муниципальная дорожная карта по профилактике учебной неуспешности"),
        events,
        para("Начальник управления образования\t\tА.Б. Петрова"),
    )


def page_break() -> bytes:
    """Factor titles as section rows, «по каждой ОО»; events split by a page break with the header typed again, a header
    repeated mid-table, a nested table, ranges of codes, an indicator table.
    """
    audit = table(
        [5600, 1200, 4000],
        plain_row(
            ["Параметр", "Код", "Перечень ОО, в работе которых проявляются негативные факторы (по каждой ОО)"],
            header=True,
        ),
        row(cell("Кадровые ресурсы школы", span=3)),
        plain_row(["Дефицит педагогических сотрудников", "1.1.", "МБОУ СОШ № 1, 2"]),
        plain_row(
            [
                "Преподавание административными работниками учебных предметов с нагрузкой более 18 часов",
                "1.2.",
                "МБОУ СОШ № 2",
            ]
        ),
        plain_row(["Наличие вакансий административных работников", "1.3.", "МБОУ лицей № 4"]),
        row(cell("Профессионализм и компетенции педагогов", span=3)),
        plain_row(["Наличие учителей со стажем менее 5 лет", "2.1.", "МБОУ СОШ № 1"]),
    )
    header = [
        "№ п/п",
        "Содержание мероприятия",
        "Форма",
        "Параметры (коды)",
        "Целевая группа",
        "Место",
        "Дата",
        "Ответственный",
    ]
    nested = table([1500, 1500], plain_row(["Учителя", "СОШ № 1, 2"]), plain_row(["Наставники", "лицей № 4"]))
    first = table(
        [600, 3400, 1600, 1200, 2600, 1300, 1300, 1600],
        plain_row(header, header=True),
        plain_row(
            [
                "1",
                "«Стратегия профилактики учебной неуспешности»",
                "стратегическая сессия",
                "все",
                "Руководители ОО",
                "УО",
                "Сентябрь 2025",
                "УО",
            ]
        ),
        plain_row(
            ["2", "«Кадровый резерв школы»", "совещание", "1.1–1.3", "Руководители ОО", "УО", "Октябрь 2025", "УО"]
        ),
        plain_row(header),
        row(
            cell("3"),
            cell("«Наставничество: первые шаги»"),
            cell("мастер-класс"),
            cell("2.1; 1.1"),
            cell([para("Учителя и наставники:"), nested]),
            cell("лицей № 4"),
            cell("Ноябрь 2025"),
            cell("ТМС"),
        ),
    )
    second = table(
        [600, 3400, 1600, 1200, 2600, 1300, 1300, 1600],
        plain_row(header, header=True),
        plain_row(
            [
                "4",
                "Мониторинг подготовки и реализации внутришкольных систем профилактики учебной неуспешности",
                "мониторинг",
                "все выявленные параметры",
                "Заместители руководителей ОО",
                "ТМС",
                "Декабрь 2025",
                "ТМС",
            ]
        ),
        plain_row(
            [
                "5",
                "«Итоги года: эффективные практики»",
                "круглый стол",
                "1.1, 2.1",
                "Руководители ОО",
                "УО",
                "Декабрь 2025",
                "УО, ТМС",
            ]
        ),
    )
    indicators = table(
        [5000, 1200, 1600, 1600],
        plain_row(["Показатель", "Ед. изм.", "Базовое значение", "Целевое значение"], header=True),
        plain_row(
            ["Доля ОО с утверждённой внутришкольной программой профилактики учебной неуспешности", "%", "40", "100"]
        ),
        plain_row(["Доля учителей со стажем менее 5 лет, имеющих наставника", "%", "55,5", "90"]),
    )
    return docx(
        para("Дорожная карта по профилактике учебной неуспешности в МО Тестовый район на 2026 год"),
        para("Результаты входного аудита"),
        audit,
        para("Мероприятия"),
        first,
        para("", page_break=True),
        para("Продолжение таблицы"),
        second,
        para("Показатели качества внутришкольных систем профилактики учебной неуспешности"),
        indicators,
        para("Начальник управления образования ______________ А.Б. Петрова"),
    )


# ---------------------------------------------------------------- OpenDocument spreadsheet

ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def ods_cell(text: str, span: int = 1) -> str:
    spanned = f' table:number-columns-spanned="{span}"' if span > 1 else ""
    covered = "<table:covered-table-cell/>" * (span - 1)
    return (
        "<table:table-cell "
        f'office:value-type="string"{spanned}><text:p>{escape(text)}</text:p></table:table-cell>{covered}'
    )


def events_ods() -> bytes:
    rows = [
        [("Мероприятия дорожной карты МО Тестовый район на 2025 год", 6)],
        [
            ("Мероприятие", 1),
            ("Форма", 1),
            ("Участники", 1),
            ("Место проведения", 1),
            ("Срок", 1),
            ("Ответственные", 1),
        ],
        [("«Школа молодого учителя»", 1), ("семинар", 1), ("Учителя ОО", 1), ("ТМС", 1), ("03.2025", 1), ("ТМС", 1)],
        [
            ("«Объективность оценивания»", 1),
            ("тематический семинар", 1),
            ("Заместители руководителей ОО", 1),
            ("УО", 1),
            ("Апрель 2025", 1),
            ("УО", 1),
        ],
    ]
    body = "".join("<table:table-row>" + "".join(ods_cell(t, s) for t, s in r) + "</table:table-row>" for r in rows)
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NS} '
        'office:version="1.2"><office:body><office:spreadsheet>'
        '<table:table table:name="Мероприятия"><table:table-column '
        f'table:number-columns-repeated="6"/>{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo("mimetype", DATE)
        info.compress_type = zipfile.ZIP_STORED
        archive.writestr(info, "application/vnd.oasis.opendocument.spreadsheet")
        for name, text in (("content.xml", content), ("META-INF/manifest.xml", manifest)):
            info = zipfile.ZipInfo(name, DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


FIXTURES = {
    "other-order.docx": other_order,
    "two-row-header.docx": two_row_header,
    "page-break.docx": page_break,
    "events.ods": events_ods,
}


def build_all() -> dict[str, bytes]:
    return {name: make() for name, make in FIXTURES.items()}


def main(argv: list[str]) -> None:
    out = Path(argv[0]) if argv else OUT
    out.mkdir(parents=True, exist_ok=True)
    for name, data in build_all().items():
        (out / name).write_bytes(data)
        print(f"Записан {out / name}")


if __name__ == "__main__":
    main(sys.argv[1:])
