"""JSON Schema of the data files, for editors (yaml-language-server)."""

from __future__ import annotations

import json


def schema(kind: str = "roadmap") -> dict:
    """The JSON Schema of a kind of data file (see ``kinds.KINDS``), with Russian descriptions only."""
    from .kinds import KINDS

    entry = KINDS[kind]
    data = _russian_only(entry.model_class().model_json_schema())
    data["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    data["title"] = f"neuspeh: {entry.title}"
    return data


# Editors show a schema's descriptions to the methodologist: a class docstring
# written for developers (in English) is replaced here or dropped.
_DESCRIPTIONS = {
    "Finding": "Параметр, выявленный входным аудитом: параметр каталога, его уточнённая формулировка или собственный параметр.",
}


def _russian_only(node, name: str = ""):
    """Drop pydantic's titles (English field names) and descriptions without Cyrillic."""
    import re

    if isinstance(node, list):
        return [_russian_only(item) for item in node]
    if not isinstance(node, dict):
        return node
    result = {}
    for key, value in node.items():
        if key == "title" and isinstance(value, str):
            continue
        if key == "description" and isinstance(value, str) and not re.search("[А-Яа-яЁё]", value):
            if name in _DESCRIPTIONS:
                result[key] = _DESCRIPTIONS[name]
            continue
        if key in ("properties", "$defs") and isinstance(value, dict):
            # Keys here are field and model names, not schema keywords (Finding has a field «title»).
            result[key] = {k: _russian_only(v, k) for k, v in value.items()}
        else:
            result[key] = _russian_only(value)
    return result


def schema_text(kind: str = "roadmap") -> str:
    return json.dumps(schema(kind), ensure_ascii=False, indent=2) + "\n"


def write_schema_beside(data_file, kind: str, written: list, kept: list) -> None:
    """Put ``<kind>.schema.json`` next to a new data file, keeping one that is already there."""
    from pathlib import Path

    from .outputs import write_atomic

    schema_path = Path(data_file).parent / f"{kind}.schema.json"
    if schema_path.exists():
        kept.append(schema_path)
    else:
        write_atomic(schema_path, schema_text(kind))
        written.append(schema_path)


def schema_summary_lines(written: list, kept: list, kind: str) -> list[str]:
    """What a scaffold did with the schema file, for the terminal."""
    option = "" if kind == "roadmap" else f" --kind {kind}"
    lines = [f"Создан {path}: JSON Schema для подсказок и проверки ключей в редакторе." for path in written]
    lines += [f"{path} уже есть и оставлен как есть (обновить: neuspeh schema{option} > {path})." for path in kept]
    return lines
