"""The README stays true: its commands, its rule list, and CI running its test command."""

from __future__ import annotations

import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _code_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)\n```", README, flags=re.S)


def test_readme_starts_with_setup_and_test_commands():
    setup, test = _code_blocks()[:2]
    assert "\n" not in setup
    assert "neuspeh build examples/" in setup and "-o out" in setup
    # As root on a fresh Debian there is no sudo: $(command -v sudo) is empty there, "sudo" elsewhere.
    assert setup.startswith("$(command -v sudo) apt-get update && $(command -v sudo) apt-get install -y ")
    assert " sudo " not in setup.replace("$(command -v sudo)", "")
    packages = setup.split("apt-get install ")[1].split(" && ")[0].split()
    for package in ("libreoffice-writer-nogui", "python3-uno", "hyphen-ru", "fonts-liberation", "python3-venv"):
        assert package in packages, package
    assert test == ".venv/bin/python -m pytest -q"


def test_ci_runs_the_readme_commands_exactly():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    setup, test = _code_blocks()[:2]
    assert setup in ci
    assert test in ci
    assert ci.index(setup) < ci.index(test)


def test_generated_reference_pages_are_current():
    """docs/rules.md and docs/commands.md are written by tools/gen_docs.py from the code; they never drift."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "tools" / "gen_docs.py")
    gen_docs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen_docs)
    for name, make in gen_docs.PAGES.items():
        assert (ROOT / name).read_text(encoding="utf-8") == make(), f"{name} is stale: run `python tools/gen_docs.py`"


def test_every_rule_is_documented():
    from neuspeh_cli.rules import all_rules

    rules_page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    missing = [r.id for r in all_rules() if f"`{r.id}`" not in rules_page]
    assert not missing, f"rules missing from docs/rules.md: {missing}"
    for pseudo in ("read-error", "schema", "internal-error"):
        assert f"`{pseudo}`" in rules_page


def test_every_command_is_documented():
    from typer.main import get_command

    from neuspeh_cli.cli import app

    root = get_command(app)
    names = []
    for name, command in root.commands.items():
        sub = getattr(command, "commands", None)
        names.extend(f"{name} {s}" for s in sub) if sub else names.append(name)
    commands_page = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    missing = [n for n in names if f"## `neuspeh {n}`" not in commands_page]
    assert not missing, f"commands missing from docs/commands.md: {missing}"
    assert len(names) >= 9


def test_every_option_has_help():
    from typer.main import get_command

    from neuspeh_cli.cli import app

    def walk(command):
        yield command
        for sub in getattr(command, "commands", {}).values():
            yield from walk(sub)

    for command in walk(get_command(app)):
        assert command.help, command.name
        for param in command.params:
            if param.name != "help":
                assert getattr(param, "help", None) or param.param_type_name == "argument", (command.name, param.name)
