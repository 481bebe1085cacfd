"""``Imported`` → the data file's text (format v2): valid YAML with Russian comments.

Written as text, not dumped, because the comments are the point: where each
part came from, how sure the catalog match is, what to check. Keys the loaded
model does not know yet (a v1 checkout) are written as comments, so that the
file always validates.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .assemble import ALL_PARAMETERS, EventOut, Imported

# Text that is certainly a plain YAML string: it starts with a Cyrillic letter or «
# (so it cannot be a number, a bool, null or an indicator) and holds nothing that
# ends a plain scalar. Everything else goes through the scaffold's round-trip check,
# which parses a probe per value: 1,000 events would spend a second there.
_PLAIN_TEXT = re.compile(r"[А-ЯЁа-яё«][^\n\t]*")
_PLAIN_ID = re.compile(r"[a-z][a-z0-9._-]*")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


@lru_cache(maxsize=4096)
def yaml_scalar(value: str, flow: bool = False) -> str:
    if value and value == value.strip():
        if _PLAIN_ID.fullmatch(value) and value not in _YAML_WORDS:
            return value
        if _PLAIN_TEXT.fullmatch(value) and ": " not in value and " #" not in value and not value.endswith(":") and not (flow and re.search(r"[,\[\]{}]", value)):
            return value
    return _yaml_scalar(value, flow)


def _yaml_scalar(value: str, flow: bool = False) -> str:
    """``value`` as a YAML scalar: plain when it reads back unchanged, else double-quoted (as ``scaffold`` writes)."""
    import json

    import yaml

    if value and value == value.strip():
        probe = f"{{k: {value}}}" if flow else f"k: {value}"
        try:
            if yaml.safe_load(probe) == {"k": value}:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)


def _comment(text: str, indent: int = 0) -> list[str]:
    pad = " " * indent
    return [f"{pad}# {line}".rstrip() for line in text.strip("\n").splitlines()]


def _supports(model: str, name: str) -> bool:
    """Whether the data format the package reads has this key (format v2 adds several)."""
    from ..domain import roadmap

    cls = getattr(roadmap, model, None)
    return cls is not None and name in getattr(cls, "model_fields", {})


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(yaml_scalar(i, flow=True) for i in items) + "]"


def render(result: Imported, source_name: str) -> str:
    facts = result.facts
    ids = {k: s.id for k, s in result.schools.items()}
    out: list[str] = []
    out += _comment(f"""
Импортировано из «{source_name}» командой `neuspeh import`.
Проверьте перенесённое (комментарии ниже говорят, в чём программа не уверена),
затем: neuspeh validate ФАЙЛ.""")
    out += ["kind: roadmap", ""]

    # ------------------------------------------------------------ document
    out += _comment("Сведения о документе: заголовок, гриф утверждения, подпись.")
    out.append("document:")
    if facts.municipality:
        out.append(f"  municipality: {yaml_scalar(facts.municipality)}")
    else:
        out += _comment("Название муниципального образования в документе не найдено: впишите его.", 2)
        out.append('  municipality: ""')
    if facts.period and _supports("DocumentInfo", "period"):
        out += _comment("Срок карты — учебный год (или иной срок), как в заголовке документа.", 2)
        out += ["  period:", f"    start: {yaml_scalar(facts.period[0])}", f"    end: {yaml_scalar(facts.period[1])}"]
    elif facts.year or facts.period:
        year = facts.year or int(facts.period[0].split()[-1])
        out.append(f"  year: {year}")
    else:
        out += _comment("Год карты в документе не найден: впишите его (или period для учебного года).", 2)
        out.append("  year: null")
    approval = facts.approval
    if approval and "order" in approval:
        order = approval["order"]
        out += ["  approval:", "    order:"]
        out += [f"      {k}: {yaml_scalar(order[k])}" for k in ("body", "date", "number")]
    elif approval:
        out.append("  approval:")
        out += [f"    {k}: {yaml_scalar(approval[k])}" for k in ("position", "name", "date")]
    elif not _supports("DocumentInfo", "signature"):
        pass
    else:
        out += _comment("Гриф утверждения в документе не найден.", 2)
    signer = {k: (approval or {}).get(k) for k in ("position", "name")}
    if facts.signature and facts.signature != signer:  # the approver signs by default
        out += ["  signature:", f"    position: {yaml_scalar(facts.signature['position'])}", f"    name: {yaml_scalar(facts.signature['name'])}"]
    out.append("")

    # ------------------------------------------------------------ schools
    out += _comment("""
Школы, названные в документе: в разделе I (ШНОР) и в тексте мероприятий.
Профилактика охватывает все ОО муниципалитета: допишите недостающие школы.""")
    if result.per_school:
        out += _comment("В разделе I перечислены ОО, а не ШНОР («по каждой ОО»): отметьте ШНОР, если они есть.")
    if result.schools:
        out.append("schools:")
        for school in result.schools.values():
            line = f"  - {{id: {school.id}, name: {yaml_scalar(school.name, flow=True)}"
            line += ", shnor: true}" if school.shnor and not result.per_school else "}"
            notes = [school.note] if school.note else []
            from ..domain.schools import short_name

            if short_name(school.name) == school.name:
                notes.append("полное наименование (МБОУ…) в документе не найдено")
            out.append(line + (f"  # {'; '.join(notes)}" if notes else ""))
    else:
        out.append("schools: []")
    out.append("")

    # ------------------------------------------------------------ audit
    out += _comment("Раздел I. Результаты входного аудита")
    if not result.findings:
        out += _comment("Раздел I в документе не найден: отметьте выявленные параметры (`neuspeh catalog`).")
        out.append("audit: []")
    else:
        out.append("audit:")
        factor = None
        for f in result.findings:
            if f.factor_text != factor:
                factor = f.factor_text
                if factor:
                    out += _comment(factor, 2)
            if f.note:
                out += _comment(f"{f.where}: {f.note}", 2)
            if f.parameter:
                out.append(f"  - parameter: {f.parameter}")
            else:
                out.append(f"  - id: {f.own_id}")
                out.append(f"    factor: {yaml_scalar(f.factor) if f.factor else chr(34) * 2}")
            if f.title:
                out.append(f"    title: {yaml_scalar(f.title)}")
            if f.schools:
                out.append(f"    schools: {_flow([ids[k] for k in f.schools])}")
    out.append("")

    # ------------------------------------------------------------ events
    out += _comment("Раздел II. Мероприятия дорожной карты")
    if not result.events:
        out.append("events: []")
    else:
        out.append("events:")
        section = None
        for e in result.events:
            if e.section != section:
                section = e.section
                if section:
                    out += ["", *_comment(section, 2)]
            out += _event(e, ids, result)
    out.append("")

    # ------------------------------------------------------------ monitoring
    out += _comment("Обязательный мониторинг внутришкольных систем профилактики и показатели их качества.")
    out.append("monitoring:")
    if result.monitoring:
        if _supports("Monitoring", "events"):
            out.append(f"  events: {_flow(result.monitoring)}")
        else:
            out.append(f"  event: {result.monitoring[0]}")
    else:
        out += _comment("Мероприятие-мониторинг в документе не найдено: укажите его id из events.", 2)
    if result.indicators:
        structured = _supports("Monitoring", "indicators") and _supports("QualityIndicator", "text")
        out.append("  indicators:")
        for n, item in enumerate(result.indicators, 1):
            if item.get("event"):
                out += _comment(f"из столбца показателей мероприятия {item['event']}", 4)
            if structured:
                out.append(f"    - id: q{n}")
                out.append(f"      text: {yaml_scalar(item['text'])}")
                for k in ("unit", "source", "frequency"):
                    if item.get(k):
                        out.append(f"      {k}: {yaml_scalar(item[k])}")
                for k in ("baseline", "target"):
                    if item.get(k):
                        value = _number(item[k])
                        out.append(f"      {k}: {value}" if value is not None else f"      # {k}: {item[k]}  (не число: впишите значение)")
            else:
                out.append(f"    - {yaml_scalar(item['text'])}")
    else:
        out += _comment("Показатели качества внутришкольных систем профилактики в документе не найдены: методика требует их.", 2)
        out.append("  indicators: []")

    # ------------------------------------------------------------ abbreviations
    extra = _own_abbreviations(facts.abbreviations)
    if extra:
        out.append("")
        out += _comment("Сокращения из перечня документа, которых нет в общем перечне программы.")
        out.append("abbreviations:")
        out += [f"  {yaml_scalar(k)}: {yaml_scalar(v)}" for k, v in extra.items()]
    return "\n".join(out) + "\n"


def _event(e: EventOut, ids: dict[str, str], result: Imported) -> list[str]:
    out = []
    for note in e.notes:
        out += _comment(f"{e.where}: {note}", 2)
    out.append(f"  - id: {e.id}")
    for key in ("name", "form"):
        out.append(f"    {key}: {yaml_scalar(getattr(e, key))}")
    if e.parameters == ALL_PARAMETERS:
        out.append(f"    parameters: {ALL_PARAMETERS}")
    else:
        out.append(f"    parameters: {_flow(e.parameters)}")
    if e.groups:
        line = f"groups: {_flow(e.groups)}"
        out.append(f"    {line}" if _supports("Event", "groups") else f"    # {line}   # по заголовку раздела таблицы")
    shnor_ids = [ids[k] for k in e.shnor if k in ids]
    if shnor_ids:
        line = f"shnor: {_flow(shnor_ids)}"
        out.append(f"    {line}" if _supports("Event", "shnor") else f"    # {line}   # ШНОР, названные в тексте мероприятия")
    elif e.shnor_all:
        out.append("    # shnor: все   # предположение: в тексте — ШНОР без названий или все ОО; уточните")
    for key in ("contingent", "place", "dates", "responsible"):
        out.append(f"    {key}: {yaml_scalar(getattr(e, key))}")
    return out


def _number(text: str) -> str | None:
    value = text.replace(",", ".").replace("%", "").replace("\u00a0", "").strip()
    try:
        float(value)
    except ValueError:
        return None
    return value


def _own_abbreviations(found: dict[str, str]) -> dict[str, str]:
    from ..domain.reference import known_abbreviations

    known = known_abbreviations()
    return {k: v for k, v in found.items() if known.get(k, "").lower() != v.lower()}
