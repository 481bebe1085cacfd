"""Start-up of a command: only what it needs is built and imported (speed is measured in benchmarks/)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import EXAMPLES

from neuspeh_cli.cli import app
from neuspeh_cli.cli._app import only


def _names(typer_app) -> list[str]:
    commands = [c.name or c.callback.__name__.replace("_", "-") for c in typer_app.registered_commands]
    return commands + [g.name for g in typer_app.registered_groups]


def _run_quick(run, options: dict, capsys) -> tuple[str, str, int | None]:
    """(stdout, stderr, exit code) of a command run by ``__main__`` without click, as the runner gives the CLI's."""
    capsys.readouterr()
    try:
        code = run(options)
    except SystemExit as exc:
        code = exc.code
    captured = capsys.readouterr()
    return captured.out, captured.err, code


@pytest.mark.parametrize("name", _names(app))
def test_a_command_run_by_name_gets_only_itself_with_the_same_help(runner, name):
    lean = only([name, "--help"])
    assert _names(lean) == [name]
    assert _names(app).count(name) == 1, "the full application is untouched"
    full = runner.invoke(app, [name, "--help"], prog_name="neuspeh")
    assert runner.invoke(lean, [name, "--help"], prog_name="neuspeh").output == full.output
    assert full.exit_code == 0


@pytest.mark.parametrize("args", [[], ["--help"], ["--version"], ["valdate", "x.yaml"], ["-h", "validate"]])
def test_help_version_and_unknown_names_get_the_whole_application(args):
    assert only(args) is app


def test_validate_imports_neither_office_libraries_nor_other_commands():
    probe = (
        "import json, sys\n"
        "from neuspeh_cli.__main__ import main\n"
        f"sys.argv = ['neuspeh', 'validate', {str(EXAMPLES / 'sample-2023.yaml')!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    modules = set(json.loads(done.stderr.strip().splitlines()[-1]))
    assert "neuspeh_cli.validate" in modules and "Проверено: 1 файл" in done.stdout
    heavy = {
        "docx",
        "docxtpl",
        "openpyxl",
        "lxml",
        "matplotlib",
        "jinja2",
        "ruamel",
        "neuspeh_cli.render.engine",
        "neuspeh_cli.build",
        "click",  # a plain command line: the report without the CLI's machinery
        "typer",
        "pydantic",  # a valid file is read by the declared models alone (domain/base.py)
    }
    loaded = heavy & (modules | {m.split(".")[0] for m in modules})
    assert not loaded, loaded


def _validate_options() -> list:
    import click
    from typer.main import get_command

    command = get_command(app).commands["validate"]
    return [param for param in command.params if isinstance(param, click.Option)]


def test_the_plain_validate_knows_the_commands_options():
    from neuspeh_cli import __main__ as entry

    options = _validate_options()
    flags = {name for option in options if option.is_flag for name in option.opts}
    assert flags == set(entry.PLAIN_FLAGS)
    [fmt] = [option for option in options if not option.is_flag]
    assert set(fmt.opts) == set(entry.PLAIN_FORMAT)
    assert set(fmt.type.choices) == set(entry.PLAIN_FORMATS)
    parsed = entry.plain_validate(["validate", "x.yaml"])
    for option in options:
        assert parsed[option.name] == getattr(option.default, "value", option.default), option.name


@pytest.mark.parametrize(
    "args",
    [
        ["validate"],
        ["validate", "--help"],
        ["validate", "x.yaml", "--format"],
        ["validate", "x.yaml", "-f", "xml"],
        ["validate", "x.yaml", "--format=json"],
        ["validate", "--", "x.yaml"],
        ["validate", "x.yaml", "--stirct"],
        ["build", "x.yaml"],
    ],
)
def test_anything_but_files_and_known_options_goes_to_the_cli(args):
    from neuspeh_cli.__main__ import plain_validate

    assert plain_validate(args) is None


def _broken_files(folder) -> list:
    sample = (EXAMPLES / "sample-2023.yaml").read_text(encoding="utf-8")
    variants = {
        "обрыв.yaml": sample[: len(sample) // 2] + "\n  - [",
        "ключ.yaml": sample.replace("events:", "evnets:", 1),
        "тип.yaml": sample.replace("shnor: true", "shnor: [1]", 1),
        "пусто.yaml": "",
        "чужой.yaml": "просто: текст\n",
        "битый.yaml": b"\xff\xfe\x00kind".decode("latin-1"),
        "табуляция.yaml": "kind: roadmap\n\tdocument: {}\n",
    }
    paths = []
    for name, text in variants.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    paths.append(folder / "нет-такого.yaml")
    return paths


def test_the_plain_validate_says_what_the_cli_says(runner, capsys, tmp_path):
    """Byte for byte: the same report, the same messages, the same exit code, without click on the way."""
    from neuspeh_cli import __main__ as entry

    # The checks are the same function on both ways (``validate.run``); what differs is the way there and out.
    files = [
        EXAMPLES / "school-2022.yaml",
        EXAMPLES / "ust-labinsk-2025-report.yaml",
        EXAMPLES.parent / "tests" / "data" / "valid" / "minimal.yaml",
        *_broken_files(tmp_path),
    ]
    sample = str(EXAMPLES / "sample-2023.yaml")
    cases = [[str(f)] for f in files] + [
        [sample],
        [sample, "--format", "json", "--strict"],
        [sample, "-f", "github", "-q"],
        [str(tmp_path), sample, "--strict"],
        [str(tmp_path / "пустая")],  # no data file: «не найдено ни одного файла данных», exit 2
    ]
    (tmp_path / "пустая").mkdir()
    for case in cases:
        args = ["validate", *case]
        options = entry.plain_validate(args)
        assert options is not None, args
        quick = _run_quick(entry._validate, options, capsys)
        full = runner.invoke(app, args, prog_name="neuspeh")
        assert quick == (full.stdout, full.stderr, full.exit_code), args


def test_the_plain_build_knows_the_commands_options():
    import click
    from typer.main import get_command

    from neuspeh_cli import __main__ as entry

    command = get_command(app).commands["build"]
    options = [param for param in command.params if isinstance(param, click.Option)]
    flags = {name for option in options if option.is_flag for name in option.opts + option.secondary_opts}
    assert flags == entry.BUILD_FLAGS | {"--watch", "-w"}, "--watch goes to the CLI"
    valued = {name for option in options if not option.is_flag for name in option.opts}
    assert valued == set(entry.BUILD_VALUES)
    [engine] = [option for option in options if "--pdf-engine" in option.opts]
    assert set(engine.type.choices) == set(entry.PDF_ENGINES)
    # A command line without an option means what the command's default means (the calendar's None: the kind's).
    parsed = entry.plain_build(["build", "x.yaml"])
    for option in options:
        if option.name != "watch":
            default = getattr(option.default, "value", option.default)
            assert parsed.get(option.name, False) == default, option.name


@pytest.mark.parametrize(
    "args",
    [
        ["build"],
        ["build", "x.yaml", "--watch"],
        ["build", "x.yaml", "-o"],
        ["build", "x.yaml", "-o", "--force"],
        ["build", "x.yaml", "--pdf-engine", "pdfium"],
        ["build", "x.yaml", "--output=out"],
        ["build", "-h"],
    ],
)
def test_anything_but_files_and_known_build_options_goes_to_the_cli(args):
    from neuspeh_cli.__main__ import plain_build

    assert plain_build(args) is None


def test_the_plain_build_says_and_writes_what_the_cli_does(runner, capsys, tmp_path):
    """Byte for byte: messages, exit code and the documents, without click on the way."""
    import shutil

    from neuspeh_cli import __main__ as entry

    out = tmp_path / "out"
    broken = tmp_path / "обрыв.yaml"
    broken.write_text("kind: roadmap\n  - [", encoding="utf-8")
    empty = tmp_path / "пустая"
    empty.mkdir()
    sample = str(EXAMPLES / "sample-2023.yaml")
    cases = [
        [sample, "-o", str(out), "--force", "--no-pdf"],
        [sample, "--output", str(out), "--no-pdf"],
        [str(broken), "-o", str(out), "--no-pdf"],
        [str(EXAMPLES.parent / "tests" / "data" / "valid" / "minimal.yaml"), "-o", str(out), "--no-pdf"],
        [str(empty), "--no-pdf"],
        [sample, "--template", str(tmp_path / "нет.docx"), "-o", str(out), "--no-pdf"],
        [str(EXAMPLES / "ust-labinsk-2025.yaml"), "-o", str(out), "--calendar", "--with-measures", "--no-pdf"],
        [str(EXAMPLES / "ust-labinsk-2025-report.yaml"), "-o", str(out), "--no-pdf"],
        [str(EXAMPLES / "ust-labinsk-2025-report.yaml"), "-o", str(out), "--no-pdf", "--no-calendar"],
    ]
    for case in cases:
        args = ["build", *case]
        options = entry.plain_build(args)
        assert options is not None, args
        shutil.rmtree(out, ignore_errors=True)
        quick = _run_quick(entry._build, options, capsys)
        written = {p.name: p.read_bytes() for p in out.glob("*")} if out.exists() else {}
        shutil.rmtree(out, ignore_errors=True)
        full = runner.invoke(app, args, prog_name="neuspeh")
        assert quick == (full.stdout, full.stderr, full.exit_code), args
        assert written == ({p.name: p.read_bytes() for p in out.glob("*")} if out.exists() else {}), args


def test_a_plain_build_does_not_import_the_cli(tmp_path):
    probe = (
        "import json, sys\n"
        "from neuspeh_cli.__main__ import main\n"
        f"sys.argv = ['neuspeh', 'build', {str(EXAMPLES / 'sample-2023.yaml')!r}, '-o', {str(tmp_path)!r},"
        " '--no-pdf', '--force']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('\\n' + json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    modules = set(json.loads(done.stderr.strip().splitlines()[-1]))
    assert "Записан" in done.stdout and (tmp_path / "sample-2023.docx").exists()
    assert not {"click", "typer"} & modules
