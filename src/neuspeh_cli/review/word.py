"""The expert sheets and the «аналитическая справка» in Word, from the templates in templates/.

Both are docxtpl templates made by ``tools/make_review_templates.py`` (the
institute may restyle them in Word); rendering goes through
``render.engine.render_docx``: sandboxed, escaped, and byte-for-byte the same
for the same review. The text of the справка is written here from the
figures, with Russian number agreement.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..render.typography import nbsp
from .checklist import Reason
from .summary import STATUS_TITLES, Municipality, Region

SCORING = nbsp(
    "Пункты 1–6 и 8 оценены по замечаниям проверки карты: ошибка — «не выполнено», предупреждение — «частично». "
    "Балл — взвешенная доля выполненного (веса 3, 2, 2, 2, 1, 1, 0, 1; «частично» — половина). Параметр без "
    "мероприятий, "
    "нет мониторинга или показателей качества, балл ниже 50 — «не соответствует методике»; ошибки проверки, черновики "
    "или балл ниже 85 — «требует доработки»."
)
APPROVAL_TITLES = {
    "official": "гриф «УТВЕРЖДАЮ» (должностное лицо)",
    "order": "утверждена приказом",
    "signature": "подпись без грифа утверждения",
    "none": "не указано",
}
RECOMMENDATIONS = {
    "parameters": "предусмотреть мероприятия реализации по каждому выявленному параметру (мероприятия «для всех "
    "выявленных параметров» их не заменяют)",
    "groups": "дополнить дорожные карты недостающими группами мероприятий (муниципальные, с участием ШНОР, контроль) "
    "и указать группу каждого мероприятия",
    "shnor": "включить каждую ШНОР в мероприятия по выявленным у неё параметрам и указать в мероприятиях, какие ШНОР "
    "участвуют",
    "monitoring": "включить мониторинг подготовки и реализации внутришкольных систем профилактики со сроками и "
    "измеримыми показателями качества "
    "(единица измерения, исходное и целевое значения)",
    "all_schools": "распространить профилактику на все школы муниципалитета и перечислить их в дорожной карте",
    "stages": "дополнить дорожные карты мероприятиями этапа оценки эффективности (контроля) и использовать формы, "
    "названные в методике",
    "levels": "обеспечить разработку школьных программ профилактики всеми ШНОР",
    "completeness": "заполнить пустые графы, снять отметки черновика, указать сроки мероприятий в пределах срока "
    "дорожной карты",
}


def plural(n: int, one: str, few: str, many: str) -> str:
    """«1 муниципальное образование», «2 муниципальных образования», «5 муниципальных образований»."""
    tail = n % 100
    if 11 <= tail <= 14:
        return many
    return one if n % 10 == 1 else few if 2 <= n % 10 <= 4 else many


def municipalities_word(n: int) -> str:
    return f"{n}\u00a0" + plural(
        n, "муниципальное образование", "муниципальных образования", "муниципальных образований"
    )


def _singular(n: int) -> bool:
    """Whether an oblique case takes the singular after ``n``: 1, 21, 101 — but not 11."""
    return n % 10 == 1 and n % 100 != 11


def municipalities_genitive(n: int) -> str:
    """«у 2 муниципальных образований», «у 21 муниципального образования»."""
    return f"{n}\u00a0" + ("муниципального образования" if _singular(n) else "муниципальных образований")


def municipalities_dative(n: int) -> str:
    return f"{n}\u00a0" + ("муниципальному образованию" if _singular(n) else "муниципальным образованиям")


def roadmaps_prepositional(n: int) -> str:
    """«в 1 дорожной карте», «в 5 дорожных картах»."""
    return f"{n}\u00a0" + ("дорожной карте" if _singular(n) else "дорожных картах")


def roadmaps_dative(n: int) -> str:
    return f"{n}\u00a0" + ("дорожной карте" if _singular(n) else "дорожным картам")


def events_word(n: int) -> str:
    return f"{n}\u00a0" + plural(n, "мероприятие", "мероприятия", "мероприятий")


def events_genitive(n: int) -> str:
    """«из 21 мероприятия», «из 3 мероприятий»."""
    return f"{n}\u00a0" + ("мероприятия" if _singular(n) else "мероприятий")


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}\u00a0%" if whole else "—"


def names_list(names: list[str], limit: int = 30) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" и ещё {len(names) - limit}" if len(names) > limit else "")


# ---------------------------------------------------------------- expert sheets


def _where(reason: Reason, roadmap_path: str) -> str:
    if not reason.file:
        return ""
    if reason.file == roadmap_path:
        return f" (строка {reason.line})" if reason.line else ""
    name = Path(reason.name).name
    return f" ({name}{f': {reason.line}' if reason.line else ''})"


def sheet_context(m: Municipality) -> dict:
    road_file = m.roadmap
    road = road_file.roadmap if road_file is not None else None
    path = road_file.path if road_file is not None else ""
    info = [
        {"label": "Муниципальное образование", "value": m.name},
        {
            "label": "Файл дорожной карты",
            "value": Path(road_file.name).name if road_file is not None else "не представлен",
        },
        {"label": "Состояние файла", "value": STATUS_TITLES[m.status]},
    ]
    if road is not None:
        shnor = sum(1 for s in road.schools if s.shnor)
        info += [
            {"label": "Срок дорожной карты", "value": road.period_title},
            {"label": "Утверждение", "value": APPROVAL_TITLES.get(road.approval, road.approval)},
            {"label": "Школ / из них ШНОР", "value": f"{len(road.schools)} / {shnor}"},
            {"label": "Параметров в разделе I", "value": str(len(road.findings))},
            {"label": "Мероприятий в разделе II", "value": str(len(road.events))},
            {
                "label": "Замечаний проверки",
                "value": f"ошибок — {road_file.count('error')}, предупреждений — {road_file.count('warning')}",
            },
        ]
        if shnor and m.linked_programmes:
            info.append(
                {
                    "label": "Школьных программ ШНОР",
                    "value": f"{len(set(m.shnor_ids) & m.programme_schools)} из {shnor}",
                }
            )
    items = []
    sheet = m.sheet
    for number, item in enumerate(sheet.items if sheet else (), 1):
        said = [r.text + _where(r, path) for r in item.reasons]
        # An item not checked (no roadmap) has no reasons: a dash, not a blank cell that looks forgotten.
        reasons = "\n".join(f"– {t}" for t in said) if len(said) > 1 else "".join(said) or "—"
        items.append({"number": str(number), "title": item.title, "status": item.status_title, "reasons": reasons})
    notes = [r.text + _where(r, path) for r in m.cross_findings]
    notes += [
        f"ещё одна дорожная карта того же муниципального образования: {Path(f.name).name} (не оценивалась)"
        for f in m.other_roadmaps
    ]
    from ..render.typography import keep_together

    # «(№ 1)», «строки 109, 121», «ошибок — 9»: a line of the sheet must not break inside them.
    return keep_together(
        {
            "name": m.name,
            "info": info,
            "checks": items,  # not «items»: Jinja would find the dict's method
            "score": f"{sheet.score} из 100" if sheet and sheet.checked else "—",
            "verdict": sheet.verdict.title if sheet else "",
            "notes": notes,
        }
    )


def properties(region: Region, title: str):
    """Document properties; the date is the end of the latest roadmap's period, so the same review gives the same
    bytes.
    """
    import datetime as dt

    from ..render.package import DocumentProperties

    ends = [m.roadmap.roadmap.period_last for m in region.reviewed]
    year, month = max(ends) if ends else (2000, 1)
    return DocumentProperties(
        title=title,
        subject="Экспертиза муниципальных дорожных карт по профилактике учебной неуспешности",
        author="",
        date=dt.date(year, month, 1),
    )


def sheets_context(region: Region) -> dict:
    return {
        "sheets": [sheet_context(m) for m in region.municipalities],
        "scoring": SCORING,
        "properties": properties(region, "Экспертные листы муниципальных дорожных карт"),
    }


def _template(name: str) -> Any:
    from importlib.resources import files

    return files("neuspeh_cli.templates").joinpath(name)


def render_sheets(region: Region) -> bytes:
    from ..render.engine import render_docx

    return render_docx(_template("review-sheets.docx"), sheets_context(region), "review-sheets.docx", SHEET_ENDS)


def render_brief(
    region: Region,
    letterhead=None,
    appendix_at_most: int | None = None,
    listed_elsewhere: tuple[str, ...] = ("xlsx", "html"),
) -> bytes:
    from ..render.engine import render_docx
    from .brief import APPENDIX_AT_MOST, brief_context

    at_most = APPENDIX_AT_MOST if appendix_at_most is None else appendix_at_most
    context = brief_context(region, letterhead, at_most, listed_elsewhere)
    return render_docx(_template("review-brief.docx"), context, "review-brief.docx", table_ends_kept())


SIGNATURE_STYLES = {"SignatureKeep", "Signature"}


def table_ends_kept(tail: int = 5, whole: int = 20, with_next: bool = False):
    """A finishing step of ``render_docx``: no table ends with a row or two alone on a page; a short table stays
    on one page, a long one keeps its last rows together.

    «Keep with next» on the paragraphs of those rows, which Word and LibreOffice both honour inside tables;
    ``with_next`` keeps the last row with what follows the table too (an expert sheet's verdict and signature).
    Done on the parts before the one zip is written (unzipping and zipping again cost a fifth of a part's render).
    """

    def finish(parts: dict[str, bytes], order: list[str]) -> list[str]:
        parts["word/document.xml"] = _keep_table_ends(
            parts["word/document.xml"], tail, whole, with_next, parts.get("word/styles.xml")
        )
        return order

    return finish


def _keep_table_ends(document: bytes, tail: int, whole: int, with_next: bool, styles: bytes | None = None) -> bytes:
    import itertools

    from lxml import etree

    from ..render.package import W, _keep_next, inline_table_styles

    root = etree.fromstring(document)
    inline_table_styles(root, styles)  # LibreOffice makes the PDF of the same pages a third faster
    for table in root.iter(W + "tbl"):
        rows = table.findall(W + "tr")
        end = len(rows) if with_next else len(rows) - 1
        for row in rows[:end] if len(rows) <= whole else rows[max(0, len(rows) - tail) : end]:
            for p in row.iter(W + "p"):
                _keep_next(p)
    # The signature never starts a page: the paragraph it signs keeps with it.
    body = root.find(W + "body")
    for before, p in itertools.pairwise(list(body) if body is not None else []):
        style = p.find(f"{W}pPr/{W}pStyle")
        if style is not None and style.get(W + "val") in SIGNATURE_STYLES and before.tag == W + "p":
            _keep_next(before)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


SHEET_ENDS = table_ends_kept(tail=2, whole=0, with_next=True)  # an expert sheet's tables, verdict and signature


def sheet_parts(municipalities: list, per_part: int) -> list[list]:
    """The municipalities in parts of at most ``per_part``, in their order, as even as can be (250 → 83, 83, 84)."""
    n = len(municipalities)
    count = -(-n // max(1, per_part))
    return [municipalities[i * n // count : (i + 1) * n // count] for i in range(count)]


def render_sheet_parts(region: Region, per_part: int) -> Iterator[tuple[str, bytes]]:
    """(file name, .docx) of each part of the expert sheets, one at a time: a part's memory is freed before the next.

    A part is named by its number and its first and last municipality («03 Белоозёрский район – Вишнёвый
    район.docx»), so the folder lists in order and a municipality's part is found by its name.
    """
    from ..outputs import safe_file_name
    from ..render.engine import render_docx

    template = _template("review-sheets.docx")
    parts = sheet_parts(region.municipalities, per_part)
    width = max(2, len(str(len(parts))))
    taken: set[str] = set()
    for number, group in enumerate(parts, 1):
        span = group[0].name if len(group) == 1 else f"{group[0].name} – {group[-1].name}"
        title = f"Экспертные листы муниципальных дорожных карт, часть {number} из {len(parts)}: {span}"
        context = {"sheets": [sheet_context(m) for m in group], "scoring": SCORING}
        context["properties"] = properties(region, title)
        yield (
            safe_file_name(f"{number:0{width}d} {span}", ".docx", taken, fallback=f"{number:0{width}d}"),
            render_docx(template, context, "review-sheets.docx", SHEET_ENDS),
        )


def render_sheet_files(region: Region) -> list[tuple[str, bytes]]:
    """(file name, .docx) of each municipality's expert sheet alone, to send it to the municipality."""
    from ..render.engine import render_docx

    template = _template("review-sheets.docx")
    taken: set[str] = set()
    out = []
    for m in region.municipalities:
        if m.roadmap is None:
            continue  # nothing was submitted: there is no sheet to send
        name = file_name(m.name, taken)
        context = {
            "sheets": [sheet_context(m)],
            "scoring": SCORING,
            "properties": properties(region, f"Экспертный лист: {m.name}"),
        }
        out.append((name, render_docx(template, context, "review-sheets.docx", SHEET_ENDS)))
    return out


def file_name(municipality: str, taken: set[str]) -> str:
    """A file name from a municipality's name, valid on Windows too (no reserved names, at most 255 bytes), unique among
    ``taken``.
    """
    from ..outputs import safe_file_name

    return safe_file_name(municipality, ".docx", taken, fallback="муниципалитет")
