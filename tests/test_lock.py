"""The lock file and pyproject.toml agree: CI and the README install exactly what the ranges allow.

`requirements.lock` is made by `uv pip compile` (docs/development.md says how to refresh it) and used as
pip constraints by the README's set-up command and by `.ci/run`. A dependency added to pyproject.toml
without refreshing the lock, or a range that no longer admits the locked version, fails here.
"""

from __future__ import annotations

import re
import tomllib

from conftest import ROOT
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

LOCK = ROOT / "requirements.lock"
# Environments CI and users run on: the locked version must exist for each of them.
ENVIRONMENTS = [
    default_environment()
    | {
        "sys_platform": platform,
        "platform_system": system,
        "python_full_version": version,
        "python_version": version[:4],
    }
    for platform, system in (("linux", "Linux"), ("win32", "Windows"), ("darwin", "Darwin"))
    for version in ("3.11.7", "3.13.1")
]


def _declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = project["dependencies"] + [line for extra in project["optional-dependencies"].values() for line in extra]
    return [Requirement(line) for line in lines]


def _locked() -> list[Requirement]:
    lines = [line.split("#")[0].strip() for line in LOCK.read_text(encoding="utf-8").splitlines()]
    return [Requirement(line) for line in lines if line and not line.startswith("-")]


def _pins(environment: dict) -> dict[str, str]:
    pins = {}
    for requirement in _locked():
        if requirement.marker is None or requirement.marker.evaluate(environment):
            (spec,) = requirement.specifier
            assert spec.operator == "==", requirement
            pins[canonicalize_name(requirement.name)] = spec.version
    return pins


def test_every_locked_line_is_an_exact_pin():
    assert len(_locked()) > 20
    for requirement in _locked():
        assert [spec.operator for spec in requirement.specifier] == ["=="], str(requirement)


def test_every_declared_dependency_is_locked_within_its_range():
    for environment in ENVIRONMENTS:
        pins = _pins(environment)
        for requirement in _declared():
            if requirement.marker is not None and not requirement.marker.evaluate(environment):
                continue
            name = canonicalize_name(requirement.name)
            assert name in pins, f"{requirement.name} is declared but not in requirements.lock: refresh the lock"
            assert requirement.specifier.contains(pins[name], prereleases=True), (
                f"requirements.lock pins {requirement.name}=={pins[name]}, outside {requirement.specifier}: refresh "
                "the lock"
            )


def test_the_lock_says_how_it_was_made():
    header = LOCK.read_text(encoding="utf-8").split("\n", 3)[:2]
    assert re.search(r"uv pip compile pyproject\.toml --extra test --universal", "\n".join(header))


def test_installs_use_the_lock():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for text in (readme, ci):
        assert "pip install -c requirements.lock '.[test]'" in text
