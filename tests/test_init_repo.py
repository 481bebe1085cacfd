"""`neuspeh init repo`: the methodologist's repository, its CI workflows and the pre-commit hook."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from neuspeh_cli import __version__
from neuspeh_cli.jsonschema import schema_text

WHEEL = f"neuspeh-{__version__}-py3-none-any.whl"
VENDORED = f"vendor/{WHEEL}"

LAYOUT = [
    ".github/workflows/neuspeh.yml",
    ".gitignore",
    ".gitlab-ci.yml",
    ".pre-commit-config.yaml",
    "README.md",
    "data/roadmap-2025.yaml",
    "roadmap.schema.json",
    f"vendor/{WHEEL}",
]


@pytest.fixture
def repo(cli, tmp_path) -> Path:
    directory = tmp_path / "repo"
    result = cli("init", "repo", directory, "--municipality", "Тестовый район", "--year", "2025")
    assert result.exit_code == 0, result.output
    return directory


def _files(directory: Path) -> list[str]:
    return sorted(p.relative_to(directory).as_posix() for p in directory.rglob("*") if p.is_file())


def _commands(lines) -> list[str]:
    """The `neuspeh …` commands of a CI file's run/script lines."""
    return [line.strip() for line in lines if line.strip().startswith("neuspeh ")]


def test_layout(cli, tmp_path):
    directory = tmp_path / "repo"
    result = cli("init", "repo", directory, "-m", "Тестовый район", "-y", "2025")
    assert result.exit_code == 0, result.output
    assert _files(directory) == LAYOUT
    assert result.output.splitlines()[:3] == [
        f"Репозиторий методиста: {directory}",
        "  + data/roadmap-2025.yaml",
        "  + roadmap.schema.json",
    ]
    assert (directory / "roadmap.schema.json").read_text(encoding="utf-8") == schema_text("roadmap")
    assert (directory / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "out/"


def test_data_file_points_at_the_schema_and_validates(cli, repo):
    data = repo / "data" / "roadmap-2025.yaml"
    first = data.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../roadmap.schema.json"
    assert (data.parent / first.split("=", 1)[1]).resolve() == (repo / "roadmap.schema.json").resolve()
    result = cli("validate", repo / "data", "--format", "json")
    assert result.exit_code == 1, result.output
    rules = {p["rule"] for p in json.loads(result.output)["files"][0]["problems"]}
    assert "schema" not in rules and "audit-empty" in rules, result.output


def test_github_workflow_runs_what_a_user_runs(repo):
    text = (repo / ".github" / "workflows" / "neuspeh.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key «on» as true
    assert {"push", "pull_request"} <= set(triggers)
    steps = workflow["jobs"]["roadmap"]["steps"]
    runs = [line for step in steps for line in step.get("run", "").splitlines()]
    assert _commands(runs) == ["neuspeh validate data --format github", "neuspeh build data/*.yaml -o out"]
    assert 'pip install "$NEUSPEH_SOURCE"' in runs
    assert workflow["env"]["NEUSPEH_SOURCE"] == VENDORED
    assert any("libreoffice-writer-nogui python3-uno fonts-liberation hyphen-ru" in line for line in runs)
    setup = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["python-version"] == "3.11"
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "out/"
    # Validation comes first: a file with errors is never built.
    assert runs.index("neuspeh validate data --format github") < runs.index("neuspeh build data/*.yaml -o out")


def test_gitlab_ci_validates_then_builds_with_artifacts(repo):
    pipeline = yaml.safe_load((repo / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert pipeline["stages"] == ["validate", "build"]
    assert _commands(pipeline["validate"]["script"]) == ["neuspeh validate data"]
    assert _commands(pipeline["build"]["script"]) == ["neuspeh build data/*.yaml -o out"]
    assert pipeline["build"]["artifacts"]["paths"] == ["out/"]
    assert pipeline["variables"]["NEUSPEH_SOURCE"] == VENDORED
    assert any("hyphen-ru" in line for line in pipeline["build"]["script"])


def test_readme_shows_the_commands_of_the_workflows(repo):
    readme = (repo / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Дорожная карта по профилактике учебной неуспешности: Тестовый район\n")
    assert "@@" not in readme
    shown = set(_commands(readme.splitlines()))
    workflow = (repo / ".github" / "workflows" / "neuspeh.yml").read_text(encoding="utf-8")
    pipeline = (repo / ".gitlab-ci.yml").read_text(encoding="utf-8")
    for command in _commands(workflow.splitlines()) + _commands(line.lstrip("- ") for line in pipeline.splitlines()):
        by_hand = command.replace(" --format github", "")
        assert by_hand in shown, f"{by_hand!r} is run in CI but not shown in README.md"
    assert "neuspeh roadmap draft data/roadmap-2025.yaml" in shown
    assert f'pip install "{VENDORED}"' in readme


def test_commands_in_ci_are_real_commands(cli, repo):
    """Every `neuspeh …` the CI runs parses with the installed CLI (help of the same command and options)."""
    workflow = (repo / ".github" / "workflows" / "neuspeh.yml").read_text(encoding="utf-8")
    for command in _commands(workflow.splitlines()):
        words = shlex.split(command)[1:]
        options = [w for w in words if w.startswith("-")]
        result = cli(words[0], "--help")
        assert result.exit_code == 0, result.output
        for option in options:
            assert option in result.output, f"{option} is not an option of `neuspeh {words[0]}`"


def test_source_option_reaches_ci_and_pre_commit(cli, tmp_path):
    directory = tmp_path / "repo"
    source = "git+https://gitlab.example.org/iro/neuspeh.git@v0.1.0"
    result = cli(
        "init", "repo", directory, "-m", "Тестовый район", "-y", "2025", "--source", source, "--name", "tihoreck-2025"
    )
    assert result.exit_code == 0, result.output
    assert (directory / "data" / "tihoreck-2025.yaml").is_file()
    assert not (directory / "vendor").exists()
    workflow = yaml.safe_load((directory / ".github" / "workflows" / "neuspeh.yml").read_text(encoding="utf-8"))
    assert workflow["env"]["NEUSPEH_SOURCE"] == source
    hooks = yaml.safe_load((directory / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert hooks["repos"] == [
        {
            "repo": "https://gitlab.example.org/iro/neuspeh.git",
            "rev": "v0.1.0",
            "hooks": [{"id": "neuspeh-validate", "files": r"^data/.*\.ya?ml$"}],
        }
    ]


def test_default_pre_commit_runs_the_neuspeh_installed_from_the_vendored_wheel(repo):
    text = (repo / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    hooks = yaml.safe_load(text)
    (hook,) = hooks["repos"][0]["hooks"]
    assert hooks["repos"][0]["repo"] == "local"
    assert hook["entry"] == "neuspeh validate"
    # pre-commit installs additional_dependencies from its own cache folder, where a relative wheel path means nothing.
    assert hook["language"] == "system" and "additional_dependencies" not in hook
    assert f'pip install "{VENDORED}"' in text
    assert re.search(hook["files"], "data/roadmap-2025.yaml") and not re.search(hook["files"], ".gitlab-ci.yml")


def test_a_package_name_source_gets_a_hook_that_installs_it(cli, tmp_path):
    directory = tmp_path / "repo"
    result = cli("init", "repo", directory, "-m", "Тестовый район", "-y", "2025", "--source", "neuspeh==0.1.0")
    assert result.exit_code == 0, result.output
    assert not (directory / "vendor").exists()
    (hook,) = yaml.safe_load((directory / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    assert hook["language"] == "python" and hook["additional_dependencies"] == ["neuspeh==0.1.0"]


def test_project_ships_its_pre_commit_hook():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "neuspeh-validate"
    assert hook["entry"] == "neuspeh validate"
    assert hook["language"] == "python"
    assert re.search(hook["files"], "data/roadmap.yaml") and re.search(hook["files"], "x.yml")
    for service_file in (".gitlab-ci.yml", ".github/workflows/neuspeh.yml", ".pre-commit-config.yaml"):
        assert re.search(hook["exclude"], service_file), service_file
    assert not re.search(hook["exclude"], "data/roadmap-2025.yaml")


def test_refuses_a_non_empty_directory_without_force(cli, repo):
    data = repo / "data" / "roadmap-2025.yaml"
    data.write_text("# работа методиста\n", encoding="utf-8")
    result = cli("init", "repo", repo, "-m", "Тестовый район", "-y", "2025")
    assert result.exit_code == 1, result.output
    assert result.output.strip() == (
        f"Ошибка: {repo}: папка не пуста (.github, .gitignore, .gitlab-ci.yml, .pre-commit-config.yaml, README.md, …); "
        "чтобы всё же создать в ней файлы репозитория (одноимённые будут перезаписаны), добавьте --force"
    )
    assert data.read_text(encoding="utf-8") == "# работа методиста\n"

    result = cli("init", "repo", repo, "-m", "Тестовый район", "-y", "2025", "--force")
    assert result.exit_code == 0, result.output
    assert "  ! data/roadmap-2025.yaml (перезаписан)" in result.output.splitlines()
    assert data.read_text(encoding="utf-8").startswith("# yaml-language-server:")


def test_a_fresh_clone_with_only_git_is_empty_enough(cli, tmp_path):
    directory = tmp_path / "clone"
    (directory / ".git").mkdir(parents=True)
    result = cli("init", "repo", directory, "-m", "Тестовый район", "-y", "2025")
    assert result.exit_code == 0, result.output
    assert "git init" not in result.output


def test_prompts_when_options_are_missing(cli, tmp_path):
    directory = tmp_path / "repo"
    result = cli("init", "repo", directory, input="Кореновский район\n2026\n")
    assert result.exit_code == 0, result.output
    assert (directory / "data" / "roadmap-2026.yaml").is_file()
    assert "Кореновский район" in (directory / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        (
            "--name",
            "../escape",
            "«../escape»: имя файла данных — буквы, цифры, точка, дефис и подчёркивание, без пробелов и папок (--name)",
        ),
        (
            "--source",
            'neuspeh"; rm -rf /',
            '«neuspeh"; rm -rf /»: источник установки — имя пакета, git+https://…@версия или путь к .whl, без '
            "пробелов и кавычек (--source)",
        ),
    ],
)
def test_bad_options(cli, tmp_path, option, value, message):
    result = cli("init", "repo", tmp_path / "repo", "-m", "Тестовый район", "-y", "2025", option, value)
    assert result.exit_code == 2, result.output
    assert result.output.strip() == f"Ошибка: {message}"
    assert not (tmp_path / "repo").exists()


def test_template_ships_as_package_data():
    from importlib.resources import files

    names = sorted(p.name for p in files("neuspeh_cli").joinpath("repo_template").iterdir())
    assert names == [
        "README.md",
        "github-workflow.yml",
        "gitignore",
        "gitlab-ci.yml",
        "pre-commit-config.local.yaml",
        "pre-commit-config.remote.yaml",
        "pre-commit-config.system.yaml",
    ]
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"repo_template/*"' in pyproject
