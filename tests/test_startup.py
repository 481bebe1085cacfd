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
    }
    loaded = heavy & (modules | {m.split(".")[0] for m in modules})
    assert not loaded, loaded
