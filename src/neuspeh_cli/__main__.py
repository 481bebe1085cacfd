"""``neuspeh`` and ``python -m neuspeh_cli``.

For ``neuspeh build FILE`` LibreOffice is started first, before the CLI's
libraries are imported, so that its start-up overlaps all of our work.
SIGTERM and SIGHUP already end the tool like Ctrl-C from here on (the command
installs its own handling later, ``cli._app.reporting``): a signal in the
first tenth of a second must not leave that early LibreOffice running.

``neuspeh validate FILE…`` with nothing but files and its own options runs without
click and typer (their import is an eighth of the command's start-up); anything
else — help, an unknown or misspelt option, no file found — goes to the CLI, which
says it as always.
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


def _validate(options: dict) -> int | None:
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
            code = _validate(options)
            if code is not None:
                sys.exit(code)
        from .render.prestart import prestart

        prestart(sys.argv[1:])
        from .cli import main as cli_main

        cli_main()
    except KeyboardInterrupt as exc:  # before the command's own handling: LibreOffice is ended at exit (atexit)
        sys.exit(128 + exc.signum if isinstance(exc, Terminated) else 130)


if __name__ == "__main__":
    main()
