"""Safe YAML reading that remembers where every value came from.

We build plain Python values straight from the parser's event stream
(libyaml's C parser when available), with an explicit stack, so that:

* no recursion ever happens: libyaml's own composer recurses in C and a file of
  25,000 nested «[» kills the process; here depth is counted and refused at
  ``MAX_DEPTH`` before anything deep is built;
* only plain data is ever constructed: an explicit tag such as
  ``!!python/object`` is refused, never executed;
* a duplicated key is an error, not a silent last-wins (pyyaml #165);
* aliases cannot blow up: the expanded size is budgeted;
* every key and value keeps its line and column, so a pydantic error's ``loc``
  maps back to ``file:line:column``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import ReadError
from .files import MAX_YAML_BYTES

# Keys, values, lists and mappings of one file: the structural cap of a data file (its bytes are capped
# loosely, ``MAX_YAML_BYTES``). 10,000 events of the sample's wording are about 170,000; refusing a file
# at the cap takes well under a second. Aliases count at their full size, so «*a» cannot multiply a file past it.
MAX_NODES = 300_000
MAX_DEPTH = 64
# One wording whichever refuses the depth first: libyaml's scanner (PyYAML 6.0.4 and later) or the builder below.
DEPTH = "слишком глубокая вложенность: файл отклонён"

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}

Path_ = tuple[Any, ...]


class Position(NamedTuple):
    # A tuple, not a dataclass: one is made for every key and value of every file (a review reads millions).
    line: int
    column: int


@dataclass
class YamlDocument:
    """Plain data read from one file, with the position of every value and key."""

    path: str
    data: Any
    values: dict[Path_, Position] = field(default_factory=dict)
    raw: dict[Path_, str] = field(
        default_factory=dict
    )  # source text of plain scalars YAML read as not text (yes, 044, 1.5)
    text: str = ""  # the decoded text, for tools that edit the file in place (draft, report init)
    bom: bool = False
    keys: dict[Path_, Position] = field(default_factory=dict)

    def locate(self, loc: Path_) -> Position:
        """The most precise known position for a path such as pydantic's ``loc``.

        Elements that are not data keys (pydantic adds union branch names) are
        skipped; for a missing key the position of its parent is returned.
        """
        best: Path_ = ()
        current: Path_ = ()
        for part in loc:
            candidate = current + (part,)
            if candidate in self.values:
                current = best = candidate
        if best in self.keys and isinstance(_get(self.data, best), (dict, list)):
            return self.keys[best]
        return self.values.get(best, Position(1, 1))

    def key_position(self, path: Path_) -> Position:
        return self.keys.get(path) or self.locate(path)


def _get(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data


def read_yaml_file(path: Path | str) -> YamlDocument:
    """Read a YAML file safely. Raises ``ReadError`` with the file's position."""
    from .files import read_bytes

    name = str(path)
    raw = read_bytes(path, MAX_YAML_BYTES)
    doc = read_yaml_text(decode(raw, name), name)
    doc.bom = raw.startswith(b"\xef\xbb\xbf")
    return doc


def decode(raw: bytes, name: str) -> str:
    """UTF-8 text (a BOM is allowed); other encodings get a message saying how to fix them."""
    if len(raw) > MAX_YAML_BYTES:
        raise ReadError(
            name,
            1,
            1,
            f"файл слишком большой (допускается не более {MAX_YAML_BYTES // 2**20} МБ): это не похоже на файл данных",
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\x00" in raw:
        raise ReadError(
            name,
            1,
            1,
            "это двоичный файл, а не текст YAML (или текст в UTF-16): сохраните файл как текст в кодировке UTF-8",
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        if _looks_like_cp1251(raw):
            hint = (
                "файл, по-видимому, в кодировке Windows-1251; сохраните его в UTF-8 (в Блокноте: «Сохранить как» → "
                "«Кодировка: UTF-8»)"
            )
        else:
            hint = "файл не в кодировке UTF-8 (или это не текст); сохраните его как текст в UTF-8"
        raise ReadError(name, line, column, hint) from None


def _looks_like_cp1251(raw: bytes) -> bool:
    try:
        text = raw.decode("cp1251")
    except UnicodeDecodeError:
        return False
    letters = sum(1 for ch in text if "а" <= ch.lower() <= "я" or ch in "ёЁ")
    return letters >= max(3, len(text) // 10)


def read_yaml_text(text: str, name: str) -> YamlDocument:
    """Parse YAML text (one document) into a ``YamlDocument``. Raises ``ReadError``."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    if text.startswith("\ufeff"):
        text = text[1:]
    doc = YamlDocument(path=name, data=None, text=text)
    try:
        _build(doc, loader(text))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        lines = text.splitlines()
        offending = lines[line - 1] if 0 < line <= len(lines) else ""
        if "\t" in offending[: max(column, len(offending) - len(offending.lstrip()))] or "tab" in str(exc.problem):
            raise ReadError(name, line, column, _TAB_MESSAGE) from None
        empty = _empty_list_above(lines, line)
        if empty is not None:
            raise ReadError(
                name,
                line,
                column,
                f"в строке {empty} «{lines[empty - 1].strip()}» объявлен пустой список, а ниже идут его элементы: "
                f"сотрите «[]» в строке {empty}",
            ) from None
        raise ReadError(name, line, column, _explain_syntax_error(exc, lines)) from None
    except yaml.YAMLError as exc:
        from .yaml_messages import GENERAL, explain_reader_error

        if isinstance(exc, yaml.reader.ReaderError):
            raise ReadError(name, *explain_reader_error(exc, text)) from None
        raise ReadError(name, 1, 1, GENERAL) from None
    if doc.data is None and not doc.values:
        raise ReadError(name, 1, 1, "файл пуст: начните с шаблона (`neuspeh audit init ФАЙЛ`)")
    return doc


def _empty_list_above(lines: list[str], line: int) -> int | None:
    """The line of a «key: []» right above the error (comments skipped), if any.

    Scaffolds write «audit: []» with commented items below; uncommenting an
    item without removing «[]» is the most common mistake.
    """
    import re

    for number in range(min(line, len(lines)) - 1, 0, -1):
        text = lines[number - 1].strip()
        if not text or text.startswith("#"):
            continue
        return number if re.fullmatch(r"[\w.-]+:\s*\[\]\s*(#.*)?", text) else None
    return None


_TAB_MESSAGE = "символ табуляции: в YAML отступы делаются только пробелами, замените табуляцию пробелами"


def _explain_syntax_error(exc: Any, lines: list[str]) -> str:
    from .yaml_messages import explain_syntax_error

    return explain_syntax_error(exc, lines)


class TextInt(int):
    """An integer that remembers how it was written («044»): text fields take it as written."""

    raw: str

    def __new__(cls, value: int, raw: str) -> TextInt:
        self = super().__new__(cls, value)
        self.raw = raw
        return self

    def __getnewargs__(self) -> tuple[int, str]:  # copy and pickle keep the source text
        return int(self), self.raw


class TextFloat(float):
    """A number with a point that remembers how it was written («03.2025»)."""

    raw: str

    def __new__(cls, value: float, raw: str) -> TextFloat:
        self = super().__new__(cls, value)
        self.raw = raw
        return self

    def __getnewargs__(self) -> tuple[float, str]:
        return float(self), self.raw


_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
# Plain scalars that YAML's resolver found to be text (bounded: a hostile file cannot grow it past a few hundred KB).
_PLAIN_WORDS: set[str] = set()


def _resolve(value: str) -> str:
    """The tag YAML 1.1 gives a plain scalar: int, float, bool, null, timestamp, merge or str."""
    import yaml

    # Most values are words: YAML's implicit types are keyed by the first character, so one
    # dictionary lookup spares the regular expressions for «Октябрь 2025» and «УО, ТМС».
    if value and value[0] not in _RESOLVER.yaml_implicit_resolvers:
        return _STR
    return _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))


class _LazyResolver:
    def __getattr__(self, name: str) -> Any:
        import yaml

        resolver = yaml.resolver.Resolver()
        globals()["_RESOLVER"] = resolver
        return getattr(resolver, name)


_RESOLVER: Any = _LazyResolver()


_NO_KEY = object()
_MERGE = "tag:yaml.org,2002:merge"


# The one function over complexity 30, on purpose: every event of every file passes through this loop, and
# splitting it into calls per event cost a third of `validate`'s reading time (docs/benchmarks.md).
def _build(doc: YamlDocument, parser: Any) -> None:  # noqa: C901
    """Plain values from the parser's events, one level per stack entry (no recursion).

    Written as one loop over ``parser.get_event`` with the current container in
    local variables: every key and value of every file passes here, and a review
    reads millions of them. Budgets, tags, anchors, repeated keys and positions
    are checked as the events come.
    """
    import yaml

    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    document_start = yaml.DocumentStartEvent
    get_event = parser.get_event
    values, keys, raws = doc.values, doc.keys, doc.raw
    new_position, plain_tags, typed_letters = tuple.__new__, _PLAIN_TAGS, _typed_first_letters()
    value_of, plain_words = _scalar_value, _PLAIN_WORDS
    name = doc.path
    anchors: dict[str, tuple[Any, int]] = {}
    # The stack holds the enclosing containers' state; the innermost one lives in these locals.
    stack: list[tuple] = []
    container: Any = None  # None: at the top, nothing open
    is_map = False
    path: Path_ = ()
    key: Any = _NO_KEY
    size = 0
    anchor: str | None = None
    position: Position = Position(1, 1)
    nodes = 0
    documents = 0

    def fail(mark: Any, message: str) -> ReadError:
        return ReadError(name, mark.line + 1, mark.column + 1, message)

    while True:
        event = get_event()
        kind = type(event)
        if kind is scalar_event:
            nodes += 1
            if nodes > MAX_NODES:
                raise fail(event.start_mark, _TOO_MANY)
            tag = event.tag
            if tag is not None and tag != "!" and tag not in plain_tags:
                raise fail(event.start_mark, _tag_message(tag))
            text = event.value
            if tag is None and event.implicit[0]:
                # A plain scalar whose first letter starts no implicit type is text: no resolver. Nor for a word
                # already resolved as text («name», «form», «no-data»: every key of every event starts so).
                value = text if (text and text[0] not in typed_letters) or text in plain_words else value_of(event)
            elif tag is None or tag == "!":
                value = text  # quoted, or a block scalar: text as written
            else:
                value = value_of(event)
            mark = event.start_mark
            if is_map:
                if key is _NO_KEY:
                    here = new_position(Position, (mark.line + 1, mark.column + 1))
                    if text[:1] == "<" and tag is None and event.implicit[0] and _resolve(text) == _MERGE:
                        raise fail(mark, "слияние «<<:» не поддерживается: перечислите ключи явно")
                    if type(value) is not str:
                        value = _plain_key(value)
                    # A mapping's keys are at its own path, which no other container has: a key already in
                    # ``keys`` there is repeated in this mapping.
                    at = (*path, value)
                    if at in keys:
                        raise fail(mark, _repeated_key(value, keys[at].line))
                    keys[at] = here
                    key = value
                    if event.anchor is not None:
                        anchors[event.anchor] = (value, 1)
                    continue
                where = (*path, key)
                container[key] = value
                key = _NO_KEY
            elif container is not None:
                where = (*path, len(container))
                container.append(value)
            else:
                values[()] = new_position(Position, (mark.line + 1, mark.column + 1))
                doc.data = value
                if event.anchor is not None:
                    anchors[event.anchor] = (value, 1)
                continue
            if value is not None and type(value) is not str:
                raws[where] = text
            if event.anchor is not None:
                anchors[event.anchor] = (value, 1)
            size += 1
            values[where] = new_position(Position, (mark.line + 1, mark.column + 1))
        elif kind is mapping_start or kind is sequence_start:
            mark = event.start_mark
            nodes += 1
            if nodes > MAX_NODES:
                raise fail(mark, _TOO_MANY)
            if is_map and key is _NO_KEY:
                raise fail(mark, _KEY_NOT_TEXT)
            if event.tag is not None and event.tag != "!" and event.tag not in _CONTAINER_TAGS[kind is mapping_start]:
                raise fail(mark, _tag_message(event.tag))
            if len(stack) + (container is not None) >= MAX_DEPTH:  # the open containers, this one's parent included
                raise fail(mark, DEPTH)
            if container is not None:
                stack.append((container, is_map, path, key, size, anchor, position))
                path = (*path, key) if is_map else (*path, len(container))
            container = {} if kind is mapping_start else []
            is_map = kind is mapping_start
            key = _NO_KEY
            size = 1
            anchor = event.anchor
            position = new_position(Position, (mark.line + 1, mark.column + 1))
        elif kind is mapping_end or kind is sequence_end:
            done, done_size, done_path, done_position = container, size, path, position
            if anchor is not None:
                anchors[anchor] = (done, done_size)
            if not stack:
                doc.data = done
                values[()] = done_position
                container, is_map = None, False
                continue
            container, is_map, path, key, size, anchor, position = stack.pop()
            size += done_size
            values[done_path] = done_position
            if is_map:
                container[key] = done
                key = _NO_KEY
            else:
                container.append(done)
        elif kind is alias_event:
            mark = event.start_mark
            if event.anchor not in anchors:
                raise fail(mark, "ссылка *… на несуществующий якорь &…")
            value, value_size = anchors[event.anchor]
            nodes += value_size
            if nodes > MAX_NODES:
                raise fail(mark, _TOO_MANY)
            here = new_position(Position, (mark.line + 1, mark.column + 1))
            if is_map:
                if key is _NO_KEY:
                    raise fail(mark, _KEY_NOT_TEXT)
                values[(*path, key)] = here
                container[key] = value
                key = _NO_KEY
            elif container is not None:
                values[(*path, len(container))] = here
                container.append(value)
            else:
                values[()] = here
                doc.data = value
                continue
            size += value_size
        elif kind is document_start:
            documents += 1
            if documents > 1:
                raise fail(event.start_mark, "в файле несколько документов YAML (---): оставьте один")
        elif event is None:
            return


def _plain_key(value: Any) -> Any:
    """Keys are compared and shown as plain values: 2025 and «2025» as written, never a ``TextInt``."""
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    return value if isinstance(value, str) else str(value)


def _repeated_key(key: Any, first_line: int) -> str:
    return (
        f"ключ «{key}» повторяется (впервые — в строке {first_line}): оставьте один, иначе одно из значений потеряется"
    )


_CONTAINER_TAGS = {True: ("tag:yaml.org,2002:map",), False: ("tag:yaml.org,2002:seq",)}


def _number(n: int) -> str:
    return f"{n:,}".replace(",", "\u00a0")  # 600 000: thousands apart by a no-break space, as Russian writes them


_TOO_MANY = (
    f"слишком много значений: больше {_number(MAX_NODES)} (в дорожной карте из {_number(10_000)} мероприятий "
    f"их около {_number(170_000)}; возможно, ссылки *… размножают данные): файл отклонён"
)
_KEY_NOT_TEXT = "ключом словаря может быть только простой текст"


def _tag_message(tag: str) -> str:
    return (
        f"тег «{tag.replace('tag:yaml.org,2002:', '!!')}» не поддерживается: здесь допустимы только текст, числа, "
        "списки и словари"
    )


def _typed_first_letters() -> Any:
    """First letters of YAML's implicit types (digits, «y», «n», «~»…): a plain scalar starting otherwise is text."""
    return _RESOLVER.yaml_implicit_resolvers


def _scalar_value(event: Any) -> Any:
    """What YAML 1.1 makes of one scalar: text, a number that remembers how it was written, a boolean, null."""
    value = event.value
    tag = event.tag
    if tag is None or tag == "!":
        if tag == "!" or not event.implicit[0]:
            return value  # quoted, or a block scalar: text as written
        tag = _resolve(value)
        if tag in (_STR, _TIMESTAMP) and len(value) <= 64 and len(_PLAIN_WORDS) < 4096:
            _PLAIN_WORDS.add(value)  # the same word is text again: `_build` skips the resolver for it
    if tag == "tag:yaml.org,2002:str" or tag == "tag:yaml.org,2002:timestamp":
        return value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() in ("yes", "true", "on", "y")
    if tag == "tag:yaml.org,2002:int":
        digits = value.replace("_", "")
        for base in (0, 10):
            try:
                return TextInt(int(digits, base), value)
            except ValueError:
                pass
        return value
    if tag == "tag:yaml.org,2002:float":
        try:
            return TextFloat(float(value.replace("_", "")), value)
        except ValueError:
            return value
    return value
