"""One loader for every command: build checks what validate checks; nothing on disk crashes or hangs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import DATA, ROOT, minimal

from neuspeh_cli.document import load_paths


def _programme_of_unknown_school() -> dict:
    data = yaml.safe_load((DATA / "programme" / "minimal.yaml").read_text(encoding="utf-8"))
    data["school"]["id"] = "sosh9"
    return data


def test_build_refuses_what_validate_rejects_across_files(cli, write_yaml, tmp_path):
    roadmap = write_yaml(minimal(), "roadmap.yaml")
    programme = write_yaml(_programme_of_unknown_school(), "prog.yaml")
    checked = cli("validate", programme, roadmap)
    assert checked.exit_code == 1 and "[programme-school-unknown]" in checked.output, checked.output
    out = tmp_path / "out"
    built = cli("build", programme, roadmap, "-o", out, "--no-pdf")
    assert built.exit_code == 1, built.output
    assert "programme-school-unknown" in built.output
    assert not (out / "prog.docx").exists()
    assert (out / "roadmap.docx").exists(), built.output


def test_build_and_validate_see_the_same_problems(write_yaml):
    from neuspeh_cli.build import BuildOptions, build_files

    roadmap = write_yaml(minimal(), "roadmap.yaml")
    programme = write_yaml(_programme_of_unknown_school(), "prog.yaml")
    validated = {d.name: d.problems for d in load_paths([programme, roadmap])}
    built = {
        r.document.name: r.problems
        for r in build_files(
            [programme, roadmap], BuildOptions(pdf_engine="none", out_dir=roadmap.parent / "o")
        ).results
    }
    assert validated == built


# ---------------------------------------------------------------- hostile files


def _deep(path: Path) -> None:
    path.write_text("a: " + "[" * 25_000 + "]" * 25_000 + "\n", encoding="utf-8")


def _deep_block(path: Path) -> None:
    path.write_text("".join(" " * i + "- \n" for i in range(2000)), encoding="utf-8")


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _loop(path: Path) -> None:
    other = path.with_name("other-" + path.name)
    path.symlink_to(other.name)
    other.symlink_to(path.name)


def _dangling(path: Path) -> None:
    path.symlink_to("nowhere.yaml")


def _folder(path: Path) -> None:
    path.mkdir()


HOSTILE_FILES = {
    "25000-brackets": (_deep, "слишком глубокая вложенность"),
    "deep-block-lists": (_deep_block, "слишком глубокая вложенность"),
    "fifo": (_fifo, "именованный канал (FIFO)"),
    "dev-zero": (_zero, "устройство"),
    "symlink-loop": (_loop, "петлю"),
    "dangling-symlink": (_dangling, "несуществующий файл"),
}

pytestmark_posix = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and symlinks")


def _run(*args, cwd=None) -> subprocess.CompletedProcess:
    # A subprocess, so that a crash of the parser (a segfault) or a hang fails the test instead of killing pytest.
    return subprocess.run(
        [sys.executable, "-m", "neuspeh_cli", *map(str, args)], capture_output=True, text=True, timeout=20, cwd=cwd
    )


@pytestmark_posix
@pytest.mark.parametrize("case", sorted(HOSTILE_FILES))
def test_hostile_file_is_one_line_and_exit_2(tmp_path, case):
    make, reason = HOSTILE_FILES[case]
    path = tmp_path / "data.yaml"
    make(path)
    done = _run("validate", path)
    assert done.returncode == 2, done.stdout + done.stderr
    problems = [line for line in done.stdout.splitlines() if "[read-error]" in line]
    assert len(problems) == 1 and reason in problems[0], done.stdout
    assert "Traceback" not in done.stderr


@pytestmark_posix
@pytest.mark.parametrize("case", sorted(HOSTILE_FILES))
def test_build_of_a_hostile_file_writes_nothing_and_does_not_suggest_force(tmp_path, case):
    make, reason = HOSTILE_FILES[case]
    path = tmp_path / "data.yaml"
    make(path)
    out = tmp_path / "out"
    done = _run("build", path, "-o", out, "--no-pdf")
    assert done.returncode == 2, done.stdout + done.stderr
    assert reason in done.stderr and "--force здесь не поможет" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists() or not any(out.iterdir())


@pytestmark_posix
def test_a_folder_with_hostile_files_still_reports_the_others(tmp_path, write_yaml):
    write_yaml(minimal(), "good.yaml")
    for case, (make, _) in HOSTILE_FILES.items():
        make(tmp_path / f"{case}.yaml")
    done = _run("validate", tmp_path, "--format", "json")
    import json

    report = json.loads(done.stdout)
    by_name = {Path(f["path"]).name: f for f in report["files"]}
    assert by_name["good.yaml"]["kind"] == "roadmap"
    assert all(p["severity"] != "error" for p in by_name["good.yaml"]["problems"]), by_name["good.yaml"]
    for case in HOSTILE_FILES:
        assert [p["rule"] for p in by_name[f"{case}.yaml"]["problems"]] == ["read-error"], case
    assert done.returncode == 2


def test_a_directory_named_as_a_file_is_refused(tmp_path):
    _folder(tmp_path / "x.yaml")
    done = _run("build", tmp_path / "x.yaml", "--no-pdf")
    assert done.returncode in (1, 2) and "Traceback" not in done.stderr, done.stderr


def test_messages_are_capped_per_file(write_yaml):
    data = minimal()
    # Thousands of typography notes and dangling codes: a broken file must not print them all.
    data["events"] = [
        {
            "name": f'"Событие" №{i}',
            "form": "семинар",
            "parameters": [f"x{i}"],
            "contingent": "a - b",
            "place": "УО",
            "dates": "Март 2025",
            "responsible": "ТМС",
        }
        for i in range(1500)
    ]
    (document,) = load_paths([write_yaml(data)])
    assert len(document.problems) == 201
    last = document.problems[-1]
    assert last.rule == "more-problems" and last.message.startswith("и ещё ")
    assert last.severity.value == "error"  # the hidden errors still count


# ---------------------------------------------------------------- the tool's own defects


def test_an_internal_error_exits_3_with_one_line_and_a_log(write_yaml, tmp_path, monkeypatch):
    code = (
        "import sys\n"
        "import dataclasses\n"
        "from neuspeh_cli.rules import RULES, all_rules\n"
        "all_rules()\n"
        "def broken(ctx):\n"
        "    raise ZeroDivisionError('injected')\n"
        "RULES['audit-empty'] = dataclasses.replace(RULES['audit-empty'], check=broken)\n"
        "from neuspeh_cli.cli import main\n"
        "sys.argv = ['neuspeh', 'validate', sys.argv[1]]\n"
        "main()\n"
    )
    path = write_yaml(minimal())
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=20, env=env)
    assert done.returncode == 3, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    lines = [line for line in done.stdout.splitlines() if "[internal-error]" in line]
    assert len(lines) == 1 and "дефект программы" in lines[0] and str(tmp_path / "cache") in lines[0], done.stdout
    log = (tmp_path / "cache" / "neuspeh" / "neuspeh-crash.log").read_text(encoding="utf-8")
    assert "ZeroDivisionError: injected" in log and "audit-empty" in log


def test_an_unexpected_exception_in_a_command_exits_3(tmp_path, monkeypatch, runner):
    from neuspeh_cli import build as build_module
    from neuspeh_cli.cli import app

    def broken(*args, **kwargs):
        raise RuntimeError("injected")

    monkeypatch.setattr(build_module, "build_files", broken)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("NEUSPEH_DEBUG", raising=False)
    result = runner.invoke(
        app, ["build", str(ROOT / "examples" / "ust-labinsk-2025.yaml"), "--no-pdf", "-o", str(tmp_path)]
    )
    assert result.exit_code == 3, result.output
    assert result.output.count("\n") == 1 and "внутренняя ошибка neuspeh" in result.output
    assert "RuntimeError: injected" in (tmp_path / "cache" / "neuspeh" / "neuspeh-crash.log").read_text(
        encoding="utf-8"
    )


def test_a_reader_that_goes_away_is_no_internal_error(tmp_path, write_yaml):
    """`neuspeh roadmap draft … | head -1`: the reader closes the pipe before the tool has written; that is no defect of
    the tool.
    """
    data = minimal()
    data["events"] = data["events"][2:]  # the parameters lose their events: the draft has lines to print
    path = write_yaml(data)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    process = subprocess.Popen(
        [sys.executable, "-m", "neuspeh_cli", "roadmap", "draft", str(path), "--dry-run"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    process.stdout.close()  # gone before the first line is written (start-up takes far longer)
    with process.stderr:
        stderr = process.stderr.read().decode("utf-8")
    process.wait(timeout=30)
    assert "внутренняя ошибка" not in stderr and "Traceback" not in stderr, stderr
    assert process.returncode == 1
    assert not (tmp_path / "cache" / "neuspeh" / "neuspeh-crash.log").exists()
