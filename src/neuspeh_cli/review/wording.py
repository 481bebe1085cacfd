"""How the review names the check's rules to people: short Russian titles, no identifiers.

The expert sheet goes to the municipality and the workbook to the institute's
experts: neither should show `event-duplicate` or a YAML key. The titles are
written here rather than taken from the rules' registry, so that a review
from the cache does not import the rules and the models; a rule added later
and missing here is named by the registry's own description
(``tests/test_review_wording.py`` keeps this table true to the registry).
"""

from __future__ import annotations

RULE_TITLES = {
    # every kind
    "read-error": "файл не читается",
    "schema": "структура файла",
    "internal-error": "внутренняя ошибка программы",
    "more-problems": "остальные замечания не показаны",
    "mixed-letters": "латинские буквы в русском слове",
    # roadmap: section I
    "audit-empty": "раздел I пуст",
    "parameter-unknown": "параметр не найден в «Конструкторе»",
    "parameter-custom": "собственный параметр муниципалитета",
    "parameter-duplicate": "параметр указан дважды",
    "school-duplicate": "школа указана дважды",
    "school-unknown": "школа не из перечня школ",
    "school-not-shnor": "у параметра указана школа, не отмеченная как ШНОР",
    "parameter-no-schools": "у параметра не указаны школы",
    "shnor-not-audited": "ШНОР не названа ни в одном параметре",
    # prevention of every parameter
    "parameter-not-addressed": "на параметр не направлено ни одного мероприятия",
    "parameter-control-only": "на параметр направлен только контроль",
    "all-parameters-not-control": "«все выявленные параметры» у мероприятия, которое не контроль",
    "parameter-shnor-not-reached": "ШНОР не участвует в мероприятиях по своему параметру",
    "code-dangling": "ссылка на параметр, которого нет в разделе I",
    "event-no-parameters": "мероприятие не направлено ни на один параметр",
    # dates and approval
    "dates-unrecognised": "дата проведения не распознана",
    "dates-outside-period": "дата вне срока дорожной карты",
    "dates-order": "даты записаны не по порядку",
    "dates-before-approval": "дата раньше утверждения карты",
    "approval-incomplete": "гриф утверждения или подпись не заполнены",
    "period-mismatch": "год карты не совпадает со сроком",
    "period-inverted": "срок карты перевёрнут",
    # events
    "event-incomplete": "не заполнены графы мероприятия",
    "event-draft": "черновик мероприятия",
    "event-duplicate": "мероприятие повторяется",
    "event-id-duplicate": "два мероприятия с одним обозначением",
    "form-unknown": "форма мероприятия не из перечня методики",
    "management-cycle": "нет этапа управленческого цикла",
    "event-groups": "нет группы мероприятий",
    "event-groups-implicit": "группа мероприятия определена по тексту",
    "event-shnor-unknown": "участник мероприятия — не ШНОР из перечня",
    "event-shnor-implicit": "участие ШНОР прочитано из текста",
    "municipal-responsible": "ответственный за муниципальное мероприятие — не УО и не ТМС",
    "all-schools": "профилактика не охватывает все школы",
    # monitoring
    "monitoring-missing": "нет мониторинга внутришкольных систем профилактики",
    "monitoring-not-control": "мониторинг проводится не в форме контроля",
    "monitoring-dates": "сроки мониторинга не названы",
    "quality-indicators-missing": "нет показателей качества",
    "indicator-unstructured": "показатель качества без единицы и значений",
    "indicator-unmeasured": "показатель качества ничего не измеряет",
    "indicator-values": "значение показателя вне возможного",
    "indicator-id-duplicate": "два показателя с одним обозначением",
    "abbreviation-unknown": "сокращение без расшифровки",
    "typography": "типографика",
    "shnor-no-programme": "у ШНОР нет школьной программы",
    # programme
    "programme-incomplete": "не заполнен раздел программы",
    "task-numbering": "нумерация задач",
    "indicator-numbering": "нумерация целевых показателей",
    "stage-numbering": "нумерация этапов",
    "task-incomplete": "задача без результатов, мер, сроков или ответственных",
    "roadmap-task-unknown": "строка дорожной карты программы ссылается на несуществующую задачу",
    "roadmap-task-duplicate": "две строки дорожной карты программы об одной задаче",
    "indicator-task-unknown": "целевой показатель не привязан к задаче",
    "stage-incomplete": "этап программы заполнен не полностью",
    "stage-order": "этапы программы не по порядку",
    "stage-outside-period": "этап вне срока программы",
    "deadline-outside-period": "срок меры вне срока программы",
    "deadline-unrecognised": "срок меры не распознан",
    "month-order": "месяцы не по порядку",
    "programme-parameter-unknown": "параметр программы не найден в «Конструкторе»",
    "programme-typography": "типографика",
    "programme-unlinked": "программа не связана с дорожной картой",
    "programme-school-unknown": "школы программы нет в дорожной карте",
    "programme-misses-audit": "программа не направлена на параметры своей школы",
    # report
    "report-roadmap": "дорожная карта отчёта не найдена",
    "report-previous": "предыдущий отчёт не найден",
    "report-period": "отчётный период вне срока карты",
    "report-unknown-id": "отчёт ссылается на то, чего нет в карте",
    "report-event-missing": "мероприятие карты не упомянуто в отчёте",
    "report-status-missing": "не указан статус мероприятия",
    "report-held-incomplete": "проведённое мероприятие описано не полностью",
    "report-not-held-participants": "участники у непроведённого мероприятия",
    "report-shnor-not-shnor": "участники из ШНОР — не ШНОР",
    "report-counts": "числа отчёта не сходятся",
    "report-indicator-range": "значение показателя вне возможного",
    "report-round": "срез мониторинга без месяца или вне периода",
    "report-outcome-missing": "выходной аудит заполнен не полностью",
    "report-outcome-evidence": "итог выходного аудита без подтверждения",
    "report-correction-missing": "перенос или отмена не отражены в коррекции карты",
}


def rule_title(rule: str) -> str:
    """The rule's title in Russian; for a rule not in the table, the registry's description (never the id)."""
    title = RULE_TITLES.get(rule)
    if title is not None:
        return title
    from ..rules import all_rules

    found = next((r for r in all_rules() if r.id == rule), None)
    if found is None:
        return "другое замечание проверки"
    summary = found.summary.split(":")[0].rstrip(".")
    return summary[:1].lower() + summary[1:]
