"""A read form put into the user's YAML file: only what changed is touched, comments stay.

ruamel.yaml's round-trip data of the file is edited value by value: a changed
cell replaces one scalar (in the quoting it had), a changed list is edited in
place, a new row becomes a new item, a deleted row removes its item and hands
the comments that followed it (the next group's heading) to the item before.
The result is then read back and compared with what the form says
(``expected``): anything else is a defect, and nothing is written.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from . import layout as L
from .read import FormData, FormError, Row

FIELDS = {
    "schools": ("id", "name", "short", "shnor"),
    "audit": ("parameter", "id", "factor", "title", "schools"),
    "events": (
        "id",
        "name",
        "form",
        "parameters",
        "groups",
        "group",
        "shnor",
        "contingent",
        "place",
        "dates",
        "responsible",
        "draft",
    ),
    "monitoring.indicators": ("id", "text", "unit", "baseline", "target", "source", "frequency"),
}
FLOW_LISTS = {"schools", "groups", "shnor"}  # as the examples write them: [sosh5, sosh6]
SECTION_TITLES = {"schools": L.SCHOOLS, "audit": L.AUDIT, "events": L.EVENTS, "monitoring.indicators": L.INDICATORS}
FIELD_TITLES = {
    (section, column.field): column.header
    for section, columns in (
        ("schools", L.SCHOOL_COLUMNS),
        ("audit", L.AUDIT_COLUMNS),
        ("events", L.EVENT_COLUMNS),
        ("monitoring.indicators", L.INDICATOR_COLUMNS),
    )
    for column in columns
} | {("audit", "parameter"): "Параметр", ("audit", "schools"): "Школы"}


@dataclass
class Applied:
    changes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    expected: dict = field(default_factory=dict)  # the model's dump the new file must read as
    lost: Counter = field(default_factory=Counter)  # comments written inside deleted items: they go with them


def natural_keys(section: str, roadmap: Any) -> list[str]:
    items = _old_items(section, roadmap)
    if section == "audit":
        return [f.ref for f in items]
    return [getattr(item, "id", "") for item in items]


def _old_items(section: str, roadmap: Any) -> list[Any]:
    if section == "monitoring.indicators":
        return roadmap.monitoring.quality_indicators
    return list(getattr(roadmap, section))


def match_rows(
    form: FormData, roadmap: Any, same_file: bool, fresh: bool = False
) -> dict[str, list[tuple[Row, int | None]]]:
    """Each row with the index of the item it came from (``None`` for a new row; every row of a ``fresh`` file)."""
    problems = []
    matched: dict[str, list[tuple[Row, int | None]]] = {}
    for section, rows in form.sections.items():
        keys = natural_keys(section, roadmap)
        used: set[int] = set()
        pairs = []
        for row in rows:
            index = None
            if fresh:
                pass
            elif row.key.startswith("#") and row.key[1:].isdigit():
                if not same_file:
                    problems.append(
                        f"{form.path.name}, лист «{SECTION_TITLES[section]}», строка {row.number}: строка без "
                        "идентификатора, "
                        "а файл данных изменился после выгрузки формы — выгрузите форму заново и перенесите правки"
                    )
                elif int(row.key[1:]) < len(keys):
                    index = int(row.key[1:])
            elif row.key and keys.count(row.key) == 1:
                index = keys.index(row.key)
            if index in used:
                index = None  # a copied row is a new item
            if index is not None:
                used.add(index)
            pairs.append((row, index))
        matched[section] = pairs
    if problems:
        raise FormError(f"{form.path}: форма не перенесена:", problems)
    return matched


def apply_form(
    data: Any, roadmap: Any, form: FormData, same_file: bool, fresh: bool = False, dump_node: Any = None
) -> Applied:
    """Edit ``data`` (ruamel's round-trip data of the roadmap) to what ``form`` says; ``fresh`` — a new file made from
    it.
    """
    applied = Applied()
    expected = roadmap.model_dump()
    if not same_file and not fresh:
        applied.notes.append(
            "Файл данных изменился после выгрузки формы: правки формы перенесены поверх него (строки сопоставлены по "
            "идентификаторам)."
        )
    _document(data, roadmap, form, expected, applied)
    for section, pairs in match_rows(form, roadmap, same_file, fresh).items():
        _section(data, roadmap, section, pairs, expected, applied, dump_node)
    _monitoring_events(data, roadmap, form, expected, applied)
    applied.expected = expected
    return applied


# ---------------------------------------------------------------- the document's fields


def _document(data: Any, roadmap: Any, form: FormData, expected: dict, applied: Applied) -> None:
    from ruamel.yaml.comments import CommentedMap

    old = roadmap.model_dump()
    labels = dict(L.DOCUMENT_FIELDS)
    for path, new in form.document.items():
        parts = path.split(".")
        old_value = _get(old, parts)
        if _same(old_value, new):
            continue
        if old_value is None and (new == "" or new is None):
            continue
        node = data
        target = expected
        for part in parts[:-1]:
            if not isinstance(node.get(part), CommentedMap):
                node[part] = CommentedMap()
            node = node[part]
            if not isinstance(target.get(part), dict):
                target[part] = {}
            target = target[part]
        last = parts[-1]
        if new is None or (new == "" and last == "year"):
            if last in node:
                del node[last]
            target[last] = None
        else:
            node[last] = _styled(node.get(last), new)
            target[last] = new
        applied.changes.append(f"~ {L.DOCUMENT}: {labels[path]}: {_shown(old_value)} → {_shown(new)}")


def _get(data: Any, parts: list[str]) -> Any:
    for part in parts:
        data = data.get(part) if isinstance(data, dict) else None
    return data


# ---------------------------------------------------------------- lists


def _section(
    data: Any,
    roadmap: Any,
    section: str,
    pairs: list[tuple[Row, int | None]],
    expected: dict,
    applied: Applied,
    dump_node: Any = None,
) -> None:
    from ruamel.yaml.comments import CommentedMap

    seq = _section_seq(data, section, bool(pairs))
    if seq is None:
        return
    old_items = _old_items(section, roadmap)
    title = SECTION_TITLES[section]
    old_dump = [item.model_dump() if hasattr(item, "model_dump") else item for item in _raw_items(section, roadmap)]
    # New items look like their neighbours; in a list of its own, a school is one line as in the examples.
    flow_items = (
        all(isinstance(x, CommentedMap) and x.fa.flow_style() for x in seq) if len(seq) else section == "schools"
    )

    new_expected = []
    nodes = []
    for row, index in pairs:
        values = dict(row.values)
        if index is None:
            nodes.append(_new_item(section, values, flow_items))
            new_expected.append(_expected_new(section, values))
            applied.changes.append(f"+ {title}, строка {row.number}: {_describe(section, values)}")
            continue
        node, item = _edited_item(section, row, seq[index], old_items[index], old_dump[index], applied)
        nodes.append(node)
        new_expected.append(item)

    kept = [index for _, index in pairs if index is not None]
    for index in range(len(old_items)):
        if index not in kept:
            applied.changes.append(f"− {title}: {_who(section, old_items[index], full=True)}")
    _restructure(seq, nodes, kept, len(old_items), applied.lost, dump_node)
    parts = section.split(".")
    target = expected
    for part in parts[:-1]:
        target = target[part]
    target[parts[-1]] = new_expected


def _section_seq(data: Any, section: str, has_rows: bool) -> Any:
    """The section's list in ``data`` (made, with its parents, when the form has rows for it); None — nothing to do."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    parts = section.split(".")
    parent = data
    for part in parts[:-1]:
        if not isinstance(parent.get(part), CommentedMap):
            parent[part] = CommentedMap()
        parent = parent[part]
    key = parts[-1]
    seq = parent.get(key)
    if not has_rows and not isinstance(seq, CommentedSeq):
        return None
    if not isinstance(seq, CommentedSeq):
        seq = CommentedSeq()
        parent[key] = seq
    return seq


def _edited_item(section: str, row: Row, node: Any, old_model: Any, old_dump: Any, applied: Applied) -> tuple:
    """(the node, what it must read as) for a row of an existing item: changed values only; the changes said."""
    title = SECTION_TITLES[section]
    values = dict(row.values)
    if section == "events":
        if values["groups"] == old_model.stated_groups:
            values.pop("groups")  # «group: control» of the first format stays as written
        for name in ("parameters", "shnor"):
            if isinstance(values[name], str) and isinstance(getattr(old_model, name), str):
                values[name] = getattr(old_model, name)  # «все» as the user wrote it
    if (
        section == "monitoring.indicators"
        and isinstance(node, str)
        and not any(v for k, v in values.items() if k != "text" and v not in (None, ""))
    ):
        if values["text"] == node:
            return node, values["text"]
        applied.changes.append(f"~ {title}, строка {row.number}: Показатель: {_shown(node)} → {_shown(values['text'])}")
        return _styled(node, values["text"]), values["text"]
    if isinstance(node, str):  # a plain indicator gets its fields
        applied.changes.append(f"~ {title}, строка {row.number}: показатель записан с единицей и значениями")
        return _new_item(section, values, False), _expected_new(section, values)
    changed = _update_map(node, section, values, old_model)
    for name, before, after in changed:
        applied.changes.append(
            f"~ {title}, строка {row.number} ({_who(section, old_model)}): "
            f"{FIELD_TITLES.get((section, name), name)}: {_shown(before)} → {_shown(after)}"
        )
    item = dict(old_dump) if isinstance(old_dump, dict) else {}
    item.update(values)
    if section == "events" and "groups" in values:
        item["group"] = None
    return node, item


def _raw_items(section: str, roadmap: Any) -> list[Any]:
    if section == "monitoring.indicators":
        return list(roadmap.monitoring.indicators)
    return list(getattr(roadmap, section))


def _restructure(
    seq: Any, nodes: list[Any], kept: list[int], old_count: int, lost: Counter, dump_node: Any = None
) -> None:
    """Make ``seq`` hold ``nodes`` in order: delete, insert, move, keeping comments with their places.

    ``lost`` gathers the comments that go with deleted items (written inside them): the only ones allowed to go.
    """
    from ..yaml_edit import comment_parts, trailing_slot

    if kept != sorted(kept):
        # Rows sorted in the form: the items follow; comments go with the item they were written after.
        while len(seq):
            del seq[len(seq) - 1]
        seq.extend(nodes)
        return
    old_nodes = list(seq)
    for index in sorted(set(range(old_count)) - set(kept), reverse=True):
        node = seq[index]
        before = seq.ca.items.get(index)
        slot = trailing_slot(node)
        trailing = slot[0][slot[1]] if slot is not None else None
        if trailing is not None:
            slot[0][slot[1]] = None
        if dump_node is not None and isinstance(node, (dict, list)):
            lost.update(comment_parts(dump_node(node)))  # its own comments go with it
        del seq[index]
        if before and len(before) > 1 and before[1]:
            # The heading of a group the item opened: the next item opens the group now, unless it opens its own.
            if index < len(seq) and not seq.ca.items.get(index):
                seq.ca.items[index] = before
            else:
                lost.update(comment_parts("".join(t.value for t in before[1] if t is not None)))
        if trailing is not None:
            if index > 0:
                _append_trailing(seq[index - 1], trailing)
            elif len(seq):
                # What followed the first item (the next group's heading) now stands before the new first item.
                lines = [
                    line.strip()[1:].strip() for line in trailing.value.splitlines() if line.strip().startswith("#")
                ]
                if lines:
                    seq.yaml_set_comment_before_after_key(0, before="\n".join(lines), indent=trailing.column)
            else:
                lost.update(comment_parts(trailing.value))
    position = 0
    for node in nodes:
        if any(node is old for old in old_nodes):
            position = next(i for i, x in enumerate(seq) if x is node) + 1
            continue
        seq.insert(position, node)
        if position > 0:
            # The comments after the item before (the next group's heading) now follow the new item.
            slot = trailing_slot(seq[position - 1])
            if slot is not None and slot[0][slot[1]] is not None:
                token = slot[0][slot[1]]
                slot[0][slot[1]] = None
                _append_trailing(node, token)
        position += 1


def _append_trailing(node: Any, token: Any) -> None:
    from ruamel.yaml.comments import CommentedMap

    from ..yaml_edit import trailing_slot

    slot = trailing_slot(node)
    if slot is not None and slot[0][slot[1]] is not None:
        slot[0][slot[1]].value = slot[0][slot[1]].value.rstrip("\n") + "\n" + token.value.lstrip("\n")
        return
    if isinstance(node, CommentedMap) and len(node) and not node.fa.flow_style():
        last = list(node.keys())[-1]
        value = node[last]
        if hasattr(value, "ca") and len(value) and not value.fa.flow_style():
            _append_trailing(value, token) if hasattr(value, "keys") else value.ca.items.__setitem__(
                len(value) - 1, [token, None]
            )
            return
        node.ca.items[last] = [None, None, token, None]


def _update_map(node: Any, section: str, values: dict[str, Any], old_model: Any) -> list[tuple[str, Any, Any]]:
    from ..yaml_edit import trailing_slot

    changed = []
    order = FIELDS[section]
    for name, new in values.items():
        old_value = getattr(old_model, name, None)
        if name == "groups":
            old_value = old_model.stated_groups
        if _same(old_value, new):
            continue
        changed.append((name, old_value, new))
        if name == "groups" and "group" in node:
            position = list(node.keys()).index("group")
            del node["group"]
            node.insert(position, "groups", _list_value(None, new, flow=True))
            continue
        if name in node:
            current = node[name]
            if isinstance(new, list) and isinstance(current, list):
                _edit_list(current, new)
            else:
                node[name] = (
                    _list_value(current, new, flow=name in FLOW_LISTS)
                    if isinstance(new, list)
                    else _styled(current, new)
                )
            continue
        if _empty(new):
            continue
        # A key the item lacks: after the keys that come before it in the model.
        keys = list(node.keys())
        position = 0
        for i, key in enumerate(keys):
            if key in order and order.index(key) < order.index(name):
                position = i + 1
        value = _list_value(None, new, flow=name in FLOW_LISTS) if isinstance(new, list) else _plain(new)
        if position == len(keys) and keys and not node.fa.flow_style():
            slot = trailing_slot(node)
            token = slot[0][slot[1]] if slot else None
            if slot:
                slot[0][slot[1]] = None
            node.insert(position, name, value)
            if token is not None:
                _append_trailing(node, token)
        else:
            node.insert(position, name, value)
    return changed


def _edit_list(current: Any, new: list) -> None:
    """Change a list in place, so that its style and comments stay."""
    while len(current) > len(new):
        del current[len(current) - 1]
    for i, value in enumerate(new):
        if i < len(current):
            if current[i] != value:
                current[i] = value
        else:
            current.append(value)


def _new_item(section: str, values: dict[str, Any], flow: bool) -> Any:
    from ruamel.yaml.comments import CommentedMap

    node = CommentedMap()
    for name in FIELDS[section]:
        value = values.get(name)
        if _empty(value):
            continue
        node[name] = _list_value(None, value, flow=name in FLOW_LISTS) if isinstance(value, list) else _plain(value)
    if flow:
        node.fa.set_flow_style()
    return node


def _expected_new(section: str, values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if not _empty(v)}


def _monitoring_events(data: Any, roadmap: Any, form: FormData, expected: dict, applied: Applied) -> None:
    from ruamel.yaml.comments import CommentedMap

    old = roadmap.monitoring.event_ids
    new = list(dict.fromkeys(form.monitoring))
    if old == new:
        return
    monitoring = data.get("monitoring")
    if not isinstance(monitoring, CommentedMap):
        monitoring = CommentedMap()
        data["monitoring"] = monitoring
    if "event" in monitoring and "events" not in monitoring and len(new) == 1:
        monitoring["event"] = _styled(monitoring["event"], new[0])
        expected["monitoring"]["event"] = new[0]
    else:
        if "event" in monitoring:
            del monitoring["event"]
            expected["monitoring"]["event"] = ""
        if isinstance(monitoring.get("events"), list):
            was_flow = monitoring["events"].fa.flow_style() or not len(monitoring["events"])
            _edit_list(monitoring["events"], new)
            if was_flow:
                monitoring[
                    "events"
                ].fa.set_flow_style()  # «[]» of a scaffold stays a flow list: [monitoring-school-systems]
        else:
            monitoring.insert(0, "events", _list_value(None, new, flow=True))
        expected["monitoring"]["events"] = new
    applied.changes.append(f"~ мониторинг: мероприятия-мониторинги: {', '.join(old) or '—'} → {', '.join(new) or '—'}")


# ---------------------------------------------------------------- values


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value is False


def _same(old: Any, new: Any) -> bool:
    if (
        isinstance(old, (int, float))
        and isinstance(new, (int, float))
        and not isinstance(old, bool)
        and not isinstance(new, bool)
    ):
        return float(old) == float(new)
    if old is None and new == "":
        return True
    return old == new


def _plain(value: Any) -> Any:
    """A new value as the examples write it: whole numbers without «.0», quoted text in double quotes («"%"»)."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    from ..emit.scalars import yaml_scalar

    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and yaml_scalar(value).startswith('"'):
        return DoubleQuotedScalarString(value)
    return value


def _styled(current: Any, new: Any) -> Any:
    """``new`` in the quoting ``current`` was written in."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, ScalarString

    new = _plain(new)
    if isinstance(new, str):
        if isinstance(current, ScalarString) and "\n" not in new:
            return type(current)(new)
        if new == "":
            return DoubleQuotedScalarString("")
    return new


def _list_value(current: Any, values: list, flow: bool) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(values)
    if flow or (isinstance(current, CommentedSeq) and current.fa.flow_style()):
        seq.fa.set_flow_style()
    return seq


def _shown(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "(пусто)"
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value).replace(".", ",")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return f"«{value}»"


def _who(section: str, item: Any, full: bool = False) -> str:
    if section == "schools":
        return f"{item.id} «{item.name}»" if full else item.id
    if section == "audit":
        return item.ref
    if section == "events":
        name = item.name.strip("«»")
        name = f"«{name if len(name) <= 60 else name[:57] + '…'}»"
        return f"{item.id} {name}" if full else (item.id or name)
    if isinstance(item, str):
        return f"«{item[:60]}»"
    return item.id or f"«{item.text[:60]}»"


def _describe(section: str, values: dict[str, Any]) -> str:
    if section == "schools":
        return f"школа {values['id']} «{values['name']}»"
    if section == "audit":
        return f"параметр {values.get('id') or values.get('parameter')}"
    if section == "events":
        return f"мероприятие {values['id']} {_quoted(values['name'])}"
    return f"показатель {values['id']} «{values['text'][:60]}»"


def _quoted(text: str) -> str:
    return text if text.startswith("«") and text.endswith("»") else f"«{text}»"
