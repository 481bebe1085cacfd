"""The expert sheets and the «аналитическая справка» in Word, from the templates in templates/.

Both are docxtpl templates made by ``tools/make_review_templates.py`` (the
institute may restyle them in Word); rendering goes through
``render.engine.render_docx``: sandboxed, escaped, and byte-for-byte the same
for the same review. The text of the справка is written here from the
figures, with Russian number agreement.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from .checklist import FAILED, ITEMS, NA, PARTLY, PASSED, STAGE_TITLES, UNCHECKED, Reason, Verdict
from .summary import GROUP_TITLES, GROUPS, MISSING, STATUS_TITLES, Municipality, Region, event_counts, factor_prevalence, indicator_usage, shnor_coverage

SCORING = (
    "Пункты 1–6 и 8 оцениваются по замечаниям проверки дорожной карты: ошибка — «не выполнено», предупреждение — «частично». "
    "Оценка: «выполнено» — 1, «частично» — 0,5, «не выполнено» — 0; веса пунктов 1–8: 3, 2, 2, 2, 1, 1, 0, 1 "
    "(пункт 7 в балл не входит: институт запрашивает только дорожную карту); балл — взвешенная доля применимых пунктов (0–100). "
    "Параметр без мероприятий, нет мониторинга или показателей качества, балл ниже 50 — «не соответствует методике»; "
    "есть ошибки проверки или балл ниже 85 — «требует доработки»; иначе — «соответствует методике»."
)
APPROVAL_TITLES = {"official": "гриф «УТВЕРЖДАЮ» (должностное лицо)", "order": "утверждена приказом", "signature": "подпись без грифа утверждения", "none": "не указано"}
RECOMMENDATIONS = {
    "parameters": "предусмотреть мероприятия реализации по каждому выявленному параметру (мероприятия «для всех выявленных параметров» их не заменяют)",
    "groups": "дополнить дорожные карты недостающими группами мероприятий (муниципальные, с участием ШНОР, контроль) и указать группу каждого мероприятия",
    "shnor": "включить каждую ШНОР в мероприятия по выявленным у неё параметрам и указать в мероприятиях, какие ШНОР участвуют",
    "monitoring": "включить мониторинг подготовки и реализации внутришкольных систем профилактики со сроками и измеримыми показателями качества "
    "(единица измерения, исходное и целевое значения)",
    "all_schools": "распространить профилактику на все школы муниципалитета и перечислить их в дорожной карте",
    "stages": "дополнить дорожные карты мероприятиями этапа оценки эффективности (контроля) и использовать формы, названные в методике",
    "levels": "обеспечить разработку школьных программ профилактики всеми ШНОР",
    "completeness": "заполнить пустые графы, снять отметки черновика, указать сроки мероприятий в пределах срока дорожной карты",
}


def plural(n: int, one: str, few: str, many: str) -> str:
    """«1 муниципальное образование», «2 муниципальных образования», «5 муниципальных образований»."""
    tail = n % 100
    if 11 <= tail <= 14:
        return many
    return one if n % 10 == 1 else few if 2 <= n % 10 <= 4 else many


def municipalities_word(n: int) -> str:
    return f"{n}\u00a0" + plural(n, "муниципальное образование", "муниципальных образования", "муниципальных образований")


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


def sheet_context(m: Municipality, programmes_collected: bool) -> dict:
    road_file = m.roadmap
    road = road_file.roadmap if road_file is not None else None
    path = road_file.path if road_file is not None else ""
    info = [
        {"label": "Муниципальное образование", "value": m.name},
        {"label": "Файл дорожной карты", "value": Path(road_file.name).name if road_file is not None else "не представлен"},
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
            {"label": "Замечаний проверки", "value": f"ошибок — {road_file.count('error')}, предупреждений — {road_file.count('warning')}"},
        ]
        if shnor and programmes_collected:
            info.append({"label": "Школьных программ ШНОР", "value": f"{len(set(m.shnor_ids) & m.programme_schools)} из {shnor}"})
    items = []
    sheet = m.sheet
    for number, item in enumerate(sheet.items if sheet else (), 1):
        items.append({"number": str(number), "title": item.title, "status": item.status_title, "reasons": "\n".join(r.text + _where(r, path) for r in item.reasons)})
    notes = [r.text + _where(r, path) for r in m.cross_findings]
    notes += [f"ещё одна дорожная карта того же муниципального образования: {f.name} (не оценивалась)" for f in m.other_roadmaps]
    return {
        "name": m.name,
        "info": info,
        "checks": items,  # not «items»: Jinja would find the dict's method
        "score": f"{sheet.score} из 100" if sheet and sheet.checked else "—",
        "verdict": sheet.verdict.title if sheet else "",
        "notes": notes,
    }


def properties(region: Region, title: str):
    """Document properties; the date is the end of the latest roadmap's period, so the same review gives the same bytes."""
    import datetime as dt

    from ..render.package import DocumentProperties

    ends = [m.roadmap.roadmap.period_last for m in region.reviewed]
    year, month = max(ends) if ends else (2000, 1)
    return DocumentProperties(title=title, subject="Экспертиза муниципальных дорожных карт по профилактике учебной неуспешности", author="", date=dt.date(year, month, 1))


def sheets_context(region: Region) -> dict:
    return {
        "sheets": [sheet_context(m, region.programmes_collected) for m in region.municipalities],
        "scoring": SCORING,
        "properties": properties(region, "Экспертные листы муниципальных дорожных карт"),
    }


# ---------------------------------------------------------------- the справка


def brief_context(region: Region) -> dict:
    munis = region.municipalities
    counts = region.status_counts()
    reviewed = region.reviewed
    n, r = len(munis), len(reviewed)
    by_status = {s: [m.name for m in munis if m.status == s] for s in STATUS_TITLES}
    submission = []
    if region.register:
        listed = [m for m in munis if m.expected]
        sent = sum(1 for m in listed if m.status != MISSING)
        submission.append(f"Перечень включает {municipalities_word(len(listed))}. Дорожные карты представили {sent} ({percent(sent, len(listed))}).")
        outside = [m.name for m in munis if not m.expected]
        if outside:
            submission.append(f"Прислали файлы, но нет в перечне ({len(outside)}): {names_list(outside)}.")
    else:
        submission.append(f"Рассмотрены файлы {municipalities_genitive(n)} ({len(region.files)} {plural(len(region.files), 'файл', 'файла', 'файлов')}).")
    if by_status[MISSING]:
        submission.append(f"Не представили дорожную карту ({len(by_status[MISSING])}): {names_list(by_status[MISSING])}.")
    if by_status["unreadable"]:
        submission.append(
            f"Файл дорожной карты не читается (ошибка синтаксиса YAML, кодировка не UTF-8, повтор ключа) у {len(by_status['unreadable'])}: {names_list(by_status['unreadable'])}."
        )
    submission.append(f"С ошибками проверки — {counts.get('errors', 0)}, без ошибок — {counts.get('clean', 0)}.")
    programmes = sum(1 for f in region.files if f.kind == "programme")
    submission.append(f"Школьных программ профилактики представлено: {programmes}." if programmes else "Школьные программы профилактики не представлены.")

    sheets = [m.sheet for m in reviewed if m.sheet is not None]
    verdicts = Counter(s.verdict for s in sheets)
    item_rows = []
    failed_counts = {}
    for index, (key, title, *_) in enumerate(ITEMS):
        statuses = Counter(s.items[index].status for s in sheets)
        failed_counts[key] = statuses[FAILED]
        item_rows.append(
            {"title": f"{index + 1}. {title}", "passed": statuses[PASSED], "partly": statuses[PARTLY], "failed": statuses[FAILED], "na": statuses[NA] + statuses[UNCHECKED]}
        )
    compliance = []
    if sheets:
        compliance.append(
            f"Средний балл экспертного листа — {round(sum(s.score for s in sheets) / len(sheets))} из 100 (по {roadmaps_dative(r)}). "
            f"Соответствуют методике — {verdicts[Verdict.COMPLIANT]}, требуют доработки — {verdicts[Verdict.NEEDS_WORK]}, "
            f"не соответствуют — {verdicts[Verdict.NONCOMPLIANT]}."
        )
        worst = sorted(((c, k) for k, c in failed_counts.items() if c), reverse=True)[:3]
        if worst:
            titles = {spec.key: spec.title for spec in ITEMS}
            compliance.append("Чаще всего не выполняются пункты: " + "; ".join(f"«{titles[k]}» ({c})" for c, k in worst) + ".")
    else:
        compliance.append("Прочитанных дорожных карт нет: оценить соответствие методике не по чему.")

    factors = factor_prevalence(region)
    ranked = sorted(factors, key=lambda f: (-f["municipalities"], f["number"]))
    factors_text = []
    if r:
        top = [f for f in ranked if f["municipalities"]][:3]
        if top:
            factors_text.append(
                "Наиболее распространены факторы: "
                + "; ".join(f"«{f['title']}» ({municipalities_word(f['municipalities'])}, {percent(f['municipalities'], r)})" for f in top)
                + "."
            )
        rare = [f for f in ranked if f["municipalities"]][-1:]
        if rare and rare[0] not in top:
            factors_text.append(f"Реже всего выявляется фактор «{rare[0]['title']}» ({municipalities_word(rare[0]['municipalities'])}).")
        parameters = sorted((p for f in factors for p in f["parameters"]), key=lambda p: (-p["municipalities"], p["code"]))
        if parameters and parameters[0]["municipalities"]:
            p = parameters[0]
            factors_text.append(f"Чаще всего выявляется параметр {p['code']} «{p['title']}»: {municipalities_word(p['municipalities'])}, ШНОР — {p['shnor']}.")
    else:
        factors_text.append("Нет прочитанных дорожных карт.")
    factor_rows = [
        {"number": f["number"], "title": f["title"], "municipalities": f["municipalities"], "share": percent(f["municipalities"], r), "shnor": f["shnor"]} for f in factors
    ]

    events = event_counts(region)
    total_events = sum(events["forms"].values())
    events_text = []
    if total_events:
        stages = events["stages"]
        events_text.append(
            f"В {roadmaps_prepositional(r)} — {events_word(total_events)} (в среднем {round(total_events / r)} на муниципальное образование). "
            f"Этап реализации — {percent(stages.get(3, 0), total_events)}, этап оценки эффективности (контроля) — {percent(stages.get(4, 0), total_events)}; "
            f"форма не из перечня методики — у {stages.get(0, 0)}."
        )
        events_text.append("По группам: " + "; ".join(f"{GROUP_TITLES[g]} — {events['groups'].get(g, 0)}" for g in GROUPS) + " (мероприятие может входить в несколько групп).")
        guessed = sum(1 for m in reviewed for e in m.roadmap.roadmap.events if not e.groups_stated)
        if guessed:
            events_text.append(f"У {guessed}\u00a0{'мероприятия' if _singular(guessed) else 'мероприятий'} группа не указана явно и определена по тексту мероприятия.")
    form_rows = [
        {"form": form, "stage": STAGE_TITLES[events["form_stage"][form]], "count": count, "share": percent(count, total_events)}
        for form, count in sorted(events["forms"].items(), key=lambda x: (-x[1], x[0]))[:15]
    ]

    shnor_total = sum(len(m.shnor_ids) for m in reviewed)
    covered, known, unknown = shnor_coverage(region)
    shnor_text = []
    if shnor_total:
        shnor_text.append(f"В дорожных картах — {shnor_total} ШНОР; участвуют в мероприятиях — {covered} из {known} ({percent(covered, known)}).")
        if unknown:
            vague = [m.name for m in reviewed if m.shnor_ids and not m.participation_known]
            shnor_text.append(f"Не указано, какие ШНОР участвуют в мероприятиях (поле shnor), для {unknown} ШНОР в дорожных картах: {names_list(vague)}.")
        lacking = [m.name for m in reviewed if m.participation_known and len(m.shnor_in_events) < len(m.shnor_ids)]
        if lacking:
            shnor_text.append(f"ШНОР без единого мероприятия есть в дорожных картах: {names_list(lacking)}.")
        without = [m.name for m in reviewed if not m.shnor_ids]
        if without:
            shnor_text.append(f"Без ШНОР (риски записаны по каждой ОО): {names_list(without)}.")
        if region.programmes_collected:
            with_programme = sum(len(set(m.shnor_ids) & m.programme_schools) for m in reviewed)
            shnor_text.append(f"Школьные программы профилактики есть у {with_programme} ШНОР ({percent(with_programme, shnor_total)}).")
    else:
        shnor_text.append("ШНОР в прочитанных дорожных картах не указаны.")

    usage = indicator_usage(region)
    with_indicators = sum(1 for m in reviewed if m.roadmap.roadmap.indicators)
    all_indicators = sum(len(m.roadmap.roadmap.indicators) for m in reviewed)
    measurable = sum(u["measurable"] for u in usage)
    indicators_text = [
        f"Показатели качества перечислены в {roadmaps_prepositional(with_indicators)} из {r}; всего записей — {all_indicators}, "
        f"из них измеримых (с единицей и целевым значением) — {measurable} ({percent(measurable, all_indicators)})."
    ]
    if usage:
        indicators_text.append("Чаще всего используются: " + "; ".join(f"«{u['text']}» ({u['municipalities']})" for u in usage[:5]) + ".")

    reports_text = []
    report_rows = region.sections.get("reports") or []
    if report_rows:
        done = [r for r in report_rows if r[2] is not None]
        reports_text.append(f"Отчётов о реализации дорожных карт представлено: {len(report_rows)}, от {municipalities_genitive(len({r[0] for r in report_rows}))}.")
        for r in done:
            held = r[3] + r[4]
            reports_text.append(
                f"{r[0]}, отчёт {r[1]}: проведено и проводится {held} мероприятий из {r[2]} ({percent(held, r[2])}), перенесено — {r[5]}, отменено — {r[6]}; "
                f"участников — {r[8]}; восприятие — {r[11] or '—'}, положительная динамика — {r[12] or '—'}, изменение социальной ситуации — {r[13] or '—'}."
            )

    conclusions = []
    if by_status[MISSING]:
        conclusions.append(f"Запросить дорожные карты у {municipalities_genitive(len(by_status[MISSING]))} (см. приложение).")
    if by_status["unreadable"]:
        conclusions.append(
            f"Предложить {municipalities_dative(len(by_status['unreadable']))} исправить файлы, которые не читаются "
            "(сохранить в UTF-8, исправить отступы и повторы ключей): перечень и строки — в книге Excel, лист «Замечания»."
        )
    for key, title, *_ in ITEMS:
        if failed_counts.get(key):
            conclusions.append(f"Пункт «{title}» не выполнен в {roadmaps_prepositional(failed_counts[key])}: {RECOMMENDATIONS[key]}.")
    if not conclusions:
        conclusions.append("Все представленные дорожные карты выполняют пункты экспертного листа; замечания — в экспертных листах.")

    rows = []
    for number, m in enumerate(munis, 1):
        score = m.sheet.score if m.sheet is not None and m.sheet.checked else None
        rows.append(
            {"number": number, "name": m.name, "status": STATUS_TITLES[m.status], "score": "" if score is None else score, "verdict": m.sheet.verdict.title if m.sheet else ""}
        )
    return {
        "subtitle": f"({municipalities_word(n)}; {len(region.files)} {plural(len(region.files), 'файл', 'файла', 'файлов')})",
        "submission": submission,
        "compliance": compliance,
        "items": item_rows,
        "factors_text": factors_text,
        "factors": factor_rows,
        "events_text": events_text,
        "forms": form_rows,
        "shnor_text": shnor_text,
        "indicators_text": indicators_text,
        "conclusions": conclusions,
        "reports_text": reports_text,
        "conclusions_number": 8 if reports_text else 7,
        "municipalities": rows,
        "properties": properties(region, "Аналитическая справка по результатам экспертизы муниципальных дорожных карт"),
    }


def _template(name: str) -> Any:
    from importlib.resources import files

    return files("neuspeh_cli.templates").joinpath(name)


def render_sheets(region: Region) -> bytes:
    from ..render.engine import render_docx

    return render_docx(_template("review-sheets.docx"), sheets_context(region), "review-sheets.docx")


def render_brief(region: Region) -> bytes:
    from ..render.engine import render_docx

    return render_docx(_template("review-brief.docx"), brief_context(region), "review-brief.docx")


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
        context = {"sheets": [sheet_context(m, region.programmes_collected)], "scoring": SCORING, "properties": properties(region, f"Экспертный лист: {m.name}")}
        out.append((name, render_docx(template, context, "review-sheets.docx")))
    return out


def file_name(municipality: str, taken: set[str]) -> str:
    """A file name from a municipality's name, valid on Windows too, unique among ``taken`` (which it extends)."""
    import re

    base = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", municipality).strip(" .") or "муниципалитет"
    base = base[:100]
    name, n = base, 1
    while name.lower() in taken:
        n += 1
        name = f"{base} ({n})"
    taken.add(name.lower())
    return name + ".docx"
