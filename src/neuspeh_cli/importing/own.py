"""The tool's own Word file carries its data, so that reading it back loses nothing.

``build`` adds a custom XML part to the .docx it writes (``embed``): the data
file's text exactly as read, and what the document printed — the text of every
paragraph and every table cell as this package's reader sees it, with the
events table's rows tied to the events. Word and LibreOffice keep custom XML
parts when they save, so a document someone edited still has it.

Reading such a file back (``read_own``) gives the data file's text unchanged
when the printed text is unchanged. When someone edited the tables in Word,
the edits of the events table are applied on top of the data (a changed cell,
a removed or an added row) and listed; any other change is listed as not
carried over, with its table, row and column — nothing is silently lost.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .headers import detect, is_column_numbers, is_repeated_header
from .model import Paragraph, Source, Table, Unplaced, clean

NS = "urn:neuspeh:data:1"
VERSION = "1"
TEXT_ROLES = {
    "name": "мероприятие",
    "form": "форма",
    "contingent": "контингент",
    "place": "место",
    "dates": "сроки",
    "responsible": "ответственные",
}
MAX_DATA_PART = 32 * 1024 * 1024


@dataclass
class DataPart:
    kind: str
    text: str  # the data file's text as it was built
    printed: dict  # ``printed(source)`` of the document as built
    digest: str


@dataclass
class OwnImport:
    text: str  # the data file's text, edits applied
    changes: list[str] = field(default_factory=list)  # «мероприятие № 4: сроки «Май 2025» → «Июнь 2025»»
    change_places: list[str] = field(default_factory=list)  # «таблица 2, строка 5, графа «Сроки»», one per change
    unplaced: list[Unplaced] = field(default_factory=list)
    places: dict[tuple, str] = field(default_factory=dict)  # data path → place in the document


# ---------------------------------------------------------------- what was printed


def _events_layout(source: Source) -> dict | None:
    """The events table: its index among the tables, its data rows in order and the role of each column."""
    for index, table in enumerate(source.tables):
        layout = detect(table)
        if layout is None or layout.kind != "events":
            continue
        rows = []
        for r in range(layout.start + layout.header_rows, len(table.rows)):
            row = table.rows[r]
            if not any(cell.line for cell in row) or is_repeated_header(row, layout) or is_column_numbers(row):
                continue
            rows.append(r)
        return {
            "table": index,
            "rows": rows,
            "roles": {str(c): role for c, role in layout.roles.items()},
            "titles": _titles(table),
        }
    return None


def _audit_layout(source: Source, order: list[int] | None) -> dict | None:
    """Section I's table: its data rows (one per parameter, in print order) and the audit entry each prints."""
    if not order:
        return None
    for index, table in enumerate(source.tables):
        layout = detect(table)
        if layout is None or layout.kind != "audit":
            continue
        column = next((c for c, role in layout.roles.items() if role == "parameter"), None)
        if column is None:
            return None
        rows = [
            r
            for r in range(layout.start + layout.header_rows, len(table.rows))
            if table.rows[r][column].line
            and not is_repeated_header(table.rows[r], layout)
            and not is_column_numbers(table.rows[r])
        ]
        if len(rows) != len(order):
            return None  # a template of one's own laid section I out otherwise: its edits are listed, not applied
        return {
            "table": index,
            "rows": rows,
            "refs": order,
            "roles": {str(c): role for c, role in layout.roles.items()},
            "titles": _titles(table),
        }
    return None


def printed(source: Source, audit_order: list[int] | None = None) -> dict:
    """What a reader sees in the document: paragraph texts, table cell texts, the events table's rows."""
    snapshot = {
        "paragraphs": [clean(b.text) for b in source.blocks if isinstance(b, Paragraph)],
        "tables": [[[cell.line for cell in row] for row in table.rows] for table in source.tables],
        "events": _events_layout(source),
    }
    audit = _audit_layout(source, audit_order)
    if audit is not None:
        snapshot["audit"] = audit
    return snapshot


def _digest(snapshot: dict) -> str:
    content = {"paragraphs": snapshot["paragraphs"], "tables": snapshot["tables"]}
    return hashlib.sha256(json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()


def data_item(source_text: str, kind: str, snapshot: dict) -> bytes:
    """The custom XML part's content: base64, so that no XML tool rewrites a character of the data."""
    payload = json.dumps(snapshot, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
    text = base64.b64encode(source_text.encode("utf-8")).decode("ascii")
    shown = base64.b64encode(payload).decode("ascii")
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<data xmlns="{NS}" version="{VERSION}" kind="{kind}" printed-sha256="{_digest(snapshot)}">'
        f'<source encoding="base64">{text}</source><printed encoding="base64">{shown}</printed></data>'
    ).encode()


def embed(docx: bytes, source_text: str, kind: str, audit_order: list[int] | None = None) -> bytes:
    """The built document with its data part. Deterministic: the same data and document give the same bytes.

    ``audit_order``: for a roadmap, the index in ``audit`` of each parameter row of section I as printed.
    """
    from ..render.package import add_custom_xml
    from .wordxml import read_docx_bytes

    source, _ = read_docx_bytes(docx, "")
    return add_custom_xml(docx, *_item(source, source_text, kind, audit_order))


def embed_parts(
    parts: dict[str, bytes], order: list[str], source_text: str, kind: str, audit_order: list[int] | None = None
) -> list[str]:
    """``embed`` on the parts of a package about to be zipped (changed in place); returns their order.

    What is printed is read from the same main document part, by the same reader, as ``embed`` reads
    from the archive: the record and the document cannot disagree, and the archive is written once.
    """
    from ..render.package import add_custom_xml_parts
    from .wordxml import main_part_of, read_body

    source = read_body(parts[main_part_of(parts)], "")
    new_order = add_custom_xml_parts(parts, order, *_item(source, source_text, kind, audit_order))
    return order if new_order is None else new_order


def _item(source: Source, source_text: str, kind: str, audit_order: list[int] | None) -> tuple[bytes, str]:
    """The data part and its GUID, derived from its content."""
    item = data_item(source_text, kind, printed(source, audit_order))
    h = hashlib.sha256(item).hexdigest().upper()
    return item, "{" + f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}" + "}"


# ---------------------------------------------------------------- reading back


def find_data(archive) -> DataPart | None:
    """The tool's data part of an open .docx archive, wherever an editor put it; None for a foreign document."""
    from .wordxml import parse_xml, read_part

    for info in archive.infolist():
        name = info.filename
        if (
            not name.startswith("customXml/")
            or not name.endswith(".xml")
            or "/_rels/" in name
            or info.file_size > MAX_DATA_PART
        ):
            continue
        data = read_part(archive, name)
        if NS.encode() not in data[:512]:
            continue
        try:
            root = parse_xml(data)
            text = base64.b64decode(root.findtext(f"{{{NS}}}source") or "", validate=True).decode("utf-8")
            snapshot = json.loads(base64.b64decode(root.findtext(f"{{{NS}}}printed") or "", validate=True))
        except (ValueError, UnicodeDecodeError):
            continue  # damaged: read the document as a foreign one
        return DataPart(root.get("kind", ""), text, snapshot, root.get("printed-sha256", ""))
    return None


def _place(table: Table, row: int, col: int | None = None, titles: dict | None = None) -> str:
    where = f"{table.label}, строка {table.number(row)}"
    if col is None:
        return where
    title = (titles or {}).get(str(col), "")
    return f"{where}, графа «{title}»" if title else f"{where}, столбец {table.column_name(col + 1)}"


def _cell_place(label: str, row: int, col: int, titles: dict | None = None) -> str:
    title = (titles or {}).get(str(col), "")
    return f"{label}, строка {row + 1}, " + (f"графа «{title}»" if title else f"столбец {col + 1}")


def _changed_cells(old: list[str], new: list[str]):
    """(column, text as printed, text now) of each cell of a row that was edited; a missing cell is empty."""
    for col in range(max(len(old), len(new))):
        was = old[col] if col < len(old) else ""
        now = new[col] if col < len(new) else ""
        if was != now:
            yield col, was, now


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _quoted(text: str) -> str:
    """«text», without doubling the quotes of a name already in them."""
    text = _short(text)
    return text if text.startswith("«") and text.endswith(("»", "…")) else f"«{text}»"


def _titles(table: Table) -> dict[str, str]:
    layout = detect(table)
    if layout is None:
        return {}
    titles = {}
    for col in range(table.width):
        texts = [table.rows[r][col].line for r in range(layout.start, layout.start + layout.header_rows)]
        titles[str(col)] = next((t for t in reversed(texts) if t), "")
    return titles


class _Diff:
    def __init__(self, old: dict, new: dict, source: Source):
        self.old, self.new, self.source = old, new, source
        self.sets: list[tuple[int, str, str]] = []  # (event index, role, new text)
        self.deletes: list[int] = []
        self.inserts: list[tuple[int, dict[str, str]]] = []  # (position among the old events, values by role)
        self.codes: list[tuple[int, str, str]] = []  # (event index, codes as printed, place) for a changed code cell
        self.audit: list[tuple[int, str, str, str, str]] = []  # (audit index, role, new text, old text, place)
        self.changes: list[str] = []
        self.change_places: list[str] = []  # where each change is in the document now
        self.unplaced: list[Unplaced] = []

    def run(self) -> None:
        old_par, new_par = self.old["paragraphs"], self.new["paragraphs"]
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, old_par, new_par, autojunk=False).get_opcodes():
            if tag == "equal":
                continue
            for j in range(j1, j2):
                if new_par[j]:
                    was = (
                        f" (было «{_short(old_par[i1 + j - j1])}»)" if i1 + j - j1 < i2 and old_par[i1 + j - j1] else ""
                    )
                    self.unplaced.append(
                        Unplaced(
                            f"абзац {j + 1}",
                            new_par[j],
                            f"изменено в документе{was}: в данные не перенесено — внесите правку в файл данных",
                        )
                    )
            if j2 - j1 < i2 - i1:
                for i in range(i1 + (j2 - j1), i2):
                    if old_par[i]:
                        self.unplaced.append(
                            Unplaced(
                                f"абзац {i + 1} (до правки)",
                                old_par[i],
                                "удалено из документа: в данных осталось — удалите в файле данных",
                            )
                        )
        old_t, new_t = self.old["tables"], self.new["tables"]
        signature = [tuple(t[0]) if t else () for t in old_t], [tuple(t[0]) if t else () for t in new_t]
        for _tag, i1, i2, j1, j2 in SequenceMatcher(None, *signature, autojunk=False).get_opcodes():
            pairs = list(zip(range(i1, i2), range(j1, j2)))
            for i, j in pairs:
                self._table(i, j)
            for i in range(i1 + len(pairs), i2):
                self.unplaced.append(
                    Unplaced(
                        f"таблица {i + 1} (до правки)",
                        " ".join(old_t[i][0]) if old_t[i] else "",
                        "таблица удалена из документа: в данных осталась",
                    )
                )
            for j in range(j1 + len(pairs), j2):
                self.unplaced.append(
                    Unplaced(
                        f"таблица {j + 1}",
                        " ".join(new_t[j][0]) if new_t[j] else "",
                        "таблица добавлена в документ: в данные не перенесена",
                    )
                )

    def _table(self, i: int, j: int) -> None:
        old_rows, new_rows = self.old["tables"][i], self.new["tables"][j]
        if old_rows == new_rows:
            return
        audit = self.old.get("audit")
        if audit is not None and audit["table"] == i and len(old_rows) == len(new_rows):
            self._audit_table(audit, old_rows, new_rows, self.source.tables[j])
            return
        old_events, new_events = self.old.get("events"), self.new.get("events")
        events = (
            old_events is not None and old_events["table"] == i and new_events is not None and new_events["table"] == j
        )
        old_index = {r: k for k, r in enumerate(old_events["rows"])} if events else {}
        new_data = set(new_events["rows"]) if events else set()
        roles = old_events["roles"] if events else {}
        table = self.source.tables[j]
        titles = new_events["titles"] if events else _titles(table)
        self._reported: set[tuple[int, str, str]] = set()
        for tag, i1, i2, j1, j2 in SequenceMatcher(
            None, [tuple(r) for r in old_rows], [tuple(r) for r in new_rows], autojunk=False
        ).get_opcodes():
            if tag == "equal":
                continue
            pairs = list(zip(range(i1, i2), range(j1, j2)))
            for a, b in pairs:
                self._row(old_rows[a], new_rows[b], old_index.get(a), table, b, roles, titles)
            for a in range(i1 + len(pairs), i2):
                if a in old_index:
                    self.deletes.append(old_index[a])
                    name = old_rows[a][int(next((c for c, r in roles.items() if r == "name"), 0))]
                    self.changes.append(f"мероприятие № {old_index[a] + 1} {_quoted(name)} удалено")
                    self.change_places.append(f"{table.label}, после строки {b1 if (b1 := j1 + len(pairs)) else 1}")
                elif any(old_rows[a]):
                    self.unplaced.append(
                        Unplaced(
                            f"таблица {i + 1}, строка {a + 1} (до правки)",
                            " | ".join(dict.fromkeys(c for c in old_rows[a] if c)),
                            "строка удалена из документа: в данных осталась",
                        )
                    )
            for b in range(j1 + len(pairs), j2):
                row = new_rows[b]
                if b in new_data:
                    values: dict[str, str] = {}
                    for col, role in roles.items():
                        if int(col) < len(row) and row[int(col)] and role not in values:
                            values[role] = row[int(col)]
                    position = sum(1 for a in old_index if a < i2)
                    self.inserts.append((position, values))
                    self.changes.append(f"добавлено мероприятие {_quoted(values.get('name', ''))}")
                    self.change_places.append(_place(table, b))
                elif any(row):
                    self.unplaced.append(
                        Unplaced(
                            _place(table, b),
                            " | ".join(dict.fromkeys(c for c in row if c)),
                            "строка добавлена в документ: в данные не перенесена",
                        )
                    )

    def _audit_table(self, audit: dict, old_rows: list, new_rows: list, table: Table) -> None:
        """Section I edited in place (rows neither added nor removed): a parameter's wording and its ШНОР are carried
        over.
        """
        refs = dict(zip(audit["rows"], audit["refs"]))
        reported: set[tuple[int, str, str]] = set()
        for r, (old, new) in enumerate(zip(old_rows, new_rows)):
            if old == new:
                continue
            done: set[str] = set()
            for col, was, now in _changed_cells(old, new):
                role = audit["roles"].get(str(col))
                place = _place(table, r, col, audit["titles"])
                if r in refs and role in ("parameter", "schools"):
                    if role not in done:
                        done.add(role)
                        self.audit.append((refs[r], role, now, was, place))
                    continue
                if (col, was, now) in reported:
                    continue  # a merged cell (a factor over its parameters) shows the same edit on each of its rows
                reported.add((col, was, now))
                self.unplaced.append(
                    Unplaced(
                        place,
                        now or "(пусто)",
                        f"изменено в документе (было «{_short(was)}»): в данные не перенесено — внесите правку в файл "
                        "данных",
                    )
                )

    def _row(
        self, old: list[str], new: list[str], event: int | None, table: Table, b: int, roles: dict, titles: dict
    ) -> None:
        done: set[str] = set()
        for col, was, now in _changed_cells(old, new):
            role = roles.get(str(col))
            if event is not None and role in TEXT_ROLES:
                if role not in done:
                    done.add(role)
                    self.sets.append((event, role, now))
                    self.changes.append(
                        f"мероприятие № {event + 1}: {TEXT_ROLES[role]} «{_short(was)}» → «{_short(now)}»"
                    )
                    self.change_places.append(_place(table, b, col, titles))
                continue
            if event is not None and role == "no":
                continue  # renumbering follows the events
            if event is not None and role == "code":
                self.codes.append((event, now, _place(table, b, col, titles)))
                self.changes.append(f"мероприятие № {event + 1}: коды параметров «{_short(was)}» → «{_short(now)}»")
                self.change_places.append(_place(table, b, col, titles))
                continue
            if (col, was, now) in self._reported:
                continue  # one merged cell, the same edit on each row it covers
            self._reported.add((col, was, now))
            self.unplaced.append(
                Unplaced(
                    _place(table, b, col, titles),
                    now or "(пусто)",
                    f"изменено в документе (было «{_short(was)}»): в данные не перенесено — внесите правку в файл "
                    "данных",
                )
            )


def _new_id(taken: set[str]) -> str:
    n = len(taken) + 1
    while f"e{n:02d}" in taken:
        n += 1
    taken.add(f"e{n:02d}")
    return f"e{n:02d}"


def _apply(text: str, name: str, diff: _Diff) -> str:
    """The data file's text with the events table's edits made in place: comments and layout kept."""
    from ..reading.yamlread import read_yaml_text
    from ..yaml_edit import open_for_edit

    if not (diff.sets or diff.deletes or diff.inserts or diff.codes or diff.audit):
        return text
    code_map, refs = _code_refs(text, diff)
    edit = open_for_edit(text, read_yaml_text(text, name))
    _apply_audit(edit.data, diff)
    events = edit.data.get("events") if hasattr(edit.data, "get") else None
    if events is None:
        new_text, _ = edit.result()
        return new_text
    for index, role, value in diff.sets:
        if index < len(events) and hasattr(events[index], "__setitem__"):
            events[index][role] = value
    for index, value in refs.items():
        if index < len(events) and hasattr(events[index], "__setitem__"):
            events[index]["parameters"] = value
    taken = {str(e.get("id")) for e in events if hasattr(e, "get") and e.get("id")}
    operations = [(k, 1, None) for k in diff.deletes] + [(p, 0, v) for p, v in diff.inserts]
    for position, is_delete, values in sorted(operations, key=lambda x: (x[0], x[1]), reverse=True):
        if is_delete:
            if position < len(events):
                del events[position]
            continue
        event = {"id": _new_id(taken)}
        for role in ("name", "form", "code", "contingent", "place", "dates", "responsible"):
            if role == "code":
                event["parameters"] = _parameters((values or {}).get("code", ""), code_map, diff, "")
            else:
                event[role] = (values or {}).get(role, "")
        events.insert(min(position, len(events)), event)
    new_text, _ = edit.result()
    return new_text


def _apply_audit(data, diff: _Diff) -> None:
    """Section I's edits: a parameter's new wording becomes its ``title``, a new list of ШНОР its ``schools``."""
    from ..domain.schools import short_name
    from ..yaml_edit import flow
    from .schoolnames import parse_school_list

    audit = data.get("audit") if hasattr(data, "get") else None
    schools = data.get("schools") if hasattr(data, "get") else None
    if not audit:
        return
    known = {
        " ".join(short_name(str(s.get("name", ""))).lower().split()): str(s.get("id"))
        for s in schools or []
        if hasattr(s, "get")
    }
    for index, role, now, was, place in diff.audit:
        if index >= len(audit) or not hasattr(audit[index], "__setitem__"):
            continue
        if role == "parameter":
            audit[index]["title"] = now
            diff.changes.append(f"параметр раздела I № {index + 1}: формулировка «{_short(was)}» → «{_short(now)}»")
            diff.change_places.append(place)
            continue
        names, leftovers = parse_school_list(now)
        ids = [known.get(" ".join(short_name(n).lower().split())) for n in names]
        if leftovers or None in ids:
            unknown = [n for n, i in zip(names, ids) if i is None] + leftovers
            diff.unplaced.append(
                Unplaced(
                    place, now, f"в перечне школ не из перечня schools: {', '.join(unknown)} — в данные не перенесено"
                )
            )
            continue
        audit[index]["schools"] = flow(list(dict.fromkeys(ids)))
        diff.changes.append(f"параметр раздела I № {index + 1}: ШНОР «{_short(was)}» → «{_short(now)}»")
        diff.change_places.append(place)


def _code_refs(text: str, diff: _Diff) -> tuple[dict[str, str], dict[int, list[str] | str]]:
    """Changed code cells → the events' new ``parameters``, by section I's codes as the data numbers them."""
    if not diff.codes and not any("code" in v for _, v in diff.inserts):
        return {}, {}
    import yaml

    from ..domain.catalog import load_catalog
    from ..domain.roadmap import Roadmap
    from ..domain.structure import resolve
    from .codes import code_key

    code_map: dict[str, str] = {}
    try:
        roadmap = Roadmap.model_validate(yaml.safe_load(text))
        for block in resolve(roadmap, load_catalog()).factors:
            for row in block.rows:
                code_map[code_key(row.code)] = row.ref
    except Exception:  # a file the schema rejects: the codes are listed as not carried over below
        code_map = {}
    found: dict[int, list[str] | str] = {}
    for index, printed_codes, place in diff.codes:
        value = _parameters(printed_codes, code_map, diff, place)
        if value is not None:
            found[index] = value
    return code_map, found


def _parameters(printed_codes: str, code_map: dict[str, str], diff: _Diff, place: str):
    """``parameters`` for codes as printed; None (and an unplaced line) when a code is not in section I."""
    from .codes import parse_codes

    if not printed_codes:
        return []
    parsed = parse_codes(printed_codes, code_map, list(code_map))
    if parsed.all:
        return "все выявленные параметры"
    if parsed.unknown or not code_map:
        diff.unplaced.append(
            Unplaced(
                place or "таблица мероприятий",
                printed_codes,
                "код параметра не найден в разделе I: в данные не перенесён",
            )
        )
        return None if place else []
    return list(parsed.refs)


def places(source: Source, snapshot: dict, audit: dict | None = None) -> dict[tuple, str]:
    """Data path → place in the document: the events table's rows and cells, section I's rows (as built)."""
    found: dict[tuple, str] = {}
    layout = snapshot.get("events")
    if layout:
        table = source.tables[layout["table"]]
        for k, r in enumerate(layout["rows"]):
            found[("events", k)] = _place(table, r)
            for col, role in layout["roles"].items():
                key = "parameters" if role == "code" else role
                found.setdefault(("events", k, key), _place(table, r, int(col), layout["titles"]))
    if (
        audit
        and audit["table"] < len(source.tables)
        and len(source.tables[audit["table"]].rows) > max(audit["rows"], default=0)
    ):
        table = source.tables[audit["table"]]
        for r, ref in zip(audit["rows"], audit["refs"]):
            found[("audit", ref)] = _place(table, r)
            for col, role in audit["roles"].items():
                if role == "schools":
                    found[("audit", ref, "schools")] = _place(table, r, int(col), audit["titles"])
    return found


def read_own(source: Source, part: DataPart, name: str) -> OwnImport:
    """The data of the tool's own document, with what was edited in Word applied or listed."""
    now = printed(source)
    if _digest(now) == part.digest:
        return OwnImport(part.text, places=places(source, now, part.printed.get("audit")))
    diff = _Diff(part.printed, now, source)
    diff.run()
    text = _apply(part.text, name, diff)
    return OwnImport(
        text, diff.changes, diff.change_places, diff.unplaced, places(source, now, part.printed.get("audit"))
    )
