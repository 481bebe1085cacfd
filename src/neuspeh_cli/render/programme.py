"""The values the school programme's template receives: worded, numbered and punctuated here.

The template only lays text out. Lists get the punctuation of a Russian
enumeration («…;» and «….» at the end) whatever the YAML has, so a file
pasted from an old document and a freshly written one look alike.
"""

from __future__ import annotations

import datetime as dt

from ..domain.programme import Programme, numbers
from .package import MERGE_CONTINUES, DocumentProperties, parse_day
from .roadmap import balanced_groups, row_height_mm
from .typography import NBSP, keep_together, lower_first

SUBJECT = "Программа профилактики учебной неуспешности"
KEYWORDS = "профилактика учебной неуспешности; программа; дорожная карта"
BLANK_DATE = "«___» ____________ 20___ г."
BLANK_NUMBER = "______"
# Section 7 as tools/make_programme_template.py lays it out: the columns (mm) and the landscape page's text
# height less the repeated header row.
ROADMAP_WIDTHS = (50, 45, 61, 25, 43, 33)
ROADMAP_PAGE_MM = 210 - 20 - 20 - 16
# The tallest group of a task's measures kept on one page, as a share of the page: a group that moves on
# leaves at most this much of a page empty (the measures are short rows: small groups cost nothing).
GROUP_SHARE = 0.3


def _bare(text: str) -> str:
    return " ".join(text.split()).rstrip(" ;,.")


def enumeration(items: list[str]) -> list[str]:
    """«а;», «б;», «в.»: items of a list ending with «;» and the last with «.»; empty items dropped."""
    cleaned = [_bare(x) for x in items if _bare(x)]
    return [x + (";" if i < len(cleaned) - 1 else ".") for i, x in enumerate(cleaned)]


def sentence(text: str) -> str:
    """A full stop at the end, replacing the «;» or «,» an item pasted from a list ends with (no «…потребностями;.»)."""
    text = " ".join(text.split()).rstrip(" ;,:")
    if not text:
        return ""
    return text if text[-1] in ".!?…" else text + "."


def split_measures(task: dict, measures: list[dict], page_mm: float = ROADMAP_PAGE_MM) -> list[list[dict]]:
    """A task's measures in groups kept on one page each, as section I of the roadmap cuts a factor.

    A task's rows are one vertically merged block chained with «keep with next»: a task of ten measures that
    did not fit in what was left of a page moved on whole and still broke over the next, leaving half a page
    empty before it and the tail of it alone on a page after. Cut into balanced groups no taller than
    ``GROUP_SHARE`` of a page, it starts where the task before ends; the later groups continue the merged
    cells (``MERGE_CONTINUES``), so the task is named once.
    """
    widths = ROADMAP_WIDTHS
    heights = [row_height_mm([(m["text"], widths[2]), (m["deadline"], widths[3])]) for m in measures]
    merged = row_height_mm([(task[key], widths[i]) for i, key in ((0, "task"), (1, "results"), (4, "indicators"))])
    # The first group holds the task's merged cells: it is not cut before their text ends.
    return balanced_groups(measures, heights, max(sum(heights), merged), GROUP_SHARE * page_mm, first_mm=merged)


def cell_lines(items: list[str]) -> str:
    """One item as it is; several as «– …» lines, or they would read as one sentence in a narrow cell."""
    cleaned = [_bare(x) for x in items if _bare(x)]
    if len(cleaned) == 1:
        return cleaned[0]
    return "\n".join(f"– {x}" for x in cleaned)


def appendix_line(programme: Programme) -> str:
    """«Приложение [№ N] к приказу <орган> от <дата> № <номер>» (blanks where not yet known)."""
    order = programme.order
    head = f"Приложение №{NBSP}{order.appendix}" if order.appendix else "Приложение"
    body = f" {order.body}" if order.body else ""
    date = order.date or BLANK_DATE
    number = order.number or BLANK_NUMBER
    return f"{head} к приказу{body} от{NBSP}{date} №{NBSP}{number}"


TARGETS_LEAD = "Программа направлена на профилактику рисков по параметрам входного аудита"


def audit_targets(programme: Programme) -> str:
    """One paragraph naming the catalog parameters the programme targets; "" when it names none the catalog knows.

    «Программа направлена на профилактику рисков по параметрам входного аудита: низкая мотивация…
    (фактор «…»); … .» One paragraph, not a lead line and a list: LibreOffice ignores «keep with
    next» in a document with a landscape section, and a lead line would stay alone at a page's foot.
    A parameter of the municipality's own (an id of its roadmap, not of the catalog) is not worded
    here: the programme file does not carry its text.
    """
    from ..domain.catalog import load_catalog

    catalog = load_catalog()
    items = []
    for ref in dict.fromkeys(programme.parameters):
        parameter, factor = catalog.parameters.get(ref), catalog.factor_of.get(ref)
        if parameter is not None and factor is not None:
            items.append(f"{lower_first(_bare(parameter.title))} (фактор «{_bare(factor.title)}»)")
    return f"{TARGETS_LEAD}: {'; '.join(items)}." if items else ""


def document_properties(programme: Programme) -> DocumentProperties:
    """Title, author (the school) and a date from the order, else the programme's first month: never the build time."""
    day = parse_day(programme.order.date or "")
    if day is None and programme.period is not None:
        year, month = programme.period.first
        day = dt.date(year, month, 1)
    title = " ".join(f"{programme.title} {programme.school.name}".split())
    return DocumentProperties(
        title=title, subject=SUBJECT, author=programme.school.name, date=day or dt.date(2000, 1, 1), keywords=KEYWORDS
    )


def programme_context(programme: Programme) -> dict:
    task_numbers = numbers(programme.tasks)
    task_text = {n: _bare(t.text) for t, n in zip(programme.tasks, task_numbers) if n is not None}
    indicator_numbers = numbers(programme.indicators)

    tasks = [
        {"number": str(n) if n is not None else "", "text": text}
        for n, text in zip(task_numbers, enumeration([t.text or "—" for t in programme.tasks]))
    ]
    indicators = []
    for indicator, n in zip(programme.indicators, indicator_numbers):
        label = f"Показатель {n}" if n is not None else "Показатель"
        if indicator.task is not None:
            label += f" (задача {indicator.task})"
        indicators.append({"label": label, "text": sentence(indicator.text)})

    stages = []
    for stage, n in zip(programme.stages, numbers(programme.stages)):
        head = f"{n} этап" if n is not None else "Этап"
        if stage.period:
            head += f" ({stage.period})"
        if stage.title:
            head += f" — {stage.title}"
        stages.append(
            {"head": head + (", включающий:" if stage.contents else "."), "contents": enumeration(stage.contents)}
        )

    roadmap = []
    for row in programme.roadmap:
        text = task_text.get(row.task, "")
        indicators_text = [x for x in row.indicators if x.strip()] or [
            ind.text for ind in programme.indicators if ind.task == row.task
        ]
        measures = [{"text": _bare(m.text), "deadline": m.deadline} for m in row.measures]
        task = {
            "task": f"{row.task}. {text}" if text else str(row.task),
            "results": cell_lines(row.results),
            "indicators": cell_lines(indicators_text),
            "responsible": row.responsible,
        }
        # A row without measures would vanish from the table (the task
        # cell is drawn by the inner loop): keep one empty line instead.
        groups = split_measures(task, measures or [{"text": "", "deadline": ""}])
        roadmap.append({**task, "measures": groups[0]})
        roadmap += [{**dict.fromkeys(task, MERGE_CONTINUES), "measures": group} for group in groups[1:]]

    context = keep_together(
        {
            "appendix": appendix_line(programme),
            "title": programme.title,
            "school": programme.school.name,
            "period": programme.period.text if programme.period is not None else "",
            "categories": enumeration(programme.categories),
            "directions": enumeration(programme.directions),
            "goal": lower_first(sentence(programme.goal)),  # after «Цель программы:»
            "tasks": tasks,
            "targets": audit_targets(programme),
            "indicators": indicators,
            "methods": enumeration(programme.methods),
            "stages": stages,
            "roadmap": roadmap,
            "working_group": enumeration(programme.working_group),
        }
    )
    context["properties"] = document_properties(programme)
    return context


def document_context(document, options) -> dict:
    """The template's values for a loaded programme (the kinds registry calls this)."""
    return programme_context(document.model)
