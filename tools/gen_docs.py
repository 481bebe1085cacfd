"""Write the generated reference pages: docs/rules.md from the rule registry, docs/commands.md from --help.

Run after changing a rule or a command: `python tools/gen_docs.py`. tests/test_docs.py fails
when the committed pages differ from what this script writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
PSEUDO_RULES = [
    (
        "read-error",
        "ошибка",
        "—",
        "Файл не читается: не обычный файл, размер, кодировка, синтаксис YAML, повторённый ключ, недопустимый тег, "
        "глубина (код выхода 2).",
    ),
    (
        "schema",
        "ошибка",
        "—",
        "Структура файла: неизвестный или пропущенный ключ, значение не того вида (ошибочное значение отбрасывается, "
        "остальное проверяется).",
    ),
    (
        "internal-error",
        "ошибка",
        "—",
        "Внутренняя ошибка программы при проверке файла (код выхода 3, подробности — в журнале).",
    ),
    ("more-problems", "как у скрытых", "—", "Больше 200 сообщений в файле: остальные сосчитаны одной строкой."),
]


def rules_page() -> str:
    from neuspeh_cli.kinds import KINDS
    from neuspeh_cli.rules import all_rules

    rules = all_rules()
    lines = [
        "# Правила проверки",
        "",
        "<!-- Создано tools/gen_docs.py из реестра правил; не правьте вручную. -->",
        "",
        "Важность: **ошибка** — документ не соответствует методике (код выхода 1, `build` не соберёт);",
        "**предупреждение** — стоит поправить (код 1 только с `--strict`); **замечание** — подсказка.",
        "Правила с отметкой «не собирается» — предупреждения о неоконченном (черновики, пустые графы):",
        "`validate` их только показывает, а `build` без `--force` документ не соберёт.",
        "`neuspeh rules` выводит этот же список.",
        "",
        "## Общие для всех файлов",
        "",
        "| правило | важность | сборка | что проверяется |",
        "|---|---|---|---|",
        *[f"| `{rid}` | {severity} | {block} | {summary} |" for rid, severity, block, summary in PSEUDO_RULES],
        *[f"| `{r.id}` | {r.severity.label} | — | {r.summary} |" for r in rules if r.kind == "*"],
    ]
    for kind in KINDS.values():
        mine = [r for r in rules if r.kind == kind.name]
        if not mine:
            continue
        lines += [
            "",
            f"## {kind.title[0].upper() + kind.title[1:]} (`kind: {kind.name}`)",
            "",
            "| правило | важность | сборка | что проверяется |",
            "|---|---|---|---|",
        ]
        for rule in mine:
            block = "не собирается" if rule.blocks_build else "—"
            lines.append(f"| `{rule.id}` | {rule.severity.label} | {block} | {rule.summary} |")
    return "\n".join(lines) + "\n"


def _commands(command, prefix):
    yield prefix, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from _commands(sub, f"{prefix} {name}")


def commands_page() -> str:
    import os

    os.environ["COLUMNS"] = "100"
    from typer.main import get_command
    from typer.testing import CliRunner

    from neuspeh_cli.cli import app

    root = get_command(app)
    runner = CliRunner()
    lines = [
        "# Команды",
        "",
        "<!-- Создано tools/gen_docs.py из справки команд (`--help`); не правьте вручную. -->",
        "",
    ]
    for name, _command in _commands(root, "neuspeh"):
        args = name.split()[1:]
        result = runner.invoke(app, [*args, "--help"], terminal_width=100)
        lines += [f"## `{name}`", "", "```text", result.output.rstrip(), "```", ""]
    return "\n".join(lines)


PAGES = {"docs/rules.md": rules_page, "docs/commands.md": commands_page}


def main() -> None:
    for name, make in PAGES.items():
        (ROOT / name).write_text(make(), encoding="utf-8")
        print(f"Записан {name}")


if __name__ == "__main__":
    main()
