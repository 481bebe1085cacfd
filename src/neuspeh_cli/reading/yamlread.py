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
from .files import MAX_BYTES

MAX_NODES = 200_000
MAX_DEPTH = 64

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
    raw: dict[Path_, str] = field(default_factory=dict)  # source text of plain scalars YAML read as not text (yes, 044, 1.5)
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
    raw = read_bytes(path, MAX_BYTES)
    doc = read_yaml_text(decode(raw, name), name)
    doc.bom = raw.startswith(b"\xef\xbb\xbf")
    return doc


def decode(raw: bytes, name: str) -> str:
    """UTF-8 text (a BOM is allowed); other encodings get a message saying how to fix them."""
    if len(raw) > MAX_BYTES:
        raise ReadError(name, 1, 1, "файл слишком большой: это не похоже на файл данных дорожной карты")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\x00" in raw:
        raise ReadError(name, 1, 1, "это двоичный файл, а не текст YAML (или текст в UTF-16): сохраните файл как текст в кодировке UTF-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        if _looks_like_cp1251(raw):
            hint = "файл, по-видимому, в кодировке Windows-1251; сохраните его в UTF-8 (в Блокноте: «Сохранить как» → «Кодировка: UTF-8»)"
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
        _Builder(doc).build(yaml.parse(text, Loader=loader))
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
                name, line, column, f"в строке {empty} «{lines[empty - 1].strip()}» объявлен пустой список, а ниже идут его элементы: сотрите «[]» в строке {empty}"
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


class _Frame:
    """A mapping or sequence being filled: where it sits, and the key waiting for its value."""

    __slots__ = ("anchor", "container", "first_seen", "key", "path", "position", "size")

    def __init__(self, container: Any, path: Path_, position: Position, anchor: str | None):
        self.container = container
        self.path = path
        self.position = position
        self.anchor = anchor
        self.key: Any = _NO_KEY
        self.first_seen: dict[Any, Position] = {}
        self.size = 1


_NO_KEY = object()


class _Builder:
    """Plain values from parser events, one level per stack frame (no recursion)."""

    def __init__(self, doc: YamlDocument):
        self.doc = doc
        self.nodes = 0
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.stack: list[_Frame] = []
        self.documents = 0

    def fail(self, mark: Any, message: str) -> ReadError:
        return ReadError(self.doc.path, mark.line + 1, mark.column + 1, message)

    def build(self, events: Any) -> None:
        import yaml

        for event in events:
            kind = type(event)
            if kind is yaml.ScalarEvent:
                self.scalar(event)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                self.open(event, {} if kind is yaml.MappingStartEvent else [])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                self.close(event)
            elif kind is yaml.AliasEvent:
                self.alias(event)
            elif kind is yaml.DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    raise self.fail(event.start_mark, "в файле несколько документов YAML (---): оставьте один")

    # -- the place of a new value

    def here(self, mark: Any) -> tuple[Path_, Position]:
        position = Position(mark.line + 1, mark.column + 1)
        if not self.stack:
            return (), position
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            return frame.path + (len(frame.container),), position
        return frame.path + (frame.key,), position

    def count(self, mark: Any, n: int = 1) -> None:
        self.nodes += n
        if self.nodes > MAX_NODES:
            raise self.fail(mark, "слишком много значений (возможно, ссылки *… размножают данные): файл отклонён")

    def check_tag(self, event: Any, allowed: tuple[str, ...]) -> None:
        tag = event.tag
        if tag is None or tag == "!" or tag in allowed:
            return
        raise self.fail(event.start_mark, f"тег «{tag.replace('tag:yaml.org,2002:', '!!')}» не поддерживается: здесь допустимы только текст, числа, списки и словари")

    def store(self, value: Any, path: Path_, position: Position, size: int, anchor: str | None) -> None:
        if anchor is not None:
            self.anchors[anchor] = (value, size)
        if not self.stack:
            self.doc.data = value
            self.doc.values[()] = position
            return
        frame = self.stack[-1]
        frame.size += size
        self.doc.values[path] = position
        if isinstance(frame.container, list):
            frame.container.append(value)
        else:
            frame.container[frame.key] = value
            frame.key = _NO_KEY

    # -- events

    def open(self, event: Any, container: Any) -> None:
        self.count(event.start_mark)
        if self.stack and isinstance(self.stack[-1].container, dict) and self.stack[-1].key is _NO_KEY:
            raise self.fail(event.start_mark, "ключом словаря может быть только простой текст")
        self.check_tag(event, ("tag:yaml.org,2002:map",) if isinstance(container, dict) else ("tag:yaml.org,2002:seq",))
        if len(self.stack) >= MAX_DEPTH:
            raise self.fail(event.start_mark, "слишком глубокая вложенность: файл отклонён")
        path, position = self.here(event.start_mark)
        self.stack.append(_Frame(container, path, position, event.anchor))

    def close(self, event: Any) -> None:
        frame = self.stack.pop()
        self.store(frame.container, frame.path, frame.position, frame.size, frame.anchor)

    def alias(self, event: Any) -> None:
        if event.anchor not in self.anchors:
            raise self.fail(event.start_mark, "ссылка *… на несуществующий якорь &…")
        value, size = self.anchors[event.anchor]
        self.count(event.start_mark, size)
        if self.stack and isinstance(self.stack[-1].container, dict) and self.stack[-1].key is _NO_KEY:
            raise self.fail(event.start_mark, "ключом словаря может быть только простой текст")
        path, position = self.here(event.start_mark)
        self.store(value, path, position, size, None)

    def scalar(self, event: Any) -> None:
        # The most frequent event by far (every key and every value): written out in full, not through
        # ``count``/``here``/``store``, which matters when a review reads thousands of files.
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self.count(event.start_mark, 0)
        tag = event.tag
        if tag is not None and tag != "!" and tag not in _PLAIN_TAGS:
            self.check_tag(event, _PLAIN_TAGS)
        stack = self.stack
        if not stack:
            path, position = self.here(event.start_mark)
            self.store(self.value(event), path, position, 1, event.anchor)
            return
        frame = stack[-1]
        container = frame.container
        if type(container) is dict:
            if frame.key is _NO_KEY:
                self.key(event, frame)
                return
            path = (*frame.path, frame.key)
        else:
            path = (*frame.path, len(container))
        mark = event.start_mark
        value = self.value(event)
        if value is not None and type(value) is not str:
            self.doc.raw[path] = event.value
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1)
        frame.size += 1
        self.doc.values[path] = Position(mark.line + 1, mark.column + 1)
        if type(container) is dict:
            container[frame.key] = value
            frame.key = _NO_KEY
        else:
            container.append(value)

    def key(self, event: Any, frame: _Frame) -> None:
        position = Position(event.start_mark.line + 1, event.start_mark.column + 1)
        if event.value[:1] == "<" and event.tag is None and event.implicit[0] and _resolve(event.value) == "tag:yaml.org,2002:merge":
            raise self.fail(event.start_mark, "слияние «<<:» не поддерживается: перечислите ключи явно")
        key = self.value(event)
        # Keys are compared and shown as plain values: 2025 and «2025» as written, never a TextInt.
        if type(key) is not str:
            key = int(key) if isinstance(key, int) and not isinstance(key, bool) else key if isinstance(key, str) else str(key)
        if key in frame.first_seen:
            first = frame.first_seen[key]
            raise self.fail(event.start_mark, f"ключ «{key}» повторяется (впервые — в строке {first.line}): оставьте один, иначе одно из значений потеряется")
        frame.first_seen[key] = position
        self.doc.keys[frame.path + (key,)] = position
        frame.key = key
        if event.anchor is not None:
            self.anchors[event.anchor] = (key, 1)

    @staticmethod
    def value(event: Any) -> Any:
        value = event.value
        tag = event.tag
        if tag is None or tag == "!":
            if tag == "!" or not event.implicit[0]:
                return value  # quoted, or a block scalar: text as written
            tag = _resolve(value)
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
