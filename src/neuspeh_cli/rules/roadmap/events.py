"""Section II: each event complete, in the method's groups, with the ШНОР that take part named."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ...domain.reference import classify_form, form_vocabulary
from ...domain.roadmap import Event
from ...domain.structure import GROUP_TITLES, Participation, event_groups, guessed_groups, is_control_only
from ...problems import Problem
from .. import Context, rule
from ..common import closest, repeats
from ._shared import E, I, W, flow, number_ref, numbered, roadmap_of

EVENT_FIELDS = {
    "name": "название мероприятия",
    "form": "форму",
    "contingent": "контингент",
    "place": "место проведения",
    "dates": "дату проведения",
    "responsible": "ответственных",
}


@rule(
    "event-incomplete",
    E,
    "У мероприятия не заполнена графа (название, форма, контингент, место, дата, ответственные); у черновика — "
    "предупреждение, но собрать документ всё равно нельзя.",
    blocks_build=True,
)
def event_incomplete(ctx: Context) -> Iterable[Problem]:
    for i, event in enumerate(roadmap_of(ctx).events):
        for key, what in EVENT_FIELDS.items():
            if not getattr(event, key):
                severity = W if event.draft else E
                loc = ("events", i, key) if ctx.has(("events", i, key)) else ("events", i)
                yield ctx.problem(
                    loc,
                    f"{numbered(i, roadmap_of(ctx).events[i])}: укажите {what} ({key})",
                    severity=severity,
                    key=loc[-1] == key,
                )


@rule(
    "event-draft",
    W,
    "Мероприятие — черновик из «Конструктора»: уточните его и снимите отметку draft (с черновиками документ не "
    "собирается).",
    blocks_build=True,
)
def event_draft(ctx: Context) -> Iterable[Problem]:
    for i, event in enumerate(roadmap_of(ctx).events):
        if event.draft:
            yield ctx.problem(
                ("events", i, "draft"),
                f"{numbered(i, roadmap_of(ctx).events[i])} — черновик: проверьте название, форму, даты, место и "
                "ответственных, затем удалите «draft: true»",
                key=True,
            )


@rule("event-duplicate", W, "Два мероприятия с одинаковыми названием, формой и датой.")
def event_duplicate(ctx: Context) -> Iterable[Problem]:
    keys = ((e.name.lower(), e.form.lower(), e.dates.lower()) if e.name else None for e in roadmap_of(ctx).events)
    for i, first in repeats(keys):
        yield ctx.problem(
            ("events", i),
            f"{numbered(i, roadmap_of(ctx).events[i])} повторяет {number_ref(first, roadmap_of(ctx).events[first])}: "
            "удалите повтор или объедините параметры",
        )


@rule("event-id-duplicate", E, "Два мероприятия с одним идентификатором id.")
def event_id_duplicate(ctx: Context) -> Iterable[Problem]:
    events = roadmap_of(ctx).events
    for i, first in repeats(e.id for e in events):
        yield ctx.problem(
            ("events", i, "id"),
            f"{numbered(i)}: id «{events[i].id}» уже занят мероприятием № {first + 1}: у каждого мероприятия свой id",
        )


@rule(
    "form-unknown",
    I,
    "Форма мероприятия не из словаря форм (`neuspeh forms`): этап управленческого цикла не определён.",
)
def form_unknown(ctx: Context) -> Iterable[Problem]:
    for i, event in enumerate(roadmap_of(ctx).events):
        if event.form and not classify_form(event.form):
            yield ctx.problem(
                ("events", i, "form"),
                f"форма «{event.form}» не найдена в словаре форм, этап управленческого цикла не определён: если это "
                "не опечатка, ничего делать не нужно "
                f'(словарь — `neuspeh forms`, проверить одну форму — `neuspeh forms "{event.form}"`)',
            )


@rule(
    "management-cycle", W, "В карте должны быть мероприятия этапа реализации и этапа оценки эффективности (контроля)."
)
def management_cycle(ctx: Context) -> Iterable[Problem]:
    roadmap = roadmap_of(ctx)
    if not roadmap.events:
        return
    stages = {entry.stage for e in roadmap.events for entry in classify_form(e.form)}
    names, _ = form_vocabulary()
    for stage, forms in (
        (3, "семинар, стажировка, мастер-класс, консультирование…"),
        (4, "аудит, мониторинг, собеседование, круглый стол…"),
    ):
        if stage not in stages:
            yield ctx.problem(
                ("events",), f"нет мероприятий этапа «{names[stage]}»: добавьте мероприятия в формах {forms}", key=True
            )


@rule(
    "event-groups",
    W,
    "Карта включает три группы мероприятий: муниципальные (ТМС), с участием / для ШНОР (если ШНОР есть), контроль "
    "внутришкольных систем.",
)
def event_groups_present(ctx: Context) -> Iterable[Problem]:
    roadmap = roadmap_of(ctx)
    if not roadmap.events:
        yield ctx.problem(
            ("events",),
            "раздел II пуст: добавьте мероприятия (или `neuspeh roadmap draft`)",
            key="events" in roadmap.model_fields_set,
        )
        return
    present = {g for e in roadmap.events for g in event_groups(e)}
    for group, title in GROUP_TITLES.items():
        if group == "shnor" and not roadmap.has_shnor:
            continue
        if group not in present:
            yield ctx.problem(
                ("events",),
                f"нет мероприятий группы «{title}»: добавьте их или укажите groups: [{group}] у подходящих",
                key=True,
            )


@rule(
    "event-groups-implicit",
    I,
    "У мероприятия не указаны группы (groups): проверка взяла их из текста и предлагает, что дописать.",
)
def event_groups_implicit(ctx: Context) -> Iterable[Problem]:
    for i, event in enumerate(roadmap_of(ctx).events):
        if event.group and not event.groups:
            yield ctx.problem(
                ("events", i, "group"),
                f"{numbered(i, roadmap_of(ctx).events[i])}: запись «group: {event.group}» устарела — замените её на "
                f"«groups: [{event.group}]» (групп может быть несколько)",
                key=True,
            )
        elif not event.stated_groups:
            guess = guessed_groups(event)
            yield ctx.problem(
                ("events", i),
                f"{numbered(i, roadmap_of(ctx).events[i])}: группы не указаны, по тексту это "
                f"{', '.join(GROUP_TITLES[g] for g in guess)}; если так, допишите «groups: {flow(guess)}»",
            )


@rule("event-shnor-unknown", E, "В shnor мероприятия указана школа, которой нет в schools или которая не ШНОР.")
def event_shnor_unknown(ctx: Context) -> Iterable[Problem]:
    roadmap = roadmap_of(ctx)
    schools = {s.id: s for s in roadmap.schools}
    for i, event in enumerate(roadmap.events):
        for j, school in enumerate(event.shnor_ids):
            if school not in schools:
                yield ctx.problem(
                    ("events", i, "shnor", j),
                    f"{numbered(i, roadmap_of(ctx).events[i])}: школы «{school}» нет в "
                    f"schools{closest(school, schools)}",
                )
            elif not schools[school].shnor:
                yield ctx.problem(
                    ("events", i, "shnor", j),
                    f"{numbered(i, roadmap_of(ctx).events[i])}: школа «{school}» не ШНОР; в shnor перечисляются "
                    "только ШНОР, участвующие в мероприятии",
                )


@rule(
    "event-shnor-implicit",
    I,
    "Участие ШНОР прочитано из текста (контингент, место): проверка предлагает записать его в shnor.",
)
def event_shnor_implicit(ctx: Context) -> Iterable[Problem]:
    roadmap = roadmap_of(ctx)
    participation = Participation(roadmap)
    every = participation.shnor
    if not every:
        return
    for i, event in enumerate(roadmap.events):
        if event.shnor:
            continue
        guess = participation.guessed(event)
        if guess:
            value = "все" if guess == every else flow(sorted(guess))
            yield ctx.problem(
                ("events", i),
                f"{numbered(i, roadmap_of(ctx).events[i])}: по тексту в нём участвуют ШНОР; если так, допишите "
                f"«shnor: {value}»",
            )
        elif "shnor" in event.stated_groups:
            yield ctx.problem(
                ("events", i),
                f"{numbered(i, roadmap_of(ctx).events[i])} отнесено к мероприятиям для ШНОР, но не сказано, какие "
                f"ШНОР участвуют: допишите «shnor: все» или список, например «shnor: {flow(sorted(every)[:2])}»",
                severity=W,
            )


# Who organises a municipal event: the education authority or its methodical service.
_ORGANISER = re.compile(
    r"\b(тмс|уо|моуо|муо|оуо|имц|ммц|ммс|мку|мбу|рмк|рмо|гмо|ммо|цро|нмц|умц)\b|управлени\w* образовани|отдел\w* "
    r"образовани|комитет\w* (по )?образовани|"
    r"департамент\w* образовани|методическ\w* (служб|центр|кабинет|отдел)|информационно-методическ|муниципальн\w* "
    r"(координатор|методист|центр)|"
    r"главн\w* специалист|ведущ\w* специалист|методист",
    re.I,
)


def _names_organiser(text: str, body: str) -> bool:
    if _ORGANISER.search(text):
        return True
    # The body of the document («Управление образования администрации МО …») named in its own words.
    return bool(body) and body.lower()[:30] in text.lower()


@rule(
    "municipal-responsible", W, "Ответственный за муниципальное мероприятие — УО или ТМС (их специалисты, методисты)."
)
def municipal_responsible(ctx: Context) -> Iterable[Problem]:
    roadmap = roadmap_of(ctx)
    for i, event in enumerate(roadmap.events):
        if (
            event.responsible
            and "municipal" in event_groups(event)
            and not _names_organiser(event.responsible, roadmap.document.body)
        ):
            yield ctx.problem(
                ("events", i, "responsible"),
                f"{numbered(i, roadmap_of(ctx).events[i])} — муниципальное, а среди ответственных нет ни УО, ни ТМС "
                f"(«{event.responsible}»): добавьте организатора от муниципалитета "
                "или, если мероприятие проводят школы, уберите его из группы municipal",
            )


def _only_shnor(event: Event) -> bool:
    text = event.contingent.lower()
    return "шнор" in text and "в том числе" not in text and "в т.ч." not in text and "в т. ч." not in text


@rule("all-schools", W, "Профилактика распространяется на все школы муниципалитета, а не только на ШНОР.")
def all_schools(ctx: Context) -> Iterable[Problem]:
    roadmap = roadmap_of(ctx)
    if roadmap.schools and all(s.shnor for s in roadmap.schools):
        yield ctx.problem(
            ("schools",),
            "в schools только ШНОР: перечислите все школы муниципалитета (остальные — с shnor: false), профилактика "
            "охватывает все ОО",
            key=True,
        )
    events = [e for e in roadmap.events if not is_control_only(e)]
    if events and all(_only_shnor(e) or event_groups(e) == ["shnor"] for e in events):
        yield ctx.problem(
            ("events",), "все мероприятия — только для ШНОР: добавьте мероприятия для всех ОО муниципалитета", key=True
        )
