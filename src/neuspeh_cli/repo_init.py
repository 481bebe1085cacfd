"""``init repo``: a methodologist's repository whose CI checks and builds the roadmap on every push.

The files come from ``neuspeh_cli/repo_template`` (package data, read through
importlib.resources) with a few ``@@NAME@@`` placeholders: GitHub's ``${{ }}``
and Jinja's braces would clash, plain markers do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import NeuspehError, UsageError
from .scaffold import SCHEMA_FILE, scaffold_text
from .school_list import read_school_list

DEFAULT_SOURCE = None  # None: the running version's wheel, placed in vendor/ of the new repository
VENDOR_DIR = "vendor"

# Template file → path in the new repository. Template names carry no leading
# dot: setuptools' package-data globs skip hidden files.
TEMPLATE_FILES = {
    "README.md": "README.md",
    "gitignore": ".gitignore",
    "github-workflow.yml": ".github/workflows/neuspeh.yml",
    "gitlab-ci.yml": ".gitlab-ci.yml",
}
PRE_COMMIT = ".pre-commit-config.yaml"
_GIT_SOURCE = re.compile(r"^git\+(?P<url>\S+?)@(?P<rev>[^@/#\s]+)(?:#\S*)?$")


@dataclass
class RepoResult:
    directory: Path
    data_file: Path
    created: list[Path] = field(default_factory=list)
    overwritten: list[Path] = field(default_factory=list)


def _template(name: str) -> str:
    from importlib.resources import files

    return files("neuspeh_cli").joinpath("repo_template", name).read_text(encoding="utf-8")


def _fill(text: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        text = text.replace(f"@@{key}@@", value)
    left = re.search(r"@@[A-Z_]+@@", text)
    if left:
        raise AssertionError(f"template placeholder {left.group()} has no value")
    return text


def pre_commit_config(source: str) -> str:
    """This project's hook from its git repository when ``source`` names one; the neuspeh installed
    from a wheel file in the repository (pre-commit would resolve a relative wheel path in its own
    cache folder, not in the repository); else a local hook installing ``source``."""
    match = _GIT_SOURCE.match(source)
    if match:
        return _fill(
            _template("pre-commit-config.remote.yaml"), {"REPO_URL": match.group("url"), "REV": match.group("rev")}
        )
    if source.endswith(".whl") and not Path(source).is_absolute():
        return _fill(_template("pre-commit-config.system.yaml"), {"SOURCE": source})
    return _fill(_template("pre-commit-config.local.yaml"), {"SOURCE": source})


def data_file_name(name: str | None, year: int) -> str:
    stem = name or f"roadmap-{year}"
    stem = stem[: -len(Path(stem).suffix)] if Path(stem).suffix.lower() in (".yaml", ".yml") else stem
    if not re.fullmatch(r"[\w.\-]+", stem) or stem.startswith("."):
        raise UsageError(
            f"«{name}»: имя файла данных — буквы, цифры, точка, дефис и подчёркивание, без пробелов и папок (--name)"
        )
    return f"data/{stem}.yaml"


def repo_files(
    municipality: str,
    year: int,
    *,
    schools_file: Path | None = None,
    name: str | None = None,
    source: str | None = DEFAULT_SOURCE,
) -> dict[str, str | bytes]:
    """Relative path → text (or bytes) of every file of the new repository.

    Without ``source`` the running version's wheel goes to ``vendor/`` and CI,
    pre-commit and the README install it: the same neuspeh that made the repository.
    """
    from .domain.catalog import load_catalog
    from .jsonschema import schema_text

    wheel: tuple[str, bytes] | None = None
    if source is None:
        from .wheel import own_wheel

        wheel = own_wheel()
        source = f"{VENDOR_DIR}/{wheel[0]}"
    if not source or re.search(r"[\s\"'`$]", source):
        raise UsageError(
            f"«{source}»: источник установки — имя пакета, git+https://…@версия или путь к .whl, без пробелов и "
            "кавычек (--source)"
        )
    data_file = data_file_name(name, year)
    municipality = " ".join(municipality.split())
    schools = read_school_list(schools_file) if schools_file else []
    values = {"MUNICIPALITY": municipality, "YEAR": str(year), "DATA_FILE": data_file, "SOURCE": source}
    files: dict[str, str | bytes] = {
        data_file: scaffold_text(municipality, year, schools, load_catalog(), f"../{SCHEMA_FILE}"),
        SCHEMA_FILE: schema_text("roadmap"),
    }
    if wheel is not None:
        files[source] = wheel[1]
    for template, target in TEMPLATE_FILES.items():
        files[target] = _fill(_template(template), values)
    files[PRE_COMMIT] = pre_commit_config(source)
    return files


def init_repo(
    directory: Path,
    municipality: str,
    year: int,
    *,
    schools_file: Path | None = None,
    name: str | None = None,
    source: str | None = DEFAULT_SOURCE,
    force: bool = False,
) -> RepoResult:
    """Create the repository layout in ``directory``.

    A directory with anything but ``.git`` in it is refused without ``force``;
    with ``force`` the files of the layout replace same-named ones and nothing
    else is touched. Raises ``NeuspehError``.
    """
    from .outputs import write_atomic

    directory = Path(directory)
    if not municipality.strip():
        raise UsageError("укажите название муниципального образования (--municipality)")
    if not 2000 <= year <= 2100:
        raise UsageError(f"год {year} вне допустимого диапазона 2000–2100 (--year)")
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{directory}: это файл, а не папка")
    files = repo_files(municipality, year, schools_file=schools_file, name=name, source=source)
    if directory.exists() and not force:
        # An empty clone of a new GitHub/GitLab project has only .git: that is a fresh start too.
        present = sorted(p.name for p in directory.iterdir() if p.name != ".git")
        if present:
            shown = ", ".join(present[:5]) + (", …" if len(present) > 5 else "")
            raise NeuspehError(
                f"{directory}: папка не пуста ({shown}); чтобы всё же создать в ней файлы репозитория (одноимённые "
                "будут перезаписаны), добавьте --force"
            )
    result = RepoResult(directory, directory / data_file_name(name, year))
    for relative, text in files.items():
        target = directory / relative
        if target.is_dir():
            raise NeuspehError(f"{target}: на месте файла — папка; удалите или переименуйте её")
        (result.overwritten if target.exists() else result.created).append(target)
        write_atomic(target, text)
    return result


def summary_lines(result: RepoResult) -> list[str]:
    """What ``init repo`` wrote, and what to do next, for the terminal."""
    lines = [f"Репозиторий методиста: {result.directory}"]
    for path in result.created:
        lines.append(f"  + {path.relative_to(result.directory).as_posix()}")
    for path in result.overwritten:
        lines.append(f"  ! {path.relative_to(result.directory).as_posix()} (перезаписан)")
    data = result.data_file.relative_to(result.directory).as_posix()
    lines.append("Дальше:")
    if not (result.directory / ".git").exists():
        lines.append(f"  cd {result.directory} && git init")
    lines += [
        f"  заполните {data} (как — в README.md), затем",
        f"  neuspeh roadmap draft {data}",
        "  neuspeh validate data",
    ]
    return lines
