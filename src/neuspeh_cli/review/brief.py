"""The text of the «аналитическая справка»: the region's summary put into sentences, one function per section.

Every figure is the summary's (``summary.summarise``); here it is only said,
with Russian number agreement, and a sentence about nothing («у 0») is left out.
The template is ``templates/review-brief.docx`` (``tools/make_review_templates.py``).
"""

from __future__ import annotations

from typing import Any

from ..render.typography import keep_together
from .checklist import FAILED, ITEMS, NA, PARTLY, PASSED, STAGE_TITLES, UNCHECKED, Verdict
from .summary import GROUP_TITLES, GROUPS, MISSING, STATUS_TITLES, Region, RegionSummary
from .word import (
    RECOMMENDATIONS,
    events_genitive,
    events_word,
    municipalities_dative,
    municipalities_genitive,
    municipalities_word,
    names_list,
    percent,
    plural,
    properties,
    roadmaps_dative,
    roadmaps_prepositional,
)

BLANK_DATE = "«____» ______________ 20___ г."


# Above this many municipalities the справка's appendix is not a table of every one (2,500 rows are 55 pages that
# repeat the workbook's «Муниципалитеты» sheet, and a tenth of LibreOffice's time): it names where they are.
APPENDIX_AT_MOST = 100


def brief_context(
    region: Region,
    letterhead: Any = None,
    appendix_at_most: int = APPENDIX_AT_MOST,
    listed_elsewhere: tuple[str, ...] = ("xlsx", "html"),
) -> dict:
    """``listed_elsewhere``: the review's outputs written beside the справка that list every municipality
    (``xlsx``, ``html``); a large region's appendix points to them, and with neither it keeps its table.
    """
    s = region.summary
    assert s is not None, "build_region makes the summary"
    listed = len(region.municipalities) <= appendix_at_most or not listed_elsewhere
    reviewed = len(s.scores)
    files = f"{s.files}\u00a0{plural(s.files, 'файл', 'файла', 'файлов')}"
    # «С ошибками проверки — 17», «(№ 3)», «И.И. Иванова»: no line of the справка breaks inside them.
    return keep_together(
        {
            **letterhead_context(letterhead),
            "subtitle": f"({municipalities_word(len(region.municipalities))}; {files})",
            "submission": submission(region, s),
            "compliance": compliance(s),
            "items": item_rows(s),
            "factors_text": factors_text(s, reviewed),
            "factors": [
                {
                    "number": f["number"],
                    "title": f["title"],
                    "municipalities": f["municipalities"],
                    "share": percent(f["municipalities"], reviewed),
                    "shnor": f["shnor"],
                }
                for f in s.factors
            ],
            "events_text": events_text(s, reviewed, "xlsx" in listed_elsewhere),
            "forms": form_rows(s),
            "shnor_text": shnor_text(region, s),
            "indicators_text": indicators_text(s, reviewed),
            "reports_text": reports_text(region),
            "conclusions": conclusions(
                region, s, "приложение" if listed else LISTS_IN[listed_elsewhere[0]], "xlsx" in listed_elsewhere
            ),
            "conclusions_number": 8 if region.sections.get("reports") else 7,
            "municipalities": appendix_rows(region) if listed else [],
            "appendix_note": "" if listed else appendix_note(region, listed_elsewhere),
            "properties": properties(
                region, "Аналитическая справка по результатам экспертизы муниципальных дорожных карт"
            ),
        }
    )


def letterhead_context(letterhead: Any) -> dict:
    """The institute, the date and who signs; what is not given is a line to fill in by hand."""
    institute = getattr(letterhead, "institute", "") or ""
    return {
        "institute": institute,
        "date": getattr(letterhead, "date", "") or BLANK_DATE,
        "position": getattr(letterhead, "position", "") or "_" * 30,
        "signatory": getattr(letterhead, "signatory", "") or "_" * 20,
    }


def _names(region: Region, status: str) -> list[str]:
    return [m.name for m in region.municipalities if m.status == status]


def submission(region: Region, s: RegionSummary) -> list[str]:
    text = []
    if region.register:
        listed = [m for m in region.municipalities if m.expected]
        sent = sum(1 for m in listed if m.status != MISSING)
        text.append(
            f"Перечень включает {municipalities_word(len(listed))}. Дорожные карты представили {sent} "
            f"({percent(sent, len(listed))})."
        )
        outside = [m.name for m in region.municipalities if not m.expected]
        if outside:
            text.append(f"Прислали файлы, но нет в перечне ({len(outside)}): {names_list(outside)}.")
    else:
        text.append(
            f"Рассмотрены файлы {municipalities_genitive(len(region.municipalities))} "
            f"({s.files}\u00a0{plural(s.files, 'файл', 'файла', 'файлов')})."
        )
    missing, unreadable = _names(region, MISSING), _names(region, "unreadable")
    if missing:
        text.append(f"Не представили дорожную карту ({len(missing)}): {names_list(missing)}.")
    if unreadable:
        text.append(
            "Файл дорожной карты не читается (ошибка разметки, кодировка, повтор ключа) у "
            f"{municipalities_genitive(len(unreadable))}: {names_list(unreadable)}."
        )
    counts = s.status_counts
    text.append(f"С ошибками проверки — {counts.get('errors', 0)}, без ошибок — {counts.get('clean', 0)}.")
    text.append(
        f"Школьных программ профилактики представлено: {s.programmes}."
        if s.programmes
        else "Школьные программы профилактики не представлены (институт их не запрашивал)."
    )
    return text


def compliance(s: RegionSummary) -> list[str]:
    if not s.scores:
        return ["Прочитанных дорожных карт нет: оценить соответствие методике не по чему."]
    v = s.verdicts
    text = [
        f"Средний балл экспертного листа — {s.average_score} из 100 (по {roadmaps_dative(len(s.scores))}). "
        f"Соответствуют методике — {v[Verdict.COMPLIANT]}, требуют доработки — {v[Verdict.NEEDS_WORK]}, не "
        f"соответствуют — {v[Verdict.NONCOMPLIANT]}."
    ]
    failed = sorted(
        ((c[FAILED], n, spec.title) for n, (spec, c) in enumerate(zip(ITEMS, s.item_statuses.values())) if c[FAILED]),
        key=lambda x: (-x[0], x[1]),
    )[:3]
    if failed:
        text.append(
            "Чаще всего не выполняются пункты: " + "; ".join(f"«{title}» ({count})" for count, _, title in failed) + "."
        )
    return text


def item_rows(s: RegionSummary) -> list[dict]:
    rows = []
    for n, spec in enumerate(ITEMS, 1):
        c = s.item_statuses[spec.key]
        rows.append(
            {
                "title": f"{n}. {spec.title}",
                "passed": c[PASSED],
                "partly": c[PARTLY],
                "failed": c[FAILED],
                "na": c[NA] + c[UNCHECKED],
            }
        )
    return rows


def factors_text(s: RegionSummary, reviewed: int) -> list[str]:
    if not reviewed:
        return ["Нет прочитанных дорожных карт."]
    ranked = [f for f in sorted(s.factors, key=lambda f: (-f["municipalities"], f["number"])) if f["municipalities"]]
    text = []
    top = ranked[:3]
    if top:
        said = "; ".join(
            f"«{f['title']}» ({municipalities_word(f['municipalities'])}, {percent(f['municipalities'], reviewed)})"
            for f in top
        )
        text.append(f"Наиболее распространены факторы: {said}.")
    if ranked[3:]:
        rare = ranked[-1]
        text.append(f"Реже всего выявляется фактор «{rare['title']}» ({municipalities_word(rare['municipalities'])}).")
    parameters = sorted(
        (p for f in s.factors for p in f["parameters"]), key=lambda p: (-p["municipalities"], p["code"])
    )
    if parameters and parameters[0]["municipalities"]:
        p = parameters[0]
        shnor = f", ШНОР — {p['shnor']}" if p["shnor"] else ""
        text.append(
            f"Чаще всего выявляется параметр {p['code']} «{p['title']}»: "
            f"{municipalities_word(p['municipalities'])}{shnor}."
        )
    return text


def events_text(s: RegionSummary, reviewed: int, workbook: bool = True) -> list[str]:
    """``workbook``: the review wrote свод.xlsx, whose «Этапы и группы» sheet shows the groups read from the text."""
    events = s.event_counts
    total = sum(events["forms"].values())
    if not total:
        return []
    stages = events["stages"]
    text = [
        f"В {roadmaps_prepositional(reviewed)} — {events_word(total)} (в среднем {round(total / reviewed)} на "
        "муниципальное образование). "
        f"Этап реализации — {percent(stages.get(3, 0), total)}, этап оценки эффективности (контроля) — "
        f"{percent(stages.get(4, 0), total)}."
    ]
    unknown = stages.get(0, 0)
    if unknown:
        text.append(
            "Форма не из перечня методики у "
            f"{unknown}\u00a0{'мероприятия' if unknown % 10 == 1 and unknown % 100 != 11 else 'мероприятий'}."
        )
    text.append(
        "По группам: "
        + "; ".join(f"{GROUP_TITLES[g]} — {events['groups'].get(g, 0)}" for g in GROUPS)
        + " (мероприятие может входить в несколько групп)."
    )
    guessed = sum(events["guessed"].values())
    if guessed:
        text.append(
            "У части мероприятий группа не указана явно и определена по тексту мероприятия"
            + (" (см. лист «Этапы и группы» книги свода)." if workbook else ".")
        )
    return text


def form_rows(s: RegionSummary) -> list[dict]:
    events = s.event_counts
    total = sum(events["forms"].values())
    ordered = sorted(events["forms"].items(), key=lambda x: (-x[1], x[0]))[:15]
    return [
        {
            "form": form,
            "stage": STAGE_TITLES[events["form_stage"][form]],
            "count": count,
            "share": percent(count, total),
        }
        for form, count in ordered
    ]


def shnor_text(region: Region, s: RegionSummary) -> list[str]:
    if not s.shnor:
        return ["ШНОР в прочитанных дорожных картах не указаны."]
    reviewed = region.reviewed
    text = [
        f"В дорожных картах — {s.shnor} ШНОР; участвуют в мероприятиях — {s.shnor_covered} из {s.shnor_known} "
        f"({percent(s.shnor_covered, s.shnor_known)})."
    ]
    if s.shnor_unknown:
        vague = [m.name for m in reviewed if m.shnor_ids and not m.participation_known]
        text.append(
            f"Не сказано, какие ШНОР участвуют в мероприятиях ({s.shnor_unknown} ШНОР), в дорожных картах: "
            f"{names_list(vague)}."
        )
    lacking = [m.name for m in reviewed if m.participation_known and len(m.shnor_in_events) < len(m.shnor_ids)]
    if lacking:
        text.append(f"ШНОР без единого мероприятия есть в дорожных картах: {names_list(lacking)}.")
    without = [m.name for m in reviewed if not m.shnor_ids]
    if without:
        text.append(f"Без ШНОР (риски записаны по каждой ОО): {names_list(without)}.")
    if s.programme_shnor:
        text.append(
            "Школьные программы профилактики прислали "
            f"{municipalities_word(sum(1 for m in reviewed if m.linked_programmes))}; "
            f"программы есть у {s.programme_covered} из {s.programme_shnor} их ШНОР "
            f"({percent(s.programme_covered, s.programme_shnor)})."
        )
    return text


def indicators_text(s: RegionSummary, reviewed: int) -> list[str]:
    if not reviewed:
        return []
    measurable = sum(u["measurable"] for u in s.indicators)
    text = [f"Показатели качества перечислены в {roadmaps_prepositional(s.indicator_roadmaps)} из {reviewed}."]
    if s.indicator_records:
        text[0] = text[0][:-1] + (
            f"; всего показателей — {s.indicator_records}, из них измеримых (с единицей измерения и целевым "
            f"значением) — {measurable} ({percent(measurable, s.indicator_records)})."
        )
        text.append(
            "Чаще всего используются: "
            + "; ".join(f"«{u['text']}» ({u['municipalities']})" for u in s.indicators[:5])
            + "."
        )
    return text


def reports_text(region: Region) -> list[str]:
    rows = region.sections.get("reports") or []
    if not rows:
        return []
    text = [
        f"Отчётов о реализации дорожных карт представлено: {len(rows)}, от "
        f"{municipalities_genitive(len({r[0] for r in rows}))}."
    ]
    for r in (r for r in rows if r[2] is not None):
        held = r[3] + r[4]
        text.append(
            f"{r[0]}, отчёт {r[1]}: проведено и проводится {held} из {events_genitive(r[2])} ({percent(held, r[2])}), "
            f"перенесено — {r[5]}, отменено — {r[6]}; "
            f"участий — {r[8]}; восприятие — {r[11] or '—'}, положительная динамика — {r[12] or '—'}, изменение "
            f"социальной ситуации — {r[13] or '—'}."
        )
    return text


def conclusions(region: Region, s: RegionSummary, listed_in: str = "приложение", workbook: bool = True) -> list[str]:
    """``workbook``: the review wrote свод.xlsx, whose «Замечания» sheet lists the unreadable files' lines."""
    missing, unreadable = _names(region, MISSING), _names(region, "unreadable")
    text = []
    if missing:
        text.append(f"Запросить дорожные карты у {municipalities_genitive(len(missing))} (см. {listed_in}).")
    if unreadable:
        where = "в книге свода, лист «Замечания»" if workbook else "в экспертных листах этих муниципальных образований"
        text.append(
            f"Предложить {municipalities_dative(len(unreadable))} исправить файлы, которые не читаются "
            f"(сохранить в кодировке UTF-8, исправить отступы и повторы): перечень и строки — {where}."
        )
    for spec in ITEMS:
        failed = s.item_statuses[spec.key][FAILED]
        if failed:
            text.append(
                f"Пункт «{spec.title}» не выполнен в {roadmaps_prepositional(failed)}: {RECOMMENDATIONS[spec.key]}."
            )
    return text or [
        "Все представленные дорожные карты выполняют пункты экспертного листа; замечания — в экспертных листах."
    ]


# Where a large region's list of municipalities is, by output format (accusative, after «см.»; prepositional).
LISTS_IN = {"xlsx": "книгу свода, лист «Муниципалитеты»", "html": "страницу «свод.html»"}
LISTED_IN = {"xlsx": "в книге свода «свод.xlsx», лист «Муниципалитеты»", "html": "на странице «свод.html»"}


def appendix_note(region: Region, listed_elsewhere: tuple[str, ...] = ("xlsx", "html")) -> str:
    """In place of the appendix's table when it would run to dozens of pages: where the list is instead."""
    places = " и ".join(LISTED_IN[name] for name in listed_elsewhere)
    return (
        f"Результаты экспертизы по каждому из {municipalities_genitive(len(region.municipalities))} (состояние "
        f"дорожной карты, балл, заключение) — {places}; экспертные листы — в папке «экспертные-листы-по-частям»."
    )


def appendix_rows(region: Region) -> list[dict]:
    rows = []
    for number, m in enumerate(region.municipalities, 1):
        sheet = m.sheet
        score = sheet.score if sheet is not None and sheet.checked else ""
        rows.append(
            {
                "number": number,
                "name": m.name,
                "status": STATUS_TITLES[m.status],
                "score": score,
                "verdict": sheet.verdict.title if sheet else "",
            }
        )
    return rows
