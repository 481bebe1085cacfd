"""Generate templates/report.docx, the Word template of the implementation report.

Run from the repository root: ``python tools/make_report_template.py``.
The result is an ordinary .docx with Jinja tags (docxtpl) whose look lives in
named styles, the roadmap's own («Текст таблицы», «Шапка таблицы», «Подпись»,
Heading 1/2 for section titles…) plus a few of the report's («Рисунок»,
«Подпись рисунка», «Текст таблицы: формула»…); a municipality may restyle a
copy in Word and pass it with ``neuspeh build --template``. Its values come
from ``neuspeh_cli.render.report.report_context`` (docs/templates.md lists them).
Layout: DESIGN.md §3 (A4 landscape, Times New Roman, ГОСТ Р 7.0.97-2025
margins, header rows repeated on every page).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from docx_helpers import (
    Style,
    add_page_number_header,
    base_styles,
    cell_bottom,
    cell_center,
    end_of_document,
    keep_row_on_one_page,
    lines_in_one_paragraph,
    mark_header_row,
    new_document,
    paragraph,
    save_template,
    set_cell,
    table,
    tag,
    tag_row,
)

from neuspeh_cli.render.report import TABLE_PT, TEXT_WIDTH

BODY_PT = 12
TITLE = "Шаблон отчёта о реализации дорожной карты по профилактике учебной неуспешности"

# Column widths (mm), each table the full text width (262 mm) except the summary.
SUMMARY_WIDTHS = [120, 30, 30]
EVENTS_WIDTHS = [8, 46, 20, 20, 21, 34, 30, 27, 26, 30]
CRITERIA_WIDTHS = [38, 10, 50, 82, 24, 58]
INDICATORS_WIDTHS = [62, 100, 50, 50]
OUTCOMES_WIDTHS = [20, 88, 34, 26, 94]
CORRECTIONS_WIDTHS = [9, 24, 80, 22, 70, 57]
NEXT_AUDIT_WIDTHS = [20, 100, 62, 80]
SIGNATURE_WIDTHS = [170, TEXT_WIDTH - 170]


def data_table(doc, headers: list[str], widths: list[float], loops: list[str], cells: list[tuple[str, str]]):
    """A repeated header row, the ``{%tr for … %}`` rows, one data row kept on one page, the ``{%tr endfor %}`` rows."""
    t = table(doc, 1 + 2 * len(loops) + 1, widths)
    for cell, text in zip(t.rows[0].cells, headers):
        set_cell(cell, text, "TableHeading")
        cell_center(cell)
    mark_header_row(t.rows[0])
    for k, statement in enumerate(loops):
        tag_row(t, 1 + k, "{%tr " + statement + " %}")
    data = t.rows[1 + len(loops)]
    keep_row_on_one_page(data)
    for cell, (text, style) in zip(data.cells, cells):
        set_cell(cell, text, style)
    for k in range(len(loops)):
        tag_row(t, 2 + len(loops) + k, "{%tr endfor %}")
    return t


def title(doc) -> None:
    lines_in_one_paragraph(
        doc,
        [
            "Отчёт",
            "о реализации муниципальной дорожной карты по профилактике учебной неуспешности",
            "в муниципальном образовании {{ municipality }}",
            "{{ period_title }}",
        ],
        "DocumentTitle",
    )
    paragraph(doc, "{{ intro }}", "Intro")


def events(doc) -> None:
    paragraph(doc, "1. Выполнение мероприятий дорожной карты", "Heading1")
    data_table(
        doc,
        ["Статус мероприятий", "Количество", "Доля"],
        SUMMARY_WIDTHS,
        ["for s in summary"],
        [
            ("{{ s.status }}", "TableText"),
            ("{{ s.count }}", "TableTextCentered"),
            ("{{ s.share }}", "TableTextCentered"),
        ],
    )
    paragraph(doc, "План и факт по каждому мероприятию", "Heading2")
    data_table(
        doc,
        [
            "№",
            "Мероприятие, форма",
            "Код параметра",
            "Срок по плану",
            "Статус",
            "Факт: даты, перенос, причина",
            "Участники",
            "Из них из ШНОР",
            "Оценили положительно",
            "Подтверждение",
        ],
        EVENTS_WIDTHS,
        ["for e in events"],
        [
            ("{{ e.number }}", "TableTextCentered"),
            ("{{ e.name }} ({{ e.form }})", "TableText"),
            ("{{ e.codes }}", "TableTextCentered"),
            ("{{ e.planned }}", "TableText"),
            ("{{ e.status }}", "TableText"),
            ("{{ e.fact }}", "TableText"),
            ("{{ e.participants }}", "TableText"),
            ("{{ e.shnor }}", "TableText"),
            ("{{ e.feedback }}", "TableText"),
            ("{{ e.evidence }}", "TableText"),
        ],
    )
    tag(doc, "{%p if charts.participants %}")
    paragraph(doc, "{{ charts.participants }}", "Figure")
    paragraph(
        doc, "Рисунок 1. Участия в проведённых мероприятиях по категориям{{ participants_caption }}", "FigureCaption"
    )
    tag(doc, "{%p endif %}")


def cell_lines(cell, loop: str, text: str, style: str) -> None:
    """A cell with one paragraph per item of ``loop`` (``{%p for … %}`` inside the cell)."""
    set_cell(cell, "{%p " + loop + " %}", "TemplateTag")
    paragraph(cell, text, style)
    tag(cell, "{%p endfor %}")


def effectiveness(doc) -> None:
    paragraph(doc, "2. Оценка эффективности профилактики (критерии методических рекомендаций)", "Heading1")
    t = data_table(
        doc,
        ["Группа критериев", "№", "Критерий", "Как вычисляется", "Значение", "Пояснение"],
        CRITERIA_WIDTHS,
        ["for g in criteria", "for c in g.rows"],
        [
            ("{% vm %}{{ g.title }}", "TableText"),
            ("{{ c.number }}", "TableTextCentered"),
            ("{{ c.title }}", "TableText"),
            ("{{ c.formula }}", "TableFormula"),
            ("{{ c.value }}", "TableTextCentered"),
            ("", "TableText"),
        ],
    )
    # One paragraph per detail: «по категориям…», «динамика…», «сохранность…» read apart, not run together.
    cell_lines(t.rows[3].cells[5], "for d in c.details", "{{ d }}", "TableText")
    tag(doc, "{%p if remarks %}")
    paragraph(doc, "Замечания и предложения участников мероприятий", "Heading2")
    tag(doc, "{%p for r in remarks %}")
    paragraph(doc, "{{ r }}", "ListLine")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")


def indicators(doc) -> None:
    # A new page: the heading, what the charts show, then one chart per indicator with its caption.
    paragraph(
        doc,
        "3. Показатели качества внутришкольных систем профилактики учебной неуспешности по школам",
        "Heading1NewPage",
    )
    tag(doc, "{%p if charts.indicators %}")
    paragraph(
        doc,
        "На {{ indicator_figures }}: столбец — значение последнего среза (со штриховкой — ШНОР), ромб — первый срез, "
        "пунктир — исходное значение, сплошная линия — целевое значение дорожной карты.",
        "TableLead",
    )
    tag(doc, "{%p endif %}")
    # One chart per indicator, each with its caption: the indicator's name in full, never an id.
    tag(doc, "{%p for c in charts.indicators %}")
    paragraph(doc, "{{ c.chart }}", "Figure")
    paragraph(doc, "{{ c.caption }}", "FigureCaption")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if indicators %}")
    # One block per indicator (its name, baseline and target once, in a row across the table), a row per school:
    # the indicator's name is never replaced by an id, and the table stays as compact as the chart's panels.
    t = table(doc, 8, INDICATORS_WIDTHS)
    headers = [
        "Школа",
        "Значения по срезам мониторинга",
        "Изменение к предыдущему срезу той же школы",
        "Уровень: к исходному и целевому значениям карты",
    ]
    for cell, text in zip(t.rows[0].cells, headers):
        set_cell(cell, text, "TableHeading")
        cell_center(cell)
    mark_header_row(t.rows[0])
    tag_row(t, 1, "{%tr for g in indicators %}")
    group = t.rows[2].cells[0].merge(t.rows[2].cells[-1])
    set_cell(group, "{{ g.title }}", "TableGroup")
    keep_row_on_one_page(t.rows[2])
    tag_row(t, 3, "{%tr for r in g.rows %}")
    keep_row_on_one_page(t.rows[4])
    for cell, (text, style) in zip(
        t.rows[4].cells,
        [
            ("{{ r.school }}", "TableText"),
            ("{{ r.by_round }}", "TableText"),
            ("{{ r.change }}", "TableText"),
            ("{{ r.level }}", "TableText"),
        ],
    ):
        set_cell(cell, text, style)
    tag_row(t, 5, "{%tr endfor %}")
    tag_row(t, 6, "{%tr endfor %}")
    t._tbl.remove(t.rows[7]._tr)
    tag(doc, "{%p if conclusions %}")
    paragraph(doc, "Выводы по школам", "Heading2")
    tag(doc, "{%p for s in conclusions %}")
    paragraph(doc, "{{ s.school }}", "ConclusionSchool")
    # Each round's conclusion is its own paragraph: two rounds' conclusions never run together.
    tag(doc, "{%p for c in s.lines %}")
    paragraph(doc, "{{ c }}", "Conclusion")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p else %}")
    paragraph(doc, "Значения показателей в отчётном периоде не указаны.", "BodyText")
    tag(doc, "{%p endif %}")


def outcomes(doc) -> None:
    paragraph(doc, "4. Выходной аудит: итоги по параметрам раздела I и школам", "Heading1")
    # A long section I gives several sheets, each on its page with its caption (ГОСТ 2.105: «Рисунок 3, лист 2»).
    tag(doc, "{%p for part in charts.outcomes %}")
    paragraph(doc, "{{ part.picture }}", "Figure")
    paragraph(
        doc,
        "Рисунок 3{{ part.sheet }}. Параметры раздела I по итогам: сколько школ, где риск устранён, снижен, "
        "сохраняется, усилился",
        "FigureCaption",
    )
    tag(doc, "{%p endfor %}")
    data_table(
        doc,
        ["Код параметра", "Параметр", "Школа", "Итог", "На чём основан вывод"],
        OUTCOMES_WIDTHS,
        ["for o in outcomes", "for r in o.rows"],
        [
            ("{% vm %}{{ o.code }}", "TableTextCentered"),
            ("{% vm %}{{ o.title }}", "TableText"),
            ("{{ r.school }}", "TableText"),
            ("{{ r.result }}", "TableText"),
            ("{{ r.evidence }}", "TableText"),
        ],
    )


def corrections(doc) -> None:
    paragraph(doc, "5. Коррекция дорожной карты", "Heading1")
    tag(doc, "{%p if corrections %}")
    data_table(
        doc,
        ["№", "Изменение", "Мероприятие", "Когда", "Почему", "Документ"],
        CORRECTIONS_WIDTHS,
        ["for c in corrections"],
        [
            ("{{ c.number }}", "TableTextCentered"),
            ("{{ c.change }}", "TableText"),
            ("{{ c.event }}", "TableText"),
            ("{{ c.date }}", "TableTextCentered"),
            ("{{ c.reason }}", "TableText"),
            ("{{ c.document }}", "TableText"),
        ],
    )
    tag(doc, "{%p else %}")
    paragraph(doc, "В отчётном периоде дорожная карта не изменялась.", "BodyText")
    tag(doc, "{%p endif %}")


def next_audit(doc) -> None:
    paragraph(doc, "6. К входному аудиту следующего периода", "Heading1")
    tag(doc, "{%p if next_audit %}")
    paragraph(
        doc,
        "В раздел I дорожной карты следующего периода переходят параметры, по которым риск сохраняется, усилился или "
        "снижен, "
        "но не устранён, и новые риски, выявленные в течение года:",
        "TableLead",
    )
    t = table(doc, 7, NEXT_AUDIT_WIDTHS)
    for cell, text in zip(t.rows[0].cells, ["Код параметра", "Параметр", "Школы", "Итог выходного аудита, новый риск"]):
        set_cell(cell, text, "TableHeading")
        cell_center(cell)
    mark_header_row(t.rows[0])
    # The last rows travel with the signature below (a signature alone on a page signs nothing); a short table travels
    # whole, with its heading, so that no page holds two rows and a signature (render.report.next_audit_parts).
    for first, (loop, suffix) in ((1, ("for n in next_audit_head", "")), (4, ("for n in next_audit_tail", "Keep"))):
        tag_row(t, first, "{%tr " + loop + " %}")
        keep_row_on_one_page(t.rows[first + 1])
        for cell, (text, style) in zip(
            t.rows[first + 1].cells,
            [
                ("{{ n.code }}", "TableTextCentered"),
                ("{{ n.title }}", "TableText"),
                ("{{ n.schools }}", "TableText"),
                ("{{ n.grew }}", "TableText"),
            ],
        ):
            set_cell(cell, text, style + suffix)
        tag_row(t, first + 2, "{%tr endfor %}")
    tag(doc, "{%p else %}")
    paragraph(doc, "{{ next_audit_note }}", "BodyTextKeep")
    tag(doc, "{%p endif %}")


def signature(doc) -> None:
    # Always there: without a «signature» in the files, the context gives lines to sign on.
    tag(doc, "{%p if signature %}")
    # Between two tables Word would join them into one; this paragraph keeps them apart and the signature with the text
    # above.
    paragraph(doc, "", "BeforeSignature")
    t = table(doc, 1, SIGNATURE_WIDTHS, style="PlainTable")
    keep_row_on_one_page(t.rows[0])  # a position torn from its name is not a signature
    set_cell(t.rows[0].cells[0], "{{ signature.position }}", "Signature")
    set_cell(t.rows[0].cells[1], "{{ signature.name }}", "SignatureName")
    cell_bottom(t.rows[0].cells[1])  # ГОСТ: the name on the level of the position's last line
    tag(doc, "{%p endif %}")


def styles() -> list[Style]:
    return base_styles(BODY_PT, TABLE_PT, approval_indent=TEXT_WIDTH - 80) + [
        Style("Intro", "Текст под заголовком документа", based_on="BodyText", before=6, after=6),
        Style(
            "Heading1NewPage",
            "Заголовок 1 с новой страницы",
            based_on="Heading1",
            next="Normal",
            page_break_before=True,
            outline=0,
        ),
        Style("TableLead", "Текст перед таблицей", based_on="BodyText", after=6, keep_next=True),
        Style("TableFormula", "Текст таблицы: формула", based_on="TableText", italic=True),
        Style("TableGroup", "Текст таблицы: заголовок группы строк", based_on="TableText", bold=True, keep_next=True),
        Style(
            "ConclusionSchool", "Вывод: школа", based_on="BodyText", bold=True, first_line=0, before=6, keep_next=True
        ),
        Style("Conclusion", "Вывод: срез мониторинга", based_on="BodyText", indent_left=10, first_line=0),
        Style("Figure", "Рисунок", align="center", before=6, keep_next=True, no_hyphens=True),
        Style("FigureCaption", "Подпись рисунка", size=TABLE_PT, italic=True, align="center", after=6, no_hyphens=True),
        Style("Legend", "Пояснение к рисунку", size=TABLE_PT, align="both"),
        Style("TableTextKeep", "Текст таблицы перед подписью", based_on="TableText", keep_next=True),
        Style(
            "TableTextCenteredKeep",
            "Текст таблицы по центру перед подписью",
            based_on="TableTextCentered",
            keep_next=True,
        ),
        Style("BodyTextKeep", "Текст документа перед подписью", based_on="BodyText", keep_next=True),
        Style("BeforeSignature", "Отбивка перед подписью", size=1, line_exact=1, keep_next=True),
        # The calendar appendix (render.calendar.add_appendix) is drawn after the template, in the roadmap's styles.
        Style("AppendixMark", "Приложение", align="right", bold=True, page_break_before=True, keep_next=True),
    ]


def main(target: Path) -> None:
    doc = new_document(landscape=True, margins_mm=(20, 10, 20, 25), styles=styles())
    add_page_number_header(doc.sections[0])
    title(doc)
    events(doc)
    effectiveness(doc)
    indicators(doc)
    outcomes(doc)
    corrections(doc)
    next_audit(doc)
    signature(doc)
    end_of_document(doc)
    save_template(doc, target, TITLE)


if __name__ == "__main__":
    main(Path(__file__).parents[1] / "templates" / "report.docx")
    print("templates/report.docx")
