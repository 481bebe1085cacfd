"""``audit init``: a commented data file to start from, with the whole catalog as a checklist.

The scaffold is plain text built here, not dumped from a model, because its
value is in the comments: a methodologist fills it in by uncommenting the
parameters the audit found. It must load and validate as it is (the rules
then say what is still empty).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .domain.catalog import Catalog

# school_id moved to the domain (the importer, a lower layer, names schools too); kept here for callers.
from .domain.schools import school_id, transliterate  # noqa: F401
from .errors import NeuspehError, UsageError, os_reason
from .outputs import refuse_overwrite, write_atomic

SCHEMA_FILE = "roadmap.schema.json"

_HEADER_NAMES = {"name", "наименование", "название", "школа", "оо"}
_SHNOR_NAMES = {"shnor", "шнор"}
_TRUE = {"true", "yes", "y", "1", "+", "да", "д", "x", "х", "шнор"}
_FALSE = {"false", "no", "n", "0", "-", "–", "нет", "н", ""}


class SchoolListError(NeuspehError):
    """The list of schools given with ``--schools`` cannot be used."""

    exit_code = 2


@dataclass(frozen=True)
class SchoolEntry:
    name: str
    shnor: bool = False
    id: str = ""  # kept when the school comes from a previous roadmap, so its findings still refer to it


@dataclass(frozen=True)
class MarkedFinding:
    """A parameter the new audit starts with (from last period's report): uncommented, with its schools."""

    schools: tuple[str, ...]
    note: str  # why it is marked, for the comment beside it
    id: str = ""  # an own parameter (not in the catalog): its id, factor and title
    factor: str = ""
    title: str = ""


@dataclass
class ScaffoldResult:
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    schools: int = 0
    factors: int = 0
    parameters: int = 0
    marked: int = 0  # findings carried over from last period's report
    notes: list[str] = field(default_factory=list)  # what the terminal should say about them (an interim report…)


# ---------------------------------------------------------------- school ids


# ---------------------------------------------------------------- school list


def _decode(raw: bytes, name: str) -> str:
    from .reading.yamlread import _looks_like_cp1251

    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel saves «CSV (разделители — точка с запятой)» in Windows-1251.
        if _looks_like_cp1251(raw):
            return raw.decode("cp1251")
        raise SchoolListError(f"{name}:1:1: список школ не в кодировке UTF-8 (или это не текст): сохраните его как текст в UTF-8") from None


def read_school_list(path: Path) -> list[SchoolEntry]:
    """Schools from a text file (one name per line) or a CSV with columns name[,shnor].

    A CSV is recognised by its extension (.csv, .tsv), a header row (name;shnor)
    or a semicolon/tab on every line; commas alone do not make a CSV, because
    school names contain them. Lines starting with «#» and empty lines are
    skipped. Raises ``SchoolListError`` with file:line:column.
    """
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise SchoolListError(f"{name}: файл со списком школ не найден: проверьте путь") from None
    except OSError as exc:
        raise SchoolListError(f"{name}: файл со списком школ не читается: {os_reason(exc)}") from None
    text = _decode(raw, name)
    lines = [(i, line) for i, line in enumerate(text.splitlines(), 1) if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        raise SchoolListError(f"{name}:1:1: в списке нет ни одной школы: одна школа в строке или CSV со столбцами name;shnor")
    if _is_csv(Path(path), [line for _, line in lines]):
        entries = _read_csv(lines, name)
    else:
        entries = [(i, SchoolEntry(" ".join(line.split()))) for i, line in lines]
    seen: dict[str, int] = {}
    for line_no, entry in entries:
        if entry.name in seen:
            raise SchoolListError(f"{name}:{line_no}:1: школа «{entry.name}» уже указана в строке {seen[entry.name]}: оставьте одну")
        seen[entry.name] = line_no
    return [entry for _, entry in entries]


def _is_csv(path: Path, lines: list[str]) -> bool:
    if path.suffix.lower() in (".csv", ".tsv"):
        return True
    first = re.split(r"[;,\t]", lines[0], maxsplit=1)
    if len(first) == 2 and first[0].strip().strip('"').lower() in _HEADER_NAMES:
        return True
    return all(";" in line or "\t" in line for line in lines)


def _delimiter(first_line: str) -> str:
    for candidate in (";", "\t", ","):
        if candidate in first_line:
            return candidate
    return ","


def _read_csv(lines: list[tuple[int, str]], name: str) -> list[tuple[int, SchoolEntry]]:
    delimiter = _delimiter(lines[0][1])
    rows = [(i, row) for i, line in lines for row in csv.reader(io.StringIO(line), delimiter=delimiter)]
    name_col, shnor_col = 0, 1
    header = [cell.strip().lower() for cell in rows[0][1]]
    if (header and header[0] in _HEADER_NAMES | _SHNOR_NAMES) or (len(header) > 1 and header[1] in _SHNOR_NAMES):
        name_col = next((k for k, cell in enumerate(header) if cell in _HEADER_NAMES), None)
        if name_col is None:
            raise SchoolListError(f"{name}:{rows[0][0]}:1: в заголовке CSV нет столбца name (наименование школы)")
        shnor_col = next((k for k, cell in enumerate(header) if cell in _SHNOR_NAMES), None)
        rows = rows[1:]
    result = []
    for line_no, row in rows:
        school = " ".join(row[name_col].split()) if name_col < len(row) else ""
        if not school:
            raise SchoolListError(f"{name}:{line_no}:1: пустое наименование школы")
        shnor = False
        if shnor_col is not None and shnor_col < len(row):
            value = row[shnor_col].strip().lower()
            if value in _TRUE:
                shnor = True
            elif value not in _FALSE:
                column = _column_of(row, shnor_col, delimiter)
                raise SchoolListError(f"{name}:{line_no}:{column}: в столбце shnor «{row[shnor_col].strip()}»: напишите «да» (ШНОР) или «нет»")
        result.append((line_no, SchoolEntry(school, shnor)))
    if not result:
        raise SchoolListError(f"{name}:{lines[0][0]}:1: в списке нет ни одной школы, только заголовок")
    return result


def _column_of(row: list[str], index: int, delimiter: str) -> int:
    return sum(len(cell) + len(delimiter) for cell in row[:index]) + 1


# ---------------------------------------------------------------- text


def yaml_scalar(value: str, flow: bool = False) -> str:
    """``value`` as a YAML scalar: plain when it reads back unchanged, else double-quoted."""
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


@dataclass(frozen=True)
class KnownDocument:
    """What last period's roadmap already says about the document (``audit init --from``): kept, not asked again."""

    period: tuple[str, str] | None = None  # (start, end) of a school year or another span; None — a calendar ``year``
    body: str = ""
    approval: tuple[str, str] | None = None  # (position, name) of the approver; the date is the new year's
    order_body: str = ""  # approved by an order: whose order
    signature: tuple[str, str] | None = None


def scaffold_text(
    municipality: str,
    year: int,
    schools: list[SchoolEntry],
    catalog: Catalog,
    schema_ref: str | None = SCHEMA_FILE,
    marked: dict[str, MarkedFinding] | None = None,
    known: KnownDocument | None = None,
) -> str:
    """The commented data file for ``municipality`` and ``year``; ``marked`` parameters (catalog id → finding) come uncommented;
    ``known`` fills the document's period, body, approver and signature."""
    marked = marked or {}
    known = known or KnownDocument()
    when = f"{year} год" if known.period is None else f"{known.period[0]} – {known.period[1]}"
    mun = yaml_scalar(municipality)
    out: list[str] = []
    if schema_ref:
        out.append(f"# yaml-language-server: $schema={schema_ref}")
        out.append("#")
    out += _comment(f"""
Дорожная карта по профилактике учебной неуспешности в муниципальном образовании
{municipality} на {when}: данные для neuspeh.

Как заполнять:
  1. Проверьте сведения о документе и список школ, отметьте ШНОР (shnor: true).
  2. В разделе audit раскомментируйте параметры, выявленные входным аудитом,
     и перечислите ШНОР, в которых они проявляются.
  3. `neuspeh roadmap draft ФАЙЛ` добавит черновики мероприятий из «Конструктора»;
     уточните их и удалите строки «draft: true».
  4. `neuspeh validate ФАЙЛ` — проверка по методике, `neuspeh build ФАЙЛ` — Word и PDF.
Строка, начинающаяся с «#», — комментарий: программа её не читает.
Отступы — только пробелами; текст с двоеточием и пробелом («: ») берите в кавычки.""")
    out += ["kind: roadmap", ""]
    out += _comment("Свой каталог факторов муниципалитета (путь относительно этого файла), если он нужен:")
    out += ["# catalog: catalog.yaml", ""]

    out += _comment("Сведения о документе: заголовок, гриф утверждения, подпись.")
    out.append("document:")
    out += _comment("Как в заголовке после «в муниципальном образовании».", 2)
    out.append(f"  municipality: {mun}")
    if known.period is not None:
        out += _comment("Срок карты (как у прошлой карты — учебный год или иной срок).", 2)
        out.append(f"  period: {{start: {yaml_scalar(known.period[0], flow=True)}, end: {yaml_scalar(known.period[1], flow=True)}}}")
    else:
        out += _comment(
            f"""
Календарный год карты. Если карта составлена на учебный год, вместо year напишите срок:
period: {{start: сентябрь {year}, end: май {year + 1}}}""",
            2,
        )
        out.append(f"  year: {year}")
    out += _comment(f"Орган, составивший карту: автор в свойствах документа Word и PDF — «Управление образования администрации МО {municipality}».", 2)
    out.append(f"  body: {yaml_scalar(known.body) if known.body else chr(34) * 2}")
    signature_only = known.signature is not None and known.approval is None and not known.order_body
    if not signature_only:
        out += _comment("Гриф «УТВЕРЖДАЮ»: должность, инициалы и фамилия, дата (пусто — в документе останется строка для даты).", 2)
        out.append("  approval:")
        if known.order_body:
            out += ["    order:", f"      body: {yaml_scalar(known.order_body)}", '      date: ""', '      number: ""']
        else:
            position, name = known.approval or ("", "")
            out += [
                f"    position: {yaml_scalar(position) if position else chr(34) * 2}",
                f"    name: {yaml_scalar(name) if name else chr(34) * 2}",
                '    date: ""',
            ]
            out += _comment(
                f"""
Если карта утверждается приказом, вместо position и name укажите его реквизиты:
order:
  body: управления образования администрации МО {municipality}
  date: "31.08.{year}"
  number: "123\"""",
                4,
            )
    if known.signature is not None:
        out += _comment("Подпись под документом (как у прошлой карты).", 2)
        out += ["  signature:", f"    position: {yaml_scalar(known.signature[0])}", f"    name: {yaml_scalar(known.signature[1])}"]
    else:
        out += _comment(
            """
Подпись под документом (если не указана — подписывает утверждающий). Если карту только
подписывает руководитель УО или ТМС, без грифа, удалите approval и заполните signature:
signature:
  position: Начальник управления образования
  name: И.И. Иванова""",
            2,
        )
    out.append("")

    out += _comment("""
Все школы муниципалитета: профилактика охватывает все ОО, а не только ШНОР.
id — короткий постоянный идентификатор, на который ссылается раздел audit;
shnor: true — школа с низкими образовательными результатами (ШНОР).""")
    if schools:
        out.append("schools:")
        taken: set[str] = set()
        taken.update(s.id for s in schools if s.id)
        for school in schools:
            sid = school.id or school_id(school.name, taken)
            out.append(f"  - {{id: {sid}, name: {yaml_scalar(school.name, flow=True)}, shnor: {'true' if school.shnor else 'false'}}}")
    else:
        out += _comment("""
Перечислите школы по образцу (и сотрите «[]» после «schools:»):
  - {id: sosh5, name: МБОУ СОШ № 5, shnor: true}
  - {id: voloshinskaya, name: МБОУ Волошинская СОШ, shnor: false}""")
        out.append("schools: []")
    out.append("")

    out += _comment("""
Раздел I. Результаты входного аудита.
Ниже — все факторы и параметры «Конструктора». Для каждого выявленного параметра
раскомментируйте обе его строки (уберите «# » в начале) и перечислите в schools
идентификаторы ШНОР, в которых он проявляется: schools: [sosh5, sosh10].
Отметив первый параметр, сотрите «[]» после «audit:».
Своя формулировка каталожного параметра — ключ title; собственный параметр,
которого нет в каталоге, — ключи id, factor и title вместо parameter.""")
    out.append("audit:" if marked else "audit: []")
    for factor in catalog.factors:
        note = " (касается УО и ТМС: школы можно не указывать)" if factor.id == "methodical-service" else ""
        out.append(f"  # {factor.number}. {factor.title}{note}")
        for parameter in factor.parameters:
            title = " ".join(parameter.title.split())
            found = marked.get(parameter.id)
            if found is not None:
                out.append(f"  - parameter: {parameter.id}   # {title} — {found.note}")
                if found.title:
                    out.append(f"    title: {yaml_scalar(found.title)}")
                out.append(f"    schools: [{', '.join(found.schools)}]")
            else:
                out.append(f"  # - parameter: {parameter.id}   # {title}")
                out.append("  #   schools: []")
    own = [f for f in marked.values() if f.id]
    if own:
        out.append("  # Собственные параметры муниципалитета")
        for found in own:
            out.append(f"  - id: {yaml_scalar(found.id)}   # {found.note}")
            out.append(f"    factor: {yaml_scalar(found.factor)}")
            out.append(f"    title: {yaml_scalar(found.title)}")
            out.append(f"    schools: [{', '.join(found.schools)}]")
    out.append("")

    out += _comment(f"""
Раздел II. Мероприятия дорожной карты.
`neuspeh roadmap draft ФАЙЛ` добавит сюда черновики из «Конструктора» для всех
выявленных параметров и обязательный мониторинг. Пишете вручную — сотрите «[]»
после «events:» и добавляйте мероприятия по образцу:
  - id: e01                    # номер-идентификатор: на него ссылаются мониторинг и отчёт
    name: «Моя профессия – учитель»
    form: тематический семинар
    parameters: [staffing.teacher-shortage]   # или: все выявленные параметры (только для контроля)
    groups: [municipal, shnor]   # municipal — организует ТМС/УО; shnor — с участием / для ШНОР; control — контроль
    shnor: [sosh10]              # какие ШНОР участвуют (или: все)
    contingent: Заместители руководителей всех ОО
    place: УО
    dates: Октябрь {year}
    responsible: ТМС""")
    out.append("events: []")
    out.append("")

    out += _comment("""
Обязательный «Мониторинг подготовки и реализации внутришкольных систем профилактики
учебной неуспешности»: events — id этого мероприятия в events (его добавит
`neuspeh roadmap draft`: monitoring-school-systems).""")
    out.append("monitoring:")
    out.append("  events: []")
    out += _comment(
        """
Показатели качества внутришкольных систем профилактики (методика требует их в карте):
что измеряется, в чём, исходное и целевое значения. Сотрите «[]» и перечислите, например:
  - id: q1
    text: Доля ШНОР с утверждённой внутришкольной программой профилактики учебной неуспешности
    unit: "%"
    baseline: 0
    target: 100
    source: мониторинг ТМС
    frequency: 2 раза в год""",
        2,
    )
    out.append("  indicators: []")
    out.append("")
    out += _comment("""
Свои сокращения и их расшифровки (общие — ОО, УО, ТМС, ШНОР… — программа знает):
abbreviations:
  МБОУ: муниципальное бюджетное общеобразовательное учреждение""")
    return "\n".join(out) + "\n"


def create_scaffold(
    path: Path,
    municipality: str,
    year: int,
    *,
    schools_file: Path | None = None,
    schema_ref: str | None = None,
    force: bool = False,
    start: Any = None,
) -> ScaffoldResult:
    """Write the scaffold to ``path``; beside it ``roadmap.schema.json`` unless ``schema_ref`` is given.

    ``start`` (``report_scaffold.NextAudit``) pre-marks the findings that last
    period's report left open and gives the schools, municipality and year
    when they are not given. Never overwrites ``path`` without ``force``; an
    existing schema file is kept (it may be the municipality's pinned copy).
    Raises ``NeuspehError``.
    """
    from .domain.catalog import load_catalog

    path = Path(path)
    if start is not None:
        municipality = municipality or start.municipality
        if year and start.known is not None and start.known.period is not None:
            from dataclasses import replace

            start.known = replace(start.known, period=None)  # --year asks for a calendar year
        year = year or start.year
    if not municipality.strip():
        raise UsageError("укажите название муниципального образования (--municipality)")
    if not 2000 <= year <= 2100:
        raise UsageError(f"год {year} вне допустимого диапазона 2000–2100 (--year)")
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise UsageError(f"{path}: файл данных должен иметь расширение .yaml (иначе `neuspeh validate ПАПКА` его не найдёт)")
    if path.is_dir():
        raise UsageError(f"{path}: это папка; укажите имя файла, например {path / 'roadmap.yaml'}")
    refuse_overwrite(path, force)
    schools = read_school_list(schools_file) if schools_file else (list(start.schools) if start is not None else [])
    catalog = load_catalog()
    result = ScaffoldResult(schools=len(schools), factors=len(catalog.factors), parameters=len(catalog.parameters))
    write_schema = schema_ref is None
    marked = start.marked if start is not None else None
    result.marked = len(marked or {})
    result.notes = list(start.notes) if start is not None else []
    known = start.known if start is not None else None
    text = scaffold_text(" ".join(municipality.split()), year, schools, catalog, schema_ref or SCHEMA_FILE, marked=marked, known=known)
    write_atomic(path, text)
    result.written.append(path)
    if write_schema:
        from .jsonschema import write_schema_beside

        write_schema_beside(path, "roadmap", result.written, result.kept)
    return result


def summary_lines(result: ScaffoldResult) -> list[str]:
    """What ``audit init`` wrote, and what to do next, for the terminal."""
    from .report import _plural

    data = result.written[0]
    schools = f"школ — {result.schools}" if result.schools else "список школ пуст — заполните schools"
    lines = [
        f"Создан {data}: {result.factors} {_plural(result.factors, 'фактор', 'фактора', 'факторов')} и "
        f"{result.parameters} {_plural(result.parameters, 'параметр', 'параметра', 'параметров')} «Конструктора» для отметки, {schools}."
    ]
    from .jsonschema import schema_summary_lines

    if result.marked:
        lines.append(
            f"Из отчёта за прошлый период отмечено {result.marked} {_plural(result.marked, 'параметр', 'параметра', 'параметров')}, "
            "по которым риск сохраняется, усилился, снижен или выявлен в течение года: проверьте их по итогам нового аудита."
        )
    lines += result.notes
    lines += schema_summary_lines(result.written[1:], result.kept, "roadmap")
    lines += [
        "Дальше: отметьте в audit выявленные параметры и ШНОР, затем",
        f"  neuspeh roadmap draft {data}",
        f"  neuspeh validate {data}",
    ]
    return lines
