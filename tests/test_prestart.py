"""`render/prestart.py` reads `build`'s command line without click: its option lists must match the command."""

from __future__ import annotations

import click
from typer.main import get_command

from neuspeh_cli.cli import app
from neuspeh_cli.render import prestart


def _build_options() -> list[click.Option]:
    build = get_command(app).commands["build"]
    return [param for param in build.params if isinstance(param, click.Option)]


def test_every_option_with_a_value_is_known_to_the_prestart():
    with_value = {name for option in _build_options() if not option.is_flag for name in option.opts}
    assert with_value == prestart._WITH_VALUE


def test_the_flags_that_rule_a_prestart_out_exist():
    flags = {name for option in _build_options() for name in option.opts} | {"-h", "--help"}
    assert flags >= prestart._NO_PRESTART


def test_an_option_value_is_not_taken_for_the_file(tmp_path):
    data = tmp_path / "карта.yaml"
    data.write_text("kind: roadmap\n", encoding="utf-8")
    assert prestart.wants_prestart(["build", str(data), "-o", "out"], platform="linux")
    assert not prestart.wants_prestart(["build", str(data), "--no-pdf"], platform="linux")
    assert not prestart.wants_prestart(["build", "--template", str(data)], platform="linux")
