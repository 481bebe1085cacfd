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


# The documents the page test and the layout tests read: every example, and layouts made for a test.
PAGE_SOURCES = [*sorted(EXAMPLES.glob("*.yaml")), DATA / "layout" / "long-factor.yaml"]
# Built a second time with the appendix of the catalog's measures (``build --with-measures``).
MEASURES_SOURCES = [EXAMPLES / "ust-labinsk-2025.yaml", EXAMPLES / "large-62-parameters-2025.yaml"]


def soffice_or_skip() -> None:
    """Skip a PDF test where LibreOffice or poppler is missing; in CI they must be there."""
    import shutil

    from neuspeh_cli.render.pdf import find_soffice

    if find_soffice() is None or shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None:
        if os.environ.get("CI"):
            raise RuntimeError("CI must install LibreOffice and poppler-utils: the PDF tests may not be skipped there")
        pytest.skip("LibreOffice or poppler-utils is not installed")


# Test files that share an expensive session fixture run on one xdist worker, so it is built once per run.
SHARED_SCOPES = {"tests/test_layout.py": "example-builds", "tests/test_pages.py": "example-builds"}


def pytest_xdist_make_scheduler(config, log):
    """Files go whole to a worker (as ``--dist loadfile``), those of SHARED_SCOPES together."""
    from xdist.scheduler import LoadScopeScheduling

    class SharedFixtureScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return SHARED_SCOPES.get(module, module)

    return SharedFixtureScheduling(config, log)


@pytest.fixture(scope="session")
def example_builds(tmp_path_factory):
    """Every source of ``PAGE_SOURCES`` built once (Word and PDF, ``--force``), by file name: a ``BuildResult``.

    The roadmaps with the measures appendix are under «measures/<file name>».
    """
    from neuspeh_cli.build import BuildOptions, build_files

    soffice_or_skip()
    out = tmp_path_factory.mktemp("examples")
    report = build_files(PAGE_SOURCES, BuildOptions(out_dir=out, force=True, pdf_engine="libreoffice"))
    built = {r.source.name: r for r in report.results}
    options = BuildOptions(out_dir=out / "measures", force=True, pdf_engine="libreoffice", with_measures=True)
    built.update({f"measures/{r.source.name}": r for r in build_files(MEASURES_SOURCES, options).results})
    return built
