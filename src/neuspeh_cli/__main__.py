"""``neuspeh`` and ``python -m neuspeh_cli``.

For ``neuspeh build FILE`` LibreOffice is started first, before the CLI's
libraries are imported, so that its start-up overlaps all of our work.
SIGTERM and SIGHUP already end the tool like Ctrl-C from here on (the command
installs its own handling later, ``cli._app.reporting``): a signal in the
first tenth of a second must not leave that early LibreOffice running.

``neuspeh validate FILE…`` and ``neuspeh build FILE…`` with nothing but files and
their own options run without click and typer (their import is an eighth of
``validate``'s start-up); anything else — help, ``--watch``, an unknown or misspelt
option, a value that looks like an option — goes to the CLI, which says it as always.
"""

import sys

# ``validate``'s options as the CLI declares them (tests/test_startup.py compares them with the command).
PLAIN_FLAGS = {"--strict": "strict", "--quiet": "quiet", "-q": "quiet"}
PLAIN_FORMAT = ("--format", "-f")
PLAIN_FORMATS = ("text", "json", "github")


def plain_validate(args: list[str]) -> dict | None:
    """``validate``'s arguments when the command line is only files and known options; None otherwise."""
    if not args or args[0] != "validate":
        return None
    options: dict = {"paths": [], "format": "text", "strict": False, "quiet": False}
    rest = iter(args[1:])
    for arg in rest:
        if arg in PLAIN_FLAGS:
            options[PLAIN_FLAGS[arg]] = True
        elif arg in PLAIN_FORMAT:
            value = next(rest, None)
            if value not in PLAIN_FORMATS:
                return None  # click explains a missing or wrong value
            options["format"] = value
        elif arg.startswith("-") or not arg:
            return None  # help, «--», an option click knows better (or does not know)
        else:
            options["paths"].append(arg)
    return options if options["paths"] else None


# ``build``'s options as the CLI declares them (tests/test_startup.py compares them with the command).
BUILD_FLAGS = {"--no-pdf", "--force", "--with-measures", "--calendar", "--no-calendar", "--no-pdfa"}
BUILD_VALUES = {"-o": "out", "--output": "out", "--template": "template", "--pdf-engine": "pdf_engine"}
PDF_ENGINES = ("auto", "word", "libreoffice")


def plain_build(args: list[str]) -> dict | None:
    """``build``'s arguments when the command line is only files and known options; None otherwise."""
    if not args or args[0] != "build":
        return None
    options: dict = {"paths": [], "out": None, "template": None, "pdf_engine": "auto", "calendar": None}
    rest = iter(args[1:])
    for arg in rest:
        if arg in ("--calendar", "--no-calendar"):
            options["calendar"] = arg == "--calendar"  # None: the kind's default (a report has it, a roadmap not)
        elif arg in BUILD_FLAGS:
            options[arg[2:].replace("-", "_")] = True
        elif arg in BUILD_VALUES:
            value = next(rest, "")
            if not value or value.startswith("-"):
                return None  # click says what is missing, or takes the option for the value as it does
            options[BUILD_VALUES[arg]] = value
        elif arg.startswith("-") or not arg:
            return None
        else:
            options["paths"].append(arg)
    if options["pdf_engine"] not in PDF_ENGINES or not options["paths"]:
        return None
    return options


def _build(options: dict) -> int:
    from pathlib import Path

    from .build import BuildOptions, build_files, print_report
    from .exits import reporting

    with reporting():
        paths = [Path(p) for p in options["paths"]]
        report = build_files(
            paths,
            BuildOptions(
                out_dir=Path(options["out"]) if options["out"] is not None else None,
                template=Path(options["template"]) if options["template"] is not None else None,
                with_measures=options.get("with_measures", False),
                calendar=options["calendar"],
                pdf_engine="none" if options.get("no_pdf") else options["pdf_engine"],
                force=options.get("force", False),
                pdfa=not options.get("no_pdfa", False),
            ),
        )
        return print_report(report, paths)


def _validate(options: dict) -> int:
    from pathlib import Path

    from .exits import reporting
    from .validate import run

    with reporting():
        return run([Path(p) for p in options["paths"]], options["format"], options["strict"], options["quiet"])


def _early_signals() -> None:
    import signal

    from .errors import terminate

    def stop(signum, _frame):
        for name in ("SIGTERM", "SIGHUP"):
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), signal.SIG_IGN)
        terminate(signum)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)


def main() -> None:
    from .errors import Terminated

    _early_signals()
    try:
        options = plain_validate(sys.argv[1:])
        if options is not None:
            sys.exit(_validate(options))
        from .render.prestart import prestart

        prestart(sys.argv[1:])
        options = plain_build(sys.argv[1:])
        if options is not None:
            sys.exit(_build(options))
        from .cli import main as cli_main

        cli_main()
    except KeyboardInterrupt as exc:  # before the command's own handling: LibreOffice is ended at exit (atexit)
        sys.exit(128 + exc.signum if isinstance(exc, Terminated) else 130)


if __name__ == "__main__":
    main()
