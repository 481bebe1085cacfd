"""The code stays clean: ruff's linter and formatter, configured in pyproject.toml, find nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import ROOT

TREES = ["src", "tests", "tools", "benchmarks"]


def _ruff() -> list[str]:
    beside = shutil.which("ruff", path=str(ROOT / ".venv" / "bin")) or shutil.which("ruff")
    return [beside] if beside else [sys.executable, "-m", "ruff"]


def test_ruff_check_is_clean():
    done = subprocess.run([*_ruff(), "check", *TREES], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format_is_clean():
    done = subprocess.run([*_ruff(), "format", "--check", *TREES], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
