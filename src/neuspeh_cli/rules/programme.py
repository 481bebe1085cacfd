"""Rules for a school's programme of prevention (DESIGN.md §1.3).

The checks against the municipality's roadmap are in ``links.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..domain.dates import DatePhrase, parse_dates, vague_advice
from ..domain.periods import Period
from ..domain.programme import Programme, numbers
from ..problems import Problem, Severity
from . import Context, rule
from .common import closest, date_order_problems

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO
P = "programme"


def _programme(ctx: Context) -> Programme:
    return ctx.model


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split()).rstrip(";,")
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _loc(ctx: Context, loc: tuple, key: str) -> tuple:
    """The field itself when it is written (even empty), else the item that lacks it."""
    full = loc + (key,)
    return full if full in ctx.doc.values else loc


def _listing(values: Iterable[int]) -> str:
    return ", ".join(str(v) for v in values) or "нет ни одной"


# ---------------------------------------------------------------- completeness

SECTIONS = (
    (
        "categories",
        "перечислите в categories категории детей с рисками учебной неуспешности («учащиеся с низкой академической "
        "успеваемостью»…)",
    ),
    ("directions", "перечислите в directions направления работы по профилактике учебной неуспешности"),
    ("goal", "напишите цель программы (goal)"),
    ("tasks", "перечислите задачи программы (tasks)"),
    ("indicators", "перечислите целевые показатели (indicators), у каждого — номер задачи (task)"),
    ("methods", "перечислите методы сбора и обработки информации (methods)"),
    ("stages", "опишите этапы реализации программы (stages): номер, название, сроки, содержание"),
    ("roadmap", "заполните дорожную карту (roadmap): по строке на каждую задачу"),
    ("working_group", "перечислите состав рабочей группы (working_group)"),
)


@rule(
    "programme-incomplete",
    E,
    "Не заполнен раздел программы: школа, приказ, срок, категории детей, направления, цель, задачи, показатели, "
    "методы, этапы, дорожная карта, рабочая группа.",
    kind=P,
)
def programme_incomplete(ctx: Context) -> Iterable[Problem]:
    programme = _programme(ctx)
    values = ctx.doc.values
    if not programme.school.id:
        loc = _loc(ctx, ("school",), "id")
        yield ctx.problem(
            loc, "укажите идентификатор школы (school.id), как в schools дорожной карты муниципалитета: «sosh5»"
        )
    if not programme.school.name:
        loc = _loc(ctx, ("school",), "name")
        yield ctx.problem(loc, "укажите наименование школы (school.name): «МБОУ СОШ № 5»")
    order = programme.order
    for key, what in (
        ("body", "чей приказ (в родительном падеже)"),
        ("date", "дату приказа"),
        ("number", "номер приказа"),
    ):
        if not getattr(order, key):
            loc = _loc(ctx, ("order",), key)
            yield ctx.problem(
                loc,
                f"приказ об утверждении программы: укажите {what} (order.{key}) для строки «Приложение к приказу … от "
                "… № …»",
            )
    if programme.period is None:
        yield ctx.problem(
            ("period",) if ("period",) in values else (),
            "укажите срок реализации программы: period: {start: сентябрь 2022, end: май 2023}",
        )
    for key, message in SECTIONS:
        value = getattr(programme, key)
        if not (value.strip() if isinstance(value, str) else value):
            present = (key,) in values
            yield ctx.problem((key,) if present else (), f"раздел пуст: {message}", key=present)
    for i, task in enumerate(programme.tasks):
        if not task.text:
            loc = _loc(ctx, ("tasks", i), "text")
            yield ctx.problem(loc, "напишите формулировку задачи (text)")
    for i, indicator in enumerate(programme.indicators):
        if not indicator.text:
            loc = _loc(ctx, ("indicators", i), "text")
            yield ctx.problem(loc, "напишите формулировку показателя (text)")


# ---------------------------------------------------------------- numbering

_NOUNS = {
    # key: (one, genitive, missing one «пропущена задача», missing many «пропущены задачи»)
    "tasks": ("задача", "задачи", "пропущена задача", "пропущены задачи"),
    "indicators": ("показатель", "показателя", "пропущен показатель", "пропущены показатели"),
    "stages": ("этап", "этапа", "пропущен этап", "пропущены этапы"),
}
_AFTER = {
    "tasks": "перенумеруйте задачи подряд и исправьте номера задач (task) в indicators и roadmap",
    "indicators": "перенумеруйте показатели подряд",
    "stages": "перенумеруйте этапы подряд",
}


def numbering_problems(ctx: Context, key: str) -> Iterable[Problem]:
    """Numbers 1, 2, 3… in order: gaps, repeats, disorder and a number missing among numbered items."""
    items = getattr(_programme(ctx), key)
    one, genitive, missing_one, missing_many = _NOUNS[key]
    written = [item.number for item in items]
    if any(n is not None for n in written):
        for i, n in enumerate(written):
            if n is None:
                yield ctx.problem(
                    (key, i),
                    f"у {genitive} нет номера (number), а у остальных есть: пронумеруйте все или уберите номера у всех",
                )
    expected = 1
    previous: int | None = None
    seen: set[int] = set()
    for i, n in enumerate(written):
        if n is None:
            continue
        loc = (key, i, "number")
        if n in seen:
            yield ctx.problem(loc, f"{one} {n} уже есть: у каждого пункта свой номер; {_AFTER[key]}")
        elif n < expected:
            yield ctx.problem(
                loc,
                f"{one} {n} записан{'а' if key == 'tasks' else ''} после {genitive} {previous}: расположите по "
                "порядку номеров",
            )
        elif n > expected:
            gap = f"{missing_one} {expected}" if n == expected + 1 else f"{missing_many} {expected}–{n - 1}"
            after = f"после {genitive} {previous}" if previous is not None else "первым"
            yield ctx.problem(loc, f"{one} {n} идёт {after}: {gap}; {_AFTER[key]}")
        seen.add(n)
        if n >= expected:
            expected = n + 1
        previous = n


@rule(
    "task-numbering",
    E,
    "Задачи пронумерованы подряд с 1, без пропусков и повторов (или без номеров — тогда их нумерует программа).",
    kind=P,
)
def task_numbering(ctx: Context) -> Iterable[Problem]:
    yield from numbering_problems(ctx, "tasks")


@rule("indicator-numbering", E, "Целевые показатели пронумерованы подряд с 1, без пропусков и повторов.", kind=P)
def indicator_numbering(ctx: Context) -> Iterable[Problem]:
    yield from numbering_problems(ctx, "indicators")


@rule("stage-numbering", E, "Этапы пронумерованы подряд с 1, без пропусков и повторов.", kind=P)
def stage_numbering(ctx: Context) -> Iterable[Problem]:
    yield from numbering_problems(ctx, "stages")


# ---------------------------------------------------------------- tasks and the roadmap


def _task_numbers(programme: Programme) -> list[int]:
    return [n for n in numbers(programme.tasks) if n is not None]


@rule(
    "task-incomplete",
    E,
    "У каждой задачи в дорожной карте есть ожидаемые результаты, меры, сроки каждой меры, показатель и ответственные.",
    kind=P,
)
def task_incomplete(ctx: Context) -> Iterable[Problem]:
    programme = _programme(ctx)
    in_roadmap = {row.task for row in programme.roadmap}
    for i, n in enumerate(numbers(programme.tasks)):
        if n is not None and n not in in_roadmap and programme.roadmap:
            yield ctx.problem(
                ("tasks", i),
                f"задачи {n} нет в дорожной карте: добавьте в roadmap строку с task: {n} — результаты, меры со "
                "сроками, показатели и ответственных",
            )
    tied = {ind.task for ind in programme.indicators}
    for j, row in enumerate(programme.roadmap):
        where = ("roadmap", j)
        what = f"задача {row.task} в дорожной карте"
        if not [r for r in row.results if r.strip()]:
            loc = _loc(ctx, where, "results")
            yield ctx.problem(loc, f"{what}: укажите ожидаемые конечные результаты (results)")
        if not row.measures:
            loc = _loc(ctx, where, "measures")
            yield ctx.problem(loc, f"{what}: перечислите мероприятия/меры (measures), у каждой — срок (deadline)")
        for k, measure in enumerate(row.measures):
            if not measure.text:
                loc = _loc(ctx, where + ("measures", k), "text")
                yield ctx.problem(loc, f"{what}: напишите мероприятие (text)")
            elif not measure.deadline:
                loc = _loc(ctx, where + ("measures", k), "deadline")
                yield ctx.problem(
                    loc,
                    f"{what}: у меры «{_short(measure.text)}» нет срока исполнения: укажите deadline («Октябрь 2022 "
                    "г.», «ежемесячно, октябрь 2022 г. – апрель 2023 г.»)",
                )
        if not [x for x in row.indicators if x.strip()] and row.task not in tied:
            loc = _loc(ctx, where, "indicators")
            yield ctx.problem(
                loc,
                f"{what}: нет показателя: добавьте в indicators целевой показатель с task: {row.task} или напишите "
                "показатели в графе indicators строки",
            )
        if not row.responsible:
            loc = _loc(ctx, where, "responsible")
            yield ctx.problem(loc, f"{what}: укажите ответственных (responsible)")


@rule("roadmap-task-unknown", E, "Строка дорожной карты ссылается на задачу, которой нет в списке задач.", kind=P)
def roadmap_task_unknown(ctx: Context) -> Iterable[Problem]:
    programme = _programme(ctx)
    known = _task_numbers(programme)
    if not programme.tasks:
        return
    for j, row in enumerate(programme.roadmap):
        if row.task not in known:
            yield ctx.problem(
                ("roadmap", j, "task"),
                f"в дорожной карте задача {row.task}, а в tasks такой нет (есть: {_listing(known)}): исправьте номер",
            )


@rule("roadmap-task-duplicate", E, "Две строки дорожной карты об одной задаче.", kind=P)
def roadmap_task_duplicate(ctx: Context) -> Iterable[Problem]:
    first: dict[int, int] = {}
    for j, row in enumerate(_programme(ctx).roadmap):
        if row.task in first:
            line = ctx.doc.locate(("roadmap", first[row.task])).line
            yield ctx.problem(
                ("roadmap", j, "task"),
                f"задача {row.task} уже есть в дорожной карте (строка {line}): объедините меры в одну строку",
            )
        else:
            first[row.task] = j


@rule("indicator-task-unknown", E, "Каждый целевой показатель привязан к существующей задаче (task).", kind=P)
def indicator_task_unknown(ctx: Context) -> Iterable[Problem]:
    programme = _programme(ctx)
    known = _task_numbers(programme)
    for i, (indicator, n) in enumerate(zip(programme.indicators, numbers(programme.indicators))):
        name = f"показатель {n}" if n is not None else f"показатель в строке {ctx.doc.locate(('indicators', i)).line}"
        if indicator.task is None:
            yield ctx.problem(
                ("indicators", i),
                f"{name} не привязан к задаче: укажите task — номер задачи, достижение которой он измеряет (есть: "
                f"{_listing(known)})",
            )
        elif indicator.task not in known and programme.tasks:
            yield ctx.problem(
                ("indicators", i, "task"),
                f"{name} привязан к задаче {indicator.task}, а в tasks такой нет (есть: {_listing(known)}): исправьте "
                "номер",
            )


# ---------------------------------------------------------------- stages and dates


def _start(phrase: DatePhrase, period: Period | None) -> tuple[int, int] | None:
    """(year, month) where a phrase begins; a month without a year is placed inside the period."""
    if not phrase.spans:
        return None
    ref = phrase.spans[0].start
    if ref.year is not None:
        return ref.year, ref.month
    return period.place(ref) if period is not None else None


@rule("stage-incomplete", E, "У этапа есть название, сроки и содержание.", kind=P)
def stage_incomplete(ctx: Context) -> Iterable[Problem]:
    for i, (stage, n) in enumerate(zip(_programme(ctx).stages, numbers(_programme(ctx).stages))):
        for key, what in (
            ("title", "название (title): «аналитико-диагностический»"),
            ("period", "сроки (period): «сентябрь – октябрь 2022 г.»"),
            ("contents", "что он включает (contents)"),
        ):
            if not getattr(stage, key):
                loc = _loc(ctx, ("stages", i), key)
                yield ctx.problem(loc, f"этап {n or i + 1}: укажите {what}")


@rule("stage-order", E, "Этапы идут по времени: каждый начинается не раньше предыдущего.", kind=P)
def stage_order(ctx: Context) -> Iterable[Problem]:
    programme = _programme(ctx)
    latest: tuple[tuple[int, int], int, str] | None = None
    for i, (stage, n) in enumerate(zip(programme.stages, numbers(programme.stages))):
        start = _start(parse_dates(stage.period), programme.period)
        if start is None:
            continue
        if latest is not None and start < latest[0]:
            _, before, before_text = latest
            yield ctx.problem(
                ("stages", i, "period"),
                f"этап {n} «{stage.period}» начинается раньше этапа {before} «{before_text}»: проверьте год или "
                "порядок этапов",
            )
            continue
        latest = (start, n or i + 1, stage.period)


def _outside(phrase: DatePhrase, period: Period) -> list[str]:
    """Months of the phrase outside the period; inverted ranges are left to month-order."""
    labels = []
    for span in phrase.spans:
        ends = (span.start,) if span.start == span.end else (span.start, span.end)
        if (
            span.start.year is not None
            and span.end.year is not None
            and (span.start.year, span.start.month) > (span.end.year, span.end.month)
        ):
            continue
        for ref in ends:
            if not period.contains(ref) and ref.label() not in labels:
                labels.append(ref.label())
    return labels


@rule("stage-outside-period", E, "Сроки этапа лежат внутри срока реализации программы.", kind=P)
def stage_outside_period(ctx: Context) -> Iterable[Problem]:
    programme = _programme(ctx)
    if programme.period is None:
        return
    for i, (stage, n) in enumerate(zip(programme.stages, numbers(programme.stages))):
        outside = _outside(parse_dates(stage.period), programme.period)
        if outside:
            yield ctx.problem(
                ("stages", i, "period"),
                f"этап {n} «{stage.period}» выходит за срок программы ({programme.period.text}): "
                f"{', '.join(outside)}; проверьте год или срок программы (period)",
            )


def _deadlines(programme: Programme) -> Iterable[tuple[tuple, str]]:
    for j, row in enumerate(programme.roadmap):
        for k, measure in enumerate(row.measures):
            if measure.deadline:
                yield ("roadmap", j, "measures", k, "deadline"), measure.deadline


@rule("deadline-outside-period", E, "Сроки исполнения мер лежат внутри срока реализации программы.", kind=P)
def deadline_outside_period(ctx: Context) -> Iterable[Problem]:
    programme = _programme(ctx)
    if programme.period is None:
        return
    for loc, text in _deadlines(programme):
        outside = _outside(parse_dates(text), programme.period)
        if outside:
            yield ctx.problem(
                loc,
                f"срок «{text}» вне срока программы ({programme.period.text}): {', '.join(outside)}; проверьте год "
                "или продлите срок программы (period)",
            )


@rule("deadline-unrecognised", W, "Срок исполнения меры не распознан.", kind=P)
def deadline_unrecognised(ctx: Context) -> Iterable[Problem]:
    for loc, text in _deadlines(_programme(ctx)):
        phrase = parse_dates(text)
        if not phrase.understood:
            vague = vague_advice(phrase)
            yield ctx.problem(
                loc,
                f"срок «{text}» не ставится ни на один месяц: {vague}, или «в течение года»"
                if vague
                else f"срок «{text}» не распознан: напишите месяц и год («Октябрь 2022 г.»), период («сентябрь – "
                "октябрь 2022 г.»), «ежемесячно», «1 раз в четверть» или «в течение года»",
            )


@rule(
    "month-order",
    W,
    "Месяцы записаны по порядку: перевёрнутый период (ошибка) или перечень не по времени (предупреждение).",
    kind=P,
)
def month_order(ctx: Context) -> Iterable[Problem]:
    programme = _programme(ctx)
    period = programme.period
    if period is not None and period.first > period.last:
        yield ctx.problem(
            ("period", "start"),
            f"срок программы перевёрнут: начало «{period.start}» позже окончания «{period.end}»",
            severity=E,
        )
    texts = [(("stages", i, "period"), s.period) for i, s in enumerate(programme.stages) if s.period]
    for loc, text in texts + list(_deadlines(programme)):
        phrase = parse_dates(text)
        # «октябрь – апрель» without a year is a school year (October to April
        # of the next year), not a reversed range: only fully dated phrases are judged.
        if phrase.spans and all(ref.year is not None for s in phrase.spans for ref in (s.start, s.end)):
            yield from date_order_problems(ctx, loc, text, 0)


# ---------------------------------------------------------------- catalog and text


@rule("programme-parameter-unknown", W, "Программа ссылается на параметр, которого нет в каталоге факторов.", kind=P)
def programme_parameter_unknown(ctx: Context) -> Iterable[Problem]:
    programme = _programme(ctx)
    if not programme.parameters:
        return
    from ..domain.catalog import load_catalog
    from .links import own_parameters

    catalog = ctx.catalog or load_catalog()
    own = own_parameters(ctx, programme)
    for i, ref in enumerate(programme.parameters):
        if ref not in catalog.parameters and ref not in own:
            hint = closest(ref, catalog.parameters)
            yield ctx.problem(
                ("parameters", i),
                f"параметра «{ref}» нет в каталоге{hint}: список — `neuspeh catalog`; собственный параметр дорожной "
                "карты муниципалитета сверяется при проверке папки",
            )


# «психолого – педагогическое», «учебно – воспитательной»: a compound adjective
# whose parts are split by a spaced dash (common in texts pasted from PDF).
_COMPOUND_DASH = re.compile(
    r"\b([а-яё]+о)\s+[–—-]\s+([а-яё]+(?:ий|ый|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ым|им|ей|ую|юю|ых|их|ыми|ими))\b",
    re.I,
)
_HYPHEN_AS_DASH = re.compile(r"(?<=[\w».)])\s-\s(?=[\w«(])")
_NUMBER_SIGN = re.compile(r"№(?=\d)")


def _texts(programme: Programme) -> Iterable[tuple[tuple, str]]:
    for key in ("categories", "directions", "methods", "working_group"):
        for i, text in enumerate(getattr(programme, key)):
            yield (key, i), text
    yield ("goal",), programme.goal
    for i, task in enumerate(programme.tasks):
        yield ("tasks", i, "text"), task.text
    for i, indicator in enumerate(programme.indicators):
        yield ("indicators", i, "text"), indicator.text
    for i, stage in enumerate(programme.stages):
        yield ("stages", i, "period"), stage.period
        for k, text in enumerate(stage.contents):
            yield ("stages", i, "contents", k), text
    for j, row in enumerate(programme.roadmap):
        for k, text in enumerate(row.results):
            yield ("roadmap", j, "results", k), text
        for k, measure in enumerate(row.measures):
            yield ("roadmap", j, "measures", k, "text"), measure.text
            yield ("roadmap", j, "measures", k, "deadline"), measure.deadline
        for k, text in enumerate(row.indicators):
            yield ("roadmap", j, "indicators", k), text
        yield ("roadmap", j, "responsible"), row.responsible


@rule(
    "programme-typography",
    I,
    "Типографика: «психолого-педагогический» через дефис, тире между словами, знак № с пробелом, кавычки «».",
    kind=P,
)
def programme_typography(ctx: Context) -> Iterable[Problem]:
    for loc, text in _texts(_programme(ctx)):
        if not text:
            continue
        compound = _COMPOUND_DASH.search(text)
        if compound:
            yield ctx.problem(
                loc,
                f"«{compound.group(0)}»: части сложного слова пишутся через дефис без пробелов: "
                f"«{compound.group(1)}-{compound.group(2)}»",
            )
        elif _HYPHEN_AS_DASH.search(text):
            yield ctx.problem(loc, f"«{_short(text)}»: между словами и в периодах ставится тире «–», а не дефис")
        if _NUMBER_SIGN.search(text):
            yield ctx.problem(loc, f"«{_short(text)}»: после № ставится пробел")
        if '"' in text:
            yield ctx.problem(loc, f'«{_short(text)}»: вместо прямых кавычек "…" используйте «ёлочки»')
