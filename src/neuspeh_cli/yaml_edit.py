"""Editing a user's YAML file in place: comments, order, quoting and line ends survive.

``draft`` (events added to a roadmap) and ``report init`` (a report brought up to
date with its roadmap) change files people wrote by hand. ruamel.yaml's round-trip
mode does the editing; this module sets it up like the user's own file, checks
that no comment is lost, and gives the user's line ends back.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from .errors import EditError


@dataclass
class Edit:
    """A file opened for editing: its round-trip data and how to write it back."""

    yaml: Any
    data: Any
    text: str  # the old text, with «\n» line ends
    crlf: bool

    def result(self) -> tuple[str, bool]:
        """The new text (in the file's line ends) and whether ruamel changed the layout of untouched lines.

        Raises ``EditError`` when a comment of the old text would be lost.
        """
        new_text = dump(self.yaml, self.data)
        lost = comment_parts(self.text) - comment_parts(new_text)
        if lost:
            raise EditError(
                f"правка потеряла бы комментарий «{next(iter(lost))}»: файл не изменён; допишите нужное вручную или "
                "сообщите об ошибке"
            )
        return (new_text.replace("\n", "\r\n") if self.crlf else new_text), self.reformatted

    reformatted: bool = False


def open_for_edit(text: str, doc: Any) -> Edit:
    """Load ``text`` (whose positions the safe reader gave in ``doc``) for a round-trip edit. Raises ``EditError``."""
    # Windows editors save CRLF: edit with LF and give the user's line ends back.
    crlf = "\r\n" in text
    text = text.replace("\r\n", "\n")
    yaml = round_trip(text, doc)
    try:
        data = yaml.load(text)
    except Exception as exc:  # ruamel's own errors; the safe reader has already accepted the file
        mark = getattr(exc, "problem_mark", None)
        where = f"{mark.line + 1}:{mark.column + 1}: " if mark else ""
        raise EditError(f"{where}файл не удалось разобрать для правки: {getattr(exc, 'problem', exc)}") from None
    edit = Edit(yaml, data, text, crlf)
    edit.reformatted = dump(yaml, data) != text
    return edit


def round_trip(text: str, doc: Any) -> Any:
    """A round-trip YAML set up with the user's indents, never folding long lines."""
    from ruamel.yaml import YAML
    from ruamel.yaml.util import load_yaml_guess_indent

    _, sequence, offset = load_yaml_guess_indent(text)
    if offset is None:
        # No block sequence yet (a fresh scaffold): the layout of the scaffold and the examples.
        sequence, offset = 4, 2
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 100_000  # never fold the user's long lines
    yaml.indent(mapping=mapping_indent(doc.keys), sequence=sequence, offset=offset)
    return yaml


def mapping_indent(keys: dict) -> int:
    """The indent of nested mapping keys in the user's file (2 in the scaffold)."""
    columns = Counter(pos.column - 1 for path, pos in keys.items() if len(path) == 2 and isinstance(path[1], str))
    return columns.most_common(1)[0][0] if columns else 2


def dump(yaml: Any, data: Any) -> str:
    import io

    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def comment_parts(text: str) -> Counter:
    """Comments of a YAML text, one per line, to check that an edit keeps them all.

    A «#» inside a quoted value may count as a comment here; the check only
    compares before and after, and a value is never changed, so that is harmless.
    """
    parts: Counter = Counter()
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            parts[stripped] += 1
        elif " #" in line:
            parts[line[line.index(" #") + 1 :].strip()] += 1
    return parts


def trailing_slot(node: Any) -> tuple[list, int] | None:
    """The comment slot after the last scalar of ``node``, where ruamel keeps the comments that follow it."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    while True:
        if isinstance(node, CommentedMap) and len(node):
            key = list(node.keys())[-1]
            value = node[key]
            if isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and not value.fa.flow_style():
                node = value
                continue
            slot = node.ca.items.get(key)
            return (slot, 2) if slot and len(slot) > 2 and slot[2] is not None else None
        if isinstance(node, CommentedSeq) and len(node):
            index = len(node) - 1
            value = node[index]
            if isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and not value.fa.flow_style():
                node = value
                continue
            slot = node.ca.items.get(index)
            return (slot, 0) if slot and slot[0] is not None else None
        return None


def split_tail(value: str) -> tuple[str, str]:
    """Split a trailing comment into what belongs to the list and the heading of the next section.

    The next section's heading is the run of blank lines and comments at the
    left margin just before it; indented comments stay with the list.
    """
    first, _, rest = value.partition("\n")
    lines = rest.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    cut = len(lines)
    while cut > 0 and (lines[cut - 1].strip() == "" or lines[cut - 1].startswith("#")):
        cut -= 1
    keep, tail = lines[:cut], lines[cut:]
    kept = first + "\n" + "".join(line + "\n" for line in keep)
    return kept, "".join(line + "\n" for line in tail)


def child(parent: Any, key: str, kind: type) -> Any:
    """``parent[key]``, replaced by an empty ``kind`` (ruamel's map or list) when it is missing or of another type."""
    value = parent.get(key)
    if not isinstance(value, kind):
        value = kind()
        parent[key] = value
    return value


def take_tail(parent: Any, key: Any) -> str:
    """Detach the next section's heading from the comments after ``parent[key]`` and return it.

    ruamel keeps the comments between a value and the next key with the value
    (after its last scalar, at the end of a flow collection, or after «[]»);
    appending to the value would put the heading above the new items.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    node = parent[key]
    if isinstance(node, (CommentedMap, CommentedSeq)):
        end = getattr(node.ca, "end", None)
        if end:
            tail: list[str] = []
            while end and (not end[-1].value.strip() or (end[-1].column == 0 and end[-1].value.startswith("#"))):
                tail.insert(0, end.pop().value)
            return "".join(tail)
        if len(node):
            slot = trailing_slot(node)
            return cut_tail(*slot) if slot else ""
        if node.ca.comment and node.ca.comment[0] is not None:
            return cut_tail(node.ca.comment, 0)
    slot = parent.ca.items.get(key)
    if slot and len(slot) > 2 and slot[2] is not None:
        return cut_tail(slot, 2)
    return ""


def cut_tail(comments: list, position: int) -> str:
    kept, tail = split_tail(comments[position].value)
    if kept == "\n":
        comments[position] = None
    else:
        comments[position].value = kept
    return tail


def comment_token(value: str, column: int = 0) -> Any:
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    return CommentToken(value, CommentMark(column), None)


def flow(values: list[str]) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(values)
    seq.fa.set_flow_style()
    return seq
