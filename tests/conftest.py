"""Shared helpers: a CLI runner with a fixed terminal width, and data files built inline."""

from __future__ import annotations

import copy
import os
from pathlib import Path

import pytest
import yaml

os.environ["COLUMNS"] = "120"
os.environ.setdefault("NO_COLOR", "1")

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parents[1]
EXAMPLES = ROOT / "examples"


@pytest.fixture
def runner():
    from typer.testing import CliRunner

    return CliRunner()


@pytest.fixture
def cli(runner):
    """Invoke ``neuspeh`` with arguments; returns the click Result."""
    from neuspeh_cli.cli import app

    def invoke(*args, input=None):
        return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


def minimal() -> dict:
    """The smallest valid roadmap, as a dict a test may change."""
    return copy.deepcopy(yaml.safe_load((DATA / "valid" / "minimal.yaml").read_text(encoding="utf-8")))


@pytest.fixture
def write_yaml(tmp_path):
    """Write a dict (or text) as a YAML file in tmp_path and return its path."""

    def write(data, name: str = "data.yaml") -> Path:
        path = tmp_path / name
        text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        path.write_text(text, encoding="utf-8")
        return path

    return write
