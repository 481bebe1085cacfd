"""YAML parsers on the regional corpus, each giving the data and the line/column of every value.

What we need from a parser: plain data (dict/list/str/int/float/bool/None) and
the position of every key and value, so that a message can point at
file:line:column. Each candidate below builds the same thing: the data and a
dict path → position (like ``YamlDocument.values``). Figures are CPU seconds
on one core (``time.process_time``), over the files of the corpus that parse
(a file our reader refuses — broken, non-UTF-8, a repeated key — is skipped for every parser alike).

    python tools/make_region.py /tmp/corpus --preset benchmark --jobs 2 --force
    python benchmarks/bench_yaml_parsers.py /tmp/corpus [--sample 250]

Candidates:
  pyyaml-compose   yaml.compose(CSafeLoader) and a walk over the nodes (what reading/yamlread.py does, minus its checks)
  pyyaml-events    yaml.parse(CSafeLoader): events with marks, folded into data with a small stack machine (no node
                   objects); plain scalars whose first letter starts no implicit type skip PyYAML's regex resolver
  pyyaml-events-checked  the same, with what our reader must also do: key positions, repeated keys refused,
                   explicit tags refused, anchors and aliases, depth and size budgets
  ruamel-rt        ruamel.yaml round-trip loader; positions from .lc (pure Python: measured on a sample)
  rapidyaml        ryml.parse_in_place, tree walk; positions as byte offsets of each scalar in the buffer
                   (line/column computed only for the values a message needs)
  yaml-rs          yaml_rs.loads: data only, no positions (the lower bound of a Rust parser)
  yamlread         neuspeh_cli.reading.yamlread.read_yaml_text: our current reader (events, with all its checks:
                   duplicate keys, tags, alias budget, depth, key positions, numbers kept as written)
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import sys
import time
from bisect import bisect_right
from pathlib import Path

# ---------------------------------------------------------------- PyYAML compose


def pyyaml_compose(text: str):
    import yaml

    root = yaml.compose(text, Loader=yaml.CSafeLoader)
    values: dict = {}

    def build(node, path):
        mark = node.start_mark
        values[path] = (mark.line + 1, mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            out = {}
            for key_node, value_node in node.value:
                key = key_node.value
                out[key] = build(value_node, path + (key,))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [build(item, path + (i,)) for i, item in enumerate(node.value)]
        return _scalar(node.tag, node.value)

    return build(root, ()), values


_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"


def _scalar(tag, value):
    if tag == _INT:
        try:
            return int(value.replace("_", ""), 0)
        except ValueError:
            return value
    if tag == _FLOAT:
        try:
            return float(value)
        except ValueError:
            return value
    if tag == _BOOL:
        return value.lower() in ("yes", "true", "on", "y")
    if tag == _NULL:
        return None
    return value


# ---------------------------------------------------------------- PyYAML events


def pyyaml_events(text: str):
    """Events carry no resolved tag for plain scalars: resolve as the safe loader would."""
    import yaml
    from yaml.resolver import Resolver

    resolver = Resolver()
    resolve = resolver.resolve
    first_chars = frozenset(k for k in Resolver.yaml_implicit_resolvers if k)
    values: dict = {}
    stack: list = []  # [container, path, pending_key]
    root = None
    ScalarEvent, MappingStartEvent, SequenceStartEvent = (
        yaml.ScalarEvent,
        yaml.MappingStartEvent,
        yaml.SequenceStartEvent,
    )
    MappingEndEvent, SequenceEndEvent = yaml.MappingEndEvent, yaml.SequenceEndEvent
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        cls = type(event)
        if cls is ScalarEvent:
            if stack:
                frame = stack[-1]
                container = frame[0]
                if type(container) is dict and frame[2] is None:
                    frame[2] = event.value
                    continue
                key = frame[2] if type(container) is dict else len(container)
                path = frame[1] + (key,)
            else:
                path = ()
            value = event.value
            if event.tag == "!" or (event.tag is None and not event.implicit[0]):
                tag = "tag:yaml.org,2002:str"  # quoted or block scalar: text as written
            elif event.tag is None and value and value[0] not in first_chars:
                tag = "tag:yaml.org,2002:str"  # no implicit type starts with this letter: skip the regexes
            else:
                tag = event.tag or resolve(yaml.ScalarNode, value, event.implicit)
            value = _scalar(tag, event.value)
            mark = event.start_mark
            values[path] = (mark.line + 1, mark.column + 1)
            if not stack:
                root = value
            elif type(container) is dict:
                container[frame[2]] = value
                frame[2] = None
            else:
                container.append(value)
        elif cls is MappingStartEvent or cls is SequenceStartEvent:
            new = {} if cls is MappingStartEvent else []
            if stack:
                frame = stack[-1]
                parent = frame[0]
                key = frame[2] if type(parent) is dict else len(parent)
                path = frame[1] + (key,)
                if type(parent) is dict:
                    parent[key] = new
                    frame[2] = None
                else:
                    parent.append(new)
            else:
                path = ()
                root = new
            mark = event.start_mark
            values[path] = (mark.line + 1, mark.column + 1)
            stack.append([new, path, None])
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            stack.pop()
    return root, values


def pyyaml_events_checked(text: str):
    """pyyaml-events plus what our reader must also do: key positions, repeated keys, tags, anchors, budgets."""
    import yaml
    from yaml.resolver import Resolver

    resolve = Resolver().resolve
    first_chars = frozenset(k for k in Resolver.yaml_implicit_resolvers if k)
    plain = {
        None,
        "!",
        "tag:yaml.org,2002:str",
        "tag:yaml.org,2002:int",
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null",
    }
    values: dict = {}
    keys: dict = {}
    anchors: dict = {}
    stack: list = []  # [container, path, pending_key, seen_keys]
    root = None
    nodes = 0
    ScalarEvent, MappingStartEvent, SequenceStartEvent, AliasEvent = (
        yaml.ScalarEvent,
        yaml.MappingStartEvent,
        yaml.SequenceStartEvent,
        yaml.AliasEvent,
    )
    MappingEndEvent, SequenceEndEvent = yaml.MappingEndEvent, yaml.SequenceEndEvent
    no_key = object()

    def place(value, mark):
        nonlocal root
        if not stack:
            values[()] = (mark.line + 1, mark.column + 1)
            root = value
            return ()
        frame = stack[-1]
        container = frame[0]
        if type(container) is dict:
            path = frame[1] + (frame[2],)
            container[frame[2]] = value
            frame[2] = no_key
        else:
            path = frame[1] + (len(container),)
            container.append(value)
        values[path] = (mark.line + 1, mark.column + 1)
        return path

    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        cls = type(event)
        if cls is ScalarEvent:
            nodes += 1
            if event.tag not in plain:
                raise ValueError(f"tag {event.tag}")
            value = event.value
            if (
                event.tag == "!"
                or (event.tag is None and not event.implicit[0])
                or (event.tag is None and value and value[0] not in first_chars)
            ):
                tag = "tag:yaml.org,2002:str"
            else:
                tag = event.tag or resolve(yaml.ScalarNode, value, event.implicit)
            value = _scalar(tag, value)
            if stack and type(stack[-1][0]) is dict and stack[-1][2] is no_key:
                frame = stack[-1]
                if value in frame[3]:
                    raise ValueError(f"repeated key {value}")
                frame[3].add(value)
                keys[frame[1] + (value,)] = (event.start_mark.line + 1, event.start_mark.column + 1)
                frame[2] = value
                continue
            place(value, event.start_mark)
            if event.anchor:
                anchors[event.anchor] = value
        elif cls is MappingStartEvent or cls is SequenceStartEvent:
            nodes += 1
            if len(stack) > 64 or nodes > 200_000:
                raise ValueError("too deep or too big")
            new = {} if cls is MappingStartEvent else []
            path = place(new, event.start_mark)
            if event.anchor:
                anchors[event.anchor] = new
            stack.append([new, path, no_key, set()])
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            stack.pop()
        elif cls is AliasEvent:
            place(anchors[event.anchor], event.start_mark)
    return root, (values, keys)


# ---------------------------------------------------------------- ruamel


def ruamel_rt(text: str):
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    data = YAML(typ="rt", pure=True).load(text)
    values: dict = {}

    def walk(node, path):
        if isinstance(node, CommentedMap):
            for key in node:
                line, col = node.lc.value(key) if hasattr(node.lc, "value") else node.lc.key(key)
                values[path + (key,)] = (line + 1, col + 1)
                walk(node[key], path + (key,))
        elif isinstance(node, CommentedSeq):
            for i, item in enumerate(node):
                line, col = node.lc.item(i)
                values[path + (i,)] = (line + 1, col + 1)
                walk(item, path + (i,))

    walk(data, ())
    return data, values


# ---------------------------------------------------------------- rapidyaml


class _PyBuffer(ctypes.Structure):
    _fields_ = [
        ("buf", ctypes.c_void_p),
        ("obj", ctypes.py_object),
        ("len", ctypes.c_ssize_t),
        ("itemsize", ctypes.c_ssize_t),
        ("readonly", ctypes.c_int),
        ("ndim", ctypes.c_int),
        ("format", ctypes.c_char_p),
        ("shape", ctypes.c_void_p),
        ("strides", ctypes.c_void_p),
        ("suboffsets", ctypes.c_void_p),
        ("internal", ctypes.c_void_p),
    ]


_get_buffer = ctypes.pythonapi.PyObject_GetBuffer
_release_buffer = ctypes.pythonapi.PyBuffer_Release


def _address(view) -> int:
    buffer = _PyBuffer()
    _get_buffer(ctypes.py_object(view), ctypes.byref(buffer), 0)
    address = buffer.buf
    _release_buffer(ctypes.byref(buffer))
    return address


class OffsetPositions:
    """Byte offsets of values; line and column worked out only when asked."""

    def __init__(self, raw: bytes):
        self.raw = raw
        self.offsets: dict = {}
        self._lines: list[int] | None = None

    def position(self, path) -> tuple[int, int]:
        if self._lines is None:
            starts, at = [0], self.raw.find(b"\n")
            while at != -1:
                starts.append(at + 1)
                at = self.raw.find(b"\n", at + 1)
            self._lines = starts
        offset = self.offsets[path]
        line = bisect_right(self._lines, offset)
        start = self._lines[line - 1]
        return line, len(self.raw[start:offset].decode("utf-8", "replace")) + 1


def rapidyaml(text: str, raw: bytes):
    import ryml

    buf = bytearray(raw)
    tree = ryml.parse_in_place(buf)
    base = _address(buf)
    positions = OffsetPositions(raw)
    offsets = positions.offsets
    t_key, t_val, is_map, is_seq = tree.key, tree.val, tree.is_map, tree.is_seq
    first_child, next_sibling, val_is_null, is_val_quoted = (
        tree.first_child,
        tree.next_sibling,
        tree.val_is_null,
        tree.is_val_quoted,
    )
    NONE = ryml.NONE

    def scalar(node):
        text = bytes(t_val(node)).decode("utf-8")
        if is_val_quoted(node):
            return text
        if val_is_null(node):
            return None
        return _plain(text)

    def build(node, path, key_offset):
        # A container is placed at its first key or item; an empty value at its key.
        if is_map(node):
            out = {}
            child = first_child(node)
            while child != NONE:
                key_view = t_key(child)
                key = bytes(key_view).decode("utf-8")
                out[key] = build(child, path + (key,), _address(key_view) - base)
                child = next_sibling(child)
            first = next(iter(out), None)
            offsets[path] = offsets[path + (first,)] if first is not None else key_offset or 0
            return out
        if is_seq(node):
            out = []
            child = first_child(node)
            while child != NONE:
                out.append(build(child, path + (len(out),), key_offset))
                child = next_sibling(child)
            offsets[path] = offsets[path + (0,)] if out else key_offset or 0
            return out
        view = t_val(node)
        if view is None or not len(view):
            offsets[path] = key_offset or 0
            return None if view is None or not is_val_quoted(node) else ""
        offsets[path] = _address(view) - base
        return scalar(node)

    data = build(tree.root_id(), (), None)
    return data, positions


def _plain(text: str):
    """YAML 1.2 core schema for a plain scalar (ryml leaves typing to us)."""
    if not text:
        return None
    c = text[0]
    if c.isdigit() or c in "+-.":
        try:
            return int(text, 0) if not text.startswith("0") or len(text) == 1 or text[1] in "xXoObB" else int(text, 10)
        except ValueError:
            try:
                return float(text)
            except ValueError:
                return text
    low = text.lower()
    if low in ("true", "false"):
        return low == "true"
    if low in ("null", "~"):
        return None
    return text


# ---------------------------------------------------------------- others


def yaml_rs(text: str):
    import yaml_rs

    return yaml_rs.loads(text, parse_datetime=False), None


def yamlread(text: str):
    from neuspeh_cli.reading.yamlread import read_yaml_text

    doc = read_yaml_text(text, "x.yaml")
    return doc.data, doc.values


CANDIDATES = {
    "pyyaml-compose": lambda text, raw: pyyaml_compose(text),
    "pyyaml-events": lambda text, raw: pyyaml_events(text),
    "pyyaml-events-checked": lambda text, raw: pyyaml_events_checked(text),
    "ruamel-rt": lambda text, raw: ruamel_rt(text),
    "rapidyaml": rapidyaml,
    "yaml-rs": lambda text, raw: yaml_rs(text),
    "yamlread": lambda text, raw: yamlread(text),
}
SLOW = {"ruamel-rt"}


def load_corpus(folder: Path) -> list[tuple[str, str, bytes]]:
    from neuspeh_cli.errors import ReadError

    files = []
    for path in sorted(folder.rglob("*.yaml")):
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
            yamlread(text)
        except (UnicodeDecodeError, ReadError):
            continue
        files.append((str(path), text, raw))
    return files


def installed(name: str) -> bool:
    """Whether a candidate's parser is installed (rapidyaml, yaml-rs and ruamel are not the project's dependencies)."""
    module = {"rapidyaml": "ryml", "yaml-rs": "yaml_rs", "ruamel-rt": "ruamel.yaml"}.get(name)
    if module is None:
        return True
    import importlib.util

    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def check_agreement(files) -> None:
    """Every candidate must produce the same data as our reader (yaml-rs may type a few scalars differently)."""
    for name, text, raw in files[:50]:
        reference, _ = yamlread(text)
        for candidate in ("pyyaml-compose", "pyyaml-events", "pyyaml-events-checked", "rapidyaml"):
            if not installed(candidate):
                continue
            data, _ = CANDIDATES[candidate](text, raw)
            if data != reference:
                raise SystemExit(f"{candidate} disagrees with yamlread on {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--sample", type=int, default=250, help="files for the slow candidates (ruamel)")
    parser.add_argument("--only", nargs="*", help="candidates to run")
    args = parser.parse_args()
    files = load_corpus(args.corpus)
    megabytes = sum(len(raw) for _, _, raw in files) / 1e6
    print(f"{len(files)} files, {megabytes:.1f} MB (files that parse and are UTF-8)")
    check_agreement(files)
    names = args.only or list(CANDIDATES)
    print(f"{'parser':<22} {'files':>6} {'CPU s':>8} {'MB/s':>7} {'2500 files, s':>14}  positions")
    for name in names:
        if not installed(name):
            print(f"{name:<22} not installed")
            continue
        subset = files[: args.sample] if name in SLOW else files
        size = sum(len(raw) for _, _, raw in subset) / 1e6
        function = CANDIDATES[name]
        gc.collect()
        start = time.process_time()
        for _, text, raw in subset:
            function(text, raw)
        seconds = time.process_time() - start
        whole = seconds / len(subset) * 2500
        positions = "no" if name == "yaml-rs" else "on demand" if name == "rapidyaml" else "yes"
        print(f"{name:<22} {len(subset):>6} {seconds:>8.2f} {size / seconds:>7.1f} {whole:>14.1f}  {positions}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
