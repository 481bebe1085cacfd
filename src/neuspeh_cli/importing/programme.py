"""A school programme written in Word (seed 004 is one) → the programme data file.

The programme is mostly text: sections found by their headings («Цель и
задачи», «Целевые показатели», «Методы сбора…», «Сроки реализации», «этап»,
«Исполнители»), lists under them, and one table — «Дорожная карта реализации
программы» (Задача | Ожидаемые результаты | Мероприятия/меры | Сроки |
Показатели | Ответственные). An order that approves the programme may come
first («П Р И К А З … № 44 … ПРИКАЗЫВАЮ»): its date, number and body are
taken; its text is the order's, not the programme's. What finds no place is
listed, as for a roadmap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .headers import norm
from .model import Cell, Paragraph, Source, Table, Unplaced, clean, paragraph_lines

_ITEM = re.compile(r"^\s*(?:[-–—•·]|\d+[.)])\s*")
_NUMBERED = re.compile(r"^\s*(\d+)[.)]\s*(.+)$")
_INDICATOR = re.compile(r"^Показатель\s+(\d+)\s*(?:\(задача\s+(\d+)\))?\s*[.:]\s*(.+)$", re.IGNORECASE)
_STAGE = re.compile(r"^(\d+)\s*этап\s*\(([^)]*)\)\s*[—–-]?\s*(.*?)(?:,?\s*включающий:?)?\s*$", re.IGNORECASE)
_GOAL = re.compile(
    r"^(?:Целью\s+(?:школьной\s+)?программы\s+является|Цель\s+программы\s*[:—–-])\s*(.+)$", re.IGNORECASE
)
_PERIOD = re.compile(r"^Срок\s+реализации\s+программы\s*[:—–-]\s*(.+?)\s*[–—-]\s*(.+?)\.?$", re.IGNORECASE)
_APPENDIX = re.compile(
    r"^Приложение(?:\s+№\s*(\d+))?\s+к\s+приказу\s+(.+?)(?:\s+от\s+(.+?))?(?:\s+№\s*(\S+))?$", re.IGNORECASE
)
_TARGETS = re.compile(
    r"^Программа\s+направлена\s+на\s+профилактику\s+рисков\s+по\s+параметрам\s+входного\s+аудита\s*:\s*(.+)$",
    re.IGNORECASE,
)
_ORDER_WORD = re.compile(r"^П\s*Р\s*И\s*К\s*А\s*З$", re.IGNORECASE)
_SCHOOL = re.compile(
    r"^(?:[МГЧ][АБКО]{0,3}(?:ОУ|У)\s+)?«?(?:СОШ|ООШ|НОШ|гимназия|лицей|школа)\b.*$|^[МГЧ][АБКО]{0,3}ОУ\s+.+$"
)
_AUTHORITY = re.compile(r"ОТДЕЛ|УПРАВЛЕНИ|АДМИНИСТРАЦИ|КОМИТЕТ|ДЕПАРТАМЕНТ|МИНИСТЕРСТВ|КРАЯ|ОКРУГА|РАЙОНА|ОБЛАСТИ")
_MENTION = re.compile(
    r"\b([А-ЯЁ][а-яё]+(?:ского|цкого|ого))\s+(муниципального\s+(?:округа|района)|городского\s+округа|района)\b"
)
_MONTH_DATE = re.compile(r"^\d{1,2}\s+[а-я]+\s+\d{4}(?:\s+год[а]?)?$|^\d{2}\.\d{2}\.\d{4}$", re.IGNORECASE)

SECTIONS = [
    ("categories", re.compile(r"категори\w*\s+детей", re.IGNORECASE)),
    ("directions", re.compile(r"по\s+следующим\s+направлениям", re.IGNORECASE)),
    ("tasks", re.compile(r"^(?:основными\s+)?задач\w*\s+(?:являются|программы)", re.IGNORECASE)),
    ("indicators", re.compile(r"целевые\s+показатели", re.IGNORECASE)),
    ("methods", re.compile(r"методы\s+сбора", re.IGNORECASE)),
    ("stages", re.compile(r"сроки(?:\s+и\s+этапы)?\s+реализации", re.IGNORECASE)),
    ("measures", re.compile(r"меры\s+и\s+мероприятия|перечень\s+мероприятий", re.IGNORECASE)),
    ("working_group", re.compile(r"в\s+состав\s+которой\s+входят|^\d*\.?\s*исполнители", re.IGNORECASE)),
    ("roadmap", re.compile(r"дорожная\s+карта\s+реализации", re.IGNORECASE)),
    ("goals", re.compile(r"цель\s+и\s+задачи", re.IGNORECASE)),
]


def is_programme_table(table: Table) -> bool:
    """The programme's roadmap: a «Задача» column beside «Мероприятия/меры»."""
    for row in table.rows[:3]:
        texts = [norm(c.line) for c in row]
        if any(t.startswith("задач") for t in texts) and any("мероприят" in t or t.startswith("мер") for t in texts):
            return True
    return False


def looks_like_programme(source: Source) -> bool:
    if any(is_programme_table(t) for t in source.tables):
        return True
    text = " ".join(clean(b.text) for b in source.blocks[:200] if isinstance(b, Paragraph)).lower()
    return "программ" in text and "профилактик" in text and "целевые показатели" in text


@dataclass
class ProgrammeImport:
    data: dict
    unplaced: list[Unplaced] = field(default_factory=list)
    places: dict[tuple, str] = field(default_factory=dict)


def _nominative(text: str) -> str:
    """«Кочубеевского муниципального округа» → «Кочубеевский муниципальный округ» (the usual endings)."""
    words = []
    for word in text.split():
        for old, new in (
            ("ского", "ский"),
            ("цкого", "цкий"),
            ("ного", "ный"),
            ("ого", "ый"),
            ("округа", "округ"),
            ("района", "район"),
            ("города", "город"),
        ):
            if word.endswith(old):
                word = word[: -len(old)] + new
                break
        words.append(word)
    return " ".join(words)


def _genitive_body(lines: list[str]) -> str:
    """«ОТДЕЛ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ …» over the order → «отдела образования администрации …»."""
    text = " ".join(lines).lower()
    for old, new in (
        ("отдел ", "отдела "),
        ("управление ", "управления "),
        ("комитет ", "комитета "),
        ("департамент ", "департамента "),
    ):
        if text.startswith(old):
            return new + text[len(old) :]
    return text


@dataclass
class _Reading:
    """Where the paragraph reader is: the section under way, the approving order being read."""

    section: str = ""
    order_lines: list[str] = field(default_factory=list)
    in_order: bool = False
    municipality: str = ""
    stage: dict | None = None


# A programme's passport: a two-column table «Цель программы | …», «Задачи программы | 1. … 2. …». Each row is read
# as the heading its label stands for, followed by the lines of its value.
_PASSPORT = [
    (re.compile(r"^цел[ьи]\b", re.IGNORECASE), "goal", "Цель программы:"),
    (re.compile(r"^(?:основные\s+)?задачи", re.IGNORECASE), "tasks", "Задачи программы:"),
    (re.compile(r"показател|индикатор", re.IGNORECASE), "indicators", "Целевые показатели программы:"),
    (re.compile(r"^сроки?\b.*реализации|^этапы", re.IGNORECASE), "stages", "Сроки реализации программы."),
    (re.compile(r"исполнител|рабоч\w+\s+групп", re.IGNORECASE), "working_group", "Исполнители."),
    (re.compile(r"категори", re.IGNORECASE), "categories", "Основные категории детей:"),
    (re.compile(r"направлени", re.IGNORECASE), "directions", "Работа ведётся по следующим направлениям:"),
    (re.compile(r"методы\s+сбора", re.IGNORECASE), "methods", "Методы сбора и обработки информации."),
    (re.compile(r"наименование\s+(?:программы|документа)|^программа$", re.IGNORECASE), "title", ""),
    (
        re.compile(r"(?:наименование|название)\s+(?:ОО|школы|образовательн|организаци)|^школа$", re.IGNORECASE),
        "school",
        "",
    ),
]


def _passport_rows(table: Table) -> list[tuple[int, str, str, str]] | None:
    """``(row number, section, heading, value)`` of a passport table; None when the table is not one."""
    rows = []
    for r, row in enumerate(table.rows):
        cells = [cell for c, cell in enumerate(row) if c == 0 or cell is not row[c - 1]]
        if len(cells) != 2:
            return None
        label = clean(cells[0].line).rstrip(":")
        found = next(((section, heading) for pattern, section, heading in _PASSPORT if pattern.search(label)), None)
        rows.append((table.number(r), *(found or ("", label)), cells[1].text))
    return rows if sum(1 for _, section, _, _ in rows if section) >= 2 else None


def _passport_lines(section: str, heading: str, value: str) -> list[str]:
    """A passport value as the paragraphs a programme's text would have under that heading."""
    lines = [line for line in (clean(t) for t in value.split("\n")) if line]
    if section == "goal":
        return [f"{heading} {' '.join(lines)}"]
    if section == "title":
        return [" ".join(lines) if re.match(r"программа\s+профилактики", " ".join(lines), re.I) else ""]
    if section == "school":
        return [" ".join(lines)]
    if section == "stages" and len(lines) == 1 and not _STAGE.match(lines[0]):
        return [f"Срок реализации программы: {lines[0]}"]  # «сентябрь 2022 – май 2023»
    out = [heading]
    for k, line in enumerate(lines, 1):
        if section == "indicators":
            if not _INDICATOR.match(line):
                line = f"Показатель {m[1] if (m := _NUMBERED.match(line)) else k}. {_ITEM.sub('', line)}"
        elif section != "stages" and not _ITEM.match(line):
            line = f"- {line}"
        out.append(line)
    return out


def _indicator_table(table: Table) -> tuple[list[tuple[str, str]], list[Unplaced]] | None:
    """A table of the programme's indicators («№ | Показатель | Задача | Целевое значение»): its rows as the lines
    «Показатель 1 (задача 1). …» the text would have, and its other columns named; None for another table."""
    if not table.rows:
        return None
    header = [norm(cell.line) for cell in table.rows[0]]
    text_col = next(
        (c for c, t in enumerate(header) if t.startswith(("показател", "индикатор", "целевой показател"))), None
    )
    if text_col is None or any(t.startswith("задач") and "мероприят" in " ".join(header) for t in header):
        return None
    number_col = next((c for c, t in enumerate(header) if t in ("№", "№ п/п", "n") or t.startswith("номер")), None)
    task_col = next((c for c, t in enumerate(header) if t.startswith(("задач", "№ задач", "номер задач"))), None)
    lines = [(f"{table.label}, строка {table.number(0)}", "Целевые показатели программы:")]
    unplaced: list[Unplaced] = []
    for r, row in enumerate(table.rows[1:], 1):
        where = f"{table.label}, строка {table.number(r)}"
        text = row[text_col].line if text_col < len(row) else ""
        if not text:
            continue
        number = re.match(r"\d+", row[number_col].line) if number_col is not None else None
        task = re.search(r"\d+", row[task_col].line) if task_col is not None else None
        label = f"Показатель {number[0] if number else r}" + (f" (задача {task[0]})" if task else "")
        lines.append((where, f"{label}. {_INDICATOR.sub(lambda m: m[3], text)}"))
        for c, cell in enumerate(row):
            if c not in (text_col, number_col, task_col) and cell.line and (c == 0 or row[c - 1] is not cell):
                title = table.rows[0][c].line
                reason = (
                    f"графы «{title}» у показателя программы в формате нет: допишите её в текст показателя, если нужно"
                )
                unplaced.append(Unplaced(f"{where}, столбец {c + 1}", cell.line, reason))
    return lines, unplaced


class _Reader:
    def __init__(self, source: Source):
        self.source = source
        self.data: dict = {"kind": "programme", "municipality": "", "school": {"id": "", "name": ""}}
        self.unplaced: list[Unplaced] = []
        self.places: dict[tuple, str] = {}

    def run(self) -> ProgrammeImport:
        paragraphs: list[tuple[str, str]] = []
        passports: set[int] = set()
        for block in self.source.blocks:
            if isinstance(block, Paragraph):
                paragraphs += paragraph_lines(block)  # lines broken by Shift+Enter are lines of their own
                continue
            rows = _passport_rows(block) if not is_programme_table(block) else None
            indicators = _indicator_table(block) if rows is None and not is_programme_table(block) else None
            if indicators is not None:
                passports.add(id(block))
                paragraphs += indicators[0]
                self.unplaced += indicators[1]
                continue
            if rows is None:
                continue
            passports.add(id(block))
            for number, section, heading, value in rows:
                where = f"{block.label}, строка {number}"
                if not section:
                    if clean(value):
                        self.unplaced.append(
                            Unplaced(where, f"{heading}: {clean(value)}", "строка паспорта программы не распознана")
                        )
                    continue
                paragraphs += [(where, line) for line in _passport_lines(section, heading, value) if line]
        self._paragraphs(paragraphs)
        self._drop_repeated()
        for table in self.source.tables:
            if id(table) in passports:
                continue
            if is_programme_table(table):
                self._roadmap(table)
            else:
                for r, row in enumerate(table.rows):
                    for c, cell in enumerate(row):
                        if cell.line and cell.row == table.number(r) and (c == 0 or row[c - 1] is not cell):
                            self.unplaced.append(
                                Unplaced(
                                    f"{table.label}, строка {table.number(r)}, столбец {c + 1}",
                                    cell.line,
                                    "таблица не похожа на дорожную карту программы",
                                )
                            )
        return ProgrammeImport(self.data, self.unplaced, self.places)

    def _drop_repeated(self) -> None:
        """What the passport and the text both say (tasks, indicators, lists) is kept once, where it came first."""
        for section in ("tasks", "indicators", "categories", "directions", "methods", "working_group"):
            items = self.data.get(section)
            if not items:
                continue
            seen: set[str] = set()
            kept: list[tuple[int, object]] = []
            for i, item in enumerate(items):
                key = norm(item["text"] if isinstance(item, dict) else item).rstrip(".;")
                if key not in seen:
                    seen.add(key)
                    kept.append((i, item))
            if len(kept) < len(items):
                self.data[section] = [item for _, item in kept]
                places = {
                    k: self.places.pop((section, i)) for k, (i, _) in enumerate(kept) if (section, i) in self.places
                }
                for i in range(len(items)):
                    self.places.pop((section, i), None)
                self.places.update({(section, k): where for k, where in places.items()})

    # ------------------------------------------------------------ text

    def _order_paragraph(self, text: str, st: _Reading) -> bool:
        """The order that approves the programme and its heading; True when ``text`` belonged to them."""
        if _ORDER_WORD.match(text.replace(" ", "")) or _ORDER_WORD.match(text):
            st.in_order = True
            self.data["order"] = {"body": _genitive_body(st.order_lines), "date": "", "number": ""}
            return True
        if not st.in_order and not st.section and text.isupper() and _AUTHORITY.search(text):
            st.order_lines.append(text)  # the heading of the body that issues the order
            if not st.municipality and (
                m := re.search(r"администрации\s+(.+?(?:округа|района|города))", text, re.IGNORECASE)
            ):
                st.municipality = _nominative(m[1].lower())
            return True
        if st.in_order:
            order = self.data["order"]
            if not order["date"] and _MONTH_DATE.match(text):
                order["date"] = text
            elif not order["number"] and re.fullmatch(r"№\s*\S+", text):
                order["number"] = text.lstrip("№ ").strip()
            if not st.municipality and (
                m := re.search(r"территории\s+(.+?(?:округа|района|города))", text, re.IGNORECASE)
            ):
                st.municipality = _nominative(m[1])
            # the order's own text (its grounds, «ПРИКАЗЫВАЮ», its points, signatures) ends where the programme begins
            if not any(p.search(text) for _, p in SECTIONS if _ != "measures"):
                return True
            st.in_order = False
        return False

    def _programme_paragraph(self, where: str, text: str, st: _Reading) -> None:
        """One paragraph of the programme itself: a heading, a list item, the goal, a stage…"""
        if m := _APPENDIX.match(text):
            self.data["order"] = {"body": m[2], "date": m[3] or "", "number": m[4] or ""}
            if m[1]:
                self.data["order"]["appendix"] = m[1]
            if not st.municipality and (
                mm := re.search(r"администрации\s+(.+?(?:округа|района|города))", m[2], re.IGNORECASE)
            ):
                st.municipality = _nominative(mm[1])
            return
        if re.match(r"^Программа\s+профилактики", text, re.IGNORECASE):
            self.data["title"] = text
            return
        if not self.data["school"]["name"] and _SCHOOL.match(text) and len(text) < 120:
            from ..domain.schools import school_id

            self.data["school"] = {"id": school_id(text), "name": text}
            return
        if m := _GOAL.match(text):
            self.data["goal"] = m[1].rstrip(".")
            self.places[("goal",)] = where
            return
        if m := _PERIOD.match(text):
            self.data["period"] = {"start": m[1].strip(), "end": m[2].strip()}
            return
        if m := _STAGE.match(text):
            st.stage = {"number": int(m[1]), "title": m[3].strip(" ,—–-"), "period": m[2].strip(), "contents": []}
            self.data.setdefault("stages", []).append(st.stage)
            self.places[("stages", len(self.data["stages"]) - 1)] = where
            st.section = "stage"
            return
        if m := _INDICATOR.match(text):
            item = {"number": int(m[1]), "task": int(m[2] or m[1]), "text": m[3].strip()}
            self.data.setdefault("indicators", []).append(item)
            self.places[("indicators", len(self.data["indicators"]) - 1)] = where
            return
        found = next((name for name, pattern in SECTIONS if pattern.search(text)), None)
        if found:
            st.section = found
            return
        if st.section == "stage" and st.stage is not None and _ITEM.match(text):
            st.stage["contents"].append(_ITEM.sub("", text))
            return
        if st.section == "stage" and st.stage is not None and st.stage["contents"] and text[:1].islower():
            st.stage["contents"][-1] += " " + text  # a wrapped line of the item above
            return
        if st.section in ("categories", "directions", "methods", "working_group") and (
            _ITEM.match(text) or st.section == "directions"
        ):
            items = self.data.setdefault(st.section, [])
            items.append(_ITEM.sub("", text))
            self.places[(st.section, len(items) - 1)] = where
            return
        if m := _TARGETS.match(text):
            for item in re.split(r";\s+(?![^«]*»)", m[1].rstrip(".")):
                found_id = _catalog_parameter(item)
                if found_id:
                    items = self.data.setdefault("parameters", [])
                    items.append(found_id)
                    self.places[("parameters", len(items) - 1)] = where
                else:
                    self.unplaced.append(Unplaced(where, item, "параметра с такой формулировкой нет в «Конструкторе»"))
            return
        if st.section in ("tasks", "goals") and (m := _NUMBERED.match(text)):
            tasks = self.data.setdefault("tasks", [])
            tasks.append({"number": int(m[1]), "text": m[2].strip()})
            self.places[("tasks", len(tasks) - 1)] = where
            return
        if st.section == "tasks" and _ITEM.match(text):  # tasks as a bulleted list: numbered in their order
            tasks = self.data.setdefault("tasks", [])
            tasks.append({"number": len(tasks) + 1, "text": _ITEM.sub("", text).strip()})
            self.places[("tasks", len(tasks) - 1)] = where
            return
        if st.section in ("measures", "roadmap") and re.search(
            r"представлен\w*\s+в\s+дорожной\s+карте", text, re.IGNORECASE
        ):
            return
        self.unplaced.append(Unplaced(where, text, "текст программы не распознан (не раздел, не пункт списка)"))

    def _paragraphs(self, lines: list[tuple[str, str]]) -> None:
        st = _Reading()
        for where, text in lines:
            if where.startswith("таблица"):
                st.in_order = False  # a passport row: the programme has begun, whatever the order's text looked like
            elif re.match(r"^паспорт\s+(?:школьной\s+)?программы\W*$", text, re.IGNORECASE):
                continue  # the heading over the passport table
            if not self._order_paragraph(text, st):
                self._programme_paragraph(where, text, st)
        municipality = st.municipality
        # A municipality named in ordinary case somewhere («на территории Кочубеевского муниципального округа»)
        # spells the capitals the upper-case heading of the order lost.
        mentions = [m for _, text in lines for m in _MENTION.findall(text)]
        if mentions:
            genitive = " ".join(mentions[0])
            municipality = _nominative(genitive[0] + genitive[1:].lower())
            order = self.data.get("order")
            if order:
                order["body"] = re.sub(re.escape(genitive.lower()), genitive, order["body"], flags=re.IGNORECASE)
                order["body"] = re.sub(
                    r"\b([а-яё])([а-яё]+(?:ского|ской)\s+(?:края|области|республики))",
                    lambda m: m[1].upper() + m[2],
                    order["body"],
                )
        if municipality:
            self.data["municipality"] = municipality
        if "period" not in self.data and self.data.get("stages"):
            self.data["period"] = _stages_period(self.data["stages"])

    # ------------------------------------------------------------ the roadmap table

    def _roadmap(self, table: Table) -> None:
        header, roles = _roadmap_columns(table)
        rows = self.data.setdefault("roadmap", [])
        current: dict | None = None
        task_cell: Cell | None = None
        for r in range(header + 1, len(table.rows)):
            row = table.rows[r]
            where = f"{table.label}, строка {table.number(r)}"
            values = {role: row[col] for col, role in roles.items() if col < len(row)}
            if not any(cell.line for cell in row):
                continue
            task = values.get("task")
            # A task cell merged down several rows (the same cell again), or one repeating the task, continues it.
            if (
                task is not None
                and task.line
                and task is not task_cell
                and (current is None or task.line != current["_task_text"])
            ):
                current = self._new_task(task, rows, where)
                task_cell = task
            if current is None:
                self.unplaced.append(
                    Unplaced(where, " | ".join(c.line for c in row if c.line), "строка до первой задачи")
                )
                continue
            self._task_row(values, current, len(rows) - 1, where)
        for row in rows:
            row.pop("_task_text", None)
            for key in ("results", "indicators"):
                if not row[key]:
                    del row[key]

    def _new_task(self, task: Cell, rows: list[dict], where: str) -> dict:
        m = _NUMBERED.match(task.line)
        current = {
            "task": int(m[1]) if m else len(rows) + 1,
            "results": [],
            "measures": [],
            "indicators": [],
            "responsible": "",
            "_task_text": task.line,
        }
        if not m:
            self.unplaced.append(Unplaced(where, task.line, "задача без номера: номер дан по порядку"))
        rows.append(current)
        self.places[("roadmap", len(rows) - 1)] = where
        return current

    def _task_row(self, values: dict[str, Cell], current: dict, index: int, where: str) -> None:
        """One row of the table added to its task: results, indicators and responsible once each; measures with
        their deadlines (a deadline a measure when the counts agree, else all of them for each)."""
        for role in ("results", "indicators"):
            cell = values.get(role)
            for line in _lines(cell):
                if line not in current[role]:
                    current[role].append(line)
        responsible = values.get("responsible")
        if responsible is not None and responsible.line and responsible.line not in current["responsible"]:
            current["responsible"] = "; ".join(x for x in (current["responsible"], responsible.line) if x)
        measures = [_ITEM.sub("", x) for x in _lines(values.get("measures"))]
        deadlines = _lines(values.get("deadline"))
        for i, text in enumerate(measures):
            deadline = deadlines[i] if len(deadlines) == len(measures) else " ".join(deadlines)
            measure = {"text": text}
            if deadline:
                measure["deadline"] = deadline
            current["measures"].append(measure)
            self.places[("roadmap", index, "measures", len(current["measures"]) - 1)] = where


# A column's role by its heading, the first test that matches.
_ROADMAP_ROLES = (
    ("task", lambda t: t.startswith("задач")),
    ("results", lambda t: "результат" in t),
    ("measures", lambda t: "мероприят" in t or t.startswith("мер")),
    ("deadline", lambda t: "срок" in t),
    ("indicators", lambda t: "показател" in t),
    ("responsible", lambda t: "ответствен" in t or "исполнител" in t),
)


def _roadmap_columns(table: Table) -> tuple[int, dict[int, str]]:
    """The header row (one of the first three, with a «Задачи» column) and column → role; a role once."""
    header = next(
        r for r in range(min(3, len(table.rows))) if any(norm(c.line).startswith("задач") for c in table.rows[r])
    )
    roles: dict[int, str] = {}
    for col, cell in enumerate(table.rows[header]):
        t = norm(cell.line)
        role = next((name for name, matches in _ROADMAP_ROLES if matches(t)), None)
        if role and role not in roles.values():
            roles[col] = role
    return header, roles


def _lines(cell: Cell | None) -> list[str]:
    """The cell's items: its paragraphs, and «- a; - b» typed in one paragraph split at the dashes."""
    if cell is None or not cell.line:
        return []
    items: list[str] = []
    for paragraph in cell.text.split("\n"):
        text = clean(paragraph)
        if not text:
            continue
        parts = (
            [p for p in re.split(r"(?:^|\s)[-–—]\s+(?=\S)", text) if p.strip()]
            if text.startswith(("-", "–", "—"))
            else [text]
        )
        items.extend(clean(p) for p in parts)
    return items


def _catalog_parameter(line: str) -> str:
    """The catalog id of «низкая мотивация школьников к учению (фактор «…»);» (render/programme.py writes such
    lines).
    """
    from ..domain.catalog import load_catalog

    title = re.sub(r"\s*\(фактор\s+«.*»\)\s*$", "", line.strip().rstrip(";.")).strip()
    key = " ".join(title.lower().replace("ё", "е").split())
    for parameter in load_catalog().parameters.values():
        if " ".join(parameter.title.lower().replace("ё", "е").split()).rstrip(".") == key:
            return parameter.id
    return ""


def _stages_period(stages: list[dict]) -> dict:
    """The programme's term from its stages: the earliest month any stage starts to the latest any ends.

    Not the first stage's start to the last one's end: one stage with a mistyped year («3 этап (апрель – май
    2022 г.)» after «2 этап (октябрь 2022 г. – май 2023 г.)», as in the institute's sample) turned the whole term
    backwards, and every deadline of the programme's roadmap was reported outside it; now the check of stages names
    that one stage.
    """
    from ..domain.dates import MONTH_NAMES, parse_dates

    spans = [span for stage in stages for span in parse_dates(stage["period"]).spans]
    if spans and all(span.start.year is not None and span.end.year is not None for span in spans):
        start = min((span.start.year, span.start.month) for span in spans)
        end = max((span.end.year, span.end.month) for span in spans)
        return {"start": f"{MONTH_NAMES[start[1] - 1]} {start[0]}", "end": f"{MONTH_NAMES[end[1] - 1]} {end[0]}"}
    first, last = stages[0]["period"], stages[-1]["period"]
    start, end = re.split(r"\s*[–—-]\s*", first)[0], re.split(r"\s*[–—-]\s*", last)[-1]
    year = re.search(r"\d{4}", first)
    if year and not re.search(r"\d{4}", start):
        start = f"{start} {year[0]}"
    return {"start": _plain_month(start), "end": _plain_month(end)}


def _plain_month(text: str) -> str:
    text = re.sub(r"\s*(?:года|год|г\.)\s*$", "", text.strip(), flags=re.IGNORECASE)
    return text.lower()


def read_programme(source: Source) -> ProgrammeImport:
    return _Reader(source).run()


def render(result: ProgrammeImport, source_name: str) -> str:
    """The programme data file's text (YAML), with a comment saying where it came from."""
    import yaml

    head = (
        f"# Импортировано из «{source_name}» командой `neuspeh import`: проверьте и допишите (neuspeh validate ФАЙЛ).\n"
    )
    data = dict(result.data)
    if not data.get("school", {}).get("name"):
        head += "# Школа в документе не названа: впишите school.id и school.name.\n"
    return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
