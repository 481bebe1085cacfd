"""Rules of the institute's method for the municipal roadmap (DESIGN.md §1.1)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from ..domain.dates import parse_dates
from ..domain.reference import abbreviations_in, classify_form, form_vocabulary, known_abbreviations
from ..domain.roadmap import Event, Roadmap
from ..domain.structure import GROUP_TITLES, MONITORING_TITLE, event_group, factor_id_of, monitoring_event
from ..problems import Problem, Severity
from . import Context, rule
from .common import closest, date_order_problems, repeats

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO
METHODICAL_SERVICE = "methodical-service"  # factor 11 concerns УО/ТМС, not schools


def _roadmap(ctx: Context) -> Roadmap:
    return ctx.model


# ---------------------------------------------------------------- document


@rule("approval-incomplete", E, "Нет грифа утверждения: должности и имени утверждающего или реквизитов приказа.")
def approval_incomplete(ctx: Context) -> Iterable[Problem]:
    document = _roadmap(ctx).document
    approval = document.approval
    if approval is None or approval.empty:
        if document.signature is None:
            loc = ("document", "approval") if ("document", "approval") in ctx.doc.values else ("document",)
            yield ctx.problem(
                loc,
                "нет ни грифа утверждения, ни подписи: укажите approval (position и name — «УТВЕРЖДАЮ», или order — утверждение приказом) "
                "или, если карту только подписывает руководитель, signature (position и name)",
                key=True,
            )
        return
    if approval.order is not None:
        return
    missing = [key for key in ("position", "name") if not getattr(approval, key)]
    if missing:
        loc = ("document", "approval") if ("document", "approval") in ctx.doc.values else ("document",)
        yield ctx.problem(
            loc, "гриф утверждения не заполнен: укажите approval.position (должность) и approval.name (инициалы и фамилия) или реквизиты приказа в approval.order", key=True
        )


# ---------------------------------------------------------------- section I


@rule("audit-empty", W, "В разделе I нет ни одного выявленного параметра.")
def audit_empty(ctx: Context) -> Iterable[Problem]:
    if not _roadmap(ctx).audit:
        yield ctx.problem(("audit",), "раздел I пуст: перечислите в audit параметры, выявленные входным аудитом, и ШНОР, где они проявляются", key=True)


@rule("parameter-unknown", E, "Параметр не найден в каталоге факторов, а для собственного параметра не указаны id, factor и title.")
def parameter_unknown(ctx: Context) -> Iterable[Problem]:
    catalog = ctx.catalog
    for i, finding in enumerate(_roadmap(ctx).audit):
        loc = ("audit", i)
        if finding.parameter and finding.parameter not in catalog.parameters:
            hint = closest(finding.parameter, catalog.parameters)
            yield ctx.problem(loc + ("parameter",), f"параметра «{finding.parameter}» нет в каталоге{hint}; список — `neuspeh catalog`")
        elif not finding.parameter:
            missing = [k for k in ("id", "factor", "title") if not getattr(finding, k)]
            if missing:
                yield ctx.problem(loc, "укажите parameter (идентификатор из каталога) или, для собственного параметра, id, factor и title; не хватает: " + ", ".join(missing))
            elif finding.factor not in catalog.factors_by_id:
                hint = closest(finding.factor, catalog.factors_by_id)
                yield ctx.problem(loc + ("factor",), f"фактора «{finding.factor}» нет в каталоге{hint}")


@rule("parameter-custom", W, "Собственный параметр, которого нет в каталоге: допустим, но институт сверяет карты с «Конструктором».")
def parameter_custom(ctx: Context) -> Iterable[Problem]:
    for i, finding in enumerate(_roadmap(ctx).audit):
        if not finding.parameter and finding.id and finding.factor in ctx.catalog.factors_by_id and finding.title:
            yield ctx.problem(
                ("audit", i, "id"), f"собственный параметр «{finding.title}» не из каталога: если он уточняет каталожный, укажите parameter и свою формулировку в title"
            )


@rule("parameter-duplicate", E, "Один и тот же параметр указан в разделе I дважды.")
def parameter_duplicate(ctx: Context) -> Iterable[Problem]:
    audit = _roadmap(ctx).audit
    for i, first in repeats(f.ref for f in audit):
        yield ctx.problem(("audit", i), f"параметр «{audit[i].ref}» уже указан (audit, пункт {first + 1}): объедините списки школ или дайте уточнённому параметру свой id")


@rule("school-duplicate", E, "Две школы с одним идентификатором.")
def school_duplicate(ctx: Context) -> Iterable[Problem]:
    schools = _roadmap(ctx).schools
    for i, _ in repeats(s.id for s in schools):
        yield ctx.problem(("schools", i, "id"), f"идентификатор школы «{schools[i].id}» уже занят: у каждой школы свой id")


@rule("school-unknown", E, "В разделе I указана школа, которой нет в списке schools.")
def school_unknown(ctx: Context) -> Iterable[Problem]:
    ids = {s.id for s in _roadmap(ctx).schools}
    for i, finding in enumerate(_roadmap(ctx).audit):
        for j, school in enumerate(finding.schools):
            if school not in ids:
                hint = closest(school, ids)
                yield ctx.problem(("audit", i, "schools", j), f"школы «{school}» нет в списке schools{hint}: добавьте её туда или исправьте идентификатор")


@rule("school-not-shnor", W, "В перечне ШНОР раздела I указана школа, не отмеченная как ШНОР.")
def school_not_shnor(ctx: Context) -> Iterable[Problem]:
    shnor = {s.id: s.shnor for s in _roadmap(ctx).schools}
    for i, finding in enumerate(_roadmap(ctx).audit):
        for j, school in enumerate(finding.schools):
            if shnor.get(school) is False:
                yield ctx.problem(("audit", i, "schools", j), f"школа «{school}» не отмечена как ШНОР (shnor: true), а раздел I — перечень ШНОР")


@rule("parameter-no-schools", W, "Для параметра не указана ни одна ШНОР (кроме фактора «Низкая эффективность работы методической службы»).")
def parameter_no_schools(ctx: Context) -> Iterable[Problem]:
    for i, finding in enumerate(_roadmap(ctx).audit):
        factor = factor_id_of(finding, ctx.catalog)
        if factor and factor != METHODICAL_SERVICE and not finding.schools:
            yield ctx.problem(("audit", i), "не указаны ШНОР, в которых проявляется параметр: заполните schools")


@rule("shnor-not-audited", W, "ШНОР не упомянута ни в одном параметре раздела I.")
def shnor_not_audited(ctx: Context) -> Iterable[Problem]:
    roadmap = _roadmap(ctx)
    if not roadmap.audit:
        return
    mentioned = {s for f in roadmap.audit for s in f.schools}
    for i, school in enumerate(roadmap.schools):
        if school.shnor and school.id not in mentioned:
            yield ctx.problem(("schools", i), f"ШНОР «{school.name}» не указана ни в одном параметре раздела I: проверьте результаты аудита")


# ---------------------------------------------------------------- coverage


@rule("parameter-not-addressed", E, "Профилактика применяется к каждому негативному фактору: на каждый параметр раздела I нужно хотя бы одно мероприятие.")
def parameter_not_addressed(ctx: Context) -> Iterable[Problem]:
    roadmap = _roadmap(ctx)
    if any(e.addresses_all for e in roadmap.events if not _is_monitoring_only(e)):
        return
    addressed = {ref for e in roadmap.events for ref in e.parameter_refs}
    for i, finding in enumerate(roadmap.audit):
        if finding.ref and finding.ref not in addressed:
            yield ctx.problem(
                ("audit", i),
                f"на параметр «{finding.ref}» не направлено ни одно мероприятие раздела II: добавьте мероприятие с этим параметром в parameters (или `neuspeh roadmap draft`)",
            )


def _is_monitoring_only(event: Event) -> bool:
    # The mandatory monitoring addresses «все выявленные параметры» by nature:
    # it controls the schools' systems, it does not replace prevention itself.
    return event_group(event) == "control"


@rule("code-dangling", E, "Мероприятие ссылается на параметр, которого нет в разделе I.")
def code_dangling(ctx: Context) -> Iterable[Problem]:
    roadmap = _roadmap(ctx)
    refs = {f.ref for f in roadmap.audit}
    for i, event in enumerate(roadmap.events):
        for j, ref in enumerate(event.parameter_refs):
            if ref not in refs:
                hint = closest(ref, refs)
                known = "есть в каталоге, но не выявлен аудитом" if ref in ctx.catalog.parameters else "неизвестен"
                yield ctx.problem(("events", i, "parameters", j), f"параметр «{ref}» {known}{hint}: добавьте его в раздел I (audit) или исправьте ссылку")


@rule("event-no-parameters", E, "Мероприятие не направлено ни на один параметр.")
def event_no_parameters(ctx: Context) -> Iterable[Problem]:
    for i, event in enumerate(_roadmap(ctx).events):
        if not event.addresses_all and not event.parameter_refs:
            yield ctx.problem(("events", i), f"мероприятие № {i + 1}: укажите в parameters коды параметров или «все выявленные параметры»")


# ---------------------------------------------------------------- events

EVENT_FIELDS = {
    "name": "название мероприятия",
    "form": "форму",
    "contingent": "контингент",
    "place": "место проведения",
    "dates": "дату проведения",
    "responsible": "ответственных",
}


@rule("event-incomplete", E, "У мероприятия не заполнена графа (название, форма, контингент, место, дата, ответственные); у черновика — предупреждение.")
def event_incomplete(ctx: Context) -> Iterable[Problem]:
    for i, event in enumerate(_roadmap(ctx).events):
        for key, what in EVENT_FIELDS.items():
            if not getattr(event, key):
                severity = W if event.draft else E
                loc = ("events", i, key) if ("events", i, key) in ctx.doc.values else ("events", i)
                yield ctx.problem(loc, f"мероприятие № {i + 1}: укажите {what} ({key})", severity=severity, key=loc[-1] == key)


@rule("event-draft", W, "Мероприятие — черновик из «Конструктора»: уточните его и снимите отметку draft.")
def event_draft(ctx: Context) -> Iterable[Problem]:
    for i, event in enumerate(_roadmap(ctx).events):
        if event.draft:
            yield ctx.problem(
                ("events", i, "draft"), f"мероприятие № {i + 1} — черновик: проверьте название, форму, даты, место и ответственных, затем удалите «draft: true»", key=True
            )


@rule("event-duplicate", W, "Два мероприятия с одинаковыми названием, формой и датой.")
def event_duplicate(ctx: Context) -> Iterable[Problem]:
    keys = ((e.name.lower(), e.form.lower(), e.dates.lower()) if e.name else None for e in _roadmap(ctx).events)
    for i, first in repeats(keys):
        yield ctx.problem(("events", i), f"мероприятие № {i + 1} повторяет № {first + 1}: удалите повтор или объедините параметры")


@rule("form-unknown", W, "Форма мероприятия не относится ни к одному этапу управленческого цикла методики.")
def form_unknown(ctx: Context) -> Iterable[Problem]:
    for i, event in enumerate(_roadmap(ctx).events):
        if event.form and not classify_form(event.form):
            yield ctx.problem(
                ("events", i, "form"),
                f"форма «{event.form}» не из методики: укажите форму этапа реализации (семинар, стажировка, консультирование, конкурс…) или контроля (мониторинг, аудит, собеседование…); полный список — в README",
            )


@rule("management-cycle", W, "В карте должны быть мероприятия этапа реализации и этапа оценки эффективности (контроля).")
def management_cycle(ctx: Context) -> Iterable[Problem]:
    roadmap = _roadmap(ctx)
    if not roadmap.events:
        return
    stages = {entry.stage for e in roadmap.events for entry in classify_form(e.form)}
    names, _ = form_vocabulary()
    for stage, forms in ((3, "семинар, стажировка, мастер-класс, консультирование…"), (4, "аудит, мониторинг, собеседование, круглый стол…")):
        if stage not in stages:
            yield ctx.problem(("events",), f"нет мероприятий этапа «{names[stage]}»: добавьте мероприятия в формах {forms}", key=True)


@rule("event-groups", W, "Карта включает три группы мероприятий: муниципальные (ТМС), с участием / для ШНОР, контроль внутришкольных систем.")
def event_groups(ctx: Context) -> Iterable[Problem]:
    roadmap = _roadmap(ctx)
    if not roadmap.events:
        yield ctx.problem(("events",), "раздел II пуст: добавьте мероприятия (или `neuspeh roadmap draft`)", key="events" in roadmap.model_fields_set)
        return
    present = Counter(event_group(e) for e in roadmap.events)
    for group, title in GROUP_TITLES.items():
        if not present[group]:
            yield ctx.problem(("events",), f"нет мероприятий группы «{title}»: добавьте их или укажите group: {group} у подходящих", key=True)


@rule("all-schools", W, "Профилактика распространяется на все школы муниципалитета, а не только на ШНОР.")
def all_schools(ctx: Context) -> Iterable[Problem]:
    roadmap = _roadmap(ctx)
    if roadmap.schools and all(s.shnor for s in roadmap.schools):
        yield ctx.problem(("schools",), "в schools только ШНОР: перечислите все школы муниципалитета (остальные — с shnor: false), профилактика охватывает все ОО", key=True)
    events = [e for e in roadmap.events if event_group(e) != "control"]
    if events and all(_only_shnor(e.contingent) for e in events):
        yield ctx.problem(("events",), "все мероприятия — только для ШНОР: добавьте мероприятия для всех ОО муниципалитета", key=True)


def _only_shnor(contingent: str) -> bool:
    text = contingent.lower()
    return "шнор" in text and "в том числе" not in text and "в т.ч." not in text


# ---------------------------------------------------------------- monitoring


@rule("monitoring-missing", E, "Нет обязательного «Мониторинга подготовки и реализации внутришкольных систем профилактики учебной неуспешности».")
def monitoring_missing(ctx: Context) -> Iterable[Problem]:
    roadmap = _roadmap(ctx)
    if monitoring_event(roadmap) is not None:
        return
    if roadmap.monitoring.event_ids:
        key = "events" if roadmap.monitoring.events else "event"
        missing = ", ".join(roadmap.monitoring.event_ids)
        yield ctx.problem(("monitoring", key), f"мероприятия с id «{missing}» нет в events: укажите id мероприятия-мониторинга")
    else:
        yield ctx.problem(
            ("events",), f"добавьте мероприятие «{MONITORING_TITLE}» (форма — мониторинг, параметры — «все выявленные параметры») и сошлитесь на него в monitoring.events", key=True
        )


@rule("monitoring-dates", E, "У мониторинга внутришкольных систем должны быть сроки (месяцы или период).")
def monitoring_dates(ctx: Context) -> Iterable[Problem]:
    found = monitoring_event(_roadmap(ctx))
    if found is None:
        return
    i, event = found
    if event.dates and not parse_dates(event.dates).concrete:
        yield ctx.problem(("events", i, "dates"), f"сроки мониторинга «{event.dates}» не названы: укажите месяцы проведения («Июнь 2023, декабрь 2023»)")


@rule("quality-indicators-missing", E, "Не перечислены показатели качества внутришкольных систем профилактики учебной неуспешности.")
def quality_indicators_missing(ctx: Context) -> Iterable[Problem]:
    roadmap = _roadmap(ctx)
    if not [x for x in roadmap.monitoring.quality_indicators if x.text.strip()]:
        loc = ("monitoring",) if ("monitoring",) in ctx.doc.values else ()
        yield ctx.problem(
            loc,
            "перечислите в monitoring.indicators показатели качества внутришкольных систем профилактики учебной неуспешности (методика требует их в дорожной карте)",
            key=bool(loc),
        )


# ---------------------------------------------------------------- dates


@rule("dates-unrecognised", W, "Дата проведения не распознана.")
def dates_unrecognised(ctx: Context) -> Iterable[Problem]:
    for i, event in enumerate(_roadmap(ctx).events):
        if event.dates and not parse_dates(event.dates).understood:
            yield ctx.problem(
                ("events", i, "dates"),
                f"дата «{event.dates}» не распознана: напишите месяц и год («Октябрь 2023»), период («сентябрь – октябрь 2023»), «В течение года» или «По отдельному графику»",
            )


@rule("dates-outside-year", E, "Дата проведения вне года дорожной карты.")
def dates_outside_year(ctx: Context) -> Iterable[Problem]:
    roadmap = _roadmap(ctx)
    year = roadmap.document.first_year
    for i, event in enumerate(roadmap.events):
        other = sorted(parse_dates(event.dates).years() - {year})
        if other:
            yield ctx.problem(("events", i, "dates"), f"дата «{event.dates}» вне {year} года ({', '.join(map(str, other))}): дорожная карта составляется на {year} год")


@rule("dates-order", W, "Месяцы в дате записаны не по порядку или период перевёрнут.")
def dates_order(ctx: Context) -> Iterable[Problem]:
    roadmap = _roadmap(ctx)
    year = roadmap.document.first_year
    for i, event in enumerate(roadmap.events):
        yield from date_order_problems(ctx, ("events", i, "dates"), event.dates, year)


# ---------------------------------------------------------------- text


def _texts(roadmap: Roadmap) -> Iterable[tuple[tuple, str]]:
    for i, school in enumerate(roadmap.schools):
        yield ("schools", i, "name"), school.name
    for i, finding in enumerate(roadmap.audit):
        if finding.title:
            yield ("audit", i, "title"), finding.title
    for i, event in enumerate(roadmap.events):
        for key in ("name", "form", "contingent", "place", "dates", "responsible"):
            yield ("events", i, key), getattr(event, key)
    for i, indicator in enumerate(roadmap.monitoring.indicators):
        if isinstance(indicator, str):
            yield ("monitoring", "indicators", i), indicator
        else:
            yield ("monitoring", "indicators", i, "text"), indicator.text


@rule("abbreviation-unknown", W, "Сокращение без расшифровки: его не будет в перечне сокращений документа.")
def abbreviation_unknown(ctx: Context) -> Iterable[Problem]:
    roadmap = _roadmap(ctx)
    known = set(known_abbreviations()) | set(roadmap.abbreviations)
    reported: set[str] = set()
    for loc, text in _texts(roadmap):
        for abbr in abbreviations_in(text):
            if abbr not in known and abbr not in reported:
                reported.add(abbr)
                yield ctx.problem(loc, f"сокращение «{abbr}» без расшифровки: добавьте в abbreviations строку «{abbr}: расшифровка» или напишите полностью")


_STRAIGHT_QUOTES = re.compile(r'"')
_NUMBER_SIGN = re.compile(r"№(?=\d)")
_HYPHEN_AS_DASH = re.compile(r"\s-\s")


@rule("typography", I, "Типографика: кавычки «», знак № с пробелом, тире вместо дефиса между словами.")
def typography(ctx: Context) -> Iterable[Problem]:
    for loc, text in _texts(_roadmap(ctx)):
        if _STRAIGHT_QUOTES.search(text):
            yield ctx.problem(loc, f'«{text}»: вместо прямых кавычек "…" используйте «ёлочки»')
        if _NUMBER_SIGN.search(text):
            yield ctx.problem(loc, f"«{text}»: после № ставится пробел: «{_NUMBER_SIGN.sub('№ ', text)}»")
        if _HYPHEN_AS_DASH.search(text):
            yield ctx.problem(loc, f"«{text}»: между словами ставится тире «–», а не дефис")
