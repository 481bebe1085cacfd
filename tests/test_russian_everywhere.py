"""No English reaches the user: every ``--help`` and the messages of every error path we can provoke.

A message may contain Latin letters only where the user must type or recognise
them exactly. The allow-list, and why each entry is there:

* text inside «ёлочки», '…' or `…`: a value the user wrote, a key, a command to
  type (`neuspeh validate ФАЙЛ`) — it is shown as written, whatever its alphabet;
* a rule id in square brackets at the end of a line (``[event-incomplete]``):
  the id a user greps for and a CI filters on;
* paths and file names (anything with «/», «\\» or a file extension, a bare
  extension such as «.docx», README), the test's own temporary paths, and what
  the test typed at a prompt (the terminal echoes it);
* commands (``validate``, ``init repo``), options (``--format``, ``-y``) and
  their values (text, json, github, auto…), which are typed as shown;
* identifiers: words joined by «.», «_» or «-», or with digits
  (``staffing.teacher-shortage``, ``sosh1``, ``name[;shnor]``), and Unicode
  code points (``U+0007``) naming a character the user must find;
* YAML keys and the words of the data format (``kind``, ``schools``, ``roadmap``,
  ``true``), taken from the models themselves, so the list stays true;
* names of formats, standards and products that have no Russian name and are
  written in Latin in Russian texts too (YAML, JSON, CSV, PDF, UTF-8, Word,
  LibreOffice, GitHub Actions…), and Roman numerals.

Anything else in Latin letters is a leak and fails the test with its line.
"""

from __future__ import annotations

import re
import typing
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import DATA, EXAMPLES, minimal

NAMES = {
    # formats and encodings
    "YAML", "JSON", "CSV", "PDF", "URL", "UTF", "HTML", "XML", "OOXML", "CI", "ID", "SWOT",
    # products and services the user has in front of them
    "Word", "Microsoft", "Excel", "LibreOffice", "Windows", "GitHub", "GitLab", "Actions", "Schema", "Python", "pip", "pipx", "neuspeh",  # noqa: E501
    # a key as labelled on the keyboard (to stop `build --watch`)
    "Ctrl",
    # file names the tool writes
    "README",
}  # fmt: skip
OPTION_VALUES = {
    "text",
    "json",
    "github",
    "auto",
    "word",
    "libreoffice",
    "roadmap",
    "programme",
    "none",
    "xlsx",
    "html",
    "docx",
    "pdf",
}  # the last four: `review --format`
YAML_WORDS = {"true", "false", "null", "yes", "no"}


def _model_keys() -> set[str]:
    """Every field name of the data models (and their nested models): the YAML keys a message may name."""
    from neuspeh_cli.domain.base import Model as BaseModel
    from neuspeh_cli.domain.programme import Programme
    from neuspeh_cli.domain.roadmap import Roadmap

    keys: set[str] = set()
    seen: set[type] = set()

    def walk(annotation) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation in seen:
                return
            seen.add(annotation)
            for name, field in annotation.model_fields.items():
                keys.add(name)
                keys.add(field.alias or name)
                walk(field.annotation)
        for arg in typing.get_args(annotation):
            walk(arg)
        if typing.get_origin(annotation) is typing.Literal:
            keys.update(str(a) for a in typing.get_args(annotation))

    walk(Roadmap)
    walk(Programme)
    return keys


def _command_names() -> set[str]:
    from typer.main import get_command

    from neuspeh_cli.cli import app

    names: set[str] = set()

    def walk(command) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            names.add(name)
            walk(sub)

    walk(get_command(app))
    return names


ALLOWED = NAMES | OPTION_VALUES | YAML_WORDS | _model_keys() | _command_names() | {"kind"}

_QUOTED = re.compile(r"«[^«»\n]*(?:«[^«»\n]*»[^«»\n]*)*»|`[^`\n]*`|'[^'\n]{0,80}'|\"[^\"\n]{0,80}\"")
_RULE_ID = re.compile(r"\[[a-z0-9-]+\]\s*$", re.M)
_PATHLIKE = re.compile(
    r"\S*[/\\]\S*|\S*\.(?:yaml|yml|docx|doc|odt|rtf|xlsx|xls|ods|pdf|json|csv|txt|whl|xml|md|html)\b|\bU\+[0-9A-F]{4,6}\b",
    re.I,
)
_OPTION = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*")
_IDENTIFIER = re.compile(r"\b[A-Za-z][A-Za-z0-9]*(?:[._\-\[\];|][A-Za-z0-9\[\];|]+)+|\b[A-Za-z]+\d+[A-Za-z\d]*\b")
_ROMAN = re.compile(r"^[IVXLC]+$")
_LATIN = re.compile(r"[A-Za-z]+")


def latin_leaks(output: str, *known: object) -> list[str]:
    """Latin words left after removing everything the allow-list permits, each with its line."""
    leaks = []
    for raw in output.splitlines():
        line = raw
        for text in known:
            line = line.replace(str(text), " ")
        line = _QUOTED.sub(" ", line)
        line = _RULE_ID.sub(" ", line)
        line = _PATHLIKE.sub(" ", line)
        line = _OPTION.sub(" ", line)
        line = _IDENTIFIER.sub(" ", line)
        for word in _LATIN.findall(line):
            if word not in ALLOWED and word.lower() not in ALLOWED and not _ROMAN.match(word):
                leaks.append(f"{word!r} in: {raw.strip()}")
    return leaks


_DOUBLED = re.compile(r"(?<![\w-])([а-яё]{2,}) \1(?![\w-])", re.IGNORECASE)


def doubled_words(output: str) -> list[str]:
    """A word printed twice in a row («ошибка ошибка синтаксиса»): a message glued to a prefix that says the same."""
    return [f"{m.group(0)!r} in: {line.strip()}" for line in output.splitlines() for m in _DOUBLED.finditer(line)]


def message_faults(output: str, *known: object) -> list[str]:
    """Everything a user should not read: English left over and doubled words."""
    return latin_leaks(output, *known) + doubled_words(output)


def test_the_scanner_catches_doubled_words():
    assert doubled_words("f.yaml:1:1: ошибка ошибка синтаксиса YAML") == [
        "'ошибка ошибка' in: f.yaml:1:1: ошибка ошибка синтаксиса YAML"
    ]
    assert doubled_words("ошибка нарушен синтаксис; № 5, 5; по-по") == []


def test_the_scanner_catches_english():
    assert latin_leaks("Ошибка: Field required") == [
        "'Field' in: Ошибка: Field required",
        "'required' in: Ошибка: Field required",
    ]
    assert latin_leaks("-y, --year INTEGER RANGE  Год. [2000<=x<=2100]")
    assert latin_leaks("шаблон: 'appendix' is undefined") != []
    assert latin_leaks("это не документ Word (.docx): File is not a zip file")
    allowed = (
        "f.yaml:3:5: ошибка неизвестный ключ «schооls»: может быть, «schools»? [schema]\nукажите kind: roadmap; "
        "`neuspeh validate ФАЙЛ`; staffing.teacher-shortage; --format json; UTF-8; IV квартал"
    )
    assert latin_leaks(allowed) == []


# ---------------------------------------------------------------- help of every command


def _command_paths() -> list[tuple[str, ...]]:
    from typer.main import get_command

    from neuspeh_cli.cli import app

    paths: list[tuple[str, ...]] = [()]

    def walk(command, prefix: tuple[str, ...]) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            paths.append(prefix + (name,))
            walk(sub, prefix + (name,))

    walk(get_command(app), ())
    return paths


@pytest.mark.parametrize("path", _command_paths(), ids=lambda p: " ".join(p) or "neuspeh")
def test_help_is_russian(cli, path):
    result = cli(*path, "--help")
    assert result.exit_code == 0, result.output
    assert message_faults(result.output) == [], result.output


def test_every_command_was_seen():
    assert len(_command_paths()) >= 14


# ---------------------------------------------------------------- unreadable YAML

BAD_YAML = sorted((DATA / "russian" / "yaml").glob("*.yaml"))


@pytest.mark.parametrize("path", BAD_YAML, ids=lambda p: p.stem)
def test_bad_yaml_is_told_in_russian(cli, path):
    result = cli("validate", path)
    assert result.exit_code in (1, 2), result.output
    assert "Traceback" not in result.output
    assert message_faults(result.output, path) == [], result.output


def test_bad_yaml_battery_is_large():
    assert len(BAD_YAML) >= 40


# ---------------------------------------------------------------- schema errors


def _set(path: tuple, value):
    def change(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _delete(path: tuple):
    def change(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return change


SCHEMA_CASES = {
    "missing": _delete(("document", "municipality")),
    "extra_forbidden": _set(("schooIs",), []),
    "extra_forbidden_nested": _set(("document", "yaer"), 2025),
    "string_type": _set(("document", "municipality"), ["a", "b"]),
    "string_type_none": _set(("document", "municipality"), None),
    "int_parsing": _set(("document", "year"), "две тысячи"),
    "int_from_float": _set(("document", "year"), 2025.5),
    "greater_than_equal": _set(("document", "year"), 1999),
    "less_than_equal": _set(("document", "year"), 2101),
    "list_type": _set(("schools",), "все школы"),
    "dict_type": _set(("document",), "Тестовый район"),
    "model_type": _set(("schools", 0), "МБОУ СОШ № 1"),
    "bool_parsing": _set(("schools", 0, "shnor"), "возможно"),
    "literal_error": _set(("events", 0, "group"), "городские"),
    "string_pattern_mismatch": _set(("events", 0, "id"), "первое мероприятие"),
    "string_too_long": _set(("events", 0, "id"), "x" * 200),
    "value_error": _set(("events", 0, "parameters"), 15),
    "number_as_text": _set(("events", 0, "dates"), 3.2025),
    "list_of_lists": _set(("audit", 0, "schools"), [["sosh1"]]),
}


@pytest.mark.parametrize("case", sorted(SCHEMA_CASES), ids=str)
def test_schema_errors_are_told_in_russian(cli, write_yaml, case):
    data = minimal()
    SCHEMA_CASES[case](data)
    path = write_yaml(data)
    result = cli("validate", path)
    assert "Traceback" not in result.output
    assert message_faults(result.output, path) == [], result.output


PROGRAMME_CASES = {
    "period_as_one_phrase": lambda d: d.update(period="сентябрь 2025 – май 2026"),
    "period_month": lambda d: d.update(period={"start": "осенью", "end": "май 2026"}),
    "number_text": lambda d: d["tasks"][0].update(number="первая"),
    "number_zero": lambda d: d["tasks"][0].update(number=0),
    "school_pattern": lambda d: d["school"].update(id="школа № 1"),
    "unknown_key": lambda d: d.update(goals="цели"),
}


@pytest.mark.parametrize("case", sorted(PROGRAMME_CASES), ids=str)
def test_programme_schema_errors_are_told_in_russian(cli, write_yaml, case):
    data = yaml.safe_load((DATA / "programme" / "minimal.yaml").read_text(encoding="utf-8"))
    PROGRAMME_CASES[case](data)
    path = write_yaml(data)
    result = cli("validate", path)
    assert "Traceback" not in result.output
    assert message_faults(result.output, path) == [], result.output


def _every_error_type() -> list[str]:
    import pydantic_core.core_schema as core_schema

    return list(typing.get_args(core_schema.ErrorType))


@pytest.mark.parametrize("kind", _every_error_type())
def test_every_pydantic_error_type_has_a_russian_message(kind):
    """pydantic's English ``msg`` is never shown, whatever the error type (unknown ones get the general advice)."""
    from neuspeh_cli.domain.roadmap import Roadmap
    from neuspeh_cli.reading.schema_errors import translate

    error = {
        "type": kind,
        "loc": ("events", 0, "name"),
        "msg": "English message from pydantic",
        "input": object(),
        "ctx": {
            "expected": "'a', 'b' or 'c'",
            "error": ValueError("an English reason"),
            "ge": 1,
            "min_length": 2,
            "max_length": 5,
            "discriminator": "kind",
            "expected_tags": "'x'",
        },
    }
    message = translate(error, Roadmap)
    assert re.search("[а-яё]", message)
    assert latin_leaks(message) == [], message


def test_literal_choices_in_russian():
    from neuspeh_cli.domain.roadmap import Roadmap
    from neuspeh_cli.reading.schema_errors import translate

    error = {
        "type": "literal_error",
        "loc": ("events", 0, "group"),
        "input": "x",
        "ctx": {"expected": "'municipal', 'shnor' or 'control'"},
    }
    assert (
        translate(error, Roadmap)
        == "«group»: допустимые значения — «municipal», «shnor» или «control», а написано: текст «x»"
    )


def test_an_allowed_value_spelled_otherwise_is_named():
    """A report's «Проведено.» (a capital at the start of a cell, a full stop) is told which value it is."""
    from neuspeh_cli.domain.report import Report
    from neuspeh_cli.reading.schema_errors import translate

    expected = "'проведено', 'проводится', 'перенесено', 'отменено' or 'не начато'"
    error = {
        "type": "literal_error",
        "loc": ("events", 0, "status"),
        "input": "Проведено.",
        "ctx": {"expected": expected},
    }
    assert translate(error, Report).endswith(
        "а написано: текст «Проведено.»: напишите «проведено» (как в перечне, строчными)"
    )
    other = {**error, "input": "выполнено"}
    assert translate(other, Report).endswith("а написано: текст «выполнено»")  # a synonym is not guessed


# ---------------------------------------------------------------- missing files, bad options, refusals


def _usage_cases(tmp_path: Path) -> dict[str, tuple]:
    existing = tmp_path / "есть.yaml"
    existing.write_text("kind: roadmap\n", encoding="utf-8")
    folder = tmp_path / "непустая"
    folder.mkdir()
    (folder / "файл.txt").write_text("x", encoding="utf-8")
    bad_catalog = tmp_path / "catalog.yaml"
    bad_catalog.write_text("factors:\n  - id: Плохой id\n    title: 5\n", encoding="utf-8")
    return {
        "validate missing file": ("validate", tmp_path / "нет.yaml"),
        "validate empty folder": ("validate", tmp_path / "пустая"),
        "build missing file": ("build", tmp_path / "нет.yaml", "--no-pdf"),
        "build missing template": (
            "build",
            EXAMPLES / "sample-2023.yaml",
            "--template",
            tmp_path / "нет.docx",
            "-o",
            tmp_path / "out",
            "--no-pdf",
            "--force",
        ),
        "audit init over a file": ("audit", "init", existing, "-m", "Район", "-y", "2025"),
        "audit init missing schools": (
            "audit",
            "init",
            tmp_path / "новый.yaml",
            "-m",
            "Район",
            "-y",
            "2025",
            "--schools",
            tmp_path / "нет.csv",
        ),
        "audit init year text": ("audit", "init", tmp_path / "новый.yaml", "-m", "Район", "-y", "abc"),
        "audit init year range": ("audit", "init", tmp_path / "новый.yaml", "-m", "Район", "-y", "2200"),
        "audit init no file": ("audit", "init"),
        "school init over a file": ("school", "init", existing),
        "init repo non-empty": ("init", "repo", folder, "-m", "Район", "-y", "2025"),
        "roadmap draft missing": ("roadmap", "draft", tmp_path / "нет.yaml"),
        "roadmap draft broken": ("roadmap", "draft", DATA / "russian" / "yaml" / "colon-in-value.yaml"),
        "catalog missing": ("catalog", "--catalog", tmp_path / "нет.yaml"),
        "catalog broken": ("catalog", "--catalog", bad_catalog),
        "unknown command": ("отчёт",),
        "unknown option": ("validate", "--strictly", existing),
        "bad choice": ("validate", "--format", "xml", existing),
        "bad schema kind": ("schema", "--kind", "отчётность"),
        "forms bad format": ("forms", "--format", "csv"),
        "missing argument": ("validate",),
        "extra argument": ("catalog", "лишнее"),
        "option without value": ("build", EXAMPLES / "sample-2023.yaml", "-o"),
    }


def test_usage_errors_are_told_in_russian(cli, tmp_path):
    for name, args in _usage_cases(tmp_path).items():
        result = cli(*args)
        assert result.exit_code != 0, (name, result.output)
        assert "Traceback" not in result.output, name
        assert message_faults(result.output, tmp_path, EXAMPLES, DATA) == [], (name, result.output)


def test_prompt_errors_are_told_in_russian(cli, tmp_path):
    result = cli("audit", "init", tmp_path / "новый.yaml", input="Район\nabc\n2025\n")
    assert "Traceback" not in result.output
    assert "Ошибка: 'abc' — не число." in result.output
    assert message_faults(result.output, tmp_path, ": abc") == [], result.output


# ---------------------------------------------------------------- broken templates


def _docx(path: Path, text: str) -> Path:
    from docx import Document

    doc = Document()
    doc.add_paragraph(text)
    doc.save(path)
    return path


def _templates(tmp_path: Path) -> dict[str, Path]:
    not_zip = tmp_path / "не-архив.docx"
    not_zip.write_text("это не Word", encoding="utf-8")
    no_document = tmp_path / "без-документа.docx"
    with zipfile.ZipFile(no_document, "w") as archive:
        archive.writestr("readme.txt", "x")
    return {
        "not a zip": not_zip,
        "zip without document": no_document,
        "undefined value": _docx(tmp_path / "undefined.docx", "{{ appendix }}"),
        "undefined attribute": _docx(tmp_path / "attribute.docx", "{{ municipality.mayor.name }}"),
        "unclosed block": _docx(tmp_path / "unclosed.docx", "{% for e in events %} без конца"),
        "unknown tag": _docx(tmp_path / "tag.docx", "{% include 'x' %}{% frobnicate %}"),
        "unsafe": _docx(tmp_path / "unsafe.docx", "{{ municipality.__class__.__mro__ }}"),
        "unknown filter": _docx(tmp_path / "filter.docx", "{{ municipality | shout }}"),
        "syntax": _docx(tmp_path / "syntax.docx", "{{ 1 + }}"),
        "stray end": _docx(tmp_path / "stray.docx", "{% endif %}"),
    }


def test_broken_templates_are_told_in_russian(cli, tmp_path, write_yaml):
    data = write_yaml(minimal())
    for name, template in _templates(tmp_path).items():
        result = cli("build", data, "--template", template, "-o", tmp_path / "out", "--no-pdf")
        # A file that is no .docx is unreadable input (2); a .docx with a wrong tag is a problem found (1).
        assert result.exit_code == (2 if name in ("not a zip", "zip without document") else 1), (name, result.output)
        assert "Traceback" not in result.output, name
        assert message_faults(result.output, tmp_path) == [], (name, result.output)


def test_not_a_zip_names_what_to_do(cli, tmp_path, write_yaml):
    template = _templates(tmp_path)["not a zip"]
    result = cli("build", write_yaml(minimal()), "--template", template, "-o", tmp_path / "out", "--no-pdf")
    assert "файл не является архивом .docx" in result.output
    assert "сохраните как «Документ Word (*.docx)»" in result.output


def test_operating_system_reasons_in_russian():
    import errno

    from neuspeh_cli.errors import os_reason

    for code in errno.errorcode:
        reason = os_reason(OSError(code, "English strerror"))
        assert "English" not in reason and re.search("[а-яё]", reason), reason
    assert os_reason(OSError(errno.EACCES, "Permission denied")) == "нет прав доступа"
    assert os_reason(OSError(errno.EPIPE, "Broken pipe")) == "системная ошибка EPIPE"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "a: b: c\n",
            'двоеточие с пробелом внутри значения YAML читает как новый ключ: возьмите значение в кавычки — «a: "b: '
            'c"»',
        ),
        (
            "a:\n  - b: c: d\n",
            'двоеточие с пробелом внутри значения YAML читает как новый ключ: возьмите значение в кавычки — «- b: "c: '
            'd"»',
        ),
        ("a:\n b: 1\n  c: 2\n", "лишнее двоеточие или неверный отступ: значение с «: » внутри возьмите в кавычки"),
        ('a: "abc\n', "файл оборвался: не закрыта кавычка (открыта в строке 1)"),
        (
            "a: [1, 2\n",
            "не закрыта квадратная скобка «[» (открыта в строке 1) или между элементами нет запятой: допишите «]» или "
            "запятую; если это часть текста, возьмите всё значение в кавычки",
        ),
        (
            "a: @foo\n",
            "значение не может начинаться с символа «@»: если это часть текста, возьмите всё значение в кавычки",
        ),
        (
            "a:\n  b: 1\n c: 2\n",
            "неверный отступ: строка не выровнена по ключам словаря, который начинается в строке 1; выровняйте её "
            "или, если значение с кавычками продолжается после кавычки, возьмите в кавычки всё значение",
        ),
        (
            "a: b\x07c\n",
            "недопустимый управляющий символ (U+0007): удалите его (такие символы попадают при копировании из Word "
            "или PDF)",
        ),
        (
            'a: "\\q"\n',
            "неизвестная последовательность с обратной косой чертой «\\» в строке в двойных кавычках: напишите «\\\\» "
            "или возьмите строку в одинарные кавычки",
        ),
    ],
)
def test_yaml_messages(text, message):
    from neuspeh_cli.errors import ReadError
    from neuspeh_cli.reading.yamlread import read_yaml_text

    with pytest.raises(ReadError) as caught:
        read_yaml_text(text, "f.yaml")
    assert caught.value.message == message
