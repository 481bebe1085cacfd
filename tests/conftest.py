"""Shared helpers: a CLI runner with a fixed terminal width, and data files built inline."""

from __future__ import annotations

import copy
import json
import os
from contextlib import contextmanager
from dataclasses import dataclass
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
PAGE_SOURCES = [
    *sorted(EXAMPLES.glob("*.yaml")),
    DATA / "layout" / "long-factor.yaml",
    DATA / "layout" / "long-names.yaml",
    DATA / "layout" / "long-programme.yaml",
]
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


@dataclass(frozen=True)
class Built:
    """What a test needs of a built example: its source and the two documents."""

    source: Path
    docx: Path | None
    pdf: Path | None


@contextmanager
def _run_lock(path: Path):
    """An exclusive lock held across the xdist workers of this run (a lock file, flock on POSIX)."""
    with open(path, "a+b") as handle:
        try:
            import fcntl
        except ImportError:  # Windows: no sharing guard needed, each worker builds in its own folder
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _build_examples(out: Path) -> dict[str, Built]:
    from neuspeh_cli.build import BuildOptions, build_files

    report = build_files(PAGE_SOURCES, BuildOptions(out_dir=out, force=True, pdf_engine="libreoffice"))
    results = {r.source.name: r for r in report.results}
    options = BuildOptions(out_dir=out / "measures", force=True, pdf_engine="libreoffice", with_measures=True)
    results.update({f"measures/{r.source.name}": r for r in build_files(MEASURES_SOURCES, options).results})
    return {name: Built(r.source, r.docx, r.pdf) for name, r in results.items()}


@pytest.fixture(scope="session")
def example_builds(tmp_path_factory, worker_id) -> dict[str, Built]:
    """Every source of ``PAGE_SOURCES`` built once per test run (Word and PDF, ``--force``), by file name.

    The roadmaps with the measures appendix are under «measures/<file name>». Under xdist the first
    worker to ask builds them into the run's common folder and leaves a manifest; the others wait on a
    lock and read it: one LibreOffice build per run, whichever files ask (the pattern of pytest-xdist's
    docs, «making session-scoped fixtures execute only once»).
    """
    soffice_or_skip()
    if worker_id == "master":  # no xdist: the session is the run
        return _build_examples(tmp_path_factory.mktemp("examples"))
    common = tmp_path_factory.getbasetemp().parent  # this run's folder, shared by its workers
    manifest = common / "examples" / "built.json"
    with _run_lock(common / "examples.lock"):
        if not manifest.exists():
            built = _build_examples(common / "examples")
            rows = {name: [b.source, b.docx, b.pdf] for name, b in built.items()}
            text = json.dumps(rows, ensure_ascii=False, default=str)
            manifest.write_text(text, encoding="utf-8")
    rows = json.loads(manifest.read_text(encoding="utf-8"))
    return {name: Built(*(None if p is None else Path(p) for p in row)) for name, row in rows.items()}
