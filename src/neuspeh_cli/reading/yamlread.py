"""Safe YAML reading that remembers where every value came from.

We compose the YAML node graph ourselves (libyaml's composer when available)
and build plain Python values from it, so that:

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
from typing import Any

from ..errors import ReadError, os_reason

MAX_BYTES = 2 * 1024 * 1024
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


@dataclass(frozen=True)
class Position:
    line: int
    column: int


@dataclass
class YamlDocument:
    """Plain data read from one file, with the position of every value and key."""

    path: str
    data: Any
    values: dict[Path_, Position] = field(default_factory=dict)
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
    path = Path(path)
    name = str(path)
    try:
        if path.is_dir():
            raise ReadError(name, 1, 1, "это папка, а не файл YAML")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(name, 1, 1, f"файл слишком большой ({size // 1024} КБ, допускается не более {MAX_BYTES // 1024} КБ): это не похоже на файл данных дорожной карты")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ReadError(name, 1, 1, "файл не найден: проверьте путь") from None
    except OSError as exc:
        raise ReadError(name, 1, 1, f"файл не читается: {os_reason(exc)}") from None
    return read_yaml_text(decode(raw, name), name)


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
    try:
        root = yaml.compose(text, Loader=loader)
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
    except RecursionError:
        raise ReadError(name, 1, 1, "слишком глубокая вложенность: это не похоже на файл данных дорожной карты") from None
    if root is None:
        raise ReadError(name, 1, 1, "файл пуст: начните с шаблона (`neuspeh audit init ФАЙЛ`)")
    doc = YamlDocument(path=name, data=None)
    builder = _Builder(doc)
    doc.data = builder.build(root, (), 0)
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


class _Builder:
    def __init__(self, doc: YamlDocument):
        self.doc = doc
        self.nodes = 0

    def build(self, node: Any, path: Path_, depth: int) -> Any:
        import yaml

        self.nodes += 1
        mark = node.start_mark
        where = Position(mark.line + 1, mark.column + 1)
        if self.nodes > MAX_NODES:
            raise ReadError(self.doc.path, where.line, where.column, "слишком много значений (возможно, ссылки *… размножают данные): файл отклонён")
        if depth > MAX_DEPTH:
            raise ReadError(self.doc.path, where.line, where.column, "слишком глубокая вложенность: файл отклонён")
        if node.tag not in _PLAIN_TAGS:
            raise ReadError(
                self.doc.path,
                where.line,
                where.column,
                f"тег «{node.tag.replace('tag:yaml.org,2002:', '!!')}» не поддерживается: здесь допустимы только текст, числа, списки и словари",
            )
        self.doc.values[path] = where
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            first_seen: dict[Any, Position] = {}
            for key_node, value_node in node.value:
                kmark = key_node.start_mark
                kpos = Position(kmark.line + 1, kmark.column + 1)
                if not isinstance(key_node, yaml.ScalarNode):
                    raise ReadError(self.doc.path, kpos.line, kpos.column, "ключом словаря может быть только простой текст")
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise ReadError(self.doc.path, kpos.line, kpos.column, "слияние «<<:» не поддерживается: перечислите ключи явно")
                key = self.scalar(key_node)
                key = key if isinstance(key, (str, int)) else str(key)
                if key in result:
                    first = first_seen[key]
                    raise ReadError(
                        self.doc.path, kpos.line, kpos.column, f"ключ «{key}» повторяется (впервые — в строке {first.line}): оставьте один, иначе одно из значений потеряется"
                    )
                first_seen[key] = kpos
                self.doc.keys[path + (key,)] = kpos
                result[key] = self.build(value_node, path + (key,), depth + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self.scalar(node)

    @staticmethod
    def scalar(node: Any) -> Any:
        value = node.value
        tag = node.tag
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
                    return int(digits, base)
                except ValueError:
                    pass
            return value
        if tag == "tag:yaml.org,2002:float":
            try:
                return float(value.replace("_", ""))
            except ValueError:
                return value
        return value
