"""Installing neuspeh from a file: the wheel `pip wheel .` builds, and the wheel `init repo` vendors,
installed into fresh virtual environments and run (paths with Cyrillic letters and spaces)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, ROOT

from neuspeh_cli import __version__
from neuspeh_cli.wheel import own_wheel, wheel_name


def _fresh_venv(folder: Path) -> tuple[Path, dict]:
    """A venv whose site-packages reach this run's dependencies (pip among them) through a path file.

    Made without its own pip (ensurepip costs 3 s of CPU); ``pip`` in it is a two-line script that runs
    this run's pip with the venv's interpreter, so what it installs lands in the venv.
    """
    import sysconfig

    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    bin_dir = folder / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(purelib) / "test-run-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    pip = bin_dir / "pip"
    pip.write_text(f'#!/bin/sh\nexec "{python}" -m pip "$@"\n', encoding="utf-8")
    pip.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["PATH"] = str(bin_dir) + os.pathsep + env.get("PATH", "")
    env["VIRTUAL_ENV"] = str(folder)
    return bin_dir, env


@pytest.fixture(scope="module")
def built_wheel(tmp_path_factory) -> Path:
    # From a clean copy: setuptools reuses a checkout's build/lib, which may still hold deleted modules.
    source = tmp_path_factory.mktemp("source") / "neuspeh"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "build", "dist", "out", "*.egg-info", "__pycache__", ".pytest_cache", ".ruff_cache"
        ),
    )
    out = tmp_path_factory.mktemp("dist")
    # `python -m build` makes the sdist, then the wheel from the unpacked sdist: the sdist is complete.
    # --no-isolation: the backend (setuptools, a test dependency in the lock) comes from this environment;
    # an isolated build made two venvs and installed setuptools twice (4.5 s of CPU against 1.1 s).
    command = [sys.executable, "-m", "build", "--no-isolation", "-o", str(out), str(source)]
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "warning" not in done.stdout.replace("byte-compiling is disabled", "").lower(), done.stdout
    (wheel,) = out.glob("*.whl")
    return wheel


def test_sdist_ships_the_licence_and_data_and_leaves_the_tests_out_on_purpose(built_wheel):
    """The tests need the repository (examples, tests/data, LibreOffice): MANIFEST.in prunes them."""
    import tarfile

    (sdist,) = built_wheel.parent.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"LICENSE", "catalog/factors.yaml", "templates/roadmap.docx", "requirements.lock", "pyproject.toml"} <= names
    assert not [name for name in names if name.startswith(("tests/", "benchmarks/", ".ci/"))]


@pytest.fixture(scope="module")
def installed(built_wheel, tmp_path_factory) -> tuple[Path, dict]:
    """One fresh venv with the built wheel installed, shared by the install-level tests.

    The wheel goes in with pip as a user installs it; its dependencies are the ones this test run uses
    (a path file points at them), so the test costs seconds, not a minute of unpacking numpy-sized
    wheels. That every dependency installs from the lock on a fresh machine is what CI's first command,
    the README's, proves.
    """
    bin_dir, env = _fresh_venv(tmp_path_factory.mktemp("venv") / "venv")
    # --force-reinstall: the run's own neuspeh is visible through the path file and would count as installed.
    command = [str(bin_dir / "pip"), "install", "-q", "--no-deps", "--force-reinstall", str(built_wheel)]
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    check = subprocess.run([str(bin_dir / "pip"), "check"], capture_output=True, text=True, env=env)
    assert check.returncode == 0, check.stdout + check.stderr
    return bin_dir, env


def test_pip_wheel_builds_the_package_with_its_data(built_wheel):
    assert built_wheel.name == wheel_name(__version__)
    names = set(zipfile.ZipFile(built_wheel).namelist())
    for needed in (
        "neuspeh_cli/catalog/factors.yaml",
        "neuspeh_cli/templates/roadmap.docx",
        "neuspeh_cli/templates/programme.docx",
        "neuspeh_cli/schemas/roadmap.schema.json",
        "neuspeh_cli/repo_template/pre-commit-config.system.yaml",
        "neuspeh_cli/render/uno_client.py",
        f"neuspeh-{__version__}.dist-info/licenses/LICENSE",
    ):
        assert needed in names, needed


def test_the_vendored_wheel_holds_what_pip_wheel_builds(built_wheel):
    """`init repo` packs the running version itself: the same files as a real build, installable metadata."""
    name, data = own_wheel()
    assert name == built_wheel.name
    ours = zipfile.ZipFile(io.BytesIO(data))
    assert set(ours.namelist()) == set(zipfile.ZipFile(built_wheel).namelist())
    assert ours.testzip() is None
    meta = ours.read(f"neuspeh-{__version__}.dist-info/METADATA").decode()
    assert f"Version: {__version__}" in meta and "Requires-Dist: docxtpl" in meta
    assert (
        "neuspeh = neuspeh_cli.__main__:main" in ours.read(f"neuspeh-{__version__}.dist-info/entry_points.txt").decode()
    )
    assert own_wheel()[1] == data  # reproducible: same version, same bytes


def test_built_wheel_installs_from_the_file_and_builds_in_a_cyrillic_path_with_spaces(installed, tmp_path):
    bin_dir, env = installed
    work = tmp_path / "Мои документы" / "карта 2025"
    work.mkdir(parents=True)
    shutil.copy(EXAMPLES / "ust-labinsk-2025.yaml", work / "усть-лабинский район.yaml")
    version = subprocess.run([str(bin_dir / "neuspeh"), "--version"], capture_output=True, text=True, env=env, cwd=work)
    assert version.stdout.strip() == f"neuspeh {__version__}"
    done = subprocess.run(
        [str(bin_dir / "neuspeh"), "build", "усть-лабинский район.yaml", "-o", "выход с пробелом", "--no-pdf"],
        capture_output=True,
        text=True,
        env=env,
        cwd=work,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert (work / "выход с пробелом" / "усть-лабинский район.docx").is_file()


@pytest.mark.pdf
def test_generated_github_workflow_steps_pass_in_a_fresh_venv(cli, tmp_path, installed):
    """The methodologist's CI as GitHub would run it: every `run:` step of the generated workflow, in order,
    with the workflow's env, in a fresh venv, the generated repository as the working directory.

    The venv is the one the wheel test installed into (its dependencies are what the step's
    `pip install` would fetch); the step still runs and must succeed."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    repo = tmp_path / "репозиторий методиста"
    result = cli("init", "repo", repo, "-m", "Усть-Лабинский район", "-y", "2025")
    assert result.exit_code == 0, result.output
    # The methodologist has filled the data in: a roadmap that passes the checks.
    shutil.copy(EXAMPLES / "ust-labinsk-2025.yaml", repo / "data" / "roadmap-2025.yaml")
    workflow = yaml.safe_load((repo / ".github" / "workflows" / "neuspeh.yml").read_text(encoding="utf-8"))
    bin_dir, env = installed
    env = dict(env)
    env.update({key: str(value) for key, value in workflow.get("env", {}).items()})
    runs = [step["run"] for step in workflow["jobs"]["roadmap"]["steps"] if "run" in step]
    assert runs[0] == 'pip install "$NEUSPEH_SOURCE"'
    for run in runs:
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", run],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, f"{run}\n{done.stdout}\n{done.stderr}"
    version = subprocess.run([str(bin_dir / "neuspeh"), "--version"], capture_output=True, text=True, env=env)
    assert version.stdout.strip() == f"neuspeh {__version__}"
    assert (repo / "out" / "roadmap-2025.docx").is_file()
    assert (repo / "out" / "roadmap-2025.pdf").read_bytes().startswith(b"%PDF-")


def test_every_folder_of_the_package_is_declared():
    """A new subpackage missing from pyproject.toml would be left out of the wheel, and only a user would notice."""
    import tomllib

    declared = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    )
    source = ROOT / "src" / "neuspeh_cli"
    folders = {
        "neuspeh_cli." + ".".join(path.relative_to(source).parts)
        for path in source.rglob("*")
        if path.is_dir() and path.name != "__pycache__" and any(path.iterdir())
    }
    assert folders - declared == set()
