"""The vocabulary of event forms shown to people (text grouped by stage) and to programs (JSON)."""

from __future__ import annotations

import json
import textwrap

from .domain.reference import FormEntry, classify_form, form_vocabulary, forms_by_stage

TITLE = "Формы мероприятий по этапам управленческого цикла профилактики (методика ГБОУ ИРО Краснодарского края, 2023)"


def _named(entry: FormEntry) -> str:
    return f"{entry.term} ({', '.join(entry.also)})" if entry.also else entry.term


def forms_text(width: int = 100) -> str:
    """Every form, grouped by stage: first those the method names, then those the check also knows."""
    lines = [TITLE, ""]
    for stage in forms_by_stage():
        lines.append(f"{stage.number}. {stage.title}")
        for label, method in (("названы в методике", True), ("узнаются также", False)):
            names = [_named(e) for e in stage.forms if e.method is method]
            if names:
                lines += textwrap.wrap(
                    f"{label}: " + "; ".join(names),
                    width=width,
                    initial_indent="   ",
                    subsequent_indent="      ",
                    break_on_hyphens=False,
                )
        lines.append("")
    total = len(form_vocabulary()[1])
    lines.append(
        f"Всего форм: {total}. Форма в файле данных может быть написана свободно («семинар-практикум», «методический "
        "десант»): этап определяется по словам."
    )
    return "\n".join(lines)


def forms_json() -> str:
    stages = [
        {
            "number": s.number,
            "title": s.title,
            "forms": [{"term": e.term, "method": e.method, "also": list(e.also)} for e in s.forms],
        }
        for s in forms_by_stage()
    ]
    return json.dumps({"stages": stages}, ensure_ascii=False, indent=2)


def explain_form(form: str) -> tuple[str, bool]:
    """What the check reads in a form as written: «десант — этап 3 (…)»; ``False`` when it is unknown."""
    stages, _ = form_vocabulary()
    found = classify_form(form)
    if not found:
        return (
            f"«{form}»: форма не узнана; выберите из списка `neuspeh forms` или назовите ближайшую («семинар», "
            "«мониторинг»…)",
            False,
        )
    parts = [
        f"{e.term} — этап {e.stage} «{stages[e.stage]}»{'' if e.method else ' (нет в методике, но узнаётся)'}"
        for e in found
    ]
    return f"«{form}»: " + "; ".join(parts), True
